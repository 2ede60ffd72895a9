import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from podcaster.formats import transcripts
from podcaster.formats.transcripts import split_cue, to_chapters_json, to_srt, to_vtt
from podcaster.model import Chapter, Cue

FFMPEG = shutil.which("ffmpeg")
VTT_TIMING = re.compile(r"^(\d{2,}):([0-5]\d):([0-5]\d)\.(\d{3}) --> (\d{2,}):([0-5]\d):([0-5]\d)\.(\d{3})$")
SRT_TIMING = re.compile(r"^(\d{2,}):([0-5]\d):([0-5]\d),(\d{3}) --> (\d{2,}):([0-5]\d):([0-5]\d),(\d{3})$")
VOICE = re.compile(r"^<v ([^<>\n]+)>")
ENTITY = re.compile(r"&(amp|lt|gt);")

CUES = [
    Cue(0.0, 2.5, "Ann Lee", "Welcome to the harbour, where the tide keeps its own ledger."),
    Cue(2.5, 6.25, "Ann Lee", "Tell me how you began & why <ships> mattered."),
    Cue(6.4, 12.0, "Bob Ödön", "It started with my grandmother, who counted every single boat "
                               "from the window of her kitchen, forty years and more, in pencil."),
    Cue(12.0, 13.5, "Ann Lee", "Fascinating."),
]


# --- independent, strict parsers -------------------------------------------------

def _ms(groups) -> int:
    h, m, s, ms = (int(g) for g in groups)
    return ((h * 60 + m) * 60 + s) * 1000 + ms


def _unescape(text: str) -> str:
    assert "<" not in text and ">" not in text, text
    assert "&" not in ENTITY.sub("", text), text
    return ENTITY.sub(lambda m: {"amp": "&", "lt": "<", "gt": ">"}[m.group(1)], text)


def parse_vtt(document: str) -> list[tuple[int, int, str, str, list[str]]]:
    """(start ms, end ms, speaker, text, visible lines) per cue; asserts on anything malformed."""
    assert document.startswith("WEBVTT\n\n") or document == "WEBVTT\n"
    assert document.endswith("\n") and "\r" not in document
    cues = []
    for block in document[len("WEBVTT\n\n"):].rstrip("\n").split("\n\n") if document != "WEBVTT\n" else []:
        timing, *lines = block.split("\n")
        match = VTT_TIMING.match(timing)
        assert match, timing
        assert lines and all(line.strip() and "-->" not in line for line in lines), block
        voice = VOICE.match(lines[0])
        speaker = _unescape(voice.group(1)) if voice else ""
        if voice:
            lines[0] = lines[0][voice.end():]
        visible = [_unescape(line) for line in lines]
        cues.append((_ms(match.groups()[:4]), _ms(match.groups()[4:]), speaker, " ".join(visible), visible))
    return cues


def parse_srt(document: str) -> list[tuple[int, int, str, list[str]]]:
    assert document.endswith("\n") and "\r" not in document
    cues = []
    for number, block in enumerate(document.rstrip("\n").split("\n\n"), start=1):
        index, timing, *lines = block.split("\n")
        assert index == str(number)
        match = SRT_TIMING.match(timing)
        assert match, timing
        assert lines and all(line.strip() for line in lines), block
        cues.append((_ms(match.groups()[:4]), _ms(match.groups()[4:]), " ".join(lines), lines))
    return cues


def _plain(text: str) -> str:
    return " ".join(text.split())


def _short_lines(lines: list[str]) -> bool:
    return all(len(line) <= 65 or " " not in line for line in lines)


# --- strategies --------------------------------------------------------------------

words = st.text(st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from("&<>-.,"),
                min_size=1, max_size=25)
texts = st.lists(words, min_size=1, max_size=40).map(" ".join).filter(lambda t: t.split())
speakers = st.sampled_from(["Ann Lee", "Bob & <Co>", "Çelik Öz", "Narrator"])


@st.composite
def cue_lists(draw):
    cues, clock = [], 0.0
    for _ in range(draw(st.integers(1, 12))):
        clock += draw(st.floats(0, 5))
        length = draw(st.floats(0.002, 20))
        cues.append(Cue(clock, clock + length, draw(speakers), draw(texts)))
        clock += length
    return cues


# --- WebVTT ----------------------------------------------------------------------

def test_vtt_example():
    document = to_vtt(CUES)
    assert document.startswith("WEBVTT\n\n00:00:00.000 --> 00:00:02.500\n<v Ann Lee>Welcome")
    assert "&amp; why &lt;ships&gt; mattered." in document
    parsed = parse_vtt(document)
    assert [c[2] for c in parsed] == ["Ann Lee", "Ann Lee", "Bob Ödön", "Ann Lee"]
    assert [c[3] for c in parsed] == [c.text for c in CUES]
    assert all(_short_lines(c[4]) for c in parsed)
    assert len(parsed[2][4]) == 2


@settings(max_examples=150, deadline=None)
@given(cue_lists())
def test_vtt_round_trip(cues):
    parsed = parse_vtt(to_vtt(cues))
    assert len(parsed) == len(cues)
    for (start, end, speaker, text, lines), cue in zip(parsed, cues):
        assert speaker == cue.speaker
        assert text == _plain(cue.text)
        assert abs(start - cue.start * 1000) <= 1 and abs(end - cue.end * 1000) <= 1
        assert start < end
        assert _short_lines(lines)
    assert all(a[1] <= b[0] for a, b in zip(parsed, parsed[1:]))


# what could break a cue or a tag: "-->", blank lines, markup, escapes, a timing line, a header
HOSTILE = st.sampled_from(["-->", "a-->b", "\n\n", "\r\n\r\n", "<", ">", "<v Eve>", "</v>", "<i>", "&amp;",
                           "&lt;", "&", "&#60;", "NOTE", "WEBVTT", "00:00:01.000 --> 00:00:02.000", "Zoë",
                           "名前", "😀", "\u2028", "\t", "é"])
hostile_texts = st.lists(HOSTILE | words, min_size=1, max_size=12).map(" ".join)


@st.composite
def written_cues(draw):
    """Cues as the timeline makes them: in order, whole milliseconds, never overlapping."""
    cues, ms = [], 0
    for _ in range(draw(st.integers(0, 10))):
        start = ms + draw(st.integers(0, 5000))
        ms = start + draw(st.integers(1, 20_000))
        cues.append(Cue(start / 1000, ms / 1000, draw(HOSTILE | speakers | st.just("")), draw(hostile_texts)))
    return cues


@settings(max_examples=300, deadline=None)
@given(written_cues())
def test_the_vtt_reader_gives_back_what_the_writer_wrote(cues):
    """Only whitespace changes: runs of it are one space, and a cue with no words is left out."""
    expected = [Cue(c.start, c.end, _plain(c.speaker), _plain(c.text)) for c in cues if _plain(c.text)]
    assert transcripts.parse_vtt(to_vtt(cues)) == expected


def test_the_vtt_reader_reads_vtt_written_by_hand():
    vtt = ("WEBVTT - made by hand\r\n\r\nNOTE a comment\r\n--> not a cue\r\n\r\n1\r\n"
           "00:00:01.000 --> 00:00:02.000 align:start\r\n<v Ann>One\r\ntwo.\r\n\r\n"
           "00:03.000 --> 00:04.500\r\n<v.loud Ann>Three.</v>\r\n\r\n"
           "00:00:05.000 --> 00:00:06.000\r\n<v Bob &amp; Co>Four <i>five</i> &lt;6&gt;.\r\n\r\n"
           "00:00:07.000 --> 00:00:08.000\r\n<c.x></c>\r\n")
    assert transcripts.parse_vtt(vtt) == [Cue(1.0, 2.0, "Ann", "One two."), Cue(3.0, 4.5, "Ann", "Three."),
                                          Cue(5.0, 6.0, "Bob & Co", "Four five <6>.")]


def test_vtt_orders_and_unoverlaps_cues():
    messy = [Cue(5.0, 9.0, "B", "second"), Cue(0.0, 6.0, "A", "first"), Cue(9.0, 9.0, "B", "third")]
    parsed = parse_vtt(to_vtt(messy))
    assert [(c[0], c[1], c[3]) for c in parsed] == [(0, 5000, "first"), (5000, 9000, "second"),
                                                     (9000, 9001, "third")]


def test_empty_cues_are_left_out():
    assert to_vtt([Cue(0, 1, "A", "  ")]) == "WEBVTT\n"
    assert to_srt([]) == ""


def test_long_timestamps():
    assert "10:00:01.234 --> 10:00:02.000" in to_vtt([Cue(36001.234, 36002.0, "A", "late")])


# --- SRT ---------------------------------------------------------------------------

def test_srt_example():
    parsed = parse_srt(to_srt(CUES))
    assert [c[2] for c in parsed] == [
        "Ann Lee: " + CUES[0].text, CUES[1].text, "Bob Ödön: " + CUES[2].text, "Ann Lee: " + CUES[3].text]
    assert (parsed[2][0], parsed[2][1]) == (6400, 12000)
    assert all(_short_lines(c[3]) for c in parsed)


@settings(max_examples=100, deadline=None)
@given(cue_lists())
def test_srt_round_trip(cues):
    parsed = parse_srt(to_srt(cues))
    assert len(parsed) == len(cues)
    previous = None
    for (start, end, text, lines), cue in zip(parsed, cues):
        prefix = f"{cue.speaker}: " if cue.speaker != previous else ""
        previous = cue.speaker
        assert text == prefix + _plain(cue.text)
        assert abs(start - cue.start * 1000) <= 1 and abs(end - cue.end * 1000) <= 1
        assert _short_lines(lines)


# --- ffmpeg reads both ----------------------------------------------------------------

def _convert(source: Path, fmt: str) -> str:
    done = subprocess.run([FFMPEG, "-v", "error", "-i", str(source), "-f", fmt, "-"],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout


def _many_cues() -> list[Cue]:
    cues = []
    for cue in CUES * 3:
        cues.extend(split_cue(cue, 40))
    return [Cue(i * 2.0, i * 2.0 + 1.5, c.speaker, c.text) for i, c in enumerate(cues)]


@pytest.mark.parametrize("kind, writer, target", [("vtt", to_vtt, "srt"), ("srt", to_srt, "webvtt")])
def test_ffmpeg_converts_without_losing_cues(tmp_path, kind, writer, target):
    cues = _many_cues()
    source = tmp_path / f"episode.{kind}"
    source.write_text(writer(cues), encoding="utf-8")
    converted = _convert(source, target)
    assert sum("-->" in line for line in converted.splitlines()) == len(cues)


# --- split_cue ------------------------------------------------------------------------

def test_split_prefers_sentence_ends():
    text = ("The tide came in at dawn. " * 3 + "Then, slowly, the boats went out one by one into the grey, "
            "and nobody said a word about it until evening came")
    pieces = split_cue(Cue(10.0, 20.0, "A", text), 130)
    assert pieces[0].text.endswith("dawn.")
    assert all(len(p.text) <= 130 for p in pieces)


def test_short_cue_is_kept():
    assert split_cue(Cue(1.0, 2.0, "A", "Hello  there")) == [Cue(1.0, 2.0, "A", "Hello there")]


@settings(max_examples=200, deadline=None)
@given(texts, st.floats(0, 1000), st.floats(0.01, 120), st.integers(20, 200))
def test_split_round_trip(text, start, length, max_chars):
    cue = Cue(start, start + length, "A", text)
    pieces = split_cue(cue, max_chars)
    assert " ".join(p.text for p in pieces) == _plain(text)
    assert all(len(p.text) <= max_chars or " " not in p.text for p in pieces)
    assert pieces[0].start == cue.start and pieces[-1].end == cue.end
    assert all(a.end == b.start for a, b in zip(pieces, pieces[1:]))
    assert all(p.start <= p.end for p in pieces)
    assert {p.speaker for p in pieces} == {"A"}


def test_split_shares_time_by_characters():
    pieces = split_cue(Cue(0.0, 10.0, "A", "a" * 49 + " " + "b" * 49 + "."), 60)
    assert [p.text[0] for p in pieces] == ["a", "b"]
    assert pieces[0].end == pytest.approx(10.0 * 49 / 99)


# --- chapters JSON ----------------------------------------------------------------------

def test_chapters_json():
    chapters = [Chapter("Intro", 0, 65.12345), Chapter("Zwei – «Ö»", 65.12345, 130.0)]
    document = to_chapters_json(chapters, title="Harbour Lights")
    assert "«Ö»" in document  # not \u-escaped
    data = json.loads(document)
    assert data["version"] == "1.2.0" and data["title"] == "Harbour Lights"
    assert [c["title"] for c in data["chapters"]] == ["Intro", "Zwei – «Ö»"]
    assert '"startTime": 0.0,' in document  # always a float
    assert data["chapters"][1] == {"startTime": 65.123, "endTime": 130.0, "title": "Zwei – «Ö»"}


@given(st.lists(st.tuples(st.floats(0, 10_000), st.floats(0, 100), st.text(max_size=30)), max_size=20))
def test_chapters_json_structure(raw):
    chapters = [Chapter(title, start, start + length) for start, length, title in raw]
    data = json.loads(to_chapters_json(chapters))
    assert data["version"] == "1.2.0"
    assert [c["title"] for c in data["chapters"]] == [c.title for c in chapters]  # in the order given
    for entry in data["chapters"]:
        assert set(entry) == {"startTime", "endTime", "title"}
        assert isinstance(entry["startTime"], float) and entry["startTime"] == round(entry["startTime"], 3)
        assert entry["endTime"] >= entry["startTime"]
