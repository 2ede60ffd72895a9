"""`<slug>.episode.json`: what a rendered episode is, for the feed and the pages.

The pipeline writes it with the other files, under the folder lock (``record.py``);
``guid`` is made at the first render and ``published`` at the first feed, and both are
kept for ever after by every render of the same episode.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import asdict, dataclass, field, fields
from datetime import datetime, timezone
from pathlib import Path

from ..errors import PublishError
from ..model import Chapter
from .files import write_text
from .manifest_check import FILE_KINDS, check_manifest
from .slug import is_slug

VERSION = 1
SUFFIX = ".episode.json"
PROOF_SUFFIX = ".proof.json"  # `podcaster proof`'s report, beside the episode
# every file an episode has, by kind: <slug><suffix>; the site's and the show's own files are
# named so that none of them can be one of these (see publish/site.py and feed.py)
EPISODE_SUFFIXES = {"script": ".script.json", "chapters": ".chapters.json", "vtt": ".vtt", "srt": ".srt",
                    "mp3": ".mp3", "cover": ".jpg", "manifest": SUFFIX, "page": ".html"}


@dataclass
class EpisodeManifest:
    slug: str
    title: str
    guid: str = field(default_factory=lambda: str(uuid.uuid4()))
    subtitle: str = ""
    date: str = ""  # the article's date, ISO YYYY-MM-DD, or ""
    publication: str = ""
    hosts: list[str] = field(default_factory=list)
    guests: list[str] = field(default_factory=list)
    speakers: list[dict] = field(default_factory=list)  # [{"name", "role"}] in order of speaking
    duration: float = 0.0  # seconds
    files: dict[str, str] = field(default_factory=dict)  # kind -> name in the episode's folder
    mp3_bytes: int = 0
    chapters: list[Chapter] = field(default_factory=list)  # in start order; {"title", "start", "end"} in JSON
    rendered: str = ""  # RFC 3339, last render
    first_rendered: str = ""  # RFC 3339, first render; kept
    published: str = ""  # RFC 3339, its pubDate, set when it first appears in a feed; "" until then
    source_id: str = ""  # digest of the article's path or URL; "" when first rendered from a script
    made_from: str = ""  # digest of everything its files are made of (pipeline.made_from); "" before batch
    version: int = VERSION

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> EpisodeManifest:
        names = {f.name for f in fields(cls)}
        known = {k: v for k, v in data.items() if k in names}
        if "hosts" not in data and data.get("interviewer"):  # written before panels had hosts
            known["hosts"] = [data["interviewer"]]
        known["chapters"] = [Chapter(c["title"], float(c["start"]), float(c["end"])) for c in data.get("chapters", [])]
        return cls(**known)

    @property
    def manifest_name(self) -> str:
        return self.slug + SUFFIX

    @property
    def page_name(self) -> str:
        """Its listening page (no slug is ``index``: the site's index is never taken)."""
        return f"{self.slug}.html"


def is_episode_file(name: str) -> bool:
    """Could an episode have a file of this name? (The site's and the show's files never can.)"""
    return any(name.endswith(suffix) and is_slug(name[: -len(suffix)]) for suffix in EPISODE_SUFFIXES.values())


def now_rfc3339() -> str:
    return rfc3339(datetime.now(timezone.utc).replace(microsecond=0))


def rfc3339(moment: datetime) -> str:
    """2024-03-03T12:00:00Z: how manifests write times, always in UTC."""
    return moment.astimezone(timezone.utc).isoformat().replace("+00:00", "Z")


def parse_rfc3339(stamp: str) -> datetime:
    return datetime.fromisoformat(stamp.replace("Z", "+00:00"))


def read_manifest(path: Path) -> EpisodeManifest:
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise PublishError(f"{path}: cannot read ({error.strerror or error})") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise PublishError(f"{path}: not a valid episode manifest ({error})") from None
    check_manifest(data, path, VERSION)
    return EpisodeManifest.from_dict(data)


def write_manifest(path: Path, manifest: EpisodeManifest) -> None:
    """Atomically: a reader sees the old manifest or the new one."""
    text = json.dumps(manifest.to_dict(), ensure_ascii=False, indent=2) + "\n"
    if not text.isascii() and _has_surrogates(text):  # lone surrogates: UTF-8 cannot hold them
        text = json.dumps(manifest.to_dict(), indent=2) + "\n"
    try:
        write_text(Path(path), text)
    except OSError as error:
        raise PublishError(f"cannot write {path} ({error.strerror or error})") from None


def load_episodes(folder: Path) -> list[EpisodeManifest]:
    """Every episode in ``folder``, newest first (unpublished ones count as newest)."""
    return newest_first([read_manifest(p) for p in sorted(Path(folder).glob("*" + SUFFIX))])


def newest_first(episodes: list[EpisodeManifest]) -> list[EpisodeManifest]:
    """By pubDate, newest first; episodes not yet published count as newest."""
    return sorted(episodes, key=_age_key, reverse=True)


def new_manifest(slug: str, script, files: dict[str, Path], chapters: list[Chapter],
                 duration: float) -> EpisodeManifest:
    """The record of a render whose ``files`` (kind -> path, mp3 among them) are made."""
    stamp = now_rfc3339()
    return EpisodeManifest(
        slug=slug, title=script.title, subtitle=script.subtitle, date=script.date,
        publication=script.publication, hosts=list(script.hosts), guests=list(script.guests),
        speakers=speakers(script), duration=round(float(duration), 3),
        files={kind: path.name for kind, path in files.items() if kind in FILE_KINDS},
        mp3_bytes=files["mp3"].stat().st_size, rendered=stamp, first_rendered=stamp,
        chapters=[Chapter(c.title, round(c.start, 3), round(c.end, 3)) for c in chapters])


def keep_identity(manifest: EpisodeManifest, previous: EpisodeManifest | None) -> EpisodeManifest:
    """What a render of the same episode keeps for ever: guid, first render, pubDate, source."""
    if previous is not None:
        manifest.guid, manifest.published = previous.guid, previous.published
        manifest.first_rendered = previous.first_rendered or previous.rendered or manifest.first_rendered
        manifest.source_id = manifest.source_id or previous.source_id
    return manifest


def speakers(script) -> list[dict]:
    """Each voice once, in order of first turn: [{"name": ..., "role": ...}]."""
    seen: dict[str, str] = {}
    for turn in script.turns:
        seen.setdefault(turn.speaker, turn.role)
    return [{"name": name, "role": role} for name, role in seen.items()]


def _has_surrogates(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _age_key(m: EpisodeManifest) -> tuple:
    published = parse_rfc3339(m.published) if m.published else datetime.min.replace(tzinfo=timezone.utc)
    return (m.published == "", published, m.date, m.rendered, m.slug)
