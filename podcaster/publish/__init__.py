"""Publishing: episode manifests, the RSS feed and a local preview server.

``manifest`` is the record each rendered episode keeps beside its files; ``feed``
and the listening pages are rebuilt from those records alone.
"""

from ..formats.manifest import EpisodeManifest, load_episodes, read_manifest, write_manifest

__all__ = ["EpisodeManifest", "load_episodes", "read_manifest", "write_manifest"]
