"""Text to blocks: one block per paragraph or stand-alone line, with simple features.

Hard-wrapped lines are joined with a space. A line that starts with a speaker label (or is a
label alone, or follows one) is joined with a newline instead, so the splitter can still cut
the block at the labels it accepts: transcripts often put one turn per line, or the label on a
line of its own.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cached_property

from ..formats.punctuation import CLOSERS, SENTENCE_MARKS
from .dates import find_date
from .details import Details, read_details
from .labels import is_stage_direction, parse_label

# "…the tide.", "…です。", "…the tide. 🌙"
_TERMINAL = re.compile(rf"[{SENTENCE_MARKS}:][{CLOSERS}\]*_]*(?:\s*[^\w\s{SENTENCE_MARKS}:]{{1,4}})?$")
_WRITTEN_WITHOUT_SPACES = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
_INNER_SENTENCE_END = re.compile(rf"\w[{SENTENCE_MARKS}][{CLOSERS}]* [\"'“‘]?[A-Z]")
_BULLET = re.compile(r"^\s*(?:[•·▪◦‣*+-]|\d{1,3}[.)])\s+")
_KEY_VALUE = re.compile(r"^[A-Z][\w'’ -]{0,25}:\s+\S")  # "Date: June 3, 1998", a line of its own
_NAME_LINE = re.compile(r"^(?:[A-Z][\w'’.-]+ ?){1,4}$")
PROSE_WORDS = 40  # a block this long is prose even without final punctuation
WRAP = 60  # a line this long without final punctuation was wrapped; a shorter one may be a title
_OPEN_WORDS = {"a", "an", "the", "of", "on", "in", "at", "and", "or", "for", "to", "by", "with", "from", "as",
               "that", "which", "who", "is", "was", "are", "were", "but", "so", "his", "her", "their", "its"}


@dataclass
class Block:
    text: str
    caps_labels: frozenset = frozenset()  # names in capitals that stand alone on two lines or more

    @cached_property
    def words(self) -> int:
        """Words, counting each character of a language written without spaces (Chinese, Japanese)."""
        return len(self.text.split()) + len(_WRITTEN_WITHOUT_SPACES.findall(self.text))

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
        return bool(self.text) and not self.is_prose and self.words <= 20 and not self.is_label

    @cached_property
    def is_byline_like(self) -> bool:
        return bool(find_date(self.text)[0]) or self.text.lower().startswith("by ")

    @cached_property
    def is_name_line(self) -> bool:
        return self.words <= 4 and bool(_NAME_LINE.match(self.text))

    @cached_property
    def is_label(self) -> bool:
        """Starts with a speaker label of any form (the splitter decides which really are)."""
        return _is_label_line(self.text.split("\n", 1)[0], self.caps_labels)

    @cached_property
    def turns(self) -> int:
        """Lines of the block that start with a speaker label."""
        return sum(1 for line in self.text.split("\n") if _is_label_line(line, self.caps_labels))

    @cached_property
    def is_stage(self) -> bool:
        return is_stage_direction(self.text)


def split_blocks(text: str) -> list[Block]:
    """Paragraphs separated by blank lines; within one, hard-wrapped lines are joined."""
    chunks = [[line.strip() for line in chunk.split("\n") if line.strip()] for chunk in re.split(r"\n\s*\n", text)]
    caps = Counter(line for lines in chunks for line in lines if _caps_label(line))
    recurring = frozenset(name for name, count in caps.items() if count >= 2)
    return [Block(t, recurring) for lines in chunks for t in _join_wrapped(lines, recurring)]


def _caps_label(line: str) -> bool:
    label = parse_label(line)
    return label is not None and label.marked == "caps"


def _is_label_line(line: str, caps_labels: frozenset) -> bool:
    if read_details(line, Details()):  # "Place: the narrator's home" is a detail, not a turn
        return False
    label = parse_label(line)
    return label is not None and (label.marked != "caps" or line.strip() in caps_labels)


def _join_wrapped(lines: list[str], caps_labels: frozenset) -> list[str]:
    """Join lines that continue a sentence; keep list items and short lines apart; labels on new lines."""
    out: list[str] = []
    for line in lines:
        if out and _after_label(out[-1], line, caps_labels):
            out[-1] = f"{out[-1]}\n{line}"
        elif out and _continues(out[-1], line, caps_labels):
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
    return out


def _after_label(previous: str, line: str, caps_labels: frozenset) -> bool:
    """A labelled line within a run of turns, or the words under a label alone on its line."""
    last = previous.rsplit("\n", 1)[-1]
    label_before = parse_label(last) if _is_label_line(last, caps_labels) else None
    if label_before is not None and not label_before.rest and not _BULLET.match(line):
        return True  # "Marta Quill:" or "INTERVIEWER" then the words
    return _is_label_line(line, caps_labels) and _is_label_line(previous.split("\n", 1)[0], caps_labels)


def _continues(previous: str, line: str, caps_labels: frozenset) -> bool:
    if _BULLET.match(line) or line.startswith("#") or _is_label_line(line, caps_labels) or _KEY_VALUE.match(line):
        return False
    last = previous.rsplit("\n", 1)[-1]
    if _TERMINAL.search(last):
        return False
    open_end = bool(re.search(r"[,;(–—-]$", last)) or last.rsplit(" ", 1)[-1].lower() in _OPEN_WORDS
    return len(last) >= WRAP or line[:1].islower() or open_end
