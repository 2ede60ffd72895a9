"""Script -> the lines to speak: one per sentence, with written and speakable text and a voice."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import pysbd

from .lexicon import Lexicon
from .model import Script, Voice
from .speak_text import speakable


@dataclass(frozen=True)
class Line:
    turn: int  # index into script.turns
    paragraph: int  # index within the turn
    speaker: str
    written: str  # for transcripts
    spoken: str  # for the engine
    voice: Voice


@lru_cache(maxsize=1)
def _segmenter() -> pysbd.Segmenter:
    return pysbd.Segmenter(language="en", clean=False)


def sentences(paragraph: str) -> list[str]:
    return [s.strip() for s in _segmenter().segment(paragraph) if s.strip()]


def plan_lines(script: Script, voice_for, lexicon: Lexicon | None = None) -> list[Line]:
    """``voice_for(speaker, role)`` gives each turn's voice; unspeakable sentences are skipped.

    The lexicon's entries for the voice's engine (respellings, espeak phonemes) apply.
    """
    lexicon = lexicon or Lexicon({}, {})
    lines = []
    for t, turn in enumerate(script.turns):
        voice = voice_for(turn.speaker, turn.role)
        respellings, phonemes = lexicon.for_engine(voice.engine)
        for p, paragraph in enumerate(turn.paragraphs):
            for sentence in sentences(paragraph):
                spoken = speakable(sentence, respellings, phonemes)
                if any(ch.isalnum() for ch in spoken):
                    lines.append(Line(t, p, turn.speaker, sentence, spoken, voice))
    return lines
