"""``podcaster batch``: many articles rendered at once on Dask, each as ``podcaster episode`` would.

``batch`` expands the sources (``sources.py``), fails fast on settings every render would trip
on, runs one render per article on a Dask cluster (``engine.py``, ``task.py``), rebuilds the
feed and pages once, and writes ``DIR/batch-report.json`` (``report.py``).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from ..config.cast import load_cast
from ..config.lexicon import load_lexicon
from ..pipeline import prepare_output
from ..publish.feed import feed
from ..publish.urls import check_base_url
from .engine import dask_client, run_renders, worker_count
from .report import FAILED, NOT_RUN, BatchReport, Outcome, write_report
from .sources import Source, expand_sources

__all__ = ["BatchReport", "Outcome", "Source", "batch", "expand_sources"]


def batch(sources: list[str], out_dir: Path, voices: Path | None = None, *, workers: int | None = None,
          scheduler: str | None = None, base_url: str | None = None, show: Path | None = None,
          started: Callable[[int, int], None] = lambda total, workers: None,
          done: Callable[[Outcome], None] = lambda outcome: None,
          note: Callable[[str], None] = lambda text: None) -> BatchReport:
    """Render every article ``sources`` name into ``out_dir``; keep those up to date already.

    ``started(total, workers)`` is called once the cluster is up, ``done(outcome)`` as each source
    finishes. A failed source does not stop the others. The report is written even after Ctrl-C
    (the renders not finished are ``not run``; a rerun resumes), then KeyboardInterrupt goes on.
    """
    began = time.monotonic()
    out_dir = Path(out_dir).absolute()
    voices = _voices_for_workers(voices)
    prepare_output(out_dir)
    if base_url:
        check_base_url(base_url)  # before the long part
    expanded = expand_sources(sources, out_dir)
    outcomes: dict[str, Outcome] = {s.name: Outcome(s.name, FAILED, error=s.problem) for s in expanded if s.problem}
    report = BatchReport(out_dir, [])
    try:
        todo = [source for source in expanded if not source.problem]
        with dask_client(scheduler, workers) as client:
            report.workers = worker_count(client)
            started(len(expanded), report.workers)
            for outcome in outcomes.values():
                done(outcome)

            def finished(outcome: Outcome) -> None:
                outcomes[outcome.source] = outcome
                done(outcome)
            run_renders(client, todo, out_dir, str(voices) if voices else None, finished)
        if base_url:
            report.feed = str(feed(out_dir, base_url, show, note=note))
    except KeyboardInterrupt:
        report.interrupted = True
        raise
    finally:
        report.outcomes = [outcomes.get(s.name, Outcome(s.name, NOT_RUN)) for s in expanded]
        report.seconds = time.monotonic() - began
        if out_dir.is_dir():
            write_report(report)
    return report


def _voices_for_workers(voices: Path | None) -> Path | None:
    """The cast folder as every worker can find it (absolute; ``./voices`` if that is used), after
    checking its cast and lexicon here: a mistake there would fail every render the same way."""
    load_cast(voices), load_lexicon(voices)
    if voices is None:
        return Path("voices").absolute() if (Path("voices") / "cast.toml").is_file() else None
    return Path(voices).absolute() if Path(voices).is_dir() else voices  # else a built-in cast's name
