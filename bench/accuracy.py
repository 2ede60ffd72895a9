"""Who-says-what accuracy on tests/corpus: paragraph speakers compared with the expected ones.

Run from the repository root: ``python bench/accuracy.py``. Prints a table per file and the
paragraph-level accuracy per format group (labelled, inferred, narrated).
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from podcaster.read import read_article  # noqa: E402
from podcaster.speakers import Speakers, find_speakers  # noqa: E402

CORPUS = ROOT / "tests" / "corpus"
GROUPS = ("labelled", "inferred", "narrated")
SEED = ROOT.parent / "shared" / "seeds" / "000_ab5be3c1c8b9012e.txt"
SEED_ROLES = "IGGGIGGGIGGGGGIGGGGIGGIGIGGIG"  # I(nterviewer)/G(uest) per interview paragraph, by hand


@dataclass
class Result:
    name: str
    expected: dict
    found: Speakers | None
    error: str = ""

    @property
    def wrong(self) -> list[int]:
        """0-based paragraphs whose speaker differs (all of them when the counts differ)."""
        want = self.expected["speakers"]
        if self.found is None or len(self.found.speakers) != len(want):
            return list(range(len(want)))
        return [i for i, (got, exp) in enumerate(zip(self.found.speakers, want)) if got != exp]

    @property
    def right(self) -> int:
        return len(self.expected["speakers"]) - len(self.wrong)


def corpus_files() -> list[Path]:
    return sorted(p for p in CORPUS.iterdir() if p.suffix in {".txt", ".md", ".html"})


def expected_for(path: Path) -> dict:
    return json.loads((CORPUS / f"{path.stem}.expected.json").read_text(encoding="utf-8"))


def evaluate(path: Path) -> Result:
    expected = expected_for(path)
    try:
        found = find_speakers(read_article(path))
    except Exception as error:  # a reader not ready for this format yet: counted as all wrong
        return Result(path.name, expected, None, f"{type(error).__name__}: {error}")
    return Result(path.name, expected, found)


def group_accuracy(results: list[Result]) -> dict[str, tuple[int, int]]:
    totals = {}
    for group in GROUPS:
        members = [r for r in results if r.expected["group"] == group]
        totals[group] = (sum(r.right for r in members), sum(len(r.expected["speakers"]) for r in members))
    return totals


def seed_row() -> str:
    """The seed (not in the corpus: not ours to copy), first-turn labels then alternation."""
    found = find_speakers(read_article(SEED))
    roles = "".join("I" if found.role(s) == "interviewer" else "G"
                    for s in found.speakers if found.role(s) != "narrator")
    right = sum(a == b for a, b in zip(roles, SEED_ROLES)) if len(roles) == len(SEED_ROLES) else 0
    return (f"{'seed (../shared/seeds)':28} {'first-turn labels, then alternation':46} {'inferred':9} "
            f"{right:>3}/{len(SEED_ROLES):<3} {100 * right / len(SEED_ROLES):6.1f}%  {len(found.doubtful)} doubtful")


def main() -> None:
    results = [evaluate(path) for path in corpus_files()]
    print(f"{'file':28} {'format':46} {'group':9} {'right':>7} {'acc':>7}  noted")
    for r in results:
        total = len(r.expected["speakers"])
        noted = "" if r.found is None else f"{len(r.found.doubtful)} doubtful"
        print(f"{r.name:28} {r.expected['format'][:46]:46} {r.expected['group']:9} "
              f"{r.right:>3}/{total:<3} {100 * r.right / total:6.1f}%  {noted or r.error[:60]}")
        for i in r.wrong[:5] if r.found else []:
            print(f"    paragraph {i + 1}: expected {r.expected['speakers'][i]}, got {r.found.speakers[i]}")
    if SEED.exists():
        print(seed_row())
    print()
    for group, (right, total) in group_accuracy(results).items():
        print(f"{group:9} {right}/{total} paragraphs = {100 * right / max(total, 1):.1f}%")


if __name__ == "__main__":
    main()
