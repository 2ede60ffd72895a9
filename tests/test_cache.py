"""The speech cache: whole entries come back bit for bit; damaged ones are never played."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from podcaster.model import Voice
from podcaster.synth import SpeechCache

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
    cache.put(cache.key("Hi.", VOICE), np.zeros(10, np.int16))
    assert cache.writable is False


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
