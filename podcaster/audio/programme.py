"""The programme: its parts laid end to end, each known by its length and loudness profile.

A part's audio is read only when the encode reaches it (a spoken sentence from the speech
cache), so the programme's memory does not grow with its length, and its loudness at any gain
follows from the parts' profiles without reading the audio at all.

Seams cut the programme into segments that are encoded apart (in parallel, and reused when
unchanged) and joined frame by frame. A segment's encoded audio ends one MP3 frame before the
next segment starts, and every segment but the last is a whole number of MP3 frames long: then
the frames join without a gap or an overlap (audio/mp3join.py). The silence at a seam is
made up to half a frame (13 ms) longer or shorter to make it so; the cue times come from these positions.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

import numpy as np
from pydub import AudioSegment

from ..formats.pcm import RATE, samples_of
from ..formats.profile import Layout, Profile, measure
from ..speak.synth import Speech

MP3_FRAME = 576  # one MP3 frame (1152 samples at 44.1 kHz) at the programme's rate


@dataclass(frozen=True)
class Part:
    frames: int
    profile: Profile | None  # None: silence
    samples: Callable[[], np.ndarray]  # mono int16 at the programme's rate, read when wanted
    name: str = ""  # what the audio is (a speech cache key, a tune at a level): the same name, the same audio


@dataclass(frozen=True)
class Segment:
    start: int  # the programme frame where it starts
    stop: int  # where its encoded audio stops (one MP3 frame before the next starts; the end for the last)
    parts: tuple[tuple[int, Part], ...]  # its parts (not silence) and where each starts, from ``start``


def placeholder(frames: int, profile: Profile | None = None) -> Part:
    """A part whose length is known but whose audio is not (music made later, a sentence not yet
    spoken): it places what follows, and is never read."""
    def unread() -> np.ndarray:
        raise RuntimeError("a placeholder part is never encoded")
    return Part(frames, profile, unread)


def speech_part(speech: Speech) -> Part:
    """A spoken sentence as a part: read from the speech cache when the encode reaches it."""
    return Part(speech.frames, speech.profile, speech.samples, speech.key)


def music_part(segment: AudioSegment, name: str = "") -> Part:
    samples = samples_of(segment)
    return Part(len(samples), measure(samples, segment.frame_rate), lambda: samples, name)


class Programme:
    """Mono 16-bit audio at one rate, built by appending parts."""

    def __init__(self, rate: int = RATE):
        self.rate = rate
        self._parts: list[tuple[int, Part]] = []  # (start frame, part)
        self._frames = 0
        self._seams: list[int] = []  # frames where segments after the first start

    def add(self, part: Part) -> float:
        """Append ``part``; return its start time in seconds."""
        start = self.duration
        if part.frames:
            self._parts.append((self._frames, part))
            self._frames += part.frames
        return start

    def append(self, segment: AudioSegment) -> float:
        """Append audio held in memory (mono 16-bit at the programme's rate); return its start time."""
        if (segment.frame_rate, segment.sample_width, segment.channels) != (self.rate, 2, 1):
            raise ValueError(f"a programme takes mono 16-bit audio at {self.rate} Hz")
        return self.add(music_part(segment))

    def silence(self, ms: float) -> float:
        """Append ``ms`` milliseconds of silence (to the nearest sample); return its start time."""
        frames = round(ms * self.rate / 1000)
        return self.add(Part(frames, None, _zeros(frames)))

    def seam(self, ms: float, lead_ms: float) -> float:
        """A silence of ``ms`` (to within half an MP3 frame, 13 ms), with a new segment starting
        ``lead_ms`` before what follows; a plain silence when it is too short to hold the frame
        the join needs. Returns its start."""
        frames, lead = round(ms * self.rate / 1000), round(lead_ms * self.rate / 1000)
        segment_start = self._seams[-1] if self._seams else 0
        start = self._frames + frames - lead
        start += (MP3_FRAME // 2 - (start - segment_start)) % MP3_FRAME - MP3_FRAME // 2  # to the nearest frame
        if start - MP3_FRAME < self._frames or start + lead < self._frames:
            return self.silence(ms)
        where = self.add(Part(start + lead - self._frames, None, _zeros(start + lead - self._frames)))
        self._seams.append(start)
        return where

    def segments(self) -> list[Segment]:
        """The programme cut at its seams."""
        starts, stops = [0, *self._seams], [seam - MP3_FRAME for seam in self._seams] + [self._frames]
        return [Segment(start, stop, tuple((where - start, part) for where, part in self._parts
                                           if part.profile is not None and start <= where < stop))
                for start, stop in zip(starts, stops)]

    @property
    def duration(self) -> float:
        return self._frames / self.rate

    @property
    def frames(self) -> int:
        return self._frames

    def layout(self) -> Layout:
        """The parts' loudness profiles where they fall in the programme."""
        return Layout(((start, part.profile) for start, part in self._parts if part.profile is not None),
                      self._frames, self.rate)

    def chunks(self, start: int = 0, stop: int | None = None) -> Iterator[np.ndarray]:
        """The samples from frame ``start`` to ``stop`` in order, read one part at a time."""
        stop = self._frames if stop is None else stop
        for where, part in self._parts:
            if where + part.frames <= start or where >= stop:
                continue
            samples = part.samples()
            if len(samples) != part.frames:
                raise ValueError(f"a part read back {len(samples)} samples, not {part.frames}")
            yield samples[max(0, start - where):stop - where]


def _zeros(frames: int) -> Callable[[], np.ndarray]:
    return lambda: np.zeros(frames, dtype=np.int16)
