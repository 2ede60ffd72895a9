"""Fuzzing the readers and the script files with random bytes and mutated real inputs.

Each case takes a real input (tests/inputs, tests/corpus, the sample), mangles it with a
seeded random sequence of mutations (byte flips, truncation, NULs, control characters,
invalid UTF-8, huge lines, stray HTML tags, duplicated chunks), writes it with its own
suffix and reads it: ``read_article`` then ``split``, or ``scriptfile.load`` /
``scripttext.load``. A PodcasterError is a fair refusal; any other exception is a bug.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from conftest import SAMPLE

from podcaster.errors import PodcasterError
from podcaster.formats import scriptfile, scripttext
from podcaster.read import read_article
from podcaster.split import split

TESTS = Path(__file__).parent
SOURCES = sorted([p for p in (TESTS / "inputs").iterdir() if p.is_file()]
                 + [p for p in (TESTS / "corpus").iterdir() if p.suffix in (".txt", ".md", ".html")]
                 + [SAMPLE])
SEED = 20240303
ARTICLE_CASES = 14  # per source file
RANDOM_CASES = 40
SCRIPT_CASES = 50  # per script format

TAGS = [b"<p>", b"</p>", b"<html>", b"<body>", b"</body>", b"<strong>", b"</strong>", b"<b>", b"<h1>",
        b"</h2>", b"<br>", b"<div class='question'>", b"<script>", b"<style>", b"<!--", b"-->",
        b"<![CDATA[", b"<?xml version='1.0' encoding='latin-1'?>", b"<!doctype html>", b"<table>",
        b"<meta charset='utf-16'>", b"<meta charset='bogus'>", b"<meta charset='hex'>",
        b"<meta charset=base64>", b"<meta charset='undefined'>", b"<meta charset='idna'>", b"<li>", b"<ul>",
        b"&#0;", b"&#xFFFF;", b"&#1;", b"&#x1F;", "\uffff".encode(), b"**", b"__", b"\n---\n", b"\n# ", b"```",
        b"[00:12:03] ", b"Q: ", b"A: ", b"**Ana Ruiz:** "]
CONTROLS = [bytes([c]) for c in range(32) if c not in (9, 10, 13)] + [b"\x7f", "\u2028".encode(),
                                                                      "\ufeff".encode(), "\u200b".encode()]
INVALID_UTF8 = [b"\xff", b"\xfe\xff", b"\xc3", b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"\xe2\x82", b"\x80\x80",
                b"\xc0\xaf"]


def _flip(rng: random.Random, data: bytearray) -> bytearray:
    for _ in range(rng.randint(1, 12)):
        if data:
            data[rng.randrange(len(data))] ^= 1 << rng.randrange(8)
    return data


def _truncate(rng: random.Random, data: bytearray) -> bytearray:
    return data[:rng.randint(0, len(data))] if rng.random() < 0.7 else data[rng.randint(0, len(data)):]


def _insert(rng: random.Random, data: bytearray, pieces: list[bytes], count: int = 6) -> bytearray:
    for _ in range(rng.randint(1, count)):
        at = rng.randint(0, len(data))
        data[at:at] = rng.choice(pieces)
    return data


def _nuls(rng, data):
    return _insert(rng, data, [b"\x00", b"\x00" * 3])


def _controls(rng, data):
    return _insert(rng, data, CONTROLS, 30)


def _invalid_utf8(rng, data):
    return _insert(rng, data, INVALID_UTF8)


def _tags(rng, data):
    return _insert(rng, data, TAGS, 15)


def _huge_line(rng: random.Random, data: bytearray) -> bytearray:
    unit = rng.choice([b"a", b"word ", b"Why? ", b"**", b"<b>", b"[", b"Ana Ruiz: ", b"1:00 ", b"- "])
    # pysbd (sentences, chapter titles) and markdown-it take quadratic time on a long run of "[":
    # 80,000 of them cost ten seconds, so that run is kept short here.
    size = rng.randint(2_000, 4_000) if unit == b"[" else rng.randint(20_000, 120_000)
    return _insert(rng, data, [unit * (size // len(unit))], 1)


def _duplicate(rng: random.Random, data: bytearray) -> bytearray:
    for _ in range(rng.randint(1, 4)):
        if data:
            start = rng.randrange(len(data))
            chunk = data[start:start + rng.randint(1, 2000)]
            at = rng.randint(0, len(data))
            data[at:at] = chunk * rng.randint(1, 5)
    return data


def _shuffle_lines(rng: random.Random, data: bytearray) -> bytearray:
    lines = bytes(data).split(b"\n")
    rng.shuffle(lines)
    return bytearray(b"\n".join(lines))


MUTATIONS = [_flip, _truncate, _nuls, _controls, _invalid_utf8, _tags, _huge_line, _duplicate, _shuffle_lines]


def mutate(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    """``data`` mangled by one to three mutations, and their names."""
    out, names = bytearray(data), []
    for mutation in rng.sample(MUTATIONS, rng.randint(1, 3)):
        out = mutation(rng, out)
        names.append(mutation.__name__.strip("_"))
    return bytes(out), "+".join(names)


def refused_or_fine(call, *args):
    """Run ``call``; a PodcasterError is a refusal, anything else escaping fails the test."""
    try:
        return call(*args)
    except PodcasterError:
        return None


def _read_and_split(path: Path) -> None:
    article = refused_or_fine(read_article, path)
    if article is not None:
        split(article)


# --- articles ------------------------------------------------------------------------------

@pytest.mark.slow
@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.name)
def test_mutated_articles(source, tmp_path):
    rng = random.Random(f"{SEED}:{source.name}")
    original = source.read_bytes()
    for case in range(ARTICLE_CASES):
        data, how = mutate(original, rng)
        suffix = source.suffix if rng.random() < 0.8 else rng.choice([".txt", ".md", ".html", ""])
        path = tmp_path / f"case{case}{suffix}"
        path.write_bytes(data)
        try:
            _read_and_split(path)
        except Exception as exc:  # noqa: BLE001 - report which mutation broke it
            raise AssertionError(f"{source.name} case {case} ({how}, {suffix or 'no suffix'}): "
                                 f"{type(exc).__name__}: {exc}") from exc


def test_random_bytes(tmp_path):
    rng = random.Random(SEED)
    for case in range(RANDOM_CASES):
        size = rng.choice([1, 2, 10, 100, 1000, 20_000])
        if rng.random() < 0.5:
            data = bytes(rng.randrange(256) for _ in range(size))
        else:  # printable-ish bytes get past the binary check and reach the parsers
            data = bytes(rng.choice(b"abc XYZ.?:*<>/#[]()\n\n\t\x80\xe9\xc3") for _ in range(size))
        suffix = rng.choice([".txt", ".md", ".html", ""])
        path = tmp_path / f"random{case}{suffix}"
        path.write_bytes(data)
        try:
            _read_and_split(path)
        except Exception as exc:  # noqa: BLE001
            raise AssertionError(f"random case {case} ({size} bytes, {suffix}): "
                                 f"{type(exc).__name__}: {exc}") from exc


# --- script files --------------------------------------------------------------------------

@pytest.fixture(scope="module")
def sample_script():
    return split(read_article(SAMPLE))


def _json_mutations(rng: random.Random, text: str) -> str:
    """Structural changes a hand edit might make: wrong types, missing or extra fields, deep nesting."""
    data = json.loads(text)
    turns = data["turns"]
    choice = rng.randrange(8)
    junk = rng.choice([None, 0, -1, 1.5, True, [], {}, "", " ", ["x"], {"a": 1}, "x" * 10_000, float("nan")])
    if choice == 0:
        data[rng.choice(list(data))] = junk
    elif choice == 1:
        turn = rng.choice(turns)
        turn[rng.choice(["speaker", "role", "text", "chapter", "extra"])] = junk
    elif choice == 2:
        del data[rng.choice(list(data))]
    elif choice == 3:
        turns[rng.randrange(len(turns))] = junk
    elif choice == 4:
        data[rng.choice(["guests", "notes"])] = rng.choice([[junk], junk])
    elif choice == 5:
        return "[" * rng.randint(1000, 100_000) + "]" * rng.randint(0, 100_000)
    elif choice == 6:
        return json.dumps(rng.choice([[], "text", 3, None, [data]]))
    else:
        turns.reverse()
    return json.dumps(data, ensure_ascii=rng.random() < 0.5, indent=rng.choice([None, 2]))


@pytest.mark.parametrize("form", ["json", "text"])
def test_mutated_script_files(form, sample_script, tmp_path):
    module, suffix = (scriptfile, scriptfile.SCRIPT_SUFFIX) if form == "json" else (scripttext, scripttext.TEXT_SUFFIX)
    original = module.dumps(sample_script)
    assert module.loads(original).turns == sample_script.turns
    rng = random.Random(f"{SEED}:{form}")
    for case in range(SCRIPT_CASES):
        if form == "json" and rng.random() < 0.4:
            data, how = _json_mutations(rng, original).encode("utf-8", "surrogatepass"), "json edit"
        else:
            data, how = mutate(original.encode(), rng)
        path = tmp_path / f"case{case}{suffix}"
        path.write_bytes(data)
        try:
            refused_or_fine(module.load, path)
        except Exception as exc:  # noqa: BLE001
            raise AssertionError(f"{form} script case {case} ({how}): {type(exc).__name__}: {exc}") from exc


def test_deeply_nested_json_is_refused(tmp_path):
    """Regression: json.loads raised RecursionError (not an InputError) on ``[[[[…``."""
    path = tmp_path / f"deep{scriptfile.SCRIPT_SUFFIX}"
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    with pytest.raises(PodcasterError, match="nested too deeply"):
        scriptfile.load(path)


@pytest.mark.parametrize("charset", ["hex", "base64", "zlib", "rot13", "undefined", "idna", "bogus"])
def test_declared_charset_that_is_no_text_encoding(charset, tmp_path):
    """Regression: a page declaring a bytes codec (hex, base64…) or "undefined" as its charset
    crashed read_article with LookupError / UnicodeError; the declaration is now ignored."""
    path = tmp_path / "page.html"
    path.write_bytes(f'<html><head><meta charset="{charset}"></head><body><p>'.encode()
                     + "Café is a word in a sentence that is long enough to be read.".encode("cp1252")
                     + b"</p></body></html>")
    assert read_article(path).paragraphs == ["Café is a word in a sentence that is long enough to be read."]


@pytest.mark.parametrize("odd", ["&#1;", "&#x1F;", "&#xFFFF;", "\uffff", "&#0;"])
def test_characters_xml_cannot_hold(odd, tmp_path):
    """Regression: a control character or U+FFFF in a page, written or as a reference, crashed
    the HTML reader with lxml's ValueError ("All strings must be XML compatible")."""
    path = tmp_path / "page.html"
    path.write_text(f'<html><body><p class="question">Why {odd}here?</p><p>Because it is a sentence long '
                    'enough to be read as prose here, and the page has it.</p></body></html>', encoding="utf-8")
    assert read_article(path).paragraphs[0] == "**Why here?**"


def test_markdown_html_block_with_two_bodies(tmp_path):
    """Regression: lxml asserts (AssertionError) that an HTML fragment has one <body>."""
    path = tmp_path / "article.md"
    path.write_text("# Title\n\n<p>First, a sentence of the article.</p></body>"
                    "<body><p>Then another sentence of it.</p>\n", encoding="utf-8")
    assert read_article(path).paragraphs == ["First, a sentence of the article.", "Then another sentence of it."]
