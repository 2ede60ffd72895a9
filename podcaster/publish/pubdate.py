"""Each episode's pubDate, fixed when it first appears in a feed and recorded in its manifest.

It is the article's date (at noon UTC, the same calendar day from UTC-11 to UTC+11), else the
episode's first render; never later than now (apps hide episodes from the future), and a second
later than any other episode's when they would be equal, so no two episodes share one.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path

from ..formats.manifest import EpisodeManifest, parse_rfc3339, rfc3339, write_manifest

NOON = time(12, 0, tzinfo=timezone.utc)


def publish(folder: Path, episodes: list[EpisodeManifest]) -> None:
    """Give every episode without a pubDate its own, written to its manifest for good."""
    now = datetime.now(timezone.utc).replace(microsecond=0)
    taken = {parse_rfc3339(e.published) for e in episodes if e.published}
    new = sorted((e for e in episodes if not e.published), key=lambda e: (first_date(e, now), e.slug))
    for episode in new:
        stamp = first_date(episode, now)
        while stamp in taken:
            stamp += timedelta(seconds=1)
        taken.add(stamp)
        episode.published = rfc3339(stamp)
        write_manifest(Path(folder) / episode.manifest_name, episode)


def first_date(episode: EpisodeManifest, now: datetime) -> datetime:
    if episode.date:
        wanted = datetime.combine(date.fromisoformat(episode.date), NOON)
    elif episode.first_rendered or episode.rendered:
        wanted = parse_rfc3339(episode.first_rendered or episode.rendered)
    else:
        wanted = now
    return min(wanted, now)
