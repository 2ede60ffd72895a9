"""Titles to safe file names: ASCII, lower case, hyphens; any script transliterated (anyascii)."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Callable

from anyascii import anyascii

MAX_SLUG = 60
# Names a system reserves whatever the extension: Windows' devices, and index (index.html is
# the site's page, which web servers answer "/" with). A title giving one gets "-episode".
_RESERVED = {"con", "prn", "aux", "nul", "index", *(f"com{i}" for i in range(10)),
             *(f"lpt{i}" for i in range(10))}
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# scripts written without spaces between words: each character is a syllable or a word
_SYLLABIC = ("CJK", "HIRAGANA", "KATAKANA", "HANGUL", "YI ")


def slugify(title: str) -> str:
    """A file-name stem that stays inside the output folder on any system."""
    words = re.findall(r"[a-z0-9]+", _latin(title).lower())
    slug = ""
    for word in words:
        if len(slug) + len(word) + 1 > MAX_SLUG:
            break
        slug = f"{slug}-{word}" if slug else word
    if not slug and words:
        slug = words[0][:MAX_SLUG]  # one very long word: cut it
    if not slug:  # no letter or digit in any script ("!!!"): a short hash tells titles apart
        slug = "episode-" + hashlib.sha256(title.encode("utf-8", "surrogatepass")).hexdigest()[:6]
    return f"{slug}-episode" if slug in _RESERVED else slug


def is_slug(text: str) -> bool:
    """What ``slugify`` can make: the only stems a manifest may name files with."""
    return len(text) <= MAX_SLUG and bool(_SLUG.fullmatch(text)) and text not in _RESERVED


def unique_slug(base: str, taken: Callable[[str], bool]) -> str:
    """``base``, or ``base-2``, ``base-3``… (cut to fit) for the first one not ``taken``."""
    slug, number = base, 1
    while taken(slug):
        number += 1
        suffix = f"-{number}"
        slug = _cut(base, MAX_SLUG - len(suffix)) + suffix
    return slug


def _cut(slug: str, room: int) -> str:
    """At most ``room`` characters, at a hyphen when there is one (whole words)."""
    if len(slug) <= room:
        return slug
    cut = slug[: room + 1].rsplit("-", 1)[0] if "-" in slug[: room + 1] else slug[:room]
    return cut.rstrip("-")


def _latin(title: str) -> str:
    """Letters and digits of any script in Latin letters; accents go, symbols and emoji become spaces."""
    out = []
    for char in unicodedata.normalize("NFC", title):
        kind = unicodedata.category(char)[0]
        if char.isascii() or kind not in "LNM":
            out.append(char if char.isascii() else " ")
        elif kind == "M":
            continue  # a combining accent left over
        elif unicodedata.name(char, "").startswith(_SYLLABIC):
            out.append(f" {anyascii(char)} ")
        else:
            out.append(anyascii(char))
    return "".join(out)
