"""A part's loudness profile: what the programme's loudness and its limiter need, without the audio.

For every 20 ms step of a part (a sentence, a sting) the profile keeps two numbers: the energy
of its K-weighted samples, and that energy divided by the square of the limiter's envelope
there. At a gain G the limiter holds samples to its ceiling c, so the step's energy becomes
``min(G² · energy, c² · limited)``: exact where the limiter is idle or holds every sample of
the step, close in between. Placed on the programme's 100 ms grid, the steps make its gated
400 ms blocks, so the integrated loudness at any gain follows from the parts' profiles, which
are measured once and cached with each sentence: no pass over the programme's audio.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from .loudness import gated_loudness, k_weighted

LIMITER_WINDOW_MS = 15  # the limiter holds a peak's gain this long around it (centred)
STEPS_PER_SECOND = 50  # 20 ms steps: 441 samples at 22050 Hz
BLOCK_STEPS = 4  # a 400 ms gating block is four 100 ms steps
QUIET = 1e-6  # envelope floor: where the audio is this quiet the limiter is idle


@dataclass(frozen=True)
class Profile:
    energy: np.ndarray  # per 20 ms step: sum of K-weighted squares
    limited: np.ndarray  # per step: the same squares over the envelope's square

    def to_bytes(self) -> bytes:
        return np.stack([self.energy, self.limited]).astype("<f4").tobytes()

    @classmethod
    def from_bytes(cls, data: bytes | memoryview) -> Profile:
        pair = np.frombuffer(data, dtype="<f4").reshape(2, -1).astype(np.float32)  # small: kept per sentence
        return cls(pair[0], pair[1])


def measure(samples: np.ndarray, rate: int) -> Profile:
    """The profile of mono audio heard from silence and followed by silence (its filter ring too)."""
    step = _step(rate)
    filtered = k_weighted(samples, rate)
    heard = np.zeros(len(filtered), dtype=np.float32)
    heard[:len(samples)] = np.abs(np.asarray(samples, dtype=np.float32)) * np.float32(_scale(samples))
    env = np.maximum(envelope(heard, limiter_window(rate)), np.float32(QUIET))
    starts = np.arange(0, len(filtered), step)
    energy = np.add.reduceat(filtered * filtered, starts)
    limited = np.add.reduceat((filtered / env) ** 2, starts)
    return Profile(energy, limited)


def _scale(samples: np.ndarray) -> float:
    """What turns the samples into [-1, 1] (as ``loudness.as_float`` does)."""
    return 1 / 32768 if np.asarray(samples).dtype == np.int16 else 1.0


def limiter_window(rate: int) -> int:
    return max(1, round(rate * LIMITER_WINDOW_MS / 1000))


def envelope(x: np.ndarray, window: int) -> np.ndarray:
    """The largest |x| within ``window`` samples centred on each sample: maxima over spans doubled
    until the next doubling would pass the window, then two overlapping spans (exact; a few
    vectorised passes instead of a running maximum)."""
    magnitude = np.abs(x)
    before = window // 2  # and window - 1 - before after
    padded = np.zeros(len(x) + window - 1, dtype=magnitude.dtype)
    padded[before:before + len(x)] = magnitude
    running, span = padded, 1  # running[i] = max(padded[i:i + span])
    while 2 * span <= window:
        running = np.maximum(running[:-span], running[span:])
        span *= 2
    return np.maximum(running[:len(x)], running[window - span:window - span + len(x)])


class Layout:
    """Profiles placed in a programme of ``frames`` samples: its loudness at any gain and ceiling."""

    def __init__(self, placed: Iterable[tuple[int, Profile]], frames: int, rate: int):
        step, hundred = _step(rate), rate // 10
        self.steps = frames // hundred  # complete 100 ms steps, as a meter reading the audio counts
        where: list[np.ndarray] = [np.zeros(0, dtype=np.int32)]
        energy: list[np.ndarray] = [np.zeros(0, dtype=np.float32)]
        limited: list[np.ndarray] = [np.zeros(0, dtype=np.float32)]
        for start, profile in placed:
            middles = start + step * np.arange(len(profile.energy)) + step // 2
            where.append((middles // hundred).astype(np.int32))
            energy.append(profile.energy)
            limited.append(profile.limited)
        inside = np.concatenate(where) < self.steps  # a last part's ring past the end is not heard
        self.where: np.ndarray = np.concatenate(where)[inside]
        self.energy: np.ndarray = np.concatenate(energy)[inside]
        self.limited: np.ndarray = np.concatenate(limited)[inside]
        self.block_length = BLOCK_STEPS * hundred

    def loudness(self, gain_db: float = 0.0, ceiling: float | None = None) -> float:
        """Integrated loudness (LUFS) after ``gain_db``, with samples held to ``ceiling`` if given."""
        energy = self.energy * 10 ** (gain_db / 10)
        if ceiling is not None:
            energy = np.minimum(energy, ceiling * ceiling * self.limited)
        steps = np.bincount(self.where, weights=energy, minlength=self.steps)[:self.steps]
        if self.steps < BLOCK_STEPS:
            return float("-inf")
        return gated_loudness(np.convolve(steps, np.ones(BLOCK_STEPS), "valid") / self.block_length)


def _step(rate: int) -> int:
    if rate % STEPS_PER_SECOND:
        raise ValueError(f"a loudness profile needs a rate divisible by {STEPS_PER_SECOND} (got {rate})")
    return rate // STEPS_PER_SECOND
