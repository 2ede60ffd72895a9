"""The peak memory of a process and all its descendants, sampled while it runs (Linux /proc).

A neural render keeps its models in worker processes, and encodes with ffmpeg children: the
rendering process's own ru_maxrss leaves them out. This sums the resident set (RSS) of the whole
tree ten times a second and keeps the largest sum (a slight undercount between samples; shared
library pages count once per process, an overcount)."""

from __future__ import annotations

import os
import threading
from pathlib import Path

PAGE = os.sysconf("SC_PAGE_SIZE")
INTERVAL = 0.1  # seconds between samples


def descendants(pid: int) -> list[int]:
    found, todo = [], [pid]
    while todo:
        parent = todo.pop()
        found.append(parent)
        for task in Path(f"/proc/{parent}/task").glob("*/children"):
            try:
                todo += [int(child) for child in task.read_text().split()]
            except OSError:  # the task ended meanwhile
                pass
    return found


def resident_bytes(pid: int) -> int:
    try:
        return int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE
    except (OSError, IndexError):
        return 0


class TreePeak:
    """``with TreePeak(pid) as peak: …`` then ``peak.mb``: the largest RSS sum of ``pid``'s tree."""

    def __init__(self, pid: int):
        self.pid, self.peak = pid, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)

    def __enter__(self) -> TreePeak:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()

    @property
    def mb(self) -> float:
        return self.peak / 2**20

    def _watch(self) -> None:
        while not self._stop.wait(INTERVAL):
            self.peak = max(self.peak, sum(map(resident_bytes, descendants(self.pid))))
