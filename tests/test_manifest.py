"""Episode manifests: round trip, newest first, guid and published kept across renders."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, strategies as st

from podcaster.errors import PublishError
from podcaster.model import Chapter, Script, Turn
from podcaster.publish import EpisodeManifest, load_episodes, read_manifest, write_manifest
from podcaster.publish.manifest import stage_manifest

SCRIPT = Script(title="Harbours & <tides>", subtitle="A talk", date="2024-03-03", publication="Review",
                hosts=["Maya"], guests=["Tomas"],
                turns=[Turn("Narrator", "narrator", "Hello."), Turn("Maya", "interviewer", "Why?"),
                       Turn("Tomas", "guest", "Because."), Turn("Maya", "interviewer", "And?"),
                       Turn("Narrator", "narrator", "Bye.")])
CHAPTERS = [Chapter("Closing", 20.0, 30.5), Chapter("Introduction", 0.0, 20.0)]


def stage(tmp_path, out, cover=b"\xff\xd8jpeg"):
    staging = tmp_path / "staging"
    staging.mkdir(exist_ok=True)
    staged = {kind: staging / f"harbours{suffix}" for kind, suffix in
              [("script", ".script.json"), ("chapters", ".chapters.json"), ("vtt", ".vtt"),
               ("srt", ".srt"), ("mp3", ".mp3")]}
    for path in staged.values():
        path.write_bytes(b"x" * 1234)
    made = stage_manifest(staged, out, SCRIPT, CHAPTERS, 30.5004, cover)
    for path in made.values():  # what the pipeline does after staging
        path.replace(out / path.name)
    return read_manifest(out / "harbours.episode.json")


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
    assert [c["title"] for c in m.chapters] == ["Introduction", "Closing"]
    assert m.chapters[1] == {"title": "Closing", "start": 20.0, "end": 30.5}
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
                 chapters=st.lists(st.fixed_dictionaries({"title": st.text(), "start": st.floats(0, 1e4),
                                                          "end": st.floats(0, 1e4)}))))
def test_dict_round_trip(manifest):
    assert EpisodeManifest.from_dict(json.loads(json.dumps(manifest.to_dict()))) == manifest


def test_files_written_before_panels_had_hosts_read_their_one_interviewer(tmp_path):
    from podcaster import scriptfile
    old = {"slug": "s", "title": "T", "guid": "g", "interviewer": "Maya", "guests": ["Tomas"]}
    (tmp_path / "s.episode.json").write_text(json.dumps(old), encoding="utf-8")
    assert read_manifest(tmp_path / "s.episode.json").hosts == ["Maya"]
    script = scriptfile.loads(json.dumps({"title": "T", "interviewer": "Maya", "turns": [
        {"speaker": "Maya", "role": "interviewer", "text": "Why?"}]}))
    assert (script.hosts, script.people) == (["Maya"], ["Maya"])
