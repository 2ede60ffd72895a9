"""The generated stings and a user's own music file."""

import subprocess
import tracemalloc

import numpy as np
import pytest
from scipy.io import wavfile

from podcaster.audio import music
from podcaster.config.limits import MAX_MUSIC_SECONDS
from podcaster.errors import ConfigError
from podcaster.formats.loudness import integrated_loudness
from podcaster.formats.pcm import RATE, samples_of, to_segment


def dbfs(samples: np.ndarray) -> float:
    return 20 * np.log10(np.abs(samples.astype(np.float64)).max() / 32768)


@pytest.mark.parametrize("make", [music.intro, music.outro])
def test_sting_is_clean(make):
    segment = make(RATE)
    assert (segment.frame_rate, segment.sample_width, segment.channels) == (RATE, 2, 1)
    sting = samples_of(segment)
    assert 6.0 <= len(sting) / RATE <= 8.0
    assert -3.1 <= dbfs(sting) <= -3.0
    assert np.abs(sting[:20]).max() < 50 and np.abs(sting[-20:]).max() < 50  # fades reach ~zero
    # no clicks: sample-to-sample steps stay well under what a full-scale jump would be
    assert np.abs(np.diff(sting.astype(np.int32))).max() < 12000
    assert np.isfinite(integrated_loudness(sting, RATE))


@pytest.mark.parametrize("make", [music.intro, music.outro])
def test_sting_is_deterministic(make):
    assert make(RATE).raw_data == make(RATE).raw_data


def test_a_tone_is_its_harmonics_summed():
    """The sine recurrence gives the detuned harmonics' sum, as the kept stings were made from."""
    t = np.arange(RATE) / RATE
    freq, brightness = 523.25, 0.5
    direct = sum(brightness ** (n - 1) / n * np.sin(2 * np.pi * freq * n * (1 + detune) * t)
                 for n in range(1, 6) for detune in (-0.0015, 0.0015)) / 2
    assert np.abs(music._partials(freq, t, brightness) - direct).max() < 1e-9


def test_intro_and_outro_differ():
    a, b = samples_of(music.intro(RATE)), samples_of(music.outro(RATE))
    n = min(len(a), len(b))
    assert not np.array_equal(a[:n], b[:n])


def test_outro_ends_on_a_held_c_major_chord():
    tail = samples_of(music.outro(RATE))[-int(1.5 * RATE):].astype(np.float64)
    spectrum = np.abs(np.fft.rfft(tail * np.hanning(tail.size)))
    freqs = np.fft.rfftfreq(tail.size, 1 / RATE)
    audible = freqs > 60
    pitch_class = np.round(12 * np.log2(freqs[audible] / 440) + 69) % 12
    energy = spectrum[audible] ** 2
    in_c_major = np.isin(pitch_class, [0, 4, 7])  # C, E, G
    assert energy[in_c_major].sum() > 0.9 * energy.sum()


def test_other_rate():
    assert music.intro(44100).frame_rate == 44100
    assert abs(music.intro(44100).duration_seconds - music.intro(RATE).duration_seconds) < 0.01


@pytest.fixture
def loud_wav(tmp_path):
    """A 4 s stereo 44.1 kHz WAV at full scale, made here."""
    t = np.arange(4 * 44100) / 44100
    left = np.sign(np.sin(2 * np.pi * 220 * t)) * 32767
    stereo = np.stack([left, 0.5 * left], axis=1).astype(np.int16)
    path = tmp_path / "theme.wav"
    wavfile.write(path, 44100, stereo)
    return path


def test_load_music(loud_wav):
    track = samples_of(music.load_music(loud_wav, RATE))
    assert len(track) == 4 * RATE  # the fades keep every sample
    assert dbfs(track) <= -1.0
    assert np.abs(track[:10]).max() < 200  # 0.5 s fade in
    assert np.abs(track[-10:]).max() < 200  # 1.5 s fade out
    middle = track[int(1.5 * RATE):int(2.5 * RATE)]
    assert dbfs(middle) > -2.0  # untouched between the fades


def test_load_music_reads_mp3(loud_wav, tmp_path):
    mp3 = tmp_path / "theme.mp3"
    subprocess.run(["/usr/bin/ffmpeg", "-loglevel", "error", "-i", str(loud_wav), str(mp3)], check=True)
    assert abs(music.load_music(mp3, RATE).duration_seconds - 4.0) < 0.1


def test_two_hours_of_music_are_cut_with_a_fade_without_reading_them_all(tmp_path):
    """Used whole, a 2-hour intro made a 2-hour episode and took gigabytes of memory."""
    seconds, file_rate = 2 * 3600, 8000
    period = (128 + 100 * np.sin(2 * np.pi * np.arange(40) / 40)).astype(np.uint8)  # 200 Hz, 8-bit
    path = tmp_path / "long.wav"
    wavfile.write(path, file_rate, np.tile(period, seconds * file_rate // 40))
    tracemalloc.start()
    try:
        track = samples_of(music.load_music(path, RATE))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert len(track) == MAX_MUSIC_SECONDS * RATE
    assert peak < seconds * RATE * 2 / 5  # a fifth of the decoded file: never all of it
    assert dbfs(track[-RATE * 5:-RATE * 4]) > -4.0 > dbfs(track[-RATE // 2:])  # it fades out at the cut
    assert np.abs(track[-10:]).max() < 200


def test_missing_music_file(tmp_path):
    with pytest.raises(ConfigError, match=r"music file .*nope\.ogg not found: fix \[music\] in cast.toml"):
        music.load_music(tmp_path / "nope.ogg", RATE)


def test_unreadable_music_file(tmp_path):
    junk = tmp_path / "junk.mp3"
    junk.write_bytes(b"this is not audio" * 100)
    with pytest.raises(ConfigError, match="junk.mp3"):
        music.load_music(junk, RATE)


def test_match_level():
    sting = music.intro(RATE)
    quieter = samples_of(music.match_level(sting, -30.0))
    assert integrated_loudness(quieter, RATE) == pytest.approx(-30.0, abs=0.1)
    # -5 LUFS would need the peak far above full scale: it is scaled less, not clipped
    loud = samples_of(music.match_level(sting, -5.0))
    assert -1.01 <= dbfs(loud) <= -1.0
    assert integrated_loudness(loud, RATE) < -5.0
    silent = to_segment(np.zeros(RATE, dtype=np.int16))
    assert not samples_of(music.match_level(silent, -20.0)).any()


def test_a_kept_sting_is_the_sting_and_a_damaged_one_is_made_again(tmp_path):
    made = music.kept_sting("intro", tmp_path)
    [kept] = tmp_path.iterdir()
    assert music.kept_sting("intro", tmp_path).raw_data == made.raw_data == music.intro().raw_data
    kept.write_bytes(kept.read_bytes()[:-2] + b"\x01\x02")  # a changed sample
    assert music.kept_sting("intro", tmp_path).raw_data == made.raw_data
    assert music.kept_sting("outro", None).raw_data == music.outro().raw_data  # nowhere to keep it
