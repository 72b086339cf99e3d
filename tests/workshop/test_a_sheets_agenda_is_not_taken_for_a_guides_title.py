"""The read-back finds a guide's part of the facilitator sheet by its heading, not by the
agenda row that names it: on an Arabic sheet the row's title is drawn before its time, and
was taken for the heading of an English guide whose part starts the next page."""

from __future__ import annotations

from pathlib import Path

from helpers.cli import run
from helpers.guides import DATA


def test_a_guide_starting_the_next_page_of_an_arabic_sheet_is_not_said_to_start_at_its_foot(
    tmp_path: Path,
) -> None:
    guides = (DATA / "scripts" / "arabic.md", DATA / "contract.md")
    code, out = run("workshop", *map(str, guides), "--layout", "booklet", "--out", str(tmp_path))
    assert code == 0, out
    sheet = tmp_path / "workshop" / "facilitator-sheet.pdf"
    assert "facilitator-sheet.pdf (" in out and sheet.is_file()
    assert "starts at the foot of the page" not in out, out
