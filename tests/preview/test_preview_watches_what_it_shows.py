"""The preview watches what it shows (the guides' folder and the folders under it where
pictures may be, guide.toml's folder, the templates), never a whole disk; a folder it cannot
follow, or watching that fails, is said in the terminal and on the page, never in silence."""

from __future__ import annotations

import contextlib
import json
import os
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from helpers.guides import MINIMAL
from helpers.preview import preview_here

from generator.preview import PreviewRun, watch
from generator.preview.watch import Watched


def state(run: PreviewRun) -> dict[str, Any]:
    with urllib.request.urlopen(run.url + "g/small.md/state", timeout=20) as answer:
        shown: dict[str, Any] = json.loads(answer.read())
        return shown


def until(condition: Callable[[], bool], seconds: float = 15) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "not within the time"
        time.sleep(0.05)


def saved_and_shown(run: PreviewRun, guide: Path, title: str) -> None:
    """Save the guide under a new title and wait until the page has it."""
    guide.write_text(MINIMAL.replace("A small guide", title), encoding="utf-8")
    until(lambda: state(run)["title"] == title)


def test_a_link_to_proc_beside_the_guides_is_never_entered(project: Path) -> None:
    (project / "content" / "proc").symlink_to("/proc")
    lines: list[str] = []
    with preview_here(Path("content/small.md"), lines) as run:
        assert state(run)["title"] == "A small guide"
        saved_and_shown(run, project / "content" / "small.md", "A guide saved again")
        assert run.watcher.is_alive()
        assert state(run)["problems"] == []
    assert not any("warning" in line for line in lines), lines


def test_only_the_folders_that_can_hold_what_is_shown_are_watched(project: Path) -> None:
    content = project / "content"
    for folder in ("pictures/phones", "output/old", ".git/objects", "node_modules/x", "_drafts"):
        (content / folder).mkdir(parents=True)
    (content / "elsewhere").symlink_to(project.parent)
    folders, unwatched = Watched(Path("content"), Path("guide.toml"), None, None).folders()
    assert folders == sorted([project, content, content / "pictures", content / "pictures/phones"])
    assert unwatched == []


def test_a_crowded_folder_is_followed_nearest_first_and_said(project: Path) -> None:
    content = project / "content"
    for number in range(watch.MAX_FOLDERS + 20):
        (content / "archive" / f"{number:03}").mkdir(parents=True)
    (content / "pictures").mkdir()
    folders, unwatched = Watched(Path("content"), Path("guide.toml"), None, None).folders()
    assert content / "pictures" in folders  # beside the guide, before anything deeper
    assert len(folders) == watch.MAX_FOLDERS + 1  # and guide.toml's folder
    assert [(each.folder, each.reason) for each in unwatched] == [
        (
            Path("content"),
            f"it holds more than {watch.MAX_FOLDERS} folders: only the {watch.MAX_FOLDERS} "
            "nearest it are followed",
        )
    ]


def test_a_folder_that_cannot_be_read_is_said_on_the_page(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    locked = project / "content" / "locked"
    locked.mkdir()
    real_scandir = os.scandir

    def scandir(path: Any = ".") -> Any:
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(watch.os, "scandir", scandir)
    lines: list[str] = []
    with preview_here(Path("content/small.md"), lines) as run:
        said = f"{locked}: warning: the preview does not follow changes here (permission denied)"
        until(lambda: said in lines)
        assert said in [problem["text"] for problem in state(run)["problems"]]
        # The rest is followed all the same.
        saved_and_shown(run, project / "content" / "small.md", "A guide saved again")


def test_watching_that_fails_is_said_and_tried_again_until_it_works(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import watchfiles

    real_watch = watchfiles.watch
    failures = [OSError(28, "inotify watch limit reached")]

    def failing_watch(*args: Any, **kwargs: Any) -> Any:
        if failures:
            raise failures.pop()
        return real_watch(*args, **kwargs)

    monkeypatch.setattr(watchfiles, "watch", failing_watch)
    monkeypatch.setattr(watch, "RETRY", 1.0)
    lines: list[str] = []
    with preview_here(Path("content/small.md"), lines) as run:
        said = (
            "content: warning: the preview does not follow changes here (OSError: [Errno 28] "
            "inotify watch limit reached; trying again)"
        )
        assert lines[0] == said
        assert said in [problem["text"] for problem in state(run)["problems"]]
        until(lambda: state(run)["problems"] == [])  # said no more once it works again
        saved_and_shown(run, project / "content" / "small.md", "A guide saved again")
        assert run.watcher.is_alive()


def test_a_picture_saved_in_a_new_folder_shows(project: Path) -> None:
    from helpers.guides import DATA

    guide = project / "content" / "small.md"
    with preview_here(Path("content/small.md")) as run:
        assert state(run)["problems"] == []
        guide.write_text(MINIMAL + "\n![The settings screen](shots/new/screen.png)\n")
        until(lambda: "was not found" in str(state(run)["problems"]))
        shots = project / "content" / "shots" / "new"
        shots.mkdir(parents=True)
        (shots / "screen.png").write_bytes((DATA / "settings-screen.png").read_bytes())
        until(lambda: state(run)["problems"] == [] and not state(run)["stale"])


def test_a_guide_replaced_by_a_named_pipe_is_said_and_ctrl_c_still_stops(project: Path) -> None:
    import threading

    from generator.cli import _preview_settings

    guide = project / "content" / "small.md"
    watched = Watched(Path("content"), Path("guide.toml"), None, None)
    run = PreviewRun(guide, _preview_settings({}), watched, port=0, report=lambda line: None)
    run.start()
    stopping = threading.Thread(target=run.stop, daemon=True)
    try:
        assert state(run)["title"] == "A small guide"
        guide.unlink()
        os.mkfifo(guide)
        until(lambda: "named pipe" in str(state(run)["problems"]))
        assert state(run)["problems"][0]["text"] == (
            f"{guide}: error: cannot be read: it is a named pipe, not a file: give a file saved "
            "on the disk"
        )
    finally:
        stopping.start()  # what Ctrl+C does
        stopping.join(5)
        stuck = stopping.is_alive()
        if stuck:  # let a reader waiting on the pipe go, so the test itself ends
            with contextlib.suppress(OSError):
                os.close(os.open(guide, os.O_WRONLY | os.O_NONBLOCK))
            stopping.join(15)
    assert not stuck, "the preview was still stopping 5 s after Ctrl+C"


@pytest.fixture(autouse=True)
def _no_thread_dies(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """A thread of the preview that ends with an exception fails the test."""
    import threading

    died: list[str] = []
    monkeypatch.setattr(threading, "excepthook", lambda args: died.append(repr(args.exc_value)))
    yield died
    assert died == []


def test_a_folder_named_in_other_bytes_than_utf8_is_said_once_and_the_rest_followed(
    project: Path,
) -> None:
    odd = Path(os.fsdecode(bytes(project / "content") + b"/x\xfe"))
    odd.mkdir()
    lines: list[str] = []
    with preview_here(Path("content/small.md"), lines) as run:
        until(lambda: any("is not UTF-8 text" in line for line in lines))
        generation = state(run)["generation"]
        time.sleep(2.5)  # longer than the watcher's pause before trying again
        assert state(run)["generation"] == generation  # nothing rebuilt while nothing changed
        saved_and_shown(run, project / "content" / "small.md", "A guide saved again")
    assert sum("is not UTF-8 text" in line for line in lines) == 1, lines
