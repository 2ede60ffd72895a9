"""Exit codes through the real command line, as the README's "Exit codes" table gives them.

Others are asserted where their case is tested: 3 (unknown voice) and 5 (unwritable output
folder) in test_bad_input.py, 7 (a crafted manifest) in test_manifest.py, 130 (Ctrl-C) in
test_interrupt.py.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SAMPLE, podcaster
from procs import HAVE_PROC, alive, children

pytestmark = pytest.mark.slow  # each runs podcaster in a child process


def one_line_error(done, *words) -> str:
    [line] = done.stderr.strip().splitlines()
    assert line.startswith("podcaster: error: ") and "Traceback" not in done.stderr
    for word in words:
        assert word in line, line
    return line


def talk(folder: Path, *sentences: str) -> Path:
    """A text script the narrator reads, one sentence after another."""
    path = folder / "talk.script.txt"
    path.write_text("Title: A talk\n\nNarrator: " + " ".join(sentences) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("args", [["episode", "--no-such-option", SAMPLE], ["episode"],
                                  ["script", SAMPLE, "--format", "xml"], ["no-such-command"]],
                         ids=["unknown-option", "missing-argument", "bad-format", "unknown-command"])
def test_a_usage_error_exits_2(tmp_path, args):
    done = podcaster(*args, cache=tmp_path / "cache")
    assert done.returncode == 2, done.stderr
    assert "Usage:" in done.stderr and done.stdout == ""


def test_a_bad_article_exits_8_unlike_a_usage_error(tmp_path):
    done = podcaster("episode", tmp_path / "missing.txt", "-o", tmp_path / "out", cache=tmp_path / "cache")
    assert done.returncode == 8
    one_line_error(done, "missing.txt", "no such file")
    assert not (tmp_path / "out").exists()


@pytest.mark.skipif(not HAVE_PROC, reason="needs /proc to find the speaking process")
def test_an_espeak_crash_exits_4(tmp_path):
    long = ", ".join(["the harbour listens to the tide"] * 28) + "."  # under 1,000 characters: one piece
    env = {**os.environ, "PODCASTER_CACHE": str(tmp_path / "cache")}
    proc = subprocess.Popen([sys.executable, "-m", "podcaster.cli", "episode", str(talk(tmp_path, *[long] * 20)),
                             "-o", str(tmp_path / "out")], env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    while proc.poll() is None:  # a sentence's process sits below a speech worker: crash it, as a bug would
        for speaking in children(children({proc.pid})):
            if alive(speaking):
                os.kill(speaking, signal.SIGSEGV)
    stdout, stderr = proc.communicate()
    done = subprocess.CompletedProcess(proc.args, proc.returncode, stdout, stderr)
    assert done.returncode == 4, stderr
    one_line_error(done, "espeak crashed (SIGSEGV) on 'the harbour listens", "reword or split that sentence")
    assert not (tmp_path / "out").exists() or list((tmp_path / "out").glob("*.mp3")) == []


@pytest.mark.parametrize("ffmpeg", ["/no/such/ffmpeg", "/bin/false"], ids=["missing", "failing"])
def test_no_working_ffmpeg_exits_6(tmp_path, monkeypatch, ffmpeg):
    monkeypatch.setenv("PODCASTER_FFMPEG", ffmpeg)
    out = tmp_path / "out"
    done = podcaster("episode", talk(tmp_path, "The tide comes in."), "-o", out, cache=tmp_path / "cache")
    assert done.returncode == 6, done.stderr
    one_line_error(done, "PODCASTER_FFMPEG" if "no/such" in ffmpeg else "ffmpeg failed")
    assert not out.exists() or list(out.glob("*.mp3")) == []
