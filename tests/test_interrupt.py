"""Kill a real render with SIGKILL at several points; nothing is lost and a rerun resumes."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest
from audio import decode
from conftest import SAMPLE
from procs import HAVE_PROC, alive, descendants

SLUG = "harbours-that-listen-rebuilding-a-waterfront-with-the-people"

pytestmark = pytest.mark.slow  # renders, killed and resumed


def start(out: Path, cache: Path, source: Path = SAMPLE, **env_vars: str) -> subprocess.Popen:
    env = {**os.environ, "PODCASTER_CACHE": str(cache), **env_vars}
    return subprocess.Popen([sys.executable, "-m", "podcaster.cli", "episode", str(source), "-o", str(out)],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)


def kill_when(proc: subprocess.Popen, ready, timeout: float = 120) -> None:
    """SIGKILL the render and its workers and ffmpeg as soon as ``ready()`` is true."""
    deadline = time.monotonic() + timeout
    while not ready():
        assert proc.poll() is None, "the render ended before the kill point"
        assert time.monotonic() < deadline, "the kill point never came"
        time.sleep(0.005)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()


def render(out: Path, cache: Path, **env_vars: str) -> Path:
    proc = start(out, cache, **env_vars)
    stdout, stderr = proc.communicate(timeout=300)
    assert proc.returncode == 0, stderr
    return Path(stdout.strip().splitlines()[-1])


def visible(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if not p.name.startswith(".")}


def entries(cache: Path) -> int:
    return sum(1 for _ in cache.rglob("*.pcm"))


@pytest.fixture(scope="module")
def finished(sample_render) -> Path:
    return sample_render.folder


@pytest.fixture
def warm_cache(sample_render, tmp_path) -> Path:
    """A copy of the sample's speech cache: a render from it reaches the encoder at once."""
    return Path(shutil.copytree(sample_render.cache, tmp_path / "cache"))


@pytest.fixture
def previous(finished, tmp_path):
    """A copy of a finished episode's folder: the version a killed rerun must leave intact."""
    out = shutil.copytree(finished, tmp_path / "out")
    return out, visible(out)


def test_killed_while_speaking_then_resumed(previous, finished, tmp_path):
    out, before = previous
    cache = tmp_path / "cache"
    proc = start(out, cache)
    kill_when(proc, lambda: entries(cache) >= 12)
    spoken = entries(cache)
    assert visible(out) == before  # the old episode is untouched
    again = render(out, cache)
    assert visible(out).keys() == before.keys()
    total = entries(cache)
    assert spoken < total  # the resumed run spoke only what was missing (the rest came from the cache)
    assert np.array_equal(decode(again), decode(finished / again.name))  # the resumed episode is the episode


def test_a_cold_rerun_gives_the_same_audio(finished, tmp_path):
    """Every sentence is spoken from the same engine state, cached or not: a render is reproducible."""
    again = render(tmp_path / "out", tmp_path / "cache")
    assert np.array_equal(decode(again), decode(finished / again.name))


def test_killed_while_encoding_leaves_the_old_version(previous, warm_cache):
    out, before = previous
    proc = start(out, warm_cache)
    kill_when(proc, lambda: any(out.glob(".podcaster-*/*.mp3")))
    assert visible(out) == before
    assert list(out.glob(".podcaster-*"))  # the dead run's staging folder...
    render(out, warm_cache)
    assert not list(out.glob(".podcaster-*"))  # ...is gone after the next run
    assert visible(out).keys() == before.keys()


def test_ctrl_c_stops_cleanly_and_the_rerun_resumes(previous, tmp_path):
    out, before = previous
    cache = tmp_path / "cache"
    proc = start(out, cache)
    deadline = time.monotonic() + 120
    while entries(cache) < 8:
        assert proc.poll() is None and time.monotonic() < deadline
        time.sleep(0.005)
    os.killpg(proc.pid, signal.SIGINT)  # what a terminal does on Ctrl-C
    _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 130
    assert stderr.strip().splitlines()[-1].startswith("podcaster: interrupted") and "Traceback" not in stderr
    assert visible(out) == before
    spoken = entries(cache)
    render(out, cache)
    assert spoken < entries(cache)


def long_script(folder: Path, sentences: int = 400) -> Path:
    """A text script long enough to be still speaking when a test acts."""
    lines = [f"Sentence {number} is about harbour number {number * 7}." for number in range(sentences)]
    path = folder / "long.script.txt"
    path.write_text("Title: A long talk\n\nNarrator: " + " ".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.skipif(not HAVE_PROC, reason="needs /proc to find the workers")
@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM])
def test_speech_workers_die_with_the_main_process(tmp_path, sig):
    """`podcaster … | tee log` ends: no worker outlives the main process holding the pipe."""
    cache = tmp_path / "cache"
    proc = start(tmp_path / "out", cache, long_script(tmp_path))
    try:
        kill_point = time.monotonic() + 120
        while entries(cache) < 2:
            assert proc.poll() is None and time.monotonic() < kill_point
            time.sleep(0.005)
        workers = descendants(proc.pid)
        assert workers  # speaking happens in other processes
        os.kill(proc.pid, sig)  # the main process only, as `kill PID` or a crash would
        proc.communicate(timeout=60)  # returns once every holder of stdout and stderr is gone
        deadline = time.monotonic() + 60  # multiprocessing's resource tracker follows them out
        while any(alive(pid) for pid in workers):
            assert time.monotonic() < deadline, [pid for pid in workers if alive(pid)]
            time.sleep(0.05)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)  # never leave strays behind, even when failing


def test_no_temporary_file_survives_a_run_killed_or_not(tmp_path):
    temp = tmp_path / "tmp"
    temp.mkdir()
    render(tmp_path / "out", tmp_path / "cache", TMPDIR=str(temp))
    assert not list(temp.iterdir())
    cache = tmp_path / "cold"
    proc = start(tmp_path / "out", cache, long_script(tmp_path), TMPDIR=str(temp))
    kill_when(proc, lambda: entries(cache) >= 3)  # killed while speaking
    assert not list(temp.iterdir())
