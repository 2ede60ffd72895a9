"""`podcaster site`: listening pages, checked as HTML and in a real headless Chromium."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import in_background, podcaster

from podcaster.formats.manifest import EpisodeManifest, write_manifest
from podcaster.formats.transcripts import parse_vtt
from podcaster.model import Chapter
from podcaster.publish.site import build_site
from podcaster.publish.sitedata import sections

CHROMIUM = os.environ.get("PODCASTER_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
HOSTILE = '<script>alert("x")</script> Fish & "chips" it\'s'
BASE = "https://example.org/pod/"


# --- without a browser ---------------------------------------------------------------

class Elements(HTMLParser):
    """Tags, attributes and text of a page, as a browser's parser would see them."""

    def __init__(self, page: str):
        super().__init__(convert_charrefs=True)
        self.tags, self.text = [], []
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def hostile_episode(folder: Path, slug: str = "hostile") -> EpisodeManifest:
    (folder / f"{slug}.mp3").write_bytes(b"\xff\xfb" + bytes(100))
    (folder / f"{slug}.vtt").write_text(
        "WEBVTT\n\n00:00:01.000 --> 00:00:02.500\n<v A &amp; B \"Q\">&lt;script&gt;alert(1)&lt;/script&gt;\n"
        "and more\n\n00:00:02.500 --> 00:00:04.000\n<v Zoë>Second &amp; last.\n", encoding="utf-8")
    manifest = EpisodeManifest(slug=slug, title=HOSTILE, subtitle=HOSTILE, publication=HOSTILE,
                               hosts=[HOSTILE], guests=["Zoë"], duration=4.0,
                               files={"mp3": f"{slug}.mp3", "vtt": f"{slug}.vtt"}, mp3_bytes=102,
                               chapters=[Chapter(HOSTILE, 0.0, 4.0)])
    write_manifest(folder / manifest.manifest_name, manifest)
    return manifest


def test_hostile_text_is_escaped_everywhere(tmp_path):
    hostile_episode(tmp_path)
    build_site(tmp_path, BASE + '"><script>x</script>')
    for name in ("index.html", "hostile.html"):
        page = (tmp_path / name).read_text(encoding="utf-8")
        parsed = Elements(page)
        scripts = [attrs for tag, attrs in parsed.tags if tag == "script"]
        assert all(s.get("src", "").startswith("player.js?v=") for s in scripts), name
        assert "<script>alert" not in page and "<script>x" not in page
        assert HOSTILE in "".join(parsed.text), name  # shown as the words, not run
        assert not any(attr.startswith("on") for _, attrs in parsed.tags for attr in attrs)
    page = (tmp_path / "hostile.html").read_text(encoding="utf-8")
    assert '&lt;script&gt;alert(1)&lt;/script&gt; and more' in page
    assert 'A &amp; B &#34;Q&#34;' in page


def test_vtt_cues_grouped_by_chapter_and_speaker():
    vtt = ("WEBVTT\n\nNOTE made by hand\n\n1\n00:00:01.000 --> 00:00:02.000\n<v Ann>One\ntwo.\n\n"
           "00:03.000 --> 00:04.000\n<v.loud Ann>Three.</v>\n\n"
           "00:00:05.000 --> 00:00:06.000\n<v Bob>Four <i>five</i>.\n\n"
           "00:00:07.000 --> 00:00:08.000\nNobody.\n")
    lines = parse_vtt(vtt)
    assert [(cue.start, cue.speaker, cue.text) for cue in lines] == [
        (1.0, "Ann", "One two."), (3.0, "Ann", "Three."), (5.0, "Bob", "Four five."), (7.0, "", "Nobody.")]
    marks = [Chapter("Later", 4.999, 9.0), Chapter("Empty", 9.0, 9.0)]
    found = sections(lines, marks)
    assert [(s.number, s.title, [t.speaker for t in s.turns]) for s in found] == [
        (0, "", ["Ann"]), (1, "Later", ["Bob", ""]), (2, "Empty", [])]


@pytest.mark.slow
def test_site_command_writes_pages_and_assets(tmp_path):
    hostile_episode(tmp_path, "index-episode")  # an episode titled "Index": the index stays the site's
    done = subprocess.run([sys.executable, "-m", "podcaster.cli", "site", str(tmp_path), "--base-url", BASE],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    names = {p.name for p in tmp_path.iterdir()}
    assert {"index.html", "index-episode.html", "site.css", "player.js"} <= names
    assert [p.name for p in tmp_path.glob(".*")] == [".podcaster.lock"]  # no temporary files left behind
    index = (tmp_path / "index.html").read_text()
    assert f'href="{BASE}feed.xml"' in index and 'href="index-episode.html"' in index
    bad = subprocess.run([sys.executable, "-m", "podcaster.cli", "site", str(tmp_path), "--base-url", "pod/"],
                         capture_output=True, text=True)
    assert bad.returncode != 0 and "base-url" in bad.stderr


def test_a_removed_episode_loses_its_page_and_other_html_stays(tmp_path):
    hostile_episode(tmp_path, "first")
    gone = hostile_episode(tmp_path, "second")
    (tmp_path / "about.html").write_text("<!doctype html><p>our own page</p>", encoding="utf-8")
    build_site(tmp_path, BASE)
    assert (tmp_path / "second.html").is_file()
    (tmp_path / gone.manifest_name).unlink()
    build_site(tmp_path, BASE)
    names = {p.name for p in tmp_path.glob("*.html")}
    assert names == {"index.html", "first.html", "about.html"}
    assert "second.html" not in (tmp_path / "index.html").read_text(encoding="utf-8")


# what HTML forbids in a document (control characters but whitespace, noncharacters) and bidi overrides
FORBIDDEN = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef\ufffe\uffff\u202a-\u202e\u2066-\u2069]")


def test_pages_are_valid_html_whatever_show_toml_and_manifests_hold(tmp_path):
    episode = hostile_episode(tmp_path)
    episode.title = "Tide\x07 \u202etxet\u202c \x1b[2J\x85end"
    episode.chapters[0] = Chapter("Chapter\x00 \u2067one\u2069", 0.0, 4.0)
    write_manifest(tmp_path / episode.manifest_name, episode)
    (tmp_path / "show.toml").write_text('title = "Show\\u0007 \\u202eB\\u202c"\ndescription = "D\\u001b[31m\\u0085"\n',
                                        encoding="utf-8")
    build_site(tmp_path, BASE)
    for name in ("index.html", "hostile.html"):
        page = (tmp_path / name).read_text(encoding="utf-8")
        assert not FORBIDDEN.findall(page), name
        assert "Show B" in page and "Tide txet [2Jend" in page
    assert "Chapter one" in (tmp_path / "hostile.html").read_text(encoding="utf-8")


# --- in Chromium ----------------------------------------------------------------------

def browser_or_skip():
    """Playwright's sync API, or a skip (a failure on CI as root, where make test installs it)."""
    reason = None
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        reason = "playwright is not installed: pip install -e '.[test]'"
    if reason is None and not Path(CHROMIUM).exists():
        reason = "no chromium: apt-get install chromium (make test-deps does it as root)"
    if reason:
        if os.environ.get("CI") and hasattr(os, "geteuid") and os.geteuid() == 0:
            pytest.fail(reason)
        pytest.skip(reason)
    return sync_playwright


@pytest.fixture(scope="module")
def site(tmp_path_factory, sample_render):
    """A copy of the rendered sample, its pages built, the folder served over HTTP with ranges."""
    sync_playwright = browser_or_skip()
    out = sample_render.copy_to(tmp_path_factory.mktemp("site") / "out")
    done = podcaster("site", out, "--base-url", BASE, cache=sample_render.cache)
    assert done.returncode == 0, done.stderr
    from podcaster.publish.serve import make_server

    [manifest] = out.glob("*.episode.json")
    episode = json.loads(manifest.read_text())
    with in_background(make_server(out, "127.0.0.1", 0, quiet=True)) as port, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM,
                                             args=["--autoplay-policy=no-user-gesture-required"])
        yield {"browser": browser, "root": f"http://127.0.0.1:{port}/", "episode": episode, "folder": out}
        browser.close()


def open_page(site, name=None, **context):
    """A fresh context and page; console errors and page errors collected in page.errors."""
    page = site["browser"].new_context(**context).new_page()
    page.errors = []
    page.on("console", lambda m: page.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    page.goto(site["root"] + (name or site["episode"]["slug"] + ".html"))
    return page


@pytest.fixture
def page(site):
    page = open_page(site)
    page.wait_for_function("document.querySelector('audio').readyState >= 1")  # metadata in
    page.evaluate("document.querySelector('audio').muted = true")
    yield page
    page.context.close()


def now(page) -> float:
    return page.evaluate("document.querySelector('audio').currentTime")


def current_cue(page) -> dict:
    """The highlighted cue(s) and the cue whose time range holds currentTime, read at one instant."""
    return page.evaluate("""() => {
        const t = document.querySelector('audio').currentTime;
        const cues = [...document.querySelectorAll('a.cue')];
        const marked = cues.filter(c => c.getAttribute('aria-current') === 'true');
        const holds = cues.find(c => +c.dataset.start <= t && t < +c.dataset.end);
        const box = marked.length ? marked[0].getBoundingClientRect() : null;
        return {t, marked: marked.map(c => +c.dataset.start), holds: holds ? +holds.dataset.start : null,
                visible: !!box && box.top >= 0 && box.bottom <= innerHeight};
    }""")


def test_page_loads_without_errors_and_audio_is_seekable(page):
    assert page.errors == []
    assert page.is_visible("#follow")  # the script ran and showed its controls
    assert page.evaluate("document.querySelector('audio').seekable.end(0)") > 150  # ranges served
    assert page.evaluate("document.querySelector('track').track.kind") == "captions"


def test_chapter_click_seeks_to_its_start(page, site):
    chapter = site["episode"]["chapters"][3]
    page.click("a.chapter >> nth=3")
    assert abs(now(page) - chapter["start"]) < 0.75
    assert page.get_attribute("a.chapter >> nth=3", "aria-current") == "true"
    assert page.errors == []


def test_highlight_follows_playback(page):
    starts = page.eval_on_selector_all("a.cue", "cues => cues.map(c => [+c.dataset.start, +c.dataset.end])")
    start, end = starts[10]
    page.evaluate(f"document.querySelector('audio').currentTime = {(start + end) / 2}")
    page.wait_for_function(f"document.querySelector('a.cue[aria-current]')?.dataset.start == '{start:.3f}'")
    page.evaluate("document.querySelector('audio').play()")
    later = starts[12][0] + 0.2
    page.wait_for_function(f"document.querySelector('audio').currentTime > {later}", timeout=20_000)
    page.evaluate("document.querySelector('audio').pause()")
    state = current_cue(page)
    assert len(state["marked"]) == 1
    # the cue spoken now; between two cues, the one that started last stays marked
    expected = state["holds"] if state["holds"] is not None else max(s for s, _ in starts if s <= state["t"])
    assert state["marked"] == [expected] and state["visible"]


def test_transcript_line_click_seeks_there(page):
    line = page.locator("a.cue").nth(20)
    start = float(line.get_attribute("data-start"))
    line.scroll_into_view_if_needed()
    line.click()
    assert abs(now(page) - start) < 0.75
    assert line.get_attribute("aria-current") == "true"
    assert page.evaluate("location.hash") == f"#t={start:.3f}"


def test_keyboard_only(page, site):
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"
    for _ in range(40):  # on through the player and the downloads to the chapters
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('chapter')"):
            break
    else:
        pytest.fail("Tab never reached the chapter list")
    page.keyboard.press("Tab")  # the second chapter
    page.keyboard.press("Enter")
    assert abs(now(page) - site["episode"]["chapters"][1]["start"]) < 0.75
    page.evaluate("document.querySelector('audio').pause()")
    line = page.locator("a.cue").nth(30)  # far from the chapter just chosen
    line.focus()
    page.keyboard.press(" ")
    assert abs(now(page) - float(line.get_attribute("data-start"))) < 0.75
    assert page.evaluate("document.activeElement.classList.contains('cue')")


@pytest.mark.parametrize("motion, behaviour", [("reduce", "auto"), ("no-preference", "smooth")])
def test_scrolling_respects_reduced_motion(site, motion, behaviour):
    page = open_page(site, reduced_motion=motion, viewport={"width": 800, "height": 500})
    page.evaluate("""() => { window.scrolls = [];
        Element.prototype.scrollIntoView = function (how) { window.scrolls.push(how.behavior); }; }""")
    page.evaluate("(() => { const a = document.querySelector('audio'); a.muted = true;"
                  " a.currentTime = +document.querySelectorAll('a.cue')[40].dataset.start; a.play(); })()")
    page.wait_for_function("window.scrolls.length > 0", timeout=20_000)
    assert set(page.evaluate("window.scrolls")) == {behaviour}
    page.context.close()


def test_readable_without_javascript(site):
    page = open_page(site, java_script_enabled=False)
    chapters = page.inner_text("nav.chapters")
    assert all(c["title"] in chapters for c in site["episode"]["chapters"])
    transcript = page.inner_text("section.transcript")
    for name in ("Narrator", "Maya Okafor", "Tomas Lindqvist"):
        assert name in transcript
    assert "Harbours that listen: rebuilding a waterfront" in transcript
    assert not page.is_visible("#follow")  # controls that need the script stay hidden
    page.click("a.chapter >> nth=2")  # without the script a chapter is a link to its transcript
    assert page.evaluate("location.hash") == "#chapter-3"
    page.context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("which", ["index", "episode"])
def test_axe_finds_no_serious_violation(site, scheme, which):
    from axe_playwright_python.sync_playwright import Axe

    name = "index.html" if which == "index" else None
    page = open_page(site, name, color_scheme=scheme)
    if which == "episode":  # audit with a line highlighted too
        page.evaluate("document.querySelector('a.cue:nth-of-type(2)').click()")
        page.evaluate("document.querySelector('audio').pause()")
    tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": tags}})
    bad = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]])
           for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert bad == [], bad
    assert page.errors == []
    page.context.close()
