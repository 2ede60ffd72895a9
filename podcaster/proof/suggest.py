"""Lexicon entries for the words heard wrong again and again.

Each candidate respelling is spoken alone, and if not heard right alone (a short word alone is
often misheard even when well said) in the two longest sentences of the episode where the word
was heard wrong, in the voice of the speaker who says the word most, and heard back by the
recogniser; the first one heard as the word is suggested. The first
candidate is the word as written: when a lexicon entry garbled it, that is the fix.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection
from contextlib import nullcontext

import numpy as np

from ..formats.pcm import RATE as SPOKEN_RATE
from ..model import Voice
from ..plan.speakable import speakable
from ..speak.onnxvoices import resample
from ..speak.pool import SpeechPool
from .align import words
from .check import Proof
from .hear import RATE, hear

_VOWELS = re.compile(r"[aeiouy]+", re.IGNORECASE)
CONTEXTS = 2  # sentences of the episode a candidate is tried in, after alone
MAX_CANDIDATES = 5
LONG = {"a": "ah", "e": "ay", "i": "ee", "o": "oh", "u": "oo"}
SHORT = {"a": "a", "e": "eh", "i": "ih", "o": "aw", "u": "uh"}
PADDING = np.zeros(RATE, np.float32)  # a second of silence around each try


def written_form(proof: Proof, word: str) -> str:
    """The word as the script writes it most often (the lexicon's key)."""
    seen: Counter[str] = Counter()
    for flag in proof.flags:
        for token in re.findall(r"[\w'’-]+", flag.written):
            if words(token) == [word]:
                seen[token.strip("'’")] += 1
    return seen.most_common(1)[0][0] if seen else word


def candidates(word: str, respelled: bool) -> list[str]:
    """Respellings to try: the word as written if the lexicon ``respelled`` it (else that is what
    was said), then its syllables apart, then each syllable's vowel spelt out long, then short."""
    parts = _syllables(word)
    tried = [word] if respelled else []
    found = [*tried, "-".join(parts), " ".join(parts),
             "-".join(_spelt(part, LONG) for part in parts), "-".join(_spelt(part, SHORT) for part in parts)]
    return [c for c in dict.fromkeys(found) if c != word or respelled][:MAX_CANDIDATES]


def _syllables(word: str) -> list[str]:
    """A rough split: before the consonant between two vowel groups ("A-min", "in-fra-struc-ture")."""
    cuts = [m.end() for m in _VOWELS.finditer(word)
            if m.end() + 1 < len(word) and _VOWELS.match(word, m.end() + 1) and not _VOWELS.match(word, m.end())]
    pieces, start = [], 0
    for cut in cuts:
        pieces.append(word[start:cut])
        start = cut
    return [*pieces, word[start:]] if pieces else [word]


def _spelt(syllable: str, sounds: dict[str, str]) -> str:
    """The syllable with its one vowel letter written as ``sounds`` says (else as it is)."""
    vowels = _VOWELS.findall(syllable)
    if len(vowels) != 1 or len(vowels[0]) != 1 or vowels[0].lower() not in sounds:
        return syllable
    at = syllable.lower().index(vowels[0].lower())
    said = sounds[vowels[0].lower()]
    said = said.capitalize() if syllable[at].isupper() else said
    return syllable[:at] + said + syllable[at + 1:]


def suggest(proof: Proof, voices: dict[str, Voice], respelled: Collection[str] = (),
            pool: SpeechPool | None = None, threads: int = 2) -> dict[str, str]:
    """{written word: respelling heard right} for each word the proof found heard wrong repeatedly
    (``respelled``: the words the lexicon has an entry for)."""
    found = {}
    with SpeechPool() if pool is None else nullcontext(pool) as speaker:
        for word in proof.repeated:
            voice = _voice_for(proof, word, voices)
            written = written_form(proof, word)
            if voice is None:
                continue
            has_entry = written in respelled or written.lower() in respelled
            contexts = _contexts(proof, word)
            for candidate in candidates(written, has_entry):
                tries = [f"{candidate}.", *(_respelled(context, written, candidate) for context in contexts)]
                if _heard_in(speaker, tries, word, voice, threads):
                    found[written] = candidate
                    break
    return found


def _contexts(proof: Proof, word: str, count: int = CONTEXTS) -> list[str]:
    """The longest flagged cues in which ``word`` was heard wrong (the more words around it, the
    surer the recogniser)."""
    return sorted({flag.written for flag in proof.flags if word in flag.wrong}, key=len)[-count:]


def _respelled(text: str, written: str, candidate: str) -> str:
    return re.sub(rf"\b{re.escape(written)}\b", candidate, text, flags=re.IGNORECASE)


def _heard_in(pool: SpeechPool, tries: list[str], word: str, voice: Voice, threads: int) -> bool:
    """Whether ``word`` is heard in any of ``tries`` (a candidate alone, then sentences of the
    episode with the candidate in the word's place; no lexicon entry applies), spoken in ``voice``
    and heard in one pass, a pause between them."""
    spoken = dict(pool.speak_all([(speakable(text), voice) for text in tries]))
    parts = [PADDING]
    for i in range(len(tries)):
        parts += [resample(np.frombuffer(spoken[i], "<i2").astype(np.float32) / 32768, SPOKEN_RATE, RATE), PADDING]
    heard = [w for h in hear(np.concatenate(parts), threads) for w in words(h.word)]
    return word in heard or any(a + b == word for a, b in zip(heard, heard[1:]))


def _voice_for(proof: Proof, word: str, voices: dict[str, Voice]) -> Voice | None:
    speakers = Counter(flag.speaker for flag in proof.flags if word in flag.wrong)
    for speaker, _ in speakers.most_common():
        if speaker in voices:
            return voices[speaker]
    return next(iter(voices.values()), None)
