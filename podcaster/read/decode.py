"""Bytes to clean text: refuse what is not text, normalise what is."""

from __future__ import annotations

import codecs
import re
import unicodedata
from pathlib import Path

from ..errors import InputError

MAX_BYTES = 5_000_000
_INVISIBLE = re.compile("[\u200b-\u200d\u2060\ufeff\u00ad]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SPACES = re.compile("[\u00a0\u2000-\u200a\u202f\u205f\u3000\t]")


def read_text(path: Path) -> str:
    """Read ``path`` as text, with a one-line InputError for anything unusable."""
    data = _read_bytes(path)
    text = normalise(decode(data, path))
    if not text.strip():
        raise InputError(f"{path}: the file holds only blank space; give an article with text")
    return text


def _read_bytes(path: Path) -> bytes:
    if not path.exists():
        raise InputError(f"{path}: no such file; check the path")
    if not path.is_file():
        raise InputError(f"{path}: not a file; give the path of an article file")
    if path.stat().st_size > MAX_BYTES:
        raise InputError(f"{path}: larger than {MAX_BYTES // 1_000_000} MB; split the article")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror}); check its permissions") from exc
    if not data:
        raise InputError(f"{path}: the file is empty; give an article with text")
    return data


def decode(data: bytes, path: Path) -> str:
    """UTF-8 (BOM or not), UTF-16 with BOM, else cp1252; binary data is refused."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    if data.startswith(codecs.BOM_UTF8):
        data = data[3:]
    if _looks_binary(data):
        raise InputError(f"{path}: looks like a binary file, not text; "
                         "give a .txt, .md or .script.json article")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _looks_binary(data: bytes) -> bool:
    sample = data[:65536]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return controls > len(sample) * 0.01


def normalise(text: str) -> str:
    """Unicode NFC, Unix newlines, plain spaces, no invisible or control characters."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = _INVISIBLE.sub("", text)
    text = _CONTROL.sub("", text)
    text = _SPACES.sub(" ", text)
    return "\n".join(line.rstrip() for line in text.split("\n"))
