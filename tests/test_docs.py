"""The README tells the whole command line: every command, every option, every exit code."""

from __future__ import annotations

import re

import pytest
import typer.main
from conftest import ROOT

from podcaster.cli import app
from podcaster.errors import PodcasterError

README = (ROOT / "README.md").read_text(encoding="utf-8")
COMMANDS = typer.main.get_command(app).commands


def mentioned(option: str) -> bool:
    """``-o`` as an option of its own, not the inside of ``--out`` or ``-of``."""
    return re.search(rf"(?<![\w-]){re.escape(option)}(?![\w-])", README) is not None


def options(command) -> list[str]:
    return [name for param in command.params if isinstance(param, typer.core.TyperOption)
            for name in (*param.opts, *param.secondary_opts)]


def exit_codes_table() -> dict[int, str]:
    """The rows of the README's "Exit codes" table: code -> meaning."""
    section = README.split("### Exit codes", 1)[1].split("\n#", 1)[0]
    return {int(code): meaning for code, meaning in re.findall(r"^\| (\d+) \| (.+) \|$", section, re.M)}


def own_exit_codes(kind=PodcasterError) -> set[int]:
    return {kind.exit_code}.union(*(own_exit_codes(sub) for sub in kind.__subclasses__()))


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_is_in_the_readme(name):
    assert f"podcaster {name}" in README


@pytest.mark.parametrize("name, option", [(name, option) for name, command in sorted(COMMANDS.items())
                                          for option in options(command)])
def test_every_option_is_in_the_readme(name, option):
    assert mentioned(option), f"podcaster {name} {option} is not in the README"


def test_the_walk_sees_every_command_and_option():
    """The walk is what the tests above trust: it finds what `podcaster --help` lists."""
    assert {"episode", "script", "voices", "feed", "site", "serve"} <= set(COMMANDS)
    assert {"-o", "--out", "--voices", "--debug"} <= set(options(COMMANDS["episode"]))
    assert {"--site", "--no-site"} <= set(options(COMMANDS["feed"]))
    assert not mentioned("--no-such-option") and not mentioned("-of")


def test_the_exit_code_table_lists_every_code_and_no_other():
    documented = exit_codes_table()
    assert set(documented) == own_exit_codes() | {0, 2, 130}  # done, usage errors (typer's), Ctrl-C
    assert "usage" in documented[2]
