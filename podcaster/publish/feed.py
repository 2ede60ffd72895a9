"""`feed.xml` for every episode in a folder: RSS 2.0 with iTunes, Podcasting 2.0 and Podlove chapters.

The feed is rebuilt from the episode manifests each time, so adding an episode never
drops another, and guids and dates never change once an episode has been published.
"""

from __future__ import annotations

import re
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Callable
from datetime import timezone
from email.utils import format_datetime
from pathlib import Path
from urllib.parse import quote

from PIL import Image, UnidentifiedImageError

from ..config.show import Show, load_show
from ..errors import ConfigError, PublishError
from ..formats.credits import credits
from ..formats.files import write_bytes
from ..formats.manifest import EpisodeManifest, is_episode_file, load_episodes, newest_first, parse_rfc3339
from ..formats.manifest_check import in_folder
from ..formats.plaintext import xml_safe
from ..formats.timecode import npt
from ..output.cover import make_cover
from ..output.folder import folder_lock
from .notes import plain_notes, show_notes
from .pubdate import publish
from .site import build_site
from .urls import check_base_url

FEED_FILE = "feed.xml"
XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n'
COVER_FILE = "show_cover.jpg"  # an underscore, which no slug has: never an episode's file
PODCAST_NAMESPACE = uuid.UUID("ead4c236-bf58-58c6-a2c6-a6b28d128cb6")
NS = {
    "itunes": "http://www.itunes.com/dtds/podcast-1.0.dtd",
    "content": "http://purl.org/rss/1.0/modules/content/",
    "podcast": "https://podcastindex.org/namespace/1.0",
    "psc": "http://podlove.org/simple-chapters",
    "atom": "http://www.w3.org/2005/Atom",
}
for _prefix, _uri in NS.items():
    ET.register_namespace(_prefix, _uri)


def feed(folder: Path, base_url: str, show: Path | None = None, site: bool = True,
         note: Callable[[str], None] = lambda text: None) -> Path:
    """Write ``folder/feed.xml`` (and, unless ``site`` is false, the pages); return its path.

    ``note`` is told what the feed lacks that podcast directories ask for.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise PublishError(f"{folder}: no such folder")
    base = check_base_url(base_url)
    with folder_lock(folder):  # no episode is committed while we read and write
        episodes = load_episodes(folder)
        settings = load_show(folder, show, episodes[0].publication if episodes else "")
        image = show_cover(folder, base, settings)
        publish(folder, episodes)
        episodes = newest_first(episodes)
        if not settings.owner_email:
            note(f"no owner_email in {settings.source or 'show.toml'}: Apple Podcasts and other directories "
                 "e-mail the owner to confirm the feed; add owner_email = \"you@example.com\"")
        if site:
            build_site(folder, base, settings)
        target = folder / FEED_FILE
        document = render_feed(settings, episodes, base, image, folder)
        try:
            write_bytes(target, document)
        except OSError as error:
            raise PublishError(f"cannot write {target} ({error.strerror or error})") from None
    return target


def feed_guid(feed_url: str) -> str:
    """podcast:guid: UUIDv5 of the feed URL without its scheme and trailing slashes."""
    bare = re.sub(r"^[A-Za-z][A-Za-z0-9+.-]*://", "", feed_url).rstrip("/")
    return str(uuid.uuid5(PODCAST_NAMESPACE, bare))


def show_cover(folder: Path, base: str, show: Show) -> str:
    """The show image URL; a cover is generated into the folder when show.toml names none."""
    if re.match(r"https?://", show.cover):
        return show.cover
    if show.cover:
        return base + _url_path(_given_cover(folder, show))
    data = make_cover(show.title, "", "")
    target = folder / COVER_FILE
    if not target.is_file() or target.read_bytes() != data:
        write_bytes(target, data)
    return base + COVER_FILE


def render_feed(show: Show, episodes: list[EpisodeManifest], base: str, image: str,
                folder: Path) -> bytes:
    rss = ET.Element("rss", {"version": "2.0"})
    channel = _channel(ET.SubElement(rss, "channel"), show, episodes, base, image)
    for episode in episodes:
        _item(ET.SubElement(channel, "item"), episode, base, image, folder)
    ET.indent(rss)
    return (XML_DECLARATION + ET.tostring(rss, encoding="unicode") + "\n").encode("utf-8")


def _channel(channel, show: Show, episodes, base: str, image: str):
    feed_url = base + FEED_FILE
    _add(channel, "title", show.title)
    _add(channel, "link", show.link or base)
    _add(channel, "description", show.description)
    _add(channel, "language", show.language)
    _add(channel, "generator", "podcaster")
    if episodes:
        newest = _rfc2822(episodes[0].published)  # newest first
        _add(channel, "pubDate", newest)
        _add(channel, "lastBuildDate", newest)
    _add(channel, _ns("atom", "link"), href=feed_url, rel="self", type="application/rss+xml")
    picture = _add(channel, "image")
    for tag, value in (("url", image), ("title", show.title), ("link", show.link or base)):
        _add(picture, tag, value)
    _add(channel, _ns("itunes", "image"), href=image)
    category = _add(channel, _ns("itunes", "category"), text=show.category)
    if show.subcategory:
        _add(category, _ns("itunes", "category"), text=show.subcategory)
    _add(channel, _ns("itunes", "explicit"), "true" if show.explicit else "false")
    _add(channel, _ns("itunes", "author"), show.author)
    _add(channel, _ns("itunes", "type"), "episodic")
    owner = _add(channel, _ns("itunes", "owner"))
    _add(owner, _ns("itunes", "name"), show.owner_name)
    if show.owner_email:
        _add(owner, _ns("itunes", "email"), show.owner_email)
    _add(channel, _ns("podcast", "guid"), show.guid or feed_guid(feed_url))
    locked = {"owner": show.owner_email} if show.owner_email else {}
    _add(channel, _ns("podcast", "locked"), "yes" if show.locked else "no", **locked)
    return channel


def _item(item, episode: EpisodeManifest, base: str, image: str, folder: Path) -> None:
    files = episode.files
    _add(item, "title", episode.title)
    _add(item, "description", plain_notes(episode))
    _add(item, _ns("content", "encoded"), show_notes(episode, base))
    page = _page(folder, episode)
    if page:
        _add(item, "link", base + _url_path(page))
    _add(item, "enclosure", url=_url(base, files["mp3"]), type="audio/mpeg",
         length=str(_mp3_size(folder, episode)))
    _add(item, "guid", episode.guid, isPermaLink="false")
    _add(item, "pubDate", _rfc2822(episode.published))
    _add(item, _ns("itunes", "title"), episode.title)
    _add(item, _ns("itunes", "duration"), str(round(episode.duration)))
    _add(item, _ns("itunes", "image"), href=_url(base, files["cover"]) if files.get("cover") else image)
    _add(item, _ns("itunes", "episodeType"), "full")
    if files.get("chapters"):
        _add(item, _ns("podcast", "chapters"), url=_url(base, files["chapters"]),
             type="application/json+chapters")
    if files.get("vtt"):
        _add(item, _ns("podcast", "transcript"), url=_url(base, files["vtt"]), type="text/vtt",
             rel="captions")
    if files.get("srt"):
        _add(item, _ns("podcast", "transcript"), url=_url(base, files["srt"]),
             type="application/x-subrip", rel="captions")
    _people(item, episode)
    _psc_chapters(item, episode)


def _people(item, episode: EpisodeManifest) -> None:
    for name, role in credits(episode.hosts, episode.guests).roles:
        _add(item, _ns("podcast", "person"), name, role=role)


def _psc_chapters(item, episode: EpisodeManifest) -> None:
    if not episode.chapters:
        return
    chapters = _add(item, _ns("psc", "chapters"), version="1.2")
    for chapter in episode.chapters:
        _add(chapters, _ns("psc", "chapter"), start=npt(chapter.start), title=chapter.title)


def _add(parent, tag: str, value: str | None = None, /, **attrs: str):
    """A child element; its text and attributes stripped of characters XML cannot hold."""
    element = ET.SubElement(parent, tag, {k: xml_safe(v) for k, v in attrs.items()})
    if value is not None:
        element.text = xml_safe(value)
    return element


def _ns(prefix: str, tag: str) -> str:
    return f"{{{NS[prefix]}}}{tag}"


def _rfc2822(stamp: str) -> str:
    return format_datetime(parse_rfc3339(stamp).astimezone(timezone.utc), usegmt=True)


def _url(base: str, name: str) -> str:
    return base + quote(name)


def _url_path(path: Path) -> str:
    return "/".join(quote(part) for part in path.parts)


def _mp3_size(folder: Path, episode: EpisodeManifest) -> int:
    """The enclosure's exact length: the file's size as it is now."""
    name = episode.files.get("mp3", "")
    mp3 = in_folder(folder, name, folder / episode.manifest_name) if name else None
    if mp3 is None or not mp3.is_file():
        raise PublishError(f"{folder / episode.manifest_name}: its MP3 {name or '(none)'} is missing; "
                           "render the episode again or delete the manifest")
    return mp3.stat().st_size


def _page(folder: Path, episode: EpisodeManifest) -> Path | None:
    page = Path(episode.page_name)
    return page if (folder / page).is_file() else None


def _given_cover(folder: Path, show: Show) -> Path:
    """show.toml's cover checked (square JPEG/PNG, 1400-3000 px) and in the folder, relative to it.

    A cover elsewhere, or under a name an episode's file could take, is copied in as ``show_cover``.
    """
    where = show.source.parent if show.source else Path.cwd()
    cover = (where / show.cover).resolve()
    _check_cover(cover, show)
    inside = cover.relative_to(folder.resolve()) if cover.is_relative_to(folder.resolve()) else None
    if inside and not is_episode_file(str(inside)):
        return inside
    name = Path(COVER_FILE).stem + cover.suffix.lower()
    if not (folder / name).is_file() or (folder / name).read_bytes() != cover.read_bytes():
        write_bytes(folder / name, cover.read_bytes())
    return Path(name)


def _check_cover(cover: Path, show: Show) -> None:
    where = f"{show.source or 'show settings'}: cover {show.cover!r}"
    try:
        with Image.open(cover) as image:
            kind, size = image.format, image.size
    except FileNotFoundError:
        raise ConfigError(f"{where} not found") from None
    except (OSError, UnidentifiedImageError):
        raise ConfigError(f"{where} is not an image") from None
    if kind not in ("JPEG", "PNG"):
        raise ConfigError(f"{where} is {kind}: podcast apps want JPEG or PNG")
    if size[0] != size[1] or not 1400 <= size[0] <= 3000:
        raise ConfigError(f"{where} is {size[0]}x{size[1]}: it must be square, 1400 to 3000 pixels")
