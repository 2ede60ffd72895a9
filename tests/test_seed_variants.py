"""The seed interview as other sites would publish it: every label style, every paragraph and both names right."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from podcaster.read import read_article
from podcaster.split import split

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
from seed_variants import GUEST, HOST, SEED, SEED_ROLES, roles_of, write_variants  # noqa: E402

pytestmark = pytest.mark.skipif(not SEED.exists(), reason="needs ../shared/seeds")
STYLES = ["all_labelled.txt", "initials.txt", "q_and_a.txt", "timestamps.txt", "no_labels.txt",
          "bold_labels.md", "cp1252_crlf.txt", "bold_questions.html"]


@pytest.fixture(scope="module")
def variants(tmp_path_factory):
    return {path.name: path for path in write_variants(tmp_path_factory.mktemp("seed"))}


@pytest.mark.parametrize("style", STYLES)
def test_every_paragraph_and_both_names_right(variants, style):
    script = split(read_article(variants[style]))
    assert roles_of(script) == SEED_ROLES
    assert (script.hosts, script.guests) == ([HOST], [GUEST])
    assert script.title == "Global cities: crucibles of innovation"
    assert "Interviewer" not in script.turns[0].text and "Untitled" not in script.turns[0].text


def test_the_variants_are_what_they_say(variants):
    assert variants["cp1252_crlf.txt"].read_bytes().count(b"\r\n") > 30
    assert b"<strong>Let me start, Ash" in variants["bold_questions.html"].read_bytes()
    assert variants["q_and_a.txt"].read_text(encoding="utf-8").count("\n\nQ: ") == SEED_ROLES.count("GI") + 1
