"""Spoken lines + music -> one programme, with the cue and chapter times it implies."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ..formats.pcm import RATE
from ..formats.profile import Layout
from ..model import Chapter, Cue, Line, Pacing, Script
from .programme import Part, Programme

MUSIC_BELOW_SPEECH_LU = 4.0
SEGMENTS = 8  # the programme is encoded in about this many segments, cut between paragraphs
SEAM_LEAD_MS = 100  # a segment starts this long before its first words


@dataclass
class Timeline:
    programme: Programme
    cues: list[Cue]
    chapters: list[Chapter]
    music_frames: tuple[int, int] = (0, 0)  # intro, outro


def gap_before(previous: Line, line: Line, pacing: Pacing) -> int:
    """Silence in ms between two lines: longer at a new paragraph, longest at a new speaker."""
    if line.speaker != previous.speaker:
        return pacing.speaker_ms
    if (line.turn, line.paragraph) != (previous.turn, previous.paragraph):
        return pacing.paragraph_ms
    return previous.voice.gap_ms


def assemble(script: Script, lines: list[Line], audio: Sequence[Part],
             intro: Part | None = None, outro: Part | None = None,
             pacing: Pacing = Pacing(), segments: int = 1) -> Timeline:
    """The programme (music, lines and the silences between them) and its cue and chapter times.

    With ``segments`` > 1 it has seams before every k-th paragraph (k from the number of
    paragraphs, so an edit inside one leaves the others' segments as they were)."""
    every = _paragraphs_per_segment(lines, segments)
    paragraph = 0
    programme = Programme()
    if intro is not None and intro.frames:
        programme.add(intro)
        programme.silence(pacing.music_ms)
    cues: list[Cue] = []
    turn_starts: dict[int, float] = {}
    for i, (line, speech) in enumerate(zip(lines, audio)):
        if i:
            gap = gap_before(lines[i - 1], line, pacing)
            new_paragraph = (line.turn, line.paragraph) != (lines[i - 1].turn, lines[i - 1].paragraph)
            paragraph += new_paragraph
            if new_paragraph and every and paragraph % every == 0:
                programme.seam(gap, SEAM_LEAD_MS)
            else:
                programme.silence(gap)
        start = programme.add(speech)
        turn_starts.setdefault(line.turn, start)
        cues.append(Cue(start, programme.duration, line.speaker, line.written))
    if outro is not None and outro.frames:
        programme.silence(pacing.music_ms)
        programme.add(outro)
    music = tuple(part.frames if part is not None else 0 for part in (intro, outro))
    return Timeline(programme, cues, _chapters(script, turn_starts, programme.duration), (music[0], music[1]))


def _paragraphs_per_segment(lines: list[Line], segments: int) -> int:
    """Paragraphs in a segment (0: no seams)."""
    paragraphs = len({(line.turn, line.paragraph) for line in lines})
    return 0 if segments <= 1 or paragraphs < 2 else -(-paragraphs // segments)


def music_level(audio: Sequence[Part]) -> float:
    """Target loudness for music: a little under the speech it frames (its parts back to back)."""
    starts = np.cumsum([0] + [part.frames for part in audio])
    layout = Layout(((int(start), part.profile) for start, part in zip(starts, audio) if part.profile is not None),
                    int(starts[-1]), RATE)
    loudness = layout.loudness()
    return round((loudness if np.isfinite(loudness) else -20.0) - MUSIC_BELOW_SPEECH_LU, 1)


def _chapters(script: Script, turn_starts: dict[int, float], end: float) -> list[Chapter]:
    """The chapters in start order, each ending where the next starts and the last at ``end``.

    This is the one place chapters are ordered: every file written from them keeps this order.
    """
    marks = sorted(((turn_starts[t], turn.chapter) for t, turn in enumerate(script.turns)
                    if turn.chapter and t in turn_starts), key=lambda mark: mark[0])
    if marks:
        marks[0] = (0.0, marks[0][1])  # the first chapter covers the intro music too
    bounds = [start for start, _ in marks[1:]] + [end]
    return [Chapter(title, start, stop) for (start, title), stop in zip(marks, bounds)]
