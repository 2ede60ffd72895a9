"""Speaker labels at the start of a paragraph: `Name:`, `**Name:**`, `RW:`, `Q:`, `[00:12:03] Name:`."""

from __future__ import annotations

import re
from dataclasses import dataclass

_PARTICLE = r"(?:de|da|del|der|den|di|du|la|le|van|von|bin|al|el|ter|y|dos|das)"
_WORD = r"(?:[A-Z][\w'’.-]*|" + _PARTICLE + r")"
_NAME = rf"[A-Z][\w'’.-]*(?: {_WORD}){{0,4}}"
_STAMP = r"(?:[\[(]?\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d+)?[\])]?\s*)?"
_LABEL = re.compile(
    rf"^{_STAMP}(?P<open>\*\*|__)?(?P<name>{_NAME})(?:\*\*|__)?\s*[:：](?:\*\*|__)?\s+(?P<rest>\S.*)$",
    re.DOTALL)
ROLE_WORDS = {
    "q": "interviewer", "question": "interviewer", "interviewer": "interviewer", "host": "interviewer",
    "moderator": "interviewer", "presenter": "interviewer",
    "a": "guest", "answer": "guest", "guest": "guest", "interviewee": "guest",
}
_NOT_NAMES = {"note", "update", "editor's note", "editor’s note", "photo", "image", "source", "read more",
              "related", "warning", "correction", "disclaimer", "tags", "share", "credit", "caption",
              "watch", "listen", "see also", "summary", "background", "p.s", "ps", "nb", "tl;dr"}


@dataclass(frozen=True)
class Label:
    name: str  # as written, without markup
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
    return Label(name, match.group("rest").strip())


def initials(name: str) -> str:
    return "".join(w[0] for w in name.split() if w[:1].isupper())


def looks_like_full_name(name: str) -> bool:
    words = name.split()
    return 2 <= len(words) <= 5 and words[0][:1].isupper() and words[-1][:1].isupper()
