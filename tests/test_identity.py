"""An episode's identity is its own: slugs never collide, guids and dates never move to another episode.

Real renders (short scripts), real manifests, a real feed read back by podcastparser, and real
processes stopped and continued with signals to put a `feed` between two commits.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import podcastparser
import pytest
from conftest import podcaster

from podcaster.formats.manifest import EPISODE_SUFFIXES
from podcaster.model import Script, Turn
from podcaster.output.identity import article_identity, script_identity
from podcaster.output.record import record_episode
from podcaster.publish import read_manifest

BASE = "https://example.com/pod/"
PART = "A long conversation about harbours, tides and the people who listen to them, part "


@pytest.fixture(scope="module")
def cache(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("cache")


def short_script(folder: Path, title: str, answer: str = "Because it listens.", name: str = "") -> Path:
    path = folder / (name or f"s{abs(hash(title))}.script.json")
    path.write_text(json.dumps({
        "title": title, "date": "2024-03-03", "hosts": ["Maya Okafor"], "guests": ["Tomas Lindqvist"],
        "turns": [{"speaker": "Maya Okafor", "role": "interviewer", "text": "Why the harbour?"},
                  {"speaker": "Tomas Lindqvist", "role": "guest", "text": answer}]}), encoding="utf-8")
    return path


def render(source: Path, out: Path, cache: Path) -> subprocess.CompletedProcess:
    done = podcaster("episode", source, "-o", out, cache=cache)
    assert done.returncode == 0, done.stderr
    return done


def manifests(out: Path) -> dict[str, dict]:
    return {p.name: json.loads(p.read_text()) for p in sorted(out.glob("*.episode.json"))}


def fed(out: Path, cache: Path) -> list[dict]:
    done = podcaster("feed", out, "--base-url", BASE, "--no-site", cache=cache)
    assert done.returncode == 0, done.stderr
    with open(out / "feed.xml", "rb") as stream:
        return podcastparser.parse(BASE + "feed.xml", stream)["episodes"]


@pytest.mark.slow
def test_titles_sharing_their_first_60_characters_are_two_episodes(tmp_path, cache):
    out = tmp_path / "out"
    one = render(short_script(tmp_path, PART + "one", "The first answer."), out, cache)
    two = render(short_script(tmp_path, PART + "two", "The second answer."), out, cache)
    first, second = (Path(done.stdout.strip().splitlines()[-1]) for done in (one, two))
    assert first.stem == "a-long-conversation-about-harbours-tides-and-the-people-who"
    assert second.stem == "a-long-conversation-about-harbours-tides-and-the-people-2"  # at most 60
    assert f"podcaster: note: named this episode {second.stem}: {first.stem} in {out} is another episode" \
        in two.stderr and "note: named" not in one.stderr
    assert first.read_bytes() != second.read_bytes()
    episodes = fed(out, cache)
    assert sorted(e["title"] for e in episodes) == [PART + "one", PART + "two"]
    assert len({e["guid"] for e in episodes}) == 2
    assert {e["enclosures"][0]["url"].rsplit("/", 1)[1] for e in episodes} == {first.name, second.name}


@pytest.mark.slow
def test_titles_without_latin_letters_get_readable_distinct_slugs(tmp_path, cache):
    out = tmp_path / "out"
    titles = ["Москва", "東京の橋", "!!!", "???"]
    slugs = [Path(render(short_script(tmp_path, t, f"Answer {n}."), out, cache).stdout.split()[-1]).stem
             for n, t in enumerate(titles)]
    assert slugs[:2] == ["moskva", "dong-jing-no-qiao"]
    assert all(s.startswith("episode-") for s in slugs[2:]) and len(set(slugs)) == 4
    episodes = fed(out, cache)
    assert sorted(e["title"] for e in episodes) == sorted(titles) and len({e["guid"] for e in episodes}) == 4


@pytest.mark.slow
def test_the_same_episode_rendered_again_keeps_slug_guid_and_date(tmp_path, cache):
    out = tmp_path / "out"
    source = short_script(tmp_path, PART + "one")
    mp3 = Path(render(source, out, cache).stdout.split()[-1])
    [episode] = fed(out, cache)
    saved = out / f"{mp3.stem}.script.json"
    again = render(source, out, cache)  # the same script file
    assert Path(again.stdout.split()[-1]) == mp3 and "note: named" not in again.stderr
    script = json.loads(saved.read_text())
    script["title"] = "Harbours, retitled"  # its own saved script, edited: still the same episode
    saved.write_text(json.dumps(script), encoding="utf-8")
    assert Path(render(saved, out, cache).stdout.split()[-1]) == mp3
    [after] = fed(out, cache)
    assert (after["title"], after["guid"], after["published"]) == ("Harbours, retitled", episode["guid"],
                                                                   episode["published"])
    assert list(manifests(out)) == [f"{mp3.stem}.episode.json"]


# --- naming at commit, without speech ---------------------------------------------------

SCRIPT = Script(title="Art", date="2024-03-03", hosts=["A"], guests=["B"],
                turns=[Turn("A", "interviewer", "Why?"), Turn("B", "guest", "So.")])


def commit(tmp_path: Path, out: Path, identity, script: Script = SCRIPT) -> tuple[dict, str]:
    """What a render commits, with stand-in files: recorded, then moved into ``out``."""
    staging = tmp_path / "staging"
    staging.mkdir(exist_ok=True)
    staged = {kind: staging / f"art{EPISODE_SUFFIXES[kind]}" for kind in ("script", "vtt", "mp3", "cover")}
    for path in staged.values():
        path.write_bytes(os.urandom(64))
    files, note = record_episode(staged, out, "art", script, identity, [], 10.0)
    made = dict(files)
    for path in made.values():
        path.replace(out / path.name)
    return read_manifest(out / made["manifest"].name), note


def test_two_articles_with_the_same_title_and_date_are_two_episodes(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    first, _ = commit(tmp_path, out, article_identity("Art", "2024-03-03", tmp_path / "a.txt", False))
    second, note = commit(tmp_path, out, article_identity("Art", "2024-03-03", tmp_path / "b.txt", False))
    again, _ = commit(tmp_path, out, article_identity("Art", "2024-03-03", tmp_path / "a.txt", False))
    by_url, _ = commit(tmp_path, out, article_identity("Art", "2024-03-03", "https://e.org/art", True))
    assert [m.slug for m in (first, second, again, by_url)] == ["art", "art-2", "art", "art-3"]
    assert len({first.guid, second.guid, by_url.guid}) == 3 and again.guid == first.guid
    assert note == f'named this episode art-2: art in {out} is another episode ("Art")'


def test_a_script_of_an_article_is_the_same_episode_by_title_and_date(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    article, _ = commit(tmp_path, out, article_identity("Art", "2024-03-03", tmp_path / "a.txt", False))
    edited, _ = commit(tmp_path, out, script_identity("Art", "2024-03-03", tmp_path / "art.script.txt"))
    other_date = Script(**{**SCRIPT.__dict__, "date": "2024-04-04"})
    later, _ = commit(tmp_path, out, script_identity("Art", "2024-04-04", tmp_path / "art.script.txt"), other_date)
    assert (edited.slug, edited.guid, edited.source_id) == ("art", article.guid, article.source_id)
    assert later.slug == "art-2" and later.guid != article.guid


def test_files_that_are_not_an_episodes_are_never_overwritten(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "art.jpg").write_bytes(b"the show's own artwork")
    made, note = commit(tmp_path, out, article_identity("Art", "", tmp_path / "a.txt", False))
    assert made.slug == "art-2" and (out / "art.jpg").read_bytes() == b"the show's own artwork"
    assert note == f"named this episode art-2: art.jpg in {out} is not this episode's"


def test_an_unreadable_manifest_keeps_its_slug(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "art.episode.json").write_text("{broken", encoding="utf-8")
    made, note = commit(tmp_path, out, article_identity("Art", "", tmp_path / "a.txt", False))
    assert made.slug == "art-2" and (out / "art.episode.json").read_text() == "{broken"
    assert note == f"named this episode art-2: art.episode.json in {out} cannot be read, so it may be another's"


# --- a feed between two commits, with real processes ----------------------------------

ANNOUNCE = textwrap.dedent("""
    import sys
    import podcaster.output.folder as outfolder
    from podcaster.cli import main

    def announced(*args, **kwargs):  # the render is about to take the folder lock to commit
        print("at-lock", flush=True)
        return real(*args, **kwargs)

    if __name__ == "__main__":
        real, outfolder.folder_lock = outfolder.folder_lock, announced
        main()
""")
HOLD = "import sys\nfrom podcaster.output.folder import folder_lock\n" \
       "with folder_lock(sys.argv[1]):\n    print('locked', flush=True)\n    sys.stdin.read()\n"


def stopped(pid: int) -> bool:
    return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] == "T"


@pytest.mark.slow
def test_feed_between_two_first_renders_keeps_the_date_and_guid(tmp_path, cache):
    """Render B waits at the lock; render A commits; feed publishes A; then B commits the same episode."""
    out = tmp_path / "out"
    out.mkdir()
    source = short_script(tmp_path, "Harbours that listen")
    (tmp_path / "announce.py").write_text(ANNOUNCE, encoding="utf-8")
    env = {**os.environ, "PODCASTER_CACHE": str(cache)}
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(out)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    late = subprocess.Popen([sys.executable, str(tmp_path / "announce.py"), "episode", str(source), "-o", str(out)],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        assert late.stdout.readline().strip() == "at-lock"
        late.send_signal(signal.SIGSTOP)
        while not stopped(late.pid):
            time.sleep(0.01)
        holder.stdin.close()
        assert holder.wait(timeout=30) == 0
        first = Path(render(source, out, cache).stdout.split()[-1])
        [published] = fed(out, cache)
        late.send_signal(signal.SIGCONT)
        stdout, stderr = late.communicate(timeout=120)
        assert late.returncode == 0, stderr
    finally:
        for proc in (holder, late):
            if proc.poll() is None:
                proc.send_signal(signal.SIGCONT)
                proc.kill()
                proc.wait()
    assert Path(stdout.split()[-1]) == first  # the same episode: the same slug
    [manifest] = manifests(out).values()
    assert manifest["published"] and manifest["guid"] == published["guid"]
    [episode] = fed(out, cache)
    assert (episode["guid"], episode["published"]) == (published["guid"], published["published"])
