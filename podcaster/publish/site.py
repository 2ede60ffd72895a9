"""Listening pages: ``index.html`` and one ``<slug>.html`` per episode, from the manifests.

Pages are plain HTML that read well with JavaScript off; ``player.js`` only adds seeking
and the moving highlight. Everything they use sits beside them (relative URLs), so the
folder works offline; ``base_url`` only makes the feed link and the og: metadata.
"""

from __future__ import annotations

import hashlib
import json
from importlib import resources
from pathlib import Path
from urllib.parse import quote, urljoin

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from ..config.show import load_show
from ..errors import PublishError
from ..formats.credits import credits
from ..formats.files import write_text
from ..formats.manifest import PROOF_SUFFIX, EpisodeManifest, load_episodes
from ..formats.manifest_check import FILE_KINDS, in_folder
from ..formats.plaintext import xml_safe
from ..formats.timecode import clock, iso_duration
from ..formats.transcripts import parse_vtt
from ..output.folder import folder_lock
from .sitedata import sections
from .urls import check_base_url

STATIC = ("site.css", "player.js")
FEED_NAME = "feed.xml"
GENERATOR_MARK = b'<meta name="generator" content="podcaster">'  # in base.html: pages we made
DEFAULT_LANG = "en"


def write_site(folder: Path, base_url: str, proof: bool = False) -> list[Path]:
    """`podcaster site`: the pages built under the folder lock, as `podcaster feed` builds them;
    with ``proof``, each page marks the lines its ``<slug>.proof.json`` flags (for the producer)."""
    if not Path(folder).is_dir():
        raise PublishError(f"{folder}: no such folder")
    with folder_lock(Path(folder)):
        return build_site(folder, base_url, proof=proof)


def build_site(folder: Path, base_url: str, show=None, proof: bool = False) -> list[Path]:
    """Write the pages and their static files into ``folder``; return what was written."""
    folder = Path(folder)
    if not folder.is_dir():
        raise PublishError(f"{folder}: no such folder")
    base_url = check_base_url(base_url)
    episodes = load_episodes(folder)
    if show is None:  # DIR/show.toml or ./show.toml, as the feed reads it
        show = load_show(folder, None, episodes[0].publication if episodes else "")
    env = _environment()
    common = _common(base_url, show, episodes)
    written = [_write(folder / name, text) for name, text in _static_files()]
    for episode in episodes:
        context = {**common, **_episode_context(folder, episode, common["base_url"]), "here": "episode",
                   "flags": proof_flags(folder / f"{episode.slug}{PROOF_SUFFIX}") if proof else {}}
        page = env.get_template("episode.html").render(context)
        written.append(_write(folder / episode.page_name, page))
    context = {**common, "episodes": [_summary(e) for e in episodes], "here": "index"}
    written.append(_write(folder / "index.html", env.get_template("index.html").render(context)))
    _remove_stale_pages(folder, {path.name for path in written})
    return written


def proof_flags(path: Path) -> dict[str, dict]:
    """The flags of a proof file by their cue's start ("12.345"); none without the file."""
    if not path.is_file():
        return {}
    try:
        flags = json.loads(path.read_text(encoding="utf-8"))["flags"]
        return {f"{float(flag['start']):.3f}": {"cause": str(flag["cause"]), "heard": str(flag["heard"]),
                                                 "reasons": ", ".join(map(str, flag["reasons"]))} for flag in flags}
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError) as error:
        raise PublishError(f"{path}: not a proof file podcaster wrote ({error})") from None


def _remove_stale_pages(folder: Path, current: set[str]) -> None:
    """Delete pages this builder made for episodes that are gone; other HTML is left alone."""
    for page in folder.glob("*.html"):
        if page.name not in current and _made_by_us(page):
            page.unlink(missing_ok=True)


def _made_by_us(page: Path) -> bool:
    try:
        with page.open("rb") as handle:
            return GENERATOR_MARK in handle.read(2048)
    except OSError:
        return False


def _environment() -> Environment:
    env = Environment(loader=PackageLoader("podcaster.publish", "templates"),
                      autoescape=select_autoescape(["html"]), undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True, finalize=_printable)
    env.filters.update(clock=clock, iso_duration=iso_duration, url=quote)  # url: a local file name
    return env


def _printable(value):
    """Every value a page shows, without what HTML forbids or bidi controls (see text.py)."""
    return xml_safe(value) if isinstance(value, str) else value


def _common(base: str, show, episodes: list[EpisodeManifest]) -> dict:
    newest = episodes[0] if episodes else None
    title = _field(show, "title") or (newest.publication if newest else "") or "Podcast"
    return {"show": {"title": title, "description": _field(show, "description")},
            "lang": _field(show, "language") or _field(show, "lang") or DEFAULT_LANG,
            "base_url": base, "feed_url": urljoin(base, FEED_NAME),
            "assets": {name: f"{name}?v={_digest(name)}" for name in STATIC}}


def _episode_context(folder: Path, episode: EpisodeManifest, base: str) -> dict:
    files = {kind: "" for kind in FILE_KINDS}  # "" for a file it lacks
    files.update({kind: name for kind, name in episode.files.items() if name})
    if not files["mp3"]:
        raise PublishError(f"{folder / episode.manifest_name}: the manifest names no MP3")
    vtt = in_folder(folder, files["vtt"], folder / episode.manifest_name) if files["vtt"] else None
    lines = _transcript(vtt) if vtt else []
    return {"episode": _summary(episode), "files": files, "chapters": episode.chapters,
            "sections": sections(lines, episode.chapters) if lines else [],
            "page_url": urljoin(base, quote(episode.page_name)),
            "mp3_url": urljoin(base, quote(files["mp3"])),
            "cover_url": urljoin(base, quote(files["cover"])) if files["cover"] else ""}


def _summary(episode: EpisodeManifest) -> dict:
    duration = episode.duration or max((c.end for c in episode.chapters), default=0.0)
    return {"slug": episode.slug, "page": episode.page_name, "title": episode.title,
            "subtitle": episode.subtitle, "date": episode.date, "publication": episode.publication,
            "people": credits(episode.hosts, episode.guests).byline, "duration": duration,
            "megabytes": round(episode.mp3_bytes / 1e6, 1)}


def _transcript(vtt: Path):
    try:
        return parse_vtt(vtt.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise PublishError(f"cannot read the transcript {vtt} ({error})") from None


def _field(show, name: str) -> str:
    """``show`` may be None, a title, a dict or an object with attributes."""
    if show is None:
        return ""
    if isinstance(show, str):
        return show if name == "title" else ""
    value = show.get(name) if isinstance(show, dict) else getattr(show, name, "")
    return str(value or "")


def _static_files() -> list[tuple[str, str]]:
    return [(name, _static_text(name)) for name in STATIC]


def _static_text(name: str) -> str:
    return (resources.files("podcaster.publish") / "static" / name).read_text(encoding="utf-8")


def _digest(name: str) -> str:
    return hashlib.sha256(_static_text(name).encode()).hexdigest()[:10]  # cache-busting query


def _write(target: Path, text: str) -> Path:
    try:
        write_text(target, text)
    except OSError as error:
        raise PublishError(f"cannot write {target} ({error.strerror or error})") from None
    return target
