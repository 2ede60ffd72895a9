"""Text that comes in odd (issue 11): tags, entities, control characters, other writing systems,
emoji, stray bytes, oversized titles, loose dates, slow and looping servers."""

from __future__ import annotations

import json
import socket
import threading
from contextlib import contextmanager
from pathlib import Path

import pytest
from conftest import podcaster
from mutagen.id3 import ID3
from test_bad_input import check_refused
from test_hostile import interview, spoken

from podcaster.config import limits
from podcaster.errors import InputError
from podcaster.model import Script, Turn, Voice
from podcaster.pipeline import load_script
from podcaster.plan import plan_lines
from podcaster.read import read_article, web

TIDE = "The tide was high that morning and nobody came down to the quay."
CHINESE = "港口教会了我倾听。安静的人知道水往哪里流。"
JAPANESE = "港の人々は静かです。水がどこへ行くかを知っています。"


def json_script(tmp_path: Path, *answers: str, **meta) -> Path:
    """A .script.json: one question, then the answers, as `json.dumps` escapes them."""
    turns = [{"speaker": "Maya Okafor", "role": "interviewer", "text": "What did the harbour teach you?"}]
    turns += [{"speaker": "Tomas Lindqvist", "role": "guest", "text": answer} for answer in answers]
    script = {"title": "Harbour talk", "date": "2024-03-03", "hosts": ["Maya Okafor"],
              "guests": ["Tomas Lindqvist"], "turns": turns, **meta}
    path = tmp_path / "talk.script.json"
    path.write_text(json.dumps(script, indent=2))
    return path


def planned(script: Script, voice: Voice = Voice()) -> list:
    """The lines to speak, every speaker in ``voice``; the plan's notes join the script's, as in a render."""
    lines, notes = plan_lines(script, {turn.speaker: voice for turn in script.turns})
    script.notes.extend(notes)
    return lines


# --- item 5: a paragraph led by a tag keeps its words ----------------------------------------

@pytest.mark.parametrize("paragraph", [
    f"Tomas Lindqvist: <speak>{TIDE}</speak>",
    f'<prosody rate="x-slow">{TIDE}</prosody>',
    f"<speak><p>{TIDE}</p></speak>",
    f"<!-- a note --><speak>{TIDE}<break time='3s'/></speak>",
])
def test_a_paragraph_led_by_a_tag_keeps_its_words(tmp_path, paragraph):
    written, heard = spoken(tmp_path, interview(paragraph))
    assert TIDE in written and "tide was high that morning" in heard
    assert "<" not in written and "speak" not in heard and "prosody" not in heard
    assert written.count("the quiet ones know") == 2  # nothing after it was lost either


def test_an_address_or_a_name_in_angle_brackets_is_not_a_tag(tmp_path):
    written, heard = spoken(tmp_path, interview("Tomas Lindqvist: Write to <maya@example.org> about it, "
                                                "said <Maya> in the chat."))
    assert "<maya@example.org>" in written and "maya at example dot org" in heard
    assert "said <Maya> in the chat." in written and "said Maya in the chat." in heard


# --- item 19: entities in plain text ----------------------------------------------------------

def test_entities_in_plain_text_are_decoded(tmp_path):
    written, heard = spoken(tmp_path, interview(
        "Tomas Lindqvist: The caf&eacute; &amp; the bar &mdash; open &#x1F600; all night &#233;t&eacute;."))
    assert "The café & the bar — open 😀 all night été." in written
    assert "café and the bar, open all night été." in heard
    assert "&" not in heard.replace(" and ", "") and "eacute" not in heard and "x1F600" not in heard


def test_entities_in_a_script_are_decoded_for_speech():
    script = Script("T", [Turn("Ann", "guest", "Caf&eacute; &amp; bar &#x1F600; &notanentity; ok.")])
    [line] = planned(script)
    assert line.spoken == "Café and bar and notanentity; ok."  # "&notanentity;" is no entity
    assert any("😀" in note for note in script.notes)


# --- item 6 and 7: other writing systems, emoji, symbols ---------------------------------------

def test_chinese_and_japanese_are_reported_not_spoken_as_letters():
    script = Script("T", [Turn("Ann", "guest", f"{CHINESE}\n\n{JAPANESE}\n\nThe word 港口 means harbour.")])
    lines = planned(script)
    assert [line.spoken for line in lines] == ["The word means harbour."]
    assert lines[0].written == "The word 港口 means harbour."  # the transcript keeps it
    notes = "\n".join(script.notes)
    assert f'Ann\'s paragraph "{CHINESE}" is not spoken: Chinese characters the voice gmw/en' in notes
    assert "Japanese kana" in notes and "is spoken without 港口" in notes


def test_a_voice_of_the_language_says_it():
    script = Script("T", [Turn("Ann", "guest", CHINESE)])
    assert "".join(line.spoken for line in planned(script, Voice(voice="sit/cmn"))) == CHINESE
    assert script.notes == []


def test_emoji_and_symbols_are_reported_not_spoken_by_name():
    script = Script("T", [Turn("Ann", "guest", "😂 That the quiet ones 🤫 know where the water 💧 goes. "
                               "🚢⚓ It was 20 °C, ★★★, and Ελλάδα felt near; α and π stay.")])
    heard = " ".join(line.spoken for line in planned(script))
    assert heard == "That the quiet ones know where the water goes. It was twenty °C, and felt near; α and π stay."
    [note] = script.notes
    assert note.startswith('Ann\'s paragraph "😂 That the quiet ones 🤫…" is spoken without 😂 🤫 💧 🚢⚓ ★★★ Ελλάδα')
    assert "Greek letters" in note and "emoji and symbols" in note


def test_a_paragraph_of_emoji_alone_is_reported():
    script = Script("T", [Turn("Ann", "guest", "Yes.\n\n🎉🎉 🙌")])
    assert [line.spoken for line in planned(script)] == ["Yes."]
    assert script.notes == ['Ann\'s paragraph "🎉🎉 🙌" is not spoken: emoji and symbols the voice gmw/en cannot say']


def test_a_chinese_answer_in_an_article_is_kept(tmp_path):
    written, _ = spoken(tmp_path, interview(f"Tomas Lindqvist: {CHINESE}"))
    assert CHINESE in written and written.count("the quiet ones know") == 2


def test_an_emoji_heavy_short_article_keeps_its_text_and_title(tmp_path):
    article = tmp_path / "emoji.txt"
    article.write_text("🌊 Harbour days 🌊\n\n"
                       "Maya Okafor: What did the harbour 🌊 teach you? 🤔\n\n"
                       "Tomas Lindqvist: That the quiet ones 🤫 know where the water 💧 goes. 🚢\n\n"
                       "Maya Okafor: And the boats? ⛵\n\n"
                       "Tomas Lindqvist: They wait for the tide. 🌙 Always.\n\n"
                       "Maya Okafor: Thank you for talking to us. 💯\n")
    script = load_script(article)
    written = " ".join(turn.text for turn in script.turns)
    assert "Harbour days" in script.title
    for words in ("teach you", "quiet ones", "And the boats", "wait for the tide", "Thank you"):
        assert words in written


# --- item 9: control characters as JSON escapes -------------------------------------------------

def test_control_escapes_in_a_script_json_are_removed(tmp_path):
    path = json_script(tmp_path, "That the quiet\u0000 ones\u0007 know\u001b[31m where the water goes.",
                       title="Harbour\u0000 talk\u0008 tonight\u202e")
    script = load_script(path)
    assert script.title == "Harbour talk tonight"
    assert script.turns[1].text == "That the quiet ones know where the water goes."
    assert [line.spoken for line in planned(script)][1] == "That the quiet ones know where the water goes."


def test_control_characters_never_reach_the_id3_title(tmp_path, sine_mp3):
    from podcaster.output.tags import EpisodeTags, write_tags
    write_tags(sine_mp3, EpisodeTags("Harbour\x00 talk\x1b[1m tonight", ["Maya\x00 Okafor"], "Show\x07", ""), [])
    id3 = ID3(sine_mp3)
    assert id3["TIT2"].text == ["Harbour talk tonight"]
    assert id3["TPE1"].text == ["Maya Okafor"] and id3["TALB"].text == ["Show"]


@pytest.fixture
def sine_mp3(tmp_path) -> Path:
    import subprocess
    path = tmp_path / "sine.mp3"
    subprocess.run(["ffmpeg", "-v", "error", "-f", "lavfi", "-i", "sine=d=1", str(path)], check=True)
    return path


# --- item 10: UTF-8 with a stray byte -------------------------------------------------------------

@pytest.mark.slow
def test_utf8_with_a_stray_byte_is_read_as_utf8_with_a_note(tmp_path):
    text = interview("Tomas Lindqvist: Zoë’s café — the one by the “old” quay — opened in 1987.",
                     title="Zoë’s café on the quay")
    data = text.encode("utf-8").replace(b"opened", b"op\x92ened")
    article = tmp_path / "cafe.txt"
    article.write_bytes(data)
    script = load_script(article)
    assert script.title == "Zoë’s café on the quay"
    assert "Zoë’s café — the one by the “old” quay — op\ufffdened in 1987." in script.turns[3].text
    assert script.notes[0].startswith(f"{article}: 1 stray byte not valid UTF-8 (first on line 9)")
    done = podcaster("script", article, cache=tmp_path / "cache")
    assert done.returncode == 0 and "podcaster: note: " + script.notes[0] in done.stderr


def test_a_cp1252_file_is_still_cp1252(tmp_path):
    article = tmp_path / "cafe.txt"
    article.write_bytes(interview("Tomas Lindqvist: Zoë’s café opened in 1987.").encode("cp1252"))
    script = load_script(article)
    assert "Zoë’s café opened in 1987." in script.turns[3].text
    assert not any("UTF-8" in note for note in script.notes)


# --- item 14: titles, subtitles, names and chapter titles have limits --------------------------

@pytest.mark.slow
@pytest.mark.parametrize("meta, words", [
    ({"title": "a" * 900}, ["the title has a 900-character word", "break it up"]),
    ({"title": "word " * 60}, ["the title is 299 characters long; shorten it to 200"]),
    ({"subtitle": "Words " * 400}, ["the subtitle is 2,399 characters long; shorten it to 2,000"]),
    ({"publication": "b" * 70}, ["the publication has a 70-character word"]),
    ({"guests": ["Tomas Lindqvist", "Ann " * 40]}, ["is 159 characters long; shorten it to 100"]),
    ({"guests": ["Tomas Lindqvist"] + [f"Guest {n}" for n in range(25)]},
     ["27 hosts and guests", "keep the main speakers"]),
])
def test_oversized_titles_and_names_are_refused(tmp_path, meta, words):
    path = json_script(tmp_path, "That the quiet ones know.", **meta)
    out = tmp_path / "out"
    done = podcaster("episode", path, "-o", out, cache=tmp_path / "cache")
    check_refused(done, out, str(path), *words)


def test_an_oversized_chapter_title_or_speaker_is_refused(tmp_path):
    path = tmp_path / "talk.script.txt"
    path.write_text("Title: Harbour talk\nHosts: Maya Okafor\n\n## " + "c" * 80 + "\nMaya Okafor: Why?\n")
    with pytest.raises(InputError, match="the chapter title 'cccccccccccccccccccc…' has a 80-character word"):
        load_script(path)
    path.write_text("Title: Harbour talk\nHosts: Maya Okafor\n\nMaya Okafor: Why?\n\n"
                    + "Sam " * 30 + "(narrator): Because.\n")
    with pytest.raises(InputError, match="the name 'Sam Sam Sam Sam Sam …' is 119 characters long"):
        load_script(path)


def test_chinese_is_not_a_run_on_word():
    limits.check_limits([CHINESE * 20], "x")
    limits.check_metadata(Script(CHINESE * 4, []), "x")


# --- item 20: a script's date is checked strictly, with its line ---------------------------------

@pytest.mark.parametrize("date", ["2024-02-30", "2024-3-3", "20240303", "2024-03-03T10:00", "３０２４-０３-０３"])
def test_a_script_json_date_is_strict_and_its_line_named(tmp_path, date):
    path = json_script(tmp_path, "That the quiet ones know.", date=date)
    line = next(n for n, text in enumerate(path.read_text().split("\n"), 1) if '"date"' in text)
    with pytest.raises(InputError, match=rf"^{path}: line {line}: date '{date}' is not YYYY-MM-DD"):
        load_script(path)


# --- item 21: fetching has a total deadline; a redirect loop is one line --------------------------

@contextmanager
def trickling(headers_slowly: bool):
    """A server on 127.0.0.1 that sends its first 80 bytes (headers or body) one every 50 ms."""
    listener = socket.create_server(("127.0.0.1", 0))
    stop = threading.Event()

    def serve(conn: socket.socket) -> None:
        body = ("<html><body><h1>Harbour talk</h1>" + "<p>The quiet ones know where the water goes.</p>" * 50
                + "</body></html>").encode()
        page = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: %d\r\n\r\n%s" % (len(body), body)
        slow_from = 0 if headers_slowly else page.index(b"\r\n\r\n") + 4
        with conn:
            conn.recv(65536)
            try:
                conn.sendall(page[:slow_from])
                for at in range(slow_from, slow_from + 80):
                    if stop.wait(0.05):
                        return
                    conn.sendall(page[at:at + 1])
                conn.sendall(page[slow_from + 80:])
            except OSError:
                pass  # the client gave up

    def accept() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            threading.Thread(target=serve, args=(conn,), daemon=True).start()

    threading.Thread(target=accept, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}/article"
    finally:
        stop.set()
        listener.close()


@pytest.mark.parametrize("headers_slowly", [False, True], ids=["body", "headers"])
def test_a_trickling_server_is_given_up_on_at_the_deadline(monkeypatch, headers_slowly):
    monkeypatch.setattr(web, "TIMEOUT", 1)  # each byte comes well within it, the page never does
    with trickling(headers_slowly) as url:
        with pytest.raises(InputError, match=rf"^{url}: could not fetch \(no complete answer within 1 s\)"):
            read_article(url)


@pytest.mark.slow
def test_a_redirect_loop_is_one_line(tmp_path):
    from test_read_formats import serving
    routes = {"/a": (302, {"Location": "/b"}, b""), "/b": (302, {"Location": "/a"}, b"")}
    with serving(routes) as base:
        done = podcaster("episode", f"{base}/a", "-o", tmp_path / "out", cache=tmp_path / "cache")
    check_refused(done, tmp_path / "out", f"{base}/a: could not fetch (HTTP 302: redirected in a loop")
