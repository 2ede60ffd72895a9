"""Written text -> speakable text: what the engine hears (transcripts keep the written words).

Each rule is a small function from str to str, applied in the order of RULES. A
lexicon's respellings are applied first (the user's word wins over the rules),
its espeak phonemes last (no rule may touch ``[[…]]``). The result is plain words
and punctuation: never markup, never symbols the engine would read by name, never
letters the voice cannot say (``writing``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from .cleanup import drop_control_characters, drop_quotes, drop_stage_directions, drop_unspoken, pauses, strip_markup
from .numbers import (
    say_dates,
    say_decades,
    say_money,
    say_numbered,
    say_numbers,
    say_ordinals,
    say_percentages,
    say_ranges,
    say_years,
)
from .web import say_emails, say_urls
from .words import say_abbreviations, say_acronyms, say_roman_numerals
from .writing import drop_unsayable

RULES: list[Callable[[str], str]] = [
    drop_control_characters, drop_stage_directions, strip_markup,
    say_emails, say_urls,
    say_abbreviations, say_roman_numerals, say_acronyms,
    say_money, say_percentages, say_numbered, say_dates, say_decades, say_years, say_ordinals,
    say_ranges, say_numbers,
    pauses, drop_quotes, drop_unspoken,
]
_SPACES = re.compile(r"\s+")
_SPACE_BEFORE_PUNCTUATION = re.compile(r"\s+([,.;:!?])")
_REPEATED_COMMAS = re.compile(r",(?:\s*,)+")
_LEADING_PUNCTUATION = re.compile(r"^[\s,.;:]+")


def speakable(text: str, respellings: Mapping[str, str] | None = None,
              phonemes: Mapping[str, str] | None = None, language: str = "en") -> str:
    """What a voice of ``language`` is given to say; text it cannot say is left out
    (``writing.unsayable`` tells what, for the notes)."""
    if respellings:
        text = replace_words(text, respellings)
    for rule in RULES:
        text = rule(text)
    text = tidy(drop_unsayable(text, language))
    return replace_words(text, phonemes) if phonemes else text


def tidy(text: str) -> str:
    """One space between words, no doubled or stranded commas."""
    text = _SPACES.sub(" ", text)
    text = _SPACE_BEFORE_PUNCTUATION.sub(r"\1", text)
    text = _REPEATED_COMMAS.sub(",", text)
    text = re.sub(r",([.;:!?])", r"\1", text)
    return _LEADING_PUNCTUATION.sub("", text).strip(" ,")


def replace_words(text: str, entries: Mapping[str, str]) -> str:
    """Whole words or names -> their replacements, longest first.

    A key written in lower case matches any capitalisation ("milieux" and "Milieux");
    a key with capitals matches exactly ("Nguyen", not "nguyen").
    """
    for word in sorted(entries, key=len, reverse=True):
        flags = re.IGNORECASE if word.islower() else 0
        pattern = re.compile(rf"(?<![\w\[]){re.escape(word)}(?![\w\]])", flags)
        text = pattern.sub(entries[word].replace("\\", "\\\\"), text)
    return text
