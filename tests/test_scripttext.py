"""Script files: the plain text format (podcaster/scripttext.py) and strict JSON, read back exactly."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest
from audio import probe
from conftest import SAMPLE, podcaster
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from test_bad_input import check_refused

from podcaster.errors import InputError
from podcaster.formats import scriptfile, scripttext
from podcaster.formats.plaintext import normalise
from podcaster.model import NARRATOR, ROLES, Script, Turn
from podcaster.pipeline import load_script

TALK = """\
# a comment
Title: Night ferries
Date: 2024-05-01
Interviewer: Ana Ruiz
Guests: Lee Chan; Ursula von der Leyen

## Introduction
Narrator: Night ferries, a conversation.

## Why ferries?
Ana Ruiz: Why ferries: why now?

Lee Chan: Because the bridge closed.
It was shut for a year.

Lee Chan: # not a comment, and no chapter either

## Closing
Sam Poe (narrator): Thanks for listening.
"""


# --- the format ---------------------------------------------------------------------------

def test_reads_header_blocks_turns_and_chapters():
    script = scripttext.loads(TALK, "talk.script.txt")
    assert (script.title, script.date, script.hosts) == ("Night ferries", "2024-05-01", ["Ana Ruiz"])
    assert script.guests == ["Lee Chan", "Ursula von der Leyen"]
    assert script.turns == [
        Turn(NARRATOR, "narrator", "Night ferries, a conversation.", "Introduction"),
        Turn("Ana Ruiz", "interviewer", "Why ferries: why now?", "Why ferries?"),
        Turn("Lee Chan", "guest", "Because the bridge closed.\nIt was shut for a year.\n\n"
             "# not a comment, and no chapter either"),
        Turn("Sam Poe", "narrator", "Thanks for listening.", "Closing")]
    assert scripttext.loads(scripttext.dumps(script)) == script


def test_the_sample_round_trips_and_keeps_its_notes():
    script = load_script(SAMPLE)
    text = scripttext.dumps(script)
    assert text.startswith(scripttext.MAGIC)
    assert "\nHosts: Maya Okafor\nGuests: Tomas Lindqvist\n" in text
    assert "\n## Introduction\nNarrator: Harbours that listen" in text
    assert scripttext.loads(text) == script
    inferred = [note for note in script.notes if "paragraph" in note]
    assert inferred and all('("' in note for note in inferred)  # notes quote the paragraphs


def test_a_name_line_inside_a_block_starts_a_new_block():
    script = scripttext.loads(TALK.replace("\n\nLee Chan: # not", "\nLee Chan: # not")
                              .replace("year.\n", "year.\nAna Ruiz: Really?\n"))
    assert [t.speaker for t in script.turns][1:4] == ["Ana Ruiz", "Lee Chan", "Ana Ruiz"]
    assert script.turns[3].text == "Really?"


def test_a_renamed_script_is_still_recognised(tmp_path):
    renamed = tmp_path / "talk.txt"
    renamed.write_text(TALK)
    assert load_script(renamed) == scripttext.loads(TALK, renamed)
    bare = "\n".join(line for line in TALK.splitlines() if not line.startswith("# "))
    assert scripttext.looks_like_script(bare)
    assert not scripttext.looks_like_script(SAMPLE.read_text())


def line_of(text: str, start: str) -> int:
    """The first line that is ``start``, else the first that starts with it."""
    lines = text.split("\n")
    found = [n for n, line in enumerate(lines, 1) if line == start]
    return (found or [n for n, line in enumerate(lines, 1) if line.startswith(start)])[0]


@pytest.mark.parametrize("old, new, at, words", [
    ("Lee Chan: Because", "Lee Chan Because", "Lee Chan Because", ['has no "Name:"', "Name: text"]),
    ("Lee Chan: Because", ": Because", ": Because", ["no name before the colon"]),
    ("Lee Chan: Because", "Lee Chn: Because", "Lee Chn", ["'Lee Chn'", "Guests:", "Lee Chn (guest)"]),
    ("Ana Ruiz: Why ferries: why now?", "Ana Ruiz:", "Ana Ruiz:", ["has no text"]),
    ("Date: 2024-05-01", "Publisher: Tides", "Publisher", ["unknown header field 'Publisher'", "Title"]),
    ("Date: 2024-05-01", "Date: May 2024", "Date", ["not YYYY-MM-DD"]),
    ("Date: 2024-05-01", "Title: Again", "Title: Again", ["given twice", "line 2"]),
    ("Date: 2024-05-01\n", "\nDate: 2024-05-01\n", "Date", ["header field", "no blank line"]),
    ("## Why ferries?", "##", "##", ["needs a title"]),
    ("## Why ferries?\n", "## Why ferries?\n## Again\n", "## Again", ["second chapter line"]),
    ("Sam Poe (narrator): Thanks for listening.\n", "", "## Closing", ["no block after it"]),
], ids=["no-name", "empty-name", "unknown-name", "empty-text", "unknown-field", "bad-date",
        "twice", "blank-in-header", "empty-chapter", "two-chapters", "dangling-chapter"])
def test_a_bad_line_is_named_with_what_to_do(old, new, at, words):
    text = TALK.replace(old, new, 1)
    with pytest.raises(InputError) as caught:
        scripttext.loads(text, "talk.script.txt")
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(f"talk.script.txt: line {line_of(text, at)}: "), message
    for word in words:
        assert word in message, message


def test_no_title_and_no_blocks_are_refused():
    with pytest.raises(InputError, match="needs a title"):
        scripttext.loads(TALK.replace("Title: Night ferries\n", ""), "t")
    with pytest.raises(InputError, match="no blocks"):
        scripttext.loads(TALK[:TALK.index("## Introduction")], "t")


# --- strict JSON: the line of the offending key -------------------------------------------

@pytest.mark.parametrize("where, key, occurrence, words", [
    ((), "voices", 0, ["unknown field 'voices'"]),
    (("turns", 2), "speeker", 0, ["turn 3", "unknown field 'speeker'"]),
    (("turns", 1), "role", 1, ["turn 2", "role 'host'"]),  # the second turn's, not the first's
])
def test_json_errors_name_the_line_of_the_key(where, key, occurrence, words):
    data = json.loads(scriptfile.dumps(scripttext.loads(TALK)))
    target = data
    for step in where:
        target = target[step]
    target[key] = "host" if key == "role" else "x"
    text = json.dumps(data, indent=2, ensure_ascii=False)
    expected = [n for n, line in enumerate(text.split("\n"), 1) if f'"{key}":' in line][occurrence]
    with pytest.raises(InputError) as caught:
        scriptfile.loads(text, "talk.script.json")
    message = str(caught.value)
    assert message.startswith(f"talk.script.json: line {expected}: "), message
    for word in words:
        assert word in message, message


# --- round trips for arbitrary scripts ----------------------------------------------------

# Text as podcaster keeps it: no character that cleaning removes, NFC (scripts are cleaned on reading)
_CHARS = st.characters(blacklist_categories=("Cc", "Cs")).filter(lambda ch: normalise(ch) == ch)
_ROLE_SUFFIX = re.compile(r"\((?:interviewer|guest|narrator)\)$")
_ROLE_NAME = re.compile(r"^.+?\s*\((?:interviewer|guest|narrator)\)$")
one_line = st.text(_CHARS, max_size=30).map(lambda text: normalise(text).strip())
some_line = one_line.filter(bool)
real_names = st.builds("{} {} {}".format, st.sampled_from(["Ana", "Jean-Luc", "Øyvind", "李", "Mary Ann"]),
                       st.sampled_from(["van der", "de la", "von", "bin", "O'", "d'", "al-", "Mac"]),
                       st.sampled_from(["Berg", "Cruz", "Leyen", "Neill", "Arcy", "Rashid", "Smith"]))
names = st.one_of(real_names, some_line.filter(
    lambda n: not re.search(r"[:;]|^#", n) and not _ROLE_SUFFIX.search(n)))


@st.composite
def paragraphs(draw) -> str:
    more = draw(st.lists(st.text(_CHARS, min_size=1, max_size=30).map(normalise)
                         .filter(lambda line: line.strip() and not line.startswith("#")), max_size=2))
    return "\n".join([draw(some_line)] + more)


@st.composite
def scripts(draw) -> Script:
    script = Script(title=draw(some_line), turns=[], subtitle=draw(one_line),
                    date=draw(st.one_of(st.just(""), st.dates().map(date.isoformat))),
                    publication=draw(one_line), hosts=draw(st.lists(names, max_size=2)),
                    guests=draw(st.lists(names, max_size=3)), notes=draw(st.lists(some_line, max_size=2)))
    pool = [NARRATOR, *script.hosts, *script.guests, *draw(st.lists(names, max_size=2))]
    blocks = draw(st.lists(st.tuples(st.sampled_from(pool), st.sampled_from(ROLES), paragraphs(),
                                     st.one_of(st.just(""), some_line)), min_size=1, max_size=8))
    for speaker, role, text, chapter in blocks:  # folded as the format folds them
        last = script.turns[-1] if script.turns else None
        if last and not chapter and (last.speaker, last.role) == (speaker, role):
            last.text += "\n\n" + text
        else:
            script.turns.append(Turn(speaker, role, text, chapter))
    return script


def starts_a_block(line: str, script: Script) -> bool:
    name, colon, _ = line.partition(":")
    name = name.strip()
    known = {NARRATOR, *script.hosts, *script.guests} - {""}
    return bool(colon) and (name in known or bool(_ROLE_NAME.match(name)))


@settings(max_examples=300, deadline=None)
@given(scripts())
def test_text_round_trip(script):
    inner = [line for t in script.turns for p in t.paragraphs for line in p.split("\n")[1:]]
    assume(not any(starts_a_block(line, script) for line in inner))
    assert scripttext.loads(scripttext.dumps(script), "t.script.txt") == script


@settings(max_examples=200, deadline=None)
@given(scripts())
def test_json_round_trip(script):
    assert scriptfile.loads(scriptfile.dumps(script)) == script


# --- the command line ---------------------------------------------------------------------

@pytest.fixture(scope="module")
def cache(sample_render) -> Path:
    """The rendered sample's speech: an edit of its script speaks only what changed."""
    return sample_render.cache


@pytest.fixture(scope="module")
def printed(cache):
    done = podcaster("script", SAMPLE, "--format", "text", cache=cache)
    assert done.returncode == 0, done.stderr
    return done


@pytest.mark.slow
def test_script_prints_text_and_notes_on_stderr(printed):
    assert scripttext.loads(printed.stdout) == load_script(SAMPLE)
    assert "podcaster: note:" not in printed.stdout
    notes = printed.stderr.strip().splitlines()
    assert notes and all(line.startswith("podcaster: note: ") for line in notes)
    assert any('at paragraphs 4 ("You describe paying people…")' in note for note in notes)


@pytest.mark.slow
def test_an_edited_text_script_is_rendered_as_written(printed, cache, tmp_path):
    text = printed.stdout.replace("## What changed your mind?", "## Why the brief changed")
    text = text.replace("Tomas Lindqvist: So we stopped drawing.", "Maya Okafor: So we stopped drawing.")
    cut = text.index("Tomas Lindqvist: And the meetings")
    text = text[:cut] + text[text.index("\n\n", cut) + 2:]
    text = text[:text.index("## What surprised you")] + text[text.index("## Closing"):]  # keep it short
    edited = tmp_path / "talk.script.txt"
    edited.write_text(text)

    done = podcaster("episode", edited, "-o", tmp_path / "out", cache=cache)
    assert done.returncode == 0, done.stderr
    assert "podcaster: note:" in done.stderr and "note" not in done.stdout
    mp3 = Path(done.stdout.strip().splitlines()[-1])
    written = scriptfile.load(mp3.with_name(mp3.name.replace(".mp3", ".script.json")))
    assert written == expected_edit(load_script(SAMPLE))
    titles = [c["tags"]["title"] for c in probe(mp3)["chapters"]]
    assert titles == ["Introduction", "Why the brief changed",
                      "You describe paying people to attend as a turning point.", "Closing"]


def expected_edit(script: Script) -> Script:
    intro, question, answer, question2, answer2 = script.turns[:5]
    first, second = answer.paragraphs
    question.chapter = "Why the brief changed"
    answer2.text = answer2.paragraphs[0]
    script.turns = [intro, question, Turn(answer.speaker, "guest", first),
                    Turn(question.speaker, "interviewer", second), question2, answer2, script.turns[-1]]
    return script


@pytest.mark.slow
def test_a_malformed_line_is_refused_before_rendering(printed, cache, tmp_path):
    lines = printed.stdout.split("\n")
    bad = line_of(printed.stdout, "Tomas Lindqvist: Honestly")
    lines[bad - 1] = "Tomas Lindqvist Honestly, a morning on the quay."
    edited = tmp_path / "talk.script.txt"
    edited.write_text("\n".join(lines))
    out = tmp_path / "out"
    done = podcaster("episode", edited, "-o", out, cache=cache)
    check_refused(done, out, "talk.script.txt", f"line {bad}:", '"Name:"')
    assert done.returncode == 8
