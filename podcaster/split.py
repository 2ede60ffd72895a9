"""Article -> Script: who says each paragraph, grouped into turns, with narrator parts.

Labels are read where present; where they stop (labels on each speaker's first
turn only, then alternation) the turn model in ``turns.py`` infers the rest.
An article with no speakers at all becomes a narrated one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from .chapters import chapter_title
from .labels import Label, initials, looks_like_full_name, parse_label
from .model import NARRATOR, Article, Script, Turn
from .turns import GUEST, INTERVIEWER, asking_score, attribute

_NAMES_IN_TEXT = re.compile(r"\b[A-Z][a-z'’-]+(?: [A-Z][a-z'’-]+){1,2}\b")
INTRO_CHAPTER, OUTRO_CHAPTER = "Introduction", "Closing"


@dataclass
class _Para:
    text: str  # without its label
    speaker: str = ""  # "" until attributed
    label: Label | None = None


def split(article: Article) -> Script:
    paras = [_Para(p) for p in article.paragraphs]
    speakers = _read_labels(paras, article)
    script = Script(title=article.title or "Untitled", turns=[], subtitle=article.subtitle,
                    date=article.date, publication=article.publication)
    if len(speakers) >= 2:
        script.interviewer, guest = _roles(paras, speakers)
        script.guests = [guest]
        script.notes = _attribute_unlabelled(paras, script.interviewer, guest, article)
    roles = {script.interviewer: "interviewer", **{g: "guest" for g in script.guests}}
    body = _turns(paras, roles)
    script.turns = [_intro(script)] + body + _outro(script, article.endnotes)
    _title_chapters(script.turns)
    return script


def _read_labels(paras: list[_Para], article: Article) -> list[str]:
    """Attach accepted labels; return the speakers' names in order of appearance."""
    found = [(p, parse_label(p.text)) for p in paras]
    counts: dict[str, int] = {}
    for _, label in found:
        if label:
            counts[label.name] = counts.get(label.name, 0) + 1
    known = " ".join([article.title, article.subtitle, article.author])
    full_names = [n for n in counts if looks_like_full_name(n)] + _NAMES_IN_TEXT.findall(known)
    speakers: list[str] = []
    for para, label in found:
        if label and _accepted(label, counts, known):
            para.label, para.text = label, label.rest
            para.speaker = _full_name(label.name, full_names)
            if para.speaker not in speakers:
                speakers.append(para.speaker)
    return speakers


def _accepted(label: Label, counts: dict[str, int], known: str) -> bool:
    return (label.role_word != "" or counts[label.name] >= 2 or label.name in known
            or looks_like_full_name(label.name))


def _full_name(name: str, full_names: list[str]) -> str:
    """Initials (RW) become the full name they stand for, when one is in the text."""
    if len(name) <= 3 and name.isupper():
        return next((n for n in full_names if initials(n) == name), name)
    return name


def _roles(paras: list[_Para], speakers: list[str]) -> tuple[str, str]:
    """The interviewer is the one who asks; labels like Q:/A: say it outright."""
    by_role = {p.label.role_word: p.speaker for p in paras if p.label and p.label.role_word}
    if "interviewer" in by_role and "guest" in by_role:
        return by_role["interviewer"], by_role["guest"]
    first, second = speakers[:2]

    def asking(name: str) -> float:
        scores = [asking_score(p.text) for p in paras if p.speaker == name]
        return sum(scores) / len(scores)
    return (second, first) if asking(second) > asking(first) else (first, second)


def _attribute_unlabelled(paras: list[_Para], interviewer: str, guest: str, article: Article) -> list[str]:
    """Give every unlabelled paragraph after the first label a speaker; return notes on inferences."""
    start = next(i for i, p in enumerate(paras) if p.speaker)
    body = paras[start:]
    state_of = {interviewer: INTERVIEWER, guest: GUEST}
    fixed = {i: state_of[p.speaker] for i, p in enumerate(body) if p.speaker in state_of}
    every_turn_labelled = _every_turn_labelled(body)
    result = attribute([p.text for p in body], fixed, every_turn_labelled)
    names = {INTERVIEWER: interviewer, GUEST: guest}
    for para, state in zip(body, result.speakers):
        para.speaker = para.speaker or names[state]
    if every_turn_labelled:
        return []
    inferred = [start + i + 1 for i in range(1, len(body)) if i not in fixed
                and result.speakers[i] != result.speakers[i - 1]]
    notes = [f"inferred {len(inferred)} speaker changes without labels, at paragraphs "
             + ", ".join(map(str, inferred))] if inferred else []
    doubtful = [start + i + 1 for i in result.doubtful()]
    if doubtful:
        notes.append("check the speaker of paragraphs " + ", ".join(map(str, doubtful)))
    return notes


def _every_turn_labelled(body: list[_Para]) -> bool:
    """True when labels keep coming (Q/A transcripts); False when they stop after the first turns."""
    labelled = [i for i, p in enumerate(body) if p.label]
    distinct = {p.speaker for p in body if p.label}
    unlabelled_after_last = len(body) - 1 - labelled[-1]
    return len(labelled) > len(distinct) + 1 or unlabelled_after_last < 3


def _turns(paras: list[_Para], roles: dict[str, str]) -> list[Turn]:
    """Consecutive paragraphs of one speaker make one turn; text before any label is the narrator's."""
    turns: list[Turn] = []
    for para in paras:
        speaker = para.speaker or NARRATOR
        if turns and turns[-1].speaker == speaker and not para.label:
            turns[-1].text += "\n\n" + para.text
        else:
            turns.append(Turn(speaker, roles.get(speaker, "narrator"), para.text))
    return turns


def _intro(script: Script) -> Turn:
    parts = [f"{script.title}."]
    if script.subtitle:
        parts.append(script.subtitle)
    if script.interviewer and script.guests:
        parts.append(f"{script.interviewer} talks with {_and_list(script.guests)}.")
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


def _and_list(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _long_date(iso: str) -> str:
    day = date.fromisoformat(iso)
    return f"{day.day} {day.strftime('%B')} {day.year}"
