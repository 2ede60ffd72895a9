"""The peak limiter, applied to each part as it streams to the encoder.

It is the limiter the loudness profiles model (formats/profile.py): every sample is held under
the ceiling by the gain its envelope (the largest peak within 15 ms around it) asks for, and that
gain is smoothed over 5 ms so it ramps instead of jumping. The smoothing window is shorter than
the envelope's, so the smoothed gain still holds every peak. Because the limiter is the model,
the loudness planned from the profiles is the loudness the listener hears.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

from ..formats.profile import QUIET, envelope, limiter_window

SMOOTHING_MS = 5


def limit(samples: np.ndarray, gain_db: float, ceiling: float, rate: int) -> np.ndarray:
    """``samples`` (int16) after ``gain_db``, held under ``ceiling`` (linear), as float32 in [-1, 1]."""
    return np.concatenate([np.zeros(0, np.float32), *limited_slices(samples, gain_db, ceiling, rate)])


def limited_slices(samples: np.ndarray, gain_db: float, ceiling: float, rate: int,
                   size: int = 1 << 16) -> Iterator[np.ndarray]:
    """``limit`` a slice of ``size`` samples at a time, each computed with enough of its neighbours
    (the envelope's and the smoothing's reach) to be exactly that part of the whole: memory stays
    small however long the sentence."""
    window, width = limiter_window(rate), max(1, round(rate * SMOOTHING_MS / 1000))
    reach = window // 2 + width
    scale = np.float32(10 ** (gain_db / 20) / 32768)
    for start in range(0, len(samples), size):
        low = max(0, start - reach)
        x = samples[low:start + size + reach].astype(np.float32) * scale
        if float(np.abs(x).max()) > ceiling:
            env = np.maximum(envelope(x, window), QUIET)
            x *= _smoothed(np.minimum(np.float32(1), np.float32(ceiling) / env), width).astype(np.float32)
        yield x[start - low:start - low + size]


def _smoothed(gain: np.ndarray, width: int) -> np.ndarray:
    """The moving average of ``gain`` over ``width`` samples centred on each (beyond the ends, the
    end's own gain: it holds every peak within reach of the end too)."""
    before = width // 2
    padded = np.pad(gain.astype(np.float64), (before, width - 1 - before), mode="edge")
    sums = np.concatenate([[0.0], np.cumsum(padded)])
    return (sums[width:] - sums[:-width]) / width
