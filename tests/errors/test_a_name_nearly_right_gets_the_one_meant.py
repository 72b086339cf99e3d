"""A guide or list named without its ending, or with a letter wrong, gets "did you mean"."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.cli import run_split
from helpers.guides import MINIMAL


@pytest.fixture
def desk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A guide in content/ and a list of people beside it."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "fake-parcel-text.md").write_text(MINIMAL, "utf-8")
    (tmp_path / "family.csv").write_text("email,name\nmum@example.com,Mum\n", "utf-8")
    return tmp_path


@pytest.mark.parametrize("command", ["build", "check", "list", "workshop", "verify"])
def test_a_guide_named_without_md_is_found(desk: Path, command: str) -> None:
    code, _out, err = run_split(command, "content/fake-parcel-text")
    assert code == 1
    assert err == (
        "content/fake-parcel-text: error: no such file or folder: did you mean "
        "content/fake-parcel-text.md?\n"
    )


@pytest.mark.parametrize("typed", ["fake-parcle-text.md", "Fake-Parcel-Text.md"])
def test_a_guide_name_with_two_letters_swapped_or_capitals_is_found(desk: Path, typed: str) -> None:
    code, _out, err = run_split("check", f"content/{typed}")
    assert code == 1
    assert err == (
        f"content/{typed}: error: no such file or folder: did you mean "
        "content/fake-parcel-text.md?\n"
    )


def test_a_name_like_no_guide_gets_no_guess(desk: Path) -> None:
    code, _out, err = run_split("check", "content/lock-your-phone.md")
    assert code == 1
    assert err == "content/lock-your-phone.md: error: no such file or folder\n"


def test_preview_finds_the_guide_meant(desk: Path) -> None:
    code, _out, err = run_split("preview", "content/fake-parcel-text", "--no-open")
    assert code == 1
    assert err == (
        "content/fake-parcel-text: error: no such file or folder: did you mean "
        "content/fake-parcel-text.md?\n"
    )


@pytest.mark.parametrize("typed", ["family", "famliy.csv"])
def test_a_list_of_people_named_nearly_right_is_found(desk: Path, typed: str) -> None:
    code, _out, err = run_split(
        "send",
        "content/fake-parcel-text.md",
        "--to",
        typed,
        "--from",
        "Anna <anna@example.net>",
    )
    assert code == 1
    assert err == f"{typed}: error: no such file: did you mean family.csv?\nNothing was sent.\n"
