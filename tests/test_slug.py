"""Slugs: any title gives a safe file-name stem inside the output folder."""

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from podcaster.slug import MAX_SLUG, slugify

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
    ("..", "episode"),
    ("东京", "episode"),
    ("a" * 80, "a" * 60),
])
def test_examples(title, slug):
    assert slugify(title) == slug
