"""The Dask side of a batch: a cluster to run on, and the renders submitted to it.

By default a ``LocalCluster`` with one single-threaded worker process per core; with an address,
a running scheduler (``dask scheduler``) and whatever workers joined it. Dask is imported here
only, so the rest of podcaster runs without it.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from ..errors import ClusterError
from ..speak.pool import ctrl_c_ignored
from .report import FAILED, Outcome
from .sources import Source
from .task import render_one

CONNECT_SECONDS = 5
INSTALL_HINT = "pip install 'podcaster[batch]'"
# A render starts speech worker processes, which Dask's default daemonic workers may not have; a
# worker killed mid-render has its article tried again on another, at most twice. Dask's own
# helpers cost a render CPU it has none to spare of: the profiler walking the render's stack every
# 10 ms, and MALLOC_TRIM_THRESHOLD_ (in every worker's environment, so in its speech workers' and
# ffmpeg's too), with which glibc hands freed memory back at once and faults it in again.
LOCAL_CONFIG = {"distributed.worker.daemon": False, "distributed.scheduler.allowed-failures": 2,
                "distributed.worker.profile.enabled": False,
                "distributed.nanny.pre-spawn-environ": {"OMP_NUM_THREADS": 1, "MKL_NUM_THREADS": 1,
                                                        "OPENBLAS_NUM_THREADS": 1}}


@contextmanager
def dask_client(scheduler: str | None = None, workers: int | None = None) -> Iterator:
    """A ``distributed.Client``: on ``scheduler`` (tcp://HOST:PORT), or on a cluster of our own."""
    try:
        import dask
        from distributed import Client, LocalCluster
    except ImportError as error:
        raise ClusterError(f"podcaster batch needs Dask ({error}): {INSTALL_HINT}") from None
    if scheduler:
        with _connected(Client, scheduler) as client:
            yield client
        return
    with dask.config.set(LOCAL_CONFIG):
        with ctrl_c_ignored():  # the workers start with it ignored: Ctrl-C is ours to handle, by closing them
            cluster = LocalCluster(n_workers=workers or os.cpu_count() or 1, threads_per_worker=1, processes=True,
                                   dashboard_address=None, silence_logs=logging.ERROR)
        with cluster, Client(cluster) as client:
            yield client


@contextmanager
def _connected(client_class, address: str) -> Iterator:
    try:
        client = client_class(address, timeout=CONNECT_SECONDS)
    except (OSError, TimeoutError, ValueError, MemoryError) as error:
        # ValueError: not an address; MemoryError: a server that is not Dask's answered, and its first
        # bytes were read as the length of a message
        reason = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise ClusterError(f"cannot reach the Dask scheduler at {address} ({reason}): start it with "
                           "`dask scheduler`, or check the address") from None
    try:
        yield client
    finally:
        with suppress(OSError, TimeoutError):  # a scheduler gone by now has nothing left to close
            client.close(timeout=CONNECT_SECONDS)


def worker_count(client) -> int:
    return len(client.scheduler_info().get("workers", {}))


def run_renders(client, sources: list[Source], out_dir: Path, voices: str | None,
                done: Callable[[Outcome], None]) -> None:
    """Submit every source, and hand each outcome to ``done`` as it finishes, in any order. On
    Ctrl-C (or any error here) the renders not finished are cancelled."""
    from distributed import as_completed

    futures = {client.submit(render_one, source.name, str(out_dir), voices, pure=False): source
               for source in sources}
    try:
        for future in as_completed(futures):
            done(_outcome(future, futures[future].name))
    finally:
        client.cancel(list(futures))


def _outcome(future, source: str) -> Outcome:
    """What the render returned, or its failure: a worker that died on it each time it was tried
    (``KilledWorker``), or a bug, named by its type since it has no one-line message of ours."""
    from distributed import KilledWorker

    if future.status == "finished":
        return future.result()
    error = future.exception()
    if isinstance(error, KilledWorker):
        return Outcome(source, FAILED, error="the worker rendering it died each time it was tried "
                                             "(out of memory, or killed): run again to retry")
    return Outcome(source, FAILED, error=f"unexpected error (a bug): "
                                         f"{type(error).__name__}: {error}")
