"""Find the article in text copied from a web page: header, body, end notes, and what was left out.

The body is the stretch of the page where the article's paragraphs are: prose, speaker turns
(even short ones: "Yes."), questions, stage directions, with at most a few lines of something
else between them (an advert, a caption, a section heading). Navigation, share buttons, lists
of links and footers around it are left out, and the notes say how many words, so nothing
disappears silently. The header (title, byline with date, standfirst) sits just before the
body; an editorial note and an author bio may follow it and belong to the narrator.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..formats.punctuation import CLOSERS, SENTENCE_MARKS
from ..model import Article
from .blocks import Block, split_blocks
from .furniture import is_furniture, left_out_note
from .header import CAPTION, read_header

NOTE = re.compile(
    r"^(?:this (?:is|was) (?:the|a|an|part)|this (?:interview|article|piece|conversation|essay|"
    r"transcript|series)\b|the (?:interview|conversation) (?:has|was)\b|interview (?:has been|edited)"
    r"|editor'?s note|note:)|edited for (?:length|clarity)|condensed for|originally (?:published|appeared)"
    r"|first (?:published|appeared)|supported by|in partnership with|part of (?:a|our) series",
    re.IGNORECASE)
BIO = re.compile(r"^(?:[A-Z][\w'’.-]+ ){1,3}[A-Z][\w'’-]+,? (?:is|was|has been|teaches|works|writes|"
                  r"leads|directs|serves|holds|lives)\b")
MAX_GAP = 3  # lines of something else the body may hold between two of its paragraphs
MIN_BODY_MERGE = 3  # paragraphs on each side of such a gap
MIN_MERGE_WORDS = 60
LONG_SECTION = 100  # or one long paragraph: an essay's section under its heading
SECTION_WORDS = 40  # on each side of a lone section heading
COVERAGE = 0.9  # below this share of the page's prose in the body, the notes say so loudly
LOST_BLOCKS, LOST_WORDS = 5, 250  # a stretch left out that may be part of the article


@dataclass
class _Span:
    start: int  # block index of the first paragraph
    end: int  # block index after the last paragraph

    def size(self, blocks: list[Block]) -> int:
        return sum(b.words for b in blocks[self.start:self.end] if _is_body(b))


def parse_page(text: str) -> Article:
    blocks = split_blocks(text)
    spans = _body_spans(blocks)
    span = max(spans, key=lambda s: s.size(blocks), default=None)
    if span is None:
        return Article()
    article = read_header(blocks[:span.start])
    article.around = "\n".join(b.text for b in blocks[:span.start])
    body = blocks[span.start:span.end]
    if article.subtitle == "" and _standfirst_opens(body, article):
        article.subtitle, body = body[0].text, body[1:]
    article.paragraphs, article.headings, dropped = _paragraphs(body)
    notes = _trailing_notes(article.paragraphs)
    tail, used = _end_notes(blocks[span.end:])
    article.endnotes = notes + tail
    article.notes = _left_out_notes(blocks, span, article, dropped, used)
    article.notes[:0] = _lost_runs(blocks, [s for s in spans if s is not span], article)
    return article


def _is_body(block: Block) -> bool:
    return (block.is_prose or block.is_label or block.is_stage) and not is_furniture(block.text)


def _body_spans(blocks: list[Block]) -> list[_Span]:
    """Runs of body paragraphs, joined over a short gap (a heading, an advert) when the body
    clearly goes on on both sides; the one with the most words is the article."""
    runs: list[_Span] = []
    for i in range(len(blocks)):
        if _is_body(blocks[i]) or _between_body(blocks, i):
            if runs and runs[-1].end == i:
                runs[-1].end = i + 1
            else:
                runs.append(_Span(i, i + 1))
    merged: list[_Span] = []
    for run in runs:
        if merged and _joinable(merged[-1], run, blocks):
            merged[-1] = _Span(merged[-1].start, run.end)
        else:
            merged.append(run)
    return merged


def _joinable(left: _Span, right: _Span, blocks: list[Block]) -> bool:
    gap = blocks[left.end:right.start]
    headings = sum(1 for b in gap if not is_furniture(b.text))
    if len(gap) > MAX_GAP or headings > 1 or any(b.is_bullet or b.is_byline_like for b in gap):
        return False
    if len(gap) == 1 and gap[0].is_heading:  # one section heading between two stretches of an essay
        return min(left.size(blocks), right.size(blocks)) >= SECTION_WORDS
    return _substantial(left, blocks) and _substantial(right, blocks)


def _substantial(run: _Span, blocks: list[Block]) -> bool:
    """Enough of the article to be sure it goes on: several paragraphs, or speaker turns."""
    inside = blocks[run.start:run.end]
    words = run.size(blocks)
    return (run.end - run.start >= MIN_BODY_MERGE and words >= MIN_MERGE_WORDS) or words >= LONG_SECTION or sum(
        b.turns for b in inside) >= 2


def _between_body(blocks: list[Block], i: int) -> bool:
    """A line of running text between two paragraphs (a question without '?', a short reply)."""
    block = blocks[i]
    inside = 0 < i < len(blocks) - 1 and _is_body(blocks[i - 1]) and _is_body(blocks[i + 1])
    short_reply = block.words <= 6 and bool(re.search(rf"[{SENTENCE_MARKS}]$", block.text))
    return inside and (block.is_sentence_case or short_reply) and not block.is_bullet and not CAPTION.search(
        block.text) and not is_furniture(block.text)


def _standfirst_opens(body: list[Block], article: Article) -> bool:
    """The first paragraph is the standfirst: prose, no label, then a conversation starts."""
    if len(body) < 3 or not article.title:
        return False
    first, second = body[0], body[1]
    return (first.is_prose and not first.is_label and 8 <= first.words <= 80 and second.is_label
            and not CAPTION.search(first.text))


def _paragraphs(body: list[Block]) -> tuple[list[str], dict[int, str], list[str]]:
    paragraphs: list[str] = []
    headings: dict[int, str] = {}
    dropped: list[str] = []
    for block in body:
        if is_furniture(block.text):
            dropped.append(block.text)
        elif _section_heading(block):
            headings[len(paragraphs)] = block.text
        else:
            paragraphs.append(block.text)
    return paragraphs, headings, dropped


def _section_heading(block: Block) -> bool:
    """A heading inside the body: short, Title Case or capitals or ``#``, no sentence in it."""
    if (not block.is_heading or block.is_stage or block.is_sentence_case or block.words > 12
            or re.search(rf"[{SENTENCE_MARKS}][\s{CLOSERS}]", block.text)):
        return False
    words = [w for w in block.text.lstrip("# ").split() if w[:1].isalpha()]
    capitals = sum(1 for w in words if w[0].isupper())
    return block.text.startswith("#") or block.text.isupper() or (bool(words) and capitals >= 0.6 * len(words))


def _left_out_notes(blocks: list[Block], span: _Span, article: Article, dropped: list[str],
                    tail_notes: int) -> list[str]:
    before = [b.text for b in blocks[:span.start] if not _in_header(b.text, article)]
    after = [b.text for b in blocks[span.end + tail_notes:]]
    notes = [note for note in (left_out_note("before the article", before),
                               left_out_note("inside the article", dropped),
                               left_out_note("after the article", after)) if note]
    return notes


def _lost_runs(blocks: list[Block], others: list[_Span], article: Article) -> list[str]:
    """A loud note when long stretches of prose or turns outside the article were left out, and
    they add up to more than a tenth of what was kept: part of the article may be missing."""
    lost = [s for s in others if s.end - s.start >= LOST_BLOCKS or s.size(blocks) >= LOST_WORDS]
    words = sum(s.size(blocks) for s in lost)
    kept = sum(len(t.split()) for t in [*article.paragraphs, *article.endnotes, article.subtitle])
    if not lost or kept >= COVERAGE * (kept + words):
        return []
    where = ", ".join(f'"{" ".join(blocks[s.start].text.split()[:5])}…"' for s in lost[:3])
    return [f"CHECK: {words} words of prose apart from the article were left out ({where}); "
            f"only {100 * kept // (kept + words)}% of the page's prose is in the script: check nothing is missing"]


def _in_header(text: str, article: Article) -> bool:
    return any(text and (text in field or field in text)
               for field in (article.title, article.subtitle, article.author, article.publication) if field)


def _trailing_notes(paragraphs: list[str]) -> list[str]:
    """Editorial notes that close the body itself move to the narrator's end notes."""
    notes: list[str] = []
    while len(paragraphs) > 1 and NOTE.search(paragraphs[-1]) and len(paragraphs[-1].split()) < 60:
        notes.insert(0, paragraphs.pop())
    return notes


def _end_notes(tail: list[Block]) -> tuple[list[str], int]:
    """The editorial note and author bio right after the body, and how many blocks they take
    (name lines between them included); stop at the first other thing."""
    notes: list[str] = []
    used = 0
    for i, block in enumerate(tail[:8]):
        if NOTE.search(block.text) and block.words >= 5 and not notes:
            notes.append(block.text)
        elif BIO.match(block.text) and block.words >= 10:
            notes.append(block.text)
            return notes, i + 1
        elif not block.is_name_line:
            break
        used = i + 1 if notes else used
    return notes, used
