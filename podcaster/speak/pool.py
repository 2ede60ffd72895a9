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
from typing import TypeVar

from ..config.neural import MISAKI_ENGINES
from ..errors import EngineError
from ..model import Voice
from . import worker

STALL_SECONDS = 120  # no sentence finished for this long: the engine hangs
AHEAD = 3  # sentences asked for per worker ahead of those taken
PHONEMISE_BATCH = 200  # sentences phonemised per request
T = TypeVar("T")
ESPEAK = "espeak"  # the kind of worker for pyttsx3 voices (neural ones: "engine:voice")
PHONEMISER = "phonemiser"  # the short-lived worker that phonemises for hibari and Kokoro


MAX_NEURAL_THREADS = 4  # one model's operators gain little beyond


def settings_for(voice: Voice, threads: int = 1) -> dict:
    """What the engine is told: espeak takes a variant after ``+`` in the voice name; a neural
    engine takes its voice, speed and volume, and runs on ``threads`` threads."""
    if voice.engine != "pyttsx3":
        return {"engine": voice.engine, "voice": voice.voice, "speed": voice.speed, "volume": voice.volume,
                "threads": max(1, min(MAX_NEURAL_THREADS, threads))}
    return {"voice": voice.voice, "rate": voice.rate, "pitch": voice.pitch, "volume": voice.volume}


def kind_of(voice: Voice) -> str:
    """The worker a voice is spoken by: an espeak one, or the one of its neural model."""
    return ESPEAK if voice.engine == "pyttsx3" else f"{voice.engine}:{voice.voice}"


class SpeechPool:
    """``with SpeechPool() as pool: for index, pcm in pool.speak_all(jobs): …``

    espeak voices are spoken by ``workers`` single-threaded processes (one per core). A neural
    model is loaded by one process of its own, whose onnxruntime runs ``workers`` threads; one model's
    process at a time, so a model's memory (a few hundred MB) is taken once. When the next
    sentence needs another model, that model's sentences under way finish, its process ends and
    the next model's starts: ``speak_lines`` asks for each model's sentences together."""

    def __init__(self, workers: int | None = None):
        self.workers = workers or max(1, min(2, os.cpu_count() or 1))
        self._executors: dict[str, ProcessPoolExecutor] = {}
        self._sizes: dict[str, int] = {}  # workers each executor may start

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
        kinds = [kind_of(voice) for _, voice in jobs]
        phonemes = self._phonemes(jobs)
        pending: dict[Future, int] = {}
        asked = 0

        def ask_more() -> None:
            nonlocal asked
            while asked < len(jobs) and len(pending) < AHEAD * self.workers:
                if not self._may_start(kinds[asked], {kinds[i] for i in pending.values()}):
                    return  # the model in use finishes its sentences first
                text, voice = jobs[asked]
                settings = settings_for(voice, self.workers)
                if asked in phonemes:
                    settings["phonemes"] = phonemes[asked]
                pending[self._submit(kinds[asked], worker.speak, text, settings)] = asked
                asked += 1
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
        return self._submit(ESPEAK, worker.list_voices)

    def close(self, kill: bool = False, wait: bool = True) -> None:
        executors, self._executors, self._sizes = list(self._executors.values()), {}, {}
        for executor in executors:
            if kill:  # a hung engine never returns; the executor cannot stop it for us
                for process in list(getattr(executor, "_processes", {}).values()):
                    process.kill()
            executor.shutdown(wait=wait and not kill, cancel_futures=True)

    def _phonemes(self, jobs: list[tuple[str, Voice]]) -> dict[int, list[str]]:
        """The phonemes of the sentences whose voices read hibari's, made by a process that then
        ends: its lexicon (about 120 MB) is not kept beside the models while they speak."""
        wanted = [i for i, (_, voice) in enumerate(jobs) if voice.engine in MISAKI_ENGINES]
        if not wanted:
            return {}
        batches = [wanted[at:at + PHONEMISE_BATCH] for at in range(0, len(wanted), PHONEMISE_BATCH)]
        asked = [(batch, self._submit(PHONEMISER, worker.phonemise, [jobs[i][0] for i in batch]))
                 for batch in batches]
        made: dict[int, list[str]] = {}
        for batch, future in asked:
            if wait([future], timeout=STALL_SECONDS).not_done:
                self.close(kill=True)
                raise EngineError("the phonemiser stopped responding: run again to resume")
            made.update(zip(batch, self._result(future, jobs[batch[0]][0])))
        self._retire(PHONEMISER)
        return made

    def _may_start(self, kind: str, busy: set[str]) -> bool:
        """Whether a sentence of ``kind`` may be asked for now: a neural model's only once no other
        model is speaking; the other model's process is then ended, its memory handed back."""
        if kind == ESPEAK or kind in self._executors:
            return True
        others = [k for k in self._executors if k not in (ESPEAK, PHONEMISER)]
        if any(k in busy for k in others):
            return False
        for other in others:
            self._retire(other)
        return True

    def _retire(self, kind: str) -> None:
        """End the worker of ``kind`` (waiting for it to exit, so its memory is back)."""
        self._sizes.pop(kind, None)
        self._executors.pop(kind).shutdown(wait=True)

    def _submit(self, kind: str, function, *args) -> Future:
        """``function(*args)`` in a worker of ``kind``. While the executor has fewer workers than it
        may, a submission can start one: it is made inside ``ctrl_c_ignored``; later ones must not mask
        Ctrl-C."""
        if kind not in self._executors:
            context = multiprocessing.get_context("spawn")  # no inherited threads or locks
            count = self.workers if kind == ESPEAK else 1
            self._executors[kind] = ProcessPoolExecutor(count, mp_context=context, initializer=worker.init)
            self._sizes[kind] = count
        executor = self._executors[kind]
        if len(getattr(executor, "_processes", None) or {}) >= self._sizes[kind]:
            return executor.submit(function, *args)
        with ctrl_c_ignored():
            return executor.submit(function, *args)

    def _result(self, future: Future[T], text: str) -> T:
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
def ctrl_c_ignored() -> Iterator[None]:
    """SIGINT ignored while processes start (in the main thread): they start with Ctrl-C ignored,
    so a Ctrl-C that reaches the whole process group while one is still booting cannot print its
    traceback; the process that started them handles it."""
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
