"""The splitter on the seed and on our own interviews: every paragraph to the right person."""


from conftest import SAMPLE

from podcaster.model import NARRATOR
from podcaster.read import read_article
from podcaster.read.page import parse_page
from podcaster.split import split

# Who speaks each of the seed's 29 interview paragraphs: I(nterviewer) or G(uest).
SEED_SPEAKERS = "IGGGIGGGIGGGGGIGGGGIGGIGIGGIG"
SAMPLE_SPEAKERS = "IGGIGGIGIGIGIG"
BOILERPLATE = ["EU Forward", "Newsletter", "Most Recent", "Eurofound", "HesaMag", "Harvard University Press",
               "DOWNLOAD HERE", "ISSN", "Privacy Policy", "shutterstock", "city,cities", "We need your help"]


def interview_paragraphs(script):
    return [(t.role, p) for t in script.turns if t.role != "narrator" for p in t.paragraphs]


def roles_string(script):
    return "".join("I" if role == "interviewer" else "G" for role, _ in interview_paragraphs(script))


def test_seed_metadata(seed_path):
    script = split(read_article(seed_path))
    assert script.title == "Global cities: crucibles of innovation"
    assert script.subtitle.startswith("Urban geographer Ash Amin explains to Robin Wilson")
    assert script.date == "2023-04-17"
    assert script.publication == "Social Europe"
    assert (script.hosts, script.guests) == (["Robin Wilson"], ["Ash Amin"])


def test_seed_every_paragraph_attributed(seed_path):
    script = split(read_article(seed_path))
    assert roles_string(script) == SEED_SPEAKERS
    interview_turns = [t for t in script.turns if t.role != "narrator"]
    assert len(interview_turns) == 16
    assert interview_turns[0].text.startswith("Let me start, Ash")  # label removed
    assert interview_turns[-1].text.startswith("It will be innovative")


def test_seed_boilerplate_never_spoken_and_notes_go_to_narrator(seed_path):
    script = split(read_article(seed_path))
    spoken = "\n".join(t.text for t in script.turns)
    for junk in BOILERPLATE:
        assert junk not in spoken
    outro = script.turns[-1]
    assert outro.speaker == NARRATOR
    assert "first piece in a series" in outro.text and "professor emeritus" in outro.text
    for turn in script.turns:
        if turn.role != "narrator":
            assert "professor emeritus" not in turn.text and "first piece in a series" not in turn.text


def test_seed_chapters_one_per_question(seed_path):
    script = split(read_article(seed_path))
    chapters = [t.chapter for t in script.turns if t.chapter]
    assert len(chapters) == SEED_SPEAKERS.count("IG") + 2
    assert all(0 < len(c) <= 60 for c in chapters)


def test_sample_interview_with_unpunctuated_questions():
    script = split(read_article(SAMPLE))
    assert (script.hosts, script.guests) == (["Maya Okafor"], ["Tomas Lindqvist"])
    assert roles_string(script) == SAMPLE_SPEAKERS
    assert script.publication == "The Tidewater Review"
    assert script.date == "2024-03-03"
    assert "Most Read" not in "\n".join(t.text for t in script.turns)


QA_TEXT = """# Bread and patience

A baker explains why she still uses a wood oven.

Q: When do you start work?

A: At three in the morning.

The dough has been resting since the evening before, so the first hour is shaping.

Q: Is that not exhausting

A: Less than you would think. You get used to the quiet.
"""


def test_every_turn_labelled_q_and_a():
    script = split(parse_page(QA_TEXT))
    assert script.title == "Bread and patience"
    assert roles_string(script) == "IGGIG"
    assert (script.hosts, script.guests) == ([], [])  # "Interviewer" and "Guest" are roles, not people
    assert script.notes == ["the document does not name its interviewer and guest: called Interviewer and "
                            "Guest; write their names in the script"]
    assert "Interviewer" not in script.turns[0].text


INITIALS_TEXT = """Jan Novak talks to Lena Frost about night trains.

JN: Why night trains, and why now?

LF: Because people want to arrive rested, and the rolling stock finally exists.

JN: Are they not too expensive to run?

LF: They are expensive. But so is an airport.
"""


def test_initials_become_full_names():
    article = parse_page(INITIALS_TEXT)
    article.subtitle = "Jan Novak talks to Lena Frost about night trains."
    article.paragraphs = [p for p in article.paragraphs if ":" in p]
    script = split(article)
    assert (script.hosts, script.guests) == (["Jan Novak"], ["Lena Frost"])
    assert roles_string(script) == "IGIG"


def test_label_forms_and_stage_directions():
    from podcaster.read.labels import is_stage_direction, parse_label
    from podcaster.split.people import People
    for text, name in [("[00:12:03] Ana Ruiz: Hello.", "Ana Ruiz"), ("Ana Ruiz [00:12:03]: Hello.", "Ana Ruiz"),
                       ("**Ana Ruiz:** Hello.", "Ana Ruiz"), ("**Ana Ruiz**: Hello.", "Ana Ruiz"),
                       ("RUIZ: Hello.", "RUIZ"), ("(12:03) Q: Hello?", "Q")]:
        assert parse_label(text).name == name
    assert parse_label("**Ana Ruiz: the whole turn in bold.**").rest == "the whole turn in bold."
    for text in ["[laughs] Yes.", "(Inaudible): something", "Crosstalk: no", "[crosstalk]"]:
        assert parse_label(text) is None
    assert is_stage_direction("[Crosstalk]") and is_stage_direction("(laughs)")
    assert not is_stage_direction("[laughs] Yes, of course.")
    people = People()
    for name in ["Robin Wilson", "Ash Amin"]:
        people.add(name, trusted=True)
    found = [people.find(n) for n in ("RW", "WILSON", "Ash", "Okafor", "MR. WILSON", "Dr Ash Amin")]
    assert [p.name if p else None for p in found] == [
        "Robin Wilson", "Robin Wilson", "Ash Amin", None, "Robin Wilson", "Ash Amin"]


NOT_AN_INTERVIEW = """# Paris in the rain

Paris: a city that looks best when it is wet, or so the guidebooks say.

The cafés fill up, the pavements shine, and nobody seems in a hurry to go anywhere at all.

By evening the river has risen a little, and the bridges glow orange against a grey sky.
"""


def test_one_stray_label_does_not_make_an_interview():
    script = split(parse_page(NOT_AN_INTERVIEW))
    assert {t.role for t in script.turns} == {"narrator"}
    assert "Paris: a city" in script.turns[1].text
    assert script.notes and "narrator" in script.notes[0]
