"""``guide build content/*.md``: the shell passes content/README.md too, and it is skipped.

A file named README.md (in any case) is notes about a folder, never a guide: named on the
command line it gets a one-line note and the command goes on; in a folder it is left out.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from helpers.cli import run_split
from helpers.guides import FIRST_GUIDE


@pytest.fixture
def content(tmp_path: Path) -> Path:
    folder = tmp_path / "content"
    folder.mkdir()
    shutil.copy(FIRST_GUIDE, folder)
    (folder / "README.md").write_text("# How to write a guide\n\nNotes.\n", encoding="utf-8")
    return folder


def note(path: Path) -> str:
    return f"{path}: note: skipped: a file named {path.name} holds notes, never a guide"


@pytest.mark.parametrize("command", ["check", "list"])
def test_check_and_list_of_every_md_file_skip_the_readme(content: Path, command: str) -> None:
    readme = content / "README.md"
    age = ["--max-age", "100000"] if command == "check" else []
    code, out, err = run_split(command, *age, str(readme), str(content / "meta-ai-objection.md"))
    assert code == 0, err
    assert err.splitlines() == [note(readme)]
    assert "meta-ai-objection" in out


def test_build_of_every_md_file_builds_the_guides_and_notes_the_readme(
    content: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    code, _, err = run_split(
        "build", "--format", "txt", "--out", str(out), *map(str, sorted(content.glob("*.md")))
    )
    assert code == 0, err
    assert err.splitlines() == [note(content / "README.md")]
    assert sorted(p.name for p in out.iterdir()) == ["meta-ai-objection.txt"]


def test_workshop_of_every_md_file_makes_the_pack_and_notes_the_readme(
    content: Path, tmp_path: Path
) -> None:
    readme = content / "readme.MD"
    (content / "README.md").rename(readme)
    out = tmp_path / "out"
    code, _, err = run_split(
        "workshop", "--out", str(out), str(readme), str(content / "meta-ai-objection.md")
    )
    assert code == 0, err
    assert err.splitlines() == [note(readme)]
    assert (out / "workshop" / "attendee-pack.pdf").is_file()


def test_a_readme_in_a_folder_is_left_out_quietly(content: Path) -> None:
    code, out, err = run_split("check", "--max-age", "100000", str(content))
    assert code == 0 and err == ""
    assert "README" not in out
