"""Segments encoded while the rest of the episode is still being spoken.

The gain must be one for the whole episode, and it is known exactly only once the last sentence
is measured. But synthetic voices keep an even level, and the sentences are spoken every other one
first (speak/synth.py): once half are measured, the gain they imply is close. Each segment whose
sentences are all spoken is then encoded at that estimate, on a thread beside the speech workers,
and kept. The final encode takes a kept gain within 0.2 dB of its exact plan
(``mix.choose_gain``), so it reuses these segments and encodes only the rest; if the estimate was
further off, they are simply not used.
"""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor
from functools import partial

import numpy as np

from ..formats.profile import Profile
from ..model import Line, Pacing, Script
from ..speak.synth import Speech
from .encoded import EncodedStore
from .mix import choose_gain, encode_segment, plan_gain, segment_contents
from .music import match_level
from .programme import Part, music_part, placeholder, speech_part
from .timeline import assemble, music_level

START_AFTER = 0.5  # the share of sentences measured before the gain is estimated
MIN_SENTENCES = 60  # fewer, and half of them is too small a sample (and the episode is quick anyway)
UNSPOKEN = Profile(np.zeros(1, np.float32), np.ones(1, np.float32))  # silent, and unnamed: never kept


class EncodeAhead:
    """``ready(index, part)`` as each line's speech is ready; ``close()`` when all are."""

    def __init__(self, script: Script, lines: list[Line], store: EncodedStore, segments: int,
                 tunes: Future | None = None, bitrate: str = "96k", true_peak: float = -1.0,
                 target_lufs: float = -16.0, pacing: Pacing = Pacing(), min_sentences: int = MIN_SENTENCES):
        self.script, self.lines, self.store, self.segments = script, lines, store, segments
        self.tunes = tunes  # the intro and outro being made (unlevelled), to count in the estimate
        self.min_sentences = min_sentences
        self.bitrate, self.true_peak, self.target_lufs, self.pacing = bitrate, true_peak, target_lufs, pacing
        self.parts: list[Part | None] = [None] * len(lines)
        self.gain: float | None = None
        self.started: set[str] = set()
        self.pool = ThreadPoolExecutor(1)
        self.running: list[Future] = []

    def ready(self, index: int, speech: Speech) -> None:
        """Line ``index``'s speech is ready."""
        self.parts[index] = speech_part(speech)
        if len(self.parts) >= self.min_sentences and \
                sum(p is not None for p in self.parts) >= START_AFTER * len(self.parts):
            self._encode_what_is_known()

    def close(self, wait: bool = True) -> None:
        """Start no more segments; ``wait`` for the one under way (else the final encode waits for
        it through the store, while it encodes the others). Errors are the final encode's to find."""
        self.pool.shutdown(wait=wait, cancel_futures=True)

    def _music(self, speech: list[Part]) -> tuple[Part | None, Part | None]:
        """The intro and outro at their level, if they are made already (else left out)."""
        if self.tunes is None or not self.tunes.done() or self.tunes.exception() is not None:
            return None, None
        level = music_level(speech)
        intro, outro = (music_part(match_level(tune, level)) for tune in self.tunes.result())
        return intro, outro

    def _encode_what_is_known(self) -> None:
        music = placeholder(1, UNSPOKEN)  # the intro and outro are made later: their segments wait for the final encode
        parts = [part or placeholder(1, UNSPOKEN) for part in self.parts]
        programme = assemble(self.script, self.lines, parts, music, music, self.pacing, self.segments).programme
        if self.gain is None:  # the sentences measured so far, as a programme of their own
            known = [(line, part) for line, part in zip(self.lines, self.parts) if part is not None]
            sample = assemble(self.script, [line for line, _ in known], [part for _, part in known],
                              *self._music([part for _, part in known]), pacing=self.pacing).programme
            planned = plan_gain(sample.layout(), self.target_lufs, self.true_peak)
            self.gain = choose_gain(planned, [self.store.gains(c) for c in segment_contents(
                programme.segments(), self.bitrate, self.true_peak) if c])
        segments = programme.segments()
        for index, content in enumerate(segment_contents(segments, self.bitrate, self.true_peak)):
            key = f"{content}{self.gain:+.2f}"
            if not content or content in self.started:
                continue
            self.started.add(content)  # looked at once: a kept segment is not hashed again each sentence
            if not self.store.segment(key):
                self.running.append(self.pool.submit(self.store.encode_into, key, partial(
                    encode_segment, programme, segments[index], key="", gain_db=self.gain, store=None,
                    bitrate=self.bitrate, true_peak=self.true_peak)))
