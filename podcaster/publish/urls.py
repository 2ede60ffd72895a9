"""The address a folder of episodes is served at, which the feed and the pages both link from."""

from __future__ import annotations

from urllib.parse import urlsplit

from ..errors import PublishError


def check_base_url(base_url: str) -> str:
    """The URL the folder is served at, ending in one slash."""
    parts = urlsplit(base_url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise PublishError(f"--base-url {base_url!r} must be an absolute http(s) URL, "
                           "e.g. https://example.com/podcast/")
    return base_url.strip().rstrip("/") + "/"
