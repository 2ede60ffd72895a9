"""Which sentences a listener would mishear, and why.

Each cue of the episode's transcript (a sentence, or a piece of a long one) is given the words
Whisper heard while it played, and the two are aligned. A cue is flagged for:
- **silence**: nothing heard, and the audio is silent where speech should be;
- **words missing**: at least MISSING_SHARE of its words, or MISSING_RUN in a row, not heard;
- **misheard**: a word heard wrong that is heard wrong elsewhere too (REPEATED cues): the way it
  is said is the problem; or half the cue's words heard wrong;
- **low-probability word**: a word heard wrong that Whisper itself doubted (below DOUBT).
Short function words heard wrong count in the word error rate, never towards a flag.
"""

from __future__ import annotations

import bisect
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np

from ..formats.transcripts import parse_vtt
from ..model import Cue
from .align import align, errors, joined, words
from .hear import RATE, Heard, hear, hear_again, read_audio

MISSING_SHARE, MISSING_RUN = 0.4, 3
REPEATED = 3  # cues in which the same word is heard wrong (at least REPEATED_SHARE of those it
REPEATED_SHARE = 0.5  # is in): the way it is said is the problem
WRONG_SHARE = 0.5  # of a cue's words heard wrong: flagged whatever they are
DOUBT, DOUBTFUL_WORDS = 0.1, 2  # so many wrong words Whisper itself doubted (below DOUBT) flag a cue
SILENT_DBFS = -50.0
SLIP = 6  # words a boundary between two cues may move
MARGIN = 1.0  # seconds around a stretch heard again
FUNCTION_WORDS = frozenset(
    "a an the and or but of to in on at by for with from as is are was were be been it its this that "
    "these those i you he she we they me him her us them my your his our their so if then than not "
    "no do does did have has had will would can could should there here what which who".split())

SPEECH_FAULT, PRONUNCIATION, MISHEARD = "speech fault", "pronunciation", "misheard"


@dataclass
class Flag:
    start: float
    end: float
    speaker: str
    written: str
    heard: str
    reasons: list[str]
    wrong: list[str] = field(default_factory=list)  # the written words heard wrong (or not at all)
    cause: str = MISHEARD

    @property
    def severity(self) -> tuple:
        order = {SPEECH_FAULT: 0, PRONUNCIATION: 1, MISHEARD: 2}[self.cause]
        return order, -len(self.wrong), self.start


@dataclass(frozen=True)
class Checked:
    """One cue against what was heard while it played."""

    reasons: list[str]
    wrong: list[str]
    written: list[str]
    errors: int
    words: int
    heard: str


@dataclass
class Proof:
    episode: str
    duration: float
    cues: int
    words: int
    errors: int
    flags: list[Flag]
    suggestions: dict[str, str] = field(default_factory=dict)  # word -> respelling heard right
    repeated: dict[str, int] = field(default_factory=dict)  # word -> cues it was heard wrong in

    @property
    def wer(self) -> float:
        return self.errors / max(1, self.words)

    def to_dict(self) -> dict:
        return asdict(self) | {"wer": round(self.wer, 4)}


def proof_episode(mp3: Path, vtt: Path, threads: int = 2) -> Proof:
    """Hear ``mp3`` and check it against its transcript ``vtt``; the stretches where words went
    missing though there was sound are heard a second time, on their own."""
    audio = read_audio(mp3)
    cues = parse_vtt(vtt.read_text(encoding="utf-8"))
    heard = hear(audio, threads)
    first = proof_cues(str(mp3), cues, heard, audio)
    spans = _merged([(f.start - MARGIN, f.end + MARGIN) for f in first.flags if "words missing" in f.reasons])
    return proof_cues(str(mp3), cues, hear_again(audio, spans, heard, threads), audio) if spans else first


def _merged(spans: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Overlapping or touching spans joined, in order, none before 0."""
    out: list[tuple[float, float]] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((max(0.0, start), end))
    return out


def proof_cues(name: str, cues: list[Cue], heard: list[Heard], audio: np.ndarray) -> Proof:
    """The flags for ``cues`` given what was ``heard`` in ``audio`` (16 kHz)."""
    heard_in = _heard_per_cue(cues, heard)
    checked = [_check(cue, heard_in[i], audio) for i, cue in enumerate(cues)]
    wrong_in = Counter(word for c in checked for word in set(c.wrong) if word not in FUNCTION_WORDS)
    said_in = Counter(word for c in checked for word in set(c.written))
    repeated = {word: n for word, n in wrong_in.items()
                if n >= REPEATED and n >= REPEATED_SHARE * said_in[word]}
    flags = [flag for flag in (_flag(cue, c, repeated) for cue, c in zip(cues, checked)) if flag]
    return Proof(name, len(audio) / RATE, len(cues), sum(c.words for c in checked),
                 sum(c.errors for c in checked), sorted(flags, key=lambda f: f.severity),
                 repeated=dict(sorted(repeated.items(), key=lambda kv: -kv[1])))


def _heard_per_cue(cues: list[Cue], heard: list[Heard]) -> list[list[Heard]]:
    """Each heard word goes to the cue playing at its middle (or the one before, in a gap); then
    each boundary moves by up to SLIP words where that fits both cues' words better (Whisper's
    word times can be a word or two off near the edges of what it heard)."""
    starts = [cue.start for cue in cues]
    per_cue: list[list[Heard]] = [[] for _ in cues]
    for word in heard:
        at = bisect.bisect_right(starts, (word.start + word.end) / 2) - 1
        if at >= 0:
            per_cue[at].append(word)
    written = [words(cue.text) for cue in cues]
    for k in range(len(cues) - 1):
        both, cut = per_cue[k] + per_cue[k + 1], len(per_cue[k])
        cuts = range(max(0, cut - SLIP), min(len(both), cut + SLIP) + 1)
        best = min(cuts, key=lambda c: (_misfit(written[k], both[:c]) + _misfit(written[k + 1], both[c:]),
                                        abs(c - cut)))
        per_cue[k], per_cue[k + 1] = both[:best], both[best:]
    return per_cue


def _misfit(written: list[str], heard: list[Heard]) -> int:
    return errors(align(written, [word for h in heard for word in words(h.word)]))


def _check(cue: Cue, heard: list[Heard], audio: np.ndarray) -> Checked:
    said = [(word, h.probability) for h in heard for word in words(h.word)]
    written = joined(words(cue.text), [word for word, _ in said])
    said = _joined_said(said, written)
    pairs = align(written, [word for word, _ in said])
    doubts = iter(p for _, p in said)
    wrong, doubtful, missing, run, longest = [], [], 0, 0, 0
    for w, h in pairs:
        probability = next(doubts) if h is not None else 1.0
        if w is not None and w != h:
            if h is None:
                missing, run = missing + 1, run + 1
                longest = max(longest, run)
            elif _inflected(w, h):
                continue  # "government" for "governments": the word was heard
            elif probability < DOUBT and w not in FUNCTION_WORDS:
                doubtful.append(w)
            wrong.append(w)
        if h is not None:
            run = 0
    reasons = []
    if not said and written and _silent(cue, audio):
        reasons.append("silence")
    elif written and (missing >= MISSING_SHARE * len(written) or longest >= MISSING_RUN):
        reasons.append("words missing")
    if len(doubtful) >= DOUBTFUL_WORDS:
        reasons.append("low-probability word")
    if written and len(wrong) >= WRONG_SHARE * len(written) and "silence" not in reasons:
        reasons.append("misheard")
    errors = sum(w != h for w, h in pairs)
    return Checked(reasons, wrong, written, errors, len(written), " ".join(h.word for h in heard))


def _joined_said(said: list[tuple[str, float]], written: list[str]) -> list[tuple[str, float]]:
    heard = joined([word for word, _ in said], written)
    if len(heard) == len(said):
        return said
    out, at = [], 0
    for word in heard:  # each joined word takes the lower probability of its two
        parts = 1 if word == said[at][0] else 2
        out.append((word, min(p for _, p in said[at:at + parts])))
        at += parts
    return out


def _flag(cue: Cue, checked: Checked, repeated: dict[str, int]) -> Flag | None:
    reasons, wrong = checked.reasons, checked.wrong
    again = [word for word in wrong if word in repeated]
    if again and "misheard" not in reasons:
        reasons = [*reasons, "misheard"]
    if not reasons:
        return None
    cause = SPEECH_FAULT if {"silence", "words missing"} & set(reasons) else PRONUNCIATION if again else MISHEARD
    return Flag(cue.start, cue.end, cue.speaker, cue.text, checked.heard, reasons, wrong, cause)


def _inflected(written: str, heard: str) -> bool:
    """The same word but for a plural or possessive ending."""
    return written.removesuffix("'s").removesuffix("s") == heard.removesuffix("'s").removesuffix("s")


def _silent(cue: Cue, audio: np.ndarray) -> bool:
    piece = audio[int(cue.start * RATE):int(cue.end * RATE)]
    if not piece.size:
        return True
    rms = float(np.sqrt(np.mean(piece.astype(np.float64) ** 2)))
    return 20 * np.log10(max(rms, 1e-9)) < SILENT_DBFS
