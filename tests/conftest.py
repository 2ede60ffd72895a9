from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT.parent / "shared" / "seeds" / "000_ab5be3c1c8b9012e.txt"
SAMPLE = ROOT / "samples" / "harbour-interview.txt"


@pytest.fixture
def seed_path() -> Path:
    if not SEED.exists():
        pytest.skip("../shared is not here")
    return SEED


def podcaster(*args, cache: Path, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """Run the real command line in a child process, with its own speech cache."""
    env = {**os.environ, "PODCASTER_CACHE": str(cache)}
    return subprocess.run([sys.executable, "-m", "podcaster.cli", *map(str, args)], env=env,
                          cwd=cwd, capture_output=True, text=True)


@dataclass(frozen=True)
class Render:
    """A finished ``podcaster episode`` run: its output folder, what it printed, its speech cache."""

    folder: Path
    done: subprocess.CompletedProcess
    cache: Path

    def copy_to(self, folder: Path) -> Path:
        """A copy of the output folder, for a test that adds to it or changes it."""
        return Path(shutil.copytree(self.folder, folder))


@contextmanager
def in_background(server) -> Iterator[int]:
    """``server`` answering on a thread for the block, on the port it gives. Polling every 10 ms,
    not serve_forever's 0.5 s, so that stopping it does not wait half a second."""
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True).start()
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A test that reads the rendered sample waits for the render: slow, whatever it does itself."""
    for item in items:
        if "sample_render" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def sample_render(tmp_path_factory) -> Render:
    """The sample rendered once per test run, from a cold cache. Tests only read its folder (or copy
    it); renders that reuse its speech, such as edits of its script, share the cache."""
    folder, cache = tmp_path_factory.mktemp("sample"), tmp_path_factory.mktemp("sample-cache")
    done = podcaster("episode", SAMPLE, "-o", folder, cache=cache)
    assert done.returncode == 0, done.stderr
    return Render(folder, done, cache)
