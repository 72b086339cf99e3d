"""A `guide site` stopped at any moment (Ctrl+C, a shutdown, a kill) leaves a site whose every
link still leads somewhere and whose search still starts, and the next run finishes the job:
the same files as a run that was never stopped, nothing half-written left behind."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from helpers.site import build_site, copy_guides

from generator.site.readback import link_problems, read_links

NEW_GUIDE = """\
---
title: Turn off your phone's location history
summary: Your phone can keep a list of every place you go; this turns it off.
lang: en-GB
checked: 2026-11-01
minutes: 5
---

## Steps

### Open Settings
Tap the grey gear icon.

### Tap Location
Then tap **Location history** and turn it off.
"""


def files_of(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def broken_in(files: dict[str, bytes]) -> list[str]:
    """What a reader would find broken in a site of these files: a link leading to nothing,
    or a search index naming a piece that is not there."""
    pages = {
        path: read_links(data.decode("utf-8"), None)
        for path, data in files.items()
        if path.endswith(".html")
    }
    found = [str(f) for f in link_problems(pages, set(files), Path("site"))]
    for path, data in files.items():
        if path.endswith("pagefind-entry.json"):
            folder = path.rsplit("/", 1)[0]
            for language in json.loads(data)["languages"].values():
                if f"{folder}/pagefind.{language['hash']}.pf_meta" not in files:
                    found.append(f"{path} names a missing piece")
    return found


def change(content: Path) -> None:
    """A new guide, a changed one, and one taken away."""
    (content / "turn-off-location-history.md").write_text(NEW_GUIDE, encoding="utf-8")
    guide = content / "back-up-your-photos.md"
    guide.write_text(
        guide.read_text(encoding="utf-8").replace("A second copy", "Another copy"),
        encoding="utf-8",
    )
    (content / "spot-a-fake-parcel-text.pl.md").unlink()


def renames_into(
    out: Path, monkeypatch: pytest.MonkeyPatch, stop_at: int | None = None
) -> list[tuple[str, bytes]]:
    """Record every file renamed into ``out`` (its path and bytes), in order; with ``stop_at``,
    stop the run like Ctrl+C does just before that rename."""
    done: list[tuple[str, bytes]] = []
    real: Callable[..., None] = os.replace
    stopped: list[bool] = []

    def replace(source: str | Path, target: str | Path) -> None:
        where = Path(target)
        if where.is_relative_to(out) and where.name != ".guide-site.json":
            if stop_at is not None and len(done) == stop_at and not stopped:
                stopped.append(True)  # one Ctrl+C: what the run does after it is its own
                raise KeyboardInterrupt
            done.append((where.relative_to(out).as_posix(), Path(source).read_bytes()))
        real(source, target)

    monkeypatch.setattr(os, "replace", replace)
    return done


def built_then_changed(tmp_path: Path) -> tuple[Path, Path]:
    """The test guides' site built in tmp_path/site, then the guides changed: (content, out)."""
    content = copy_guides(tmp_path)
    out = tmp_path / "site"
    assert build_site(content, out)[0] == 0
    (out / "robots.txt").write_text("User-agent: *\n", encoding="utf-8")
    change(content)
    return content, out


def test_between_any_two_renames_the_site_works(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    content, out = built_then_changed(tmp_path)
    before = files_of(out)
    with monkeypatch.context() as patched:
        renamed = renames_into(out, patched)
        code, printed = build_site(content, out)
    assert code == 0, printed
    assert len(renamed) > 20
    # Old files go only once every new one is in place: replay the renames one by one.
    state = dict(before)
    for number, (path, data) in enumerate(renamed, start=1):
        state[path] = data
        assert broken_in(state) == [], f"after {number} renames, the last {path}"


def test_a_stopped_rebuild_is_finished_by_the_next_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    content, out = built_then_changed(tmp_path)
    with monkeypatch.context() as patched:
        renames_into(out, patched, stop_at=12)
        code, printed = build_site(content, out)
    assert code == 1 and "Aborted" in printed
    assert not [p for p in out.rglob("*.part")]
    code, printed = build_site(content, out)
    assert code == 0, printed
    clean = tmp_path / "clean"
    assert build_site(content, clean)[0] == 0
    assert files_of(out) == {**files_of(clean), "robots.txt": b"User-agent: *\n"}


def test_a_stopped_first_run_leaves_a_folder_the_next_run_takes_for_the_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    content = copy_guides(tmp_path)
    out = tmp_path / "site"
    with monkeypatch.context() as patched:
        renames_into(out, patched, stop_at=5)
        assert build_site(content, out)[0] == 1
    code, printed = build_site(content, out)
    assert code == 0, printed
    assert "Put a screen lock on your phone" in (out / "index.html").read_text(encoding="utf-8")


def test_files_a_killed_run_left_are_swept_even_where_nothing_changes(tmp_path: Path) -> None:
    content = copy_guides(tmp_path)
    out = tmp_path / "site"
    assert build_site(content, out)[0] == 0
    # A kill -9 gives a run no time to tidy up: its half-written files stay, hidden.
    left = out / "guides" / "lock-your-phone" / ".index.html.999999999.abcd_123.part"
    left.write_bytes(b"<!DOCTYPE html><p>half")
    code, printed = build_site(content, out)
    assert code == 0, printed
    assert "0 written" in printed
    assert not left.exists()
