"""Runs inside a speech worker process: one pyttsx3 engine, one sentence at a time.

espeak-ng can be initialised once per process and may crash in C, so it lives
here, away from the producer. Kept light: no numpy, nothing from the pipeline.
"""

from __future__ import annotations

import contextlib
import io
import os
import tempfile
import wave

from .espeak import prepare_espeak, variants_dir

_state: dict = {}
WARM_UP = "Ready."
ATTEMPTS = 3


def init() -> None:
    """Process initialiser: load espeak and speak once, so the first real file is whole."""
    prepare_espeak()
    import pyttsx3

    engine = pyttsx3.init("espeak")
    engine.connect("started-word", _on_word)
    _state.update(engine=engine, words=[], wav=os.path.join(tempfile.mkdtemp(), "line.wav"))
    _synthesize(WARM_UP, {})


def speak(text: str, settings: dict) -> bytes:
    """Mono 16-bit PCM at 22050 Hz for ``text``; retried if espeak stops before the end."""
    for attempt in range(ATTEMPTS):
        pcm, reach = _synthesize(text, settings)
        if pcm and (reach >= _last_word(text) or attempt == ATTEMPTS - 1):
            return pcm
    raise RuntimeError(f"espeak produced no audio for {text[:60]!r}")


def list_voices() -> dict:
    engine = _state["engine"]
    folder = variants_dir()
    return {
        "voices": [(v.id, v.name) for v in engine.getProperty("voices")],
        "variants": sorted(os.listdir(folder)) if folder else [],
    }


def _synthesize(text: str, settings: dict) -> tuple[bytes, int]:
    engine, words, path = _state["engine"], _state["words"], _state["wav"]
    for name in ("voice", "rate", "pitch", "volume"):
        if name in settings:
            engine.setProperty(name, settings[name])
    words.clear()
    with contextlib.redirect_stdout(io.StringIO()):  # pyttsx3 prints "Audio saved to …"
        engine.save_to_file(text, path)
        engine.runAndWait()
    with wave.open(path, "rb") as wav:
        pcm = wav.readframes(wav.getnframes())
    os.unlink(path)
    return pcm, max((location + length - 1 for location, length in words), default=0)


def _on_word(name, location, length) -> None:
    _state["words"].append((location, length))


def _last_word(text: str) -> int:
    """1-based position of the start of the last word espeak should announce."""
    end = max((i for i, ch in enumerate(text) if ch.isalnum()), default=0)
    start = end
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    return start + 1
