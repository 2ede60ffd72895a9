"""A pool of speech worker processes: many sentences in parallel, crashes kept outside."""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
from collections.abc import Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from itertools import islice

from ..errors import EngineError
from ..model import Voice
from . import worker

STALL_SECONDS = 120  # no sentence finished for this long: the engine hangs
AHEAD = 3  # sentences asked for per worker ahead of those taken


def settings_for(voice: Voice) -> dict:
    """What the engine is told: espeak takes a variant after ``+`` in the voice name; a neural
    engine takes its voice, speed and volume."""
    if voice.engine != "pyttsx3":
        return {"engine": voice.engine, "voice": voice.voice, "speed": voice.speed, "volume": voice.volume}
    return {"voice": voice.voice, "rate": voice.rate, "pitch": voice.pitch, "volume": voice.volume}


class SpeechPool:
    """``with SpeechPool() as pool: for index, pcm in pool.speak_all(jobs): …``"""

    def __init__(self, workers: int | None = None):
        self.workers = workers or max(1, min(2, os.cpu_count() or 1))
        self._executor: ProcessPoolExecutor | None = None

    def __enter__(self) -> SpeechPool:
        return self

    def __exit__(self, kind, *exc) -> None:
        # The workers ignore Ctrl-C and finish the sentence in hand (milliseconds); none is killed
        # then, since one killed while handing back its audio would leave the pool's reader waiting
        # for the rest of it forever. After an error of ours they are idle: a calm shutdown. After a
        # normal run they are not waited for: they end by themselves while the episode is encoded.
        # A hang or crash has killed them already.
        interrupted = kind is not None and issubclass(kind, KeyboardInterrupt)
        self.close(wait=kind is not None and not interrupted)

    def speak_all(self, jobs: list[tuple[str, Voice]]) -> Iterator[tuple[int, bytes]]:
        """Yield ``(index, pcm)`` as sentences finish, in any order. Only a few are asked for ahead
        of those taken, so finished audio never piles up in memory waiting for the taker."""
        executor = self._start()
        waiting = iter(enumerate(jobs))
        pending: dict[Future, int] = {}

        def ask_more() -> None:
            for i, (text, voice) in islice(waiting, AHEAD * self.workers - len(pending)):
                pending[executor.submit(worker.speak, text, settings_for(voice))] = i
        with _spawning():  # the first submissions start the workers; later ones must not mask Ctrl-C
            ask_more()
        while pending:
            done, _ = wait(pending, timeout=STALL_SECONDS, return_when=FIRST_COMPLETED)
            if not done:
                self.close(kill=True)
                raise EngineError("the speech engine stopped responding: run again to resume")
            for future in done:
                index = pending.pop(future)
                yield index, self._result(future, jobs[index][0])
            ask_more()

    def voices(self) -> dict:
        return self.voices_later().result(timeout=STALL_SECONDS)

    def voices_later(self) -> Future:
        """Ask for the voice list now (starting the workers), collect it later."""
        with _spawning():
            return self._start().submit(worker.list_voices)

    def close(self, kill: bool = False, wait: bool = True) -> None:
        if self._executor is None:
            return
        if kill:  # a hung espeak never returns; the executor cannot stop it for us
            for process in list(getattr(self._executor, "_processes", {}).values()):
                process.kill()
        self._executor.shutdown(wait=wait and not kill, cancel_futures=True)
        self._executor = None

    def _start(self) -> ProcessPoolExecutor:
        if self._executor is None:
            context = multiprocessing.get_context("spawn")  # no inherited threads or locks
            self._executor = ProcessPoolExecutor(self.workers, mp_context=context,
                                                 initializer=worker.init)
        return self._executor

    def _result(self, future, text: str) -> bytes:
        try:
            return future.result()
        except BrokenProcessPool:  # the worker itself died (killed from outside, out of memory)
            self.close(kill=True)
            raise EngineError("a speech worker died: run again to resume, finished sentences are cached"
                              ) from None
        except worker.EngineCrash as crash:  # in the sentence's own process: it is this one
            raise EngineError(f"{crash} on {text[:50]!r}: reword or split that sentence") from None
        except Exception as error:  # raised inside the worker: espeak failed
            raise EngineError(f"the speech engine failed on {text[:50]!r}: {error}") from None


@contextmanager
def _spawning():
    """Submitting may start workers: they start with Ctrl-C ignored, so a Ctrl-C that reaches
    the whole process group while one is still booting cannot print its traceback."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def available_voices() -> dict:
    """``{"voices": [(id, name)…], "variants": […]}`` from a short-lived worker."""
    with SpeechPool(workers=1) as pool:
        return pool.voices()
