"""Speaker labels at the start of a paragraph, and the names they stand for.

Forms read: `Name:`, `**Name:**`, `**Name**:`, `RW:`, `WILSON:`, `Q:`, `[00:12:03] Name:`,
`Name [00:12:03]:`, `Name (12:03):`. Stage directions (`[laughs]`, `(inaudible)`) are never names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_PARTICLE = r"(?:de|da|del|der|den|di|du|la|le|van|von|bin|al|el|ter|y|dos|das)"
_WORD = r"(?:[A-Z][\w'’.-]*|" + _PARTICLE + r")"
_NAME = rf"[A-Z][\w'’.-]*(?: {_WORD}){{0,4}}"
_TIME = r"\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d+)?"
_STAMP = rf"(?:[\[(]?{_TIME}[\])]?\s*)?"
_AFTER_STAMP = rf"(?:\s*[\[(]{_TIME}[\])])?"
_LABEL = re.compile(
    rf"^{_STAMP}(?P<open>\*\*|__)?(?P<name>{_NAME}){_AFTER_STAMP}(?:\*\*|__)?\s*[:：](?:\*\*|__)?\s+(?P<rest>\S.*)$",
    re.DOTALL)
_NAMES_IN_TEXT = re.compile(r"\b[A-Z][a-z'’-]+(?: (?:[A-Z][a-z'’-]+|" + _PARTICLE + r")){0,2} [A-Z][a-z'’-]+\b")
_NOT_FIRST_NAMES = {"the", "in", "on", "at", "why", "how", "what", "when", "where", "who", "a", "an",
                    "our", "my", "this", "that", "these", "with", "from", "for", "and", "but", "after"}
ROLE_WORDS = {
    "q": "interviewer", "question": "interviewer", "interviewer": "interviewer", "host": "interviewer",
    "moderator": "interviewer", "presenter": "interviewer", "chair": "interviewer",
    "a": "guest", "answer": "guest", "guest": "guest", "interviewee": "guest",
}
STAGE_WORDS = {"laughs", "laughter", "laughing", "inaudible", "crosstalk", "pause", "applause", "sighs",
               "coughs", "silence", "music", "unintelligible", "overlapping", "break", "end"}
_NOT_NAMES = {"note", "update", "editor's note", "editor’s note", "photo", "image", "source", "read more",
              "related", "warning", "correction", "disclaimer", "tags", "share", "credit", "caption",
              "watch", "listen", "see also", "summary", "background", "p.s", "ps", "nb", "tl;dr",
              "transcript", "advertisement", "sponsored", "more"} | STAGE_WORDS


@dataclass(frozen=True)
class Label:
    name: str  # as written, without markup or timestamp
    rest: str  # the paragraph without its label

    @property
    def role_word(self) -> str:
        """'interviewer' or 'guest' for labels like Q:, A:, Interviewer:; else ''."""
        return ROLE_WORDS.get(self.name.lower(), "")

    @property
    def is_initials(self) -> bool:
        return bool(re.fullmatch(r"[A-Z]{1,3}", self.name)) and not self.role_word


def parse_label(paragraph: str) -> Label | None:
    match = _LABEL.match(paragraph)
    if not match:
        return None
    name = match.group("name").strip()
    if name.lower() in _NOT_NAMES or len(name) > 40:
        return None
    rest = match.group("rest").strip()
    if match.group("open") and rest.endswith(match.group("open")) and rest.count(match.group("open")) == 1:
        rest = rest[:-2].rstrip()  # **Name: the whole turn in bold**
    return Label(name, rest)


_STAGE = re.compile(r"[\[(]\s*([a-z ]{3,30})\s*[\])]", re.IGNORECASE)


def is_stage_direction(paragraph: str) -> bool:
    """A paragraph that is only `[laughter]`, `(inaudible)`, `[crosstalk]`…: no words of its own."""
    rest = _STAGE.sub(lambda m: "" if m.group(1).strip().lower() in STAGE_WORDS else m.group(0), paragraph)
    return rest != paragraph and not re.sub(r"[\W_]+", "", rest)


def initials(name: str) -> str:
    return "".join(w[0] for w in name.split() if w[:1].isupper())


def looks_like_full_name(name: str) -> bool:
    words = name.split()
    return (2 <= len(words) <= 5 and words[0][:1].isupper() and words[-1][:1].isupper()
            and not name.isupper())


def names_in(text: str) -> list[str]:
    """Full names written in running text ("Ash Amin", "Ana de Souza"), in order, no repeats."""
    found: list[str] = []
    for match in _NAMES_IN_TEXT.finditer(text):
        words = match.group(0).split()
        while words and words[0].lower() in _NOT_FIRST_NAMES:
            words.pop(0)
        name = " ".join(words)
        if looks_like_full_name(name) and name not in found:
            found.append(name)
    return found


def expand_name(name: str, full_names: list[str]) -> str:
    """`RW` -> `Robin Wilson`, `WILSON` or `Wilson` -> `Robin Wilson` when a full name fits."""
    if looks_like_full_name(name):
        return name
    if len(name) <= 3 and name.isupper():
        match = next((n for n in full_names if initials(n) == name), "")
        if match:
            return match
    if " " not in name:
        key = name.lower()
        match = next((n for n in full_names if key in (n.split()[-1].lower(), n.split()[0].lower())), "")
        if match:
            return match
    return name.title() if name.isupper() and len(name) > 3 else name
