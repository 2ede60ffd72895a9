"""The output folder transaction, with real processes killed by SIGKILL at the worst moments."""

import subprocess
import sys
import textwrap

import pytest

from podcaster.errors import OutputError
from podcaster.output.folder import STAGING_PREFIX, Staging, folder_lock, recover

NAMES = ["talk.script.json", "talk.vtt", "talk.mp3"]


def old_version(folder):
    for name in NAMES:
        (folder / name).write_text("old")


def child(code: str, folder) -> subprocess.Popen:
    """A separate Python process running ``code`` with ``folder`` as FOLDER."""
    prelude = (f"import os, signal, time\nfrom pathlib import Path\n"
               f"FOLDER = Path({str(folder)!r})\nNAMES = {NAMES!r}\n")
    return subprocess.Popen([sys.executable, "-c", prelude + code],
                            stdout=subprocess.PIPE, text=True)


STAGE = textwrap.dedent("""
    from podcaster.output.folder import Staging
    staging = Staging(FOLDER)
    for name in NAMES:
        (staging.path / name).write_text("new")
""")


def test_commit_moves_every_file_and_leaves_no_staging(tmp_path):
    old_version(tmp_path)
    with Staging(tmp_path) as staging:
        files = [staging.path / n for n in NAMES]
        for f in files:
            f.write_text("new")
        moved = staging.commit(files)
    assert [p.name for p in moved] == NAMES
    assert {p.name: p.read_text() for p in tmp_path.iterdir() if not p.name.startswith(".")} == \
        dict.fromkeys(NAMES, "new")
    assert not list(tmp_path.glob(STAGING_PREFIX + "*"))


def test_killed_mid_commit_is_finished_by_the_next_run(tmp_path):
    old_version(tmp_path)
    code = STAGE + textwrap.dedent("""
    real_replace = os.replace
    def replace_then_die(source, target):
        real_replace(source, target)
        os.kill(os.getpid(), signal.SIGKILL)  # the power goes after the first file
    os.replace = replace_then_die
    staging.commit([staging.path / n for n in NAMES])
    """)
    assert child(code, tmp_path).wait() == -9
    assert [(tmp_path / n).read_text() for n in NAMES] == ["new", "old", "old"]
    with folder_lock(tmp_path):
        assert [(tmp_path / n).read_text() for n in NAMES] == ["new", "new", "new"]
    assert not list(tmp_path.glob(STAGING_PREFIX + "*"))


def test_killed_before_commit_leaves_the_old_version(tmp_path):
    old_version(tmp_path)
    code = STAGE + "os.kill(os.getpid(), signal.SIGKILL)\n"
    assert child(code, tmp_path).wait() == -9
    assert list(tmp_path.glob(STAGING_PREFIX + "*"))
    recover(tmp_path)
    assert [(tmp_path / n).read_text() for n in NAMES] == ["old"] * 3
    assert not list(tmp_path.glob(STAGING_PREFIX + "*"))


def test_a_live_render_is_left_alone(tmp_path):
    proc = child(STAGE + "print('staged', flush=True)\ntime.sleep(30)\n", tmp_path)
    try:
        assert proc.stdout.readline().strip() == "staged"
        recover(tmp_path)
        [staging] = tmp_path.glob(STAGING_PREFIX + "*")
        assert sorted(p.name for p in staging.iterdir() if not p.name.startswith(".")) == sorted(NAMES)
    finally:
        proc.kill()
        proc.wait()


def test_a_held_lock_makes_others_wait_then_give_up(tmp_path):
    code = textwrap.dedent("""
    from podcaster.output.folder import folder_lock
    with folder_lock(FOLDER):
        print('locked', flush=True)
        time.sleep(30)
    """)
    proc = child(code, tmp_path)
    try:
        assert proc.stdout.readline().strip() == "locked"
        with pytest.raises(OutputError, match="busy"):
            with folder_lock(tmp_path, timeout=0.3):
                pass
    finally:
        proc.kill()
        proc.wait()
    with folder_lock(tmp_path, timeout=5):  # a dead holder's lock is free at once
        pass
