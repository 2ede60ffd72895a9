"""Structured articles (Markdown, HTML) to an Article: the form the splitter reads.

The contract with the splitter:
- bold stays in a paragraph as ``**…**``: a paragraph wholly in bold is a question set in
  bold, ``**Name:** text`` a bold speaker label; a paragraph wholly in italics is ``*…*`` (some
  interviews set their questions so); other italics, links and markup are dropped;
- the first H1 is the title; other headings become ``Article.headings`` (index of the
  paragraph that follows -> heading text), except a heading that ends in "?", which is a
  question set as a heading and becomes a bold paragraph;
- a list becomes one paragraph; byline, standfirst and title repeats at the top move to
  the metadata, an editorial note and author bio at the end to ``Article.endnotes``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ..formats.punctuation import CLOSERS, SENTENCE_MARKS
from ..model import Article
from .blocks import Block
from .furniture import is_back_matter, is_furniture, left_out_note
from .header import parse_byline
from .labels import parse_label
from .page import BIO, NOTE

_SPACE = re.compile(r"\s+")
_LABEL_COLON = re.compile(r"^\s*:")
_FINAL_PUNCTUATION = re.compile(rf"\s*[{SENTENCE_MARKS}]+\s*")
_ENDS_SENTENCE = re.compile(rf"[{SENTENCE_MARKS}:;][{CLOSERS}]*$")
_ELLIPSIS = re.compile(r"\s*(?:…|\.\.\.|\[…\]|\[\.\.\.\])\s*$")
LINE_BREAK = "\n"  # a Run of just this is a line break inside a paragraph
SOFT_BREAK = "\u2028"  # a wrapped line in Markdown: a space, unless the next line starts with a label
MAX_NOTES = 3
HEADER_PARTS = 4  # a byline or repeated standfirst is looked for among the first parts
NOTE_WORDS, BIO_WORDS = 60, 10
JUNK_WORDS = 8  # a short non-sentence at the very end ("Tags: …", "Share this") is page furniture


@dataclass
class Run:
    """A stretch of inline text with one formatting."""

    text: str
    bold: bool = False
    italic: bool = False


@dataclass
class Part:
    """A paragraph (level 0) or a heading (level 1-6), bold marked as ``**…**``."""

    text: str
    level: int = 0
    italic: bool = False  # the whole paragraph is in italics (a standfirst, a note)
    caption: bool = False  # a short line right after an image: what it shows
    after_break: bool = False  # the first paragraph after a thematic break


def plain(text: str) -> str:
    """Text without its bold markers, or the asterisks of a paragraph wholly in italics."""
    text = text.replace("**", "").strip()
    return text[1:-1].strip() if len(text) > 2 and text[0] == text[-1] == "*" else text


def render(runs: list[Run]) -> tuple[str, bool]:
    """Runs to text with ``**bold**``, its line breaks kept as newlines (a turn per line in many
    transcripts), and whether it is all in italics."""
    lines = [_render_line(line) for line in _lines(_resolve_soft_breaks(runs))]
    text = "\n".join(line for line, _ in lines if line)
    worded = [italic for line, italic in lines if line]
    return text, bool(worded) and all(worded)


def _resolve_soft_breaks(runs: list[Run]) -> list[Run]:
    """A wrapped line joins the one before with a space, unless it starts with a speaker's label."""
    out: list[Run] = []
    for i, run in enumerate(runs):
        if run.text != SOFT_BREAK:
            out.append(run)
            continue
        after = next((j for j in range(i + 1, len(runs)) if runs[j].text in (LINE_BREAK, SOFT_BREAK)), len(runs))
        line = _render_line(runs[i + 1:after])[0]
        out.append(Run(LINE_BREAK) if parse_label(line) is not None else Run(" ", _bold_around(runs, i)))
    return out


def _bold_around(runs: list[Run], i: int) -> bool:
    """A wrapped line inside bold stays bold: `**Why do tides\nmatter?**` is one bold question."""
    return 0 < i < len(runs) - 1 and runs[i - 1].bold and runs[i + 1].bold


def _lines(runs: list[Run]) -> list[list[Run]]:
    lines: list[list[Run]] = [[]]
    for run in runs:
        if run.text == LINE_BREAK:
            lines.append([])
        else:
            lines[-1].append(run)
    return lines


def _render_line(runs: list[Run]) -> tuple[str, bool]:
    runs = [Run(_SPACE.sub(" ", r.text), r.bold, r.italic) for r in runs if r.text]
    runs = _merge(_bridge_spaces(runs))
    _pull_punctuation(runs)
    text = _SPACE.sub(" ", "".join(map(_markup, runs))).strip()
    worded = [r for r in runs if r.text.strip()]
    return text, bool(worded) and all(r.italic for r in worded)


def paragraph_runs(runs: list[Run]) -> list[list[Run]]:
    """Runs cut where two line breaks follow each other (``<br><br>``): separate paragraphs."""
    paragraphs: list[list[Run]] = [[]]
    breaks = 0
    for run in runs:
        if run.text == SOFT_BREAK:
            paragraphs[-1].append(run)
            continue
        if run.text == LINE_BREAK:
            breaks += 1
            continue
        if not run.text.strip() and breaks:
            continue
        if breaks >= 2 and any(r.text.strip() for r in paragraphs[-1]):
            paragraphs.append([])
        elif breaks == 1:
            paragraphs[-1].append(Run(LINE_BREAK))
        breaks = 0
        paragraphs[-1].append(run)
    return [p for p in paragraphs if any(r.text.strip() for r in p)]


def _bridge_spaces(runs: list[Run]) -> list[Run]:
    """A space between two bold runs is bold, so `**a** **b**` becomes `**a b**`."""
    for i in range(1, len(runs) - 1):
        if not runs[i].text.strip() and runs[i - 1].bold and runs[i + 1].bold:
            runs[i] = Run(runs[i].text, True, runs[i].italic)
    return runs


def _merge(runs: list[Run]) -> list[Run]:
    merged: list[Run] = []
    for run in runs:
        if merged and merged[-1].bold == run.bold:
            last = merged[-1]
            merged[-1] = Run(last.text + run.text, run.bold, last.italic and run.italic)
        else:
            merged.append(run)
    return merged


def _pull_punctuation(runs: list[Run]) -> None:
    """`**Name**: text` -> `**Name:** text`; a paragraph `**Why**?` -> `**Why?**`."""
    worded = [i for i, run in enumerate(runs) if run.text.strip()]
    if len(worded) < 2 or not runs[worded[0]].bold:
        return
    lead, after = runs[worded[0]], runs[worded[1]]
    pulled = _LABEL_COLON.match(after.text) or (len(worded) == 2 and _FINAL_PUNCTUATION.fullmatch(after.text))
    if pulled:
        lead.text = lead.text.rstrip() + pulled.group().strip()
        after.text = after.text[pulled.end():]


def _markup(run: Run) -> str:
    core = run.text.strip()
    if not run.bold or not core:
        return run.text
    lead = run.text[:len(run.text) - len(run.text.lstrip())]
    trail = run.text[len(run.text.rstrip()):]
    return f"{lead}**{core}**{trail}"


def split_bold_lead(runs: list[Run]) -> list[list[Run]]:
    """A line all in bold (not a `Name:` label), a line break, then plain text: question, answer."""
    for i in (i for i, run in enumerate(runs) if run.text in (LINE_BREAK, SOFT_BREAK)):
        lead, rest = runs[:i], runs[i + 1:]
        worded = [r for r in lead if r.text.strip()]
        question = worded and all(r.bold for r in worded) and not worded[-1].text.rstrip().endswith(":")
        if question and any(r.text.strip() and not r.bold for r in rest):
            return [lead, rest]
        if worded:
            break
    return [runs]


def join_items(items: list[str]) -> str:
    """List items as one paragraph: each ends as a clause, the last as a sentence."""
    items = [item for item in items if item]
    text = " ".join(item if _ENDS_SENTENCE.search(item) else item + ";" for item in items)
    return text[:-1] + "." if text.endswith(";") else text


def build_article(parts: list[Part], meta: Article) -> Article:
    """Metadata plus the parts in reading order -> Article (empty paragraphs if no prose)."""
    article = replace(meta, paragraphs=[], headings={}, endnotes=[])
    parts = _take_title([p for p in parts if p.text], article)
    parts = _take_header(parts, article)
    parts = _before_comments(parts, article)
    prompts = _headings_are_questions(parts)  # then every heading is a question
    for part in parts:
        if part.level:
            part = Part(part.text.replace("\n", " "), part.level, part.italic)
        if is_furniture(plain(part.text)):
            article.notes.append(left_out_note("inside the article", [plain(part.text)]))
            continue
        if part.level and not plain(part.text).endswith("?") and not prompts:
            article.headings[len(article.paragraphs)] = plain(part.text)
        elif part.level:  # a question set as a heading: a question, or in a labelled transcript a section
            article.asked_headings.add(len(article.paragraphs))
            article.paragraphs.append(f"**{plain(part.text)}**")
        else:
            _mark(article, part)
            article.paragraphs.append(f"*{part.text}*" if part.italic and not part.text.startswith("*") else part.text)
    article.endnotes = _take_endnotes(article.paragraphs)
    article.headings = {i: h for i, h in article.headings.items() if i < len(article.paragraphs)}
    article.captions = {i for i in article.captions if i < len(article.paragraphs)}
    article.breaks = {i for i in article.breaks if i < len(article.paragraphs)}
    if not any(Block(plain(p)).is_prose for p in article.paragraphs):
        article.paragraphs, article.headings = [], {}
    return article


def _headings_are_questions(parts: list[Part]) -> bool:
    """A Q&A whose questions are its headings: the few without a "?" are prompts too
    ("Favourite pen you've restored")."""
    questions = [plain(p.text).endswith("?") for p in parts if p.level >= 2]
    return len(questions) >= 3 and sum(questions) >= 0.6 * len(questions)


def _before_comments(parts: list[Part], article: Article) -> list[Part]:
    """Readers' comments, "Cite this item", related links after the article are left out, and noted."""
    at = next((i for i, p in enumerate(parts) if is_back_matter(plain(p.text))), len(parts))
    if at < len(parts):
        article.notes.append(left_out_note("after the article (comments, citation, related links)",
                                           [plain(p.text) for p in parts[at:]]))
    return parts[:at]


def _take_title(parts: list[Part], article: Article) -> list[Part]:
    """The first H1 is the title, unless the metadata has one; then a line repeating it goes."""
    first_h1 = next((i for i, p in enumerate(parts) if p.level == 1), None)
    if article.title:
        return [p for p in parts if plain(p.text).replace("\n", " ") != article.title]
    if first_h1 is None:
        return parts
    article.title = plain(parts[first_h1].text)
    return parts[:first_h1] + parts[first_h1 + 1:]


def _take_header(parts: list[Part], article: Article) -> list[Part]:
    """Drop what repeats the metadata near the top; a byline or italic standfirst fills it."""
    _check_description(parts, article)
    while parts and not parts[0].level and _header_line(parts[0], article):
        parts = parts[1:]
    bylines = [i for i, part in enumerate(parts[:HEADER_PARTS]) if _byline_of(part, article)]
    return [part for i, part in enumerate(parts) if i not in bylines]


def _check_description(parts: list[Part], article: Article) -> None:
    """A page description cut from a body paragraph is an excerpt, not a standfirst."""
    excerpt = _ELLIPSIS.sub("", article.subtitle)
    if not excerpt:
        return
    first = next((p for p in parts if not p.level), None)
    starts = [p for p in parts if not p.level and plain(p.text).startswith(excerpt)]
    if first is not None and starts and starts[0] is first and not first.text.startswith("**"):
        article.subtitle = plain(first.text)
    elif starts or excerpt != article.subtitle:
        article.subtitle = ""


def _header_line(part: Part, article: Article) -> bool:
    text = plain(part.text)
    block = Block(text)
    if text in (article.title, article.subtitle):
        return True
    if _byline_of(part, article):
        return True
    if part.italic and not article.subtitle and block.words >= 8:
        article.subtitle = text
        return True
    return False


def _byline_of(part: Part, article: Article) -> bool:
    """A byline ("By Ana Ruiz", "Posted on 3 May 2024 by …") fills the article's author and date."""
    byline = parse_byline(plain(part.text)) if not part.text.startswith("**") and not part.level else None
    if byline is None:
        return False
    article.date = article.date or byline[0]
    article.author = article.author or byline[1]
    return True


def _mark(article: Article, part: Part) -> None:
    """Remember which paragraph captions an image and which follows a thematic break."""
    at = len(article.paragraphs)
    if part.caption:
        article.captions.add(at)
    if part.after_break:
        article.breaks.add(at)


def _take_endnotes(paragraphs: list[str]) -> list[str]:
    """Editorial notes and an author bio at the end; page furniture there is dropped."""
    notes: list[str] = []
    while len(paragraphs) > 1 and len(notes) < MAX_NOTES:
        text, bold = plain(paragraphs[-1]), paragraphs[-1].startswith("**")  # bold: a question or label
        words = len(text.split())
        note = NOTE.match(text) if bold else NOTE.search(text)  # "**Editor's note:** …" counts
        if (note and words < NOTE_WORDS) or (not bold and BIO.match(text) and words >= BIO_WORDS):
            notes.insert(0, text)
        elif not (bold or words > JUNK_WORDS or Block(text).is_prose):
            pass  # furniture: dropped
        else:
            break
        paragraphs.pop()
    return notes
