"""bench/bench.py's episodes, without rendering: the --scale episode is N times the article, every
sentence distinct, and the edited script changes one sentence of one paragraph."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from podcaster.pipeline import load_script

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("bench_bench", ROOT / "bench" / "bench.py")
assert _spec and _spec.loader
bench = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = bench  # dataclasses look their module up while the file runs
_spec.loader.exec_module(bench)
ARTICLES = [ROOT / "samples" / "harbour-interview.txt",
            pytest.param(bench.SEED, marks=pytest.mark.skipif(not bench.SEED.exists(), reason="needs ../shared"))]


@pytest.mark.parametrize("article", ARTICLES, ids=lambda p: p.name)
def test_the_scaled_episode_is_n_copies_with_every_sentence_distinct(article, tmp_path):
    script = load_script(article)
    lines = bench.episode_lines(script)
    saved = bench.save(bench.scaled(script, lines, 8), tmp_path / "scaled.script.json")
    spoken = [line.spoken for line in bench.episode_lines(load_script(saved))]  # what the render reads
    assert len(spoken) == 8 * len(lines)
    assert len(set(spoken)) == 8 * len({line.spoken for line in lines})
    assert spoken[:len(lines)] == [line.spoken for line in lines]  # the first copy is the article


def test_a_copy_is_the_same_words():
    sentence = "Well, cities are certainly not sacks of potatoes."
    copies = [bench.distinct_copy(sentence, k) for k in range(8)]
    assert copies[0] == sentence and len(set(copies)) == 8
    assert {copy.lower() for copy in copies} == {sentence.lower()}
    assert bench.distinct_copy("Very much so.", 5) == "Very Much so, take 2."  # 5 = 1 + 2 * 2


@pytest.mark.parametrize("article", ARTICLES, ids=lambda p: p.name)
def test_the_edit_changes_one_sentence(article):
    script = load_script(article)
    lines = bench.episode_lines(script)
    edited = bench.episode_lines(bench.edited(script, lines))
    assert len(edited) == len(lines)
    assert sum(a.spoken != b.spoken for a, b in zip(lines, edited)) == 1
