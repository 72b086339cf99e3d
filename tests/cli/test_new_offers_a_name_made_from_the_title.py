"""A title typed where ``guide new`` wants the file's name is offered as a name, with every
other problem said at the same time."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.cli import invoke, run_on_a_terminal

from generator.parse import load_guide

BAD_NAME = (
    "error: 'Spot a fake parcel text' cannot name a guide: use lower-case letters, digits and "
    "hyphens, like 'lock-your-phone' (did you mean 'spot-a-fake-parcel-text'?)"
)


def test_a_title_given_as_the_name_is_offered_as_a_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = invoke("new", "Spot a fake parcel text", "--title", "Spot a fake parcel text")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        BAD_NAME,
        'Try: guide new spot-a-fake-parcel-text --title "Spot a fake parcel text"',
    ]
    assert not (tmp_path / "content").exists()


def test_without_a_terminal_the_name_and_the_title_are_both_said(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = invoke("new", "Spot a fake parcel text", input="")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        BAD_NAME,
        "error: give the title with --title (there is no terminal to ask on)",
        'Try: guide new spot-a-fake-parcel-text --title "Spot a fake parcel text"',
    ]


def test_every_problem_is_said_at_once_and_no_command_that_would_fail_is_offered(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = invoke("new", "Spot a fake parcel text", "--lang", "english", input="")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        BAD_NAME,
        "error: give the title with --title (there is no terminal to ask on)",
        "error: 'english' is not a language code: use one like en, en-GB, cy or pl",
    ]


def test_the_command_offered_keeps_the_language_and_folder_typed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = invoke("new", "Zauważ fałszywą przesyłkę", "--lang", "pl", "--dir", "my guides")
    assert result.exit_code == 1
    # Letters with accents lose them; 'ł' becomes 'l'.
    assert result.stderr.splitlines()[-1] == (
        'Try: guide new zauwaz-falszywa-przesylke --title "Zauważ fałszywą przesyłkę" '
        '--lang pl --dir "my guides"'
    )


def test_on_a_terminal_the_name_is_offered_and_the_title_kept(tmp_path: Path) -> None:
    # Yes to the name offered, and Enter to keep the title typed.
    code, shown = run_on_a_terminal(
        "new", "Spot a fake parcel text", "--lang", "en", typed=b"\n\n", cwd=tmp_path
    )
    assert code == 0, shown
    assert (
        "'Spot a fake parcel text' cannot name a guide. Use 'spot-a-fake-parcel-text' instead? "
        "[Y/n]" in shown
    )
    assert "Title [Spot a fake parcel text]:" in shown
    guide = load_guide(tmp_path / "content" / "spot-a-fake-parcel-text.md")
    assert guide.title == "Spot a fake parcel text"


def test_a_name_too_long_for_a_file_is_offered_cut_short(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    name = "check-" * 50 + "twice"  # 305 characters: longer than a file's name may be
    result = invoke("new", name, input="")
    assert result.exit_code == 1
    offered = ("check-" * 10).rstrip("-")
    assert result.stderr.splitlines() == [
        f"error: '{name}' is 305 characters long, too long to name a guide: it names every "
        f"file made from it, so use at most 60 (did you mean '{offered}'?)",
        "error: give the title with --title (there is no terminal to ask on)",
    ]
    assert not (tmp_path / "content").exists()
    result = invoke("new", name, "--title", "Check twice")
    assert result.stderr.splitlines()[-1] == f'Try: guide new {offered} --title "Check twice"'


def test_a_title_too_long_for_a_page_is_said_beside_the_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    title = "Spot a fake parcel text " * 5
    result = invoke("new", "Spot a fake parcel text", "--title", title)
    assert result.exit_code == 1
    # No command to retry is offered: it would fail for the title.
    assert result.stderr.splitlines() == [
        BAD_NAME,
        "error: the title is 119 characters long, more than a page can show: shorten it to "
        "at most 100",
    ]
