"""TOML settings files (cast.toml, lexicon.toml, show.toml): read strictly, errors point at the line."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from ..errors import ConfigError, at_line

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


def read_toml(path: Path) -> tuple[dict, str]:
    """The parsed table and the text it came from (for ``line_of``)."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: cannot read ({getattr(error, 'strerror', None) or error}); "
                          "save it as UTF-8 text") from None
    try:
        return tomllib.loads(text), text
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: not valid TOML: {error}; fix that line") from None


def toml_error(path: Path, text: str, key: str, message: str, table: str | None = None,
               kind: type[ConfigError] = ConfigError) -> ConfigError:
    """An error naming the file and the line where ``key`` is set (see ``line_of``)."""
    return kind(at_line(path, line_of(text, key, table), message))


def check_tables(path: Path, text: str, data: dict, known: set[str], advice: str) -> None:
    """Refuse the first table (or top-level key) that is not one of ``known``."""
    unknown = [table for table in data if table not in known]
    if unknown:
        raise toml_error(path, text, unknown[0], f"unknown table [{unknown[0]}]; {advice}")


def line_of(text: str, key: str, table: str | None = None) -> int:
    """1-based line where ``key`` is set (inside ``[table]`` if given), or its table header; 1 if not found."""
    lines = text.splitlines()
    start = 0
    if table is not None:
        header = _header(table)
        start = next((i for i, line in enumerate(lines) if header.match(line)), 0)
    name = re.escape(key)
    setting = re.compile(rf"^\s*(?:\"{name}\"|'{name}'|{name})\s*=")
    header = _header(key)
    return next((i + 1 for i, line in enumerate(lines[start:], start)
                 if setting.match(line) or header.match(line)), 1)


def _header(table: str) -> re.Pattern:
    """``[table]``, ``[speakers."Name"]`` style headers, quoted or not."""
    parts = [rf"(?:\"{re.escape(p)}\"|'{re.escape(p)}'|{re.escape(p)})" for p in _split_dotted(table)]
    return re.compile(r"^\s*\[\s*" + r"\s*\.\s*".join(parts) + r"\s*\]")


def _split_dotted(table: str) -> list[str]:
    """'speakers."Jane Doe"' -> ['speakers', 'Jane Doe']."""
    return [a or b for a, b in re.findall(r'"([^"]*)"|([^.\s"]+)', table)]
