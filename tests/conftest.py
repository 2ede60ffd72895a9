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
