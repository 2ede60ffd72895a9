"""The programme: one mono AudioSegment that pydub joins from parts laid end to end."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

import numpy as np
from pydub import AudioSegment

from ..formats.pcm import RATE, samples_of, silence


@dataclass(frozen=True)
class Programme:
    """Mono 16-bit audio, whole; numpy and ffmpeg read it in place."""

    audio: AudioSegment

    @property
    def rate(self) -> int:
        return self.audio.frame_rate

    @property
    def duration(self) -> float:
        return self.audio.frame_count() / self.rate

    def samples(self) -> np.ndarray:
        """All samples as a read-only int16 view."""
        return samples_of(self.audio)

    def pcm(self, samples_per_slice: int) -> Iterator[memoryview]:
        """The raw bytes (``FFMPEG_FORMAT``) a slice at a time, without copying them."""
        data, step = memoryview(self.audio.raw_data), 2 * samples_per_slice
        for start in range(0, len(data), step):
            yield data[start:start + step]


class Layout:
    """Parts placed one after another, with their start times; ``join`` makes the Programme."""

    def __init__(self, rate: int = RATE):
        self.rate = rate
        self._parts: list[AudioSegment] = []
        self._frames = 0

    def append(self, part: AudioSegment) -> float:
        """Place ``part`` (mono 16-bit at the layout's rate) next; return its start in seconds."""
        if (part.frame_rate, part.sample_width, part.channels) != (self.rate, 2, 1):
            raise ValueError(f"a programme takes mono 16-bit audio at {self.rate} Hz")
        start = self.duration
        if len(part.raw_data):
            self._parts.append(part)
            self._frames += int(part.frame_count())
        return start

    def silence(self, ms: float) -> float:
        """Place ``ms`` milliseconds of silence next; return its start in seconds."""
        return self.append(silence(ms, self.rate))

    @property
    def duration(self) -> float:
        return self._frames / self.rate

    def join(self) -> Programme:
        """One AudioSegment from all the parts, copied once.

        Chaining pydub's ``+`` would copy the growing programme at every part.
        """
        pcm = b"".join(part.raw_data for part in self._parts)
        return Programme(AudioSegment(pcm, sample_width=2, frame_rate=self.rate, channels=1))
