"""Rules that remove what should not be heard: control characters, stage directions, markup,
quotes; pauses for dashes."""

from __future__ import annotations

import re

from ...formats.plaintext import decode_entities, drop_tags, normalise
from ...read.stage import drop_cues

_EMPHASIS = re.compile(r"(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1")
_DASH = re.compile(r"\s*[—–―]\s*|\s+-{1,2}\s+|--")
_ELLIPSIS = re.compile(r"\s*(?:…|\.{3,})\s*")
_BRACKETS = re.compile(r"\s*[()\[\]{}]\s*")
_QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "“": '"', "”": '"', "„": '"', "«": '"',
                         "»": '"', "‹": "'", "›": "'", "`": "'"})
_LONE_APOSTROPHE = re.compile(r"(?<![A-Za-z0-9])'|'(?![A-Za-z])")
# Characters engines read aloud by name ("asterisk", "less than") or choke on.
_UNSPOKEN = re.compile(r"[<>&*_#|\\^~=+{}\[\]]")


def drop_control_characters(text: str) -> str:
    """Control, invisible and bidi-override characters, terminal escapes: a NUL cuts espeak short."""
    return normalise(text)


def drop_stage_directions(text: str) -> str:
    """``[laughs]``, ``(inaudible)``, ``[crosstalk]`` … are for readers, not listeners."""
    return drop_cues(text)


def strip_markup(text: str) -> str:
    """SSML and HTML tags, entities (``&eacute;`` is é), Markdown emphasis; ``&`` is said "and".

    Tags are dropped again after decoding, so ``&lt;speak&gt;`` is never markup either.
    """
    text = drop_tags(decode_entities(drop_tags(text)))
    return _EMPHASIS.sub(r"\2", text).replace("&", " and ")


def pauses(text: str) -> str:
    """Dashes, ellipses and brackets become a comma: a short pause for every engine."""
    text = _DASH.sub(", ", text)
    text = _ELLIPSIS.sub(", ", text)
    return _BRACKETS.sub(", ", text)


def drop_quotes(text: str) -> str:
    """Quotation marks are not spoken; apostrophes inside words stay (it's, the 1990s')."""
    text = text.translate(_QUOTES).replace('"', " ")
    return _LONE_APOSTROPHE.sub("", text)


def drop_unspoken(text: str) -> str:
    """Last rule: nothing the engine would read out as a symbol, and no markup at all."""
    return _UNSPOKEN.sub(" ", text)
