"""A Markdown article to an Article, parsed by markdown-it-py (CommonMark, tables, strikethrough).

Front matter (``---`` lines with ``key: value``) gives title, subtitle, date, author and
publication. Code blocks, tables and images are dropped; links keep their text; HTML
blocks are read as HTML. See ``structured`` for the form handed to the splitter.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.token import Token

from ..model import Article
from .dates import find_date
from .html import fragment_parts
from .structured import FRONT_MATTER, LINE_BREAK, Part, Run, build_article, join_items, render, split_bold_lead

_FIELD = re.compile(r"^([A-Za-z_-]+)\s*:\s*(.*)$")
_KEYS = {"title": "title", "subtitle": "subtitle", "description": "subtitle", "summary": "subtitle",
         "standfirst": "subtitle", "excerpt": "subtitle", "date": "date", "published": "date",
         "author": "author", "authors": "author", "by": "author", "publication": "publication",
         "site": "publication", "sitename": "publication", "publisher": "publication"}
_BOLD_TAG = re.compile(r"</?(?:b|strong)\s*>", re.IGNORECASE)
_BREAK_TAG = re.compile(r"<br\s*/?>", re.IGNORECASE)
_PARSER = MarkdownIt("commonmark").enable(["table", "strikethrough"])


def parse_markdown(text: str) -> Article:
    meta, body = front_matter(text)
    return build_article(_parts(_PARSER.parse(body)), meta)


def front_matter(text: str) -> tuple[Article, str]:
    """Metadata from YAML-style front matter, and the text after it."""
    match = FRONT_MATTER.match(text)
    meta = Article()
    if not match:
        return meta, text
    for line in match.group(1).splitlines():
        field = _FIELD.match(line.strip())
        key = _KEYS.get(field.group(1).lower()) if field else None
        value = field.group(2).strip().strip("[]").strip().strip("\"'") if field else ""
        if key and value and not getattr(meta, key):
            setattr(meta, key, find_date(value)[0] if key == "date" else value)
    return meta, text[match.end():]


def _parts(tokens: list[Token]) -> list[Part]:
    parts: list[Part] = []
    items: list[str] = []
    lists = 0  # depth of list nesting
    in_table = False
    for previous, token in zip([None, *tokens], tokens):
        kind = token.type
        if kind in ("bullet_list_open", "ordered_list_open"):
            lists += 1
        elif kind in ("bullet_list_close", "ordered_list_close"):
            lists -= 1
            if not lists:
                parts.append(Part(join_items(items)))
                items = []
        elif kind in ("table_open", "table_close"):
            in_table = kind == "table_open"
        elif kind == "html_block" and not lists:
            parts.extend(fragment_parts(token.content))
        elif kind == "inline" and not in_table:
            runs = _runs(token.children or [])
            if previous is not None and previous.type == "heading_open":
                parts.append(Part(render(runs)[0], level=int(previous.tag[1])))
            elif lists:
                items.append(render(runs)[0])
            else:
                parts.extend(_paragraph(lines) for lines in split_bold_lead(runs))
    return parts


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
        elif kind in ("softbreak", "hardbreak") or _is_tag(token, _BREAK_TAG):
            runs.append(Run(LINE_BREAK))
        elif kind in ("strong_open", "strong_close"):
            bold += 1 if kind == "strong_open" else -1
        elif kind in ("em_open", "em_close"):
            italic += 1 if kind == "em_open" else -1
        elif _is_tag(token, _BOLD_TAG):
            bold += -1 if token.content.startswith("</") else 1
    return runs


def _is_tag(token: Token, tag: re.Pattern) -> bool:
    return token.type == "html_inline" and bool(tag.fullmatch(token.content))
