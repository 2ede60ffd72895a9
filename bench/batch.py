"""Benchmark for issue 16 ("podcaster batch"): a batch against the same renders one after another.

Four seed-length articles, each the seed's script with every sentence written differently (see
``bench.distinct_copy``: the same words, said alike, which the speech cache cannot reuse across
copies), rendered
- by 4 `podcaster episode` runs one after another, sharing one fresh speech cache, and
- by one `podcaster batch` on the default local cluster (one worker per core), with another.
Printed: both wall-clock times (each from starting the command to its exit) and their ratio,
against the issue's target (<= 0.6x).
Usage: python bench/batch.py [ARTICLE] [--copies N] [--voices neural]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import SEED, copy_of, episode_lines, python_as_installed, save, show  # noqa: E402
from podcaster.pipeline import load_script  # noqa: E402

TARGET = 0.6  # the batch's time over the separate runs'


def articles(article: Path, copies: int, folder: Path) -> list[Path]:
    """``copies`` versions of the article's script, every sentence distinct from the other copies'."""
    script = load_script(article)
    lines = episode_lines(script)
    folder.mkdir()
    return [save(copy_of(script, lines, k), folder / f"copy-{k}.script.json") for k in range(1, copies + 1)]


def timed(*args: str, cache: Path) -> float:
    env = {**python_as_installed(), "PODCASTER_CACHE": str(cache)}
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "podcaster.cli", *args], env=env, capture_output=True, text=True)
    if done.returncode:
        sys.exit(f"bench: podcaster {args[0]} failed:\n{done.stderr}")
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("article", nargs="?", type=Path, default=SEED)
    parser.add_argument("--copies", type=int, default=4, help="articles in the batch")
    parser.add_argument("--voices", default=None, help="the cast, as --voices (e.g. neural); default ./voices")
    args = parser.parse_args()
    if not args.article.is_file():
        sys.exit(f"bench: {args.article} not found: pass an article to render")
    with tempfile.TemporaryDirectory(prefix="podcaster-batch-bench-") as tmp:
        work = Path(tmp)
        sources = articles(args.article, args.copies, work / "articles")
        cast = ["--voices", args.voices] if args.voices else []
        one_by_one = sum(timed("episode", str(source), "-o", str(work / "separate"), *cast,
                               cache=work / "cache-separate") for source in sources)
        batch = timed("batch", str(work / "articles"), "-o", str(work / "batch"), *cast, cache=work / "cache-batch")
    cores = os.cpu_count()
    show("batch", f"{args.copies} copies of {args.article.name}, every sentence distinct; {cores} cores; "
         f"cast: {args.voices or './voices'}")
    show("separate", f"{one_by_one:.1f} s: {args.copies} `podcaster episode` runs one after another")
    show("batch time", f"{batch / one_by_one:.2f}x the separate runs ({batch:.1f} s, default local cluster)",
         batch / one_by_one, TARGET)


if __name__ == "__main__":
    main()
