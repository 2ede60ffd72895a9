"""Who says each body paragraph: from labels, from bold questions, or nobody (a narrated article).

Labels are read where present; where they stop (labels on each speaker's first
turn only, then alternation) the turn model in ``turns.py`` infers the rest and
reports the paragraphs it is unsure of. Every inference ends up in ``notes``.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from .labels import Label, expand_name, is_stage_direction, looks_like_full_name, names_in, parse_label
from .model import NARRATOR, Article
from .turns import GUEST, INTERVIEWER, asking_score, attribute

_BOLD = re.compile(r"^(\*\*|__)(?!\s)(?P<inner>.+?)(?<!\s)\1$", re.DOTALL)
QUESTION_SHARE = 0.5  # on a panel, someone whose paragraphs are mostly questions is a moderator
LOOKS_ASKED = 3.0  # asking score of an answer paragraph that may be a question left unmarked
ROLE_NAMES = {"q": "Interviewer", "question": "Interviewer", "a": "Guest", "answer": "Guest"}


@dataclass
class Speakers:
    """The body paragraphs as they will be read, with a speaker each."""

    texts: list[str]  # label or bold markup removed
    speakers: list[str]  # NARRATOR where nobody in the conversation says it
    interviewers: list[str] = field(default_factory=list)
    guests: list[str] = field(default_factory=list)
    starts: set[int] = field(default_factory=set)  # paragraphs that open a turn whatever precedes
    doubtful: list[int] = field(default_factory=list)  # 0-based paragraphs to check
    notes: list[str] = field(default_factory=list)
    form: str = "narrated"  # labels, alternation, bold questions, narrated

    def role(self, speaker: str) -> str:
        if speaker in self.interviewers:
            return "interviewer"
        return "guest" if speaker in self.guests else "narrator"


def find_speakers(article: Article) -> Speakers:
    found = _from_labels(article) or _from_bold(article) or _narrated(article)
    found.notes += [f"check the speaker of paragraph {paragraph_ref(found.texts, i)}: "
                    f"given to {found.speakers[i]}" for i in found.doubtful]
    return found


def paragraph_ref(texts: list[str], i: int, length: int = 6) -> str:
    """How notes name a paragraph: its number in the article body and its first ``length`` words."""
    words = texts[i].split()
    quote = " ".join(words[:length]) + ("…" if len(words) > length else "")
    return f'{i + 1} ("{quote}")'


# Labels -------------------------------------------------------------------------------------

def _from_labels(article: Article) -> Speakers | None:
    labels = _accepted_labels(article)
    if len({_key(label) for label in labels if label}) < 2:
        return None
    names = _names(labels, article)
    found = Speakers([label.rest if label else p for p, label in zip(article.paragraphs, labels)],
                     [names[_key(label)] if label else "" for label in labels], form="labels")
    found.starts = {i for i, label in enumerate(labels) if label}
    found.interviewers = _interviewers(found, labels, names)
    found.guests = [n for n in dict.fromkeys(found.speakers) if n and n not in found.interviewers]
    _fill_unlabelled(found)
    found.notes[:0] = _name_notes(labels, names)
    return found


def _accepted_labels(article: Article) -> list[Label | None]:
    found = [parse_label(p) for p in article.paragraphs]
    counts = Counter(label.name for label in found if label)
    known = " ".join([article.title, article.subtitle, article.author])
    return [label if label and (label.role_word or counts[label.name] >= 2 or label.name in known
                                or looks_like_full_name(label.name)) else None for label in found]


def _key(label: Label) -> str:
    return label.name.lower() if label.role_word else label.name


def _known_names(labels: list[Label | None], article: Article) -> list[str]:
    written = [label.name for label in labels if label and looks_like_full_name(label.name)]
    first = next(i for i, label in enumerate(labels) if label)
    text = " ".join([article.title, article.subtitle, article.author, *article.paragraphs[:first],
                     *article.endnotes])
    return list(dict.fromkeys(written + names_in(text)))


def _names(labels: list[Label | None], article: Article) -> dict[str, str]:
    """Label key -> the speaker's name: initials and surnames expanded, Q/A given a person."""
    known = _known_names(labels, article)
    names = {_key(label): expand_name(label.name, known) for label in labels if label and not label.role_word}
    role_keys = list(dict.fromkeys(_key(label) for label in labels if label and label.role_word))
    taken = set(names.values())
    for key in role_keys:
        person = _person_for_role(Label(key, "").role_word, article, taken)
        names[key] = person or ROLE_NAMES.get(key, key.title())
        taken.add(names[key])
    return names


def _person_for_role(role: str, article: Article, taken: set[str]) -> str:
    """The byline for the interviewer; the one other person the title and standfirst name, for a guest."""
    author = article.author.strip(" ·•|,;-–—")
    author = author if looks_like_full_name(author) else ""
    if role == "interviewer":
        return author if author not in taken else ""
    named = [n for n in names_in(f"{article.subtitle} {article.title}") if n not in taken and n != author]
    return named[0] if len(named) == 1 else ""


def _name_notes(labels: list[Label | None], names: dict[str, str]) -> list[str]:
    notes = []
    for key, name in names.items():
        written = next(label.name for label in labels if label and _key(label) == key)
        if written != name and name != ROLE_NAMES.get(key, key.title()):
            notes.append(f'label "{written}:" read as {name}')
    return notes


def _interviewers(found: Speakers, labels: list[Label | None], names: dict[str, str]) -> list[str]:
    """Who asks: as role labels say (Q:, Moderator:), else the speaker(s) whose turns are questions."""
    by_role = [names[_key(label)] for label in labels if label and label.role_word == "interviewer"]
    if by_role:
        return list(dict.fromkeys(by_role))
    people = list(dict.fromkeys(s for s in found.speakers if s))
    scores = {p: [asking_score(t) for t, s in zip(found.texts, found.speakers) if s == p] for p in people}
    mean = {p: sum(v) / len(v) for p, v in scores.items()}
    top = max(people, key=lambda p: mean[p])
    if len(people) == 2:
        return [top]
    askers = [p for p in people if sum(v >= 1.5 for v in scores[p]) >= QUESTION_SHARE * len(scores[p])]
    return askers if 0 < len(askers) < len(people) else [top]


def _fill_unlabelled(found: Speakers) -> None:
    """Paragraphs without a label: the narrator's before the first, then continuation or alternation."""
    first = min(found.starts)
    for i in range(first):
        found.speakers[i] = NARRATOR
    body = range(first, len(found.texts))
    labelled = [i for i in body if i in found.starts]
    if _every_turn_labelled(labelled, len(found.texts), len(set(found.speakers[i] for i in labelled))):
        _continue_previous(found, body)
    elif len(found.interviewers) == len(found.guests) == 1:
        _alternate(found, first)
    else:
        _continue_previous(found, body)
        found.notes.append("labels stop after the first turns of a panel: unlabelled paragraphs are "
                           "kept with the last labelled speaker; check them")
        found.doubtful = [i for i in body if i not in found.starts]


def _every_turn_labelled(labelled: list[int], total: int, distinct: int) -> bool:
    """True when labels keep coming (Q/A transcripts); False when they stop after the first turns."""
    return len(labelled) > distinct + 1 or total - 1 - labelled[-1] < 3


def _continue_previous(found: Speakers, body: range) -> None:
    for i in body:
        found.speakers[i] = found.speakers[i] or found.speakers[i - 1]


def _alternate(found: Speakers, first: int) -> None:
    """Two speakers, labels on their first turns: the turn model attributes the rest."""
    found.form = "alternation"
    body = [i for i in range(first, len(found.texts)) if not is_stage_direction(found.texts[i])]
    interviewer = found.interviewers[0]
    state_of = {interviewer: INTERVIEWER, found.guests[0]: GUEST}
    fixed = {k: state_of[found.speakers[i]] for k, i in enumerate(body) if found.speakers[i]}
    result = attribute([found.texts[i] for i in body], fixed, every_turn_labelled=False)
    for k, i in enumerate(body):
        found.speakers[i] = found.speakers[i] or (interviewer if result.speakers[k] == INTERVIEWER
                                                  else found.guests[0])
    _continue_previous(found, range(first, len(found.texts)))  # stage directions
    changes = [body[k] for k in range(1, len(body))
               if k not in fixed and result.speakers[k] != result.speakers[k - 1]]
    if changes:
        found.notes.append(f"labels stop after the first turns: inferred {len(changes)} speaker changes "
                           "at paragraphs " + ", ".join(paragraph_ref(found.texts, i, 4) for i in changes))
    found.doubtful = [body[k] for k in result.doubtful()]


# Bold questions -----------------------------------------------------------------------------

def _from_bold(article: Article) -> Speakers | None:
    """No labels, but paragraphs wholly in bold: the interviewer's questions, the rest answers."""
    bold = [_BOLD.match(p.strip()) for p in article.paragraphs]
    if sum(1 for m in bold if m) < 2:
        return None
    first = next(i for i, m in enumerate(bold) if m)
    if all(bold[first:]):
        return None
    guest = _person_for_role("guest", article, set()) or "Guest"
    interviewer = _person_for_role("interviewer", article, {guest}) or "Interviewer"
    texts = [m.group("inner").strip() if m else p for p, m in zip(article.paragraphs, bold)]
    speakers = [NARRATOR if i < first else interviewer if bold[i] else guest for i in range(len(texts))]
    found = Speakers(texts, speakers, [interviewer], [guest], form="bold questions")
    found.starts = {i for i in range(first, len(texts)) if bold[i] and not bold[i - 1]}
    found.doubtful = [i for i in range(first, len(texts))
                      if not bold[i] and asking_score(texts[i]) >= LOOKS_ASKED]
    found.notes.append(f"no speaker labels: {sum(1 for m in bold if m)} paragraphs in bold read as "
                       f"questions by {interviewer}, the others after them as answers by {guest}")
    return found


# Narrated -----------------------------------------------------------------------------------

def _narrated(article: Article) -> Speakers:
    found = Speakers(list(article.paragraphs), [NARRATOR] * len(article.paragraphs))
    found.notes.append("no speaker labels or bold questions found: read by the narrator alone")
    return found
