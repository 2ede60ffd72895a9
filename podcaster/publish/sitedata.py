"""What the listening pages show: WebVTT cues grouped into chapters and speaker turns."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

TIMING = re.compile(r"^\s*((?:\d+:)?\d{1,2}:\d{2}\.\d{3})\s+-->\s+((?:\d+:)?\d{1,2}:\d{2}\.\d{3})")
VOICE = re.compile(r"<v(?:\.[^\s>]*)?\s+([^>]*)>")
TAG = re.compile(r"<[^>]*>")


@dataclass(frozen=True)
class Line:
    """One cue of the transcript: seconds and plain text (unescaped; the template escapes)."""

    start: float
    end: float
    speaker: str
    text: str


@dataclass
class Turn:
    speaker: str
    lines: list[Line] = field(default_factory=list)


@dataclass
class Section:
    """The transcript under one chapter: number 1, 2, ... (0 for lines before the first)."""

    number: int
    title: str
    start: float
    turns: list[Turn] = field(default_factory=list)


def parse_vtt(text: str) -> list[Line]:
    """Cues of a WebVTT document with their ``<v Speaker>``; a cue without one keeps ""."""
    lines = []
    for block in re.split(r"\n\s*\n", text.replace("\r\n", "\n").replace("\r", "\n")):
        rows = block.strip("\n").split("\n")
        at = next((i for i, row in enumerate(rows) if TIMING.match(row)), None)
        if at is None:
            continue  # header, NOTE, STYLE or REGION block
        start, end = (seconds(s) for s in TIMING.match(rows[at]).groups())
        body = " ".join(rows[at + 1:])
        voice = VOICE.search(body)
        speaker = html.unescape(voice.group(1)).strip() if voice else ""
        words = " ".join(html.unescape(TAG.sub("", body)).split())
        if words:
            lines.append(Line(start, end, speaker, words))
    return sorted(lines, key=lambda line: line.start)


def seconds(stamp: str) -> float:
    parts = [float(p) for p in stamp.split(":")]
    return round(sum(p * 60 ** i for i, p in enumerate(reversed(parts))), 3)


def sections(lines: list[Line], chapters: list[dict]) -> list[Section]:
    """One section per chapter, in order, each with its lines in runs of one speaker."""
    marks = sorted(chapters, key=lambda c: float(c["start"]))
    found = [Section(0, "", 0.0)] + [Section(n, str(c["title"]), float(c["start"]))
                                     for n, c in enumerate(marks, start=1)]
    for line in lines:
        # stamps are rounded to the millisecond: a line may start just before its chapter
        section = [s for s in found if s.start <= line.start + 0.001][-1]
        if not section.turns or section.turns[-1].speaker != line.speaker:
            section.turns.append(Turn(line.speaker))
        section.turns[-1].lines.append(line)
    return found if found[0].turns else found[1:]


def clock(value: float) -> str:
    """12:05 or 1:02:05, for people."""
    minutes, secs = divmod(int(value), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def iso_duration(value: float) -> str:
    """PT1H2M5S, for ``<time datetime>``."""
    minutes, secs = divmod(int(value), 60)
    hours, minutes = divmod(minutes, 60)
    return "PT" + (f"{hours}H" if hours else "") + (f"{minutes}M" if minutes or hours else "") + f"{secs}S"
