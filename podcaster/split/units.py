"""Article paragraphs -> units: one per paragraph or labelled line, label and timestamps taken off.

A unit is what one person says in one paragraph. Paragraphs are split where a line starts
with a speaker's label (turns separated by ``<br>`` in one HTML paragraph, or a transcript
with one turn per line); a label alone on its line gives its speaker to the words after it.
Which labels count is decided over the whole document (``accepted_labels``): a name that
recurs, a name the document gives, a role word (``Q:``, ``Host:``); never ``Paris: a city``.
Stage directions (``(Intro music)``, ``[laughs]``, ``**Break:**``) and link notes are dropped
and counted; inline timestamps (``[08:10]``) are removed from what is said.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from ..formats.punctuation import SENTENCE_MARKS
from ..model import Article
from ..read.details import Details, read_details
from ..read.furniture import without_section_lead
from ..read.labels import (
    INLINE_STAMP,
    NEUTRAL_WORDS,
    Label,
    is_stage_direction,
    looks_like_full_name,
    parse_label,
    role_of,
)

_BOLD = re.compile(r"^(\*\*|__)(?!\s)(?P<inner>.+?)(?<!\s)\1$", re.DOTALL)
_ITALIC = re.compile(r"^([*_])(?![*_\s])(?P<inner>[^*]+?)(?<![\s*_])\1$", re.DOTALL)
_CREDIT_LINE = re.compile(r"(?:an? )?(?:interview|oral history|conversation|transcript|profile)\b", re.IGNORECASE)
_TRAILING_LINK = re.compile(  # "… Project page: https://…"
    rf"(?<=[{SENTENCE_MARKS}])\s+[A-Z][\w ]{{0,30}}:\s*(?:https?://|www\.)\S+\s*$")
_URL = re.compile(r"(?:https?://|www\.)\S+|\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|io|co|uk|edu|gov)(?:/\S*)?",
                  re.IGNORECASE)
_KICKER = re.compile(r"^(?:q ?& ?a|transcript|interview|the interview|questions(?: and answers)?|"
                     r"audience questions|questions from the (?:audience|floor)|full transcript)[.:]?$", re.IGNORECASE)
_LEADING_STAMP = re.compile(r"^[\[(]?\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?[\])]?\s+(?=\S)")


@dataclass
class Unit:
    text: str  # the words as they will be read: no label, no timestamp
    label: Label | None = None
    marked: str = ""  # "bold" or "italic": the whole paragraph is set so (a question, in many interviews)
    paragraph: int = 0  # index of the article paragraph it comes from


@dataclass
class Units:
    units: list[Unit]
    dropped: Counter = field(default_factory=Counter)  # what was left out, by kind
    examples: dict[str, list[str]] = field(default_factory=dict)
    stamps: int = 0  # inline timestamps removed
    hosts: list[str] = field(default_factory=list)  # from episode details: "Host: Rafaela Montague"
    guests: list[str] = field(default_factory=list)
    cast: list[str] = field(default_factory=list)  # from a cast list: people, roles unknown

    def drop(self, kind: str, text: str) -> None:
        self.dropped[kind] += 1
        self.examples.setdefault(kind, []).append(text)

    def notes(self) -> list[str]:
        notes = [f"left out {count} {_plural(kind) if count > 1 else kind}: " +
                 ", ".join(_quote(t) for t in self.examples[kind][:3]) + ("…" if count > 3 else "")
                 for kind, count in self.dropped.items()]
        if self.stamps:
            notes.append(f"removed {self.stamps} timestamp{'s' if self.stamps > 1 else ''} from the spoken text")
        return notes


def _plural(kind: str) -> str:
    """"line of episode details" -> "lines of episode details"; "link note" -> "link notes"."""
    head, of, rest = kind.partition(" of ")
    return f"{head}s{of}{rest}" if of else kind + "s"


def _quote(text: str, words: int = 6) -> str:
    parts = text.split()
    return '"' + " ".join(parts[:words]) + ("…" if len(parts) > words else "") + '"'


def make_units(article: Article, known: list[str]) -> Units:
    """The article's paragraphs as units; ``known`` are the people the document names (front matter,
    title, standfirst): a label that is one of them counts even if it is used once."""
    lines = [(i, line) for i, p in enumerate(article.paragraphs) for line in _lines(p)]
    accepted = _oral_history_narrator(accepted_labels([parse_label(line) for _, line in lines], known))
    result = Units([])
    waiting: Label | None = None  # a label alone on its line, for the words that follow
    talking = False  # a conversation label has been seen: no more episode details
    for (i, line), label in zip(lines, accepted):
        if is_stage_direction(line):
            result.drop("stage direction", line.strip("*_ "))
            continue
        if not talking and (_episode_detail(line, result) or _cast_list(line, result)):
            continue
        talking = talking or label is not None
        if label is not None and label.alone:
            waiting = label
            continue
        if label is None and result.units and result.units[-1].paragraph == i and not _starts_paragraph(
                article, i, line):
            result.units[-1].text += " " + line.strip()  # a wrapped line of the same paragraph
            continue
        unit = _unit(line, label, i)
        if label is None and waiting is not None:
            unit.label, waiting = waiting, None
        elif label is not None:
            waiting = None
        result.units.append(unit)
    _clean(result)
    _drop_kickers(article, result)
    return result


def _drop_kickers(article: Article, result: Units) -> None:
    """Headings that only say what follows ("Q&A", "Transcript") are not said."""
    for index, heading in list(article.headings.items()):
        if _KICKER.match(heading.strip()):
            result.drop("section label", heading)
            del article.headings[index]


def _episode_detail(line: str, result: Units) -> bool:
    """``**Host:** Rafaela Montague``, ``Length: 24 minutes``: details of the episode, not speech."""
    found = Details()
    if not read_details(line, found):
        return False
    result.hosts += found.hosts
    result.guests += found.guests
    result.drop("line of episode details", line.strip())
    return True


_CAST_ITEM = re.compile(r"^[A-ZÀ-Þ][\w'’.-]+(?: [\w'’.-]+){1,4}(?: \([^()]{1,40}\))?(?:,? (?:host|co-?host|guest|"
                        r"producer|moderator|presenter|interviewer)s?)?$")


def _cast_list(line: str, result: Units) -> bool:
    """"Tobias Renshaw-Ikeda (@trenshaw); Marguerite Jansen (@mjansen); …": who is in the episode."""
    items = [item.strip(" .") for item in re.split(r";|\n", line) if item.strip(" .")]
    if len(items) < 2 or not all(_CAST_ITEM.match(item) for item in items):
        return False
    result.cast += [re.sub(r"\s*\(.*$|,.*$", "", item) for item in items]
    result.drop("cast list", line.strip())
    return True


def _oral_history_narrator(labels: list[Label | None]) -> list[Label | None]:
    """An oral history calls the person interviewed its "narrator" (``INTERVIEWER:`` / ``NARRATOR:``):
    that speaker is the interviewee, not the episode's narrator."""
    keys = {label_key(label) for label in labels if label}
    if "narrator" not in keys or not keys & {"interviewer", "q"}:
        return labels
    return [Label("Interviewee", label.rest, label.marked, label.paren, label.stamp)
            if label and label_key(label) == "narrator" else label for label in labels]


def _lines(paragraph: str) -> list[str]:
    return [line.strip() for line in paragraph.split("\n") if line.strip()] or [paragraph.strip()]


def _starts_paragraph(article: Article, i: int, line: str) -> bool:
    return article.paragraphs[i].lstrip().startswith(line)


def _unit(line: str, label: Label | None, i: int) -> Unit:
    text = label.rest if label else without_section_lead(line.strip())
    for marking, pattern in (("bold", _BOLD), ("italic", _ITALIC)):
        match = pattern.match(text)
        if match and not re.search(r"\*\*|__", match.group("inner")):
            return Unit(match.group("inner").strip(), label, marking, i)
    return Unit(text, label, "", i)


def _clean(result: Units) -> None:
    """Inline timestamps out, link notes and empty units dropped."""
    kept = []
    for unit in result.units:
        text, stamps = INLINE_STAMP.subn(" ", unit.text)
        text, lead = _LEADING_STAMP.subn("", text.strip())
        result.stamps += stamps + lead
        unit.text = re.sub(r"\s+", " ", text.replace("**", "").replace("__", "")).strip()
        link = _TRAILING_LINK.search(unit.text)
        if link and not _is_link_note(unit.text):
            result.drop("link note", link.group().strip())
            unit.text = unit.text[:link.start()].rstrip()
        if _is_link_note(unit.text):
            result.drop("link note", unit.text)
        elif re.search(r"\w", unit.text) or unit.label is not None:
            kept.append(unit)
    result.units = [u for u in kept if re.search(r"\w", u.text)]


def _is_link_note(text: str) -> bool:
    """``Project page: https://…``: an address with a few words of label, for readers only."""
    if not _URL.search(text):
        return False
    rest = _URL.sub(" ", text)
    return len(re.findall(r"\w+", rest)) <= 4


# Which labels count ------------------------------------------------------------------------

def label_key(label: Label) -> str:
    """One key per speaker: role words by their meaning (Q, Question), names without case."""
    if label.role_word:
        name = label.name.lower().strip(" .")
        return {"question": "q", "answer": "a"}.get(name, name)
    return re.sub(r"\s+", " ", label.name.lower().replace("\u00a0", " ")).strip(" .")


def accepted_labels(found: list[Label | None], known: list[str]) -> list[Label | None]:
    """Labels that stand for a speaker, judged over the whole document."""
    counts = Counter(label_key(label) for label in found if label)
    surnames: Counter[str] = Counter()
    for key, count in counts.items():
        surnames[key.split()[-1]] += count
    for key, count in list(counts.items()):  # "THOMASINA REEVE:" once, then "REEVE:" throughout
        if count == 1 and " " in key and surnames[key.split()[-1]] >= 2:
            counts[key] = 2
    known_lower = " ".join(known).lower()
    has_q = counts["q"] + counts["interviewer"] >= 2 or any(
        label and label_key(label) == "q" and label.strong for label in found)
    return [label if label and _counts_as_label(label, counts, known_lower, has_q) else None for label in found]


def _counts_as_label(label: Label, counts: Counter, known: str, has_q: bool) -> bool:
    key = label_key(label)
    if _CREDIT_LINE.match(label.rest):  # "BARBARA LISKOV: An Interview Conducted by …" is a title
        return False
    if NEUTRAL_WORDS.match(label.name) and label.strong:  # "UNIDENTIFIED PERSON #2:", "Speaker 3:"
        return True
    if re.fullmatch(r"[a-z]{2,3}", label.name):  # "pw:", initials in lower case: only if they recur
        return counts[key] >= 2
    recurs = counts[key] >= 2
    if label.marked in ("bare", "caps"):  # Q  text; Mr. SMITH. text; INTERVIEWER alone on a line
        return recurs and (key != "a" or has_q)
    if label.role_word:
        return has_q if key == "a" else label.strong or recurs
    named = bool(known) and _named_in(label.name, known)
    if label.marked == "markup" and not label.stamp:  # **Name** text: bold, no colon
        return recurs or named
    full = looks_like_full_name(pretty_name(label.name)) and not role_of(label.name)
    in_role = bool(label.paren) and bool(role_of(label.paren) or re.match(r"(?i)caller|listener", label.paren))
    return recurs or named or in_role or (full and (label.strong or bool(label.stamp)))


def pretty_name(name: str) -> str:
    """``MS. OKONJO`` -> ``Ms. Okonjo``; ``JEAN-PIERRE`` -> ``Jean-Pierre``; others as written."""
    if not (name.isupper() and len(name) > 3):
        return name
    return re.sub(r"[A-Z][A-Z'’]+", lambda m: m.group()[0] + m.group()[1:].lower(), name)


def _named_in(name: str, known: str) -> bool:
    """Every word of the label is in the names the document gives ("Ana Ruiz", or "Ana" of "Ana Ruiz")."""
    words = [w for w in re.findall(r"[^\W\d_][\w'’-]+", name.lower()) if len(w) > 1]
    return bool(words) and all(re.search(rf"\b{re.escape(w)}\b", known) for w in words)
