"""Episode details: the ``Key: value`` lines at the top of transcripts and oral histories.

``Host: Rafaela Montague``, ``**Guest:** Anselm Krüger, county archivist``, ``Narrator: Perpetua
Haldane-Ruiz; Interviewer: Lucas Ferreira-Nkemelu``, ``Length: 24 minutes``: they name the
people (an oral history's "narrator" is the person interviewed) and are never spoken.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..formats.punctuation import SENTENCE_MARKS
from .labels import looks_like_full_name

_DETAIL = re.compile(
    r"^(?:\*\*|__)?(?P<key>hosts?|co-?hosts?|guests?|interviewers?|interviewees?|interview|moderators?|narrators?|"
    r"also present|speakers?|with|featuring|length|duration|running time|runtime|recorded|recording date|date|"
    r"episode|season|producers?|produced by|editors?|edited by|transcript(?:ion)? by|transcribed by|transcriber|"
    r"music|location|place|topics?|subjects?|tags|name|video|audio|slides)\s*:(?:\*\*|__)?\s+(?P<value>.+)$",
    re.IGNORECASE)
_HOST_KEY = re.compile(r"(?:co-?)?hosts?|interviewers?|moderators?", re.IGNORECASE)
_GUEST_KEY = re.compile(r"guests?|interviewees?|interview|narrators?|also present|speakers?|with|featuring|name",
                        re.IGNORECASE)
MAX_VALUE_WORDS = 12
MAX_LIST_WORDS = 40  # "Subjects: closure of the fishery; marine heatwave; …"


@dataclass
class Details:
    hosts: list[str] = field(default_factory=list)
    guests: list[str] = field(default_factory=list)


def read_details(line: str, into: Details) -> bool:
    """True when ``line`` is one or more episode details (``;``-separated); their people go ``into``."""
    parts = [p for p in re.split(r"\s*;\s*(?=[A-Z][\w ]{0,20}:)", line.strip()) if p]
    found = [detail for part in parts if (detail := _detail(part)) is not None]
    if not parts or len(found) < len(parts):
        return False
    for key, names in found:
        if names is not None:
            (into.hosts if _HOST_KEY.fullmatch(key) else into.guests).extend(names)
    return True


def _detail(part: str) -> tuple[str, list[str] | None] | None:
    match = _DETAIL.match(part)
    value = match.group("value").strip().rstrip("*_ ") if match else ""
    key = match.group("key").lower() if match else ""
    longest = MAX_LIST_WORDS if re.match(r"subjects?|topics?|tags", key) else MAX_VALUE_WORDS
    if not match or len(value.split()) > longest or re.search(rf"[a-z]{{2}}[{SENTENCE_MARKS}]\s", value):
        return None
    if not (_HOST_KEY.fullmatch(key) or _GUEST_KEY.fullmatch(key)):
        return key, None
    names = [re.sub(r"\s*[,(].*$", "", n).strip() for n in re.split(r";| and | & ", value)]
    if not all(looks_like_full_name(n) or re.fullmatch(r"[A-Z][\w'’-]+", n) for n in names):
        return None  # "Host: Welcome to the show" is a turn, not a detail
    return key, names
