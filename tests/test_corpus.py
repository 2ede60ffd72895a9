"""Who says what on our own corpus (tests/corpus): every format, every paragraph, every name, every word."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

import pytest

from podcaster.config.cast import DEFAULTS, Cast, assign_voices, check_voices
from podcaster.errors import VoiceError
from podcaster.model import NARRATOR, Script, Turn
from podcaster.read import read_article
from podcaster.split import split

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
from accuracy import CORPUS, corpus_files, coverage, evaluate, group_totals  # noqa: E402

FILES = corpus_files()
MINIMUM = {"labelled": 1.0, "narrated": 1.0, "inferred": 0.97, "unlabelled": 0.97}
COVERAGE = 0.9  # of a text's prose words in its script, unless the notes say loudly what is missing


@pytest.fixture(scope="module")
def results():
    return {path.name: evaluate(path) for path in FILES}


@pytest.mark.parametrize("group", MINIMUM)
def test_accuracy_per_group(results, group):
    totals = group_totals(list(results.values()))[group]
    assert totals["roles"] / totals["paragraphs"] >= MINIMUM[group], totals


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_names_title_and_date_right(results, path):
    result = results[path.name]
    assert result.script is not None, result.error
    assert (sorted(result.script.hosts), sorted(result.script.guests)) == (
        sorted(result.expected["hosts"]), sorted(result.expected["guests"]))
    assert not result.wrong_speakers() or result.expected["group"] != "labelled"
    assert result.meta_wrong() == []


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_paragraph_and_word_reaches_the_script(results, path):
    result = results[path.name]
    assert result.missing() == []
    assert coverage(result) >= COVERAGE or any(n.startswith("CHECK") for n in result.script.notes)
    assert result.spoken_junk() == []


@pytest.mark.parametrize("path", [p for p in FILES if evaluate(p).expected["group"] != "labelled"],
                         ids=lambda p: p.name)
def test_every_wrong_paragraph_is_in_the_notes(results, path):
    result = results[path.name]
    notes = "\n".join(result.script.notes)
    assert result.script.notes
    for i in result.wrong_roles():
        quote = " ".join(result.expected["paragraphs"][i][2].split()[:3])
        assert quote in notes, f"paragraph {quote!r} is attributed wrongly and not in the notes"


def test_labels_are_removed_and_stage_directions_kept():
    script = split(read_article(CORPUS / "timestamps.txt"))
    assert {t.speaker for t in script.turns} == {NARRATOR, "Nadia Okoro", "Felix Brandt"}
    spoken = "\n".join(t.text for t in script.turns)
    assert "[laughs]" in spoken and "(inaudible)" in spoken and "[crosstalk]" in spoken
    assert "[00:" not in spoken and "Felix Brandt:" not in spoken


def test_bold_questions_lose_their_stars():
    script = split(read_article(CORPUS / "bold_questions.md"))
    questions = [t for t in script.turns if t.role == "interviewer"]
    assert questions and not any("**" in t.text for t in questions)
    assert all(t.chapter for t in questions)


def test_panel_keeps_names_roles_and_gets_distinct_voices():
    script = split(read_article(CORPUS / "panel_hosts.md"))
    roles = {t.speaker: t.role for t in script.turns}
    assert roles == {NARRATOR: "narrator", "Lucy Fenwick": "interviewer", "Omar Siddiqui": "interviewer",
                     "Ines Carvalho": "guest"}
    assert "Lucy Fenwick and Omar Siddiqui talk with Ines Carvalho." in script.turns[0].text
    panel = split(read_article(CORPUS / "panel.txt"))
    assert panel.guests == ["Rafael Ortiz", "Mei Lin Chow", "Aoife Brennan"]
    for each in (script, panel):
        voices = assign_voices(each, Cast())
        assert set(voices) == {t.speaker for t in each.turns}
        assert len(set(voices.values())) == len(voices)


def speaking(*people: tuple[str, str]) -> Script:
    return Script("T", [Turn(name, role, "Words.") for name, role in people])


def test_a_speakers_own_voice_wins_over_a_derived_one():
    cast = Cast()
    own = cast.roles["narrator"]
    cast.speakers["Aoife Brennan"] = own
    voices = assign_voices(speaking(("Rafael Ortiz", "guest"), ("Aoife Brennan", "guest"),
                                    ("Mei Lin Chow", "guest")), cast)
    assert voices["Rafael Ortiz"] == cast.roles["guest"]
    assert voices["Aoife Brennan"] == own
    second = voices["Mei Lin Chow"]
    assert second not in (cast.roles["guest"], own)
    assert second.voice.split("+")[0] == cast.roles["guest"].voice.split("+")[0]


def test_voices_depend_on_the_script_alone_not_on_who_was_asked_for_first():
    script = speaking(("Ann Lee", "interviewer"), ("Bo Chen", "guest"), ("Cy Diaz", "guest"), ("Bo Chen", "guest"))
    assert assign_voices(script, Cast()) == assign_voices(script, Cast())
    reordered = speaking(("Ann Lee", "interviewer"), ("Cy Diaz", "guest"), ("Bo Chen", "guest"))
    assert assign_voices(reordered, Cast())["Cy Diaz"] == Cast().roles["guest"]  # the first guest heard


def test_a_derived_voice_the_engine_lacks_is_named_before_anything_is_planned():
    script = speaking(("Ann Lee", "interviewer"), ("Bo Chen", "guest"), ("Cy Diaz", "guest"))
    voices = assign_voices(script, Cast())
    tables = [v.voice.split("+") for v in Cast().roles.values()]  # only what the cast's tables name
    offered = {"voices": [(base, base) for base, _ in tables], "variants": [variant for _, variant in tables]}
    with pytest.raises(VoiceError, match=r'\[speakers."Cy Diaz"\] \(derived, unset\)'):
        check_voices(Cast(), offered, voices)
    check_voices(Cast(), offered)  # the cast's own tables are all offered


@pytest.mark.parametrize("base, family", [("gmw/en-us+steph", "f"), ("gmw/en-us+f3", "f"),
                                          ("gmw/en-us+Annie", "f"), ("gmw/en-us+m1", "m"),
                                          ("gmw/en-us+fast", "m"), ("gmw/en-us", "m")])
def test_a_second_speaker_of_a_role_keeps_the_gender_of_the_role_voice(base, family):
    cast = Cast(roles={**DEFAULTS, "interviewer": replace(DEFAULTS["interviewer"], voice=base)})
    voices = assign_voices(speaking(("First Host", "interviewer"), ("Second Host", "interviewer")), cast)
    second = voices["Second Host"]
    assert second.voice.partition("+")[2][0] == family, second


def test_essay_is_narrated_with_chapters_at_its_headings():
    expected = evaluate(CORPUS / "essay.md").expected
    script = split(read_article(CORPUS / "essay.md"))
    assert {t.role for t in script.turns} == {"narrator"}
    chapters = [t.chapter for t in script.turns if t.chapter]
    assert chapters[0] == "Introduction" and chapters[-1] == "Closing"
    assert chapters[2:-1] == expected["chapters"]
    assert "By Martin Okonjo." in script.turns[0].text


def test_news_story_without_headings_gets_chapters_every_few_paragraphs():
    script = split(read_article(CORPUS / "news.txt"))
    body = script.turns[1:-1]
    assert {t.role for t in script.turns} == {"narrator"} and 2 <= len(body) <= 4
    assert all(0 < len(t.chapter) <= 60 for t in body)
    assert body[0].chapter.startswith("A flood barrier to protect")
    assert sum(len(t.paragraphs) for t in body) == 10
