"""Find the article in text copied from a web page: header, body run, end notes.

The body is the longest run of prose paragraphs; navigation, adverts, lists of
links and footers are short lines or isolated paragraphs around it. The header
(title, byline with date, standfirst) sits just before the body; an editorial
note and an author bio may follow it and belong to the narrator.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Article
from .blocks import Block, split_blocks
from .dates import find_date

NOTE = re.compile(
    r"^(?:this (?:is|was) (?:the|a|an|part)|this (?:interview|article|piece|conversation|essay|"
    r"transcript|series)\b|the (?:interview|conversation) (?:has|was)\b|interview (?:has been|edited)"
    r"|editor'?s note|note:)|edited for (?:length|clarity)|condensed for|originally (?:published|appeared)"
    r"|first (?:published|appeared)|supported by|in partnership with|part of (?:a|our) series",
    re.IGNORECASE)
BIO = re.compile(r"^(?:[A-Z][\w'’.-]+ ){1,3}[A-Z][\w'’-]+,? (?:is|was|has been|teaches|works|writes|"
                  r"leads|directs|serves|holds|lives)\b")
_BYLINE = re.compile(r"^(?:by|interview by|words by)\s+(.+)$", re.IGNORECASE)
_CAPTION = re.compile(r"(?:photo|image|picture|credit|©|shutterstock|getty|alamy|reuters|\bap\b|/)",
                      re.IGNORECASE)
MIN_BODY_MERGE = 3  # prose paragraphs on each side of a heading to treat it as a section heading


@dataclass
class _Run:
    start: int  # block index of the first paragraph
    end: int  # block index after the last paragraph

    def size(self, blocks: list[Block]) -> int:
        return sum(b.words for b in blocks[self.start:self.end] if b.is_prose)


def parse_page(text: str) -> Article:
    blocks = split_blocks(text)
    run = _body_run(blocks)
    if run is None:
        return Article()
    article = _header(blocks[:run.start])
    body = blocks[run.start:run.end]
    article.paragraphs, article.headings = _paragraphs(body)
    notes = _trailing_notes(article.paragraphs)
    article.endnotes = notes + _end_notes(blocks[run.end:])
    return article


def _body_run(blocks: list[Block]) -> _Run | None:
    runs = _prose_runs(blocks)
    runs = _merge_over_headings(runs, blocks)
    return max(runs, key=lambda r: r.size(blocks), default=None)


def _prose_runs(blocks: list[Block]) -> list[_Run]:
    runs, start = [], None
    for i in range(len(blocks) + 1):
        in_body = i < len(blocks) and _is_body_block(blocks, i)
        if in_body and start is None:
            start = i
        elif not in_body and start is not None:
            runs.append(_Run(start, i))
            start = None
    return runs


def _is_body_block(blocks: list[Block], i: int) -> bool:
    """Prose, or a line of running text between two prose paragraphs (a question without '?')."""
    block = blocks[i]
    if block.is_prose:
        return True
    inside = 0 < i < len(blocks) - 1 and blocks[i - 1].is_prose and blocks[i + 1].is_prose
    return inside and block.is_sentence_case and not block.is_bullet and not _CAPTION.search(block.text)


def _merge_over_headings(runs: list[_Run], blocks: list[Block]) -> list[_Run]:
    """Join two long runs separated by one heading line: a section heading inside the body."""
    merged: list[_Run] = []
    for run in runs:
        if merged and _joinable(merged[-1], run, blocks):
            merged[-1] = _Run(merged[-1].start, run.end)
        else:
            merged.append(run)
    return merged


def _joinable(left: _Run, right: _Run, blocks: list[Block]) -> bool:
    gap = blocks[left.end:right.start]
    return (len(gap) == 1 and gap[0].is_heading and not gap[0].is_byline_like
            and left.end - left.start >= MIN_BODY_MERGE and right.end - right.start >= MIN_BODY_MERGE)


def _paragraphs(body: list[Block]) -> tuple[list[str], dict[int, str]]:
    paragraphs: list[str] = []
    headings: dict[int, str] = {}
    for block in body:
        if not block.is_heading or block.is_sentence_case:
            paragraphs.append(block.text)
        else:
            headings[len(paragraphs)] = block.text
    return paragraphs, headings


def _trailing_notes(paragraphs: list[str]) -> list[str]:
    """Editorial notes that close the body itself move to the narrator's end notes."""
    notes: list[str] = []
    while len(paragraphs) > 1 and NOTE.search(paragraphs[-1]) and len(paragraphs[-1].split()) < 60:
        notes.insert(0, paragraphs.pop())
    return notes


def _end_notes(tail: list[Block]) -> list[str]:
    """The editorial note and author bio right after the body; stop at the first other thing."""
    notes: list[str] = []
    for block in tail[:8]:
        if NOTE.search(block.text) and block.words >= 5 and not notes:
            notes.append(block.text)
        elif BIO.match(block.text) and block.words >= 10:
            notes.append(block.text)
            break
        elif not block.is_name_line:
            break
    return notes


def _header(blocks: list[Block]) -> Article:
    article = Article()
    byline_at = _byline_index(blocks)
    if byline_at is not None:
        byline = blocks[byline_at].text
        date, rest = find_date(byline)
        article.date = date
        match = _BYLINE.match(rest.strip())
        article.author = (match.group(1) if match else rest).strip(" ,|-–—")
    title_at = _title_index(blocks, byline_at)
    if title_at is not None:
        article.title = blocks[title_at].text.lstrip("# ").strip()
    article.subtitle = _standfirst(blocks, title_at)
    article.publication = _publication(blocks, title_at)
    if not article.date:
        article.date = next((d for d, _ in map(find_date, (b.text for b in blocks)) if d), "")
    return article


def _byline_index(blocks: list[Block]) -> int | None:
    for i, block in enumerate(blocks):
        if block.words <= 15 and (find_date(block.text)[0] or _BYLINE.match(block.text)):
            return i
    return None


def _title_index(blocks: list[Block], byline_at: int | None) -> int | None:
    for i, block in enumerate(blocks):
        if block.text.startswith("# "):
            return i
    limit = byline_at if byline_at is not None else len(blocks)
    candidates = [i for i in range(limit) if _title_like(blocks[i])]
    if byline_at is None:
        first_prose = next((i for i, b in enumerate(blocks) if b.is_prose), len(blocks))
        candidates = [i for i in candidates if i < first_prose] or candidates
    return candidates[-1] if candidates else None


def _title_like(block: Block) -> bool:
    return (block.is_heading and not block.is_bullet and not block.is_byline_like
            and not _CAPTION.search(block.text) and 2 <= block.words <= 20)


def _standfirst(blocks: list[Block], title_at: int | None) -> str:
    start = 0 if title_at is None else title_at + 1
    for block in blocks[start:]:
        if block.is_prose and block.words >= 8 and not _CAPTION.search(block.text):
            return block.text
    return ""


def _publication(blocks: list[Block], title_at: int | None) -> str:
    """The site's name: a short first line that is not the title."""
    if not blocks or title_at == 0:
        return ""
    first = blocks[0]
    if first.is_heading and not first.is_bullet and first.words <= 5 and not find_date(first.text)[0]:
        return first.text.lstrip("# ").strip()
    return ""
