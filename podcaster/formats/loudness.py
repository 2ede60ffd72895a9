"""ITU-R BS.1770-4 integrated loudness (LUFS) of mono audio, measured in chunks.

K-weighting is derived for the actual sample rate with libebur128's
bilinear-transform formulas and applied in numpy: the two biquads make one filter whose
impulse response dies out within a few thousand samples, run as an FFT convolution
(overlap-save; within 1e-12 of the recursive filter). Gating blocks are 400 ms with 75 %
overlap, built from 100 ms steps so the audio itself is never kept.
"""

from __future__ import annotations

import math
from functools import lru_cache

import numpy as np

ABSOLUTE_GATE = -70.0
RELATIVE_GATE = -10.0
STEPS_PER_BLOCK = 4  # 400 ms block = 4 steps of 100 ms
FFT_SIZE = 1 << 15  # samples per FFT of the overlap-save convolution
TAIL_LEVEL = 1e-13  # the impulse response is cut where it stays below this
BLOCK_SIZE = 1 << 16  # the largest FFT of a sentence: bigger ones fall out of the CPU's caches, 2.5x slower a sample


def _shelf(rate: float) -> tuple[np.ndarray, np.ndarray]:
    """Stage 1: high shelf modelling the head (+4 dB above ~1.7 kHz)."""
    f0, gain_db, q = 1681.974450955533, 3.999843853973347, 0.7071752369554196
    k = math.tan(math.pi * f0 / rate)
    vh = 10.0 ** (gain_db / 20.0)
    vb = vh ** 0.4996667741545416
    a0 = 1.0 + k / q + k * k
    b = [(vh + vb * k / q + k * k) / a0, 2.0 * (k * k - vh) / a0, (vh - vb * k / q + k * k) / a0]
    a = [1.0, 2.0 * (k * k - 1.0) / a0, (1.0 - k / q + k * k) / a0]
    return np.array(b), np.array(a)


def _highpass(rate: float) -> tuple[np.ndarray, np.ndarray]:
    """Stage 2: the RLB high-pass at ~38 Hz."""
    f0, q = 38.13547087602444, 0.5003270373238773
    k = math.tan(math.pi * f0 / rate)
    a0 = 1.0 + k / q + k * k
    b = [1.0, -2.0, 1.0]
    a = [1.0, 2.0 * (k * k - 1.0) / a0, (1.0 - k / q + k * k) / a0]
    return np.array(b), np.array(a)


def k_weighting(rate: float) -> list[tuple[np.ndarray, np.ndarray]]:
    """The two K-weighting biquads (b, a), applied in order."""
    return [_shelf(rate), _highpass(rate)]


@lru_cache(maxsize=8)
def k_response(rate: int) -> np.ndarray:
    """The K-weighting filter's impulse response, up to where it has died out."""
    (b1, a1), (b2, a2) = k_weighting(rate)
    b, a = np.convolve(b1, b2).tolist(), np.convolve(a1, a2).tolist()
    response: list[float] = []
    past_in, past_out = [0.0] * 4, [0.0] * 4  # x[n-1..n-4], y[n-1..n-4]
    quiet = 0  # the last samples in a row below TAIL_LEVEL
    while len(response) < rate:  # a second is far beyond any rate's tail
        x = 1.0 if not response else 0.0
        y = b[0] * x + sum(b[k + 1] * past_in[k] - a[k + 1] * past_out[k] for k in range(4))
        past_in, past_out = [x, *past_in[:3]], [y, *past_out[:3]]
        response.append(y)
        quiet = quiet + 1 if abs(y) < TAIL_LEVEL else 0
        if len(response) > 64 and quiet >= 64:
            break
    return np.array(response)


def k_weighted(samples: np.ndarray, rate: int) -> np.ndarray:
    """The K-weighted signal of audio heard from silence, its ring into the silence after included:
    one FFT convolution for a short sentence, overlap-save in blocks for anything longer."""
    x = as_float(samples, np.float32)
    length = len(x) + len(k_response(rate)) - 1
    size = _fft_size(length)
    if size <= BLOCK_SIZE:
        return np.fft.irfft(np.fft.rfft(x, size) * _response_spectrum(rate, size), size)[:length]
    return _overlap_save(x, rate, length)


def _fft_size(length: int) -> int:
    """The smallest size of the form 2^k, 3*2^k or 5*2^k that holds ``length`` samples: fast
    sizes, few enough that their spectra are worth keeping."""
    power = 1 << max(0, length - 1).bit_length()
    return min(size for size in (power, 3 * power // 4, 5 * power // 8) if size >= length)


def _overlap_save(x: np.ndarray, rate: int, length: int) -> np.ndarray:
    """``length`` samples of ``x`` K-weighted, one block of BLOCK_SIZE at a time."""
    keep = len(k_response(rate)) - 1
    step, spectrum = BLOCK_SIZE - keep, _response_spectrum(rate, BLOCK_SIZE)
    silence = np.zeros(keep, dtype=np.float32)
    padded = np.concatenate([silence, x, silence])
    out = np.empty(length, dtype=np.float32)
    for start in range(0, length, step):
        block = np.fft.irfft(np.fft.rfft(padded[start:start + BLOCK_SIZE], BLOCK_SIZE) * spectrum, BLOCK_SIZE)
        out[start:start + step] = block[keep:keep + min(step, length - start)]
    return out


@lru_cache(maxsize=16)
def _response_spectrum(rate: int, size: int) -> np.ndarray:
    return np.fft.rfft(k_response(rate).astype(np.float32), size)


class KFilter:
    """K-weighting over a stream of chunks (overlap-save): ``filtered = kfilter(chunk)``."""

    def __init__(self, rate: int):
        self.response = k_response(rate)
        self.size = max(FFT_SIZE, 2 * len(self.response))
        self.spectrum = np.fft.rfft(self.response, self.size)
        self.history = np.zeros(len(self.response) - 1)  # the input just before the next chunk

    def __call__(self, chunk: np.ndarray) -> np.ndarray:
        keep = len(self.history)
        step = self.size - keep
        padded = np.concatenate([self.history, as_float(chunk)])
        out = np.empty(len(padded) - keep)
        for start in range(0, len(out), step):
            piece = padded[start:start + self.size]
            filtered = np.fft.irfft(np.fft.rfft(piece, self.size) * self.spectrum, self.size)
            out[start:start + step] = filtered[keep:len(piece)]
        self.history = padded[len(padded) - keep:]
        return out

    def tail(self) -> np.ndarray:
        """What the filter still rings after the last chunk (as if silence followed)."""
        return self(np.zeros(len(self.history)))


def as_float(samples: np.ndarray, dtype: type = np.float64) -> np.ndarray:
    """Mono samples as floats in [-1, 1] (int16 is scaled)."""
    samples = np.asarray(samples)
    if samples.ndim != 1:
        raise ValueError("loudness expects mono (1-D) samples")
    if samples.dtype == np.int16:
        return samples.astype(dtype) * dtype(1 / 32768)
    return samples.astype(dtype, copy=False)


class LoudnessMeter:
    """Feed mono audio with ``add`` in any chunk sizes; read ``integrated()``."""

    def __init__(self, rate: int):
        self.rate = rate
        self._filter = KFilter(rate)
        self._step_energy: list[float] = []  # sum of squares of each finished 100 ms step
        self._step_lengths: list[int] = []
        self._pending_energy = 0.0  # the unfinished step
        self._pending_length = 0
        self._seen = 0  # samples added so far

    def _step_end(self, index: int) -> int:
        """Sample index where 100 ms step ``index`` ends (works for any rate)."""
        return round((index + 1) * self.rate / 10)

    def add(self, samples: np.ndarray) -> None:
        """Measure more audio; big arrays are taken in slices so memory stays small."""
        samples = np.asarray(samples)
        for start in range(0, len(samples), FFT_SIZE):
            self._add_filtered(self._filter(samples[start:start + FFT_SIZE]))

    def _add_filtered(self, x: np.ndarray) -> None:
        squares = x * x
        start = 0
        while start < len(squares):
            room = self._step_end(len(self._step_energy)) - self._seen
            take = squares[start:start + room]
            self._pending_energy += float(take.sum())
            self._pending_length += len(take)
            start += len(take)
            self._seen += len(take)
            if len(take) == room:
                self._step_energy.append(self._pending_energy)
                self._step_lengths.append(self._pending_length)
                self._pending_energy, self._pending_length = 0.0, 0

    def _block_powers(self) -> np.ndarray:
        """Mean square of every complete 400 ms block."""
        energy = np.asarray(self._step_energy)
        lengths = np.asarray(self._step_lengths)
        if len(energy) < STEPS_PER_BLOCK:
            return np.zeros(0)
        window = np.ones(STEPS_PER_BLOCK)
        return np.convolve(energy, window, "valid") / np.convolve(lengths, window, "valid")

    def integrated(self) -> float:
        """Gated integrated loudness in LUFS; -inf when nothing passes the gates."""
        return gated_loudness(self._block_powers())


def gated_loudness(powers: np.ndarray) -> float:
    """Integrated loudness (LUFS) from the mean squares of the 400 ms blocks, gated as BS.1770 says."""
    with np.errstate(divide="ignore"):
        block_lufs = -0.691 + 10.0 * np.log10(powers)
    powers = powers[block_lufs > ABSOLUTE_GATE]
    block_lufs = block_lufs[block_lufs > ABSOLUTE_GATE]
    if powers.size == 0:
        return float("-inf")
    relative = -0.691 + 10.0 * math.log10(powers.mean()) + RELATIVE_GATE
    gated = powers[block_lufs > relative]
    return -0.691 + 10.0 * math.log10(gated.mean())


def integrated_loudness(samples: np.ndarray, rate: int) -> float:
    """Integrated loudness of a whole mono signal in LUFS."""
    meter = LoudnessMeter(rate)
    meter.add(samples)
    return meter.integrated()
