"""What a speech worker makes of a spoken sentence before handing it back: the speech without the
engine's silent edges, and its loudness profile (so the measuring runs on every worker's core)."""

from __future__ import annotations

import numpy as np

from ..formats.pcm import RATE
from ..formats.profile import measure

SILENCE_THRESHOLD = 300  # |sample| below this (about -41 dBFS) counts as silence
EDGE_MS = 15  # silence kept either side of the trimmed speech


def trim_silence(samples: np.ndarray, rate: int = RATE) -> np.ndarray:
    loud = np.flatnonzero(np.abs(samples.astype(np.int32)) > SILENCE_THRESHOLD)
    if not len(loud):
        return samples[:0]
    edge = rate * EDGE_MS // 1000
    return samples[max(0, loud[0] - edge): loud[-1] + edge + 1].copy()


def trimmed_and_measured(pcm: bytes) -> tuple[bytes, bytes]:
    """Engine PCM -> (trimmed PCM, its profile as bytes)."""
    samples = trim_silence(np.frombuffer(pcm, dtype="<i2").astype(np.int16))
    return samples.astype("<i2").tobytes(), measure(samples, RATE).to_bytes()
