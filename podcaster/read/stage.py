"""The stage-direction vocabulary, shared by the splitter and the speakable rules.

A transcript marks what is heard but not said: ``[laughs]``, ``(inaudible)``, ``[MUSIC PLAYING]``,
``(Intro music: soft piano)``. ``CUES`` are the short cues a sentence may hold inline; they are
dropped from speech. ``STEMS`` are the words a whole bracketed line is made of when it is a stage
direction rather than a turn. Every cue is a stage direction as a line of its own.
"""

from __future__ import annotations

import re

CUES = ("laughs", "laughing", "laughter", "laugh", "both laugh", "chuckles", "chuckle", "chuckling",
        "giggles", "inaudible", "indistinct", "unintelligible", "crosstalk", "cross-talk", "overlapping",
        "pause", "pauses", "paused", "long pause", "applause", "sighs", "sigh", "coughs", "cough", "music",
        "silence", "background noise")
STEMS = ("laugh|chuckl|giggl|inaudible|indistinct|unintelligible|crosstalk|cross-talk|overlap|pause|"
         "applause|clap|sigh|cough|silence|music|song|theme|jingle|sting|intro|outro|break|advert|"
         "commercial|sponsor|clip|sound|noise|recording|tape|video|audio|transition|fade|plays|"
         "playing|ends|end|begin|start|cheer|gasp|beep|bell|phone|static|sfx|off-mic|off mic|"
         "interruption|technical|transcript|redacted|unclear|break in|tone|drum|mic|sniff|sob|cries|crying|"
         "weep|whisper|shout|yell|groan|murmur|soundbite")
# "Crosstalk: …", "Music: …": a cue written as a label
CUE_LABELS = frozenset({c for c in CUES if " " not in c} | {"intro", "outro", "sfx", "noise"})

STAGE_WORD = re.compile(rf"\b(?:{STEMS})", re.IGNORECASE)
_CUE = "|".join(re.escape(c) for c in sorted(CUES, key=len, reverse=True))
INLINE_CUE = re.compile(rf"\[\s*(?:{_CUE})\s*\]|\(\s*(?:{_CUE})\s*\)", re.IGNORECASE)


def drop_cues(text: str) -> str:
    """``[laughs]``, ``(inaudible)``, ``[crosstalk]`` … taken out of a sentence: for readers, not listeners."""
    return INLINE_CUE.sub(" ", text)
