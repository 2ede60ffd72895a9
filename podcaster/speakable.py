"""Written text -> speakable text: what the engine hears (transcripts keep the written words).

Each rule is a small function from str to str, applied in order. Markup is never
passed through: the engine only ever sees plain words and punctuation.
"""

from __future__ import annotations

import re
from collections.abc import Callable

_MARKUP = re.compile(r"<[^>]{0,200}>")
_EMPHASIS = re.compile(r"(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1")
_DASH = re.compile(r"\s*[—–]\s*|\s+-\s+")
_ELLIPSIS = re.compile(r"\s*(?:…|\.\.\.)\s*")
_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "„": '"', "«": '"', "»": '"'})
_STAGE = re.compile(r"\[(?:laughs?|laughter|inaudible|crosstalk|pause|applause|sighs?|coughs?)\]|"
                    r"\((?:laughs?|laughter|inaudible|crosstalk|pause|applause|sighs?|coughs?)\)", re.IGNORECASE)
_SPACES = re.compile(r"\s+")
_PERCENT = re.compile(r"(\d)\s?%")
_YEAR = re.compile(r"\b(1[1-9]|20)(\d\d)\b(?!\s*(?:%|per ?cent|[-–]\d|,\d))")


def _strip_markup(text: str) -> str:
    text = _MARKUP.sub(" ", text)
    return _EMPHASIS.sub(r"\2", text).replace("&", " and ")


def _pauses(text: str) -> str:
    text = _DASH.sub(", ", text)
    return _ELLIPSIS.sub(", ", text)


def _quotes(text: str) -> str:
    # The engine reads quotation marks as pauses at best; drop them, keep apostrophes.
    text = text.translate(_QUOTES).replace('"', "")
    return re.sub(r"(?<![A-Za-z])'|'(?![A-Za-z])", "", text)


def _years(text: str) -> str:
    """1848 -> 18 48 (said "eighteen forty-eight"); 2005 -> 2005 (said "two thousand and five")."""
    def say(match: re.Match) -> str:
        century, rest = match.group(1), match.group(2)
        if century == "20" and int(rest) < 10:
            return match.group(0)
        return f"{century} {'hundred' if rest == '00' else ('oh ' + rest[1] if rest[0] == '0' else rest)}"
    return _YEAR.sub(say, text)


def _percent(text: str) -> str:
    return _PERCENT.sub(r"\1 percent", text)


RULES: list[Callable[[str], str]] = [
    lambda t: _STAGE.sub(" ", t), _strip_markup, _pauses, _quotes, _percent, _years,
]


def speakable(text: str, lexicon: dict[str, str] | None = None) -> str:
    for rule in RULES:
        text = rule(text)
    if lexicon:
        text = apply_lexicon(text, lexicon)
    return _SPACES.sub(" ", text).strip(" ,")


def apply_lexicon(text: str, lexicon: dict[str, str]) -> str:
    """Replace whole words or names by their respellings (longest entries first)."""
    for word in sorted(lexicon, key=len, reverse=True):
        text = re.sub(rf"(?<!\w){re.escape(word)}(?!\w)", lexicon[word], text)
    return text
