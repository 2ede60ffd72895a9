"""`podcaster batch`: sources expanded, renders on real Dask clusters (a LocalCluster, and a `dask
scheduler` with two `dask worker` processes started as a user would), failures collected, reruns
skipped, Ctrl-C, and a worker killed mid-render."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import feedparser
import pytest
from audio import probe
from mutagen.mp3 import MP3
from procs import HAVE_PROC, alive, children, descendants

from podcaster.batch import Outcome, expand_sources
from podcaster.batch.report import BatchReport, write_report

BASE = "https://podcasts.example.org/archive/"
# Six short interviews, set the ways publishers set them: labels, bold Markdown, Q and A, a saved
# page, questions as headings, capitals.
ARTICLES = {
    "baker.txt": """The baker who wakes the town

By Priya Shah, 12 June 2024

Before dawn on Harrow Street, one oven is already warm.

Priya Shah: What time does your day start?

Lena Hart: Three in the morning, six days a week.

Priya Shah: And the bread sells out?

Lena Hart: By nine, usually. The rye goes first.
""",
    "nets.md": """---
title: Mending nets on the east pier
date: 2024-02-20
---

**Tom Walsh:** How did you learn the knots?

**Grace Doyle:** From my grandmother, on this very pier.

**Tom Walsh:** Will anyone carry it on?

**Grace Doyle:** Two apprentices started in spring. They are quick.
""",
    "bees.txt": """Bees above the bus station

Interview by Omar Reid. Published 3 May 2023.

Three hives now sit on the roof of the central bus station. We asked their keeper, Ruth Amsel, why.

Q: Why a bus station?

A: Because nobody goes up there, and the lime trees are close.

Q: Do the bees mind the diesel?

A: Less than you would think. The honey tastes of linden, not of buses.
""",
    "ferry.html": """<!doctype html><html><head><title>The last ferry captain | Harbour Gazette</title></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>The last ferry captain</h1><p class="byline">By Ines Moreau, 8 January 2024</p>
<p>After forty years, the river ferry makes its final crossing on Sunday.</p>
<p><b>Ines Moreau:</b> What will you miss most?</p>
<p><b>Carl Brandt:</b> The fog mornings. You steer by the sound of the bell.</p>
<p><b>Ines Moreau:</b> And what comes next for you?</p>
<p><b>Carl Brandt:</b> A garden, and no timetable at all.</p></article>
<footer>Share this article</footer></body></html>
""",
    "library.md": """# A library that never closes

*Noor Haddad talks to the night librarian, Felix Okoro. Published 14 March 2024.*

## Who comes in at three in the morning?

Nurses after their shift, mostly, and students who cannot sleep.

## What do they read?

Atlases. Nobody expected that, but the atlases are always out.
""",
    "glass.txt": """Breathing into glass

By Marta Kowalski
21 September 2023

MS. KOWALSKI: How long before you made a glass you were proud of?

MR. ADEYEMI: Two years. The first hundred all cracked as they cooled.

MS. KOWALSKI: What did you change?

MR. ADEYEMI: Patience. The kiln cannot be hurried, and neither can I.
""",
}


def write_articles(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return [folder / name for name in ARTICLES]


def run_batch(*args, cache: Path, cwd: Path | None = None, **popen) -> subprocess.Popen:
    env = {**os.environ, "PODCASTER_CACHE": str(cache)}
    return subprocess.Popen([sys.executable, "-m", "podcaster.cli", "batch", *map(str, args)], env=env, cwd=cwd,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **popen)


def finish(proc: subprocess.Popen, timeout: float = 600) -> tuple[int, str]:
    _, stderr = proc.communicate(timeout=timeout)
    return proc.returncode, stderr


def report_of(out: Path) -> dict:
    return json.loads((out / "batch-report.json").read_text(encoding="utf-8"))


def assert_complete(out: Path, count: int) -> None:
    """``count`` episodes in ``out``, each whole: every file its manifest lists, the MP3 at its recorded
    size and length as mutagen and ffprobe read it; no staging folder left behind."""
    manifests = sorted(out.glob("*.episode.json"))
    assert len(manifests) == count
    for path in manifests:
        manifest = json.loads(path.read_text(encoding="utf-8"))
        assert all((out / name).is_file() for name in manifest["files"].values())
        mp3 = out / manifest["files"]["mp3"]
        assert mp3.stat().st_size == manifest["mp3_bytes"]
        assert MP3(mp3).info.length == pytest.approx(manifest["duration"], abs=0.2)
        assert float(probe(mp3)["format"]["duration"]) > 10
    assert not list(out.glob(".podcaster-*"))


def feed_entries(out: Path) -> int:
    parsed = feedparser.parse(str(out / "feed.xml"))
    assert not parsed.bozo
    return len(parsed.entries)


# Sources, without Dask

def test_a_folder_gives_its_articles_and_those_below_but_not_hidden_files_or_the_output(tmp_path):
    articles = write_articles(tmp_path / "archive")
    (tmp_path / "archive" / "2022").mkdir()
    (tmp_path / "archive" / "2022" / "old.script.json").write_text("{}")
    (tmp_path / "archive" / ".drafts").mkdir()
    (tmp_path / "archive" / ".drafts" / "draft.txt").write_text("x")
    (tmp_path / "archive" / "cover.jpg").write_bytes(b"\xff\xd8")
    (tmp_path / "archive" / "out").mkdir()
    (tmp_path / "archive" / "out" / "baker.script.json").write_text("{}")
    found = expand_sources([str(tmp_path / "archive")], tmp_path / "archive" / "out")
    assert [s.name for s in found] == sorted(map(str, [*articles, tmp_path / "archive/2022/old.script.json"]))
    assert not any(s.problem for s in found)


def test_globs_lists_and_urls_in_order_each_once(tmp_path, monkeypatch):
    write_articles(tmp_path / "archive")
    listing = tmp_path / "archive" / "week.list"
    listing.write_text(f"# this week's\nbaker.txt\n\nhttps://example.org/talk\n{tmp_path / 'archive/glass.txt'}\n")
    monkeypatch.chdir(tmp_path)
    found = expand_sources(["archive/*.md", f"@{listing}", "archive/baker.txt", "http://example.org/a"])
    assert [s.name for s in found] == [str(tmp_path / "archive" / name) for name in ("library.md", "nets.md")] + [
        str(tmp_path / "archive/baker.txt"), "https://example.org/talk", str(tmp_path / "archive/glass.txt"),
        "http://example.org/a"]


def test_what_names_nothing_is_a_failure_of_its_own_and_a_missing_file_is_left_to_the_render(tmp_path):
    (tmp_path / "empty").mkdir()
    (tmp_path / "nested.list").write_text("@other.list\n")
    found = expand_sources([str(tmp_path / "empty"), str(tmp_path / "no-*.txt"), f"@{tmp_path / 'none.list'}",
                            f"@{tmp_path / 'nested.list'}", str(tmp_path / "missing.txt")])
    problems = [s.problem for s in found]
    assert "no articles in this folder" in problems[0]
    assert problems[1].endswith("no file matches")
    assert "cannot read the list" in problems[2]
    assert "a list cannot name another list" in problems[3]
    assert (found[4].name, found[4].problem) == (str(tmp_path / "missing.txt"), "")


def test_the_report_lists_every_source_with_its_status_and_is_written_whole(tmp_path):
    report = BatchReport(tmp_path, [Outcome("a.txt", "rendered", str(tmp_path / "a.mp3"), 61.5, 3.25),
                                    Outcome("b.txt", "failed", error="b.txt: no such file; check the path")],
                         seconds=4.0, workers=2)
    path = write_report(report)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["counts"] == {"rendered": 1, "skipped": 0, "failed": 1, "not run": 0}
    assert [(s["source"], s["status"], s["error"]) for s in data["sources"]] == [
        ("a.txt", "rendered", ""), ("b.txt", "failed", "b.txt: no such file; check the path")]
    assert data["sources"][0]["duration"] == 61.5 and data["sources"][0]["episode"].endswith("a.mp3")
    assert [p.name for p in tmp_path.iterdir()] == ["batch-report.json"]  # no part file left


# Real clusters

@pytest.mark.slow
def test_an_unreachable_scheduler_is_a_one_line_error(tmp_path):
    write_articles(tmp_path / "archive")
    start = time.monotonic()
    code, stderr = finish(run_batch(tmp_path / "archive", "-o", tmp_path / "out", "--scheduler",
                                    f"tcp://127.0.0.1:{free_port()}", cache=tmp_path / "cache"))
    assert code == 9
    assert stderr.startswith("podcaster: error: cannot reach the Dask scheduler at tcp://127.0.0.1:")
    assert stderr.count("\n") == 1 and time.monotonic() - start < 30


@pytest.mark.slow
def test_the_local_cluster_renders_the_others_and_reports_each_failure(tmp_path):
    archive = tmp_path / "archive"
    baker, nets = write_articles(archive)[:2]
    (tmp_path / "photo.txt").write_bytes(bytes(range(256)) * 8)
    sources = [baker, nets, tmp_path / "photo.txt", tmp_path / "missing.txt", f"http://127.0.0.1:{free_port()}/talk"]
    out = tmp_path / "out"
    code, stderr = finish(run_batch(*sources, "-o", out, "--workers", "2", "--base-url", BASE, cache=tmp_path / "c"))
    assert code == 10, stderr
    assert f"podcaster: error: 3 of 5 sources failed: see {out}/batch-report.json" in stderr
    report = report_of(out)
    assert report["workers"] == 2
    statuses = {Path(s["source"]).name: (s["status"], s["error"]) for s in report["sources"]}
    assert statuses["baker.txt"] == ("rendered", "") and statuses["nets.md"] == ("rendered", "")
    assert "binary" in statuses["photo.txt"][1]
    assert "no such file" in statuses["missing.txt"][1]
    assert "could not fetch" in statuses["talk"][1]
    assert all(s["status"] == "failed" for name, s in zip(statuses, report["sources"]) if name not in
               ("baker.txt", "nets.md"))
    assert_complete(out, 2)
    assert feed_entries(out) == 2


@pytest.mark.slow
@pytest.mark.skipif(not HAVE_PROC, reason="finds the worker processes in /proc")
def test_on_a_dask_cluster_every_episode_is_whole_though_a_worker_is_killed_and_a_rerun_skips_all(tmp_path):
    """The issue's test: a `dask scheduler` and two `dask worker`s on 127.0.0.1, six articles."""
    archive, out, cache = tmp_path / "archive", tmp_path / "out", tmp_path / "cache"
    write_articles(archive)
    with dask_cluster(tmp_path, cache, workers=2) as (address, workers):
        batch = run_batch(archive, "-o", out, "--scheduler", address, "--base-url", BASE, cache=tmp_path / "client")
        killed = kill_a_rendering_worker(workers, batch)
        code, stderr = finish(batch)
        assert code == 0, stderr
        assert killed, "no render was under way to kill"
        assert not [pid for pid in killed if alive(pid)]  # its speech workers died with it
        assert [s["status"] for s in report_of(out)["sources"]] == ["rendered"] * 6
        assert_complete(out, 6)
        assert feed_entries(out) == 6
        code, stderr = finish(run_batch(archive, "-o", out, "--scheduler", address, cache=tmp_path / "client"))
        assert code == 0, stderr
        assert [s["status"] for s in report_of(out)["sources"]] == ["skipped"] * 6


@pytest.mark.slow
@pytest.mark.skipif(not HAVE_PROC, reason="looks for processes left in /proc")
def test_ctrl_c_stops_every_process_and_a_rerun_resumes(tmp_path):
    archive, out = tmp_path / "archive", tmp_path / "out"
    write_articles(archive)
    batch = run_batch(archive, "-o", out, cache=tmp_path / "cache", start_new_session=True)
    assert batch.stderr is not None
    assert "sources on" in batch.stderr.readline()  # the cluster is up and the renders submitted
    time.sleep(0.5)
    group = {batch.pid} | descendants(batch.pid)
    os.killpg(batch.pid, signal.SIGINT)  # what Ctrl-C in a terminal does
    code, stderr = finish(batch, timeout=60)
    assert code == 130, stderr
    assert "podcaster: interrupted; run again to resume" in stderr and "Traceback" not in stderr
    first = report_of(out)
    assert first["interrupted"] and first["counts"]["not run"] > 0
    deadline = time.monotonic() + 10
    while any(alive(pid) for pid in group) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not [pid for pid in group if alive(pid)]
    code, stderr = finish(run_batch(archive, "-o", out, cache=tmp_path / "cache"))
    assert code == 0, stderr
    again = {s["source"]: s["status"] for s in report_of(out)["sources"]}
    assert set(again.values()) <= {"rendered", "skipped"}
    # what was done is kept (a render that finished while the cluster closed is kept too)
    assert all(again[s["source"]] == "skipped" for s in first["sources"] if s["status"] == "rendered")
    assert_complete(out, 6)


def free_port() -> int:
    with socket.socket() as probe_socket:
        probe_socket.bind(("127.0.0.1", 0))
        return probe_socket.getsockname()[1]


@contextmanager
def dask_cluster(folder: Path, cache: Path, workers: int) -> Iterator[tuple[str, list[subprocess.Popen]]]:
    """A scheduler and ``workers`` single-threaded workers, as the README sets them up; all killed after."""
    from distributed import Client

    port = free_port()
    address = f"tcp://127.0.0.1:{port}"
    env = {**os.environ, "PODCASTER_CACHE": str(cache), "DASK_DISTRIBUTED__WORKER__DAEMON": "False",
           "DASK_DISTRIBUTED__WORKER__PROFILE__ENABLED": "False",
           "DASK_DISTRIBUTED__NANNY__PRE_SPAWN_ENVIRON": "{'OMP_NUM_THREADS': 1}",
           "DASK_DISTRIBUTED__SCHEDULER__ALLOWED_FAILURES": "2"}
    dask = [sys.executable, "-m", "dask"]
    started: list[subprocess.Popen] = []

    def start(*args: str) -> subprocess.Popen:
        log = open(folder / f"dask-{len(started)}.log", "w")  # noqa: SIM115 - the process holds it
        started.append(subprocess.Popen([*dask, *args], env=env, cwd=folder, stdout=log, stderr=subprocess.STDOUT,
                                        start_new_session=True))
        return started[-1]

    try:
        start("scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard")
        for _ in range(workers):
            start("worker", address, "--nworkers", "1", "--nthreads", "1", "--host", "127.0.0.1", "--no-dashboard")
        with Client(address, timeout=60) as client:
            client.wait_for_workers(workers, timeout=120)
        yield address, started[1:]
    finally:
        for proc in reversed(started):
            with_signal(proc, signal.SIGTERM)
        for proc in started:
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                with_signal(proc, signal.SIGKILL)
                proc.wait()
            with_signal(proc, signal.SIGKILL)  # a worker process its nanny left behind


def with_signal(proc: subprocess.Popen, sig: int) -> None:
    try:
        os.killpg(proc.pid, sig)
    except ProcessLookupError:
        pass


def kill_a_rendering_worker(workers: list[subprocess.Popen], batch: subprocess.Popen) -> set[int]:
    """SIGKILL a Dask worker process (a nanny's child) while it renders, that is while it has speech
    workers; the processes killed and those below them, or none if the batch ended first."""
    while batch.poll() is None:
        for nanny in workers:
            for worker in children({nanny.pid}):
                below = descendants(worker)
                if any("spawn_main" in cmdline(pid) for pid in below):
                    os.kill(worker, signal.SIGKILL)
                    return {worker} | below
        time.sleep(0.02)
    return set()


def cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""
