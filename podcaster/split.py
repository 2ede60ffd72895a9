"""Article -> Script: who says each paragraph (``speakers.py``), grouped into turns, with narrator parts.

An interview gets a chapter per question; an article with no speakers becomes a
narrated one, with chapters at its section headings or every few paragraphs.
"""

from __future__ import annotations

from datetime import date

from .chapters import chapter_title, narrated_chapters
from .model import NARRATOR, Article, Script, Turn, and_list
from .speakers import Speakers, find_speakers

INTRO_CHAPTER, OUTRO_CHAPTER = "Introduction", "Closing"


def split(article: Article) -> Script:
    found = find_speakers(article)
    script = Script(title=article.title or "Untitled", turns=[], subtitle=article.subtitle,
                    date=article.date, publication=article.publication,
                    hosts=list(found.interviewers),
                    guests=list(found.guests), notes=list(found.notes))
    if found.interviewers:
        body = _turns(found)
        _title_chapters(body)
    else:
        body = _narration(found.texts, article.headings)
    script.turns = [_intro(script, found.interviewers, article.author)] + body
    script.turns += _outro(script, article.endnotes)
    return script


def _turns(found: Speakers) -> list[Turn]:
    """Consecutive paragraphs of one speaker make one turn, unless a label starts a new one."""
    turns: list[Turn] = []
    for i, (text, speaker) in enumerate(zip(found.texts, found.speakers)):
        if turns and turns[-1].speaker == speaker and i not in found.starts:
            turns[-1].text += "\n\n" + text
        else:
            turns.append(Turn(speaker, found.role(speaker), text))
    return turns


def _narration(paragraphs: list[str], headings: dict[int, str]) -> list[Turn]:
    """One narrator turn per chapter."""
    chapters = narrated_chapters(paragraphs, headings)
    bounds = sorted(chapters) + [len(paragraphs)]
    return [Turn(NARRATOR, "narrator", "\n\n".join(paragraphs[start:end]), chapter=chapters[start])
            for start, end in zip(bounds, bounds[1:])]


def _intro(script: Script, interviewers: list[str], author: str) -> Turn:
    parts = [f"{script.title}."]
    if script.subtitle:
        parts.append(script.subtitle)
    if interviewers and script.guests:
        talk = "talks" if len(interviewers) == 1 else "talk"
        parts.append(f"{and_list(interviewers)} {talk} with {and_list(script.guests)}.")
    elif author and not interviewers:
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
    for number, turn in enumerate((t for t in turns if t.role == "interviewer"), start=1):
        turn.chapter = chapter_title(turn.text) or f"Question {number}"



def _long_date(iso: str) -> str:
    day = date.fromisoformat(iso)
    return f"{day.day} {day.strftime('%B')} {day.year}"
