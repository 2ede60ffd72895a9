"""Spoken lines + music -> one programme, with the cue and chapter times it implies."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from pydub import AudioSegment

from ..formats.pcm import RATE, samples_of
from ..model import Chapter, Cue, Line, Pacing, Script
from .loudness import LoudnessMeter
from .programme import Programme

MUSIC_BELOW_SPEECH_LU = 4.0
MUSIC_SAMPLE_LINES = 24


@dataclass
class Timeline:
    programme: Programme
    cues: list[Cue]
    chapters: list[Chapter]


def gap_before(previous: Line, line: Line, pacing: Pacing) -> int:
    """Silence in ms between two lines: longer at a new paragraph, longest at a new speaker."""
    if line.speaker != previous.speaker:
        return pacing.speaker_ms
    if (line.turn, line.paragraph) != (previous.turn, previous.paragraph):
        return pacing.paragraph_ms
    return previous.voice.gap_ms


def assemble(script: Script, lines: list[Line], audio: list[AudioSegment],
             intro: AudioSegment | None = None, outro: AudioSegment | None = None,
             pacing: Pacing = Pacing()) -> Timeline:
    programme = Programme()
    if intro is not None and len(intro.raw_data):
        programme.append(intro)
        programme.silence(pacing.music_ms)
    cues: list[Cue] = []
    turn_starts: dict[int, float] = {}
    for i, (line, speech) in enumerate(zip(lines, audio)):
        if i:
            programme.silence(gap_before(lines[i - 1], line, pacing))
        start = programme.append(speech)
        turn_starts.setdefault(line.turn, start)
        cues.append(Cue(start, programme.duration, line.speaker, line.written))
    if outro is not None and len(outro.raw_data):
        programme.silence(pacing.music_ms)
        programme.append(outro)
    return Timeline(programme, cues, _chapters(script, turn_starts, programme.duration))


def music_level(audio: list[AudioSegment]) -> float:
    """Target loudness for music: a little under the speech it frames.

    Synthetic speech keeps an even level, so a sample of lines spread over the
    episode is measured rather than all of it.
    """
    meter = LoudnessMeter(RATE)
    step = max(1, len(audio) // MUSIC_SAMPLE_LINES)
    for speech in audio[::step]:
        meter.add(samples_of(speech))
    loudness = meter.integrated()
    return (loudness if np.isfinite(loudness) else -20.0) - MUSIC_BELOW_SPEECH_LU


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
