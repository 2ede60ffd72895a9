"""Sentences of a paragraph, by pysbd: one segmentation serves chapter titles and the plan."""

from __future__ import annotations

from functools import lru_cache

import pysbd


@lru_cache(maxsize=1)
def _segmenter() -> pysbd.Segmenter:
    return pysbd.Segmenter(language="en", clean=False)


@lru_cache(maxsize=1024)
def sentences(paragraph: str) -> tuple[str, ...]:
    """The paragraph's sentences, stripped; a paragraph asked for twice is segmented once."""
    return tuple(s.strip() for s in _segmenter().segment(paragraph) if s.strip())
