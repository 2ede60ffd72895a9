"""Encoded segments and programmes, kept by the digest of everything that went into their audio.

A segment is kept as ``<key>.mp3`` with ``<key>.sha256`` beside it (its key is the digest of its
content, then the gain it was encoded at, as ``+16.35``); a programme as
``<key>.json``: its segments in order and what the timeline needs without the audio (the
music's lengths). A rerun whose programme is known joins its segments and only retags; an
edit re-encodes the segments it touched. Anything missing, unreadable or not what was stored
is a miss (and removed); a store that fails is skipped. The newest entries are kept.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..formats.files import atomic_path, file_digest, write_bytes

FORMAT = 3  # part of every digest: bump when the audio a segment makes changes
KEEP_SEGMENTS = 400  # about four hours of speech in 2-minute segments (~170 MB)
KEEP_PROGRAMMES = 100


def digest(recipe: list) -> str:
    """A key: SHA-256 of a recipe (JSON: sentence keys, gaps, music, settings)."""
    return hashlib.sha256(json.dumps([FORMAT, recipe], sort_keys=True).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class KeptProgramme:
    """A programme encoded before: its music's lengths (for the timeline) and its segments, whole."""

    intro: int
    outro: int
    segments: list[Path]


class EncodedStore:
    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self._lock = threading.Lock()
        self._under_way: dict[str, threading.Event] = {}  # segments this run is encoding into the store

    def under_way(self, key: str) -> bool:
        """Whether segment ``key`` is being encoded into the store by this run (on another thread)."""
        with self._lock:
            return key in self._under_way

    def wait_for(self, key: str) -> Path | None:
        """Segment ``key`` once the encode under way finishes (None if it failed)."""
        with self._lock:
            done = self._under_way.get(key)
        if done is not None:
            done.wait()
        return self.segment(key)

    def segment(self, key: str) -> Path | None:
        """The stored segment ``key`` if it is there whole."""
        mp3, sha = self.folder / f"{key}.mp3", self.folder / f"{key}.sha256"
        try:
            if not mp3.is_symlink() and mp3.is_file() and sha.read_text(encoding="ascii") == file_digest(mp3):
                os.utime(mp3)  # recently used: kept longest
                return mp3
        except (OSError, ValueError):
            pass
        self._remove(mp3, sha)
        return None

    def gains(self, content: str) -> list[float]:
        """The gains (dB) at which segments of ``content`` are kept or being encoded (their keys
        are content + gain)."""
        with self._lock:
            keys = [key for key in self._under_way if key.startswith(content)]
        found = []
        for key in keys + [path.stem for path in self.folder.glob(f"{content}[+-]*.mp3")]:
            try:
                found.append(float(key[len(content):]))
            except ValueError:
                continue
        return found

    def encode_into(self, key: str, encode: Callable[[Path], object]) -> None:
        """Keep segment ``key`` as ``encode(path)`` writes it, straight into the store (a run killed
        meanwhile leaves a hidden part file, removed when that segment is next written)."""
        target, done = self.folder / f"{key}.mp3", threading.Event()
        with self._lock:
            self._under_way[key] = done
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            for dead in self.folder.glob(f".{key}.mp3.*"):
                dead.unlink(missing_ok=True)
            with atomic_path(target, suffix=".mp3") as tmp:
                encode(tmp)
            write_bytes(self.folder / f"{key}.sha256", file_digest(target).encode("ascii"))
            self._prune("*.mp3", KEEP_SEGMENTS, ".sha256")
        except OSError:
            pass  # a read-only cache: encoded again when wanted
        finally:
            with self._lock:
                self._under_way.pop(key, None)
            done.set()

    def keep_segment(self, key: str, mp3: Path) -> None:
        """Keep a copy of an encoded segment (a read-only cache costs an encode next time)."""
        self.encode_into(key, lambda tmp: shutil.copyfile(mp3, tmp))

    def programme(self, key: str) -> KeptProgramme | None:
        """Programme ``key`` as kept, when every one of its segments is there whole."""
        try:
            facts = json.loads((self.folder / f"{key}.json").read_text(encoding="utf-8"))
            keys, intro, outro = facts["segments"], int(facts["intro"]), int(facts["outro"])
        except (OSError, ValueError, TypeError, KeyError):
            return None
        paths = [self.segment(k) if isinstance(k, str) else None for k in keys] if isinstance(keys, list) else [None]
        if None in paths:
            return None
        return KeptProgramme(intro, outro, [path for path in paths if path])

    def keep_programme(self, key: str, facts: dict) -> None:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            write_bytes(self.folder / f"{key}.json", json.dumps(facts).encode("utf-8"))
            self._prune("*.json", KEEP_PROGRAMMES)
        except OSError:
            pass

    def _prune(self, pattern: str, keep: int, *siblings: str) -> None:
        kept = sorted(self.folder.glob(pattern), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in kept[keep:]:
            self._remove(old, *(old.with_suffix(suffix) for suffix in siblings))

    @staticmethod
    def _remove(*paths: Path) -> None:
        for path in paths:
            with contextlib.suppress(OSError):  # a read-only cache keeps it; it is only never used
                path.unlink(missing_ok=True)
