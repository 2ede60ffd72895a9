"""Bad input: one line on stderr, a non-zero exit, no traceback, nothing left in the output folder."""

from __future__ import annotations

import pytest
from conftest import SAMPLE, podcaster
from test_read_formats import free_port, serving

pytestmark = pytest.mark.slow  # each runs podcaster in a child process


def check_refused(done, out, *words):
    assert done.returncode != 0
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert "Traceback" not in done.stderr
    for word in words:
        assert word in lines[0], lines[0]
    assert not out.exists() or list(out.iterdir()) == []
    assert done.stdout == ""


@pytest.fixture
def cache(tmp_path):
    return tmp_path / "cache"


@pytest.mark.parametrize("content, words", [
    (None, ["no such file"]),
    (b"", ["empty"]),
    (b"   \n\n \t\n", ["blank"]),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, ["binary"]),
], ids=["missing", "empty", "blank", "binary"])
def test_unreadable_article(tmp_path, cache, content, words):
    article = tmp_path / "article.txt"
    if content is not None:
        article.write_bytes(content)
    out = tmp_path / "out"
    done = podcaster("episode", article, "-o", out, cache=cache)
    check_refused(done, out, "article.txt", *words)


def test_unknown_voice_names_it_and_lists_the_available(tmp_path, cache):
    voices = tmp_path / "voices"
    voices.mkdir()
    (voices / "cast.toml").write_text('[guest]\nvoice = "gmw/en-xx-nowhere"\n')
    out = tmp_path / "out"
    done = podcaster("episode", SAMPLE, "-o", out, "--voices", voices, cache=cache)
    check_refused(done, out, "gmw/en-xx-nowhere", "[guest]", "gmw/en-us", "gmw/en-gb-x-rp")
    assert done.returncode == 3


def test_unknown_variant_is_refused(tmp_path, cache):
    voices = tmp_path / "voices"
    voices.mkdir()
    (voices / "cast.toml").write_text('[narrator]\nvoice = "gmw/en+nobody"\n')
    done = podcaster("episode", SAMPLE, "-o", tmp_path / "out", "--voices", voices, cache=cache)
    check_refused(done, tmp_path / "out", "gmw/en+nobody", "variants")


@pytest.mark.parametrize("toml, words", [
    ('[guest]\ntempo = 200\n', ["line 2", "unknown key 'tempo'", "[guest]"]),
    ('[narrator]\nrate = 150\n\n[guest]\nrate = "fast"\n', ["line 5", "rate", "whole number"]),
    ('[guest\nvoice = "x"\n', ["not valid TOML", "line 1"]),
    ('[music]\nintro = "missing.mp3"\n', ["line 2", "missing.mp3", "not found"]),
    ('[narrator]\n\n[band]\nvoice = "x"\n', ["line 3", "unknown table [band]"]),
    ('[speakers."Jane Doe"]\nvoice = "gmw/en"\npitch = 300\n', ["line 3", "pitch", '[speakers."Jane Doe"]']),
    ('[interviewer]\nengine = "festival"\n', ["line 2", "festival", "pyttsx3"]),
    ('guest = 3\n', ["line 1", "[guest] must be a table"]),
], ids=["unknown-key", "bad-rate", "bad-toml", "missing-music", "unknown-table", "pitch-range",
        "unknown-engine", "not-a-table"])
def test_bad_cast_file(tmp_path, cache, toml, words):
    voices = tmp_path / "voices"
    voices.mkdir()
    (voices / "cast.toml").write_text(toml)
    done = podcaster("episode", SAMPLE, "-o", tmp_path / "out", "--voices", voices, cache=cache)
    check_refused(done, tmp_path / "out", "cast.toml", *words)


def test_unwritable_output_folder(tmp_path, cache):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    done = podcaster("episode", SAMPLE, "-o", blocker / "out", cache=cache)
    check_refused(done, tmp_path / "nothing", "cannot write to output folder")
    assert done.returncode == 5
    assert blocker.read_text() == "not a folder"


def test_bad_script_file_names_the_line(tmp_path, cache):
    script = tmp_path / "talk.script.json"
    script.write_text('{\n  "title": "x",\n  "turns": [\n')
    done = podcaster("episode", script, "-o", tmp_path / "out", cache=cache)
    check_refused(done, tmp_path / "out", "talk.script.json", "line", "not valid JSON")


def test_debug_shows_the_traceback(tmp_path, cache):
    done = podcaster("episode", tmp_path / "nope.txt", "-o", tmp_path / "out", "--debug", cache=cache)
    assert done.returncode != 0
    assert "Traceback" in done.stderr and "nope.txt" in done.stderr


def test_page_with_only_navigation(tmp_path, cache):
    page = tmp_path / "front-page.html"
    page.write_text('<html><head><title>The Headland Post</title></head><body><nav><ul>'
                    '<li><a href="/">Home</a></li><li><a href="/coast">Coast</a></li></ul></nav>'
                    '<footer><p><a href="/privacy">Privacy</a></p></footer></body></html>')
    out = tmp_path / "out"
    done = podcaster("episode", page, "-o", out, cache=cache)
    check_refused(done, out, "front-page.html", "no article text found")
    assert done.returncode == 8


def test_unfetchable_url(tmp_path, cache):
    url = f"http://127.0.0.1:{free_port()}/interview"
    out = tmp_path / "out"
    done = podcaster("episode", url, "-o", out, cache=cache)
    check_refused(done, out, f"{url}: could not fetch (connection refused); check the address")


def test_url_not_found(tmp_path, cache):
    out = tmp_path / "out"
    with serving({}) as site:
        done = podcaster("episode", f"{site}/interview", "-o", out, cache=cache)
    check_refused(done, out, f"{site}/interview: could not fetch (HTTP 404 Not Found)")
