"""Hostile and odd input: markup is never interpreted, invisible characters go, names stay safe."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import podcaster
from test_bad_input import check_refused

from podcaster.config.cast import Cast, assign_voices
from podcaster.config.limits import MAX_WORDS
from podcaster.pipeline import load_script
from podcaster.plan import plan_lines

QUESTION = "Maya Okafor: What did the harbour teach you about listening to people?"
ANSWER = "Tomas Lindqvist: That the quiet ones know where the water goes, and they rarely say it twice."


def interview(*middle: str, title: str = "Harbour talk") -> str:
    turns = [QUESTION, ANSWER, *middle, QUESTION, ANSWER]
    return f"{title}\n\nBy Maya Okafor, 3 March 2024\n\n" + "\n\n".join(turns) + "\n"


def spoken(tmp_path: Path, text: str) -> tuple[str, str]:
    """(all written text of the script, all text the engine would hear)."""
    article = tmp_path / "article.txt"
    article.write_text(text, encoding="utf-8")
    script = load_script(article)
    lines, _ = plan_lines(script, assign_voices(script, Cast()))
    return " ".join(t.text for t in script.turns), " ".join(line.spoken for line in lines)


@pytest.mark.parametrize("markup", [
    '<speak><prosody rate="x-slow">Slow down</prosody></speak>',
    '<audio src="http://evil.example/a.mp3">Play this</audio>',
    '<break time="10s"/> We waited <say-as interpret-as="characters">abc</say-as>',
    "<script>alert('x')</script> Then & now",
    "[[h@'l@U]] and [[ phonemes ]] in the text",
    "<!-- a comment --> &lt;b&gt;entities&lt;/b&gt; &amp; more",
])
def test_markup_is_never_interpreted(tmp_path, markup):
    written, heard = spoken(tmp_path, interview(f"Maya Okafor: {markup} Is that fair to say?"))
    assert "<" not in heard and ">" not in heard and "[[" not in heard and "]]" not in heard
    assert "&" not in heard


def test_invisible_and_control_characters_are_removed(tmp_path):
    odd = "Tomas Lindqvist: The\u200b quay\u200d was\x07 quiet\u00ad\x1b[31m and the\ufeff boats\u2060 waited."
    written, heard = spoken(tmp_path, interview(QUESTION, odd))
    assert "The quay was quiet" in written and "boats waited" in written
    for ch in "\u200b\u200d\x07\u00ad\x1b\ufeff\u2060":
        assert ch not in written and ch not in heard


@pytest.fixture(scope="module")
def printed(tmp_path_factory) -> tuple[dict, Path]:
    """A short interview's script as `podcaster script` prints it, and a speech cache for its renders."""
    folder = tmp_path_factory.mktemp("printed")
    article = folder / "article.txt"
    article.write_text(interview())
    done = podcaster("script", article, "--format", "json", cache=folder / "cache")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout), folder / "cache"


@pytest.mark.slow
@pytest.mark.parametrize("title, slug", [
    ("../../etc/passwd", "etc-passwd"),
    ("CON", "con-episode"),
    ("/root/.ssh/authorized_keys", "root-ssh-authorized-keys"),
    ("<script>", "script"),
])
def test_hostile_titles_become_safe_file_names(printed, tmp_path, title, slug):
    script, cache = printed
    edited = tmp_path / "short.script.json"
    edited.write_text(json.dumps({**script, "title": title, "turns": script["turns"][:2]}))
    out = tmp_path / "out"
    done = podcaster("episode", edited, "-o", out, cache=cache)
    assert done.returncode == 0, done.stderr
    assert Path(done.stdout.strip().splitlines()[-1]) == out / f"{slug}.mp3"
    assert all(p.parent == out for p in out.rglob("*") if not p.name.startswith("."))


@pytest.mark.slow
def test_a_run_on_word_is_refused(tmp_path):
    article = tmp_path / "article.txt"
    article.write_text(interview("Tomas Lindqvist: It went " + "la" * 5000 + " for a while."))
    done = podcaster("episode", article, "-o", tmp_path / "out", cache=tmp_path / "cache")
    check_refused(done, tmp_path / "out", "10000-character word", "break it up")


@pytest.mark.slow
def test_too_many_words_are_refused(tmp_path):
    answer = "Tomas Lindqvist: " + "The tide came in and went out again. " * 40
    article = tmp_path / "article.txt"
    article.write_text(interview(*([QUESTION, answer] * (MAX_WORDS // 300))))
    done = podcaster("script", article, cache=tmp_path / "cache")
    assert done.returncode == 8 and "split the article" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1 and done.stdout == ""


@pytest.mark.slow
def test_music_that_is_not_audio(tmp_path):
    voices = tmp_path / "voices"
    voices.mkdir()
    (voices / "intro.mp3").write_text("this is not audio at all")
    (voices / "cast.toml").write_text('[music]\nintro = "intro.mp3"\n')
    article = tmp_path / "article.txt"
    article.write_text(interview())
    out = tmp_path / "out"
    done = podcaster("episode", article, "-o", out, "--voices", voices, cache=tmp_path / "cache")
    check_refused(done, out, "intro.mp3")


@pytest.mark.slow
def test_a_file_over_the_size_limit_is_refused(tmp_path):
    article = tmp_path / "article.txt"
    article.write_text(interview() * 40_000)  # about 7 MB
    done = podcaster("episode", article, "-o", tmp_path / "out", cache=tmp_path / "cache")
    check_refused(done, tmp_path / "out", "larger than 5 MB")
