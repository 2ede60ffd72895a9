"""Which episode a render is: the same one again (same slug, guid and date) or a new one.

A render is the same episode as one already in the folder when
- it renders that episode's own saved script (``<slug>.script.json`` in the folder), or
- both came from an article and it is the same article (path or URL), or
- otherwise (a script rendered, or an episode from before sources were recorded), when
  title and date are the same.

A different episode never takes another's slug: it gets ``slug-2``, ``slug-3``… and a note.
Called under the folder lock, so what it reads cannot change before the commit lands.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from ..errors import PublishError
from ..formats.manifest import EPISODE_SUFFIXES, SUFFIX, EpisodeManifest, read_manifest
from ..formats.slug import unique_slug


@dataclass(frozen=True)
class Identity:
    """What a render is made from."""

    title: str
    date: str = ""
    source_id: str = ""  # digest of the article's path or URL; "" for a script file
    script: Path | None = None  # the script file rendered, resolved; None for an article
    made_from: str = ""  # digest of what the files are made of: the same means the same files


@dataclass
class Claim:
    slug: str
    previous: EpisodeManifest | None  # the same episode's manifest, if it was rendered before
    note: str = ""  # why the slug is not the one the title gives


def article_identity(title: str, date: str, source: str | Path, is_url: bool) -> Identity:
    where = f"url:{source}" if is_url else f"file:{Path(source).resolve()}"
    return Identity(title, date, source_id=hashlib.sha256(where.encode("utf-8", "surrogatepass")).hexdigest()[:16])


def script_identity(title: str, date: str, script: Path) -> Identity:
    return Identity(title, date, script=Path(script).resolve())


def claim_slug(folder: Path, wanted: str, identity: Identity) -> Claim:
    """The slug this render's files take in ``folder``, and the manifest it replaces, if any."""
    folder = Path(folder)
    manifests = _manifests(folder)
    same = [m for m in manifests.values() if m and same_episode(m, identity, folder)]
    if same:
        previous = next((m for m in same if m.slug == wanted), same[0])
        return Claim(previous.slug, previous)
    slug = unique_slug(wanted, lambda s: _taken(folder, s))
    return Claim(slug, None, _note(folder, wanted, slug, manifests) if slug != wanted else "")


def find_episode(folder: Path, identity: Identity) -> EpisodeManifest | None:
    """The manifest of this episode in ``folder``, if it was rendered there."""
    same = [m for m in _manifests(Path(folder)).values() if m and same_episode(m, identity, Path(folder))]
    return same[0] if same else None


def same_episode(manifest: EpisodeManifest, identity: Identity, folder: Path) -> bool:
    script = manifest.files.get("script")
    if identity.script and script and identity.script == (folder / script).resolve():
        return True
    if identity.source_id and manifest.source_id:
        return identity.source_id == manifest.source_id
    return (_words(manifest.title), manifest.date) == (_words(identity.title), identity.date)


def _manifests(folder: Path) -> dict[str, EpisodeManifest | None]:
    """Slug -> manifest; None for one that cannot be read (its slug stays taken)."""
    found: dict[str, EpisodeManifest | None] = {}
    for path in sorted(folder.glob("*" + SUFFIX)):
        try:
            found[path.name[: -len(SUFFIX)]] = read_manifest(path)
        except PublishError:
            found[path.name[: -len(SUFFIX)]] = None
    return found


def _taken(folder: Path, slug: str) -> bool:
    """Any file an episode with this slug would write is already there (an episode's, or anyone's)."""
    return any(os.path.lexists(folder / f"{slug}{suffix}") for suffix in EPISODE_SUFFIXES.values())


def _note(folder: Path, wanted: str, slug: str, manifests: dict[str, EpisodeManifest | None]) -> str:
    previous = manifests.get(wanted)
    if previous is not None:
        return f'named this episode {slug}: {wanted} in {folder} is another episode ("{previous.title}")'
    if wanted in manifests:
        return f"named this episode {slug}: {wanted}{SUFFIX} in {folder} cannot be read, so it may be another's"
    found = [f"{wanted}{s}" for s in EPISODE_SUFFIXES.values() if os.path.lexists(folder / f"{wanted}{s}")]
    return f"named this episode {slug}: {found[0] if found else wanted} in {folder} is not this episode's"


def _words(text: str) -> str:
    return " ".join(text.split()).casefold()
