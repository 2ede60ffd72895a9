"""The speech cache: whole entries come back bit for bit; damaged ones are never played."""

import os
import subprocess
import sys

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from podcaster.model import Voice
from podcaster.speak.synth import SpeechCache

VOICE = Voice()


def stored(tmp_path, samples) -> tuple[SpeechCache, str, object]:
    cache = SpeechCache(tmp_path)
    key = cache.key("A sentence.", VOICE)
    cache.put(key, samples)
    [entry] = tmp_path.rglob("*.pcm")
    return cache, key, entry


@settings(max_examples=50, deadline=None)
@given(arrays(np.int16, st.integers(0, 3000)))
def test_round_trip(tmp_path_factory, samples):
    cache, key, _ = stored(tmp_path_factory.mktemp("cache"), samples)
    assert np.array_equal(cache.get(key), samples)


@pytest.mark.parametrize("damage", ["flip a bit", "truncate", "empty", "extend", "old format", "garbage"])
def test_damaged_entry_is_a_miss(tmp_path, damage):
    cache, key, entry = stored(tmp_path, (np.arange(4000) % 700 - 350).astype(np.int16))
    data = bytearray(entry.read_bytes())
    if damage == "flip a bit":
        data[len(data) // 2] ^= 0x10
    elif damage == "truncate":
        data = data[:-2]
    elif damage == "empty":
        data = b""
    elif damage == "extend":
        data += b"\0\0"
    elif damage == "old format":
        data[:8] = b"PODPCM1\0"
    else:
        data = bytes(range(256)) * 10
    entry.write_bytes(bytes(data))
    assert cache.get(key) is None


def test_missing_entry_is_a_miss(tmp_path):
    assert SpeechCache(tmp_path).get("ab" * 32) is None


def test_unwritable_cache_is_skipped_not_fatal(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    cache = SpeechCache(blocker / "cache")
    key = cache.key("Hi.", VOICE)
    cache.put(key, np.zeros(10, np.int16))
    assert cache.get(key) is None


def test_an_entry_holding_another_entrys_bytes_is_a_miss(tmp_path):
    """The header ties the samples to the text and voice they were made from."""
    cache = SpeechCache(tmp_path)
    one, other = cache.key("One sentence.", VOICE), cache.key("Another sentence.", VOICE)
    cache.put(one, np.full(500, 7, np.int16))
    cache.put(other, np.full(800, -3, np.int16))
    [one_path], [other_path] = tmp_path.rglob(f"{one}.pcm"), tmp_path.rglob(f"{other}.pcm")
    one_path.write_bytes(other_path.read_bytes())
    assert cache.get(one) is None
    assert np.array_equal(cache.get(other), np.full(800, -3, np.int16))


def test_one_blocked_entry_does_not_switch_the_cache_off(tmp_path):
    cache = SpeechCache(tmp_path)
    keys = [cache.key(f"Sentence {n}.", VOICE) for n in range(40)]
    blocked = keys[0]
    (tmp_path / blocked[:2]).write_text("a file where the entry's folder should be")
    others = [key for key in keys if key[:2] != blocked[:2]]
    for key in keys:
        cache.put(key, np.arange(100, dtype=np.int16))
    assert cache.get(blocked) is None
    assert all(np.array_equal(cache.get(key), np.arange(100, dtype=np.int16)) for key in others)


def test_a_dead_runs_part_file_goes_when_its_entry_is_written(tmp_path):
    """A run killed while writing an entry leaves fsutil's temporary file; the rerun removes it."""
    cache = SpeechCache(tmp_path)
    key = cache.key("A sentence.", VOICE)
    folder = tmp_path / key[:2]
    folder.mkdir()
    dead = folder / f".{key}.pcm.k1ll3d_x.part"
    dead.write_bytes(b"half an entry")
    cache.put(key, np.arange(10, dtype=np.int16))
    assert [p.name for p in folder.iterdir()] == [f"{key}.pcm"]


READ_IN_A_CHILD = """
import resource, sys
from pathlib import Path
resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))  # a runaway read fails instead of swapping
from podcaster.speak.synth import SpeechCache
print(SpeechCache(Path(sys.argv[1])).get(sys.argv[2]) is None)
"""


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs and /dev/zero")
@pytest.mark.parametrize("kind", ["fifo", "link to /dev/zero", "huge file", "folder"])
def test_an_entry_that_is_not_a_small_regular_file_is_a_miss(tmp_path, kind):
    """Never a hang (FIFO) nor a read without end (/dev/zero, a sparse 4 GB file)."""
    cache = SpeechCache(tmp_path)
    key = cache.key("A sentence.", VOICE)
    entry = tmp_path / key[:2] / f"{key}.pcm"
    entry.parent.mkdir()
    if kind == "fifo":
        os.mkfifo(entry)
    elif kind == "link to /dev/zero":
        entry.symlink_to("/dev/zero")
    elif kind == "huge file":
        with open(entry, "wb") as sparse:
            sparse.truncate(4 << 30)
    else:
        entry.mkdir()
    done = subprocess.run([sys.executable, "-c", READ_IN_A_CHILD, str(tmp_path), key],
                          capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "True", done.stderr[-500:]
    cache.put(key, np.arange(10, dtype=np.int16))  # speaking it again replaces it (not a folder)
    if kind != "folder":
        assert np.array_equal(cache.get(key), np.arange(10, dtype=np.int16))
