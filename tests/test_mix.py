"""Programme building and the MP3 encode, checked with the system's own ffmpeg/ffprobe."""

import os
import shutil
import subprocess
import sys

import numpy as np
import pytest
from audio import decode, ebur128, probe
from scipy.signal import butter, sosfilt

from podcaster.audio import mix
from podcaster.audio.mix import encode_mp3
from podcaster.audio.programme import Programme
from podcaster.errors import OutputError, PodcasterError, ToolError
from podcaster.formats.pcm import RATE, to_segment

FFMPEG = shutil.which("ffmpeg")


def burst(seconds: float, level: float, rng) -> np.ndarray:
    """Speech-like sound: band-limited noise plus a voiced buzz, syllable-modulated, soft edges."""
    t = np.arange(int(seconds * RATE)) / RATE
    noise = sosfilt(butter(4, [120, 4000], "bandpass", fs=RATE, output="sos"), rng.standard_normal(t.size))
    buzz = sum(np.sin(2 * np.pi * 140 * k * t) / k for k in range(1, 12)) / 4
    edges = np.minimum(1, np.minimum(t, seconds - t) / 0.02)
    return np.clip(level * (2 * noise + buzz) * (0.55 + 0.45 * np.sin(2 * np.pi * 4 * t)) * edges, -1, 1)


def build(level: float) -> tuple[Programme, float]:
    """~70 s: a quiet stretch, a loud stretch, a long pause, then a 1 kHz marker tone."""
    rng = np.random.default_rng(11)
    programme = Programme()
    for i in range(44):
        programme.append(to_segment(burst(1.1 + 0.1 * (i % 4), level * (0.4 if i < 12 else 1.0), rng)))
        programme.silence(250 + 50 * (i % 3))
    programme.silence(3000)
    t = np.arange(RATE) / RATE
    marker = programme.append(to_segment(0.5 * level * np.sin(2 * np.pi * 1000 * t)))
    programme.silence(1500)
    return programme, marker


@pytest.fixture(scope="module", params=[0.01, 0.9], ids=["too-quiet", "too-loud"])
def encoded(request, tmp_path_factory):
    folder = tmp_path_factory.mktemp("out")
    programme, marker = build(request.param)
    target = folder / "episode.mp3"
    gain = encode_mp3(programme, target)
    assert (gain > 10) if request.param < 0.1 else (gain < 0)  # boosted / turned down
    return programme, marker, target, gain


def test_loudness_and_true_peak(encoded):
    _, _, target, _ = encoded
    measured = ebur128(target)
    assert measured["lufs"] == pytest.approx(-16.0, abs=1.0)
    assert measured["true_peak"] <= -1.0


def test_stream_format(encoded):
    _, _, target, _ = encoded
    [stream] = probe(target)["streams"]
    assert (stream["codec_name"], stream["sample_rate"], stream["channels"]) == ("mp3", "44100", 1)


def test_duration_and_timing(encoded):
    programme, marker, target, _ = encoded
    audio = decode(target, 44100)
    assert len(audio) / 44100 == pytest.approx(programme.duration, abs=0.05)
    search_from = int((marker - 1.0) * 44100)  # inside the 3 s pause before the marker
    loud = np.abs(audio[search_from:]) > 0.1 * np.abs(audio[search_from:]).max()
    onset = (search_from + np.argmax(loud)) / 44100
    assert onset == pytest.approx(marker, abs=0.05)


def test_nothing_else_left(encoded):
    _, _, target, _ = encoded
    assert [p.name for p in target.parent.iterdir()] == ["episode.mp3"]


def test_programme_bookkeeping():
    programme = Programme()
    assert programme.duration == 0
    assert programme.append(to_segment(np.ones(RATE, dtype=np.int16))) == 0.0
    assert programme.silence(350) == 1.0  # 7717.5 samples: rounded, as every gap is
    assert programme.append(to_segment(np.full(RATE // 10, 0.5))) == (RATE + 7718) / RATE  # floats are accepted
    assert programme.append(to_segment(np.zeros(0))) == programme.duration  # an empty part takes no time
    assert programme.duration == (RATE + 7718 + RATE // 10) / RATE
    parts = list(programme.chunks())
    assert [len(p) for p in parts] == [RATE, 7718, RATE // 10]
    assert all(p.dtype == np.int16 and not p.flags.writeable for p in parts)  # views, not copies
    assert (parts[0] == 1).all() and not parts[1].any() and (parts[2] == 16384).all()
    whole = b"".join(part.raw_data for part in programme.parts)
    assert b"".join(programme.pcm(1000)) == whole == np.concatenate(parts).tobytes()


def test_programme_takes_only_mono_16_bit_audio_at_its_rate():
    with pytest.raises(ValueError, match="22050 Hz"):
        Programme().append(to_segment(np.ones(100, np.int16), rate=44100))
    with pytest.raises(ValueError, match="mono"):
        to_segment(np.ones((100, 2), np.int16))


def test_the_limiter_is_planned_in_slices_as_on_each_whole_part():
    from scipy.ndimage import maximum_filter1d

    rng = np.random.default_rng(5)
    programme = Programme()
    for seconds in (1.0, 3.2 * mix.SLICE / RATE, 0.5):  # the long part is cut into slices mid-speech
        programme.append(to_segment(burst(seconds, 0.9, rng)))
        programme.silence(300)
    gain, true_peak = 12.0, -1.0
    window = round(RATE * (mix.LIMITER_ATTACK_MS + mix.LIMITER_RELEASE_MS) / 1000)
    ceiling = 10 ** ((true_peak - mix.LIMITER_MARGIN_DB) / 20)
    amplified, limited = [], []
    for part in programme.chunks():
        x = part.astype(np.float32) * np.float32(10 ** (gain / 20) / 32768)
        envelope = maximum_filter1d(np.abs(x), size=window)
        amplified.append(x)
        limited.append(x * np.minimum(np.float32(1), ceiling / np.maximum(envelope, np.float32(1e-9))))
    assert np.abs(np.concatenate(limited)).max() < np.abs(np.concatenate(amplified)).max() / 2  # it does limit
    sliced = np.concatenate(list(mix._simulate_limiter(programme, gain, true_peak)))
    assert np.array_equal(sliced, np.concatenate(limited))


@pytest.mark.slow
def test_importing_pydub_without_a_system_ffmpeg_prints_nothing(tmp_path):
    """pydub warns at import when ffmpeg is not on PATH; we never ask it to run one."""
    done = subprocess.run([sys.executable, "-c", "import podcaster.pipeline"], capture_output=True, text=True,
                          env={**os.environ, "PATH": str(tmp_path)}, check=False)
    assert done.returncode == 0 and done.stderr == ""


def test_unwritable_target(tmp_path):
    programme, _ = build(0.1)
    with pytest.raises(OutputError):
        encode_mp3(programme, tmp_path / "missing-folder" / "episode.mp3")
    (tmp_path / "taken").mkdir()  # the target name is a folder: the final rename fails
    with pytest.raises(OutputError):
        encode_mp3(programme, tmp_path / "taken")
    assert [p.name for p in tmp_path.iterdir()] == ["taken"]
    assert not any((tmp_path / "taken").iterdir())


def test_ffmpeg_failure_leaves_nothing(tmp_path):
    programme, _ = build(0.1)
    with pytest.raises(ToolError) as caught:
        encode_mp3(programme, tmp_path / "episode.mp3", bitrate="lots")
    assert isinstance(caught.value, PodcasterError)
    assert "\n" not in str(caught.value)
    assert list(tmp_path.iterdir()) == []


def test_ffmpeg_run_reads_stdin_and_reports_errors(monkeypatch):
    from podcaster.audio import ffmpeg

    pcm = (np.arange(RATE, dtype=np.int16) % 100).tobytes()
    out = ffmpeg.run(["-f", "s16le", "-ar", str(RATE), "-ac", "1", "-i", "pipe:0", "-f", "s16le", "pipe:1"], input=pcm)
    assert out == pcm
    with pytest.raises(ToolError, match="ffmpeg failed"):
        ffmpeg.run(["-i", "/no/such/input.wav", "-f", "null", "-"])
    monkeypatch.setenv("PODCASTER_FFMPEG", "/no/such/ffmpeg")
    with pytest.raises(ToolError, match="PODCASTER_FFMPEG"):
        ffmpeg.ffmpeg_exe()
    monkeypatch.setenv("PODCASTER_FFMPEG", FFMPEG)
    assert ffmpeg.which_ffmpeg() == f"PODCASTER_FFMPEG={FFMPEG}"
    monkeypatch.delenv("PODCASTER_FFMPEG")
    assert ffmpeg.which_ffmpeg().startswith("bundled imageio-ffmpeg ")
