"""Processes as the kernel sees them (Linux /proc): who started whom, and who is still alive."""

from __future__ import annotations

from pathlib import Path

HAVE_PROC = Path("/proc/self/stat").exists()


def _stat(pid: int) -> list[str]:
    """Fields of /proc/PID/stat after the command name (which may hold spaces and brackets)."""
    return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()


def children(pids: set[int]) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if int(_stat(int(entry.name))[1]) in pids:
                    found.add(int(entry.name))
            except (OSError, IndexError):
                continue  # ended while we looked
    return found


def descendants(pid: int) -> set[int]:
    """Every process below ``pid`` (speech workers and whatever they started)."""
    found, frontier = set(), {pid}
    while frontier:
        frontier = children(frontier) - found
        found |= frontier
    return found


def alive(pid: int) -> bool:
    try:
        return _stat(pid)[0] != "Z"  # a zombie is dead, whoever has to reap it
    except OSError:
        return False
