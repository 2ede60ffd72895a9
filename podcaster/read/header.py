"""The header of a page copied as text: title, byline and date, standfirst, the site's name.

Pages put these in many orders ("For Immediate Release / 8/27/2015 / Title", "Title / dek /
By X", "Kicker / Title / standfirst / date"), so the title is the most title-like line above
the article rather than one at a fixed place: Title Case, a few words, not a breadcrumb, a
kicker ("Transcript", "Q&A") or a site name that repeats. The date is the article's own: a
byline's, a "Published" line's or the title's, never a recording date, and never a numeric
date that reads two ways (2/3/2016): those get a note instead.
"""

from __future__ import annotations

import re

from ..model import Article
from .blocks import Block
from .dates import ambiguous_date, find_date
from .details import Details, read_details
from .furniture import is_furniture, without_section_lead

BYLINE = re.compile(r"^(?:by|interview by|interviewed by|words by|written by)\s+(.+)$", re.IGNORECASE)
CAPTION = re.compile(r"(?:photo|image|picture|credit|©|shutterstock|getty|alamy|reuters|\bap\b|[a-z]/[a-z])",
                     re.IGNORECASE)
_DATE_WORDS = re.compile(r"\b(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day)?\.?,?|"
                         r"first published|published|posted|updated|last updated|released|aired|"
                         r"broadcast|date|on|\d+ min(?:ute)?s? read|at \d{1,2}[.:]\d{2}(?: [ap]\.?m\.?)?"
                         r"|\d{1,2}[.:]\d{2}(?: [ap]\.?m\.?| [A-Z]{2,4})?)\b:?", re.IGNORECASE)
_AUTHOR = re.compile(r"(?:[A-Z][\w'’.-]+(?: (?:[A-Z][\w'’.-]+|de|da|van|von|le|la|di|del)){0,4})?")
_RECORDED = re.compile(r"\b(?:recorded|recording|date of (?:the )?interview|interview(?:ed)? on|interview date|"
                       r"taped|conducted)\b", re.IGNORECASE)
_UPDATED = re.compile(r"\b(?:updated|modified)\b", re.IGNORECASE)
_KICKER = re.compile(r"^(?:transcript|interview|interviews|q ?& ?a|news|opinion|features?|podcast|episode|"
                     r"for immediate release|press release|newsroom|briefings?|lectures?|abstract|home)\b",
                     re.IGNORECASE)
_CREDIT = re.compile(r"\b(?:given|presented|delivered|written|hosted|produced|conducted|read|interviewed|"
                     r"transcribed|edited) by\b", re.IGNORECASE)
_DETAIL = re.compile(r"^[A-Z][a-z]+(?: of [a-z]+)?: [a-z\d]")  # "Place: the narrator's home"
_INTERVIEW_TITLE = re.compile(r"\b(?:interview|conversation|q ?& ?a|in conversation) with\b", re.IGNORECASE)
_BREADCRUMB = re.compile(r"\s(?:>|›|»|/|\|)\s")
_SMALL_WORDS = {"a", "an", "the", "of", "on", "in", "at", "and", "or", "for", "to", "by", "with", "from", "as"}


def read_header(blocks: list[Block]) -> Article:
    article = Article()
    byline_at = _byline_index(blocks)
    if byline_at is not None:
        _read_byline(blocks, byline_at, article)
    title_at = _title_index(blocks)
    if title_at is not None:
        article.title = tidy_title(blocks[title_at].text)
        article.date = article.date or find_date(article.title)[0]
    article.subtitle = _standfirst(blocks, title_at)
    article.publication = _publication(blocks, title_at)
    article.notes += _date_notes(blocks, article.date)
    details = Details()
    for block in blocks:
        for line in block.text.split("\n"):
            read_details(line, details)
    article.hosts, article.guests = details.hosts, details.guests
    return article


def _byline_index(blocks: list[Block]) -> int | None:
    """The line that dates the article or names its author: a short line with a date (not a
    recording's) or "By …"; a "Published" line wins over an "Updated" one."""
    oral_history = any(re.match(r"(?:interviewer|narrator|interviewee)s?:", b.text, re.IGNORECASE) for b in blocks)
    found = [i for i, block in enumerate(blocks) if block.words <= 15 and not _RECORDED.search(block.text)
             and not (oral_history and block.text.lower().startswith("date:"))  # the interview's date
             and (find_date(block.text)[0] or BYLINE.match(block.text))]
    return min(found, key=lambda i: (bool(_UPDATED.search(blocks[i].text)), i), default=None)


def _read_byline(blocks: list[Block], at: int, article: Article) -> None:
    """Author and date from the byline; the date may sit on the line after "By …"."""
    article.date, article.author = parse_byline(blocks[at].text) or ("", "")
    for block in blocks[at + 1:at + 3]:
        if article.date or block.words > 10 or _RECORDED.search(block.text):
            break
        article.date = find_date(block.text)[0]


def parse_byline(text: str) -> tuple[str, str] | None:
    """(date, author) of a byline: "By Ana Ruiz, 3 May 2024", "Posted on April 3, 2020 by Ana Ruiz ·
    Filed under …", "Published 5 May 2024", "Ana Ruiz | 19 February 2024"; None if it is not one."""
    if len(text.split()) > 25 or _RECORDED.search(text):
        return None
    date, rest = find_date(" ".join(text.split()))
    parts = [p.strip(" ,-–—:") for p in re.split(r"\s+[·|•]\s+|\s*\|\s*", rest) if p.strip(" ,-–—:")]
    credited = next((p for p in parts if re.search(r"\bby\s+[A-Z]", p)), parts[0] if parts else "")
    author = re.sub(r"^.*?\bby\s+", "", _DATE_WORDS.sub(" ", credited).strip(), flags=re.IGNORECASE).strip(" ,")
    author = author if _AUTHOR.fullmatch(author) and len(author.split()) <= 5 else ""
    if not date and not (author and BYLINE.match(text.strip())):
        return None  # "By the third night I could sleep" is not a byline
    return date, author


def _title_index(blocks: list[Block]) -> int | None:
    marked = next((i for i, b in enumerate(blocks) if b.text.startswith("# ")), None)
    if marked is not None:
        return marked
    scored = [(score, i) for i, b in enumerate(blocks) if (score := _title_score(blocks, i)) > 0]
    return max(scored)[1] if scored else _one_word_title(blocks)


def _one_word_title(blocks: list[Block]) -> int | None:
    """"Lighthouses" above the byline or the article: a one-word title, when nothing longer is one."""
    for i, block in enumerate(blocks[:3]):
        text = block.text.strip("# ")
        if (block.words == 1 and block.is_heading and not is_furniture(text) and not _KICKER.match(text)
                and not find_date(text)[0]
                and (i == len(blocks) - 1 or any(_follows_title(b) for b in blocks[i + 1:i + 3]))):
            return i
    return None


def _title_score(blocks: list[Block], i: int) -> float:
    """How much a header line looks like the article's title; 0 when it cannot be one. Titles are
    the longer headings close to the article; site names, menus, kickers and breadcrumbs are not."""
    block = blocks[i]
    text = block.text.replace("\n", " ")
    if (block.is_prose or block.is_bullet or is_furniture(text) or CAPTION.search(text) or BYLINE.match(text)
            or not 2 <= block.words <= 20 or (block.is_byline_like and block.words < 6)
            or read_details(text, Details())):
        return 0.0
    words = text.split()
    score = 1.0 + min(len(words), 8) / 4 + 1.5 * i / len(blocks)
    score -= 2.5 if (_KICKER.match(text) and len(words) <= 3) or _BREADCRUMB.search(text) else 0.0
    score -= 2.0 if _CREDIT.search(text) or _DETAIL.match(text) else 0.0
    score += 1.5 if _INTERVIEW_TITLE.search(text) else 0.0
    score -= 2.0 if text.isupper() else 0.0
    score -= 2.0 if sum(1 for b in blocks if b.text == block.text) > 1 else 0.0  # a site name, repeated
    score -= 3.0 if _menu(words) else 0.0
    score -= 2.5 if block.words > 14 and block.is_sentence_case else 0.0  # a dek, not a title
    score += 1.0 if any(_follows_title(b) for b in blocks[i + 1:i + 3]) else 0.0
    score -= 2.0 if any(b.is_prose and b.words >= 15 for b in blocks[:i]) else 0.0  # below the standfirst
    return max(score, 0.0)


def _menu(words: list[str]) -> bool:
    """"Home Books Ideas Interviews Events Shop": capitalised words and nothing to join them."""
    capitals = sum(1 for w in words if w[:1].isupper())
    return len(words) >= 4 and capitals >= 0.8 * len(words) and not any(
        w.lower() in _SMALL_WORDS - {"in"} or re.search(r"[:,.?!'’]", w) for w in words)


def _follows_title(block: Block) -> bool:
    return block.is_byline_like or BYLINE.match(block.text) is not None or (block.is_prose and block.words >= 8)


def tidy_title(text: str) -> str:
    """One line, no Markdown hashes; a name in capitals written as a name ("HILDEGARD OYELOWO")."""
    title = " ".join(text.lstrip("# ").split())
    if not title.isupper():
        title = re.sub(r"\b[A-Z][A-Z'’-]{2,}\b", lambda m: m.group().title() if len(m.group()) > 3 else m.group(),
                       title)
    return title


def _standfirst(blocks: list[Block], title_at: int | None) -> str:
    start = 0 if title_at is None else title_at + 1
    for block in blocks[start:]:
        if (block.words >= 8 and not CAPTION.search(block.text) and not is_furniture(block.text)
                and (block.is_prose or (block.words >= 10 and block.is_sentence_case))):
            return without_section_lead(block.text.replace("\n", " "))
    return ""


def _publication(blocks: list[Block], title_at: int | None) -> str:
    """The site's name: a short first line that is not the title."""
    if not blocks or title_at == 0:
        return ""
    first = blocks[0].text.split("\n")[0]
    if (blocks[0].is_heading and not blocks[0].is_bullet and len(first.split()) <= 5 and not find_date(first)[0]
            and not is_furniture(first)):
        return first.lstrip("# ").strip()
    return ""


def _date_notes(blocks: list[Block], found: str) -> list[str]:
    """Why an episode has no date when its header shows one that cannot be used."""
    if found:
        return []
    for block in blocks:
        if block.words > 25:
            continue
        if ambiguous_date(block.text):
            return [f'the date "{ambiguous_date(block.text)}" reads two ways (day or month first): left '
                    "out; write it as YYYY-MM-DD on the script's Date line"]
        if _RECORDED.search(block.text) and find_date(block.text)[0]:
            return [f'"{" ".join(block.text.split())[:60]}" dates the recording, not the article: not used as '
                    "the episode's date"]
    return []
