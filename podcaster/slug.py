"""Titles to safe file names: ASCII, lower case, hyphens."""

from __future__ import annotations

import re
import unicodedata

MAX_SLUG = 60
# Names Windows reserves for devices, whatever the extension: never a file name of ours.
_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}


def slugify(title: str) -> str:
    """A file-name stem that stays inside the output folder on any system."""
    ascii_text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    slug = ""
    for word in words:
        if len(slug) + len(word) + 1 > MAX_SLUG:
            break
        slug = f"{slug}-{word}" if slug else word
    if not slug:
        slug = words[0][:MAX_SLUG] if words else "episode"  # one very long word: cut it
    return f"{slug}-episode" if slug in _RESERVED else slug
