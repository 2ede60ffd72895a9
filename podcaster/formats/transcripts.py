"""Transcripts (WebVTT, SRT) and Podcasting 2.0 JSON chapters from the timeline; WebVTT read back.

``parse_vtt`` is the one reader of WebVTT (the listening pages use it): what ``to_vtt`` writes,
it gives back as the same cues.
"""

from __future__ import annotations

import html
import json
import re
import textwrap

from ..model import Chapter, Cue
from .punctuation import CLAUSE_MARKS, SENTENCE_MARKS
from .timecode import VTT_STAMP, millis, parse_vtt_stamp, srt_stamp, vtt_stamp

LINE_CHARS = 65
TIMING = re.compile(rf"^\s*({VTT_STAMP})\s+-->\s+({VTT_STAMP})")
VOICE = re.compile(r"<v(?:\.[^\s>]*)?\s+([^>]*)>")  # <v Name>, <v.loud Name>
TAG = re.compile(r"<[^>]*>")


def split_cue(cue: Cue, max_chars: int = 130) -> list[Cue]:
    """Split a long cue at word boundaries (punctuation preferred); times shared by characters."""
    text = _plain(cue.text)
    pieces = _pieces(text, max_chars)
    if len(pieces) <= 1:
        return [Cue(cue.start, cue.end, cue.speaker, text)]
    total = sum(len(p) for p in pieces)
    cues, done = [], 0
    for index, piece in enumerate(pieces):
        start = cue.start + (cue.end - cue.start) * done / total
        done += len(piece)
        end = cue.end if index == len(pieces) - 1 else cue.start + (cue.end - cue.start) * done / total
        cues.append(Cue(start, end, cue.speaker, piece))
    return cues


def to_vtt(cues: list[Cue]) -> str:
    """A WebVTT document; every cue opens with a ``<v Speaker>`` voice span."""
    blocks = ["WEBVTT"]
    for start, end, cue in _timeline(cues):
        lines = [_escape(line) for line in _wrap(cue.text)]
        if cue.speaker.strip():
            lines[0] = f"<v {_escape(_plain(cue.speaker))}>{lines[0]}"
        blocks.append(f"{vtt_stamp(start)} --> {vtt_stamp(end)}\n" + "\n".join(lines))
    return "\n\n".join(blocks) + "\n"


def parse_vtt(text: str) -> list[Cue]:
    """The cues of a WebVTT document, in file order: times, the ``<v Speaker>`` ("" without one)
    and the words, tags removed and escapes undone. Header, NOTE and STYLE blocks are skipped."""
    cues = []
    for block in re.split(r"\n\s*\n", text.replace("\r\n", "\n").replace("\r", "\n")):
        rows = block.strip("\n").split("\n")
        at, timing = next(((i, m) for i, row in enumerate(rows) if (m := TIMING.match(row))), (0, None))
        if timing is None:
            continue
        start, end = (parse_vtt_stamp(stamp) / 1000 for stamp in timing.groups())
        body = " ".join(rows[at + 1:])
        voice = VOICE.search(body)
        speaker = html.unescape(voice.group(1)).strip() if voice else ""
        words = _plain(html.unescape(TAG.sub("", body)))
        if words:
            cues.append(Cue(start, end, speaker, words))
    return cues


def to_srt(cues: list[Cue]) -> str:
    """An SRT document; "Name: " opens the first cue after each change of speaker."""
    blocks, previous = [], None
    for number, (start, end, cue) in enumerate(_timeline(cues), start=1):
        text = _plain(cue.text)
        speaker = _plain(cue.speaker)
        if speaker and speaker != previous:
            text = f"{speaker}: {text}"
        previous = speaker
        blocks.append(f"{number}\n{srt_stamp(start)} --> {srt_stamp(end)}\n" + "\n".join(_wrap(text)))
    return "\n\n".join(blocks) + "\n" if blocks else ""


def to_chapters_json(chapters: list[Chapter], title: str = "") -> str:
    """Podcasting 2.0 JSON chapters (version 1.2.0), in the order given (the timeline's: by start)."""
    document: dict = {"version": "1.2.0"}
    if title:
        document["title"] = title
    document["chapters"] = [
        {"startTime": round(float(c.start), 3), "endTime": round(float(c.end), 3), "title": c.title}
        for c in chapters
    ]
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _pieces(text: str, max_chars: int) -> list[str]:
    """Cut ``text`` into pieces of at most ``max_chars`` (a lone longer word stays whole)."""
    pieces = []
    while len(text) > max_chars:
        cut = _break_at(text, max_chars)
        pieces.append(text[:cut].rstrip())
        text = text[cut:].lstrip()
    return pieces + [text] if text else pieces


def _break_at(text: str, max_chars: int) -> int:
    """Where to end the next piece: after a sentence, else a clause, else a word."""
    window = text[: max_chars + 1]
    spaces = [i for i, ch in enumerate(window) if ch == " " and i > 0]
    if not spaces:
        following = text.find(" ", max_chars)
        return following if following > 0 else len(text)
    floor = max_chars * 0.4
    for marks in (SENTENCE_MARKS, CLAUSE_MARKS + ")"):
        good = [i for i in spaces if i >= floor and window[i - 1] in marks]
        if good:
            return good[-1]
    return spaces[-1]


def _timeline(cues: list[Cue]) -> list[tuple[int, int, Cue]]:
    """Cues with text, in start order, as millisecond spans that never overlap."""
    spoken = sorted((c for c in cues if _plain(c.text)), key=lambda c: c.start)
    starts = [millis(c.start) for c in spoken]
    spans = []
    for index, cue in enumerate(spoken):
        end = max(millis(cue.end), starts[index] + 1)  # at least 1 ms long...
        if index + 1 < len(spoken):
            end = min(end, starts[index + 1])  # ...unless the next cue starts at once
        spans.append((starts[index], end, cue))
    return spans


def _wrap(text: str) -> list[str]:
    """Lines of at most 65 characters; words are never broken."""
    return textwrap.wrap(_plain(text), LINE_CHARS, break_long_words=False, break_on_hyphens=False) or [""]


def _plain(text: str) -> str:
    return " ".join(text.split())


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
