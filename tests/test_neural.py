"""Neural voices: a tiny Piper model built here runs the whole inference path; the real packaged
voices (the [neural] extra, which `make install` brings) speak real audio, checked for length,
pitch and that it is not silence; cast.toml's engine keys are checked."""

import re
from pathlib import Path

import numpy as np
import pytest
from tinyvoice import HOP, RATE, TONE_HZ, median_pitch, tiny_piper_voice

from podcaster.config.cast import assign_voices, check_voices, load_cast
from podcaster.config.neural import CATALOGUE, voice_problem
from podcaster.errors import ConfigError, VoiceError
from podcaster.formats.pcm import RATE as PROGRAMME_RATE
from podcaster.model import Script, Turn, Voice
from podcaster.speak.synth import SpeechCache

pytest.importorskip("onnxruntime")
pytest.importorskip("onnx")

SENTENCE = "The harbour board met on Tuesday, and the ferry timetable changed again."


@pytest.fixture(scope="module")
def worker():
    import signal

    from podcaster.speak import worker

    ctrl_c = signal.getsignal(signal.SIGINT)
    worker.init()  # espeak, for Piper's phonemes, as in a speech worker
    signal.signal(signal.SIGINT, ctrl_c)  # a worker ignores Ctrl-C; pytest and its children must not
    return worker


def speak(worker, engine: str, voice: str, text: str = SENTENCE, **settings) -> np.ndarray:
    pcm = worker.speak(text, {"engine": engine, "voice": voice, "speed": 1.0, "volume": 1.0} | settings)
    return np.frombuffer(pcm, "<i2").astype(np.float32) / 32768


def test_a_tiny_piper_model_speaks_its_ids_at_the_programme_rate(tmp_path, worker):
    from podcaster.speak import onnxvoices

    model = tiny_piper_voice(tmp_path)
    audio = speak(worker, "piper", str(model), "Hello there.")
    piper = onnxvoices._models[("piper", str(model))]
    ids = piper.phoneme_ids(onnxvoices.phoneme_sentences("Hello there.", "en-us")[0])
    assert ids[0] == 1 and ids[-1] == 2 and set(ids[1::2]) == {0} and len(ids) % 2  # ^ _ x _ y _ … $
    assert len(audio) == round(len(ids) * HOP * PROGRAMME_RATE / RATE)  # resampled 16 kHz -> 22.05 kHz
    assert median_pitch(audio, PROGRAMME_RATE) == pytest.approx(TONE_HZ, rel=0.02)
    assert np.abs(audio).max() == pytest.approx(0.3, abs=0.02)


def test_piper_reads_every_clause_and_sentence(worker):
    from podcaster.speak.onnxvoices import phoneme_sentences, pieces

    said = phoneme_sentences("Yes, it works. Does it? It does: twice!", "en-us")
    assert len(said) == 3 and said[0].endswith(".") and said[1].endswith("?") and said[2].endswith("!")
    assert "," in said[0] and ":" in said[2]
    long = " ".join(["abc def,"] * 40)
    assert all(len(piece) <= 100 for piece in pieces(long)) and "".join(pieces(long)).count(",") == 40


def test_speed_and_volume(tmp_path, worker):
    model = str(tiny_piper_voice(tmp_path, "speedy"))
    plain, half = speak(worker, "piper", model), speak(worker, "piper", model, volume=0.5)
    assert np.abs(half).max() == pytest.approx(np.abs(plain).max() / 2, abs=0.01)


def test_the_cache_key_follows_the_model_file(tmp_path):
    model = tiny_piper_voice(tmp_path)
    cache = SpeechCache(tmp_path / "cache")
    voice = Voice(engine="piper", voice=str(model))
    before = cache.key(SENTENCE, voice)
    assert cache.key(SENTENCE, Voice(engine="piper", voice=str(model), rate=300)) == before  # not a piper setting
    assert cache.key(SENTENCE, Voice(engine="piper", voice=str(model), speed=1.2)) != before
    tiny_piper_voice(tmp_path, amplitude=0.2)  # the same file name, another model
    assert cache.key(SENTENCE, voice) != before


def write_cast(folder, body: str):
    folder.mkdir(exist_ok=True)
    (folder / "cast.toml").write_text(body, encoding="utf-8")
    return folder


@pytest.mark.parametrize("body, named", [
    ('[guest]\nengine = "piper"\nvoice = "joe"\npitch = 40\n', "pitch in [guest] is not a setting of the piper"),
    ('[guest]\nengine = "hibari"\nrate = 150\n', "rate in [guest] is not a setting of the hibari"),
    ('[guest]\nspeed = 1.5\n', "speed in [guest] is not a setting of the pyttsx3"),
    ('[guest]\nengine = "kokoro"\nspeed = 3\n', "speed in [guest] must be a number from 0.5 to 2.0"),
])
def test_keys_an_engine_does_not_read_are_errors_naming_the_key(tmp_path, body, named):
    with pytest.raises(ConfigError, match=re.escape(named)):
        load_cast(write_cast(tmp_path / "v", body))


def test_unknown_and_missing_neural_voices_say_what_to_do(tmp_path, monkeypatch):
    cast = load_cast(write_cast(tmp_path / "v", '[guest]\nengine = "piper"\nvoice = "nobody"\n'))
    with pytest.raises(VoiceError, match="is not a piper voice: use joe or a Piper .onnx model file"):
        check_voices(cast, {"voices": [("gmw/en-gb-x-rp", "English"), ("gmw/en-us", "American")],
                            "variants": ["m1", "m6", "m8"]})
    import podcaster.config.neural as neural

    monkeypatch.setattr(neural, "_has", lambda module: False)  # as without the extra
    assert voice_problem("hibari", "heart") == "is not installed: pip install 'podcaster[neural]'"


def test_the_neural_preset_casts_three_people_and_panels_get_more(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # no ./neural here: the built-in preset
    cast = load_cast("neural")
    roles = {role: (voice.engine, voice.voice) for role, voice in cast.roles.items()}
    assert len(set(roles.values())) == 3 and all(engine != "pyttsx3" for engine, _ in roles.values())
    script = Script(title="t", turns=[Turn("Host", "interviewer", "Hi."), Turn("Ann", "guest", "Hi."),
                                      Turn("Bo", "guest", "Hi."), Turn("Cy", "guest", "Hi.")])
    voices = assign_voices(script, cast)
    if all(v.installed for v in CATALOGUE):
        assert len({(v.engine, v.voice) for v in voices.values()}) == 4  # each guest another voice


installed = [v for v in CATALOGUE if v.installed]


@pytest.mark.slow
@pytest.mark.parametrize("neural", installed, ids=[f"{v.engine}-{v.name}" for v in installed])
def test_each_packaged_voice_speaks_a_sentence(worker, neural):
    audio = speak(worker, neural.engine, neural.name)
    seconds = len(audio) / PROGRAMME_RATE
    assert 2.5 < seconds < 8.0  # about 12 words
    assert np.sqrt(np.mean(audio ** 2)) > 0.02  # speech, not silence
    assert 70 < median_pitch(audio, PROGRAMME_RATE) < 350
    again = speak(worker, neural.engine, neural.name, "Yes.")
    assert 0.1 < len(again) / PROGRAMME_RATE < 1.5


@pytest.mark.slow
def test_the_preset_voices_are_measurably_different_people(worker, monkeypatch, tmp_path):
    """Different speakers entirely (another model or voice), and the female voice at least 3
    semitones from each male one."""
    monkeypatch.chdir(tmp_path)
    cast = load_cast("neural")
    if any(voice_problem(v.engine, v.voice) for v in cast.roles.values()):
        pytest.skip("the [neural] extra is not installed")
    pitches = {role: median_pitch(speak(worker, v.engine, v.voice), PROGRAMME_RATE) for role, v in cast.roles.items()}
    semitones = {(a, b): abs(12 * np.log2(pitches[a] / pitches[b])) for a in pitches for b in pitches if a < b}
    assert len({(v.engine, v.voice) for v in cast.roles.values()}) == 3
    assert sum(gap >= 3 for gap in semitones.values()) >= 2, pitches


@pytest.mark.slow
def test_an_episode_in_the_neural_cast_keeps_every_guarantee(tmp_path):
    """The sample through the real command line with --voices neural: loudness, true peak, tags,
    chapters and transcripts as for espeak episodes."""
    import json

    from audio import ebur128
    from conftest import SAMPLE, podcaster
    from mutagen.id3 import ID3

    if any(voice_problem(v.engine, v.name) for v in CATALOGUE[:3]):
        pytest.skip("the [neural] extra is not installed")
    done = podcaster("episode", SAMPLE, "-o", tmp_path / "out", "--voices", "neural", cache=tmp_path / "cache")
    assert done.returncode == 0, done.stderr
    mp3 = Path(done.stdout.strip().splitlines()[-1])
    measured = ebur128(mp3)
    assert -17.0 <= measured["lufs"] <= -15.0 and measured["true_peak"] <= -1.0
    tags = ID3(mp3)
    chapters = json.loads(mp3.with_name(mp3.name.replace(".mp3", ".chapters.json")).read_text())["chapters"]
    assert tags["TIT2"].text[0] and len(tags.getall("CHAP")) == len(chapters) >= 3
    cues = mp3.with_name(mp3.name.replace(".mp3", ".vtt")).read_text().count(" --> ")
    assert cues >= 10


def _peak(pcm: bytes) -> float:
    return float(np.abs(np.frombuffer(pcm, "<i2")).max()) / 32768


def test_one_neural_model_is_loaded_at_a_time_each_speaking_in_its_own_voice(tmp_path):
    import multiprocessing

    from podcaster.speak.pool import SpeechPool

    loud, soft = tiny_piper_voice(tmp_path, "loud", 0.3), tiny_piper_voice(tmp_path, "soft", 0.1)
    order = [loud, loud, soft, soft, soft, loud]
    jobs = [(f"Hello there, number {i}.", Voice(engine="piper", voice=str(m))) for i, m in enumerate(order)]
    peaks, alive = {}, []
    with SpeechPool(workers=2) as pool:
        for index, pcm in pool.speak_all(jobs):
            peaks[index] = _peak(pcm)
            alive.append(len(multiprocessing.active_children()))
    assert [round(peaks[i], 1) for i in range(len(jobs))] == [0.3, 0.3, 0.1, 0.1, 0.1, 0.3]
    assert max(alive) == 1  # a model's process ends before the next model's starts


def test_hibari_speaks_the_phonemes_a_phonemiser_process_made(worker):
    pytest.importorskip("hibari")
    import multiprocessing

    from podcaster.speak.pool import SpeechPool

    voice = Voice(engine="hibari", voice="heart")
    alive = []
    with SpeechPool(workers=2) as pool:
        said = dict(pool.speak_all([(SENTENCE, voice), ("And a second one.", voice)]))
        alive.append(len(multiprocessing.active_children()))
    assert said[0] == worker.speak(SENTENCE, {"engine": "hibari", "voice": "heart"})  # as phonemised here
    assert alive == [1]  # the phonemiser has gone; its lexicon is not kept beside the model
    audio = np.frombuffer(said[1], "<i2").astype(np.float32) / 32768
    assert 0.5 < len(audio) / PROGRAMME_RATE < 3 and np.sqrt(np.mean(audio ** 2)) > 0.01


def test_each_half_of_the_sentences_is_asked_for_a_model_at_a_time():
    from podcaster.speak.synth import _spread

    keys = list("abcdefgh")
    kinds = dict(zip(keys, ["k", "h", "k", "p", "h", "k", "p", "h"]))
    order = _spread(keys, kinds)
    assert order == ["a", "c", "e", "g", "d", "b", "h", "f"]  # evens then odds, each grouped
    assert sum(kinds[x] != kinds[y] for x, y in zip(order, order[1:])) == 4  # 5 loads for 3 models
    assert _spread(keys, {k: "espeak" for k in keys}) == _spread(keys) == list("acegbdfh")
