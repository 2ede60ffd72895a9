"""Find a publication date written in any common way."""

from __future__ import annotations

import re
from datetime import date

_MONTHS = {m: i + 1 for i, m in enumerate(
    "january february march april may june july august september october november december".split())}
_MONTH = r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|" \
         r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_PATTERNS = [
    re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}\s*,?\s+{_YEAR}\b", re.IGNORECASE),
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.IGNORECASE),
    re.compile(rf"\b{_YEAR}([-/.])(?P<m>[01]?\d)\2(?P<day>[0-3]?\d)\b"),
]


_NUMERIC = re.compile(r"\b(?P<a>[0-3]?\d)[/.](?P<b>[0-3]?\d)[/.](?P<year>(?:19|20)\d\d)\b")


def find_date(text: str) -> tuple[str, str]:
    """Return (ISO date, text without it) for the first date in ``text``, or ("", text).

    Numeric dates count only when they cannot be misread: 8/27/2015 (month first, as US pages
    write) or 27/8/2015 (day first); 2/3/2016 could be either, so it is no date (see ``ambiguous_date``).
    """
    for pattern in _PATTERNS:
        for match in pattern.finditer(text):
            iso = _iso(match)
            if iso:
                return iso, (text[:match.start()] + text[match.end():]).strip()
    for match in _NUMERIC.finditer(text):
        iso = _numeric(match)
        if iso:
            return iso, (text[:match.start()] + text[match.end():]).strip()
    return "", text


def ambiguous_date(text: str) -> str:
    """A numeric date that reads two ways (2/3/2016), as written; "" if there is none."""
    match = next((m for m in _NUMERIC.finditer(text) if not _numeric(m) and _both_valid(m)), None)
    return match.group() if match else ""


def _numeric(match: re.Match) -> str:
    a, b, year = int(match.group("a")), int(match.group("b")), int(match.group("year"))
    if a == b:
        return _valid(year, a, b)
    if a > 12 >= b:
        return _valid(year, b, a)
    if b > 12 >= a:
        return _valid(year, a, b)
    return ""


def _both_valid(match: re.Match) -> bool:
    a, b, year = int(match.group("a")), int(match.group("b")), int(match.group("year"))
    return bool(_valid(year, a, b)) and bool(_valid(year, b, a))


def _valid(year: int, month: int, day: int) -> str:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return ""


def _iso(match: re.Match) -> str:
    groups = match.groupdict()
    month = int(groups["m"]) if groups.get("m") else _month_number(groups["month"])
    try:
        return date(int(groups["year"]), month, int(groups["day"])).isoformat()
    except ValueError:
        return ""


def _month_number(name: str) -> int:
    name = name.lower().rstrip(".")
    return next(n for full, n in _MONTHS.items() if full.startswith(name))
