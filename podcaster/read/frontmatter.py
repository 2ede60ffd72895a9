"""Front matter: the metadata block static-site generators put at the top of a Markdown post.

YAML between ``---`` lines (Jekyll, Hugo, Eleventy…) is read with PyYAML, TOML between ``+++``
lines (Hugo) with tomllib. Fields are matched by the names those tools use: ``title``,
``description``/``summary``, ``date``, ``author``/``authors``/``postauthors``, and the people of an
interview: ``hosts``, ``interviewer``, ``guests``, ``interviewee``, ``speakers``. People may be
written as strings, lists, or objects with a ``name``.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

import yaml

from ..config.tomlfile import tomllib
from ..model import Article
from .dates import find_date

FRONT_MATTER = re.compile(r"\A(---|\+\+\+)[ \t]*\n(.*?)\n(?:\1|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_TEXT = {"title": "title", "subtitle": "subtitle", "description": "subtitle", "summary": "subtitle",
         "standfirst": "subtitle", "excerpt": "subtitle", "dek": "subtitle", "lede": "subtitle",
         "publication": "publication", "site": "publication", "sitename": "publication",
         "publisher": "publication", "podcast": "publication", "show": "publication"}
_DATES = ("date", "published", "pubdate", "publishdate", "date_published", "published_at")
_AUTHORS = ("author", "authors", "by", "postauthors", "post_authors", "writer", "writers")
_HOSTS = ("hosts", "host", "interviewer", "interviewers", "moderator", "moderators", "presenter", "presenters")
_GUESTS = ("guests", "guest", "interviewee", "interviewees", "featuring", "with")
_SPEAKERS = ("speakers", "speaker", "people", "participants", "panelists", "panellists")


def read_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """The front matter's fields (keys in lower case) and the text after it; {} when there is none."""
    match = FRONT_MATTER.match(text)
    if not match:
        return {}, text
    fields = _parse(match.group(2), toml=match.group(1) == "+++")
    return {str(k).lower(): v for k, v in fields.items()}, text[match.end():]


def _parse(block: str, toml: bool) -> dict:
    try:
        data = tomllib.loads(block) if toml else yaml.safe_load(block)
    except (yaml.YAMLError, tomllib.TOMLDecodeError, ValueError, RecursionError):
        data = _loose(block)
    return data if isinstance(data, dict) else {}


def _loose(block: str) -> dict:
    """``key: value`` lines, for front matter that is not quite valid YAML."""
    found = {}
    for line in block.splitlines():
        key, colon, value = line.partition(":")
        if colon and re.fullmatch(r"[A-Za-z_-]+", key.strip()):
            found[key.strip()] = value.strip().strip("\"'")
    return found


def article_from_fields(fields: dict[str, Any]) -> Article:
    article = Article()
    for key, attribute in _TEXT.items():
        value = _text(fields.get(key))
        if value and not getattr(article, attribute):
            setattr(article, attribute, value)
    article.date = next((d for d in (_date(fields.get(k)) for k in _DATES) if d), "")
    authors = _people(fields, _AUTHORS)
    article.author = " and ".join(authors) if len(authors) <= 2 else ", ".join(authors)
    article.hosts = _people(fields, _HOSTS)
    article.guests = _people(fields, _GUESTS)
    speakers = _people(fields, _SPEAKERS)
    article.guests += [s for s in speakers if s not in article.hosts and s not in article.guests]
    return article


def _text(value: Any) -> str:
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return " ".join(str(value).split())
    return ""


def _date(value: Any) -> str:
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return find_date(_text(value))[0] if _text(value) else ""


def _people(fields: dict[str, Any], keys: tuple[str, ...]) -> list[str]:
    names: list[str] = []
    for key in keys:
        for name in _names(fields.get(key)):
            if name not in names:
                names.append(name)
    return names


def _names(value: Any) -> list[str]:
    """A string ("A and B"), a list of strings, or objects with a ``name``."""
    if isinstance(value, dict):
        return _names(value.get("name") or value.get("title"))
    if isinstance(value, list):
        return [n for item in value for n in _names(item)]
    text = _text(value)
    return [n.strip() for n in re.split(r"\s*(?:;|,| and | & )\s*", text) if n.strip()] if text else []
