"""The programme: its parts laid end to end, each known by its length and loudness profile.

A part's audio is read only when the encode reaches it (a spoken sentence from the speech
cache), so the programme's memory does not grow with its length, and its loudness at any gain
follows from the parts' profiles without reading the audio at all.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

import numpy as np
from pydub import AudioSegment

from ..formats.pcm import RATE, samples_of
from ..formats.profile import Layout, Profile, measure


@dataclass(frozen=True)
class Part:
    frames: int
    profile: Profile | None  # None: silence
    samples: Callable[[], np.ndarray]  # mono int16 at the programme's rate, read when wanted


def music_part(segment: AudioSegment) -> Part:
    samples = samples_of(segment)
    return Part(len(samples), measure(samples, segment.frame_rate), lambda: samples)


class Programme:
    """Mono 16-bit audio at one rate, built by appending parts."""

    def __init__(self, rate: int = RATE):
        self.rate = rate
        self._parts: list[tuple[int, Part]] = []  # (start frame, part)
        self._frames = 0

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
        return self.add(Part(frames, None, lambda: np.zeros(frames, dtype=np.int16)))

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

    def chunks(self) -> Iterator[np.ndarray]:
        """Each part's samples in order, read one part at a time."""
        for _, part in self._parts:
            samples = part.samples()
            if len(samples) != part.frames:
                raise ValueError(f"a part read back {len(samples)} samples, not {part.frames}")
            yield samples
