"""Script files: JSON written by `podcaster script`, maybe edited by hand, read back strictly.

Every complaint names the line: JSON parsers do not keep positions, so ``key_lines`` scans
the text once more for the line of each key and each object.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from ..errors import InputError, at_line
from ..model import ROLES, Script
from .decode import read_text
from .plaintext import normalise
from .scripttext import DATE_HELP, valid_date

SCRIPT_SUFFIX = ".script.json"
_META = {"title", "subtitle", "date", "publication", "hosts", "guests", "notes", "turns", "version",
         "interviewer"}  # one host, as scripts were written before panels
_TEXT_META = ("title", "subtitle", "date", "publication", "interviewer")
_TURN = {"speaker", "role", "text", "chapter"}
VERSION = 1
_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[{}\[\],\n]')
Where = tuple  # a path into the JSON: ("turns", 2, "speaker")


def is_script_file(path: Path) -> bool:
    return str(path).endswith(SCRIPT_SUFFIX)


def dumps(script: Script) -> str:
    return json.dumps({"version": VERSION, **script.to_dict()}, ensure_ascii=False, indent=2) + "\n"


def load(path: Path) -> Script:
    return loads(read_text(Path(path)), path)


def loads(text: str, path: Path | str = "script.json") -> Script:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(at_line(path, exc.lineno, f"not valid JSON ({exc.msg}); "
                                 "fix it or make a new one with `podcaster script`")) from exc
    except RecursionError as exc:  # json gives up on deep nesting ([[[[…) this way
        raise InputError(f"{path}: not a script: its JSON is nested too deeply; "
                         "fix it or make a new one with `podcaster script`") from exc
    data = _cleaned(data)
    _Checker(path, key_lines(text)).check(data)
    assert isinstance(data, dict)  # the checker refuses anything else
    data.pop("version", None)
    return Script.from_dict(data)


def _cleaned(data: object) -> object:
    """Every string value cleaned as an article is: a ``\\u0000`` escape must not cut the speech."""
    if isinstance(data, str):
        return normalise(data)
    if isinstance(data, list):
        return [_cleaned(value) for value in data]
    if isinstance(data, dict):
        return {key: _cleaned(value) for key, value in data.items()}
    return data


def key_lines(text: str) -> dict[Where, int]:
    """Line number of each object (by its path) and of each key (path + key) in valid JSON."""
    lines: dict[Where, int] = {}
    stack: list[list] = []  # [path, is_array, index or key, expecting a key]
    line = 1
    for token in _TOKEN.findall(text):
        if token == "\n":
            line += 1
        elif token in "{[":
            where = _value_path(stack)
            lines.setdefault(where, line)
            stack.append([where, token == "[", 0, token == "{"])
        elif token in "}]":
            stack.pop()
        elif token == ",":
            top = stack[-1]
            top[2], top[3] = (top[2] + 1, False) if top[1] else (top[2], True)
        elif stack and not stack[-1][1] and stack[-1][3]:  # a key
            top = stack[-1]
            top[2], top[3] = json.loads(token), False
            lines.setdefault(top[0] + (top[2],), line)
    return lines


def _value_path(stack: list[list]) -> Where:
    return stack[-1][0] + (stack[-1][2],) if stack else ()


class _Checker:
    def __init__(self, path: Path | str, lines: dict[Where, int]):
        self.path, self.lines = path, lines

    def fail(self, where: Where, message: str) -> InputError:
        line = self.lines.get(where) or self.lines.get(where[:-1])
        return InputError(at_line(self.path, line, message))

    def check(self, data: object) -> None:
        if not isinstance(data, dict):
            raise self.fail((), "a script is a JSON object with a title and turns")
        for key in sorted(set(data) - _META):
            raise self.fail((key,), f"unknown field {key!r}; known fields: {', '.join(sorted(_META))}")
        if not isinstance(data.get("title"), str) or not data["title"].strip():
            raise self.fail(("title",), "the script needs a non-empty \"title\"")
        for key in _TEXT_META:
            if not isinstance(data.get(key, ""), str):
                raise self.fail((key,), f"{key!r} must be a string")
        if data.get("date") and not valid_date(data["date"]):
            raise self.fail(("date",), f"date {data['date']!r} is not YYYY-MM-DD or not a real day; "
                            f"{DATE_HELP}")
        for key in ("hosts", "guests", "notes"):
            if not isinstance(data.get(key, []), list) or not all(isinstance(v, str) for v in data.get(key, [])):
                raise self.fail((key,), f"{key!r} must be a list of strings")
        turns = data.get("turns")
        if not isinstance(turns, list) or not turns:
            raise self.fail(("turns",), "the script needs a non-empty list of \"turns\"")
        for index, turn in enumerate(turns):
            self.check_turn(turn, ("turns", index))

    def check_turn(self, turn: object, where: Where) -> None:
        number = f"turn {where[-1] + 1}"
        if not isinstance(turn, dict):
            raise self.fail(where, f"{number}: each turn is an object with speaker, role and text")
        for key in sorted(set(turn) - _TURN):
            raise self.fail(where + (key,), f"{number}: unknown field {key!r}; "
                            f"known fields: {', '.join(sorted(_TURN))}")
        for key in ("speaker", "role", "text"):
            if not isinstance(turn.get(key), str) or not turn[key].strip():
                raise self.fail(where + (key,), f"{number}: {key!r} must be a non-empty string")
        if turn["role"] not in ROLES:
            raise self.fail(where + ("role",), f"{number}: role {turn['role']!r} is not one of {', '.join(ROLES)}")
        if not isinstance(turn.get("chapter", ""), str):
            raise self.fail(where + ("chapter",), f"{number}: 'chapter' must be a string")
