"""Find a publication date written in any common way; the one list of month names."""

from __future__ import annotations

import re
from datetime import date

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
# a month written out or abbreviated (Jan, Sep, Sept), capitalised; with re.IGNORECASE, in any case
MONTH_NAME = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
              r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)")
_MONTH = rf"(?P<month>{MONTH_NAME})\.?"
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
    month = int(groups["m"]) if groups.get("m") else month_number(groups["month"])
    try:
        return date(int(groups["year"]), month, int(groups["day"])).isoformat()
    except ValueError:
        return ""


def full_month(name: str) -> str:
    """"January" for "January", "Jan" or "jan."."""
    return MONTHS[month_number(name) - 1]


def month_number(name: str) -> int:
    """1 for "January", "Jan" or "jan."; 9 for "Sept"."""
    name = name.lower().rstrip(".")
    return next(n for n, full in enumerate(MONTHS, start=1) if full.lower().startswith(name))
