"""A workshop of guides in two directions lays each guide's part out in its own direction.

The pack and its sheets speak the first guide's language, and are mirrored if it is right
to left. Each guide's own part of the facilitator sheet (its steps, its caveats, its notes)
is laid out in the guide's direction: an English guide's step numbers stand at the left of
its titles in an Arabic sheet, an Arabic guide's at the right in an English one. A guide's
title in a list of the pack's own (the cover, the progress sheet) stays beside its number.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from helpers.cli import run
from helpers.guides import DATA
from helpers.poppler import Box, unmirror, word_boxes

SCRIPTS = DATA / "scripts"
POPPLER = shutil.which("pdftotext") is not None
pytestmark = pytest.mark.skipif(not POPPLER, reason="poppler's pdftotext is not installed")


def workshop(folder: Path, *guides: Path) -> Path:
    code, out = run("workshop", *map(str, guides), "--out", str(folder), "--start", "14:00")
    assert code == 0, out
    assert "split over pages" not in out, out
    return folder / "workshop"


def word(boxes: list[Box], text: str, rtl: bool = False) -> Box:
    return next(box for box in boxes if unmirror(box.text, rtl) == text)


def number_beside(boxes: list[Box], title: Box, number: str) -> Box:
    """The step number (or list number) on the same line as a title's word."""
    middle = (title.top + title.bottom) / 2
    return next(
        box
        for box in boxes
        if box.page == title.page
        and box.text.strip(".") == number
        and box.top - 12 < middle < box.bottom + 12
    )


def test_an_english_guide_on_an_arabic_sheet_has_its_numbers_at_the_left(tmp_path: Path) -> None:
    folder = workshop(tmp_path, SCRIPTS / "arabic.md", DATA / "contract.md")
    boxes = word_boxes((folder / "facilitator-sheet.pdf").read_bytes())
    english = word(boxes, "Open")
    assert number_beside(boxes, english, "1").right < english.left
    arabic = word(boxes, "افتح", rtl=True)
    assert number_beside(boxes, arabic, "1").left > arabic.right
    # The English caveat reads from the left, the Arabic one from the right.
    keep = word(boxes, "Keep")
    anyone = word(boxes, "Anyone")
    assert abs(keep.left - anyone.left) < 1, (keep, anyone)


def test_an_arabic_guide_on_an_english_sheet_has_its_numbers_at_the_right(tmp_path: Path) -> None:
    folder = workshop(tmp_path, DATA / "contract.md", SCRIPTS / "arabic.md")
    boxes = word_boxes((folder / "facilitator-sheet.pdf").read_bytes())
    arabic = word(boxes, "افتح", rtl=True)
    assert number_beside(boxes, arabic, "1").left > arabic.right
    english = word(boxes, "Open")
    assert number_beside(boxes, english, "1").right < english.left


@pytest.mark.parametrize(
    ("first", "second", "title", "rtl"),
    [
        (DATA / "contract.md", SCRIPTS / "arabic.md", "اقفل", True),
        (SCRIPTS / "arabic.md", DATA / "contract.md", "Turn", False),
    ],
)
def test_a_guides_title_stands_beside_its_number_on_the_progress_sheet(
    first: Path, second: Path, title: str, rtl: bool, tmp_path: Path
) -> None:
    folder = workshop(tmp_path, first, second)
    boxes = word_boxes((folder / "progress-sheet.pdf").read_bytes())
    named = word(boxes, title, rtl=rtl)
    number = number_beside(boxes, named, "2")
    # Its nearest word is within a few letters of its number, on whichever side the
    # sheet's lines start.
    line = [b for b in boxes if b.page == named.page and abs(b.top - named.top) < 8]
    gap = min(
        max(0.0, b.left - number.right, number.left - b.right) for b in line if b is not number
    )
    assert gap < 30, (number, [b.text for b in line])
