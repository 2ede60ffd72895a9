"""Programme building and the MP3 encode, checked with the system's own ffmpeg/ffprobe."""

import os
import shutil
import subprocess
import sys
import threading
import time

import numpy as np
import pytest
from audio import decode, ebur128, probe
from scipy.signal import butter, sosfilt

from podcaster.audio import mix
from podcaster.audio.limiter import limit
from podcaster.audio.mix import encode_mp3
from podcaster.audio.programme import Part, Programme, music_part
from podcaster.errors import OutputError, PodcasterError, ToolError
from podcaster.formats.loudness import integrated_loudness
from podcaster.formats.pcm import RATE, samples_of, to_segment
from podcaster.formats.profile import measure

FFMPEG = shutil.which("ffmpeg")


def burst(seconds: float, level: float, rng) -> np.ndarray:
    """Speech-like sound: band-limited noise plus a voiced buzz, syllable-modulated, soft edges."""
    t = np.arange(int(seconds * RATE)) / RATE
    noise = sosfilt(butter(4, [120, 4000], "bandpass", fs=RATE, output="sos"), rng.standard_normal(t.size))
    buzz = sum(np.sin(2 * np.pi * 140 * k * t) / k for k in range(1, 12)) / 4
    edges = np.minimum(1, np.minimum(t, seconds - t) / 0.02)
    return np.clip(level * (2 * noise + buzz) * (0.55 + 0.45 * np.sin(2 * np.pi * 4 * t)) * edges, -1, 1)


def build(level: float, named: bool = False) -> tuple[Programme, float]:
    """~70 s: a quiet stretch, a loud stretch, a long pause, then a 1 kHz marker tone; two seams.
    ``named``: the bursts are named parts, as sentences from the cache are (so segments can be kept)."""
    rng = np.random.default_rng(11)
    programme = Programme()
    for i in range(44):
        sound = to_segment(burst(1.1 + 0.1 * (i % 4), level * (0.4 if i < 12 else 1.0), rng))
        programme.add(music_part(sound, f"burst-{i}-{level}")) if named else programme.append(sound)
        if i % 15 == 14:
            programme.seam(700, 100)
        else:
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
    gain = encode_mp3(programme, target).gain_db
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


def test_segments_join_without_a_gap(encoded):
    """Every burst starts in the MP3 where the programme put it, before and after each seam."""
    programme, _, target, gain = encoded
    assert len(programme.segments()) == 3
    audio = decode(target, 44100)
    starts = [segment.start + offset for segment in programme.segments() for offset, _ in segment.parts]
    for start in starts:
        at = 2 * start  # 22050 -> 44100 Hz
        before, after = np.abs(audio[at - 441:at - 44]).max(), np.abs(audio[at:at + 441]).max()
        assert before < 0.05 * after, start / RATE  # silence up to the part, sound from it


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
    assert programme.duration == (RATE + 7718 + RATE // 10) / RATE == programme.frames / RATE
    parts = list(programme.chunks())
    assert [len(p) for p in parts] == [RATE, 7718, RATE // 10]
    assert all(p.dtype == np.int16 for p in parts)
    assert (parts[0] == 1).all() and not parts[1].any() and (parts[2] == 16384).all()


def test_a_part_is_read_only_when_the_encode_reaches_it():
    reads = []
    samples = samples_of(to_segment(burst(1.5, 0.5, np.random.default_rng(2))))
    profile = measure(samples, RATE)
    programme = Programme()
    for n in range(3):
        programme.add(Part(len(samples), profile, lambda n=n: reads.append(n) or samples))
        programme.silence(200)
    whole = np.concatenate([samples, np.zeros(round(0.2 * RATE), np.int16)] * 3)
    assert programme.layout().loudness() == pytest.approx(integrated_loudness(whole, RATE), abs=0.02)
    assert reads == []  # the loudness came from the profiles
    for n, _ in enumerate(part for part in programme.chunks() if part.any()):
        assert reads == list(range(n + 1))


def test_the_gain_plan_is_what_the_limiter_does():
    """The loudness planned from the profiles is the loudness of the limited audio, measured."""
    rng = np.random.default_rng(5)
    programme = Programme()
    for seconds in (1.0, 4.5, 0.5, 2.0):
        programme.append(to_segment(burst(seconds, 0.9, rng)))
        programme.silence(300)
    gain, top = 12.0, mix.ceiling(-1.0)
    limited = np.concatenate([limit(part, gain, top, RATE) for part in programme.chunks()])
    amplified = np.concatenate(list(programme.chunks())) * 10 ** (gain / 20) / 32768
    assert np.abs(limited).max() <= top + 1e-6 < np.abs(amplified).max() / 2  # it does limit
    planned = programme.layout().loudness(gain, top)
    assert planned == pytest.approx(integrated_loudness(limited, RATE), abs=0.1)
    assert planned < programme.layout().loudness(gain) - 1.0


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


def test_the_gain_is_a_kept_one_when_near_the_plan():
    assert mix.choose_gain(7.234, [[], []]) == 7.23  # nothing kept: the plan
    assert mix.choose_gain(7.234, [[7.10], [7.10, 9.0], []]) == 7.10  # kept within 0.2 dB: reused
    assert mix.choose_gain(7.234, [[7.0], [6.9]]) == 7.23  # too far: the plan
    assert mix.choose_gain(7.2, [[7.1], [7.3], [7.3]]) == 7.3  # most segments win


def test_a_segment_another_thread_is_encoding_is_waited_for_and_its_gain_taken(tmp_path, monkeypatch):
    """As the segments encoded ahead are: the final encode takes the gain of the one under way,
    encodes the others meanwhile and uses that one when it lands, rather than encoding it twice."""
    from podcaster.audio.encoded import EncodedStore

    programme, _ = build(0.3, named=True)
    first = EncodedStore(tmp_path / "first")
    made = encode_mp3(programme, tmp_path / "first.mp3", store=first)
    ahead_gain = round(made.gain_db + 0.1, 2)
    ahead_key = made.segments[1].removesuffix(f"{made.gain_db:+.2f}") + f"{ahead_gain:+.2f}"
    store, release = EncodedStore(tmp_path / "second"), threading.Event()

    def encode_slowly(path):
        release.wait(timeout=30)
        shutil.copyfile(first.segment(made.segments[1]), path)

    ahead = threading.Thread(target=store.encode_into, args=(ahead_key, encode_slowly), daemon=True)
    ahead.start()
    while not store.under_way(ahead_key):
        time.sleep(0.01)
    encoded, real = [], mix._encode
    monkeypatch.setattr(mix, "_encode", lambda *args: (encoded.append(args[1]), real(*args)))
    threading.Timer(0.3, release.set).start()
    second = encode_mp3(programme, tmp_path / "second.mp3", store=store)
    ahead.join()
    assert second.gain_db == ahead_gain and second.segments[1] == ahead_key
    assert len(encoded) == len(made.segments) - 1  # all but the one under way
    assert probe(tmp_path / "second.mp3")["format"]["duration"] == probe(tmp_path / "first.mp3")["format"]["duration"]


def test_the_limiter_holds_every_peak_and_slices_are_the_whole():
    from podcaster.audio.limiter import limited_slices

    rng = np.random.default_rng(8)
    loud = np.clip(rng.standard_normal(150001) * 12000, -32768, 32767).astype(np.int16)
    loud[0] = loud[-1] = 32767  # peaks at the very ends too
    whole = np.concatenate(list(limited_slices(loud, 8.0, 0.7, RATE, size=10**7)))
    sliced = np.concatenate(list(limited_slices(loud, 8.0, 0.7, RATE, size=4096)))
    assert np.array_equal(whole, sliced) and len(whole) == len(loud)
    assert np.abs(whole).max() <= 0.7 + 1e-6
