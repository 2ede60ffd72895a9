"""A Markdown article to an Article, parsed by markdown-it-py (CommonMark, tables, strikethrough).

Front matter (``---`` lines with ``key: value``) gives title, subtitle, date, author and
publication. Code blocks, tables and images are dropped; links keep their text; HTML
blocks are read as HTML. See ``structured`` for the form handed to the splitter.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.deflist import deflist_plugin

from ..model import Article
from .frontmatter import article_from_fields, read_front_matter
from .html import fragment_parts
from .structured import LINE_BREAK, SOFT_BREAK, Part, Run, build_article, join_items, render, split_bold_lead

_BOLD_TAG = re.compile(r"</?(?:b|strong)\s*>", re.IGNORECASE)
_BREAK_TAG = re.compile(r"<br\s*/?>", re.IGNORECASE)
_PARSER = MarkdownIt("commonmark").enable(["table", "strikethrough"]).use(deflist_plugin)
_TEMPLATE_TAG = re.compile(r"\{%.*?%\}|\{\{.*?\}\}", re.DOTALL)  # Liquid, Jinja: the site's, not the article's
_SPEAKER_COLUMN = re.compile(r"^(?:speaker|name|who|person|voice)s?$", re.IGNORECASE)
_TEXT_COLUMN = re.compile(r"^(?:transcript|text|words|dialogue|speech|what was said|line)s?$", re.IGNORECASE)
CAPTION_WORDS = 30  # a caption is a line, not a paragraph of the answer
_REFERENCE_LINK = re.compile(r"\[([^\[\]\n]+)\]\[([^\[\]\n]*)\]")  # [text][label], [text][]


def parse_markdown(text: str) -> Article:
    meta, body = front_matter(text)
    parts = _Parts(meta)
    parts.read(_PARSER.parse(with_link_labels(_TEMPLATE_TAG.sub("", body))))
    return build_article(parts.parts, meta)


def with_link_labels(body: str) -> str:
    """Define the labels of reference links whose definitions were not copied, so they read as their text."""
    labels = {(label or text).strip() for text, label in _REFERENCE_LINK.findall(body)}
    if not labels:
        return body
    return body + "\n\n" + "\n".join(f"[{label}]: #" for label in sorted(labels)) + "\n"


def front_matter(text: str) -> tuple[Article, str]:
    """Metadata from YAML front matter (``---``) or TOML (``+++``), and the text after it."""
    fields, body = read_front_matter(text)
    return article_from_fields(fields), body


class _Parts:
    """Tokens -> parts: paragraphs, headings; lists, tables and definition lists as the article means them."""

    def __init__(self, meta: Article):
        self.meta, self.parts = meta, list[Part]()
        self.items: list[list[list[Run]]] = []  # per list item, its paragraphs
        self.lists = 0  # depth of list nesting
        self.loose = False  # a list whose items hold paragraphs (a Q&A set as a numbered list)
        self.ordered = False
        self.table: list[list[str]] | None = None
        self.term = ""  # a definition list's term, waiting for its definition
        self.image = False  # the last paragraph was an image alone: a short one next is its caption
        self.after_break = False  # a thematic break (* * *) came before the next paragraph

    def read(self, tokens: list[Token]) -> None:
        for previous, token in zip([None, *tokens], tokens):
            self.take(previous, token)

    def take(self, previous: Token | None, token: Token) -> None:
        kind = token.type
        if kind in ("bullet_list_open", "ordered_list_open"):
            self.lists += 1
            if self.lists == 1:
                self.ordered, self.loose, self.items = kind == "ordered_list_open", False, []
        elif kind in ("bullet_list_close", "ordered_list_close"):
            self.lists -= 1
            if not self.lists:
                self._end_list()
        elif kind == "list_item_open" and self.lists == 1:
            self.items.append([])
        elif kind == "paragraph_open" and self.lists and not token.hidden:
            self.loose = True
        elif kind == "table_open":
            self.table = []
        elif kind == "tr_open" and self.table is not None:
            self.table.append([])
        elif kind == "table_close":
            self._end_table()
        elif kind == "html_block" and not self.lists:
            self.parts.extend(fragment_parts(token.content))
        elif kind == "hr":
            self.after_break = True
        elif kind == "inline":
            self._inline(previous, token.children or [])

    def _inline(self, previous: Token | None, children: list[Token]) -> None:
        opener = previous.type if previous is not None else ""
        runs = _runs(children)
        if self.table is not None:
            self.table[-1].append(render(runs)[0].replace("\n", " ")) if self.table else None
        elif previous is not None and opener == "heading_open":
            self.parts.append(Part(render(runs)[0], level=int(previous.tag[1])))
        elif opener == "dt_open":
            self.term = render(runs)[0]
        elif self.lists:
            if not self.items:
                self.items.append([])
            self.items[-1].append(runs)
        elif self.term:
            self.parts.append(Part(f"{self.term} — {render(runs)[0]}"))
            self.term = ""
        elif _only_images(children):
            self.image = True
            return
        else:
            self._body(runs)
        self.image = False

    def _body(self, runs: list[Run]) -> None:
        """A paragraph of the article (or the turns a bold lead splits it into)."""
        parts = [_paragraph(lines) for lines in split_bold_lead(runs)]
        if parts:
            parts[0].caption = self.image and len(parts) == 1 and len(parts[0].text.split()) <= CAPTION_WORDS
            parts[0].after_break, self.after_break = self.after_break, False
        self.parts.extend(parts)

    def _end_list(self) -> None:
        if self.loose:  # each paragraph of each item is a paragraph of the article
            for item in self.items:
                for runs in item:
                    self.parts.extend(_paragraph(lines) for lines in split_bold_lead(runs))
            return
        texts = [" ".join(render(runs)[0] for runs in item) for item in self.items]
        if self.ordered:
            texts = [f"{n}. {t}" for n, t in enumerate(texts, start=1)]
        self.parts.append(Part(join_items(texts)))

    def _end_table(self) -> None:
        """A transcript laid out as a table (Time | Speaker | Transcript) becomes its turns."""
        rows, self.table = self.table or [], None
        header = rows[0] if rows else []
        who = next((i for i, cell in enumerate(header) if _SPEAKER_COLUMN.match(cell.strip())), None)
        said = next((i for i, cell in enumerate(header) if _TEXT_COLUMN.match(cell.strip())), None)
        if who is None or said is None:
            if rows:
                self.meta.notes.append(f"left out a table of {len(rows)} rows: tables are not read aloud")
            return
        for row in rows[1:]:
            if len(row) > max(who, said) and row[said].strip():
                speaker = re.sub(r",.*$", "", row[who]).strip()
                self.parts.append(Part(f"**{speaker}:** {row[said]}" if speaker else row[said]))


def _paragraph(runs: list[Run]) -> Part:
    text, italic = render(runs)
    return Part(text, italic=italic)


def _runs(children: list[Token]) -> list[Run]:
    runs: list[Run] = []
    bold = italic = 0
    for token in children:
        kind = token.type
        if kind in ("text", "code_inline"):
            runs.append(Run(token.content, bold > 0, italic > 0))
        elif kind == "softbreak":
            runs.append(Run(SOFT_BREAK))
        elif kind == "hardbreak" or _is_tag(token, _BREAK_TAG):
            runs.append(Run(LINE_BREAK))
        elif kind in ("strong_open", "strong_close"):
            bold += 1 if kind == "strong_open" else -1
        elif kind in ("em_open", "em_close"):
            italic += 1 if kind == "em_open" else -1
        elif _is_tag(token, _BOLD_TAG):
            bold += -1 if token.content.startswith("</") else 1
    return runs


def _only_images(children: list[Token]) -> bool:
    """An image on its own line (its alt text is not read): the paragraph after may caption it."""
    return any(t.type == "image" for t in children) and all(
        t.type in ("image", "softbreak", "hardbreak") or (t.type == "text" and not t.content.strip())
        for t in children)


def _is_tag(token: Token, tag: re.Pattern) -> bool:
    return token.type == "html_inline" and bool(tag.fullmatch(token.content))
