"""Inside a speech worker process: espeak-ng through pyttsx3's ctypes binding, a sentence at a time.

espeak-ng keeps state from one sentence to the next that no call resets (the phase of its pitch
flutter, its gain control, its roughness cycle), so a sentence spoken in a busy worker came out a
little different each time. The worker's engine therefore never speaks (it only loads the voice
asked for): each sentence is spoken by a forked child that starts from that unspoken engine, as a
fresh ``espeak-ng`` command would, and returns the samples through a pipe. The same sentence and
voice always give the same bytes, and a crash inside espeak ends that child, not the worker, so the
error names the sentence.

espeak runs synchronously (``AUDIO_OUTPUT_SYNCHRONOUS``): no threads of its own (they would not
survive a fork) and no file on disk. Workers die with the process that started them.
Kept light (it starts while the article is read): no numpy, nothing from the pipeline.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import select
import signal
import struct
import sys
import threading
import time
import warnings

from .espeak import prepare_espeak, variants_dir

FINISH_TIMEOUT = 60.0  # one sentence, far more than espeak needs; the pool waits longer
PR_SET_PDEATHSIG = 1  # linux/prctl.h
LENGTH = struct.Struct("<Q")
_collected: dict = {"chunks": [], "finished": False}
_loaded: dict = {}  # the voice this worker has loaded


class EngineCrash(RuntimeError):
    """espeak died while speaking one sentence (a signal such as SIGSEGV)."""


def init() -> None:
    """Process initialiser: follow the parent's death, load espeak, make it ready to speak."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole group: the producer stops us
    _die_with_parent()
    prepare_espeak()
    from pyttsx3.drivers import _espeak

    if _espeak.Initialize(_espeak.AUDIO_OUTPUT_SYNCHRONOUS, 0) == -1:
        raise RuntimeError("espeak-ng could not start")
    _espeak.SetSynthCallback(_collect)


def speak(text: str, settings: dict) -> bytes:
    """Mono 16-bit PCM at 22050 Hz for ``text``, spoken by a fresh copy of the engine."""
    if "\0" in text:  # espeak reads a C string: the rest would be silently lost
        raise ValueError("the text contains a NUL character")
    if settings.get("engine", "pyttsx3") != "pyttsx3":
        from . import onnxvoices  # numpy and onnxruntime: only in workers that speak neural voices

        return onnxvoices.speak(text, settings)
    _preload(str(settings["voice"]))
    return _in_child(_synthesize, text, settings)


def phonemise(texts: list[str]) -> list[list[str]]:
    """Each text's sentences as the phonemes the hibari and Kokoro voices read."""
    from . import onnxvoices

    return [onnxvoices.misaki_sentences(text) for text in texts]


def _preload(voice: str) -> None:
    """Load the voice here, before forking: the child finds it loaded and speaks the same bytes as
    one that loads it afresh (loading a voice is not speaking), for a fifth less work a sentence."""
    from pyttsx3.drivers import _espeak

    if _loaded.get("voice") != voice and _espeak.SetVoiceByName(voice.encode("utf-8")) == 0:
        _loaded["voice"] = voice  # one it cannot load is the child's to report


def forget_voice() -> None:
    """Another voice was loaded here (a Piper model's, to phonemise): load ours again before forking."""
    _loaded.clear()


def list_voices() -> dict:
    from pyttsx3.drivers import _espeak

    folder = variants_dir()
    return {
        "voices": [(v.identifier.decode("utf-8").lower(), v.name.decode("utf-8"))
                   for v in _espeak.ListVoices(None)],
        "variants": sorted(os.listdir(folder)) if folder else [],
    }


def _synthesize(text: str, settings: dict) -> bytes:
    """In the child: set the voice, speak, return the samples."""
    from pyttsx3.drivers import _espeak

    if _espeak.SetVoiceByName(str(settings["voice"]).encode("utf-8")) != 0:
        raise ValueError(f"espeak has no voice {settings['voice']!r}")
    for name, value in (("rate", settings.get("rate")), ("pitch", settings.get("pitch")),
                        ("volume", settings.get("volume"))):
        if value is not None:
            scaled = round(value * 100) if name == "volume" else int(value)
            _espeak.SetParameter(getattr(_espeak, name.upper()), scaled, 0)
    flags = _espeak.CHARS_UTF8 | _espeak.ENDPAUSE | _espeak.PHONEMES  # [[…]]: lexicon phonemes
    encoded = text.encode("utf-8")
    # The true size (pyttsx3's Synth claims ten times it, which espeak's queue would copy).
    status = _espeak.cSynth(encoded, len(encoded) + 1, 0, _espeak.POS_CHARACTER, 0, flags, None, None)
    if status != 0 or not _collected["finished"]:
        raise RuntimeError(f"espeak stopped before the end (status {status})")
    pcm = b"".join(_collected["chunks"])
    if not pcm:
        raise RuntimeError("espeak produced no audio")
    return pcm


def _collect(wav, count, events) -> int:
    """espeak's callback: keep the samples; a NULL buffer marks the end of the message."""
    if not wav:
        _collected["finished"] = True
    elif count > 0:
        _collected["chunks"].append(ctypes.string_at(wav, count * 2))
    return 0


def _in_child(work, *args) -> bytes:
    """``work(*args)`` in a forked child; its bytes come back through a pipe, its crash as EngineCrash."""
    worker_pid = os.getpid()
    read_end, write_end = os.pipe()
    with warnings.catch_warnings():  # 3.12 warns about forking beside a thread: ours only waits
        warnings.simplefilter("ignore", DeprecationWarning)
        pid = os.fork()
    if pid == 0:
        os.close(read_end)
        _run_child(worker_pid, write_end, work, args)
    os.close(write_end)
    try:
        payload = _read_all(read_end, time.monotonic() + FINISH_TIMEOUT)
    except BaseException:
        os.kill(pid, signal.SIGKILL)  # stuck: it would never end by itself
        os.waitpid(pid, 0)
        raise
    finally:
        os.close(read_end)
    return _outcome(payload, os.waitpid(pid, 0)[1])  # the pipe closed: the child is ending


def _run_child(worker_pid: int, write_end: int, work, args) -> None:
    """Never returns: the child leaves with os._exit, running nothing of the worker's."""
    code = 1
    try:
        _follow_parent(worker_pid)
        try:
            reply = b"\0" + work(*args)
        except Exception as error:  # reported to the worker, which raises it there
            reply = b"\1" + str(error).encode("utf-8", "replace")
        _write_all(write_end, LENGTH.pack(len(reply)) + reply)
        code = 0
    finally:
        os._exit(code)


def _outcome(payload: bytes, status: int) -> bytes:
    if os.WIFSIGNALED(status):
        raise EngineCrash(f"espeak crashed ({signal.Signals(os.WTERMSIG(status)).name})")
    if len(payload) < LENGTH.size or LENGTH.unpack_from(payload)[0] != len(payload) - LENGTH.size:
        raise RuntimeError("espeak ended without returning the audio")
    reply = payload[LENGTH.size:]
    if reply[:1] != b"\0":
        raise RuntimeError(reply[1:].decode("utf-8", "replace"))
    return reply[1:]


def _read_all(fd: int, deadline: float) -> bytes:
    parts: list[bytes] = []
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0 or not select.select([fd], [], [], remaining)[0]:
            raise RuntimeError("espeak did not finish the sentence")
        part = os.read(fd, 1 << 20)
        if not part:
            return b"".join(parts)
        parts.append(part)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def _die_with_parent() -> None:
    """End this worker when the process that started it ends, however it ends (kill -9 included)."""
    parent = multiprocessing.parent_process()
    _follow_parent(parent.pid if parent else None)
    if parent is not None:
        threading.Thread(target=_exit_when_gone, args=(parent,), daemon=True).start()


def _follow_parent(parent_pid: int | None) -> None:
    """Linux: the kernel kills us when the parent dies; elsewhere the parent watch does."""
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if parent_pid is not None and os.getppid() != parent_pid:
        os._exit(1)  # it died before we could follow it


def _exit_when_gone(parent) -> None:
    parent.join()  # the parent's end of a pipe closes when it dies, on every platform
    os._exit(1)
