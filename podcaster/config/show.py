"""`show.toml`: the podcast's own settings, checked strictly, with sensible defaults."""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from pathlib import Path
from urllib.parse import urlsplit

from ..errors import ConfigError
from ..formats.plaintext import xml_safe
from .tomlfile import read_toml, toml_error

SHOW_FILE = "show.toml"
# Apple Podcasts categories and their subcategories
CATEGORIES = {
    "Arts": ["Books", "Design", "Fashion & Beauty", "Food", "Performing Arts", "Visual Arts"],
    "Business": ["Careers", "Entrepreneurship", "Investing", "Management", "Marketing", "Non-Profit"],
    "Comedy": ["Comedy Interviews", "Improv", "Stand-Up"],
    "Education": ["Courses", "How To", "Language Learning", "Self-Improvement"],
    "Fiction": ["Comedy Fiction", "Drama", "Science Fiction"],
    "Government": [],
    "History": [],
    "Health & Fitness": ["Alternative Health", "Fitness", "Medicine", "Mental Health", "Nutrition",
                         "Sexuality"],
    "Kids & Family": ["Education for Kids", "Parenting", "Pets & Animals", "Stories for Kids"],
    "Leisure": ["Animation & Manga", "Automotive", "Aviation", "Crafts", "Games", "Hobbies",
                "Home & Garden", "Video Games"],
    "Music": ["Music Commentary", "Music History", "Music Interviews"],
    "News": ["Business News", "Daily News", "Entertainment News", "News Commentary", "Politics",
             "Sports News", "Tech News"],
    "Religion & Spirituality": ["Buddhism", "Christianity", "Hinduism", "Islam", "Judaism", "Religion",
                                "Spirituality"],
    "Science": ["Astronomy", "Chemistry", "Earth Sciences", "Life Sciences", "Mathematics",
                "Natural Sciences", "Nature", "Physics", "Social Sciences"],
    "Society & Culture": ["Documentary", "Personal Journals", "Philosophy", "Places & Travel",
                          "Relationships"],
    "Sports": ["Baseball", "Basketball", "Cricket", "Fantasy Sports", "Football", "Golf", "Hockey",
               "Rugby", "Running", "Soccer", "Swimming", "Tennis", "Volleyball", "Wilderness", "Wrestling"],
    "Technology": [],
    "True Crime": [],
    "TV & Film": ["After Shows", "Film History", "Film Interviews", "Film Reviews", "TV Reviews"],
}


@dataclass
class Show:
    title: str = ""  # default: the newest episode's publication
    description: str = ""
    author: str = ""
    owner_name: str = ""
    owner_email: str = ""
    language: str = "en"
    category: str = "Society & Culture"
    subcategory: str = ""
    explicit: bool = False
    link: str = ""  # default: the base URL
    cover: str = ""  # image file (relative to show.toml) or an http(s) URL; generated if ""
    locked: bool = False  # podcast:locked; needs owner_email
    guid: str = ""  # podcast:guid; default: derived from the feed URL
    source: Path | None = None  # the show.toml read, if any


KEYS = {f.name: f.type for f in fields(Show) if f.name != "source"}


def find_show(folder: Path, explicit: Path | None = None) -> Path | None:
    """``--show``, else DIR/show.toml, else ./show.toml, else None."""
    if explicit is not None:
        if not Path(explicit).is_file():
            raise ConfigError(f"{explicit}: show settings file not found")
        return Path(explicit)
    for candidate in (Path(folder) / SHOW_FILE, Path(SHOW_FILE)):
        if candidate.is_file():
            return candidate
    return None


def load_show(folder: Path, explicit: Path | None = None, fallback_title: str = "") -> Show:
    path = find_show(folder, explicit)
    show = Show(source=path)
    if path is not None:
        data, text = read_toml(path)
        for key, value in data.items():
            _check(path, text, key, value)
            setattr(show, key, xml_safe(value).strip() if isinstance(value, str) else value)
        _check_together(path, text, show)
    return _defaults(show, fallback_title)


def _check(path: Path, text: str, key: str, value) -> None:
    problem = _problem(key, value)
    if problem:
        raise toml_error(path, text, key, f"{key!r}{problem}")


def _problem(key: str, value) -> str:
    """What is wrong with one setting, to follow its name, or ""."""
    if key not in KEYS:
        return f" is not a show setting; known: {', '.join(KEYS)}"
    wanted = bool if KEYS[key] == "bool" else str
    if type(value) is not wanted:
        return f" must be {'true or false' if wanted is bool else 'a string'}"
    if isinstance(value, bool):
        return ""
    if key in ("title", "language", "category") and not value.strip():
        return " must not be empty"
    if key == "language" and not re.fullmatch(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*", value.strip()):
        return f": {value!r} is not a language code like \"en\" or \"en-gb\""
    if key == "owner_email" and value and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", value.strip()):
        return f": {value!r} is not an e-mail address"
    if key == "guid" and value and not re.fullmatch(r"[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}", value):
        return f": {value!r} is not a UUID like the podcast namespace's"
    if key == "link" and not _web_address(value):
        return f": {value!r} is not an http(s) address like \"https://example.com/\""
    if key == "category" and value.strip() not in CATEGORIES:
        return f": {value!r} is not an Apple Podcasts category, e.g. \"Society & Culture\""
    return ""


def _web_address(text: str) -> bool:
    try:
        parts = urlsplit(text.strip())
        return parts.scheme in ("http", "https") and bool(parts.hostname)
    except ValueError:  # e.g. an unclosed [IPv6 address
        return False


def _check_together(path: Path, text: str, show: Show) -> None:
    allowed = CATEGORIES[show.category]
    if show.subcategory and show.subcategory not in allowed:
        choice = ", ".join(allowed) or "none"
        raise toml_error(path, text, "subcategory",
                         f"'subcategory' {show.subcategory!r} is not one of {show.category}'s: {choice}")
    if show.locked and not show.owner_email:
        raise toml_error(path, text, "locked", "'locked' needs 'owner_email' (the owner who may move the feed)")


def _defaults(show: Show, fallback_title: str) -> Show:
    show.title = show.title or fallback_title or "Podcaster"
    show.description = show.description or f"Interviews from {show.title}, read aloud."
    show.author = show.author or show.owner_name or show.title
    show.owner_name = show.owner_name or show.author
    return show
