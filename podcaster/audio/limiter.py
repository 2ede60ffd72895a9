"""The peak limiter, applied to each part as it streams to the encoder.

It is the limiter the loudness profiles model (formats/profile.py): every sample is held under
the ceiling by the gain its envelope (the largest peak within 55 ms around it) asks for, and that
gain is smoothed over 5 ms so it ramps instead of jumping. The smoothing window is shorter than
the envelope's, so the smoothed gain still holds every peak. Because the limiter is the model,
the loudness planned from the profiles is the loudness the listener hears.
"""

from __future__ import annotations

import numpy as np

from ..formats.profile import QUIET, envelope, limiter_window

SMOOTHING_MS = 5


def limit(samples: np.ndarray, gain_db: float, ceiling: float, rate: int) -> np.ndarray:
    """``samples`` (int16) after ``gain_db``, held under ``ceiling`` (linear), as float32 in [-1, 1]."""
    x = samples.astype(np.float32) * np.float32(10 ** (gain_db / 20) / 32768)
    if not len(x) or float(np.abs(x).max()) <= ceiling:
        return x
    gain = np.minimum(np.float32(1), np.float32(ceiling) / np.maximum(envelope(x, limiter_window(rate)), QUIET))
    return x * _smoothed(gain, max(1, round(rate * SMOOTHING_MS / 1000))).astype(np.float32)


def _smoothed(gain: np.ndarray, width: int) -> np.ndarray:
    """The moving average of ``gain`` over ``width`` samples centred on each (1 beyond the ends)."""
    before = width // 2
    padded = np.concatenate([np.ones(before), gain.astype(np.float64), np.ones(width - 1 - before)])
    sums = np.concatenate([[0.0], np.cumsum(padded)])
    return (sums[width:] - sums[:-width]) / width
