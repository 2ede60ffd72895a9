"""Text to blocks: one block per paragraph or stand-alone line, with simple features."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from .dates import find_date

_TERMINAL = re.compile(r"[.?!…:][\"'”’)\]*_]*$")
_INNER_SENTENCE_END = re.compile(r"\w[.?!][\"'”’)]* [\"'“‘]?[A-Z]")
_BULLET = re.compile(r"^\s*(?:[•·▪◦‣*+-]|\d{1,3}[.)])\s+")
_LABEL = re.compile(r"^\W{0,3}[A-Z][\w.'’ -]{0,40}:\W{0,2}\s+\S")
_NAME_LINE = re.compile(r"^(?:[A-Z][\w'’.-]+ ?){1,4}$")
PROSE_WORDS = 40  # a block this long is prose even without final punctuation


@dataclass
class Block:
    text: str

    @cached_property
    def words(self) -> int:
        return len(self.text.split())

    @cached_property
    def is_bullet(self) -> bool:
        return bool(_BULLET.match(self.text))

    @cached_property
    def is_prose(self) -> bool:
        """A sentence-like paragraph: ends as a sentence does, or is long."""
        if not self.text or self.is_bullet:
            return False
        ends_like_sentence = bool(_TERMINAL.search(self.text)) and not self.text.endswith(":")
        several_sentences = self.words >= 12 and bool(_INNER_SENTENCE_END.search(self.text))
        return (ends_like_sentence and self.words >= 2) or several_sentences or self.words >= PROSE_WORDS

    @cached_property
    def is_sentence_case(self) -> bool:
        """Mostly lower-case words, as in running text (headings are often Title Case)."""
        words = [w for w in self.text.split() if w[:1].isalpha()]
        capitals = sum(1 for w in words if w[0].isupper())
        return len(words) >= 5 and capitals <= 0.4 * len(words)

    @cached_property
    def is_heading(self) -> bool:
        return bool(self.text) and not self.is_prose and self.words <= 20

    @cached_property
    def is_byline_like(self) -> bool:
        return bool(find_date(self.text)[0]) or self.text.lower().startswith("by ")

    @cached_property
    def is_name_line(self) -> bool:
        return self.words <= 4 and bool(_NAME_LINE.match(self.text))


def split_blocks(text: str) -> list[Block]:
    """Paragraphs separated by blank lines; within one, hard-wrapped lines are joined."""
    blocks: list[Block] = []
    for chunk in re.split(r"\n\s*\n", text):
        lines = [line.strip() for line in chunk.split("\n") if line.strip()]
        blocks.extend(Block(t) for t in _join_wrapped(lines))
    return blocks


def _join_wrapped(lines: list[str]) -> list[str]:
    """Join lines that continue a sentence; keep list items, labels and short lines apart."""
    out: list[str] = []
    for line in lines:
        if out and _continues(out[-1], line):
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
    return out


def _continues(previous: str, line: str) -> bool:
    if _BULLET.match(line) or _LABEL.match(line) or line.startswith("#"):
        return False
    wrapped = len(previous) >= 40 and not _TERMINAL.search(previous)
    return wrapped or (line[:1].islower() and not _TERMINAL.search(previous))
