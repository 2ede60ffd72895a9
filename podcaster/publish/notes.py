"""Show notes for an episode: a plain description and HTML for ``content:encoded``.

Both say what a listener choosing an episode wants: the standfirst, everyone who speaks
(every host and guest, narrator left out), where it comes from, and the chapters with times.
"""

from __future__ import annotations

from html import escape
from urllib.parse import quote

from ..formats.credits import credits
from ..formats.manifest import EpisodeManifest
from ..formats.timecode import clock


def people(episode: EpisodeManifest) -> str:
    """"Maya Okafor (host), Tomas Lindqvist (guest)": every host and guest."""
    return credits(episode.hosts, episode.guests).with_roles


def source(episode: EpisodeManifest) -> str:
    """"From The Tidewater Review, 2024-03-03." or ""."""
    if not episode.publication:
        return ""
    return f"From {episode.publication}" + (f", {episode.date}." if episode.date else ".")


def chapter_lines(episode: EpisodeManifest) -> list[str]:
    return [f"{clock(c.start)} {c.title}" for c in episode.chapters]


def plain_notes(episode: EpisodeManifest) -> str:
    lines = [episode.subtitle or episode.title]
    if people(episode):
        lines.append(f"With {people(episode)}.")
    if source(episode):
        lines.append(source(episode))
    if episode.chapters:
        lines += ["", "Chapters:", *chapter_lines(episode)]
    return "\n".join(lines)


def show_notes(episode: EpisodeManifest, base: str = "") -> str:
    """HTML: the standfirst, the speakers, the source, the chapters with their times, the transcripts."""
    parts = [f"<p>{escape(episode.subtitle or episode.title)}</p>"]
    if people(episode):
        parts.append(f"<p>With {escape(people(episode))}.</p>")
    if source(episode):
        parts.append(f"<p>{escape(source(episode))}</p>")
    if episode.chapters:
        items = "".join(f"<li>{escape(line)}</li>" for line in chapter_lines(episode))
        parts.append(f"<p>Chapters:</p><ul>{items}</ul>")
    links = [f'<a href="{escape(base + quote(episode.files[kind]))}">{label}</a>'
             for kind, label in (("vtt", "WebVTT"), ("srt", "SRT")) if episode.files.get(kind)]
    if links:
        parts.append(f"<p>Transcript: {', '.join(links)}.</p>")
    return "\n".join(parts)
