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
    re.compile(rf"\b{_YEAR}-(?P<m>[01]\d)-(?P<day>[0-3]\d)\b"),
]


def find_date(text: str) -> tuple[str, str]:
    """Return (ISO date, text without it) for the first date in ``text``, or ("", text)."""
    for pattern in _PATTERNS:
        for match in pattern.finditer(text):
            iso = _iso(match)
            if iso:
                return iso, (text[:match.start()] + text[match.end():]).strip()
    return "", text


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
