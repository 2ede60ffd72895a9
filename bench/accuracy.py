"""Who-says-what accuracy: every paragraph of each text found in the script, with its role and speaker.

Run from the repository root: ``python bench/accuracy.py [DIR…]`` (default: tests/corpus). Each text
``NAME.ext`` has ``NAME.expected.json``: its format and group, the title, date, hosts and guests a
listener should hear, and every content paragraph in order as ``[role, speaker, first words]``.
A paragraph is found in the script by its first words, so the score does not depend on how the
reader cuts paragraphs. Prints a row per text and, per group, paragraphs with the right role,
with the right speaker, paragraphs missing from the script, and texts with every name right.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import lxml.html

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from podcaster.model import Script  # noqa: E402
from podcaster.read import read_article  # noqa: E402
from podcaster.read.blocks import split_blocks  # noqa: E402
from podcaster.read.labels import is_stage_direction, parse_label  # noqa: E402
from podcaster.split import split  # noqa: E402

CORPUS = ROOT / "tests" / "corpus"
SUFFIXES = {".txt", ".md", ".html", ".htm", ".markdown"}
GROUPS = ("labelled", "inferred", "unlabelled", "narrated")
QUOTE_WORDS = 6


@dataclass
class Result:
    path: Path
    expected: dict
    script: Script | None = None
    error: str = ""
    found: list[tuple[str, str] | None] = field(default_factory=list)  # (role, speaker) per paragraph

    @property
    def total(self) -> int:
        return len(self.expected["paragraphs"])

    def wrong_roles(self) -> list[int]:
        return [i for i, (want, got) in enumerate(zip(self.expected["paragraphs"], self.found))
                if got is None or got[0] != want[0]]

    def wrong_speakers(self) -> list[int]:
        return [i for i, (want, got) in enumerate(zip(self.expected["paragraphs"], self.found))
                if got is None or got[1].lower() != want[1].lower()]

    def missing(self) -> list[int]:
        return [i for i, got in enumerate(self.found) if got is None]

    def names_right(self) -> bool:
        if self.script is None:
            return False
        want = (sorted(self.expected["hosts"]), sorted(self.expected["guests"]))
        return want == (sorted(self.script.hosts), sorted(self.script.guests)) and not self.wrong_speakers()

    def meta_wrong(self) -> list[str]:
        """Title and date as a listener hears them, where the text says what they should be."""
        if self.script is None:
            return ["no script"]
        wrong = []
        for key in ("title", "date"):
            want = self.expected.get(key)
            if want is not None and getattr(self.script, key) != want:
                wrong.append(f"{key} {getattr(self.script, key)!r}, expected {want!r}")
        return wrong

    def spoken_junk(self) -> list[str]:
        """``never_spoken`` strings in the script; stage directions stay for the transcript, unspoken."""
        text = "\n".join(t.text for t in self.script.turns) if self.script else ""
        return [s for s in self.expected.get("never_spoken", []) if s in text and not is_stage_direction(s)]


def prose_words(path: Path) -> list[str]:
    """The words of the document's prose paragraphs (sentences, not menus or captions), as a reader sees them."""
    raw = path.read_bytes().decode("utf-8", "replace")
    if path.suffix in (".html", ".htm"):
        tree = lxml.html.fromstring(raw)
        for junk in tree.xpath("//script | //style | //head"):
            junk.getparent().remove(junk)
        for br in tree.xpath("//br | //p | //div | //li | //td | //cite"):
            br.tail = "\n\n" + (br.tail or "")
        raw = tree.text_content()
    raw = re.sub(r"(?m)^(\|.*)$", r"\n\1\n", raw)  # a table row is a paragraph of its own
    blocks = [b for b in split_blocks(raw) if b.is_prose and b.words >= 8]
    return [w for b in blocks for line in b.text.split("\n") for w in words(_spoken_part(line))]


def _spoken_part(line: str) -> str:
    """A line without its speaker label, timestamps and table pipes: what a listener should hear."""
    for cell in reversed(line.split("|")):
        if cell.strip():
            line = cell if line.count("|") >= 2 else line
            break
    label = parse_label(line)
    text = label.rest if label is not None else line
    text = re.sub(r"\b\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d+)?\b", " ", text)
    return text


def coverage(result: Result) -> float:
    """Share of the document's prose words that the script speaks."""
    wanted = Counter(prose_words(result.path))
    spoken = Counter(w for t in result.script.turns for w in words(t.text)) if result.script else Counter()
    total = sum(wanted.values())
    return sum((wanted & spoken).values()) / total if total else 1.0


def words(text: str) -> list[str]:
    """Lower-case words, stage directions such as "(laughs)" left out (the rules never speak them)."""
    text = re.sub(r"[\[(][^\[\]()]{1,80}[\])]", lambda m: " " if is_stage_direction(m.group()) else m.group(), text)
    return re.findall(r"\w+", text.lower())


def corpus_files(folder: Path = CORPUS) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.suffix in SUFFIXES
                  and p.with_name(f"{p.stem}.expected.json").exists())


def expected_for(path: Path) -> dict:
    return json.loads(path.with_name(f"{path.stem}.expected.json").read_text(encoding="utf-8"))


def locate(script: Script, paragraphs: list[list[str]]) -> list[tuple[str, str] | None]:
    """Each expected paragraph's (role, speaker) in the script, found by its first words, in order."""
    spoken = [(turn.role, turn.speaker, words(p)) for turn in script.turns for p in turn.paragraphs]
    found, at = [], 0
    for _, _, quote in paragraphs:
        want = words(quote)[:QUOTE_WORDS]
        hit = None
        for start, opening in ((at, True), (at, False), (0, True), (0, False)):
            hit = _find(spoken, want, start, opening) if want and hit is None else hit
        found.append(None if hit is None else spoken[hit][:2])
        at = hit if hit is not None else at
    return found


def _find(spoken, want: list[str], start: int, opening: bool) -> int | None:
    """The first paragraph from ``start`` that opens with ``want`` (or holds it, if not ``opening``)."""
    n = len(want)
    for index in range(start, len(spoken)):
        tokens = spoken[index][2]
        last = min(3, len(tokens) - n) if opening else len(tokens) - n
        if any(tokens[k:k + n] == want for k in range(last + 1)):
            return index
    return None


def evaluate(path: Path) -> Result:
    result = Result(path, expected_for(path))
    try:
        result.script = split(read_article(path))
    except Exception as error:  # a reader not ready for this format yet: counted as all wrong
        result.error = f"{type(error).__name__}: {error}"
        result.found = [None] * result.total
        return result
    result.found = locate(result.script, result.expected["paragraphs"])
    return result


def group_totals(results: list[Result]) -> dict[str, dict[str, int]]:
    totals = {}
    for group in GROUPS:
        members = [r for r in results if r.expected["group"] == group]
        if members:
            totals[group] = {
                "texts": len(members), "paragraphs": sum(r.total for r in members),
                "roles": sum(r.total - len(r.wrong_roles()) for r in members),
                "speakers": sum(r.total - len(r.wrong_speakers()) for r in members),
                "missing": sum(len(r.missing()) for r in members),
                "names": sum(r.names_right() for r in members),
                "meta": sum(not r.meta_wrong() for r in members)}
    return totals


def report(results: list[Result], detail: int = 5) -> None:
    print(f"{'file':44} {'group':10} {'roles':>9} {'speakers':>9} {'missing':>7} {'words':>5}  names")
    for r in results:
        names = "ok" if r.names_right() else (
            f"{r.script.hosts} / {r.script.guests}" if r.script else r.error[:60])
        print(f"{r.path.name[:44]:44} {r.expected['group']:10} {r.total - len(r.wrong_roles()):>4}/{r.total:<4} "
              f"{r.total - len(r.wrong_speakers()):>4}/{r.total:<4} {len(r.missing()):>7} "
              f"{100 * coverage(r):4.0f}%  {names}")
        for i in r.wrong_roles()[:detail]:
            role, speaker, quote = r.expected["paragraphs"][i]
            print(f"    {quote[:40]!r}: expected {role} {speaker}, got {r.found[i]}")
        for junk in r.spoken_junk()[:3]:
            print(f"    spoken but should not be: {junk!r}")
        for wrong in r.meta_wrong():
            print(f"    {wrong}")
    print()
    for group, t in group_totals(results).items():
        print(f"{group:10} {t['texts']:>2} texts: roles {t['roles']}/{t['paragraphs']} "
              f"({100 * t['roles'] / t['paragraphs']:.1f}%), speakers {t['speakers']}/{t['paragraphs']} "
              f"({100 * t['speakers'] / t['paragraphs']:.1f}%), missing {t['missing']}, "
              f"names right in {t['names']}/{t['texts']}, title and date right in {t['meta']}/{t['texts']}")


def seed_report() -> None:
    """The seed interview in every label style: interview paragraphs right, and both names."""
    import tempfile

    from seed_variants import GUEST, HOST, SEED, SEED_ROLES, roles_of, write_variants
    if not SEED.exists():
        return
    print(f"\nseed ({len(SEED_ROLES)} interview paragraphs) in every label style:")
    with tempfile.TemporaryDirectory() as folder:
        for path in write_variants(Path(folder)):
            script = split(read_article(path))
            roles = roles_of(script)
            right = sum(a == b for a, b in zip(roles, SEED_ROLES)) if len(roles) == len(SEED_ROLES) else 0
            names = "names right" if (script.hosts, script.guests) == ([HOST], [GUEST]) else \
                f"{script.hosts} / {script.guests}"
            print(f"  {path.name:22} {right:>3}/{len(SEED_ROLES)}  {names}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="*", type=Path, default=[CORPUS])
    parser.add_argument("--detail", type=int, default=5, help="wrong paragraphs shown per text")
    args = parser.parse_args()
    results = [evaluate(path) for folder in args.folders for path in corpus_files(folder)]
    report(results, args.detail)
    if args.folders == [CORPUS]:
        seed_report()


if __name__ == "__main__":
    main()
