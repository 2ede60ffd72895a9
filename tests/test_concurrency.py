"""Two renders into one folder at once, and a feed written while an episode renders."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from audio import probe
from conftest import SAMPLE

BASE = "https://podcasts.example.org/show"

pytestmark = pytest.mark.slow  # renders, two at once


def run(*args, cache: Path) -> subprocess.Popen:
    env = {**os.environ, "PODCASTER_CACHE": str(cache)}
    return subprocess.Popen([sys.executable, "-m", "podcaster.cli", *map(str, args)], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def finish(proc: subprocess.Popen) -> str:
    stdout, stderr = proc.communicate(timeout=600)
    assert proc.returncode == 0, stderr
    return stdout


@pytest.fixture(scope="module")
def script(tmp_path_factory) -> dict:
    """The sample's script, as `podcaster script` prints it."""
    return json.loads(finish(run("script", SAMPLE, "--format", "json", cache=tmp_path_factory.mktemp("cache"))))


def retitled(tmp_path: Path, script: dict, title: str, turns: int) -> Path:
    path = tmp_path / f"{title.lower().replace(' ', '-')}.script.json"
    path.write_text(json.dumps({**script, "title": title, "turns": script["turns"][:turns]}))
    return path


def listed(folder: Path) -> dict[str, int]:
    """Enclosure file name -> declared length, for every item of the feed."""
    items = ET.parse(folder / "feed.xml").getroot().iter("item")
    return {e.get("url").rsplit("/", 1)[-1]: int(e.get("length")) for e in (i.find("enclosure") for i in items)}


def test_two_renders_into_one_folder(script, tmp_path):
    cache, out = tmp_path / "cache", tmp_path / "out"
    first = retitled(tmp_path, script, "Morning tide", 4)
    second = retitled(tmp_path, script, "Evening tide", 6)
    runs = [run("episode", source, "-o", out, cache=cache) for source in (first, second)]
    mp3s = [Path(finish(proc).strip().splitlines()[-1]) for proc in runs]
    assert [p.name for p in mp3s] == ["morning-tide.mp3", "evening-tide.mp3"]
    for mp3 in mp3s:
        assert float(probe(mp3)["format"]["duration"]) > 10
        manifest = json.loads(mp3.with_suffix(".episode.json").read_text())
        assert manifest["mp3_bytes"] == mp3.stat().st_size
    assert not list(out.glob(".podcaster-*"))


def test_feed_while_an_episode_renders_lists_only_finished_ones(script, tmp_path):
    cache, out = tmp_path / "cache", tmp_path / "out"
    finish(run("episode", retitled(tmp_path, script, "Morning tide", 3), "-o", out, cache=cache))
    rendering = run("episode", SAMPLE, "-o", out, cache=cache)
    seen = []
    while rendering.poll() is None:
        finish(run("feed", out, "--base-url", BASE, "--no-site", cache=cache))
        files = listed(out)
        assert all((out / name).stat().st_size == length for name, length in files.items())
        seen.append(len(files))
    finish(rendering)
    finish(run("feed", out, "--base-url", BASE, "--no-site", cache=cache))
    assert len(listed(out)) == 2
    assert seen and seen[0] == 1 and set(seen) <= {1, 2}
