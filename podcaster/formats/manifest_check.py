"""A manifest read from disk is checked field by field before anything is built from it.

Every key has a type, and every path built from a manifest stays inside its folder: the slug
is one ``slugify`` could make, file names are plain names, and a file may not be a link out.
"""

from __future__ import annotations

import math
from datetime import date, datetime
from pathlib import Path

from ..errors import PublishError
from .slug import is_slug

FILE_KINDS = ("mp3", "vtt", "srt", "chapters", "script", "cover")  # cover may be absent
FIX = "render the episode again or correct the manifest"


def check_manifest(data: object, path: Path, version: int) -> None:
    """Raise a one-line PublishError naming the first field that is missing or wrong."""
    if not isinstance(data, dict):
        raise PublishError(f"{path}: an episode manifest is a JSON object")
    for key, check in FIELDS.items():
        problem = check(data[key]) if key in data else None
        if problem:
            raise PublishError(f"{path}: {key!r} {problem}; {FIX}")
    for key in ("slug", "title", "guid"):
        if not data.get(key):
            raise PublishError(f"{path}: the manifest needs a non-empty {key!r}")
    if data.get("version", version) > version:
        raise PublishError(f"{path}: manifest version {data['version']} is newer than this podcaster")


def in_folder(folder: Path, name: str, manifest: Path) -> Path:
    """``folder/name``, refused if a link takes it outside the folder."""
    path = Path(folder) / name
    try:
        path.resolve().relative_to(Path(folder).resolve())
    except (ValueError, OSError):
        raise PublishError(f"{manifest}: {name} leads outside {folder}; replace the link with the file") from None
    return path


def plain_name(name: object) -> bool:
    """A file name alone: no folder, not hidden, nothing a file system reads specially."""
    return (isinstance(name, str) and 0 < len(name) <= 255 and not name.startswith(".")
            and not any(c in name for c in "/\\") and name.isprintable())


def _text(value) -> str | None:
    return None if isinstance(value, str) else "must be a string"


def _slug(value) -> str | None:
    if isinstance(value, str) and is_slug(value):
        return None
    return "must be a slug as podcaster makes them (a-z, 0-9 and single hyphens, at most 60)"


def _date(value) -> str | None:
    try:
        if value == "" or date.fromisoformat(value).isoformat() == value:
            return None
    except (TypeError, ValueError):
        pass
    return "must be a date written YYYY-MM-DD, or empty"


def _time(value) -> str | None:
    try:
        if value == "" or datetime.fromisoformat(value.replace("Z", "+00:00")).tzinfo:
            return None
    except (AttributeError, ValueError):
        pass
    return "must be a time like 2024-03-03T10:00:00Z, or empty"


def _names(value) -> str | None:
    if isinstance(value, list) and all(isinstance(n, str) for n in value):
        return None
    return "must be a list of names (strings)"


def _number(value) -> str | None:
    if isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value) and value >= 0:
        return None
    return "must be a number of seconds, 0 or more"


def _count(value) -> str | None:
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return None
    return "must be a whole number, 0 or more"


def _speakers(value) -> str | None:
    if isinstance(value, list) and all(isinstance(s, dict) and isinstance(s.get("name"), str)
                                       and isinstance(s.get("role"), str) for s in value):
        return None
    return 'must be a list of {"name": ..., "role": ...}'


def _chapters(value) -> str | None:
    if isinstance(value, list) and all(isinstance(c, dict) and isinstance(c.get("title"), str)
                                       and not _number(c.get("start")) and not _number(c.get("end"))
                                       for c in value):
        starts = [c["start"] for c in value]
        return None if starts == sorted(starts) else "must list the chapters in start order"
    return 'must be a list of {"title": ..., "start": seconds, "end": seconds}'


def _files(value) -> str | None:
    if isinstance(value, dict) and all(kind in FILE_KINDS and plain_name(name) for kind, name in value.items()):
        return None
    return f"must map {', '.join(FILE_KINDS)} to file names in the episode's folder (no folders, not hidden)"


def _version(value) -> str | None:
    return None if isinstance(value, int) and not isinstance(value, bool) else "must be a whole number"


FIELDS = {"slug": _slug, "title": _text, "guid": _text, "subtitle": _text, "date": _date,
          "publication": _text, "hosts": _names, "guests": _names, "speakers": _speakers,
          "duration": _number, "files": _files, "mp3_bytes": _count, "chapters": _chapters,
          "rendered": _time, "first_rendered": _time, "published": _time, "source_id": _text,
          "made_from": _text, "version": _version}
