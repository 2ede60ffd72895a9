"""Intro and outro music made by code, plus loading and levelling a user's own music.

The stings are soft additive-synth chords: a slow pad under a plucked
arpeggio. Pure arithmetic, so every call returns the same samples. numpy
makes the notes; pydub fades the music in and out and sets its gain.
"""

from __future__ import annotations

import zlib
from functools import lru_cache
from pathlib import Path

import numpy as np
from pydub import AudioSegment
from pydub.utils import ratio_to_db

from ..config.limits import MAX_MUSIC_SECONDS
from ..errors import ConfigError
from ..formats.files import write_bytes
from ..formats.loudness import integrated_loudness
from ..formats.pcm import RATE, samples_of, to_segment
from . import ffmpeg

STING_PEAK_DB = -3.0
USER_PEAK_DB = -1.0
MATCH_PEAK_DB = -1.0
CUT_FADE_SECONDS = 3.0  # fade out where a long music file is cut

# Chords as MIDI notes; one chord per bar.
INTRO_CHORDS = [[48, 55, 64, 71], [45, 52, 60, 67], [41, 48, 57, 64], [43, 50, 59, 65]]  # Cmaj7 Am7 Fmaj7 G7
OUTRO_CHORDS = [[41, 48, 57, 64], [43, 50, 59, 62], [36, 48, 55, 64]]  # Fmaj7 G C
BAR_SECONDS = 1.6
OUTRO_HOLD_SECONDS = 2.4  # the final C chord rings out
STING_VERSION = 1  # bump when the stings change: kept copies of older ones are then never read
MAX_STING_BYTES = 2 * RATE * 60


def _hz(midi: float) -> float:
    return 440.0 * 2.0 ** ((midi - 69) / 12)


def _partials(freq: float, t: np.ndarray, brightness: float) -> np.ndarray:
    """A warm tone: a few harmonics falling off quickly, slightly detuned pair for chorus. Each
    harmonic's sine comes from the two below it (sin((n+1)x) = 2 cos x sin nx - sin((n-1)x))."""
    tone = np.zeros_like(t)
    for detune in (-0.0015, 0.0015):
        angle = 2 * np.pi * freq * (1 + detune) * t
        below, sine, twice_cos = np.zeros_like(t), np.sin(angle), 2 * np.cos(angle)
        for n in range(1, 6):
            tone += (brightness ** (n - 1) / n) * sine
            below, sine = sine, twice_cos * sine - below
    return tone / 2


def _pad(chord: list[int], seconds: float, rate: int) -> np.ndarray:
    """Sustained chord with slow attack and release."""
    t = np.arange(int(seconds * rate)) / rate
    attack = np.minimum(1.0, t / 0.5)
    release = np.minimum(1.0, (seconds - t) / 0.6)
    env = np.sin(0.5 * np.pi * np.clip(attack, 0, 1)) * np.sin(0.5 * np.pi * np.clip(release, 0, 1))
    return env * sum(_partials(_hz(note), t, 0.35) for note in chord) / len(chord)


@lru_cache(maxsize=32)  # an arpeggio plays each note of its chord twice, bar after bar
def _pluck(note: int, seconds: float, rate: int) -> np.ndarray:
    """A short bell-like note: quick attack, exponential decay, faded to zero at its end."""
    t = np.arange(int(seconds * rate)) / rate
    env = np.minimum(1.0, t / 0.01) * np.exp(-t / 0.35) * np.minimum(1.0, (seconds - t) / 0.05)
    return env * _partials(_hz(note), t, 0.5)


def _add(track: np.ndarray, part: np.ndarray, start: int) -> None:
    end = min(len(track), start + len(part))
    track[start:end] += part[: end - start]


def _arpeggio(track: np.ndarray, chord: list[int], start: int, rate: int, pattern: list[int]) -> None:
    """Eighth-note arpeggio over one bar, an octave above the chord."""
    step = int(BAR_SECONDS * rate / len(pattern))
    for i, index in enumerate(pattern):
        _add(track, 0.45 * _pluck(chord[index] + 12, 1.2, rate), start + i * step)


def _render(chords: list[list[int]], hold: float, pattern: list[int], rate: int) -> np.ndarray:
    bar = int(BAR_SECONDS * rate)
    track = np.zeros(bar * len(chords) + int((hold + 0.3) * rate))
    for i, chord in enumerate(chords):
        last = i == len(chords) - 1
        pad_seconds = BAR_SECONDS + (hold if last else 0.3)
        _add(track, _pad(chord, pad_seconds, rate), i * bar)
        _arpeggio(track, chord, i * bar, rate, [0, 1, 2, 3] if last else pattern)
    return track


def _finish(track: np.ndarray, rate: int, fade_in: float, fade_out: float, peak_db: float) -> AudioSegment:
    """Fade both ends, then set the peak to ``peak_db`` dBFS."""
    sting = _fade(to_segment(track / np.max(np.abs(track)), rate), fade_in, fade_out)
    return sting.apply_gain(_gain_to_peak(sting, peak_db))


def _fade(track: AudioSegment, fade_in: float, fade_out: float) -> AudioSegment:
    """pydub's fades (seconds), each at most half the length; the length is kept to the sample."""
    frames, half = int(track.frame_count()), len(track) // 2
    fade_in_ms, fade_out_ms = (min(round(seconds * 1000), half) for seconds in (fade_in, fade_out))
    if fade_in_ms > 0:
        track = track.fade_in(fade_in_ms)
    if fade_out_ms > 0:
        track = track.fade_out(fade_out_ms)  # pads its last millisecond with silence if cut short
    return track.get_sample_slice(0, frames)


def _gain_to_peak(track: AudioSegment, peak_db: float) -> float:
    """dB of gain that puts the peak at ``peak_db`` dBFS, less one step: pydub's gain rounds down."""
    if not track.max:
        return 0.0
    return ratio_to_db((track.max_possible_amplitude * 10 ** (peak_db / 20) - 1) / track.max)


def intro(rate: int = RATE) -> AudioSegment:
    """About 7.5 s of original intro music, mono 16-bit, peak -3 dBFS."""
    track = _render(INTRO_CHORDS, 0.8, [0, 1, 2, 3, 2, 1, 2, 3], rate)
    return _finish(track, rate, fade_in=0.4, fade_out=1.2, peak_db=STING_PEAK_DB)


def outro(rate: int = RATE) -> AudioSegment:
    """About 7.5 s of original outro music ending on a held C major chord."""
    track = _render(OUTRO_CHORDS, OUTRO_HOLD_SECONDS, [3, 2, 1, 0, 1, 2, 3, 2], rate)
    return _finish(track, rate, fade_in=0.2, fade_out=2.0, peak_db=STING_PEAK_DB)


def kept_sting(name: str, folder: Path | None, rate: int = RATE) -> AudioSegment:
    """The generated ``intro`` or ``outro``, read from ``folder`` when made there before (pure
    arithmetic: the same every time, so worth keeping), else made and kept."""
    make = {"intro": intro, "outro": outro}[name]
    path = folder / f"{name}-v{STING_VERSION}-{rate}.pcm" if folder else None
    try:
        if path is not None and path.is_file() and not path.is_symlink() and path.stat().st_size < MAX_STING_BYTES:
            data = path.read_bytes()
            if len(data) % 2 == 0 and data[:4] == zlib.crc32(data[4:]).to_bytes(4, "big"):
                return AudioSegment(data[4:], sample_width=2, frame_rate=rate, channels=1)
    except OSError:
        pass
    sting = make(rate)
    if path is not None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            write_bytes(path, zlib.crc32(sting.raw_data).to_bytes(4, "big") + sting.raw_data)
        except OSError:
            pass  # made again next time
    return sting


def load_music(path: Path | str, rate: int = RATE) -> AudioSegment:
    """A user's music file as mono 16-bit: 0.5 s fade in, 1.5 s fade out, peak <= -1 dBFS.

    Only its first MAX_MUSIC_SECONDS are read; a longer file is cut there with a 3 s fade out.
    """
    path = Path(path)
    if not path.is_file():
        raise ConfigError(f"music file {path} not found: fix [music] in cast.toml")
    keep = MAX_MUSIC_SECONDS * rate
    samples = ffmpeg.decode_to_pcm(path, rate, seconds=MAX_MUSIC_SECONDS + 1)
    if samples.size == 0:
        raise ConfigError(f"music file {path} has no audio: fix [music] in cast.toml")
    fade_out = CUT_FADE_SECONDS if len(samples) > keep else 1.5
    track = _fade(to_segment(samples[:keep], rate), 0.5, fade_out)
    return track.apply_gain(min(0.0, _gain_to_peak(track, USER_PEAK_DB)))


def match_level(music: AudioSegment, target_lufs: float) -> AudioSegment:
    """``music`` at ``target_lufs`` integrated loudness, less if that would clip."""
    measured = integrated_loudness(samples_of(music), music.frame_rate)
    if not np.isfinite(measured):
        return music
    return music.apply_gain(min(target_lufs - measured, _gain_to_peak(music, MATCH_PEAK_DB)))
