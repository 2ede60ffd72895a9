"""Readers: an input file becomes an Article (metadata in, boilerplate out)."""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError
from ..model import Article
from .decode import read_text
from .page import parse_page

__all__ = ["read_article", "read_text", "parse_page"]


def read_article(path: Path) -> Article:
    """Read a plain-text or Markdown article copied from anywhere."""
    text = read_text(Path(path))
    article = parse_page(text)
    article.source = str(path)
    if not article.paragraphs:
        raise InputError(f"{path}: no article text found after removing page boilerplate; "
                         "check that the file holds the article itself")
    return article
