"""Encoded programmes kept by the digest of everything that went into their audio.

A rerun whose sentences, pacing, music and encoder settings are all unchanged finds its MP3
here (untagged: tags are written on the episode's own copy) and only retags, instead of
encoding again. The newest few are kept; older ones are removed when a new one is stored.
"""

from __future__ import annotations

import contextlib
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
        """The facts stored with programme ``key``, or None when it is not there whole (a damaged
        entry is removed, so it is encoded again)."""
        mp3, facts_path = self._paths(key)
        try:
            if mp3.is_symlink() or not mp3.is_file():
                return None
            facts = json.loads(facts_path.read_text(encoding="utf-8"))
            if isinstance(facts, dict) and file_digest(mp3) == facts.get("sha256"):
                return facts
        except (OSError, ValueError):
            pass
        with contextlib.suppress(OSError):  # a read-only cache keeps it; it is only never used
            mp3.unlink(missing_ok=True)
            facts_path.unlink(missing_ok=True)
        return None

    def copy(self, key: str, target: Path) -> bool:
        """Copy programme ``key`` to ``target``; False if it went missing since ``find``."""
        source, _ = self._paths(key)
        try:
            shutil.copyfile(source, target)
            os.utime(source)  # recently used: kept longest
        except OSError:
            return False
        return True

    def store(self, key: str, mp3: Path, facts: dict) -> None:
        """Keep a copy of ``mp3`` (untagged) and its facts under ``key``; prune the oldest."""
        target, facts_path = self._paths(key)
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            with atomic_path(target, suffix=".mp3") as tmp:
                shutil.copyfile(mp3, tmp)
            facts = {**facts, "sha256": file_digest(mp3)}
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
