from __future__ import annotations

import os
import subprocess
import sys
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
