"""What a batch did, source by source: kept as ``DIR/batch-report.json`` and shown as a table."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from ..errors import OutputError
from ..formats.files import write_text
from ..formats.manifest import now_rfc3339

REPORT_FILE = "batch-report.json"
RENDERED, SKIPPED, FAILED, NOT_RUN = "rendered", "skipped", "failed", "not run"


@dataclass(frozen=True)
class Outcome:
    """One source's result. ``skipped``: its episode was up to date; ``not run``: interrupted first."""

    source: str
    status: str
    episode: str = ""  # the MP3's path
    duration: float = 0.0  # seconds of audio
    seconds: float = 0.0  # time the render took, on its worker
    error: str = ""  # one line, for a failure


@dataclass
class BatchReport:
    """Every source's outcome, in the order the sources were given."""

    out_dir: Path
    outcomes: list[Outcome]
    seconds: float = 0.0  # the whole batch, wall clock
    workers: int = 0
    feed: str = ""  # feed.xml written at the end, if any
    interrupted: bool = False
    finished: str = field(default_factory=now_rfc3339)

    def count(self, status: str) -> int:
        return sum(outcome.status == status for outcome in self.outcomes)

    @property
    def failed(self) -> list[Outcome]:
        return [outcome for outcome in self.outcomes if outcome.status == FAILED]

    def to_dict(self) -> dict:
        counts = {status: self.count(status) for status in (RENDERED, SKIPPED, FAILED, NOT_RUN)}
        return {"out_dir": str(self.out_dir), "finished": self.finished, "seconds": round(self.seconds, 3),
                "workers": self.workers, "feed": self.feed, "interrupted": self.interrupted, "counts": counts,
                "sources": [{**asdict(o), "seconds": round(o.seconds, 3)} for o in self.outcomes]}


def write_report(report: BatchReport) -> Path:
    """``DIR/batch-report.json``, atomically: a reader sees the last batch's or this one's."""
    target = Path(report.out_dir) / REPORT_FILE
    try:
        write_text(target, json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n")
    except OSError as error:
        raise OutputError(f"cannot write {target} ({error.strerror or error})") from None
    return target
