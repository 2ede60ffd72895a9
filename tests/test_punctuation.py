"""How sentences end, from the one place the reader, the splitter, the plan and transcripts ask."""

import pytest

from podcaster.formats.punctuation import ends_asking, ends_sentence


@pytest.mark.parametrize("text", ["It was.", "Was it?", "Go!", "And then…", "…the tide.”", "(as she said.)",
                                  "**It was.**", "_It was._", "[laughs.]", "潮が来た。", "本当？", "「はい。」"])
def test_a_sentence_ends_with_its_mark_and_what_closes_after_it(text):
    assert ends_sentence(text)


@pytest.mark.parametrize("text", ["It was", "Name:", "a list;", "It was. And", "“It was”", ""])
def test_no_mark_no_end(text):
    assert not ends_sentence(text)


def test_a_question_asks_inside_quotes_and_brackets():
    assert ends_asking('She said "why?"') and ends_asking("(why?)") and ends_asking("なぜ？」")
    assert not ends_asking("Why? Because.") and not ends_asking("why?!.")
