"""The programme's loudness-normalised MP3 encode."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

import numpy as np

from ..errors import OutputError
from ..formats.files import atomic_path
from ..formats.pcm import FFMPEG_FORMAT
from . import ffmpeg
from .loudness import LoudnessMeter
from .programme import Programme

MP3_RATE = 44100
OVERSAMPLED_RATE = 4 * MP3_RATE  # the limiter works here so it catches inter-sample peaks
LIMITER_MARGIN_DB = 0.5  # headroom below the true-peak target for MP3 encoding overshoot
LIMITER_ATTACK_MS = 5
LIMITER_RELEASE_MS = 50
LAME_LOSS_DB = 0.5  # LAME reads ~0.5 LU quieter than its input (measured at 96k and 128k mono)
LIMITER_LOSS_SLOPE = 1.15  # more gain means more limiting: a little over-correction
SLICE = 1 << 16  # samples limited or written to ffmpeg at a time


def measure(chunks: Iterable[np.ndarray], rate: int) -> float:
    """Integrated loudness (LUFS) of audio given as chunks."""
    meter = LoudnessMeter(rate)
    for chunk in chunks:
        meter.add(chunk)
    return meter.integrated()


def loudness_gain(programme: Programme, target_lufs: float) -> float:
    """dB of gain that brings the programme to ``target_lufs`` (0 for silence)."""
    measured = measure(programme.chunks(), programme.rate)
    return target_lufs - measured if np.isfinite(measured) else 0.0


def plan_gain(programme: Programme, target_lufs: float, true_peak: float) -> float:
    """The gain for a single encode: what the limiter and LAME will take off, put back first.

    The limiter is simulated on the programme (peak envelope over its attack and
    release), so its loss is measured rather than guessed; LAME's is a constant.
    """
    gain = loudness_gain(programme, target_lufs) + LAME_LOSS_DB
    limited = measure(_simulate_limiter(programme, gain, true_peak), programme.rate)
    if np.isfinite(limited):
        gain += (target_lufs + LAME_LOSS_DB - limited) * LIMITER_LOSS_SLOPE
    return gain


def _simulate_limiter(programme: Programme, gain_db: float, true_peak: float) -> Iterator[np.ndarray]:
    """The programme after the gain and a limiter following its peak envelope, part by part."""
    ceiling = 10 ** ((true_peak - LIMITER_MARGIN_DB) / 20)
    window = max(1, round(programme.rate * (LIMITER_ATTACK_MS + LIMITER_RELEASE_MS) / 1000))
    scale = np.float32(10 ** (gain_db / 20) / 32768)
    for chunk in programme.chunks():
        yield from _limited(chunk, scale, ceiling, window)


def _limited(samples: np.ndarray, scale: np.float32, ceiling: float, window: int) -> Iterator[np.ndarray]:
    """``samples`` scaled and limited, a slice at a time: each slice's envelope sees a window's
    width of its neighbours, so the slices are those of the whole, and few floats are held."""
    from scipy.ndimage import maximum_filter1d

    for start in range(0, len(samples), SLICE):
        before = min(start, window)
        x = samples[start - before:start + SLICE + window].astype(np.float32) * scale
        envelope = maximum_filter1d(np.abs(x), size=window)
        limited = x * np.minimum(np.float32(1), ceiling / np.maximum(envelope, np.float32(1e-9)))
        yield limited[before:before + SLICE]


def _filters(gain_db: float, true_peak: float) -> str:
    """Gain in float, then a true-peak-ish limiter at 4x oversampling (no auto-level)."""
    limit = 10 ** ((true_peak - LIMITER_MARGIN_DB) / 20)
    return ",".join([
        f"volume={gain_db:.3f}dB:precision=float",
        f"aresample={OVERSAMPLED_RATE}",
        f"alimiter=limit={limit:.5f}:level=0:latency=1"
        f":attack={LIMITER_ATTACK_MS}:release={LIMITER_RELEASE_MS}",
        f"aresample={MP3_RATE}",
    ])


def encode_mp3(
    programme: Programme, target: Path, *, bitrate: str = "96k",
    target_lufs: float = -16.0, true_peak: float = -1.0,
) -> float:
    """Write ``programme`` as a loudness-normalised mono MP3 at ``target``; return the gain in dB."""
    target = Path(target)
    gain_db = plan_gain(programme, target_lufs, true_peak)
    try:
        with atomic_path(target, suffix=".mp3") as tmp:
            _encode(programme, tmp, gain_db, bitrate, true_peak)
    except OSError as error:
        raise OutputError(f"cannot write {target}: {error.strerror or error}") from None
    return gain_db


def _encode(programme: Programme, path: Path, gain_db: float, bitrate: str, true_peak: float) -> None:
    """One ffmpeg run: PCM on stdin -> gain -> limiter -> MP3 at ``path``."""
    args = [
        "-f", FFMPEG_FORMAT, "-ar", str(programme.rate), "-ac", "1", "-i", "pipe:0",
        "-af", _filters(gain_db, true_peak),
        "-c:a", "libmp3lame", "-b:a", bitrate, "-ar", str(MP3_RATE), "-ac", "1",
        "-map_metadata", "-1", "-write_xing", "1", "-id3v2_version", "0",
        "-f", "mp3", "-y", str(path),
    ]
    ffmpeg.run_streaming(args, programme.pcm(SLICE))
