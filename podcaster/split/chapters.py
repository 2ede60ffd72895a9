"""Short readable chapter titles: from an interviewer's question, a heading or a lead sentence."""

from __future__ import annotations

import re

from .sentences import sentences

MAX_TITLE = 60
NARRATED_CHAPTER = 4  # paragraphs per chapter in a narrated article without headings
_FILLER = re.compile(
    r"^(?:(?:so|and|but|now|well|finally|lastly|first(?:ly)?|first though|then|okay|ok|"
    r"let me (?:start|begin|ask|turn)(?: by asking)?|let's (?:turn|move on|look)|"
    r"to come back to [^,]*|i want to ask|can i ask|tell me|turning to)\b[,:]?\s*)+",
    re.IGNORECASE)
_VOCATIVE = re.compile(r"^(?:[A-Z][a-z]+),\s+")  # "Ash, what ..." -> "what ..."
_INNER_VOCATIVE = re.compile(r",\s+[A-Z][a-z]+,\s+")  # "start, Ash, with" -> "start with"
_WEAK_END = {"a", "an", "the", "of", "to", "and", "or", "but", "in", "on", "for", "with", "as",
             "at", "by", "from", "that", "which", "who", "is", "are", "was", "be", "your", "its",
             "their", "this", "these", "those", "so", "if", "whether", "about", "into", "than"}


def chapter_title(text: str, limit: int = MAX_TITLE) -> str:
    """The question's gist, at most ``limit`` characters; "" when the text has no words."""
    chosen = _question_sentence(text)
    if not chosen:
        return ""
    chosen = _INNER_VOCATIVE.sub(" ", chosen, count=1)
    chosen = _FILLER.sub("", chosen)
    chosen = _VOCATIVE.sub("", chosen)
    chosen = re.sub(r"^(?:with|about|on)\s+", "", chosen, flags=re.IGNORECASE)
    chosen = re.sub(r"\s+", " ", chosen).strip(" ,;:—–-")
    return _shorten(chosen[:1].upper() + chosen[1:], limit)


def _question_sentence(text: str) -> str:
    found = [s for p in text.split("\n\n") for s in sentences(p)]
    questions = [s for s in found if s.rstrip("”’\"' ").endswith("?")]
    return (questions or found or [""])[0]


def _shorten(title: str, limit: int) -> str:
    if len(title) <= limit:
        return title
    parts = re.split(r"(?<=[,;:—–])\s*", title[:limit])
    clause = parts[0].rstrip(",;:—– ")
    if len(parts) > 1 and len(clause) >= limit // 2:
        return _trim_weak(clause)
    words = title[: limit - 1].rsplit(" ", 1)[0].split()
    return _trim_weak(" ".join(words)) + "…"


def _trim_weak(title: str) -> str:
    words = title.rstrip(",;:—–-?.! ").split()
    while len(words) > 3 and words[-1].lower().strip(",;:") in _WEAK_END:
        words.pop()
    return " ".join(words).rstrip(",;:—–-")


def narrated_chapters(paragraphs: list[str], headings: dict[int, str]) -> dict[int, str]:
    """Paragraph index -> title of the chapter starting there: at headings, else every few paragraphs."""
    starts = sorted(i for i in headings if 0 <= i < len(paragraphs))
    if not starts:
        starts = list(range(0, len(paragraphs), NARRATED_CHAPTER))
        if len(starts) > 1 and len(paragraphs) - starts[-1] < NARRATED_CHAPTER // 2:
            starts.pop()  # a short tail joins the chapter before it
    if paragraphs and (not starts or starts[0] != 0):
        starts.insert(0, 0)
    return {i: heading_title(headings[i]) if i in headings else lead_title(paragraphs[i]) for i in starts}


def heading_title(heading: str, limit: int = MAX_TITLE) -> str:
    """A section heading without its Markdown marks."""
    title = re.sub(r"^#+\s*|^(\*\*|__)|(\*\*|__)$", "", heading.strip()).strip()
    return _shorten(title, limit)


def lead_title(text: str, limit: int = MAX_TITLE) -> str:
    """A paragraph's first sentence as a title."""
    first = next(iter(sentences(text)), "")
    first = re.sub(r"[*_]{2}|[\"“”]", "", first).strip().rstrip(".!…:;,")
    return _shorten(first, limit) if first else ""
