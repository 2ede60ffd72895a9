"""Show notes for an episode: a plain description and HTML for ``content:encoded``."""

from __future__ import annotations

from html import escape
from urllib.parse import quote

from .manifest import EpisodeManifest

ROLE_NAMES = {"interviewer": "host", "guest": "guest", "narrator": "narrator"}


def clock(seconds: float) -> str:
    """A chapter time as listeners read it: M:SS, or H:MM:SS past the hour."""
    whole = max(0, int(seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def people(episode: EpisodeManifest) -> str:
    """"Maya Okafor (host), Tomas Lindqvist (guest)": who speaks, narrator left out."""
    named = [(s.get("name", ""), s.get("role", "")) for s in episode.speakers if s.get("role") != "narrator"]
    if not named:
        named = [(h, "interviewer") for h in episode.hosts] + [(g, "guest") for g in episode.guests]
    return ", ".join(f"{name} ({ROLE_NAMES.get(role, role)})" for name, role in named if name.strip())


def plain_notes(episode: EpisodeManifest) -> str:
    lines = [episode.subtitle or episode.title]
    if people(episode):
        lines.append(f"With {people(episode)}.")
    if episode.publication:
        lines.append(f"From {episode.publication}" + (f", {episode.date}." if episode.date else "."))
    return "\n".join(lines)


def show_notes(episode: EpisodeManifest, base: str = "") -> str:
    """HTML: the subtitle, the chapters with their start times, the speakers, the transcripts."""
    parts = [f"<p>{escape(episode.subtitle or episode.title)}</p>"]
    if episode.chapters:
        items = "".join(f"<li>{clock(c['start'])} {escape(c['title'])}</li>" for c in episode.chapters)
        parts.append(f"<p>Chapters:</p><ul>{items}</ul>")
    if people(episode):
        parts.append(f"<p>With {escape(people(episode))}.</p>")
    links = [f'<a href="{escape(base + quote(episode.files[kind]))}">{label}</a>'
             for kind, label in (("vtt", "WebVTT"), ("srt", "SRT")) if episode.files.get(kind)]
    if links:
        parts.append(f"<p>Transcript: {', '.join(links)}.</p>")
    return "\n".join(parts)
