import json
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from mutagen import MutagenError
from mutagen.id3 import ID3, CTOCFlags

from podcaster.errors import InputError, OutputError
from podcaster.formats.plaintext import one_line
from podcaster.model import Chapter
from podcaster.output import tags as tagmod
from podcaster.output.cover import make_cover
from podcaster.output.tags import EpisodeTags, read_chapters, read_tags, write_tags

FFMPEG, FFPROBE = "/usr/bin/ffmpeg", "/usr/bin/ffprobe"
CHAPTERS = [
    Chapter("Welcome", 0.0, 3.2),
    Chapter("Tides & ledgers — «Ö»", 3.2, 7.55),
    Chapter("名前 and farewell", 7.55, 12.0),
]


@pytest.fixture(scope="module")
def master(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("audio") / "master.mp3"
    subprocess.run([FFMPEG, "-v", "error", "-f", "lavfi", "-i", "sine=frequency=440:duration=12",
                    "-ar", "44100", "-ac", "1", "-c:a", "libmp3lame", "-b:a", "96k", str(path)], check=True)
    return path


@pytest.fixture
def mp3(master, tmp_path) -> Path:
    copy = tmp_path / "episode.mp3"
    shutil.copyfile(master, copy)
    return copy


@pytest.fixture(scope="module")
def cover() -> bytes:
    return make_cover("Harbour Lights")


def _episode(cover: bytes | None = None) -> EpisodeTags:
    return EpisodeTags(title="Harbour Lights: Ödön talks tides", artists=["Ann Ö'Brien", "Bob Lee"],
                       album="Longform Audio", date="2024-05-03", comment="Made offline ✓", cover=cover)


def _probe(path: Path, *args: str) -> dict:
    out = subprocess.run([FFPROBE, "-v", "error", *args, "-of", "json", str(path)],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def test_frames_are_written_as_id3v23(mp3, cover):
    write_tags(mp3, _episode(cover), CHAPTERS)
    raw = ID3(mp3, translate=False)  # the frames as stored, not upgraded to v2.4
    assert raw.version == (2, 3, 0)
    for key in ("TIT2", "TPE1", "TALB", "TYER", "TDAT", "COMM::eng", "TCON", "APIC:Cover", "CTOC:toc"):
        assert key in raw, key
    assert raw["TYER"].text == ["2024"] and raw["TDAT"].text == ["0305"]
    assert raw["TPE1"].text == ["Ann Ö'Brien/Bob Lee"]
    assert raw["TCON"].text == ["Podcast"]
    assert raw["COMM::eng"].text == ["Made offline ✓"] and raw["COMM::eng"].desc == ""
    picture = raw["APIC:Cover"]
    assert (picture.type, picture.mime, picture.data) == (3, "image/jpeg", cover)
    assert sorted(f.element_id for f in raw.getall("CHAP")) == ["chp0", "chp1", "chp2"]


def test_tags_read_back_equal(mp3, cover):
    episode = _episode(cover)
    write_tags(mp3, episode, CHAPTERS)
    assert read_tags(mp3) == episode
    assert read_chapters(mp3) == CHAPTERS


def test_ctoc_is_top_level_ordered_and_lists_every_chapter(mp3):
    write_tags(mp3, _episode(), CHAPTERS)
    toc = ID3(mp3)["CTOC:toc"]
    assert toc.flags & CTOCFlags.TOP_LEVEL and toc.flags & CTOCFlags.ORDERED
    assert toc.child_element_ids == ["chp0", "chp1", "chp2"]
    assert toc.sub_frames["TIT2"].text == ["Chapters"]


def test_ffprobe_sees_chapters_and_tags(mp3, cover):
    write_tags(mp3, _episode(cover), CHAPTERS)
    found = _probe(mp3, "-show_chapters", "-show_format")
    chapters = found["chapters"]
    assert [c["tags"]["title"] for c in chapters] == [c.title for c in CHAPTERS]  # in file order
    for got, wanted in zip(chapters, CHAPTERS):
        assert abs(float(got["start_time"]) - wanted.start) <= 0.001
        assert abs(float(got["end_time"]) - wanted.end) <= 0.001
    format_tags = found["format"]["tags"]
    assert format_tags["title"] == "Harbour Lights: Ödön talks tides"
    assert format_tags["album"] == "Longform Audio"
    assert format_tags["artist"] == "Ann Ö'Brien/Bob Lee"


def test_audio_is_untouched(mp3, master, cover):
    before = _probe(master, "-show_streams")["streams"][0]
    write_tags(mp3, _episode(cover), CHAPTERS)
    after = _probe(mp3, "-show_streams")["streams"][0]
    assert (after["codec_name"], after["duration"]) == (before["codec_name"], before["duration"])
    decoded = subprocess.run([FFMPEG, "-v", "error", "-i", str(mp3), "-f", "null", "-"],
                             capture_output=True, text=True)
    assert decoded.returncode == 0 and decoded.stderr == ""


def test_retagging_replaces_rather_than_adds(mp3, cover):
    write_tags(mp3, _episode(cover), CHAPTERS)
    write_tags(mp3, _episode(), CHAPTERS[:1])
    tagged = ID3(mp3)
    assert len(tagged.getall("CHAP")) == 1 and not tagged.getall("APIC")
    assert tagged["CTOC:toc"].child_element_ids == ["chp0"]


def test_no_chapters_means_no_toc(mp3):
    write_tags(mp3, _episode(), [])
    assert read_chapters(mp3) == []
    assert not ID3(mp3).getall("CTOC")


def test_failure_leaves_the_file_untouched(mp3, monkeypatch):
    original = mp3.read_bytes()

    def broken_save(*args, **kwargs):
        raise MutagenError("disk on fire")

    monkeypatch.setattr(tagmod._ChronologicalID3, "save", broken_save)
    with pytest.raises(OutputError, match="disk on fire"):
        write_tags(mp3, _episode(), CHAPTERS)
    assert mp3.read_bytes() == original
    assert [p.name for p in mp3.parent.iterdir()] == [mp3.name]  # no temp file left behind


def test_missing_file_is_an_output_error(tmp_path):
    with pytest.raises(OutputError):
        write_tags(tmp_path / "absent.mp3", _episode(), CHAPTERS)


def test_bad_date_is_refused(mp3):
    episode = _episode()
    episode.date = "3 May 2024"
    with pytest.raises(InputError):
        write_tags(mp3, episode, CHAPTERS)


titles = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=60).map(one_line).filter(bool)


@st.composite
def chapter_lists(draw):
    starts = sorted(draw(st.sets(st.integers(0, 11_999), min_size=1, max_size=12)))
    ends = starts[1:] + [12_000]
    return [Chapter(draw(titles), s / 1000, e / 1000) for s, e in zip(starts, ends)]


@pytest.mark.slow
@settings(max_examples=25, deadline=None)
@given(chapters=chapter_lists())
def test_chapter_lists_round_trip(master, chapters):
    with tempfile.TemporaryDirectory() as folder:
        mp3 = Path(folder) / "episode.mp3"
        shutil.copyfile(master, mp3)
        write_tags(mp3, _episode(), chapters)
        assert read_chapters(mp3) == chapters
        probed = _probe(mp3, "-show_chapters")["chapters"]
        assert [round(float(c["start_time"]) * 1000) for c in probed] == [round(c.start * 1000) for c in chapters]


def test_file_mode_is_kept(mp3):
    mp3.chmod(0o644)
    write_tags(mp3, _episode(), CHAPTERS)
    assert mp3.stat().st_mode & 0o777 == 0o644
