"""Written text -> what the engine hears: each rule on its own, then all of them together."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from podcaster.plan.speakable import RULES, replace_words, speakable
from podcaster.plan.speakable.cleanup import drop_quotes, drop_stage_directions, pauses, strip_markup
from podcaster.plan.speakable.numbers import (
    say_dates,
    say_decades,
    say_money,
    say_numbered,
    say_numbers,
    say_ordinals,
    say_percentages,
    say_ranges,
    say_years,
)
from podcaster.plan.speakable.web import say_emails, say_urls
from podcaster.plan.speakable.words import say_abbreviations, say_acronyms, say_roman_numerals
from podcaster.read.labels import is_stage_direction
from podcaster.read.stage import CUES


def cases(table):
    return pytest.mark.parametrize(("written", "spoken"), table, ids=[w for w, _ in table])


@cases([
    ("1,200 people", "one thousand two hundred people"),
    ("3.5 times", "three point five times"),
    ("0.25", "zero point two five"),
    ("it fell -5 points", "it fell minus five points"),
    ("007", "zero zero seven"),
    ("MP3 and 4G", "MP3 and 4G"),
    ("1.2.3", "1.2.3"),
    ("1234567890123456789", " ".join("one two three four five six seven eight nine zero".split()
                                     + "one two three four five six seven eight nine".split())),
])
def test_numbers(written, spoken):
    assert say_numbers(written) == spoken


@cases([
    ("after the 1848 revolution", "after the eighteen forty-eight revolution"),
    ("in 2005", "in two thousand and five"),
    ("in 2023.", "in twenty twenty-three."),
    ("1900", "nineteen hundred"),
    ("1914-18", "nineteen fourteen to nineteen eighteen"),
    ("2010–2015", "twenty ten to twenty fifteen"),
    ("1,848 people", "1,848 people"),
    ("1848%", "1848%"),
    ("$2000", "$2000"),
    ("999 and 2100", "999 and 2100"),
])
def test_years(written, spoken):
    assert say_years(written) == spoken


@cases([
    ("the 1990s", "the nineteen nineties"),
    ("the '80s", "the eighties"),
    ("in the 1900s", "in the nineteen hundreds"),
    ("in her 40s", "in her forties"),
])
def test_decades(written, spoken):
    assert say_decades(written) == spoken


@cases([
    ("17th April 2023", "the seventeenth of April 2023"),
    ("on 3 March 2024", "on the third of March 2024"),
    ("the 1st of May", "the first of May"),
    ("April 17, 2023", "April seventeenth, 2023"),
    ("Sept 3", "September third"),
    ("32 March", "32 March"),
    ("May 10:30", "May 10:30"),
])
def test_dates(written, spoken):
    assert say_dates(written) == spoken


@cases([
    ("the 21st century", "the twenty-first century"),
    ("3rd place", "third place"),
    ("the 100th time", "the one hundredth time"),
])
def test_ordinals(written, spoken):
    assert say_ordinals(written) == spoken


@cases([
    ("€5", "five euros"),
    ("£1", "one pound"),
    ("£3.50", "three pounds fifty"),
    ("$0.50", "fifty cents"),
    ("£0.01", "one penny"),
    ("$4m", "four million dollars"),
    ("€2bn", "two billion euros"),
    ("$1.5 billion", "one point five billion dollars"),
    ("€5,000", "five thousand euros"),
    ("4.5 million euros", "4.5 million euros"),
])
def test_money(written, spoken):
    assert say_money(written) == spoken


@cases([
    ("5%", "five percent"),
    ("up 4.5 %", "up four point five percent"),
    ("4.5 per cent", "4.5 per cent"),
])
def test_percentages(written, spoken):
    assert say_percentages(written) == spoken


@cases([
    ("5-10 people", "5 to 10 people"),
    ("5,000–8,000", "5,000 to 8,000"),
    ("10-5", "10-5"),
    ("call 555-1234", "call five five five, one two three four"),
])
def test_ranges(written, spoken):
    assert say_ranges(written) == spoken


@cases([("No. 5", "number 5"), ("#1 hit", "number 1 hit"), ("No one", "No one")])
def test_numbered(written, spoken):
    assert say_numbered(written) == spoken


@cases([
    ("cities, e.g. Oslo", "cities, for example Oslo"),
    ("E.g. Oslo", "for example Oslo"),
    ("one, i.e. two", "one, that is two"),
    ("bread, milk, etc. and", "bread, milk, et cetera and"),
    ("bread, milk, etc.", "bread, milk, et cetera."),
    ("milk etc. Then", "milk et cetera. Then"),
    ("Smith vs. Jones", "Smith versus Jones"),
    ("approx. 5", "approximately 5"),
    ("Dr Smith", "Doctor Smith"),
    ("Dr. Smith", "Doctor Smith"),
    ("Mr Smith and Mrs Jones", "Mister Smith and Missus Jones"),
    ("Prof Amin", "Professor Amin"),
    ("St Paul's", "Saint Paul's"),
    ("Baker St is long", "Baker Street is long"),
    ("St Paul St", "Saint Paul Street"),
    ("Station Rd.", "Station Road"),
])
def test_abbreviations(written, spoken):
    assert say_abbreviations(written) == spoken


@cases([
    ("NASA and NATO", "Nasa and Nato"),
    ("UNESCO", "Unesco"),
    ("COVID", "Koh-vid"),
    ("the ECB and the IMF", "the E.C.B and the I.M.F"),
    ("the UN", "the U.N"),
    ("NGOs", "N.G.O's"),
    ("the BBC's", "the B.B.C's"),
    ("AI", "A.I"),
    ("World War II", "World War II"),
    ("ABCDEF", "ABCDEF"),
    ("A word", "A word"),
    ("THE ECB RAISES RATES", "THE ECB RAISES RATES"),
])
def test_acronyms(written, spoken):
    assert say_acronyms(written) == spoken


@cases([
    ("World War II", "World War two"),
    ("World War I", "World War one"),
    ("Henry VIII", "Henry the eighth"),
    ("Louis XIV's court", "Louis the fourteenth's court"),
    ("Louis XIV", "Louis the fourteenth"),
    ("Elizabeth I", "Elizabeth I"),
])
def test_roman_numerals(written, spoken):
    assert say_roman_numerals(written) == spoken


@cases([
    ("see example.com/path", "see example dot com slash path"),
    ("https://www.example.com/", "example dot com"),
    ("socialeurope.eu.", "socialeurope dot eu."),
    ("a-b.co.uk/x_y", "a dash b dot co dot uk slash x underscore y"),
    ("i.e. e.g.", "i.e. e.g."),
])
def test_urls(written, spoken):
    assert say_urls(written) == spoken


@cases([("a@b.org", "a at b dot org"),
                    ("jane.doe@example.co.uk", "jane dot doe at example dot co dot uk")])
def test_emails(written, spoken):
    assert say_emails(written) == spoken


@cases([
    ("Yes [laughs] no", "Yes   no"),
    ("(inaudible) then", "  then"),
    ("[crosstalk]", " "),
    ("[Laughter]", " "),
    ("(laughter)", " "),
    ("[the city]", "[the city]"),
    ("Right [chuckles] so", "Right   so"),
    ("(sound of the sea)", "(sound of the sea)"),
])
def test_stage_directions(written, spoken):
    assert drop_stage_directions(written) == spoken


@pytest.mark.parametrize("cue", CUES)
def test_a_cue_silenced_in_speech_is_never_a_turn(cue):
    """One vocabulary: what speech drops inline is a stage direction, not a speaker's line, on its own."""
    for written in (f"[{cue}]", f"({cue.upper()})", f"[{cue.capitalize()}]"):
        assert drop_stage_directions(written).strip() == ""
        assert is_stage_direction(written)


@cases([("<b>bold</b>", " bold "), ("**strong**", "strong"), ("A & B", "A  and  B"),
                      ("R&amp;D", "R and D")])
def test_markup(written, spoken):
    assert strip_markup(written) == spoken


@cases([("potatoes—an inert", "potatoes, an inert"), ("so… well", "so, well"),
                ("a - b", "a, b"), ("well-kitted", "well-kitted"), ("(photo)", ", photo, ")])
def test_pauses(written, spoken):
    assert pauses(written) == spoken


@cases([("‘a sack of potatoes’", "a sack of potatoes"), ("it’s", "it's"),
                     ('"quoted"', " quoted "), ("the deaf’, which", "the deaf, which")])
def test_quotes(written, spoken):
    assert drop_quotes(written) == spoken


@cases([
    ("After the 1848 revolution—an ‘inert’ aggregate…",
     "After the eighteen forty-eight revolution, an inert aggregate"),
    ("First published on 17th April 2023.", "First published on the seventeenth of April twenty twenty-three."),
    ("It cost €5, or 4.5 per cent of $4m.", "It cost five euros, or four point five per cent of four million dollars."),
    ("Well [laughs], e.g. NATO vs. the UN.", "Well, for example Nato versus the U.N."),
    ("Mail a@b.org or see example.com/path.", "Mail a at b dot org or see example dot com slash path."),
    ("In the 1990s, 5% of NGOs…", "In the nineteen nineties, five percent of N.G.O's"),
    ("x < y && z > 1", "x y and and z one"),
])
def test_all_rules_together(written, spoken):
    assert speakable(written) == spoken


def test_rules_are_small_named_functions():
    assert all(rule.__name__ != "<lambda>" and rule.__doc__ for rule in RULES)


def test_respellings_come_first_and_phonemes_last():
    assert speakable("Ask NATO and Aoife.", {"Aoife": "Eefa", "NATO": "Nayto"}) == "Ask Nayto and Eefa."
    assert speakable("Mr Nguyen's 'view'", phonemes={"Nguyen": "[[w'In]]"}) == "Mister [[w'In]]'s view"


def test_lower_case_keys_match_any_capitalisation():
    entries = {"milieux": "meel-yuh", "Reading": "Redding"}
    assert replace_words("Milieux and milieux", entries) == "meel-yuh and meel-yuh"
    assert replace_words("reading in Reading", entries) == "reading in Redding"
    assert replace_words("premilieux", entries) == "premilieux"


written_text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=300) | \
    st.lists(st.sampled_from(["1848", "1,200", "3.5", "€5", "£3.50", "$4m", "5%", "17th", "April",
                              "e.g.", "etc.", "Dr", "St", "NATO", "ECB", "NGOs", "[laughs]", "(",
                              ")", "—", "…", "‘", "’", '"', "<b>", "&", "a@b.org", "example.com/x",
                              "-", "'80s", "1990s", "II", "World War", "No.", "#", " ", ", ", "."]),
             max_size=40).map("".join)


@settings(max_examples=300, deadline=None)
@given(written_text)
def test_speakable_never_crashes_never_leaks_markup_never_balloons(text):
    spoken = speakable(text)
    assert not set(spoken) & set("<>&")
    assert "[[" not in spoken
    assert len(spoken) <= 20 * len(text) + 40
