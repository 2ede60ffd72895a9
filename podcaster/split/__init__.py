"""Article -> Script: who says each paragraph (``speakers.py``), grouped into turns, with narrator parts.

An interview gets a chapter per question; an article with no speakers becomes a
narrated one, with chapters at its section headings or every few paragraphs.
"""

from __future__ import annotations

from datetime import date

from ..formats.credits import credits
from ..model import NARRATOR, Article, Script, Turn
from ..read.dates import MONTHS
from .chapters import chapter_title, heading_title, lead_title, narrated_chapters
from .roles import is_person
from .speakers import Speakers, find_speakers

__all__ = ["split", "find_speakers", "Speakers"]

INTRO_CHAPTER, OUTRO_CHAPTER = "Introduction", "Closing"


def split(article: Article) -> Script:
    found = find_speakers(article)
    title = article.title or lead_title(found.texts[0] if found.texts else "") or "An interview"
    script = Script(title=title, turns=[], subtitle=article.subtitle,
                    date=article.date, publication=article.publication,
                    hosts=[n for n in found.interviewers if is_person(n) and n not in found.uncredited],
                    guests=[n for n in found.guests if is_person(n) and n not in found.uncredited],
                    notes=list(found.notes))
    if found.interviewers:
        body = _turns(found)
        _title_chapters(body)
    else:
        body = _narration(found)
    script.turns = [_intro(script, bool(found.interviewers), article.author)] + body
    script.turns += _outro(script, article.endnotes)
    return script


def _turns(found: Speakers) -> list[Turn]:
    """Consecutive paragraphs of one speaker make one turn, unless a label starts a new one."""
    turns: list[Turn] = []
    for i, (text, speaker) in enumerate(zip(found.texts, found.speakers)):
        if turns and turns[-1].speaker == speaker and i not in found.starts:
            turns[-1].text += "\n\n" + text
        else:
            chapter = heading_title(text) if i in found.headings else ""
            turns.append(Turn(speaker, found.role(speaker), text, chapter=chapter))
    return turns


def _narration(found: Speakers) -> list[Turn]:
    """One narrator turn per chapter: at each section heading, which it starts by saying."""
    headings = {i: found.texts[i] for i in found.headings}
    chapters = narrated_chapters(found.texts, headings)
    bounds = sorted(chapters) + [len(found.texts)]
    return [Turn(NARRATOR, "narrator", "\n\n".join(found.texts[start:end]), chapter=chapters[start])
            for start, end in zip(bounds, bounds[1:]) if start < end]


def _intro(script: Script, conversation: bool, author: str) -> Turn:
    parts = [f"{script.title}."]
    if script.subtitle:
        parts.append(script.subtitle)
    people = credits(script.hosts, script.guests).introduction
    if people:
        parts.append(people)
    elif author and not conversation:
        parts.append(f"By {author}.")
    if script.publication:
        parts.append(f"First published by {script.publication}" + (f" on {_long_date(script.date)}."
                                                                     if script.date else "."))
    return Turn(NARRATOR, "narrator", " ".join(parts), chapter=INTRO_CHAPTER)


def _outro(script: Script, endnotes: list[str]) -> list[Turn]:
    closing = f"You have been listening to {script.title}"
    closing += f", from {script.publication}." if script.publication else "."
    return [Turn(NARRATOR, "narrator", "\n\n".join(endnotes + [closing]), chapter=OUTRO_CHAPTER)]


def _title_chapters(turns: list[Turn]) -> None:
    """A chapter per question, unless a section heading has just started one."""
    number = 0
    for previous, turn in zip([None, *turns], turns):
        if turn.role == "interviewer":
            number += 1
            if not (previous is not None and previous.chapter and previous.role == "narrator"):
                turn.chapter = chapter_title(turn.text) or f"Question {number}"



def _long_date(iso: str) -> str:
    day = date.fromisoformat(iso)
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"
