"""Script text files: a plain script a person edits in any editor, read back strictly.

    # comments explain the format; "# Note:" lines carry podcaster's notes
    Title: Harbours that listen
    Date: 2024-03-03
    Interviewer: Maya Okafor
    Guests: Tomas Lindqvist

    ## Introduction
    Narrator: Harbours that listen ...

    ## What changed your mind?
    Maya Okafor: Tomas, when the council ...

    Tomas Lindqvist: Honestly, a morning on the quay ...

One block per paragraph; blocks by the same speaker in a row make one turn unless a
"## chapter" line starts a new one. A speaker's role comes from the header, or from
"Name (guest):" for someone the header does not name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..errors import InputError, at_line
from ..model import NARRATOR, ROLES, Script, Turn
from .decode import read_text

TEXT_SUFFIX = ".script.txt"
MAGIC = "# podcaster script"
NOTE = "# Note:"
HELP = f"""\
{MAGIC}: edit it in any editor, then run `podcaster episode` on this file.
# Header: Title (required), Subtitle, Date (YYYY-MM-DD), Publication, Hosts (A; B), Guests (A; B).
# Then one block per paragraph, "Name: text", with a blank line between blocks; blocks by
# the same name in a row are one turn. A line "## Chapter title" starts a chapter at the next block.
# Names are Narrator, the Interviewer or a Guest; for anyone else write "Name (guest): text"
# (or narrator, interviewer). Lines starting with # are comments; delete "# Note:" lines once checked.
"""
_FIELDS = {"title": "title", "subtitle": "subtitle", "date": "date", "publication": "publication",
           "hosts": "hosts", "host": "hosts", "interviewer": "hosts", "guests": "guests", "guest": "guests"}
_FIELD_LIST = "Title, Subtitle, Date, Publication, Hosts, Guests"
_ROLE_NAME = re.compile(r"^(.+?)\s*\((" + "|".join(ROLES) + r")\)$")
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
DATE_HELP = "write e.g. 2024-03-03, or delete it"


def is_text_script(path: Path | str, text: str) -> bool:
    """A ``.script.txt`` file, or any file whose ``text`` starts as ``dumps`` writes one (renamed)."""
    return str(path).endswith(TEXT_SUFFIX) or looks_like_script(text)


def looks_like_script(text: str) -> bool:
    """The magic first line, or a first group of lines that are all header fields with a Title."""
    lines = text.lstrip().split("\n")
    if lines[0].startswith(MAGIC):
        return True
    fields: list[str] = []
    for line in lines:
        if not line.strip():
            if fields:
                break
        elif not line.startswith("#"):
            fields.append(line.partition(":")[0].strip().lower() if ":" in line else "")
    return "title" in fields and all(f in _FIELDS for f in fields)


def load(path: Path) -> Script:
    return loads(read_text(Path(path)), path)


# --- writing -----------------------------------------------------------------------------

def dumps(script: Script) -> str:
    lines = HELP.splitlines() + [f"{NOTE} {note}" for note in script.notes] + _header(script)
    for turn in script.turns:
        lines += [""] + ([f"## {turn.chapter}"] if turn.chapter else [])
        name = _written_name(turn, script)
        for number, paragraph in enumerate(turn.paragraphs):
            lines += ([""] if number else []) + [f"{name}: {paragraph.strip()}"]
    return "\n".join(lines) + "\n"


def _header(script: Script) -> list[str]:
    values = [("Title", script.title), ("Subtitle", script.subtitle), ("Date", script.date),
              ("Publication", script.publication), ("Hosts", "; ".join(script.hosts)),
              ("Guests", "; ".join(script.guests))]
    return [f"{name}: {value}" for name, value in values if value]


def _written_name(turn: Turn, script: Script) -> str:
    """The name alone when the header gives the role, else "Name (role)"."""
    if _header_role(turn.speaker, script) == turn.role:
        return turn.speaker
    return f"{turn.speaker} ({turn.role})"


def _header_role(name: str, script: Script) -> str:
    if name == NARRATOR:
        return "narrator"
    if name in script.hosts:
        return "interviewer"
    return "guest" if name in script.guests else ""


# --- reading -----------------------------------------------------------------------------

@dataclass
class _Block:
    line: int  # where its "Name:" is
    speaker: str
    role: str
    lines: list[str]
    chapter: str = ""


@dataclass
class _Reader:
    path: Path
    script: Script = field(default_factory=lambda: Script(title="", turns=[]))
    blocks: list[_Block] = field(default_factory=list)
    seen: dict[str, int] = field(default_factory=dict)  # header field -> line

    def fail(self, number: int, message: str) -> InputError:
        return InputError(at_line(self.path, number, message))


def loads(text: str, path: Path | str = "script") -> Script:
    """The Script a text file describes, exactly; an InputError names the first bad line."""
    reader = _Reader(Path(path))
    lines = [(n, line.rstrip()) for n, line in enumerate(text.split("\n"), start=1)]
    body = _read_header(reader, lines)
    _read_blocks(reader, lines[body:])
    reader.script.turns = _turns(reader)
    return reader.script


def _read_header(reader: _Reader, lines: list[tuple[int, str]]) -> int:
    """Read the header's fields; return the index of the first line after it."""
    started = False
    for index, (number, line) in enumerate(lines):
        if line.startswith("#") and not line.startswith("##"):
            _comment(reader, line)
        elif not line.strip() or line.startswith("##"):
            if started or line.startswith("##"):
                return _end_header(reader, number, index)
        else:
            started = True
            _header_field(reader, number, line)
    return _end_header(reader, len(lines), len(lines))


def _header_field(reader: _Reader, number: int, line: str) -> None:
    name, colon, value = line.partition(":")
    key = _FIELDS.get(name.strip().lower())
    if not colon or key is None:
        shown = name.strip() if colon else _quote(line)
        raise reader.fail(number, f"unknown header field {shown!r}; the header takes {_FIELD_LIST} "
                          "(one per line), then a blank line before the blocks")
    if key in reader.seen:
        raise reader.fail(number, f"{name.strip()} is given twice (also on line {reader.seen[key]}); keep one")
    reader.seen[key] = number
    value = value.strip()
    if key == "date" and value and not valid_date(value):
        raise reader.fail(number, f"date {value!r} is not YYYY-MM-DD or not a real day; {DATE_HELP}")
    if key in ("hosts", "guests"):
        names = [n.strip() for n in value.split(";")] if value else []
        if not all(names):
            raise reader.fail(number, f"{name.strip()} has an empty name; separate names with \";\"")
        setattr(reader.script, key, names)
    else:
        setattr(reader.script, key, value)


def valid_date(value: str) -> bool:
    """A real date written YYYY-MM-DD (not 2024-02-30, not 2024-3-3, not 20240303)."""
    try:
        return bool(_ISO_DATE.fullmatch(value)) and bool(date.fromisoformat(value))
    except ValueError:
        return False


def _end_header(reader: _Reader, number: int, index: int) -> int:
    if not reader.script.title:
        where = reader.seen.get("title", number)
        raise reader.fail(where, "the header needs a title; write \"Title: Episode title\" at the top")
    return index


def _comment(reader: _Reader, line: str) -> None:
    if line.startswith(NOTE) and line[len(NOTE):].strip():
        reader.script.notes.append(line[len(NOTE):].strip())


def _read_blocks(reader: _Reader, lines: list[tuple[int, str]]) -> None:
    block: _Block | None = None  # the one still taking lines
    chapter: tuple[int, str] | None = None  # a "##" line waiting for its block
    for number, line in lines:
        if line.startswith("##"):
            block = None
            chapter = _chapter(reader, number, line, chapter)
        elif line.startswith("#"):
            _comment(reader, line)
        elif not line.strip():
            block = None
        elif block is None or _starts_block(reader, line):
            block = _start_block(reader, number, line)
            if chapter:
                block.chapter, chapter = chapter[1], None
        else:
            block.lines.append(line)
    if chapter:
        raise reader.fail(chapter[0], f"chapter {chapter[1]!r} has no block after it; add one or delete the line")
    if not reader.blocks:
        raise InputError(f"{reader.path}: no blocks after the header; write \"Name: text\" blocks, "
                         "a blank line between them")


def _chapter(reader: _Reader, number: int, line: str, waiting) -> tuple[int, str]:
    title = line[2:].strip()
    if not title:
        raise reader.fail(number, "\"##\" needs a title; write \"## Chapter title\" or delete the line")
    if waiting:
        raise reader.fail(number, f"a second chapter line after line {waiting[0]} with no block between; "
                          "delete one")
    return number, title


def _starts_block(reader: _Reader, line: str) -> bool:
    """A line inside a block that begins with a known "Name:" starts a new block."""
    name, colon, _ = line.partition(":")
    return bool(colon) and _known(reader.script, name.strip()) is not None


def _known(script: Script, name: str) -> tuple[str, str] | None:
    """(speaker, role) for a written name, None when the header does not know it."""
    explicit = _ROLE_NAME.match(name)
    if explicit:
        return explicit[1], explicit[2]
    role = _header_role(name, script)
    return (name, role) if name and role else None


def _start_block(reader: _Reader, number: int, line: str) -> _Block:
    name, colon, rest = line.partition(":")
    name = name.strip()
    if not colon:
        raise reader.fail(number, f"{_quote(line)!r} has no \"Name:\" at the start; write \"Name: text\"")
    if not name:
        raise reader.fail(number, f"{_quote(line)!r} has no name before the colon; write \"Name: text\"")
    known = _known(reader.script, name)
    if known is None:
        raise reader.fail(number, _unknown(name, line))
    block = _Block(number, *known, [rest.strip()] if rest.strip() else [])
    reader.blocks.append(block)
    return block


def _unknown(name: str, line: str) -> str:
    if name.lower() in _FIELDS:
        return (f"{name!r} is a header field; header fields go at the top, with no blank line "
                "between them")
    if len(name.split()) > 5:
        return f"{_quote(line)!r} has no \"Name:\" at the start; write \"Name: text\""
    return (f"{name!r} is not Narrator or a name from the header; fix the name, add it to "
            f"\"Guests:\", or write \"{name} (guest): text\"")


def _turns(reader: _Reader) -> list[Turn]:
    """Blocks of one speaker in a row are one turn, unless a chapter starts at a block."""
    turns: list[Turn] = []
    for block in reader.blocks:
        text = "\n".join(block.lines).strip()
        if not text:
            raise reader.fail(block.line, f"\"{block.speaker}:\" has no text; write the paragraph after "
                              "the colon or delete the line")
        previous = turns[-1] if turns else None
        if previous and not block.chapter and (previous.speaker, previous.role) == (block.speaker, block.role):
            previous.text += "\n\n" + text
        else:
            turns.append(Turn(block.speaker, block.role, text, block.chapter))
    return turns


def _quote(line: str, limit: int = 40) -> str:
    line = line.strip()
    return line if len(line) <= limit else line[:limit].rstrip() + "…"
