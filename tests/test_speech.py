"""Speech through the real engine: pyttsx3 on the bundled espeak-ng, the cast and the cache."""

from __future__ import annotations

import os
import signal
from dataclasses import replace
from itertools import combinations

import numpy as np
import pytest
from audio import median_pitch
from conftest import ROOT
from procs import HAVE_PROC, children

from podcaster.config.cast import DEFAULTS, load_cast
from podcaster.errors import EngineError
from podcaster.model import Script, Turn
from podcaster.plan import plan_lines
from podcaster.speak import SpeechPool
from podcaster.speak.synth import SpeechCache, speak_lines, trim_silence

SENTENCE = "The harbour was quiet that morning, and the boats were waiting for the tide."
RATE = 22050


@pytest.fixture(scope="module")
def pool():
    with SpeechPool() as speech:
        yield speech


def pcm(data: bytes) -> np.ndarray:
    return np.frombuffer(data, dtype="<i2").astype(np.float32) / 32768


def test_cast_file_in_the_repo_is_the_built_in_default():
    assert load_cast(ROOT / "voices").roles == DEFAULTS


def test_default_voices_are_clearly_distinct(pool):
    jobs = [(SENTENCE, DEFAULTS[role]) for role in ("narrator", "interviewer", "guest")]
    spoken = dict(pool.speak_all(jobs))
    pitches = [median_pitch(pcm(spoken[i])) for i in range(3)]
    for low, high in combinations(sorted(pitches), 2):
        assert high / low >= 1.2, pitches  # at least three semitones apart


def test_long_text_is_spoken_whole_and_nothing_leaks_into_the_next(pool):
    long_text = " ".join([SENTENCE] * 40)
    spoken = dict(pool.speak_all([(long_text, DEFAULTS["narrator"]), ("Yes.", DEFAULTS["narrator"])]))
    single = dict(pool.speak_all([(SENTENCE, DEFAULTS["narrator"])]))[0]
    assert len(spoken[0]) >= 38 * len(single)
    assert len(spoken[1]) < len(single) / 2


def test_rate_changes_the_duration(pool):
    slow, fast = (replace(DEFAULTS["guest"], rate=rate) for rate in (120, 240))
    spoken = dict(pool.speak_all([(SENTENCE, slow), (SENTENCE, fast)]))
    assert len(spoken[0]) > 1.6 * len(spoken[1])


def test_trim_silence_keeps_a_short_edge():
    tone = (np.sin(np.arange(RATE) / RATE * 2 * np.pi * 200) * 10000).astype(np.int16)
    padded = np.concatenate([np.zeros(RATE, np.int16), tone, np.zeros(RATE // 2, np.int16)])
    trimmed = trim_silence(padded)
    assert RATE < len(trimmed) < RATE + RATE // 20
    assert len(trim_silence(np.zeros(100, np.int16))) == 0
    edge = RATE * 15 // 1000
    clicks = np.zeros(RATE, np.int16)
    clicks[[1000, 5000]] = [-32768, -301]  # loud either way, the most negative sample too
    clicks[[999, 5001]] = [300, -300]  # at the threshold: silence
    assert len(trim_silence(clicks)) == 5000 - 1000 + 1 + 2 * edge


class RefusingPool(SpeechPool):
    def speak_all(self, jobs):
        raise EngineError(f"asked to speak {len(jobs)} sentences")


def lines_for(text: str):
    script = Script("t", [Turn("A", "guest", text)])
    return plan_lines(script, {"A": DEFAULTS["guest"]})[0]


def test_cache_makes_a_second_run_speak_nothing(tmp_path, pool):
    cache = SpeechCache(tmp_path)
    lines = lines_for("First sentence here. Second one there. First sentence here.")
    first = speak_lines(lines, cache, pool=pool)
    assert len(list(tmp_path.rglob("*.pcm"))) == 2  # the repeated sentence is spoken once
    again = speak_lines(lines, cache, pool=RefusingPool())
    assert [a.samples().tobytes() for a in again] == [b.samples().tobytes() for b in first]  # read back from the cache


def test_truncated_cache_entry_is_spoken_again(tmp_path, pool):
    cache = SpeechCache(tmp_path)
    lines = lines_for("Only this sentence.")
    [whole] = speak_lines(lines, cache, pool=pool)
    [entry] = tmp_path.rglob("*.pcm")
    entry.write_bytes(entry.read_bytes()[:-100])  # as if a run were killed mid-write
    with pytest.raises(EngineError, match="asked to speak 1"):
        speak_lines(lines, cache, pool=RefusingPool())
    [again] = speak_lines(lines, cache, pool=pool)
    assert again.samples().tobytes() == whole.samples().tobytes()  # the same sentence gives the same samples


def test_a_cache_entry_holding_another_sentences_audio_is_spoken_again(tmp_path, pool):
    """The listener never hears the wrong sentence under the right transcript."""
    cache = SpeechCache(tmp_path)
    lines = lines_for("The first sentence is the longer of the two. The second.")
    first, _ = speak_lines(lines, cache, pool=pool)
    [first_entry], [second_entry] = (tmp_path.rglob(f"{cache.key(line.spoken, line.voice)}.pcm")
                                     for line in lines)
    first_entry.write_bytes(second_entry.read_bytes())
    with pytest.raises(EngineError, match="asked to speak 1"):
        speak_lines(lines, cache, pool=RefusingPool())
    assert speak_lines(lines, cache, pool=pool)[0].samples().tobytes() == first.samples().tobytes()


def test_cache_key_follows_the_voice_but_not_the_gap():
    cache = SpeechCache()
    voice = DEFAULTS["guest"]
    assert cache.key("Hi.", voice) == cache.key("Hi.", replace(voice, gap_ms=900))
    assert cache.key("Hi.", voice) != cache.key("Hi.", replace(voice, pitch=10))
    assert cache.key("Hi.", voice) != cache.key("Hi!", voice)


def test_espeak_reads_lexicon_phonemes_in_double_brackets(pool):
    jobs = [(f"Hello {word} there.", DEFAULTS["guest"]) for word in ("win", "[[w'In]]", "double-u in")]
    win, phonemes, letters = (len(pcm) for _, pcm in sorted(pool.speak_all(jobs)))
    assert abs(phonemes - win) < win * 0.1 < letters - phonemes  # not read out as "w, in"


def test_a_sentence_sounds_the_same_whatever_was_spoken_before():
    """espeak keeps state between sentences (pitch flutter, gain, roughness): every sentence starts afresh."""
    narrator = DEFAULTS["narrator"]
    between = [("Yes.", DEFAULTS["guest"]), ("What did the council say at first?", DEFAULTS["interviewer"]),
               ("It took three long years, and a great deal of tea.", narrator)]
    with SpeechPool(workers=1) as pool:  # one worker: what it spoke before is what could leak
        first = dict(pool.speak_all([(SENTENCE, narrator)]))[0]
        for job in between:
            dict(pool.speak_all([job]))
        again = dict(pool.speak_all([(SENTENCE, narrator)]))[0]
        mixed = dict(pool.speak_all([*between, (SENTENCE, narrator)]))[3]
    assert again == first and mixed == first


@pytest.mark.slow
@pytest.mark.skipif(not HAVE_PROC, reason="needs /proc to find the speaking process")
def test_a_crash_in_espeak_names_its_sentence_and_spares_the_rest():
    narrator = DEFAULTS["narrator"]
    long_text = "Long: " + " ".join([SENTENCE.rstrip(".")] * 600)  # seconds of work for espeak
    shorts = [(f"Short sentence number {n}.", narrator) for n in range(20)]
    with SpeechPool(workers=2) as pool:
        results = pool.speak_all([(long_text, narrator), *shorts])
        assert 0 not in {next(results)[0] for _ in shorts}  # the short ones are done first
        [speaking] = children(children({os.getpid()}))  # below a worker: the long sentence's
        os.kill(speaking, signal.SIGSEGV)  # as an espeak bug would
        with pytest.raises(EngineError, match=r"espeak crashed \(SIGSEGV\) on 'Long: The harbour"):
            next(results)
        assert dict(pool.speak_all([(SENTENCE, narrator)]))[0]  # the workers carry on


@pytest.mark.slow
def test_an_11000_word_paragraph_without_a_full_stop_is_spoken_whole(tmp_path, pool):
    """It crashed espeak (pyttsx3 told espeak the text was ten times its size); now it is spoken in pieces."""
    paragraph = " ".join(SENTENCE.rstrip(".").replace(",", "").split() * 800)  # 11,200 words
    lines = lines_for(paragraph)
    audio = speak_lines(lines, SpeechCache(tmp_path), pool=pool)
    assert len(lines) > 1 and all(speech.frames for speech in audio)
    minutes = sum(speech.frames for speech in audio) / 22050 / 60
    assert minutes > 11_200 / DEFAULTS["guest"].rate / 1.5  # no piece came out short or silent
