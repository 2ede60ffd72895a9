"""Speech engines. pyttsx3 (driving espeak-ng) is the one we ship; voices are engine/voice pairs."""

from .pool import SpeechPool, available_voices

__all__ = ["SpeechPool", "available_voices"]
