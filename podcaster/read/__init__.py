"""Readers: an input (text, Markdown or HTML file, or a web address) becomes an Article."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from ..errors import InputError
from ..formats import scriptfile, scripttext
from ..formats.decode import read_bytes, read_text, reading_notes, to_text
from ..formats.plaintext import decode_entities, drop_tags, normalise
from ..model import Article, Script
from .frontmatter import FRONT_MATTER
from .page import parse_page
from .web import fetch, is_url

__all__ = ["read_source", "read_article", "read_text", "reading_notes", "parse_page", "parse_html", "parse_markdown",
           "is_url"]

HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
MARKDOWN_SUFFIXES = {".md", ".markdown", ".mdown", ".mkd"}
TEXT_SUFFIXES = {".txt", ".text"}
_HTML_START = re.compile(r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)\b",
                         re.IGNORECASE | re.DOTALL)
_MARKDOWN_HEADING = re.compile(r"^#{1,6} \S", re.MULTILINE)
_MARKDOWN_INLINE = re.compile(r"\*\*\S[^\n]*?\*\*|\[[^\]\n]+\]\([^)\s]+\)")
_CHARSET_META = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([\w.:-]+)", re.IGNORECASE)


def read_source(source: str | Path) -> Article | Script:
    """An article (a file or an http(s) address), or a script file (``.script.json``,
    ``.script.txt``, or a text script renamed): fetched or read and decoded once, then read
    by the reader its name and text call for."""
    name = str(source)
    if is_url(name):
        return read_article(name)
    text = _text_of_file(Path(name))
    if scriptfile.is_script_file(Path(name)):
        return scriptfile.loads(text, name)
    if scripttext.is_text_script(name, text):
        return scripttext.loads(text, name)
    return _article(text, _kind_of_file(Path(name), text), name)


def read_article(source: str | Path) -> Article:
    """Read an article from a file or an http(s) address, choosing the reader by its kind."""
    name = str(source)
    if is_url(name):
        page = fetch(name)
        text = to_text(page.data, name, page.charset or _meta_charset(page.data))
        return _article(text, _kind_of_content(page.content_type, name, text), name)
    text = _text_of_file(Path(name))
    return _article(text, _kind_of_file(Path(name), text), name)


def _text_of_file(path: Path) -> str:
    data = read_bytes(path)
    return to_text(data, path, _meta_charset(data))


def _article(text: str, kind: str, name: str) -> Article:
    article = _READERS[kind](text, name)
    article.source = name
    if not article.paragraphs:
        raise InputError(f"{name}: no article text found after removing page boilerplate; "
                         "check that it holds the article itself")
    if not article.title:
        article.title = title_from_name(name)
        article.notes.append(f'no title found: called it "{article.title}" after its file name; '
                             "write the real one on the script's Title line")
    return article


def title_from_name(source: str) -> str:
    """``the-night-shift-at-the-kiln.txt`` -> "The Night Shift at the Kiln"."""
    stem = Path(source.split("?")[0].split("#")[0].rstrip("/")).stem
    words = re.sub(r"[-_.+]+", " ", stem).split()
    small = {"a", "an", "the", "of", "on", "in", "at", "and", "or", "for", "to", "by", "with", "from"}
    titled = [w if w.isupper() or not w.isalpha() else (w.lower() if i and w.lower() in small else w.capitalize())
              for i, w in enumerate(words)]
    return " ".join(titled) or "An interview"


def __getattr__(name: str):
    """``parse_html`` and ``parse_markdown`` load on first use: trafilatura is slow to import,
    and a plain-text article should not pay for it."""
    if name == "parse_html":
        from .html import parse_html
        return parse_html
    if name == "parse_markdown":
        from .markdown import parse_markdown
        return parse_markdown
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _read_html(text: str, name: str) -> Article:
    from .html import parse_html
    return parse_html(text, name if is_url(name) else "")


def _read_markdown(text: str, name: str) -> Article:
    from .markdown import parse_markdown
    return parse_markdown(text)


def _read_plain(text: str, name: str) -> Article:
    """Tags typed into plain text (``<speak>``, ``<b>``) go, their words stay; entities are decoded."""
    return parse_page(normalise(decode_entities(drop_tags(text))))


_READERS: dict[str, Callable[[str, str], Article]] = {
    "html": _read_html,
    "markdown": _read_markdown,
    "text": _read_plain,
}


def _kind_of_file(path: Path, text: str) -> str:
    suffix = path.suffix.lower()
    if suffix in HTML_SUFFIXES or _HTML_START.match(text):
        return "html"
    if suffix in MARKDOWN_SUFFIXES:
        return "markdown"
    return "text" if suffix in TEXT_SUFFIXES else _sniff(text)


def _kind_of_content(content_type: str, url: str, text: str) -> str:
    if content_type in ("text/html", "application/xhtml+xml") or _HTML_START.match(text):
        return "html"
    if content_type in ("text/markdown", "text/x-markdown"):
        return "markdown"
    suffix = Path(url.split("?")[0].split("#")[0]).suffix.lower()
    return "markdown" if suffix in MARKDOWN_SUFFIXES else _sniff(text)


def _sniff(text: str) -> str:
    """Markdown when it has front matter, or headings marked with # and Markdown emphasis or links."""
    if FRONT_MATTER.match(text) or (_MARKDOWN_HEADING.search(text) and _MARKDOWN_INLINE.search(text)):
        return "markdown"
    return "text"


def _meta_charset(data: bytes) -> str:
    """The charset an HTML page declares in a <meta> tag near its start, or ""."""
    match = _CHARSET_META.search(data[:4096])
    return match.group(1).decode("ascii", "ignore") if match else ""
