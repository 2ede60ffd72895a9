"""Mono 16-bit PCM as pydub AudioSegments: made from numpy samples, read back as numpy views.

Music travels as AudioSegments (pydub fades it and sets its gain); numpy reads
them where pydub has no operation (loudness) without copying.
"""

from __future__ import annotations

import sys

import numpy as np
from pydub import AudioSegment

RATE = 22050  # espeak-ng's rate, and so the programme's
FFMPEG_FORMAT = "s16le" if sys.byteorder == "little" else "s16be"  # pydub's bytes: the machine's order


def to_segment(samples: np.ndarray, rate: int = RATE) -> AudioSegment:
    """Mono audio (int16, or float in [-1, 1], rounded and clipped) as an AudioSegment."""
    samples = np.asarray(samples)
    if samples.ndim != 1:
        raise ValueError("expected mono (1-D) samples")
    if samples.dtype.kind == "f":
        samples = np.clip(np.round(samples * 32767), -32768, 32767)
    pcm = samples.astype(np.int16, copy=False).tobytes()
    return AudioSegment(pcm, sample_width=2, frame_rate=rate, channels=1)


def samples_of(segment: AudioSegment) -> np.ndarray:
    """The segment's samples as a read-only int16 view of its bytes (no copy)."""
    if (segment.sample_width, segment.channels) != (2, 1):
        raise ValueError("expected mono 16-bit audio")
    return np.frombuffer(segment.raw_data, dtype=np.int16)


def silence(ms: float, rate: int = RATE) -> AudioSegment:
    """``ms`` milliseconds of silence, to the nearest sample."""
    return AudioSegment(bytes(2 * round(ms * rate / 1000)), sample_width=2, frame_rate=rate, channels=1)
