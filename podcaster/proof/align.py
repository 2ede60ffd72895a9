"""Written words against heard ones: both made speakable by the same rules (so "2019" and
"twenty nineteen" agree), then aligned by least edits."""

from __future__ import annotations

import re
from functools import lru_cache

from ..plan.speakable import speakable

_NOT_A_WORD = re.compile(r"[^a-z0-9' ]+")
# British and American spellings of one word are heard alike: both are compared as one form
_SPELLINGS = [(re.compile(pattern), plain) for pattern, plain in (
    (r"(?<!w)is(e|es|ed|ing|ation|ations)$", r"iz\1"), (r"ys(e|es|ed|ing)$", r"yz\1"),
    (r"our(s|ed|ing|hood|hoods)?$", r"or\1"),
    (r"tre(s)?$", r"ter\1"), (r"mme(s)?$", r"m\1"), (r"ogue(s)?$", r"og\1"), (r"ence$", r"ense"))]
Pair = tuple[str | None, str | None]  # (written, heard): None on the side that lacks the word


def words(text: str) -> list[str]:
    """The words of ``text`` as said, lower case, without punctuation, one spelling for each."""
    return list(_said(text))


@lru_cache(maxsize=65536)
def _said(text: str) -> tuple[str, ...]:
    """``words``, kept: a heard word is compared many times (each cue boundary tries several cuts)."""
    said = speakable(text).lower().replace("\u2019", "'").replace("-", " ")
    return tuple(_spelling(word.strip("'")) for word in _NOT_A_WORD.sub(" ", said).split() if word.strip("'"))


def _spelling(word: str) -> str:
    for pattern, plain in _SPELLINGS:
        if len(word) > 4:
            word = pattern.sub(plain, word)
    return word


def joined(words_: list[str], other: list[str]) -> list[str]:
    """``words_`` with two neighbours joined where ``other`` has them as one word ("well being",
    "wellbeing"): a compound written apart is not a word misheard."""
    whole, out, i = set(other), [], 0
    while i < len(words_):
        if i + 1 < len(words_) and words_[i] + words_[i + 1] in whole and words_[i] not in whole:
            out.append(words_[i] + words_[i + 1])
            i += 2
        else:
            out.append(words_[i])
            i += 1
    return out


def align(written: list[str], heard: list[str]) -> list[Pair]:
    """The least-edit alignment of two word lists (Levenshtein, with substitutions)."""
    rows, cols = len(written) + 1, len(heard) + 1
    cost = [[0] * cols for _ in range(rows)]
    for i in range(rows):
        cost[i][0] = i
    for j in range(cols):
        cost[0][j] = j
    for i in range(1, rows):
        for j in range(1, cols):
            same = written[i - 1] == heard[j - 1]
            cost[i][j] = min(cost[i - 1][j - 1] + (0 if same else 1), cost[i - 1][j] + 1, cost[i][j - 1] + 1)
    pairs: list[Pair] = []
    i, j = len(written), len(heard)
    while i or j:
        if i and j and cost[i][j] == cost[i - 1][j - 1] + (0 if written[i - 1] == heard[j - 1] else 1):
            pairs.append((written[i - 1], heard[j - 1]))
            i, j = i - 1, j - 1
        elif i and cost[i][j] == cost[i - 1][j] + 1:
            pairs.append((written[i - 1], None))
            i -= 1
        else:
            pairs.append((None, heard[j - 1]))
            j -= 1
    return pairs[::-1]


def errors(pairs: list[Pair]) -> int:
    return sum(w != h for w, h in pairs)
