"""Script -> the lines to speak: one per sentence, with written and speakable text and a voice."""

from __future__ import annotations

import re
from collections.abc import Mapping

from ..config.lexicon import Lexicon
from ..config.limits import MAX_LINE_CHARS
from ..formats.plaintext import decode_entities, drop_tags
from ..formats.punctuation import CLAUSE_MARKS
from ..model import Line, Script, Turn, Voice
from ..split.sentences import sentences
from .speakable import replace_words, speakable
from .speakable.writing import language_of, unsayable

QUOTE_WORDS, QUOTE_CHARS = 6, 40  # how a note quotes the start of a paragraph
LISTED_CHARS = 60  # how much of the text left out a note shows


def pieces(sentence: str, limit: int = MAX_LINE_CHARS) -> list[str]:
    """A sentence longer than ``limit``, in pieces of at most ``limit`` characters, every word kept
    in order: cut after clause punctuation where it can, else between words (a longer word stays whole)."""
    if len(sentence) <= limit:
        return [sentence]
    clauses = re.split(rf"(?<=[{CLAUSE_MARKS}])\s+", sentence.strip())
    parts = [part for clause in clauses for part in ([clause] if len(clause) <= limit else clause.split())]
    packed: list[str] = []
    for part in parts:
        if packed and len(packed[-1]) + 1 + len(part) <= limit:
            packed[-1] += " " + part
        else:
            packed.append(part)
    return packed


def plan_lines(script: Script, voices: Mapping[str, Voice],
               lexicon: Lexicon | None = None) -> tuple[list[Line], list[str]]:
    """The lines to speak, each speaker in ``voices[speaker]``, and notes on what cannot be said.

    The lexicon's entries for the voice's engine (respellings, espeak phonemes) apply. Text
    the voice cannot say (another writing system, emoji, symbols) is left out of the speech
    and named in the notes.
    """
    lexicon = lexicon or Lexicon({}, {})
    lines: list[Line] = []
    notes: list[str] = []
    for t, turn in enumerate(script.turns):
        voice = voices[turn.speaker]
        respellings, phonemes = lexicon.for_engine(voice.engine)
        for p, paragraph in enumerate(turn.paragraphs):
            said = [Line(t, p, turn.speaker, written, spoken, voice) for written, spoken
                    in spoken_sentences(paragraph, respellings, phonemes, voice_language(voice))]
            lines += said
            note = unsaid_note(turn, paragraph, voice, respellings, whole=not said)
            if note and note not in notes + script.notes:
                notes.append(note)
    return lines, notes


def spoken_sentences(paragraph: str, respellings, phonemes, language: str) -> list[tuple[str, str]]:
    """``(written, spoken)`` per sentence a voice of ``language`` can say.

    A sentence it cannot say at all (emoji alone, a line of Chinese) joins the written text
    of its neighbour, so that the transcript still shows it.
    """
    said: list[tuple[str, str]] = []
    unsaid = ""  # written text waiting for a sentence to join
    for sentence in (piece for whole in sentences(paragraph) for piece in pieces(whole)):
        written = transcript_text(sentence)
        spoken = speakable(sentence, respellings, phonemes, language)
        if any(ch.isalnum() for ch in spoken):
            said.append((f"{unsaid} {written}".strip(), spoken))
            unsaid = ""
        elif said:
            said[-1] = (f"{said[-1][0]} {written}".strip(), said[-1][1])
        else:
            unsaid = f"{unsaid} {written}".strip()
    return said


def transcript_text(sentence: str) -> str:
    """The words as a reader sees them: no tags, entities decoded, single spaces."""
    return " ".join(decode_entities(drop_tags(sentence)).split())


def unsaid_note(turn: Turn, paragraph: str, voice: Voice, respellings, whole: bool) -> str:
    """A note naming the text of ``paragraph`` the voice cannot say, or "" if it can say it all."""
    written = decode_entities(drop_tags(replace_words(paragraph, respellings or {})))
    left_out = unsayable(written, voice_language(voice))
    if not left_out:
        return ""
    reasons = ", ".join(dict.fromkeys(why for _, why in left_out))
    where = f'{turn.speaker}\'s paragraph "{quote(paragraph)}"'
    if whole:
        return f"{where} is not spoken: {reasons} the voice {voice.voice} cannot say"
    runs = " ".join(dict.fromkeys(run for run, _ in left_out))
    shown = runs if len(runs) <= LISTED_CHARS else runs[:LISTED_CHARS] + "…"
    return f"{where} is spoken without {shown} ({reasons} the voice {voice.voice} cannot say)"


def quote(paragraph: str) -> str:
    """The first words of a paragraph, as notes quote it so it can be searched for."""
    words = paragraph.split()
    start = " ".join(words[:QUOTE_WORDS])
    if len(start) > QUOTE_CHARS:
        return start[:QUOTE_CHARS].rstrip() + "…"
    return start + ("…" if len(words) > QUOTE_WORDS else "")


def voice_language(voice: Voice) -> str:
    """The language a voice speaks: an espeak voice's from its id; the neural voices speak English."""
    return language_of(voice.voice) if voice.engine == "pyttsx3" else "en"
