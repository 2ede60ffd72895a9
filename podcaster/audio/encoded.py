"""Encoded programmes kept by the digest of everything that went into their audio.

A rerun whose sentences, pacing, music and encoder settings are all unchanged finds its MP3
here (untagged: tags are written on the episode's own copy) and only retags, instead of
encoding again. The newest few are kept; older ones are removed when a new one is stored.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path

from ..formats.files import atomic_path, write_bytes

FORMAT = 1  # part of every digest: bump when the audio a programme makes changes
KEEP = 8  # programmes kept (an hour of speech is ~43 MB)


def digest(recipe: list) -> str:
    """The key of a programme: SHA-256 of its recipe (JSON: sentence keys, gaps, music, settings)."""
    return hashlib.sha256(json.dumps([FORMAT, recipe], sort_keys=True).encode("utf-8")).hexdigest()


def file_digest(path: Path) -> str:
    sha = hashlib.sha256()
    with open(path, "rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            sha.update(block)
    return sha.hexdigest()


class EncodedProgrammes:
    """``folder/<key>.mp3`` beside ``folder/<key>.json`` (what the timeline needs without the audio).

    Anything missing, unreadable or not a regular file is a miss; a store that fails is skipped.
    """

    def __init__(self, folder: Path):
        self.folder = Path(folder)

    def find(self, key: str) -> dict | None:
        """The facts stored with programme ``key``, or None when it is not (wholly) there."""
        mp3, facts = self._paths(key)
        try:
            if not (mp3.is_file() and not mp3.is_symlink() and mp3.stat().st_size > 0):
                return None
            found = json.loads(facts.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return found if isinstance(found, dict) else None

    def copy(self, key: str, target: Path) -> bool:
        """Copy programme ``key`` to ``target``; False if it went missing."""
        try:
            shutil.copyfile(self._paths(key)[0], target)
        except OSError:
            return False
        os.utime(self._paths(key)[0])  # recently used: kept longest
        return True

    def store(self, key: str, mp3: Path, facts: dict) -> None:
        """Keep a copy of ``mp3`` (untagged) and its facts under ``key``; prune the oldest."""
        target, facts_path = self._paths(key)
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            with atomic_path(target, suffix=".mp3") as tmp:
                shutil.copyfile(mp3, tmp)
            write_bytes(facts_path, json.dumps(facts).encode("utf-8"))
            self._prune()
        except OSError:
            pass  # a read-only cache costs an encode next time, nothing else

    def _paths(self, key: str) -> tuple[Path, Path]:
        return self.folder / f"{key}.mp3", self.folder / f"{key}.json"

    def _prune(self) -> None:
        kept = sorted(self.folder.glob("*.mp3"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in kept[KEEP:]:
            old.unlink(missing_ok=True)
            old.with_suffix(".json").unlink(missing_ok=True)
