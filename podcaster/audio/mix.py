"""The programme's loudness-normalised MP3: the gain is planned from the parts' loudness profiles;
then each segment streams, part by part with the gain and the peak limiter applied, to its own
ffmpeg pass, which raises it to the MP3's rate, where a second limiter catches the peaks between
samples, and encodes it. Segments are encoded two at a time, kept, and joined frame by frame."""

from __future__ import annotations

import tempfile
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..errors import OutputError
from ..formats.pcm import FFMPEG_FORMAT
from ..formats.profile import Layout
from . import ffmpeg
from .encoded import EncodedStore, digest
from .limiter import limited_slices
from .mp3join import join, read_encoded
from .programme import Programme, Segment

MP3_RATE = 44100  # twice the speech's rate: the second limiter sees the peaks between its samples
LIMITER_MARGIN_DB = 1.0  # our limiter's ceiling below the true-peak target
TRUE_PEAK_MARGIN_DB = 1.0  # the second limiter's, left for MP3 encoding overshoot
TRUE_PEAK_ATTACK_MS, TRUE_PEAK_RELEASE_MS = 1, 20
FULL_SCALE = 32767  # the limited audio (under the ceiling, so never clipped) goes to ffmpeg as 16-bit
LAME_LOSS_DB = 0.5  # LAME reads ~0.5 LU quieter than its input (measured at 96k and 128k mono)
MAX_BOOST_DB = 40.0  # the gain search stops here (a whisper is not made a shout)
SLICE = 1 << 16  # samples written to ffmpeg at a time
GAIN_TOLERANCE_DB = 0.2  # a kept segment's gain this near the planned one is used for the whole episode
PARALLEL_ENCODES = 2


@dataclass(frozen=True)
class Made:
    gain_db: float
    segments: list[str]  # their keys ("" for one that cannot be kept)


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
    programme: Programme, target: Path, *, bitrate: str = "96k", target_lufs: float = -16.0,
    true_peak: float = -1.0, store: EncodedStore | None = None, encoding: Callable[[], None] = lambda: None,
) -> Made:
    """Write ``programme`` as a loudness-normalised mono MP3 at ``target``: its segments are taken
    from ``store`` or encoded (two at a time, ``encoding()`` called first), then joined."""
    target = Path(target)
    segments = programme.segments()
    contents = segment_contents(segments, bitrate, true_peak)
    planned = plan_gain(programme.layout(), target_lufs, true_peak)
    gain_db = choose_gain(planned, [store.gains(c) if store and c else [] for c in contents])
    keys = [f"{content}{gain_db:+.2f}" if content else "" for content in contents]
    try:
        with tempfile.TemporaryDirectory(prefix=".segments-", dir=target.parent) as scratch:
            def encode(index: int) -> Path:
                path = Path(scratch) / f"{index}.mp3"
                encode_segment(programme, segments[index], path, keys[index], gain_db, store, bitrate, true_peak)
                return path

            paths = _kept_or_encoded(segments, keys, store, encode, encoding)
            join_segments(paths, [2 * (s.stop - s.start) for s in segments], target)
    except OSError as error:
        raise OutputError(f"cannot write {target}: {error.strerror or error}") from None
    return Made(gain_db, keys)


def _kept_or_encoded(segments: list[Segment], keys: list[str], store: EncodedStore | None,
                     encode: Callable[[int], Path], encoding: Callable[[], None]) -> list[Path]:
    """Each segment's MP3: kept in ``store``, or encoded, two at a time, the longest first (so
    neither core idles at the end). One that another thread is encoding into the store is waited
    for, after the others are started, and encoded here only if that failed."""
    later = [i for i, key in enumerate(keys) if store and key and store.under_way(key)]
    found: dict[int, Path | None] = {i: store.segment(key) for i, key in enumerate(keys)
                                     if key and i not in later} if store else {}
    todo = [i for i in range(len(segments)) if not found.get(i)]
    if todo:
        encoding()
    now = sorted(set(todo) - set(later), key=lambda i: segments[i].start - segments[i].stop)
    with ThreadPoolExecutor(PARALLEL_ENCODES) as pool:
        made = {i: pool.submit(encode, i) for i in now}
        for i in later:
            assert store is not None
            found[i] = store.wait_for(keys[i])
            if not found[i]:
                made[i] = pool.submit(encode, i)
        return [found.get(i) or made[i].result() for i in range(len(segments))]


def segment_contents(segments: list[Segment], bitrate: str, true_peak: float) -> list[str]:
    """Each segment's content key (its key less the gain; "" for one that cannot be kept)."""
    return [segment_key(index, segment, [bitrate, _filters(true_peak), ceiling(true_peak)])
            for index, segment in enumerate(segments)]


def encode_segment(programme: Programme, segment: Segment, path: Path, key: str, gain_db: float,
                   store: EncodedStore | None, bitrate: str = "96k", true_peak: float = -1.0) -> None:
    """One segment encoded to ``path`` (and kept in ``store`` under ``key``, if it has one)."""
    _encode(programme, segment, path, gain_db, bitrate, true_peak)
    if store and key:
        store.keep_segment(key, path)


def choose_gain(planned: float, kept: list[list[float]]) -> float:
    """The gain for every segment: the one most segments were kept at, if it is within
    ``GAIN_TOLERANCE_DB`` of ``planned`` (an edit elsewhere then re-encodes nothing else), else
    ``planned`` to 0.01 dB."""
    near = Counter(gain for gains in kept for gain in set(gains) if abs(gain - planned) <= GAIN_TOLERANCE_DB)
    if near:
        return max(near, key=lambda gain: (near[gain], -abs(gain - planned)))
    return round(planned, 2)


def join_segments(paths: list[Path], lengths: list[int], target: Path) -> None:
    """The encoded segments (``lengths`` samples each at the MP3's rate) joined into ``target``."""
    join([read_encoded(path) for path in paths], lengths, target)


def segment_key(index: int, segment: Segment, settings: list) -> str:
    """What a segment's audio is made of; "" when a part has no name (it cannot be kept)."""
    if any(not part.name for _, part in segment.parts):
        return ""
    parts = [(offset, part.name, part.frames) for offset, part in segment.parts]
    return digest([settings, index == 0, segment.stop - segment.start, parts])


def _encode(programme: Programme, segment: Segment, path: Path, gain_db: float, bitrate: str,
            true_peak: float) -> None:
    """One ffmpeg run: a segment, limited, on stdin -> MP3 at ``path`` with its Info frame."""
    args = [
        "-f", FFMPEG_FORMAT, "-ar", str(programme.rate), "-ac", "1", "-i", "pipe:0",
        "-af", _filters(true_peak),
        "-c:a", "libmp3lame", "-b:a", bitrate, "-ar", str(MP3_RATE), "-ac", "1",
        "-map_metadata", "-1", "-write_xing", "1", "-id3v2_version", "0",
        "-f", "mp3", "-y", str(path),
    ]
    chunks = programme.chunks(segment.start, segment.stop)
    ffmpeg.run_streaming(args, _limited(chunks, gain_db, ceiling(true_peak), programme.rate))


def _limited(chunks: Iterator[np.ndarray], gain_db: float, top: float, rate: int) -> Iterator[bytes]:
    """The parts after the gain and the limiter (each whole, as its envelope was measured), as
    16-bit bytes a slice at a time."""
    for samples in chunks:
        for limited in limited_slices(samples, gain_db, top, rate, SLICE):
            yield np.rint(limited * FULL_SCALE).astype(np.int16).tobytes()
