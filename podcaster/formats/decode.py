"""Bytes to clean text: refuse what is not text, detect the encoding, normalise.

UTF-8 is tried first (a legacy text almost never decodes as UTF-8 by chance), then a
declared charset, then UTF-8 with a few stray bytes replaced (and a note saying so) when its
valid non-ASCII characters outnumber the stray bytes. Otherwise cp1252 (the usual legacy
encoding of Western text, a superset of latin-1's printable characters) unless it reads as a
mess by charset-normalizer's mess detector, as Cyrillic, Greek or Central European bytes do;
then charset-normalizer's pick.
"""

from __future__ import annotations

import codecs
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

from charset_normalizer import from_bytes
from charset_normalizer.md import mess_ratio

from ..errors import InputError
from .plaintext import normalise

MAX_BYTES = 5_000_000
LEGACY_DEFAULT = "cp1252"
MESS_LIMIT = 0.2  # charset-normalizer's own threshold for text that reads cleanly
MESS_SAMPLE = 100_000  # characters measured
REPLACED = "\ufffd"
_notes: ContextVar[list[str] | None] = ContextVar("reading_notes", default=None)
# Browsers read these labels as windows-1252 (WHATWG Encoding Standard).
_AS_CP1252 = {"iso-8859-1", "iso8859-1", "latin-1", "latin1", "l1", "us-ascii", "ascii", "windows-1252"}


def read_text(path: Path) -> str:
    """Read ``path`` as text, with a one-line InputError for anything unusable."""
    return to_text(read_bytes(Path(path)), path)


def to_text(data: bytes, source: object, declared: str = "") -> str:
    """Decode and normalise; refuse text that is only blank space."""
    text = normalise(decode(data, source, declared))
    if not text.strip():
        raise InputError(f"{source}: the file holds only blank space; give an article with text")
    return text


def read_bytes(path: Path) -> bytes:
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


def decode(data: bytes, source: object, declared: str = "") -> str:
    """BOM, else UTF-8, else the declared charset, else a detected legacy encoding."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace")
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace")
    if _looks_binary(data):
        raise InputError(f"{source}: looks like a binary file, not text; "
                         "give a .txt, .md or .html article or a .script.json")
    for encoding in ("utf-8", _codec(declared)):
        if encoding:
            try:
                return data.decode(encoding)
            except UnicodeError:  # UnicodeDecodeError, or a codec such as idna failing its own way
                continue
    return _mostly_utf8(data, source) or data.decode(detect_legacy(data, source))


@contextmanager
def reading_notes() -> Iterator[list[str]]:
    """Collect what decoding had to repair, as notes for the script (``podcaster: note: …``)."""
    notes: list[str] = []
    token = _notes.set(notes)
    try:
        yield notes
    finally:
        _notes.reset(token)


def _note(text: str) -> None:
    collected = _notes.get()
    if collected is not None and text not in collected:
        collected.append(text)


def _mostly_utf8(data: bytes, source: object) -> str | None:
    """UTF-8 but for a few stray bytes: decoded with those replaced, and noted; else None."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count(REPLACED) - data.count(REPLACED.encode("utf-8"))
    good = sum(1 for ch in text if ord(ch) > 0x7F and ch != REPLACED)
    if not 0 < bad <= good:
        return None
    line = 1
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[:error.start].count(b"\n") + 1
    _note(f"{source}: {bad} stray byte{'s' if bad > 1 else ''} not valid UTF-8 (first on line {line}); "
          f"read as UTF-8 with {REPLACED} in {'their' if bad > 1 else 'its'} place: check the text there")
    return text


def detect_legacy(data: bytes, source: object) -> str:
    """cp1252 when it reads cleanly, else the encoding charset-normalizer finds cleanest."""
    try:
        if mess_ratio(data.decode(LEGACY_DEFAULT)[:MESS_SAMPLE], MESS_LIMIT) < MESS_LIMIT:
            return LEGACY_DEFAULT
    except UnicodeDecodeError:
        pass  # bytes cp1252 leaves undefined: another encoding
    best = from_bytes(data).best()
    if best is None:
        raise InputError(f"{source}: not UTF-8 and no known encoding fits; save it as UTF-8 text")
    return best.encoding


def _codec(label: str) -> str:
    """A Python codec name for a declared charset label, or "" if unknown."""
    label = label.strip().strip("\"'").lower()
    if not label:
        return ""
    if label in _AS_CP1252:
        return LEGACY_DEFAULT
    try:
        codec = codecs.lookup(label)
    except LookupError:
        return ""
    # "hex", "base64", "zlib", "rot13" are bytes-to-bytes codecs, "undefined" refuses everything:
    # a page declaring one is wrong, so its charset is ignored.
    return codec.name if codec._is_text_encoding and codec.name != "undefined" else ""


def _looks_binary(data: bytes) -> bool:
    sample = data[:65536]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return controls > len(sample) * 0.01


