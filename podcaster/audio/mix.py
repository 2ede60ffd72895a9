"""The programme's loudness-normalised MP3: the gain is planned from the parts' loudness profiles,
then each part streams to one ffmpeg pass with the gain and the peak limiter applied; ffmpeg
raises it to the MP3's rate, where a second limiter catches the peaks between samples, and encodes."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import numpy as np

from ..errors import OutputError
from ..formats.files import atomic_path
from ..formats.profile import Layout
from . import ffmpeg
from .limiter import limit
from .programme import Programme

MP3_RATE = 44100  # twice the speech's rate: the second limiter sees the peaks between its samples
LIMITER_MARGIN_DB = 1.0  # our limiter's ceiling below the true-peak target
TRUE_PEAK_MARGIN_DB = 0.8  # the second limiter's, left for MP3 encoding overshoot
TRUE_PEAK_ATTACK_MS, TRUE_PEAK_RELEASE_MS = 1, 20
FLOAT_FORMAT = "f32le" if sys.byteorder == "little" else "f32be"  # numpy's float32 bytes
LAME_LOSS_DB = 0.5  # LAME reads ~0.5 LU quieter than its input (measured at 96k and 128k mono)
MAX_BOOST_DB = 40.0  # the gain search stops here (a whisper is not made a shout)
SLICE = 1 << 16  # samples written to ffmpeg at a time


def ceiling(true_peak: float) -> float:
    """The limiter's ceiling (linear): the true-peak target less the margin for the MP3 encoder."""
    return 10 ** ((true_peak - LIMITER_MARGIN_DB) / 20)


def plan_gain(layout: Layout, target_lufs: float, true_peak: float) -> float:
    """The gain (dB) that brings the programme, once limited and encoded, to ``target_lufs``.

    Loudness after the limiter rises with the gain, so the gain is found by bisection on the
    profiles (0 for silence); LAME's small loss is put back first.
    """
    aim, limit = target_lufs + LAME_LOSS_DB, ceiling(true_peak)
    unlimited = layout.loudness()
    if not np.isfinite(unlimited):
        return 0.0
    low, high = aim - unlimited, min(aim - unlimited + 24.0, MAX_BOOST_DB)
    if layout.loudness(high, limit) < aim:
        return high
    for _ in range(40):  # to well under 0.001 dB
        middle = (low + high) / 2
        low, high = (middle, high) if layout.loudness(middle, limit) < aim else (low, middle)
    return (low + high) / 2


def _filters(true_peak: float) -> str:
    """Up to the MP3's rate, then a limiter for what lies between the samples (no auto-level,
    latency compensated); it rarely has anything to do."""
    limit = 10 ** ((true_peak - TRUE_PEAK_MARGIN_DB) / 20)
    return (f"aresample={MP3_RATE},alimiter=limit={limit:.5f}:level=0:latency=1"
            f":attack={TRUE_PEAK_ATTACK_MS}:release={TRUE_PEAK_RELEASE_MS}")


def encode_mp3(
    programme: Programme, target: Path, *, bitrate: str = "96k",
    target_lufs: float = -16.0, true_peak: float = -1.0,
) -> float:
    """Write ``programme`` as a loudness-normalised mono MP3 at ``target``; return the gain in dB."""
    target = Path(target)
    gain_db = plan_gain(programme.layout(), target_lufs, true_peak)
    try:
        with atomic_path(target, suffix=".mp3") as tmp:
            _encode(programme, tmp, gain_db, bitrate, true_peak)
    except OSError as error:
        raise OutputError(f"cannot write {target}: {error.strerror or error}") from None
    return gain_db


def _encode(programme: Programme, path: Path, gain_db: float, bitrate: str, true_peak: float) -> None:
    """One ffmpeg run: the limited programme on stdin -> MP3 at ``path``."""
    args = [
        "-f", FLOAT_FORMAT, "-ar", str(programme.rate), "-ac", "1", "-i", "pipe:0",
        "-af", _filters(true_peak),
        "-c:a", "libmp3lame", "-b:a", bitrate, "-ar", str(MP3_RATE), "-ac", "1",
        "-map_metadata", "-1", "-write_xing", "1", "-id3v2_version", "0",
        "-f", "mp3", "-y", str(path),
    ]
    ffmpeg.run_streaming(args, _limited(programme, gain_db, ceiling(true_peak)))


def _limited(programme: Programme, gain_db: float, top: float) -> Iterator[bytes]:
    """The programme's parts after the gain and the limiter (each whole, as its envelope was
    measured), as float32 bytes a slice at a time."""
    for samples in programme.chunks():
        limited = limit(samples, gain_db, top, programme.rate)
        for start in range(0, len(limited), SLICE):
            yield limited[start:start + SLICE].tobytes()
