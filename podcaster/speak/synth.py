"""Lines -> speech: a content-addressed cache in front of the speech worker pool.

Each sentence is cached as soon as it is spoken, with its loudness profile, so an interrupted
run resumes where it stopped and an edited script re-speaks only the sentences that changed.
What a render holds of a sentence is its length and profile; its samples stay on disk until
the encode reads them, so memory does not grow with the episode.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import struct
import zlib
from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
import platformdirs

from ..config.neural import model_identity
from ..errors import EngineError
from ..formats.files import write_bytes
from ..formats.pcm import RATE
from ..formats.profile import STEPS_PER_SECOND, Profile, measure
from ..model import Line, Voice
from .espeak import engine_version
from .measured import trim_silence, trimmed_and_measured
from .pool import SpeechPool, kind_of

__all__ = ["Speech", "SpeechCache", "speak_lines", "trim_silence"]

# magic, the entry's key (SHA-256 of format, engine, voice and text), sample count, profile size
# in bytes, CRC-32 of what follows; then the loudness profile, then int16 samples at 22050 Hz.
# The key in the header ties the samples to what they say.
MAGIC = b"PODPCM5\0"
HEADER = struct.Struct("<8s32sIII")
CACHE_FORMAT = 5  # part of every key: a new format never reads old entries
LONGEST_SECONDS = 600  # ten minutes: far beyond the longest line
MAX_ENTRY_BYTES = HEADER.size + 2 * RATE * LONGEST_SECONDS + 8 * (STEPS_PER_SECOND * LONGEST_SECONDS + 1024)
_READ_FLAGS = (os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
               | getattr(os, "O_BINARY", 0))


def cache_folder() -> Path:
    env = os.environ.get("PODCASTER_CACHE")
    return Path(env) if env else Path(platformdirs.user_cache_dir("podcaster")) / "speech"


class SpeechCache:
    """Entries are regular files of bounded size; anything else at their path is a miss, never read."""

    def __init__(self, folder: Path | None = None):
        self.folder = Path(folder) if folder else cache_folder()

    def key(self, text: str, voice: Voice) -> str:
        """SHA-256 of what makes the audio: the engine (its version, or the neural model's package
        version or file hash), the settings it reads, the text."""
        unread = {"gap_ms", "speed"} if voice.engine == "pyttsx3" else {"gap_ms", "rate", "pitch"}
        settings = {k: v for k, v in asdict(voice).items() if k not in unread}
        engine = engine_version() if voice.engine == "pyttsx3" else model_identity(voice.engine, voice.voice)
        blob = json.dumps([CACHE_FORMAT, engine, settings, text], sort_keys=True)
        return hashlib.sha256(blob.encode("utf-8")).hexdigest()

    def get(self, key: str) -> np.ndarray | None:
        """The cached samples, or None when missing, damaged or another entry's (then spoken again)."""
        entry = self.entry(key)
        return entry[0] if entry else None

    def entry(self, key: str) -> tuple[np.ndarray, Profile] | None:
        """The cached samples and their loudness profile, or None (as ``get``)."""
        data = _read_entry(self._path(key))
        if data is None or len(data) < HEADER.size:
            return None
        magic, digest, count, profile_size, crc = HEADER.unpack_from(data)
        body = memoryview(data)[HEADER.size:]
        if (magic != MAGIC or digest != bytes.fromhex(key) or len(body) != profile_size + 2 * count
                or profile_size % 8 or zlib.crc32(body) != crc):
            return None
        samples = np.frombuffer(body[profile_size:], dtype="<i2").astype(np.int16)
        return samples, Profile.from_bytes(body[:profile_size])

    def put(self, key: str, samples: np.ndarray, profile: Profile | None = None) -> bool:
        """Store an entry (measuring its profile if not given); False when it cannot be written
        (the others still are)."""
        profile = profile or measure(samples, RATE)
        body = profile.to_bytes() + samples.astype("<i2").tobytes()
        if HEADER.size + len(body) > MAX_ENTRY_BYTES:
            return False
        path = self._path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            # a run killed while writing this entry left its part file (a parallel run writing it too
            # loses its copy: that write is skipped, ours stands)
            for dead in path.parent.glob(f".{path.name}.*.part"):
                dead.unlink(missing_ok=True)
            header = HEADER.pack(MAGIC, bytes.fromhex(key), len(samples), len(body) - 2 * len(samples),
                                 zlib.crc32(body))
            write_bytes(path, header + body)
        except OSError:
            return False  # a read-only or blocked cache slows us down but must not stop us
        return True

    def voices(self, ask: Callable[[], dict], fresh: bool = False) -> dict:
        """The engine's voices and variants: remembered beside the entries for this engine, so a
        rerun need not wait for a worker to start to check the cast; ``ask()`` the first time
        (or when ``fresh``: a voice installed since)."""
        path = self.folder / "voices.json"
        try:
            known = json.loads(path.read_text(encoding="utf-8"))
            if not fresh and known.get("engine") == engine_version() and isinstance(known.get("offered"), dict):
                return known["offered"]
        except (OSError, ValueError, AttributeError):
            pass
        offered = ask()
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            write_bytes(path, json.dumps({"engine": engine_version(), "offered": offered}).encode("utf-8"))
        except OSError:
            pass
        return offered

    def forget(self, key: str) -> bool:
        """Drop the entry ``key`` (so it is spoken again); whether there was one."""
        try:
            self._path(key).unlink()
            return True
        except FileNotFoundError:
            return False

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.pcm"


def _read_entry(path: Path) -> bytes | None:
    """The bytes of a regular file up to MAX_ENTRY_BYTES; None for anything else.

    Opened without following a symlink and without blocking (a FIFO), checked before reading.
    """
    try:
        fd = os.open(path, _READ_FLAGS)
    except OSError:
        return None
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_ENTRY_BYTES:
        os.close(fd)
        return None
    try:
        with os.fdopen(fd, "rb") as entry:
            return entry.read(MAX_ENTRY_BYTES + 1)
    except OSError:
        return None


def _spread(keys: list[str], kinds: dict[str, str] | None = None) -> list[str]:
    """Every other sentence first, then the rest in order: half-way, what has been measured is a
    fair sample of the whole episode (its loudness), and the rest completes it from the start.
    Within each half, the sentences of one worker ``kinds[key]`` (a neural model) come together,
    those of the last model of the first half first in the second: each model is loaded at most
    twice (see SpeechPool)."""
    first, second = keys[::2], keys[1::2]
    if not kinds:
        return first + second
    order = list(dict.fromkeys(kinds[k] for k in first))
    second_order = list(dict.fromkeys([*order[-1:], *(kinds[k] for k in second)]))
    return (sorted(first, key=lambda k: order.index(kinds[k]))
            + sorted(second, key=lambda k: second_order.index(kinds[k])))


@dataclass(frozen=True, eq=False)
class Speech:
    """One spoken sentence as a render holds it: its length and loudness profile; the samples are
    read from the cache when wanted (or kept here when the cache could not store them)."""

    key: str
    frames: int
    profile: Profile
    cache: SpeechCache
    held: np.ndarray | None = None

    def samples(self) -> np.ndarray:
        if self.held is not None:
            return self.held
        samples = self.cache.get(self.key)
        if samples is None:
            raise EngineError(f"the speech cache changed during the render ({self.cache.folder}): run again")
        return samples


def spoken(key: str, samples: np.ndarray, profile: Profile, cache: SpeechCache) -> Speech:
    """A freshly spoken sentence, stored in the cache (and held only if that failed)."""
    stored = cache.put(key, samples, profile)
    return Speech(key, len(samples), profile, cache, None if stored else samples)


def speak_lines(lines: list[Line], cache: SpeechCache,
                progress: Callable[[int], None] = lambda n: None,
                pool: SpeechPool | None = None,
                ready: Callable[[int, Speech], None] = lambda i, s: None) -> list[Speech]:
    """Every line's speech, in order; ``progress(n)`` after each n lines become ready, and
    ``ready(i, speech)`` for each line as its speech is (cached ones first)."""
    speech: list[Speech | None] = [None] * len(lines)
    missing: dict[str, list[int]] = {}
    for i, line in enumerate(lines):
        key = cache.key(line.spoken, line.voice)
        cached = cache.entry(key)
        if cached is None:
            missing.setdefault(key, []).append(i)
        else:
            speech[i] = Speech(key, len(cached[0]), cached[1], cache)
    progress(len(lines) - sum(map(len, missing.values())))
    for i, found in enumerate(speech):
        if found is not None:
            ready(i, found)
    if missing:
        keys = _spread(list(missing), {k: kind_of(lines[i[0]].voice) for k, i in missing.items()})
        jobs = [(lines[missing[k][0]].spoken, lines[missing[k][0]].voice) for k in keys]
        with nullcontext(pool) if pool else SpeechPool() as speaker:
            for index, pcm in speaker.speak_all(jobs):
                made = spoken(keys[index], *trimmed_and_measured(pcm), cache)
                for i in missing[keys[index]]:
                    speech[i] = made
                    ready(i, made)
                progress(len(missing[keys[index]]))
    return [s for s in speech if s is not None]
