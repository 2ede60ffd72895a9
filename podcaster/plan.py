"""Script -> the lines to speak: one per sentence, with written and speakable text and a voice."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import pysbd

from .lexicon import Lexicon
from .limits import MAX_LINE_CHARS
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


def pieces(sentence: str, limit: int = MAX_LINE_CHARS) -> list[str]:
    """A sentence longer than ``limit``, in pieces of at most ``limit`` characters, every word kept
    in order: cut after clause punctuation where it can, else between words (a longer word stays whole)."""
    if len(sentence) <= limit:
        return [sentence]
    clauses = re.split(r"(?<=[,;:—–])\s+", sentence.strip())
    parts = [part for clause in clauses for part in ([clause] if len(clause) <= limit else clause.split())]
    packed: list[str] = []
    for part in parts:
        if packed and len(packed[-1]) + 1 + len(part) <= limit:
            packed[-1] += " " + part
        else:
            packed.append(part)
    return packed


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
            for sentence in (piece for whole in sentences(paragraph) for piece in pieces(whole)):
                spoken = speakable(sentence, respellings, phonemes)
                if any(ch.isalnum() for ch in spoken):
                    lines.append(Line(t, p, turn.speaker, sentence, spoken, voice))
    return lines
