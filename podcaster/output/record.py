"""The last step of a render, under the folder lock: name the episode's files and write its manifest.

Done at commit time, with the lock held, so the manifest it carries guid and pubDate from is
the one in the folder now, not one read before another render or a feed changed it.
"""

from __future__ import annotations

from pathlib import Path

from .identity import Identity, claim_slug
from ..formats.manifest import EPISODE_SUFFIXES, keep_identity, new_manifest, write_manifest


def record_episode(staged: dict[str, Path], folder: Path, script, identity: Identity, chapters,
                   duration: float) -> tuple[dict[str, Path], str]:
    """Rename the ``staged`` files (kind -> path) to the episode's slug and add its manifest.

    Returns every file to move, manifest last, and a note when the slug is not the title's.
    """
    wanted = staged["mp3"].name[: -len(EPISODE_SUFFIXES["mp3"])]
    claim = claim_slug(folder, wanted, identity)
    files = {kind: _renamed(path, claim.slug + EPISODE_SUFFIXES[kind]) for kind, path in staged.items()}
    manifest = new_manifest(claim.slug, script, files, chapters, duration)
    manifest.source_id = identity.source_id
    keep_identity(manifest, claim.previous)
    files["manifest"] = files["mp3"].with_name(manifest.manifest_name)
    write_manifest(files["manifest"], manifest)
    return files, claim.note


def _renamed(path: Path, name: str) -> Path:
    target = path.with_name(name)
    if target != path:
        path.replace(target)
    return target
