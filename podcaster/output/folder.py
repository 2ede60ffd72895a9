"""The output folder as a small transaction: an episode's files appear together or not at all.

A render makes its files in a hidden staging folder inside the output folder,
holding a lock on that staging folder for as long as it lives. To commit, it
takes the output folder's lock, marks the staging folder complete and renames
the files into place. Anyone who later takes the folder lock (another render,
``podcaster feed``) first finishes a complete staging folder whose owner died
mid-commit and deletes incomplete ones whose owner is gone. The same lock keeps
two commits, or a commit and a feed being written, from interleaving.
"""

from __future__ import annotations

import fcntl
import json
import os
import re
import shutil
import tempfile
import time
from collections.abc import Callable, Sequence
from contextlib import contextmanager
from pathlib import Path

from ..errors import OutputError

LOCK_NAME = ".podcaster.lock"
STAGING_PREFIX = ".podcaster-"
OWNER_LOCK = ".owner.lock"
READY = ".ready.json"  # in a staging folder: the files to move, in order
# fsutil.atomic_path's temporary files (mkstemp: 8 random characters). In the folder itself they
# are written only under the folder lock, so one found by the lock's holder is a dead run's.
DEAD_PART = re.compile(r"\..+\.[a-z0-9_]{8}\.part")
LOCK_TIMEOUT = 120.0


@contextmanager
def folder_lock(folder: Path, timeout: float = LOCK_TIMEOUT):
    """Hold the output folder's lock, after tidying what dead runs left behind."""
    with _flock(Path(folder) / LOCK_NAME, timeout):
        recover(Path(folder))
        yield


class Staging:
    """A hidden folder in ``out_dir`` where one render makes its files."""

    def __init__(self, out_dir: Path):
        self.out_dir = Path(out_dir)
        self.path = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=self.out_dir))
        self._owner = open(self.path / OWNER_LOCK, "w")  # noqa: SIM115 - held for our lifetime
        fcntl.flock(self._owner, fcntl.LOCK_EX)

    def commit(self, files: Sequence[Path] | Callable[[], Sequence[Path]]) -> list[Path]:
        """Move ``files`` (inside the staging folder) into the output folder, in order.

        ``files`` may be a function that finishes the staged files and returns them: it runs
        under the folder lock, so what it reads of the folder cannot change before they land.
        """
        with folder_lock(self.out_dir):
            files = files() if callable(files) else files
            ready = self.path / READY
            ready.write_text(json.dumps([f.name for f in files]), encoding="utf-8")
            _sync(ready)
            return _move_all(self.path, self.out_dir)

    def discard(self) -> None:
        self._owner.close()
        shutil.rmtree(self.path, ignore_errors=True)

    def __enter__(self) -> Staging:
        return self

    def __exit__(self, *exc) -> None:
        self.discard()


def recover(folder: Path) -> None:
    """Finish complete commits of dead runs; delete their incomplete staging folders and part files."""
    for staging in sorted(folder.glob(STAGING_PREFIX + "*")):
        if not staging.is_dir() or _owner_alive(staging):
            continue
        if (staging / READY).is_file():
            _move_all(staging, folder)
        shutil.rmtree(staging, ignore_errors=True)
    for part in folder.glob(".*.part"):
        if DEAD_PART.fullmatch(part.name) and part.is_file():
            part.unlink(missing_ok=True)


def _move_all(staging: Path, folder: Path) -> list[Path]:
    names = json.loads((staging / READY).read_text(encoding="utf-8"))
    moved = []
    for name in names:
        source, target = staging / name, folder / name
        if source.exists():  # a resumed commit skips what was already moved
            os.replace(source, target)
        moved.append(target)
    return moved


def _owner_alive(staging: Path) -> bool:
    try:
        with open(staging / OWNER_LOCK, "a") as owner:
            fcntl.flock(owner, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    except OSError:
        return False  # no lock file: a staging folder from an older podcaster, or half made
    return False


@contextmanager
def _flock(path: Path, timeout: float):
    try:
        handle = open(path, "a")  # noqa: SIM115 - closed below
    except OSError as error:
        raise OutputError(f"cannot lock {path} ({error.strerror}): check the folder's permissions") from None
    try:
        _acquire(handle, path, timeout)
        yield
    finally:
        handle.close()  # releases the lock


def _acquire(handle, path: Path, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() > deadline:
                raise OutputError(f"{path.parent} is busy: another podcaster has held {path.name} for "
                                  f"{timeout:.0f} s; try again when it finishes") from None
            time.sleep(0.05)


def _sync(path: Path) -> None:
    with open(path, "rb") as handle:
        os.fsync(handle.fileno())
