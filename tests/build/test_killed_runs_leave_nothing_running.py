"""A killed ``guide build --jobs N`` takes its workers with it; its leftovers go next time.

These tests kill a real process with SIGKILL, the way a closed terminal or an impatient
``kill -9`` does, and look at what is still running and what is left on disk.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from helpers.guides import ROOT

from generator.build import build
from generator.options import BuildOptions
from generator.publish import sweep_parts

GUIDE = (ROOT / "tests" / "data" / "meta-ai-objection.md").read_text(encoding="utf-8")


def children_of(pid: int) -> set[int]:
    """The ids of a process's children, from /proc."""
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").glob("*"):
        children = (task / "children").read_text().split()
        found.update(int(child) for child in children)
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="reads /proc (Linux)")
def test_killing_a_parallel_build_stops_its_workers(tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    for number in range(16):
        (content / f"guide-{number}.md").write_text(
            GUIDE.replace("title: ", f"title: Copy {number} of ", 1), encoding="utf-8"
        )
    command = [sys.executable, "-m", "generator", "build", str(content), "--jobs", "3"]
    process = subprocess.Popen(
        [*command, "--out", str(tmp_path / "out")],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    workers: set[int] = set()
    deadline = time.monotonic() + 60
    while len(workers) < 3 and time.monotonic() < deadline and process.poll() is None:
        workers = children_of(process.pid)
        time.sleep(0.05)
    assert len(workers) >= 3, "the build never started its workers"
    time.sleep(0.3)  # the workers are writing files now
    process.send_signal(signal.SIGKILL)
    process.wait()
    deadline = time.monotonic() + 3
    while any(alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(alive(pid) for pid in workers), "workers outlived the killed build"
    out = tmp_path / "out"
    before = sorted(out.iterdir()) if out.exists() else []
    time.sleep(1)
    assert (sorted(out.iterdir()) if out.exists() else []) == before, "files kept appearing"


def finished_pid() -> int:
    """The id of a process that has ended (so no one is writing under it)."""
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def test_the_next_run_sweeps_what_a_killed_run_left(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    dead = out / f".smile.pdf.{finished_pid()}.k3j_9x7q.part"
    living_process = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        in_use = out / f".smile.html.{living_process.pid}.ab12cd34.part"
        old_style = out / ".smile.txt.zz99yy00.part"
        young_old_style = out / ".smile.eml.qq11ww22.part"
        theirs = [out / "notes.part", out / ".hidden.part", out / "smile.pdf.1.x.part"]
        # Another program's partial downloads, hours old: not named the way tempfile names.
        theirs += [out / ".report.pdf.part", out / ".notes.12345.part", out / ".a.b.KK99YY00.part"]
        for path in [dead, in_use, old_style, young_old_style, *theirs]:
            path.write_bytes(b"partial")
        # Ages from the clock the tool reads (under faketime the disk's own stamps are real).
        now = time.time()
        hours_ago = now - 2 * 3600
        for path in [dead, in_use, young_old_style]:
            os.utime(path, (now, now))
        for path in [old_style, *theirs]:
            os.utime(path, (hours_ago, hours_ago))
        guide = tmp_path / "smile.md"
        guide.write_text(GUIDE, encoding="utf-8")
        report = build([guide], BuildOptions(out=out, formats=("txt",)))
        assert not report.failed
        left = {path.name for path in out.iterdir()}
        assert dead.name not in left and old_style.name not in left
        assert {in_use.name, young_old_style.name} <= left
        assert {path.name for path in theirs} <= left
    finally:
        living_process.kill()
        living_process.wait()
    assert sweep_parts(out) == [in_use]  # now its writer is gone too


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs chown")
def test_a_part_file_of_another_user_is_left_alone(tmp_path: Path) -> None:
    theirs = tmp_path / f".smile.pdf.{finished_pid()}.k3j_9x7q.part"
    theirs.write_bytes(b"partial")
    os.chown(theirs, 12345, 12345)
    assert sweep_parts(tmp_path) == []
    assert theirs.exists()
