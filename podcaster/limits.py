"""What one episode may hold: beyond these, a clear refusal instead of a hang or an exhausted machine."""

from __future__ import annotations

import re

from .errors import InputError

MAX_WORDS = 150_000  # about 16 hours of speech
MAX_WORD_CHARS = 60  # the longest English words have 45 letters; longer runs are data, not speech
MAX_RUN_CHARS = 1000  # characters without a space: a long web address is fine, a pasted blob is not
MAX_LINE_CHARS = 1000  # a longer sentence reaches the engine in pieces (clauses, else words)
MAX_MUSIC_SECONDS = 60  # of an intro or outro file: the rest is never read, the cut fades out
_RUN_ON = re.compile(rf"\w{{{MAX_WORD_CHARS + 1},}}|\S{{{MAX_RUN_CHARS + 1},}}")
HELP = (f"Limits: input files up to 5 MB of text, {MAX_WORDS:,} words per episode, "
        f"words up to {MAX_WORD_CHARS} letters, {MAX_RUN_CHARS:,} characters without a space; "
        f"intro and outro music files are cut after {MAX_MUSIC_SECONDS} s with a fade.")


def check_limits(paragraphs: list[str], source: object) -> None:
    """Refuse an episode too long to render, or with a run-on "word" no voice can say."""
    words = 0
    for number, paragraph in enumerate(paragraphs, start=1):
        words += len(paragraph.split())
        run_on = _RUN_ON.search(paragraph)
        if run_on:
            raise InputError(f"{source}: paragraph {number} has a {len(run_on.group())}-character word "
                             f"(\"{run_on.group()[:20]}…\"); break it up or remove it")
    if words > MAX_WORDS:
        raise InputError(f"{source}: {words:,} words is more than one episode can hold "
                         f"({MAX_WORDS:,}); split the article into parts")
