"""Slugs: any title gives a safe file-name stem inside the output folder."""

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from podcaster.formats.slug import MAX_SLUG, is_slug, slugify, unique_slug

SAFE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@given(st.text())
def test_any_title_gives_a_safe_slug(title):
    slug = slugify(title)
    assert SAFE.match(slug) and len(slug) <= MAX_SLUG
    assert slug.split("-")[0] not in {"con", "prn", "aux", "nul"} or "-" in slug


@pytest.mark.parametrize("title, slug", [
    ("Harbours That Listen", "harbours-that-listen"),
    ("../../etc/passwd", "etc-passwd"),
    ("CON", "con-episode"),
    ("lpt1", "lpt1-episode"),
    ("Café Société — 2024!", "cafe-societe-2024"),
    ("a" * 80, "a" * 60),
    ("Москва", "moskva"),
    ("Socie\u0301te\u0301 Ge\u0301ne\u0301rale", "societe-generale"),
    ("東京の橋", "dong-jing-no-qiao"),
    ("서울 이야기", "seo-ul-i-ya-gi"),
    ("Ελλάδα 2024", "ellada-2024"),
    ("😀 Party time", "party-time"),
    ("Index", "index-episode"),  # index.html is the site's
])
def test_examples(title, slug):
    assert slugify(title) == slug


@pytest.mark.parametrize("title", ["!!!", "..", "😀😀", "???", "—", ""])
def test_titles_without_letters_get_a_short_hash(title):
    slug = slugify(title)
    assert re.fullmatch(r"episode-[0-9a-f]{6}", slug) and slugify(title) == slug


def test_different_titles_without_letters_get_different_slugs():
    assert len({slugify(t) for t in ["!!!", "???", "...", "😀", "🎉", ""]}) == 6


@pytest.mark.parametrize("base, taken, expected", [
    ("talk", set(), "talk"),
    ("talk", {"talk"}, "talk-2"),
    ("talk", {"talk", "talk-2", "talk-3"}, "talk-4"),
    ("a" * 60, {"a" * 60}, "a" * 58 + "-2"),
    ("harbour-" + "b" * 51, {"harbour-" + "b" * 51}, "harbour-2"),  # whole words
    ("ab-" + "c" * 57, {"ab-" + "c" * 57, "ab-2"}, "ab-3"),
])
def test_unique_slug_adds_a_short_suffix(base, taken, expected):
    assert unique_slug(base, taken.__contains__) == expected


@given(st.text())
def test_is_slug_accepts_exactly_what_slugify_makes(title):
    assert is_slug(slugify(title))


@pytest.mark.parametrize("text", ["", "../x", "a/b", "A", "a_b", "-a", "a-", "a--b", ".x", "index", "con",
                                  "a" * 61, "a\\b", "/abs"])
def test_is_slug_refuses_anything_else(text):
    assert not is_slug(text)
