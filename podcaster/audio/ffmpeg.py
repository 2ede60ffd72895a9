"""The one place podcaster runs ffmpeg.

The binary is ``$PODCASTER_FFMPEG`` if set, else the copy bundled with
imageio-ffmpeg, so no system ffmpeg is needed.
"""

from __future__ import annotations

import os
import re
import subprocess
import threading
from collections.abc import Iterable
from pathlib import Path

import numpy as np

from ..errors import ConfigError, ToolError

ENV_VAR = "PODCASTER_FFMPEG"
QUIET = ["-hide_banner", "-loglevel", "error", "-nostdin"]


def ffmpeg_exe() -> str:
    """Path of the ffmpeg binary to use; ToolError if there is none."""
    chosen = os.environ.get(ENV_VAR)
    if chosen:
        if not (os.path.isfile(chosen) and os.access(chosen, os.X_OK)):
            raise ToolError(f"{ENV_VAR}={chosen} is not an executable file")
        return chosen
    try:
        import imageio_ffmpeg

        exe = imageio_ffmpeg.get_ffmpeg_exe()
    except Exception as error:  # ImportError or RuntimeError("no ffmpeg found")
        raise ToolError(f"no ffmpeg available: {error}".splitlines()[0]) from None
    if not os.access(exe, os.X_OK):
        raise ToolError(f"bundled ffmpeg at {exe} is not executable")
    return exe


def which_ffmpeg() -> str:
    """One line saying which ffmpeg is used, for ``podcaster voices``."""
    chosen = os.environ.get(ENV_VAR)
    if chosen:
        return f"{ENV_VAR}={chosen}"
    exe = ffmpeg_exe()
    import imageio_ffmpeg

    version = imageio_ffmpeg.get_ffmpeg_version().lstrip("n").split("-")[0]
    return f"bundled imageio-ffmpeg {version} at {exe}"


def _last_line(stderr: bytes) -> str:
    """The line that says what went wrong, without ffmpeg's ``[codec @ 0x…]`` prefixes.

    That is the last line, unless it is only the generic "Error opening …"
    summary, in which case the first line (the cause) is more useful.
    """
    lines = [re.sub(r"^(\[[^]]*@ 0x[0-9a-f]+\] ?)+", "", line).strip()
             for line in stderr.decode("utf-8", "replace").splitlines()]
    lines = [line for line in lines if line]
    if not lines:
        return "no error message"
    return lines[0] if lines[-1].startswith("Error opening") else lines[-1]


def _failure(code: int, stderr: bytes) -> ToolError:
    return ToolError(f"ffmpeg failed (exit {code}): {_last_line(stderr)}")


def run(args: list[str], *, input: bytes | None = None) -> bytes:
    """Run ffmpeg with ``args``; return its stdout. ToolError on failure."""
    try:
        done = subprocess.run([ffmpeg_exe(), *QUIET, *args], input=input, capture_output=True)
    except OSError as error:
        raise ToolError(f"cannot run ffmpeg: {error}") from None
    if done.returncode != 0:
        raise _failure(done.returncode, done.stderr)
    return done.stdout


def _start(args: list[str]):
    """Start ffmpeg reading stdin, stderr collected by a thread; return (process, stderr list, thread)."""
    try:
        proc = subprocess.Popen([ffmpeg_exe(), "-hide_banner", "-loglevel", "error", *args],
                                stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    except OSError as error:
        raise ToolError(f"cannot run ffmpeg: {error}") from None
    stderr: list[bytes] = []
    pipe = proc.stderr
    assert pipe is not None  # stderr=PIPE
    drain = threading.Thread(target=lambda: stderr.append(pipe.read()), daemon=True)
    drain.start()
    return proc, stderr, drain


def _close_quietly(pipe) -> None:
    try:
        pipe.close()
    except BrokenPipeError:
        pass


def run_streaming(args: list[str], chunks: Iterable[bytes | memoryview]) -> None:
    """Run ffmpeg feeding ``chunks`` to its stdin (``-i pipe:0``); output goes to files.

    stderr is drained in a thread so neither pipe can deadlock.
    """
    proc, stderr, drain = _start(args)
    try:
        for chunk in chunks:
            proc.stdin.write(chunk)
    except BrokenPipeError:
        pass  # ffmpeg quit early; its exit code and stderr say why
    except BaseException:
        proc.kill()
        raise
    finally:
        _close_quietly(proc.stdin)
        code = proc.wait()
        drain.join()
    if code != 0:
        raise _failure(code, b"".join(stderr))


def decode_to_pcm(path: Path | str, rate: int = 22050, seconds: float | None = None) -> np.ndarray:
    """Decode any audio file ffmpeg reads to mono int16 at ``rate``, only its first ``seconds`` if
    given (the rest is never read). ConfigError if unreadable."""
    head = ["-t", f"{seconds:g}"] if seconds is not None else []
    args = [*head, "-i", str(path), "-vn", "-f", "s16le", "-acodec", "pcm_s16le", "-ac", "1",
            "-ar", str(rate), "pipe:1"]
    try:
        raw = run(args)
    except ToolError as error:
        detail = str(error).split(": ", 1)[-1]
        raise ConfigError(f"cannot read music file {path}: {detail}") from None
    return np.frombuffer(raw, dtype="<i2").astype(np.int16)
