"""Episode-detail lines: who they name, and what the notes say when they are left out."""

from podcaster.read.details import Details, read_details
from podcaster.split.units import Units


def test_a_conference_transcript_header_names_its_speaker():
    details = Details()
    header = ["Name: Ottilie Brandvold", "Topic: Sharding the ledger", "Location: Lisbon meetup",
              "Video: https://video.example.org/watch?v=abc123", "Slides: https://slides.example.org/42"]
    assert all(read_details(line, details) for line in header)
    assert details.guests == ["Ottilie Brandvold"] and details.hosts == []


def test_a_sentence_that_starts_with_name_is_not_a_detail():
    assert not read_details("Name: the thing we never agreed on. We argued for a week.", Details())


def test_notes_pluralise_the_kind_not_its_tail():
    units = Units(units=[])
    for line in ("Host: A", "Guest: B", "Length: 3 min"):
        units.drop("line of episode details", line)
    units.drop("link note", "Read more")
    notes = units.notes()
    assert notes[0].startswith("left out 3 lines of episode details: ")
    assert notes[1].startswith("left out 1 link note: ")
