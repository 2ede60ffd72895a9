"""Benchmark for issue 15 ("podcaster proof"): the issue's figures, on the seed interview.

1. The seed rendered in the cast of ./voices (fresh speech cache), then proofed by the real
   command: the proof's time against the episode's duration (target <= 0.25x on 2 cores) and the
   share of its cues flagged (target <= 10%), each flag with its written and heard words.
2. The seed rendered with a lexicon entry that garbles WORD (default "cities"): the share of
   the cues saying it that are flagged for it (target >= 90%), the suggested entry, and after
   `--suggest` and a second render, the cues still flagged for it (target 0).
Usage: python bench/proof.py [ARTICLE] [--word WORD]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import SEED, python_as_installed, show  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
GARBLE = "zorblattiz"
SPEED_TARGET, CLEAN_TARGET, GARBLED_TARGET = 0.25, 0.10, 0.90


def run(*args: str, cwd: Path) -> tuple[float, subprocess.CompletedProcess]:
    env = {**python_as_installed(), "PODCASTER_CACHE": str(cwd / "cache")}
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "podcaster.cli", *args], cwd=cwd, env=env,
                          capture_output=True, text=True)
    if done.returncode:
        sys.exit(f"bench: podcaster {' '.join(args)} failed:\n{done.stderr}")
    return time.perf_counter() - start, done


def workspace(root: Path, name: str, lexicon: str | None) -> Path:
    """A folder with the project's voices (and ``lexicon``, if given, as its lexicon.toml)."""
    folder = root / name
    shutil.copytree(ROOT / "voices", folder / "voices", symlinks=True)
    if lexicon is not None:
        (folder / "voices" / "lexicon.toml").write_text(lexicon, encoding="utf-8")
    return folder


def render_and_proof(article: Path, folder: Path, *proof_args: str) -> tuple[float, dict, float]:
    """(the proof's seconds, the proof file, the episode's duration)."""
    _, done = run("episode", str(article), "-o", "out", cwd=folder)
    mp3 = Path(done.stdout.strip().splitlines()[-1])
    seconds, _ = run("proof", str(mp3), *proof_args, cwd=folder)
    proof = json.loads((folder / mp3.with_suffix("").with_suffix(".proof.json")).read_text(encoding="utf-8"))
    return seconds, proof, float(proof["duration"])


def at_least(name: str, figure: str, value: float, target: float) -> None:
    """``show`` for a target that is a minimum."""
    print(f"{name:<12} {figure:<84} target >= {target:.0%}: {'met' if value >= target else 'NOT met'}")


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("article", nargs="?", type=Path, default=SEED)
    parser.add_argument("--word", default="cities", help="the word the test lexicon garbles")
    args = parser.parse_args()
    if not args.article.is_file():
        sys.exit(f"bench: {args.article} not found: pass an article")
    article = args.article.resolve()
    with tempfile.TemporaryDirectory(prefix="podcaster-bench-proof-") as tmp:
        clean = workspace(Path(tmp), "clean", None)
        seconds, proof, duration = render_and_proof(article, clean)
        share = len(proof["flags"]) / proof["cues"]
        shown = all(f["written"] and f["heard"] is not None for f in proof["flags"])
        show("proof time", f"{seconds / duration:.3f}x the episode: {seconds:.1f} s for {duration / 60:.1f} min "
             f"of audio on {os.cpu_count()} cores (the command, start to exit)", seconds / duration, SPEED_TARGET)
        show("clean seed", f"{len(proof['flags'])} of {proof['cues']} cues flagged ({share:.1%}), WER "
             f"{proof['wer']:.3f}; every flag shows written and heard words: {shown}", share, CLEAN_TARGET, "")
        garbled = workspace(Path(tmp), "garbled", f'[words]\n"{args.word}" = "{GARBLE}"\n')
        _, proof, _ = render_and_proof(article, garbled, "--suggest")
        saying = sum(1 for cue in vtt_cues(garbled) if args.word in cue.lower())
        caught = sum(1 for f in proof["flags"] if args.word in f["wrong"])
        at_least("garbled", f"{caught} of {saying} cues saying {args.word!r} flagged for it; suggested: "
                 f"{proof['suggestions'] or 'nothing'}", caught / max(1, saying), GARBLED_TARGET)
        _, proof, _ = render_and_proof(article, garbled)
        left = sum(1 for f in proof["flags"] if args.word in f["wrong"])
        show("after fix", f"{left} cues flagged for {args.word!r} after --suggest and a second render; "
             f"{len(proof['flags'])} of {proof['cues']} flagged in all", left, 0, "")


def vtt_cues(folder: Path) -> list[str]:
    vtt = next((folder / "out").glob("*.vtt")).read_text(encoding="utf-8")
    return [block for block in vtt.split("\n\n")[1:] if "-->" in block]


if __name__ == "__main__":
    main()
