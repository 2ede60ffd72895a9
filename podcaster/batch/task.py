"""One article rendered on a Dask worker: the same ``make_episode`` as ``podcaster episode``.

Runs in the worker's process, so it imports nothing of Dask. The render's own speech pool is one
process: the cluster already runs one render per core.
"""

from __future__ import annotations

import multiprocessing
import time
from pathlib import Path

from ..errors import EngineError, PodcasterError
from ..formats.manifest import read_manifest
from ..pipeline import make_episode
from .report import FAILED, RENDERED, SKIPPED, Outcome

SPEECH_WORKERS = 1
DAEMON_HINT = ("this Dask worker runs as a daemon process, which cannot start podcaster's speech workers: "
               "start it with DASK_DISTRIBUTED__WORKER__DAEMON=False dask worker …")


def render_one(source: str, out_dir: str, voices: str | None) -> Outcome:
    """Render ``source`` into ``out_dir`` unless its episode there is up to date. A failure a user can
    fix comes back as a FAILED outcome with its one-line error; anything else is a bug and raises."""
    start = time.monotonic()
    try:
        if multiprocessing.current_process().daemon:  # Dask's default; see batch.engine
            raise EngineError(DAEMON_HINT)
        made = make_episode(source, Path(out_dir), Path(voices) if voices else None,
                            speech_workers=SPEECH_WORKERS, skip_unchanged=True)
        duration = read_manifest(made.outputs["manifest"]).duration
    except PodcasterError as error:
        return Outcome(source, FAILED, seconds=time.monotonic() - start, error=str(error))
    return Outcome(source, SKIPPED if made.kept else RENDERED, str(made.outputs["mp3"]), duration,
                   time.monotonic() - start)
