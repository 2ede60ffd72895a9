"""What ``podcaster batch`` is given, expanded into the articles to render, in order.

A source is a file, a folder (every article in it and its subfolders, hidden ones left out), a
glob (``archive/2024-*.md``), an http(s) URL, or ``@LIST``: a text file with one source per line
(blank lines and ``#`` comments skipped; relative paths are relative to the list's folder).
Paths become absolute here: the workers rendering them do not share our working folder.
"""

from __future__ import annotations

import glob
from dataclasses import dataclass
from pathlib import Path

from ..read import is_url

# what `podcaster episode` reads, by name: articles and saved scripts
ARTICLE_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".script.json")
GLOB_CHARACTERS = set("*?[")


@dataclass(frozen=True)
class Source:
    """One article to render, or (``problem`` set) a source that named nothing to render."""

    name: str
    problem: str = ""


def expand_sources(given: list[str], out_dir: Path | None = None) -> list[Source]:
    """Every article the sources name, once each, in the order given; ``out_dir`` (whose saved
    scripts are episodes, not sources) is never looked into."""
    found: dict[str, Source] = {}
    for source in given:
        for one in _expand(source, out_dir.absolute() if out_dir else None):
            found.setdefault(one.name, one)
    return list(found.values())


def _expand(source: str, out_dir: Path | None, listed: bool = False) -> list[Source]:
    if is_url(source):
        return [Source(source)]
    if source.startswith("@") and not listed:
        return _from_list(Path(source[1:]), out_dir)
    path = Path(source).expanduser()
    if path.is_dir():
        return _folder(path, out_dir) or [Source(source, f"{source}: no articles in this folder "
                                                          f"({', '.join(ARTICLE_SUFFIXES)})")]
    if GLOB_CHARACTERS & set(source) and not path.exists():
        matches = sorted(glob.glob(str(path), recursive=True))
        if not matches:
            return [Source(source, f"{source}: no file matches")]
        return [one for match in matches for one in _expand(match, out_dir, listed=True)]
    return [Source(str(path.absolute()))]  # a file, or a missing one: its render says what is wrong


def _folder(folder: Path, out_dir: Path | None) -> list[Source]:
    found = []
    for path in sorted(folder.absolute().rglob("*")):
        hidden = any(part.startswith(".") for part in path.relative_to(folder.absolute()).parts)
        if hidden or (out_dir and path.is_relative_to(out_dir)) or not path.is_file():
            continue
        if path.name.lower().endswith(ARTICLE_SUFFIXES):
            found.append(Source(str(path)))
    return found


def _from_list(listing: Path, out_dir: Path | None) -> list[Source]:
    try:
        lines = listing.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or error
        return [Source(f"@{listing}", f"@{listing}: cannot read the list ({reason})")]
    found = []
    for line in (line.strip() for line in lines):
        if not line or line.startswith("#"):
            continue
        if line.startswith("@"):
            found.append(Source(line, f"@{listing}: a list cannot name another list ({line})"))
            continue
        named = line if is_url(line) or Path(line).expanduser().is_absolute() else str(listing.parent / line)
        found.extend(_expand(named, out_dir, listed=True))
    return found
