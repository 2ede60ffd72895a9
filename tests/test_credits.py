"""Who an episode credits: a panel of two hosts and two guests is named the same way everywhere."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest
from conftest import podcaster
from mutagen.id3 import ID3

from podcaster.formats.credits import and_list, credits

HOSTS = ["Maya Okafor", "Ann Lee"]
GUESTS = ["Tomas Lindqvist", "Ines Carvalho"]
BASE = "https://example.com/tides/"
PANEL = """---
title: "Slow Tides, episode 4: the lighthouse keepers"
date: 2024-05-06
publication: Slow Tides
hosts: [Maya Okafor, Ann Lee]
guests: [Tomas Lindqvist, Ines Carvalho]
---

# Slow Tides, episode 4: the lighthouse keepers

**Maya Okafor:** Tomas, Ines, welcome. What does a keeper do now the lights are automatic?

**Tomas Lindqvist:** We keep the building alive. Salt eats everything, so we paint and we patch.

**Ann Lee:** Ines, you kept a light for ten years. Do you miss it?

**Ines Carvalho:** Every winter. The mornings after the storms were the quietest hours of my life.

**Audience member:** Did you ever see a ship in trouble?

**Ines Carvalho:** Twice, and both times the crew walked home.
"""
NAMES = re.compile(r", | and | with | talk with ")


def test_examples():
    assert and_list([]) == "" and and_list(["A"]) == "A" and and_list(["A", "", "B", "C"]) == "A, B and C"
    panel = credits(HOSTS, GUESTS)
    assert panel.names == HOSTS + GUESTS
    assert panel.introduction == "Maya Okafor and Ann Lee talk with Tomas Lindqvist and Ines Carvalho."
    assert panel.byline == "Maya Okafor and Ann Lee with Tomas Lindqvist and Ines Carvalho"
    assert panel.with_roles == ("Maya Okafor (host), Ann Lee (host), Tomas Lindqvist (guest), "
                                "Ines Carvalho (guest)")
    assert credits(["Maya"], ["Tomas"]).introduction == "Maya talks with Tomas."
    assert credits([], ["Tomas"]).introduction == "A conversation with Tomas."
    assert credits(["Maya"], []).introduction == "With Maya." and credits([], []).introduction == ""


def test_each_person_is_named_once_and_blank_names_never():
    found = credits(["Maya", "  ", "Maya", "Ann"], ["Ann", "", "Tomas", "Tomas"])
    assert found.roles == [("Maya", "host"), ("Ann", "host"), ("Tomas", "guest")]
    assert found.byline == "Maya and Ann with Tomas"


class _Meta(HTMLParser):
    """The text of a page's ``<p class="meta">`` lines."""

    def __init__(self, page: str):
        super().__init__(convert_charrefs=True)
        self.inside, self.lines = False, []
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        if tag == "p" and ("class", "meta") in attrs:
            self.inside = True
            self.lines.append("")

    def handle_endtag(self, tag):
        self.inside = self.inside and tag != "p"

    def handle_data(self, data):
        if self.inside:
            self.lines[-1] += data


@pytest.fixture(scope="module")
def panel(tmp_path_factory):
    """The panel rendered, fed and paged once."""
    folder = tmp_path_factory.mktemp("panel")
    (folder / "panel.md").write_text(PANEL, encoding="utf-8")
    out, cache = folder / "out", folder / "cache"
    done = podcaster("episode", folder / "panel.md", "-o", out, cache=cache)
    assert done.returncode == 0, done.stderr
    done = podcaster("feed", out, "--base-url", BASE, cache=cache)
    assert done.returncode == 0, done.stderr
    return out


def places(out) -> dict[str, str | list[str]]:
    """Every place that says who is in the episode, as written there."""
    [manifest] = [json.loads(p.read_text(encoding="utf-8")) for p in out.glob("*.episode.json")]
    script = json.loads((out / manifest["files"]["script"]).read_text(encoding="utf-8"))
    [item] = ET.parse(out / "feed.xml").getroot().findall("channel/item")
    persons = item.findall("{https://podcastindex.org/namespace/1.0}person")
    encoded = item.find("{http://purl.org/rss/1.0/modules/content/}encoded").text
    pages = [(out / name).read_text(encoding="utf-8") for name in ("index.html", f"{manifest['slug']}.html")]
    return {
        "introduction": re.search(r"[^.]* talk with [^.]*\.", script["turns"][0]["text"]).group(),
        "ID3 artists": ID3(out / manifest["files"]["mp3"])["TPE1"].text[0].split("/"),  # v2.3 joins with /
        "podcast:person": [f"{p.text} ({p.get('role')})" for p in persons],
        "description": re.search(r"^With (.*)\.$", item.find("description").text, re.MULTILINE).group(1),
        "content:encoded": re.search(r"<p>With (.*)\.</p>", encoded).group(1),
        **{f"page {n}": _Meta(page).lines[0].split(" · ")[-2] for n, page in enumerate(pages)},
    }


@pytest.mark.slow
def test_every_place_names_every_person_of_a_panel_the_same_way(panel):
    found = places(panel)
    assert len(found) == 7
    with_roles = [f"{name} (host)" for name in HOSTS] + [f"{name} (guest)" for name in GUESTS]
    for where, written in found.items():
        listed = written if isinstance(written, list) else NAMES.split(written.strip().rstrip("."))
        assert [name.split(" (")[0] for name in listed] == HOSTS + GUESTS, where
        if "(" in " ".join(listed):
            assert listed == with_roles, where
    assert not [where for where, written in found.items() if "Audience" in str(written)]  # asks, not credited
