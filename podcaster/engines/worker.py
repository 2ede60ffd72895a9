"""Runs inside a speech worker process: one pyttsx3 engine, one sentence at a time.

espeak-ng can be initialised once per process and may crash in C, so it lives
here, away from the producer. Kept light: no numpy, nothing from the pipeline.

pyttsx3 2.99 runs espeak asynchronously: settings go into espeak's command queue,
``runAndWait`` cancels whatever is still queued when it starts, and it returns as
soon as synthesis *starts*. So we let the settings land before speaking, and wait
for the utterance to finish before reading the file.
"""

from __future__ import annotations

import contextlib
import io
import os
import signal
import tempfile
import threading
import time
import wave

from .espeak import prepare_espeak, variants_dir

_state: dict = {}
ATTEMPTS = 2
FINISH_TIMEOUT = 60.0
IDLE_TIMEOUT = 10.0
POLL_SECONDS = 0.001  # pyttsx3's espeak loop polls every 10 ms: half our time for short lines


def init() -> None:
    """Process initialiser: load espeak and start one pyttsx3 engine on it."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole group: the producer stops us
    prepare_espeak()
    import pyttsx3
    from pyttsx3.drivers import espeak as driver

    driver.time = _FastPoll()
    _read_phonemes(driver._espeak)
    engine = pyttsx3.init("espeak")
    finished = threading.Event()
    engine.connect("started-word", _on_word)
    engine.connect("finished-utterance", lambda name, completed: finished.set())
    _state.update(engine=engine, words=[], finished=finished,
                  wav=os.path.join(tempfile.mkdtemp(), "line.wav"))


def speak(text: str, settings: dict) -> bytes:
    """Mono 16-bit PCM at 22050 Hz for ``text``; retried if espeak stops before the end."""
    for attempt in range(ATTEMPTS):
        pcm, reach = _synthesize(text, settings)
        if pcm and (_reached_the_end(text, reach) or attempt == ATTEMPTS - 1):
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
    _wait_until_idle()  # else runAndWait's stop() cancels settings still in espeak's queue
    words.clear()
    _state["finished"].clear()
    with contextlib.redirect_stdout(io.StringIO()):  # pyttsx3 prints "Audio saved to …"
        engine.save_to_file(text, path)
        engine.runAndWait()
        # pyttsx3 2.99's espeak driver returns from runAndWait as soon as synthesis *starts*;
        # the file is written on espeak's thread, which then reports the utterance finished.
        if not _state["finished"].wait(FINISH_TIMEOUT):
            raise RuntimeError(f"espeak did not finish {text[:60]!r}")
    with wave.open(path, "rb") as wav:
        pcm = wav.readframes(wav.getnframes())
    os.unlink(path)
    return pcm, max((location + length - 1 for location, length in words), default=0)


def _wait_until_idle() -> None:
    from pyttsx3.drivers import _espeak

    deadline = time.monotonic() + IDLE_TIMEOUT
    while _espeak.IsPlaying():
        if time.monotonic() > deadline:
            raise RuntimeError("espeak stayed busy")
        time.sleep(POLL_SECONDS)


def _reached_the_end(text: str, reach: int) -> bool:
    """Did espeak announce the last word? Its word positions drift by a character or two."""
    return reach + max(3, len(text) // 50) >= _last_word(text)


def _read_phonemes(espeak) -> None:
    """Let espeak read ``[[phonemes]]`` (lexicon entries): pyttsx3 never passes espeakPHONEMES."""
    synth = espeak.Synth

    def synth_with_phonemes(text, *args, flags=0, **kwargs):
        return synth(text, *args, flags=flags | espeak.PHONEMES, **kwargs)
    espeak.Synth = synth_with_phonemes


class _FastPoll:
    """Stands in for the ``time`` module inside pyttsx3's espeak driver (this process only)."""

    def __getattr__(self, name):
        return getattr(time, name)

    @staticmethod
    def sleep(seconds: float) -> None:
        time.sleep(min(seconds, POLL_SECONDS))


def _on_word(name, location, length) -> None:
    _state["words"].append((location, length))


def _last_word(text: str) -> int:
    """1-based position of the start of the last word espeak should announce."""
    end = max((i for i, ch in enumerate(text) if ch.isalnum()), default=0)
    start = end
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    return start + 1
