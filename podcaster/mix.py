"""The programme (mono audio built by appending) and its loudness-normalised MP3 encode."""

from __future__ import annotations

from pathlib import Path
from typing import Iterable, Iterator

import numpy as np

from . import ffmpeg
from .errors import OutputError
from .fsutil import atomic_path
from .loudness import LoudnessMeter

RATE = 22050
MP3_RATE = 44100
OVERSAMPLED_RATE = 4 * MP3_RATE  # the limiter works here so it catches inter-sample peaks
LIMITER_MARGIN_DB = 0.5  # headroom below the true-peak target for MP3 encoding overshoot
LIMITER_ATTACK_MS = 5
LIMITER_RELEASE_MS = 50
LOUDNESS_TOLERANCE_LU = 0.2  # re-encode when the MP3 misses the target by more than this
MAX_CORRECTIONS = 2
PIPE_SLICE = 1 << 16  # samples written to ffmpeg at a time


class Programme:
    """Mono int16 audio at RATE built by appending; remembers nothing else."""

    def __init__(self, rate: int = RATE):
        self.rate = rate
        self._parts: list[np.ndarray] = []
        self._samples = 0

    def append(self, samples: np.ndarray) -> float:
        """Append mono audio (int16, or float in [-1, 1]); return its start time in seconds."""
        start = self._samples / self.rate
        part = _as_int16(samples)
        if part.size:
            self._parts.append(part)
            self._samples += part.size
        return start

    def silence(self, ms: float) -> float:
        """Append ``ms`` milliseconds of silence; return its start time in seconds."""
        return self.append(np.zeros(round(ms * self.rate / 1000), dtype=np.int16))

    @property
    def duration(self) -> float:
        return self._samples / self.rate

    def chunks(self) -> Iterator[np.ndarray]:
        """The appended parts in order."""
        yield from self._parts


def _as_int16(samples: np.ndarray) -> np.ndarray:
    samples = np.asarray(samples)
    if samples.ndim != 1:
        raise ValueError("Programme takes mono (1-D) audio")
    if samples.dtype.kind == "f":
        return np.clip(np.round(samples * 32767), -32768, 32767).astype(np.int16)
    return samples.astype(np.int16, copy=True)


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
    """Write ``programme`` as a loudness-normalised mono MP3 at ``target``; return the gain in dB.

    LAME and the limiter shave a few tenths of a LU off, so the MP3 is measured
    and, if it misses the target, encoded again with the gain corrected.
    """
    target = Path(target)
    gain_db = loudness_gain(programme, target_lufs)
    try:
        with atomic_path(target, suffix=".mp3") as tmp:
            for _ in range(MAX_CORRECTIONS + 1):
                _encode(programme, tmp, gain_db, bitrate, true_peak)
                miss = target_lufs - measure(ffmpeg.stream_pcm(tmp, MP3_RATE), MP3_RATE)
                if not np.isfinite(miss) or abs(miss) <= LOUDNESS_TOLERANCE_LU:
                    break
                gain_db += miss
    except OSError as error:
        raise OutputError(f"cannot write {target}: {error.strerror or error}") from None
    return gain_db


def _encode(programme: Programme, path: Path, gain_db: float, bitrate: str, true_peak: float) -> None:
    """One ffmpeg run: PCM on stdin -> gain -> limiter -> MP3 at ``path``."""
    args = [
        "-f", "s16le", "-ar", str(programme.rate), "-ac", "1", "-i", "pipe:0",
        "-af", _filters(gain_db, true_peak),
        "-c:a", "libmp3lame", "-b:a", bitrate, "-ar", str(MP3_RATE), "-ac", "1",
        "-map_metadata", "-1", "-write_xing", "1", "-id3v2_version", "0",
        "-f", "mp3", "-y", str(path),
    ]
    ffmpeg.run_streaming(args, _pcm_bytes(programme))


def _pcm_bytes(programme: Programme) -> Iterator[bytes]:
    """The programme as little-endian s16 bytes, a slice at a time."""
    for chunk in programme.chunks():
        for start in range(0, len(chunk), PIPE_SLICE):
            yield chunk[start:start + PIPE_SLICE].astype("<i2", copy=False).tobytes()
