"""What becomes of a sentence the engine has spoken: the speech without its silent edges, and its
loudness profile (measured while the workers speak the next ones)."""

from __future__ import annotations

import numpy as np

from ..formats.pcm import RATE
from ..formats.profile import Profile, measure

SILENCE_THRESHOLD = 300  # |sample| below this (about -41 dBFS) counts as silence
EDGE_MS = 15  # silence kept either side of the trimmed speech


def trim_silence(samples: np.ndarray, rate: int = RATE) -> np.ndarray:
    loud = (samples > SILENCE_THRESHOLD) | (samples < -SILENCE_THRESHOLD)
    if not loud.any():
        return samples[:0]
    first, last = int(np.argmax(loud)), len(loud) - 1 - int(np.argmax(loud[::-1]))
    edge = rate * EDGE_MS // 1000
    return samples[max(0, first - edge): last + edge + 1].copy()


def trimmed_and_measured(pcm: bytes) -> tuple[np.ndarray, Profile]:
    """Engine PCM -> (trimmed samples, their profile)."""
    samples = trim_silence(np.frombuffer(pcm, dtype="<i2").astype(np.int16))
    return samples, measure(samples, RATE)
