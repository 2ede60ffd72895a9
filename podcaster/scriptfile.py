"""Script files: JSON written by `podcaster script`, maybe edited by hand, read back strictly."""

from __future__ import annotations

import json
from pathlib import Path

from .errors import InputError
from .model import ROLES, Script
from .read.decode import read_text

SCRIPT_SUFFIX = ".script.json"
_META = {"title", "subtitle", "date", "publication", "interviewer", "guests", "notes", "turns", "version"}
_TURN = {"speaker", "role", "text", "chapter"}
VERSION = 1


def is_script_file(path: Path) -> bool:
    return str(path).endswith(SCRIPT_SUFFIX)


def dumps(script: Script) -> str:
    return json.dumps({"version": VERSION, **script.to_dict()}, ensure_ascii=False, indent=2) + "\n"


def load(path: Path) -> Script:
    try:
        data = json.loads(read_text(path))
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}: line {exc.lineno}: not valid JSON ({exc.msg}); "
                         "fix it or make a new one with `podcaster script`") from exc
    _check(data, path)
    data.pop("version", None)
    return Script.from_dict(data)


def _check(data: object, path: Path) -> None:
    if not isinstance(data, dict):
        raise InputError(f"{path}: a script is a JSON object with a title and turns")
    unknown = set(data) - _META
    if unknown:
        raise InputError(f"{path}: unknown field {sorted(unknown)[0]!r}; known fields: {', '.join(sorted(_META))}")
    if not isinstance(data.get("title"), str) or not data["title"].strip():
        raise InputError(f"{path}: the script needs a non-empty \"title\"")
    turns = data.get("turns")
    if not isinstance(turns, list) or not turns:
        raise InputError(f"{path}: the script needs a non-empty list of \"turns\"")
    for number, turn in enumerate(turns, start=1):
        _check_turn(turn, number, path)


def _check_turn(turn: object, number: int, path: Path) -> None:
    where = f"{path}: turn {number}"
    if not isinstance(turn, dict):
        raise InputError(f"{where}: each turn is an object with speaker, role and text")
    unknown = set(turn) - _TURN
    if unknown:
        raise InputError(f"{where}: unknown field {sorted(unknown)[0]!r}; known fields: {', '.join(sorted(_TURN))}")
    for key in ("speaker", "role", "text"):
        if not isinstance(turn.get(key), str) or not turn[key].strip():
            raise InputError(f"{where}: {key!r} must be a non-empty string")
    if turn["role"] not in ROLES:
        raise InputError(f"{where}: role {turn['role']!r} is not one of {', '.join(ROLES)}")
    if not isinstance(turn.get("chapter", ""), str):
        raise InputError(f"{where}: 'chapter' must be a string")
