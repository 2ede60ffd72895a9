"""Episode manifests: round trip, newest first, guid and published kept across renders."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from podcaster.errors import PublishError
from podcaster.formats.manifest import EPISODE_SUFFIXES
from podcaster.model import Chapter, Script, Turn
from podcaster.output.identity import script_identity
from podcaster.output.record import record_episode
from podcaster.publish import EpisodeManifest, load_episodes, read_manifest, write_manifest

SCRIPT = Script(title="Harbours & <tides>", subtitle="A talk", date="2024-03-03", publication="Review",
                hosts=["Maya"], guests=["Tomas"],
                turns=[Turn("Narrator", "narrator", "Hello."), Turn("Maya", "interviewer", "Why?"),
                       Turn("Tomas", "guest", "Because."), Turn("Maya", "interviewer", "And?"),
                       Turn("Narrator", "narrator", "Bye.")])
CHAPTERS = [Chapter("Introduction", 0.0, 20.0), Chapter("Closing", 20.0, 30.5004)]


def stage(tmp_path, out, cover=b"\xff\xd8jpeg", identity=None):
    """Files staged as the pipeline makes them, recorded and moved into ``out``."""
    staging = tmp_path / "staging"
    staging.mkdir(exist_ok=True)
    staged = {kind: staging / f"harbours{EPISODE_SUFFIXES[kind]}"
              for kind in ("script", "chapters", "vtt", "srt", "mp3", "cover")}
    for path in staged.values():
        path.write_bytes(b"x" * 1234)
    if cover:
        staged["cover"].write_bytes(cover)
    else:
        staged.pop("cover").unlink()
    files, _ = record_episode(staged, out, "harbours", SCRIPT,
                              identity or script_identity(SCRIPT.title, SCRIPT.date, staging / "x"), CHAPTERS, 30.5004)
    made = dict(files)
    for path in made.values():  # what the commit does
        path.replace(out / path.name)
    return read_manifest(out / made["manifest"].name)


def test_files_land_in_a_fixed_order_whatever_order_they_were_made_in(tmp_path):
    """The MP3 before its cover, the manifest that lists the episode last: never dict order."""
    out, staging = tmp_path / "out", tmp_path / "staging"
    out.mkdir(), staging.mkdir()
    staged = {kind: staging / f"harbours{EPISODE_SUFFIXES[kind]}" for kind in ("cover", "mp3", "srt", "script")}
    for path in staged.values():
        path.write_bytes(b"x")
    files, _ = record_episode(staged, out, "harbours", SCRIPT,
                              script_identity(SCRIPT.title, SCRIPT.date, staging / "x"), CHAPTERS, 30.5)
    assert [kind for kind, _ in files] == ["script", "srt", "mp3", "cover", "manifest"]


def test_stage_records_everything_the_pages_need(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    m = stage(tmp_path, out)
    assert (m.slug, m.title, m.subtitle, m.date) == ("harbours", SCRIPT.title, "A talk", "2024-03-03")
    assert m.files == {"script": "harbours.script.json", "chapters": "harbours.chapters.json",
                       "vtt": "harbours.vtt", "srt": "harbours.srt", "mp3": "harbours.mp3",
                       "cover": "harbours.jpg"}
    assert (out / "harbours.jpg").read_bytes() == b"\xff\xd8jpeg"
    assert m.mp3_bytes == 1234 and m.duration == 30.5
    assert m.chapters == [Chapter("Introduction", 0.0, 20.0), Chapter("Closing", 20.0, 30.5)]
    written = json.loads((out / m.manifest_name).read_text(encoding="utf-8"))["chapters"]
    assert written[1] == {"title": "Closing", "start": 20.0, "end": 30.5}
    assert m.speakers == [{"name": "Narrator", "role": "narrator"}, {"name": "Maya", "role": "interviewer"},
                          {"name": "Tomas", "role": "guest"}]
    assert m.published == "" and m.rendered.endswith("Z") and m.version == 1


def test_rerender_keeps_guid_and_published(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    first = stage(tmp_path, out)
    first.published = "2024-04-01T10:00:00Z"
    write_manifest(out / first.manifest_name, first)
    again = stage(tmp_path, out, cover=None)
    assert (again.guid, again.published) == (first.guid, "2024-04-01T10:00:00Z")
    assert "cover" not in again.files


def test_new_episodes_get_distinct_guids():
    assert EpisodeManifest("a", "A").guid != EpisodeManifest("a", "A").guid


def test_load_episodes_newest_first(tmp_path):
    for slug, published, date in [("old", "2024-01-01T00:00:00Z", "2023-12-01"),
                                  ("new", "2024-05-01T00:00:00Z", "2024-01-01"),
                                  ("draft", "", "2020-01-01")]:
        write_manifest(tmp_path / f"{slug}.episode.json", EpisodeManifest(slug, slug, published=published,
                                                                           date=date))
    assert [m.slug for m in load_episodes(tmp_path)] == ["draft", "new", "old"]
    assert load_episodes(tmp_path / "missing") == []


@pytest.mark.parametrize("text", ["{", "[]", '{"slug": "a"}', '{"slug": "a", "title": "A", "guid": 3}',
                                  '{"slug": "a", "title": "A", "guid": "g", "version": 99}'])
def test_bad_manifest_is_one_line_publish_error(tmp_path, text):
    path = tmp_path / "a.episode.json"
    path.write_text(text)
    with pytest.raises(PublishError) as caught:
        read_manifest(path)
    assert str(path) in str(caught.value) and "\n" not in str(caught.value)


def test_unknown_keys_from_newer_writers_are_ignored(tmp_path):
    path = tmp_path / "a.episode.json"
    path.write_text(json.dumps({"slug": "a", "title": "A", "guid": "g", "extra": 1}))
    assert read_manifest(path).guid == "g"


@given(st.builds(EpisodeManifest, slug=st.text(min_size=1), title=st.text(min_size=1),
                 subtitle=st.text(), guests=st.lists(st.text()), duration=st.floats(0, 1e5),
                 chapters=st.lists(st.builds(Chapter, st.text(), st.floats(0, 1e4), st.floats(0, 1e4)))))
def test_dict_round_trip(manifest):
    assert EpisodeManifest.from_dict(json.loads(json.dumps(manifest.to_dict()))) == manifest


def test_files_written_before_panels_had_hosts_read_their_one_interviewer(tmp_path):
    from podcaster.formats import scriptfile
    old = {"slug": "s", "title": "T", "guid": "g", "interviewer": "Maya", "guests": ["Tomas"]}
    (tmp_path / "s.episode.json").write_text(json.dumps(old), encoding="utf-8")
    assert read_manifest(tmp_path / "s.episode.json").hosts == ["Maya"]
    script = scriptfile.loads(json.dumps({"title": "T", "interviewer": "Maya", "turns": [
        {"speaker": "Maya", "role": "interviewer", "text": "Why?"}]}))
    assert script.hosts == ["Maya"]


GOOD = {"slug": "talk", "title": "Talk", "guid": "g-1", "files": {"mp3": "talk.mp3", "vtt": "talk.vtt"}}


@pytest.mark.parametrize("key, value, words", [
    ("slug", "../../outside", "'slug'"),
    ("slug", "/tmp/abs", "'slug'"),
    ("slug", "a/b", "'slug'"),
    ("slug", "Index", "'slug'"),
    ("slug", 7, "'slug'"),
    ("title", ["T"], "'title' must be a string"),
    ("subtitle", 3, "'subtitle' must be a string"),
    ("date", 20240303, "'date'"),
    ("date", "2024-13-45", "'date'"),
    ("published", "yesterday", "'published'"),
    ("published", 5, "'published'"),
    ("rendered", "2024-03-03", "'rendered'"),
    ("hosts", "Maya", "'hosts' must be a list of names"),
    ("guests", [1, 2], "'guests' must be a list of names"),
    ("speakers", [{"name": 1}], "'speakers'"),
    ("speakers", "Maya", "'speakers'"),
    ("duration", "long", "'duration' must be a number"),
    ("duration", float("nan"), "'duration' must be a number"),
    ("duration", True, "'duration' must be a number"),
    ("mp3_bytes", -1, "'mp3_bytes'"),
    ("mp3_bytes", 1.5, "'mp3_bytes'"),
    ("chapters", [{"title": "A", "start": "x", "end": 1}], "'chapters'"),
    ("chapters", {"title": "A"}, "'chapters'"),
    ("chapters", [{"title": "B", "start": 5, "end": 9}, {"title": "A", "start": 0, "end": 5}],
     "'chapters' must list the chapters in start order"),
    ("files", ["talk.mp3"], "'files'"),
    ("files", {"mp3": "../../etc/passwd"}, "'files'"),
    ("files", {"mp3": "/etc/passwd"}, "'files'"),
    ("files", {"vtt": "sub/talk.vtt", "mp3": "talk.mp3"}, "'files'"),
    ("files", {"mp3": ".hidden.mp3"}, "'files'"),
    ("files", {"mp3": "..\\\\talk.mp3"}, "'files'"),
    ("files", {"mp3": 3}, "'files'"),
    ("files", {"evil": "talk.mp3", "mp3": "talk.mp3"}, "'files'"),
    ("version", "1", "'version'"),
    ("source_id", 3, "'source_id' must be a string"),
])
def test_every_field_is_checked_with_a_one_line_error(tmp_path, key, value, words):
    path = tmp_path / "talk.episode.json"
    path.write_text(json.dumps({**GOOD, key: value}), encoding="utf-8")
    with pytest.raises(PublishError) as caught:
        read_manifest(path)
    message = str(caught.value)
    assert str(path) in message and words in message and "\n" not in message


def test_a_good_manifest_with_every_field_reads(tmp_path):
    manifest = EpisodeManifest(slug="talk", title="Talk", date="2024-03-03", hosts=["A"], guests=["B"],
                               speakers=[{"name": "A", "role": "interviewer"}], duration=3.5, mp3_bytes=10,
                               files={"mp3": "talk.mp3", "cover": "talk.jpg"}, rendered="2024-03-03T10:00:00Z",
                               published="2024-03-03T12:00:00+01:00",
                               chapters=[Chapter("A", 0.0, 1.5), Chapter("B", 1.5, 3.5)])
    write_manifest(tmp_path / "talk.episode.json", manifest)
    assert read_manifest(tmp_path / "talk.episode.json") == manifest


@pytest.mark.slow
@pytest.mark.parametrize("crafted", [
    {"slug": "../escaped"}, {"slug": "../../escaped"},
    {"files": {"mp3": "../outside.mp3"}}, {"files": {"mp3": "talk.mp3", "vtt": "../outside.vtt"}},
    {"duration": "long"}, {"published": "yesterday"}, {"chapters": [{"title": "A", "start": "x", "end": 1}]},
    {"hosts": "Maya"}, {"mp3_bytes": "big"}, {"date": "3 March"},
])
def test_a_crafted_manifest_writes_nothing_outside_the_folder(tmp_path, crafted):
    """Also: a wrong-typed field is one line on stderr, exit 7, no traceback."""
    from conftest import podcaster
    folder = tmp_path / "deep" / "show"
    folder.mkdir(parents=True)
    (folder / "talk.mp3").write_bytes(b"\xff\xfb" * 100)
    (tmp_path / "deep" / "outside.mp3").write_bytes(b"\xff\xfb" * 100)
    (folder / "talk.episode.json").write_text(json.dumps({**GOOD, **crafted}), encoding="utf-8")
    before = sorted(p for p in tmp_path.rglob("*") if folder not in p.parents)
    done = podcaster("feed", folder, "--base-url", "https://example.com/", cache=tmp_path / "cache")
    assert done.returncode == 7, done.stderr
    [line] = done.stderr.strip().splitlines()
    assert line.startswith(f"podcaster: error: {folder / 'talk.episode.json'}: ")
    assert sorted(p for p in tmp_path.rglob("*") if folder not in p.parents and p.name != "cache") == before
    assert not (folder / "feed.xml").exists()


def test_a_file_linked_from_outside_the_folder_is_refused(tmp_path):
    from podcaster.publish.feed import feed
    folder = tmp_path / "show"
    folder.mkdir()
    (tmp_path / "secret.vtt").write_text("WEBVTT\n\n00:00.000 --> 00:01.000\nsecret\n")
    (folder / "talk.mp3").write_bytes(b"\xff\xfb" * 100)
    (folder / "talk.vtt").symlink_to(tmp_path / "secret.vtt")
    (folder / "talk.episode.json").write_text(json.dumps(GOOD), encoding="utf-8")
    with pytest.raises(PublishError, match="talk.vtt.*outside"):
        feed(folder, "https://example.com/")
    assert not list(folder.glob("*.html"))
