"""What one episode may hold: beyond these, a clear refusal instead of a hang or an exhausted machine."""

from __future__ import annotations

import re

from ..errors import InputError
from ..formats.credits import credits
from ..model import Script

MAX_WORDS = 150_000  # about 16 hours of speech
MAX_WORD_CHARS = 60  # the longest English words have 45 letters; longer runs are data, not speech
MAX_RUN_CHARS = 1000  # characters without a space: a long web address is fine, a pasted blob is not
MAX_LINE_CHARS = 1000  # a longer sentence reaches the engine in pieces (clauses, else words)
MAX_MUSIC_SECONDS = 60  # of an intro or outro file: the rest is never read, the cut fades out
MAX_TITLE_CHARS = 200  # titles, chapter titles, the publication: what a podcast app shows on a line
MAX_SUBTITLE_CHARS = 2000  # a standfirst of a few sentences, with room to spare
MAX_NAME_CHARS = 100
MAX_PEOPLE = 20  # hosts and guests together; each has a voice of their own
_RUN_ON = re.compile(rf"\w{{{MAX_WORD_CHARS + 1},}}|\S{{{MAX_RUN_CHARS + 1},}}")
# Chinese, Japanese, Korean and Thai are written without spaces: their characters are not run-ons.
_WRITTEN_WITHOUT_SPACES = re.compile("[\u0e00-\u0e7f\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff"
                                     "\uac00-\ud7af\uf900-\ufaff\uff00-\uffef\U00020000-\U0003134f]")
HELP = (f"Limits: input files up to 5 MB of text, {MAX_WORDS:,} words per episode, "
        f"words up to {MAX_WORD_CHARS} letters, {MAX_RUN_CHARS:,} characters without a space; "
        f"titles up to {MAX_TITLE_CHARS} characters, subtitles {MAX_SUBTITLE_CHARS:,}, names "
        f"{MAX_NAME_CHARS}, {MAX_PEOPLE} hosts and guests; intro and outro music files are cut "
        f"after {MAX_MUSIC_SECONDS} s with a fade.")


def check_limits(paragraphs: list[str], source: object) -> None:
    """Refuse an episode too long to render, or with a run-on "word" no voice can say."""
    words = 0
    for number, paragraph in enumerate(paragraphs, start=1):
        words += len(paragraph.split())
        _check_words(paragraph, f"paragraph {number}", source)
    if words > MAX_WORDS:
        raise InputError(f"{source}: {words:,} words is more than one episode can hold "
                         f"({MAX_WORDS:,}); split the article into parts")


def check_metadata(script: Script, source: object) -> None:
    """Refuse a title, subtitle, chapter title or name too long for a podcast app or a cover."""
    fields = [("the title", script.title, MAX_TITLE_CHARS),
              ("the subtitle", script.subtitle, MAX_SUBTITLE_CHARS),
              ("the publication", script.publication, MAX_TITLE_CHARS)]
    credited = credits(script.hosts, script.guests).names
    names = dict.fromkeys([*credited, *(turn.speaker for turn in script.turns)])
    fields += [(f"the name {_start(name)!r}", name, MAX_NAME_CHARS) for name in names]
    fields += [(f"the chapter title {_start(turn.chapter)!r}", turn.chapter, MAX_TITLE_CHARS)
               for turn in script.turns]
    for what, text, limit in fields:
        _check_words(text, what, source)
        if len(text) > limit:
            raise InputError(f"{source}: {what} is {len(text):,} characters long; "
                             f"shorten it to {limit:,} at most")
    if len(credited) > MAX_PEOPLE:
        raise InputError(f"{source}: {len(credited)} hosts and guests is more than one episode can "
                         f"voice ({MAX_PEOPLE}); keep the main speakers")


def _check_words(text: str, what: str, source: object) -> None:
    """Refuse a run-on "word" no voice can say (and no cover can wrap)."""
    run_on = _RUN_ON.search(_WRITTEN_WITHOUT_SPACES.sub(" ", text))
    if run_on:
        raise InputError(f"{source}: {what} has a {len(run_on.group())}-character word "
                         f"(\"{run_on.group()[:20]}…\"); break it up or remove it")


def _start(text: str) -> str:
    return text if len(text) <= 20 else text[:20] + "…"
