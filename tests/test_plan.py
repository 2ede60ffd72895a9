"""Planning sentences: a run-on paragraph reaches the engine in pieces, with every word in order."""

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from podcaster.config.limits import MAX_LINE_CHARS
from podcaster.model import Script, Turn, Voice
from podcaster.plan import pieces, plan_lines

VOCABULARY = "harbour quiet morning boats waiting tide council people quay listening water town".split()


def run_on(words: int, comma_every: int = 0) -> str:
    """A paragraph with no full stop; a comma every ``comma_every`` words if asked."""
    chosen = random.Random(words).choices(VOCABULARY, k=words)
    if comma_every:
        chosen = [w + "," if (i + 1) % comma_every == 0 else w for i, w in enumerate(chosen)]
    return " ".join(chosen)


@pytest.mark.slow
def test_an_11000_word_paragraph_without_a_full_stop_is_planned_in_pieces():
    for paragraph in (run_on(11_000), run_on(11_000, comma_every=37)):
        lines, _ = plan_lines(Script("T", [Turn("Ann", "guest", paragraph)]), {"Ann": Voice()})
        assert max(len(line.written) for line in lines) <= MAX_LINE_CHARS
        assert " ".join(line.written for line in lines).split() == paragraph.split()
        assert len({(line.turn, line.paragraph) for line in lines}) == 1  # still one paragraph


def test_pieces_end_at_clause_punctuation_where_there_is_some():
    paragraph = run_on(2_000, comma_every=20)
    assert all(piece.endswith(",") for piece in pieces(paragraph)[:-1])


def test_a_sentence_within_the_limit_is_left_alone():
    sentence = "So this plural and embedded authority, above all, redefines urban strategy."
    assert pieces(sentence) == [sentence]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet="ab,;:—– \n", min_size=1, max_size=30), min_size=1, max_size=40),
       st.integers(5, 80))
def test_pieces_keep_every_word_in_order_within_the_limit(parts, limit):
    sentence = "".join(parts).strip()
    split = pieces(sentence, limit)
    assert " ".join(split).split() == sentence.split()
    assert all(len(piece) <= limit or " " not in piece.strip() for piece in split)
    assert all(piece.strip() for piece in split) or not sentence
