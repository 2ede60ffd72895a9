"""What the listening pages show: transcript cues grouped into chapters and speaker turns."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Chapter, Cue


@dataclass
class Turn:
    speaker: str
    lines: list[Cue] = field(default_factory=list)


@dataclass
class Section:
    """The transcript under one chapter: number 1, 2, ... (0 for lines before the first)."""

    number: int
    title: str
    start: float
    turns: list[Turn] = field(default_factory=list)


def sections(lines: list[Cue], chapters: list[Chapter]) -> list[Section]:
    """One section per chapter (in start order), each with its lines in runs of one speaker."""
    found = [Section(0, "", 0.0)] + [Section(n, c.title, c.start) for n, c in enumerate(chapters, start=1)]
    for line in lines:
        # stamps are rounded to the millisecond: a line may start just before its chapter
        section = [s for s in found if s.start <= line.start + 0.001][-1]
        if not section.turns or section.turns[-1].speaker != line.speaker:
            section.turns.append(Turn(line.speaker))
        section.turns[-1].lines.append(line)
    return found if found[0].turns else found[1:]
