"""Times as each file writes them, and read back: the one home of every clock format.

- ``millis``: seconds to whole milliseconds, never negative (ID3 chapters, transcripts);
- ``vtt_stamp`` 01:02:05.457 (WebVTT, and Podlove chapters as ``npt``), ``srt_stamp`` 01:02:05,457;
- ``clock`` 2:05 or 1:02:05, for people (show notes, pages); ``iso_duration`` PT1H2M5S (``<time>``);
- ``parse_vtt_stamp``: a WebVTT timestamp back to milliseconds.
"""

from __future__ import annotations

import re

# hours are optional in WebVTT ("02:05.457"); minutes and seconds have two digits, as we write them
VTT_STAMP = r"(?:\d+:)?\d{1,2}:\d{2}\.\d{3}"
_PARTS = re.compile(r"(?:(\d+):)?(\d{1,2}):(\d{2})\.(\d{3})")


def millis(seconds: float) -> int:
    """Whole milliseconds, rounded; never negative."""
    return max(0, round(float(seconds) * 1000))


def vtt_stamp(ms: int) -> str:
    """01:02:05.457: WebVTT's timestamp."""
    return _stamp(ms, ".")


def srt_stamp(ms: int) -> str:
    """01:02:05,457: SRT writes a comma before the milliseconds."""
    return _stamp(ms, ",")


def npt(seconds: float) -> str:
    """Normal play time as Podlove Simple Chapters writes it: HH:MM:SS.mmm."""
    return vtt_stamp(millis(seconds))


def parse_vtt_stamp(stamp: str) -> int:
    """Milliseconds of a WebVTT timestamp ("01:02:05.457" or "02:05.457"); ValueError if it is none."""
    match = _PARTS.fullmatch(stamp.strip())
    if not match:
        raise ValueError(f"not a WebVTT timestamp: {stamp!r}")
    hours, minutes, seconds, ms = (int(part or 0) for part in match.groups())
    return ((hours * 60 + minutes) * 60 + seconds) * 1000 + ms


def clock(seconds: float) -> str:
    """A time as listeners read it: M:SS, or H:MM:SS past the hour (whole seconds)."""
    hours, minutes, secs = _hms(seconds)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def iso_duration(seconds: float) -> str:
    """PT1H2M5S, for ``<time datetime>`` (whole seconds)."""
    hours, minutes, secs = _hms(seconds)
    return "PT" + (f"{hours}H" if hours else "") + (f"{minutes}M" if minutes or hours else "") + f"{secs}S"


def _hms(seconds: float) -> tuple[int, int, int]:
    minutes, secs = divmod(max(0, int(seconds)), 60)
    hours, minutes = divmod(minutes, 60)
    return hours, minutes, secs


def _stamp(ms: int, point: str) -> str:
    hours, rest = divmod(ms, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    seconds, part = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{seconds:02d}{point}{part:03d}"
