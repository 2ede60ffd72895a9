"""Every word is spoken or reported (issue 11): hostile paragraphs rendered, then checked with the
transcript (our VTT, read by an independent parser) and the speech in the MP3 (decoded by ffmpeg)."""

from __future__ import annotations

import json

import numpy as np
import pytest
from audio import RATE, decode
from conftest import podcaster
from test_transcripts import parse_vtt

LONG = " ".join(["the boats came in and the nets went out and the gulls followed them"] * 10)
# (paragraph as written into the script, what the transcript shows, words the voice says)
HOSTILE = [
    ('<speak><prosody rate="x-slow">The tide was high that morning.</prosody></speak>',
     "The tide was high that morning.", 6),
    ("Yes\u0000, the quiet ones know where the water goes\u0007 and they rarely say it twice.",
     "Yes, the quiet ones know where the water goes and they rarely say it twice.", 15),
    ("😂 That the quiet ones 🤫 know where the water 💧 goes. 🚢⚓",
     "😂 That the quiet ones 🤫 know where the water 💧 goes. 🚢⚓", 8),
    ("Caf&eacute; owners &amp; fishermen met at dawn &#x1F600; every day.",
     "Café owners & fishermen met at dawn 😀 every day.", 9),
    ("The word 港口 means harbour in Mandarin.", "The word 港口 means harbour in Mandarin.", 5),
    (LONG, LONG, 140),
]
CHINESE = "港口教会了我倾听。安静的人知道水往哪里流。"
SECONDS_PER_WORD = 0.15  # of audible speech at least: espeak says a word in about 0.35 s at 165 wpm

pytestmark = pytest.mark.slow  # renders


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    folder = tmp_path_factory.mktemp("every-word")
    turns = [{"speaker": "Maya Okafor", "role": "interviewer", "text": "What did the harbour teach you?"}]
    turns += [{"speaker": "Tomas Lindqvist", "role": "guest", "text": written}
              for written, _, _ in HOSTILE[:3]]
    turns += [{"speaker": "Tomas Lindqvist", "role": "guest", "text": CHINESE}]
    turns += [{"speaker": "Tomas Lindqvist", "role": "guest", "text": written}
              for written, _, _ in HOSTILE[3:]]
    script = {"title": "Harbour\u0000 talk", "date": "2024-03-03", "hosts": ["Maya Okafor"],
              "guests": ["Tomas Lindqvist"], "turns": turns}
    source = folder / "hostile.script.json"
    source.write_text(json.dumps(script, indent=2))  # json escapes the control characters
    out = folder / "out"
    done = podcaster("episode", source, "-o", out, cache=folder / "cache")
    assert done.returncode == 0, done.stderr
    return done, out


def speech_seconds(samples: np.ndarray, start: float, end: float) -> float:
    """Seconds of 20 ms frames louder than -35 dBFS between ``start`` and ``end``."""
    frame = RATE // 50
    window = samples[int(start * RATE):int(end * RATE)]
    frames = window[:len(window) // frame * frame].reshape(-1, frame)
    return float(np.sum(np.sqrt(np.mean(frames ** 2, axis=1)) > 10 ** (-35 / 20))) / 50


@pytest.mark.parametrize("written, shown, words", HOSTILE, ids=["ssml", "control", "emoji", "entities",
                                                                 "chinese-word", "unpunctuated"])
def test_no_hostile_paragraph_vanishes(rendered, written, shown, words):
    _, out = rendered
    cues = parse_vtt((out / "harbour-talk.vtt").read_text(encoding="utf-8"))
    mine = [(start, end, text) for start, end, _, text, _ in cues if text in shown]
    assert " ".join(text for _, _, text in mine) == shown  # the whole paragraph, in the transcript
    samples = decode(out / "harbour-talk.mp3")
    heard = sum(speech_seconds(samples, start / 1000, end / 1000) for start, end, _ in mine)
    assert heard >= SECONDS_PER_WORD * words, f"{heard:.1f} s of speech for {words} words"


def test_what_no_voice_can_say_is_reported(rendered):
    done, out = rendered
    notes = json.loads((out / "harbour-talk.script.json").read_text(encoding="utf-8"))["notes"]
    expected = [f'Tomas Lindqvist\'s paragraph "{CHINESE}" is not spoken: Chinese characters',
                'Tomas Lindqvist\'s paragraph "😂 That the quiet ones 🤫…" is spoken without 😂 🤫 💧 🚢⚓',
                "is spoken without 😀 (emoji and symbols", "is spoken without 港口 (Chinese characters"]
    for words in expected:
        assert any(words in note for note in notes), (words, notes)
        assert any(words in line for line in done.stderr.splitlines() if line.startswith("podcaster: note: "))
    assert CHINESE in (out / "harbour-talk.script.json").read_text(encoding="utf-8")  # kept in the script
