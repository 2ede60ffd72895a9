"""The programme: pydub AudioSegments laid end to end, read in place and never copied whole.

Joining them into one AudioSegment would hold the programme twice; chaining
pydub's ``+`` would copy the growing programme at every part (see README, Assemble).
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
from pydub import AudioSegment

from ..formats.pcm import RATE, samples_of, silence


class Programme:
    """Mono 16-bit audio at one rate, built by appending parts; remembers nothing else."""

    def __init__(self, rate: int = RATE):
        self.rate = rate
        self._parts: list[AudioSegment] = []
        self._samples = 0

    def append(self, part: AudioSegment) -> float:
        """Append ``part`` (mono 16-bit at the programme's rate); return its start time in seconds."""
        if (part.frame_rate, part.sample_width, part.channels) != (self.rate, 2, 1):
            raise ValueError(f"a programme takes mono 16-bit audio at {self.rate} Hz")
        start = self.duration
        if len(part.raw_data):
            self._parts.append(part)
            self._samples += int(part.frame_count())
        return start

    def silence(self, ms: float) -> float:
        """Append ``ms`` milliseconds of silence; return its start time in seconds."""
        return self.append(silence(ms, self.rate))

    @property
    def duration(self) -> float:
        return self._samples / self.rate

    @property
    def parts(self) -> tuple[AudioSegment, ...]:
        return tuple(self._parts)

    def chunks(self) -> Iterator[np.ndarray]:
        """Each part's samples in order, as read-only int16 views."""
        for part in self._parts:
            yield samples_of(part)

    def pcm(self, samples_per_slice: int) -> Iterator[memoryview]:
        """The raw bytes (``FFMPEG_FORMAT``) in order, a slice at a time, without copying them."""
        step = 2 * samples_per_slice
        for part in self._parts:
            data = memoryview(part.raw_data)
            for start in range(0, len(data), step):
                yield data[start:start + step]
