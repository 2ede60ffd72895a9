"""The last step of a render, under the folder lock: name the episode's files and write its manifest.

Done at commit time, with the lock held, so the manifest it carries guid and pubDate from is
the one in the folder now, not one read before another render or a feed changed it.
"""

from __future__ import annotations

from pathlib import Path

from ..formats.manifest import EPISODE_SUFFIXES, keep_identity, new_manifest, write_manifest
from .identity import Identity, claim_slug

# The order files land in: the manifest, which lists an episode, last; the cover after the
# MP3, so an episode a feed lists is whole.
COMMIT_ORDER = ("script", "chapters", "vtt", "srt", "mp3", "cover", "manifest")


def record_episode(staged: dict[str, Path], folder: Path, slug: str, script, identity: Identity, chapters,
                   duration: float) -> tuple[list[tuple[str, Path]], str]:
    """Rename the ``staged`` files (kind -> path) to the slug the episode may have in ``folder``
    (``slug``, or another if that one is another episode's) and add its manifest.

    Returns (kind, path) for every file to move, in ``COMMIT_ORDER``, and a note when the
    slug is not the one asked for.
    """
    claim = claim_slug(folder, slug, identity)
    files = {kind: _renamed(path, claim.slug + EPISODE_SUFFIXES[kind]) for kind, path in staged.items()}
    manifest = new_manifest(claim.slug, script, files, chapters, duration)
    manifest.source_id, manifest.made_from = identity.source_id, identity.made_from
    keep_identity(manifest, claim.previous)
    files["manifest"] = files["mp3"].with_name(manifest.manifest_name)
    write_manifest(files["manifest"], manifest)
    return [(kind, files[kind]) for kind in COMMIT_ORDER if kind in files], claim.note


def _renamed(path: Path, name: str) -> Path:
    target = path.with_name(name)
    if target != path:
        path.replace(target)
    return target
