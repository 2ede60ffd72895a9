"""The stages import only what comes before them: data flows one way through the pipeline."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "podcaster"
# Lower layers first. model and errors are shared by all; formats (files and text on disk) and
# config (the user's TOML files) serve every stage; then the stages in pipeline order.
LAYERS = ["model", "errors", "formats", "config", "read", "split", "plan", "speak", "audio", "output",
          "publish", "pipeline", "proof", "batch", "cli"]
BASE = {"model", "errors"}  # neither imports the other


def part_of(module: str) -> str:
    """``podcaster.read.labels`` -> ``read``; ``podcaster.cli`` -> ``cli``."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def imports(path: Path, root: Path = PACKAGE.parent) -> list[tuple[str, int]]:
    """The podcaster modules ``path`` (below ``root``) imports, with their line numbers."""
    parts = list(path.relative_to(root).with_suffix("").parts)
    package = parts[:-1]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = package[:len(package) - node.level + 1] if node.level else []
            target = ".".join(base + ([node.module] if node.module else []))
            names = [target] if node.module else [f"{target}.{alias.name}" for alias in node.names]
            found += [(name, node.lineno) for name in names]
        elif isinstance(node, ast.Import):
            found += [(alias.name, node.lineno) for alias in node.names]
    return [(name, line) for name, line in found if name.startswith("podcaster.")]


def test_every_top_level_part_has_a_layer():
    parts = {p.stem for p in PACKAGE.iterdir() if p.suffix == ".py" or (p / "__init__.py").exists()}
    assert parts - {"__init__"} == set(LAYERS)


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_import_runs_backwards(path):
    module = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    here = part_of(module)
    if here == "__init__":
        return
    backwards = [f"line {line}: {name}" for name, line in imports(path)
                 if part_of(name) != here and (LAYERS.index(part_of(name)) > LAYERS.index(here)
                                               or {here, part_of(name)} == BASE)]
    assert not backwards, f"{module} ({here}) imports a later stage: {backwards}"


def test_the_walker_sees_relative_imports(tmp_path):
    """A relative import from read to publish is found and named, so a backward one cannot hide."""
    copy = tmp_path / "podcaster" / "read" / "labels.py"
    copy.parent.mkdir(parents=True)
    copy.write_text("from __future__ import annotations\nfrom ..publish import feed\nfrom .stage import CUES\n")
    assert imports(copy, tmp_path) == [("podcaster.publish", 2), ("podcaster.read.stage", 3)]
