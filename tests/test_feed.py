"""`podcaster feed`: read back by gPodder's podcastparser, feedparser and an XML parser."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from email.utils import parsedate_to_datetime
from pathlib import Path

import feedparser
import podcastparser
import pytest
from conftest import podcaster
from PIL import Image

from podcaster.errors import ConfigError, PublishError
from podcaster.formats.manifest import parse_rfc3339
from podcaster.formats.slug import slugify
from podcaster.model import Chapter
from podcaster.publish import EpisodeManifest, load_episodes, read_manifest, write_manifest
from podcaster.publish.feed import NS, feed, feed_guid

BASE = "https://example.com/pod/"
SLUG = "harbours-that-listen-rebuilding-a-waterfront-with-the-people"
HOSTILE = 'Tom & "Jerry" <b>bold</b> \'q\' \x00\x07\x1b]]> end\ud800'




@pytest.fixture(scope="module")
def cache(sample_render) -> Path:
    return sample_render.cache


@pytest.fixture(scope="module")
def published(tmp_path_factory, sample_render, cache):
    """A copy of the rendered sample, fed once; later tests may add to the folder."""
    out = sample_render.copy_to(tmp_path_factory.mktemp("published") / "out")
    done = podcaster("feed", out, "--base-url", BASE.rstrip("/"), "--no-site", cache=cache)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == str(out / "feed.xml")
    return out


def parse(folder: Path) -> dict:
    with open(folder / "feed.xml", "rb") as stream:
        return podcastparser.parse(BASE + "feed.xml", stream)


def items(folder: Path) -> list[ET.Element]:
    return ET.parse(folder / "feed.xml").getroot().findall("channel/item")


def tag(prefix: str, name: str) -> str:
    return f"{{{NS[prefix]}}}{name}"


def synthetic(folder: Path, slug: str, title: str = "", published: str = "", **extra) -> EpisodeManifest:
    (folder / f"{slug}.mp3").write_bytes(b"\xff\xfb" * 500)
    manifest = EpisodeManifest(slug=slug, title=title or slug, published=published, duration=61.5,
                               files={"mp3": f"{slug}.mp3", "vtt": f"{slug}.vtt"}, **extra)
    write_manifest(folder / f"{slug}.episode.json", manifest)
    return manifest


def test_gpodder_reads_the_rendered_episode(published):
    manifest = read_manifest(published / f"{SLUG}.episode.json")
    parsed = parse(published)
    assert parsed["title"] == "The Tidewater Review" and parsed["explicit"] is False
    assert parsed["itunes_categories"] == [["Society & Culture"]]
    [episode] = parsed["episodes"]
    assert episode["title"] == manifest.title and episode["guid"] == manifest.guid
    [enclosure] = episode["enclosures"]
    assert enclosure == {"url": BASE + f"{SLUG}.mp3", "mime_type": "audio/mpeg",
                         "file_size": (published / f"{SLUG}.mp3").stat().st_size}
    assert enclosure["file_size"] == manifest.mp3_bytes
    assert episode["total_time"] == round(manifest.duration) > 60
    assert [c["title"] for c in episode["chapters"]] == [c.title for c in manifest.chapters]
    assert episode["chapters"][0]["title"] == "Introduction"
    assert episode["episode_art_url"] == BASE + f"{SLUG}.jpg"
    assert "Maya Okafor (host)" in episode["description"] and "Tomas Lindqvist (guest)" in episode["description"]


def test_feedparser_reads_it_without_complaint(published):
    parsed = feedparser.parse(str(published / "feed.xml"))
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.feed.language == "en" and parsed.feed.image.href == BASE + "show_cover.jpg"
    [entry] = parsed.entries
    assert entry.enclosures[0].href == BASE + f"{SLUG}.mp3"
    assert parsedate_to_datetime(entry.published).year >= 2024


def test_podcasting_2_tags(published):
    root = ET.parse(published / "feed.xml").getroot()
    channel = root.find("channel")
    assert channel.find(tag("podcast", "guid")).text == feed_guid(BASE + "feed.xml")
    assert channel.find(tag("podcast", "locked")).text == "no"
    [item] = items(published)
    chapters = item.find(tag("podcast", "chapters"))
    assert chapters.attrib == {"url": BASE + f"{SLUG}.chapters.json", "type": "application/json+chapters"}
    transcripts = {t.get("type"): t.attrib for t in item.findall(tag("podcast", "transcript"))}
    assert transcripts["text/vtt"] == {"url": BASE + f"{SLUG}.vtt", "type": "text/vtt", "rel": "captions"}
    assert transcripts["application/x-subrip"]["url"] == BASE + f"{SLUG}.srt"
    people = [(p.get("role"), p.text) for p in item.findall(tag("podcast", "person"))]
    assert people == [("host", "Maya Okafor"), ("guest", "Tomas Lindqvist")]
    psc = item.find(tag("psc", "chapters"))
    assert psc.get("version") == "1.2"
    assert psc[0].attrib == {"start": "00:00:00.000", "title": "Introduction"}
    for link in [chapters.get("url"), *(t["url"] for t in transcripts.values())]:
        assert (published / link[len(BASE):]).is_file()


def test_show_cover_is_generated_at_apple_size(published):
    with Image.open(published / "show_cover.jpg") as cover:
        assert cover.format == "JPEG" and cover.size[0] == cover.size[1] and 1400 <= cover.size[0] <= 3000


def test_feed_guid_follows_the_podcast_namespace_spec():
    assert feed_guid("https://podnews.net/rss") == "9b024349-ccf0-5f69-a609-6b82873eab3c"
    assert feed_guid("http://mp3s.nashownotes.com/pc20rss.xml//") == "917393e3-1b1e-5cef-ace4-edaa54e1f810"


def test_second_feed_run_changes_nothing(published):
    before = (published / "feed.xml").read_bytes()
    feed(published, BASE, site=False)
    assert (published / "feed.xml").read_bytes() == before


def test_rerender_keeps_guid_and_date(published, cache):
    manifest = read_manifest(published / f"{SLUG}.episode.json")
    assert manifest.published
    done = podcaster("episode", published / f"{SLUG}.script.json", "-o", published, cache=cache)
    assert done.returncode == 0, done.stderr
    again = read_manifest(published / f"{SLUG}.episode.json")
    assert (again.guid, again.published) == (manifest.guid, manifest.published)
    assert again.rendered >= manifest.rendered
    feed(published, BASE, site=False)
    [episode] = parse(published)["episodes"]
    assert episode["guid"] == manifest.guid
    assert episode["published"] == int(parse_rfc3339(manifest.published).timestamp())


def test_adding_an_episode_keeps_the_first(published):
    first = parse(published)["episodes"][0]
    synthetic(published, "second-talk", "Second talk", hosts=["Ann"], guests=["Bo"])
    feed(published, BASE, site=False)
    episodes = parse(published)["episodes"]
    assert [e["title"] for e in episodes] == ["Second talk", first["title"]]  # newest first
    assert (episodes[1]["guid"], episodes[1]["published"]) == (first["guid"], first["published"])
    assert episodes[0]["published"] >= first["published"]


def test_hostile_text_comes_out_escaped_and_valid(tmp_path):
    synthetic(tmp_path, "hostile", HOSTILE, subtitle=HOSTILE, publication="A & B <Press>",
              hosts=[HOSTILE], guests=["<script>alert(1)</script>"],
              chapters=[Chapter(HOSTILE, 0.0, 5.0)])
    feed(tmp_path, BASE, site=False)
    text = (tmp_path / "feed.xml").read_bytes().decode("utf-8")
    assert "<script>" not in text and "<b>" not in text
    [item] = items(tmp_path)  # parses: well-formed XML
    expected = 'Tom & "Jerry" <b>bold</b> \'q\' ]]> end'
    assert item.find("title").text == expected
    assert item.find(tag("psc", "chapters"))[0].get("title") == expected
    assert "&lt;b&gt;bold&lt;/b&gt;" in item.find(tag("content", "encoded")).text  # HTML-escaped notes
    [episode] = parse(tmp_path)["episodes"]
    assert episode["title"] == expected
    assert not feedparser.parse(str(tmp_path / "feed.xml")).bozo


def test_each_item_links_its_own_listening_page(tmp_path):
    for title in ("Index", "Episode index"):
        slug = slugify(title)
        synthetic(tmp_path, slug, title)
        (tmp_path / f"{slug}.vtt").write_text("WEBVTT\n", encoding="utf-8")
    feed(tmp_path, BASE)
    links = {i.find("title").text: i.find("link").text for i in items(tmp_path)}
    assert links == {"Index": BASE + "index-episode.html", "Episode index": BASE + "episode-index.html"}
    for page in links.values():
        assert (tmp_path / page[len(BASE):]).is_file()
    assert "<h1>Podcaster</h1>" in (tmp_path / "index.html").read_text(encoding="utf-8")  # the site's own


def test_several_episodes_newest_first_with_stable_dates(tmp_path):
    synthetic(tmp_path, "old", published="2024-01-01T09:00:00Z")
    synthetic(tmp_path, "newer", published="2024-06-01T09:00:00Z")
    synthetic(tmp_path, "draft")
    feed(tmp_path, BASE, site=False)
    assert [m.slug for m in load_episodes(tmp_path)] == ["draft", "newer", "old"]
    dates = [i.find("pubDate").text for i in items(tmp_path)]
    assert dates[1:] == ["Sat, 01 Jun 2024 09:00:00 GMT", "Mon, 01 Jan 2024 09:00:00 GMT"]
    assert read_manifest(tmp_path / "draft.episode.json").published  # recorded for good
    guids = [i.find("guid").text for i in items(tmp_path)]
    feed(tmp_path, BASE, site=False)
    assert [i.find("pubDate").text for i in items(tmp_path)] == dates
    assert [i.find("guid").text for i in items(tmp_path)] == guids


def test_show_toml_settings(tmp_path):
    synthetic(tmp_path, "one")
    Image.new("RGB", (1500, 1500), "teal").save(tmp_path / "art.png")
    (tmp_path / "show.toml").write_text(
        'title = "Harbour Talk"\ndescription = "Talks"\nauthor = "Tide"\nowner_name = "Ann"\n'
        'owner_email = "ann@example.com"\nlanguage = "en-gb"\ncategory = "Society & Culture"\n'
        'subcategory = "Documentary"\nexplicit = true\nlink = "https://example.com/"\n'
        'cover = "art.png"\nlocked = true\nguid = "917393e3-1b1e-5cef-ace4-edaa54e1f810"\n')
    feed(tmp_path, BASE, site=False)
    channel = ET.parse(tmp_path / "feed.xml").getroot().find("channel")
    assert channel.find("title").text == "Harbour Talk" and channel.find("language").text == "en-gb"
    assert channel.find(tag("itunes", "explicit")).text == "true"
    assert channel.find(tag("itunes", "image")).get("href") == BASE + "art.png"
    category = channel.find(tag("itunes", "category"))
    assert category.get("text") == "Society & Culture"
    assert category.find(tag("itunes", "category")).get("text") == "Documentary"
    owner = channel.find(tag("itunes", "owner"))
    assert [e.text for e in owner] == ["Ann", "ann@example.com"]
    locked = channel.find(tag("podcast", "locked"))
    assert (locked.text, locked.get("owner")) == ("yes", "ann@example.com")
    assert channel.find(tag("podcast", "guid")).text == "917393e3-1b1e-5cef-ace4-edaa54e1f810"
    assert not (tmp_path / "show_cover.jpg").exists()


def test_show_cover_outside_the_folder_is_copied_in(tmp_path):
    folder = tmp_path / "site"
    folder.mkdir()
    synthetic(folder, "one")
    Image.new("RGB", (1400, 1400), "navy").save(tmp_path / "art.jpg")
    (tmp_path / "show.toml").write_text('cover = "art.jpg"\n')
    feed(folder, BASE, tmp_path / "show.toml", site=False)
    assert (folder / "show_cover.jpg").read_bytes() == (tmp_path / "art.jpg").read_bytes()


@pytest.mark.parametrize("toml, message", [
    ('title = "A"\ncolour = "red"\n', "line 2: 'colour' is not a show setting"),
    ('explicit = "no"\n', "line 1: 'explicit' must be true or false"),
    ('\n\ntitle = 3\n', "line 3: 'title' must be a string"),
    ('title = ""\n', "line 1: 'title' must not be empty"),
    ('category = "Podcasts"\n', "line 1: 'category': 'Podcasts' is not an Apple Podcasts category"),
    ('subcategory = "Golf"\n', "line 1: 'subcategory' 'Golf' is not one of Society & Culture's"),
    ('locked = true\n', "line 1: 'locked' needs 'owner_email'"),
    ('owner_email = "nobody"\n', "line 1: 'owner_email': 'nobody' is not an e-mail address"),
    ('title = "A"\ntitle "B"\n', "at line 2"),
    ('[owner]\nname = "A"\n', "line 1: 'owner' is not a show setting"),
    ('cover = "missing.png"\n', "cover 'missing.png' not found"),
    ('guid = "my-show"\n', "line 1: 'guid': 'my-show' is not a UUID"),
    ('title = "A"\nlink = "javascript:alert(1)"\n', "line 2: 'link': 'javascript:alert(1)' is not an http(s) address"),
    ('link = "JavaScript:alert(1)"\n', "line 1: 'link'"),
    ('link = " javascript:alert(1)"\n', "line 1: 'link'"),
    ('link = "data:text/html,<b>x</b>"\n', "line 1: 'link'"),
    ('link = "ftp://example.com/"\n', "line 1: 'link'"),
    ('link = "//example.com/"\n', "line 1: 'link'"),
    ('link = "example.com"\n', "line 1: 'link'"),
    ('link = "https://"\n', "line 1: 'link'"),
    ('link = "http://[::1"\n', "line 1: 'link'"),
])
def test_bad_show_toml_is_one_line_config_error(tmp_path, toml, message):
    synthetic(tmp_path, "one")
    (tmp_path / "show.toml").write_text(toml)
    with pytest.raises(ConfigError) as caught:
        feed(tmp_path, BASE, site=False)
    assert message in str(caught.value) and str(tmp_path / "show.toml") in str(caught.value)
    assert "\n" not in str(caught.value)
    assert not (tmp_path / "feed.xml").exists()


def test_wrong_size_cover_is_refused(tmp_path):
    synthetic(tmp_path, "one")
    Image.new("RGB", (1400, 1000)).save(tmp_path / "art.png")
    (tmp_path / "show.toml").write_text('cover = "art.png"\n')
    with pytest.raises(ConfigError, match="1400x1000: it must be square"):
        feed(tmp_path, BASE, site=False)


def test_publish_errors(tmp_path):
    with pytest.raises(PublishError, match="absolute http"):
        feed(tmp_path, "example.com/pod", site=False)
    synthetic(tmp_path, "gone")
    (tmp_path / "gone.mp3").unlink()
    with pytest.raises(PublishError, match="its MP3 gone.mp3 is missing"):
        feed(tmp_path, BASE, site=False)


@pytest.mark.slow
def test_cli_errors_are_one_line(tmp_path):
    synthetic(tmp_path, "one")
    done = podcaster("feed", tmp_path, "--base-url", BASE, "--show", tmp_path / "nope.toml", cache=tmp_path / "cache")
    assert done.returncode == ConfigError.exit_code
    assert done.stderr.strip().splitlines() == [f"podcaster: error: {tmp_path / 'nope.toml'}: "
                                                "show settings file not found"]


def test_feed_writes_the_pages_unless_told_not_to(published, tmp_path):
    assert not (published / "index.html").exists()  # fed with --no-site
    folder = tmp_path / "copy"
    folder.mkdir()
    for path in published.glob(f"{SLUG}.*"):  # the rendered episode alone: other tests add stand-ins
        shutil.copy(path, folder / path.name)
    feed(folder, BASE)
    assert (folder / f"{SLUG}.html").is_file()
    assert BASE + "feed.xml" in (folder / "index.html").read_text(encoding="utf-8")


def test_an_episode_titled_cover_keeps_its_artwork(tmp_path):
    episode = synthetic(tmp_path, slugify("Cover"), "Cover")
    (tmp_path / "cover.jpg").write_bytes(b"\xff\xd8 the episode's own art")
    episode.files["cover"] = "cover.jpg"
    write_manifest(tmp_path / episode.manifest_name, episode)
    feed(tmp_path, BASE, site=False)
    assert (tmp_path / "cover.jpg").read_bytes() == b"\xff\xd8 the episode's own art"
    channel = ET.parse(tmp_path / "feed.xml").getroot().find("channel")
    show_image = channel.find(tag("itunes", "image")).get("href")
    assert show_image != BASE + "cover.jpg" and (tmp_path / show_image[len(BASE):]).is_file()
    assert items(tmp_path)[0].find(tag("itunes", "image")).get("href") == BASE + "cover.jpg"


def test_a_show_cover_named_like_an_episode_file_is_copied_to_the_shows_name(tmp_path):
    synthetic(tmp_path, "one")
    Image.new("RGB", (1400, 1400), "navy").save(tmp_path / "art.jpg")  # an episode "Art" would own art.jpg
    (tmp_path / "show.toml").write_text('cover = "art.jpg"\n')
    feed(tmp_path, BASE, site=False)
    href = ET.parse(tmp_path / "feed.xml").getroot().find("channel").find(tag("itunes", "image")).get("href")
    assert href != BASE + "art.jpg"
    assert (tmp_path / href[len(BASE):]).read_bytes() == (tmp_path / "art.jpg").read_bytes()


def test_no_file_of_the_site_or_the_show_can_be_an_episodes():
    from podcaster.formats.manifest import is_episode_file
    from podcaster.publish.feed import COVER_FILE, FEED_FILE
    from podcaster.publish.site import STATIC
    names = [FEED_FILE, COVER_FILE, "index.html", *STATIC, "show.toml"]
    assert not [name for name in names if is_episode_file(name)]
    assert is_episode_file("cover.jpg") and is_episode_file("index-episode.html")


CHAPTERS = [Chapter("Introduction", 0.0, 12.0), Chapter("Why the harbour?", 12.0, 75.5),
            Chapter("Closing", 75.5, 90.0)]


def test_the_description_has_the_standfirst_everyone_who_speaks_and_the_chapters(tmp_path):
    synthetic(tmp_path, "talk", "Harbours that listen", subtitle="How a port learned to hear its people.",
              hosts=["Maya Okafor", "Ann Lee"], guests=["Tomas Lindqvist"], chapters=CHAPTERS,
              speakers=[{"name": "Narrator", "role": "narrator"}, {"name": "Maya Okafor", "role": "interviewer"},
                        {"name": "Tomas Lindqvist", "role": "guest"}])  # Ann Lee is a host who never speaks
    feed(tmp_path, BASE, site=False)
    [episode] = parse(tmp_path)["episodes"]
    text = episode["description"]
    assert text.startswith("How a port learned to hear its people.")
    assert "Maya Okafor (host), Ann Lee (host), Tomas Lindqvist (guest)" in text and "Narrator" not in text
    assert "0:00 Introduction\n0:12 Why the harbour?\n1:15 Closing" in text
    [entry] = feedparser.parse(str(tmp_path / "feed.xml")).entries
    html = entry.content[0].value
    assert entry.content[0].type == "text/html" and "How a port learned" in html
    assert "<li>1:15 Closing</li>" in html and "Ann Lee (host)" in html


def test_the_pubdate_is_the_articles_date_else_the_first_render(tmp_path):
    synthetic(tmp_path, "dated", date="2023-05-04", rendered="2024-06-01T09:00:00Z")
    synthetic(tmp_path, "undated", first_rendered="2024-02-01T08:30:00Z", rendered="2024-06-01T09:00:00Z")
    synthetic(tmp_path, "future", date="2999-01-01")
    feed(tmp_path, BASE, site=False)
    dates = {i.find("title").text: parsedate_to_datetime(i.find("pubDate").text) for i in items(tmp_path)}
    assert dates["dated"].isoformat() == "2023-05-04T12:00:00+00:00"  # noon UTC: the same day in most zones
    assert dates["undated"].isoformat() == "2024-02-01T08:30:00+00:00"
    assert dates["future"].year < 2999  # never later than now: apps hide episodes from the future


def test_episodes_first_published_together_never_share_a_pubdate(tmp_path):
    for n in range(4):
        synthetic(tmp_path, f"part-{n}", date="2024-03-03")
    synthetic(tmp_path, "older", date="2024-03-03", published="2024-03-03T13:00:00+01:00")  # noon UTC
    feed(tmp_path, BASE, site=False)
    first = [(i.find("guid").text, i.find("pubDate").text) for i in items(tmp_path)]
    assert len({date for _, date in first}) == 5
    parsed = parse(tmp_path)["episodes"]
    assert len({e["published"] for e in parsed}) == 5
    feed(tmp_path, BASE, site=False)
    assert [(i.find("guid").text, i.find("pubDate").text) for i in items(tmp_path)] == first  # for good


@pytest.mark.slow
def test_a_missing_owner_email_is_a_note(tmp_path):
    synthetic(tmp_path, "one")
    done = podcaster("feed", tmp_path, "--base-url", BASE, "--no-site", cache=tmp_path / "cache")
    assert done.returncode == 0 and "podcaster: note: " in done.stderr and "owner_email" in done.stderr
    (tmp_path / "show.toml").write_text('owner_email = "ann@example.com"\n')
    done = podcaster("feed", tmp_path, "--base-url", BASE, "--no-site", cache=tmp_path / "cache")
    assert done.returncode == 0 and "note" not in done.stderr
    owner = ET.parse(tmp_path / "feed.xml").getroot().find("channel").find(tag("itunes", "owner"))
    assert owner.find(tag("itunes", "email")).text == "ann@example.com"


def test_control_and_bidi_characters_in_show_toml_are_removed(tmp_path):
    synthetic(tmp_path, "one")
    (tmp_path / "show.toml").write_text(
        'title = "Tide\\u0007 \\u202eweiveR\\u202c Talk"\ndescription = "A\\u001b[31m \\u0085B\\u2066C\\u2069"\n'
        'author = "Ann\\u0000 Lee"\n', encoding="utf-8")
    feed(tmp_path, BASE, site=False)
    channel = ET.parse(tmp_path / "feed.xml").getroot().find("channel")
    assert channel.find("title").text == "Tide weiveR Talk"
    assert channel.find("description").text == "A[31m BC"
    assert channel.find(tag("itunes", "author")).text == "Ann Lee"
    assert not feedparser.parse(str(tmp_path / "feed.xml")).bozo


KILLED_FEED = """
import os, signal, sys
from podcaster.formats import files as fsutil
from podcaster.publish.feed import feed

def die(source, target):  # the power goes with the temporary file written, before its rename
    os.kill(os.getpid(), signal.SIGKILL)

fsutil.os.replace = die
feed(sys.argv[1], "https://example.com/pod/")
"""


@pytest.mark.slow
def test_a_killed_feed_leaves_no_part_file_after_the_next_run(tmp_path):
    synthetic(tmp_path, "one")
    killed = subprocess.run([sys.executable, "-c", KILLED_FEED, str(tmp_path)], capture_output=True)
    assert killed.returncode == -9
    assert list(tmp_path.glob(".*.part"))  # what the killed run left
    (tmp_path / ".notes.part").write_text("someone else's")  # not a name podcaster makes: kept
    done = podcaster("feed", tmp_path, "--base-url", BASE, "--no-site", cache=tmp_path / "cache")
    assert done.returncode == 0, done.stderr
    assert [p.name for p in tmp_path.glob(".*.part")] == [".notes.part"]
    assert (tmp_path / "feed.xml").is_file()
