"""A booklet whose pack is in a right-to-left language folds to open from the right.

An Arabic or Urdu reader holds a book with its spine on the right and turns its pages
leftwards. The pack of a workshop whose first guide is right to left is mirrored page by
page; folded as an English booklet, its cover came out on the back and its pages read
from the last. Each sheet side of such a booklet has its halves swapped: the cover is
the front's left half, and the folded sheets read 1, 2, 3… turning leftwards.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.cli import run
from helpers.guides import DATA
from helpers.poppler import unmirror, word_boxes

from generator.workshop.plan import booklet_sides

SCRIPTS = DATA / "scripts"


def test_each_side_of_a_right_to_left_booklet_is_mirrored() -> None:
    assert booklet_sides(8, rtl=True) == [(1, 8), (7, 2), (3, 6), (5, 4)]
    assert booklet_sides(8) == [(8, 1), (2, 7), (6, 3), (4, 5)]
    # A left half behind a right half holds the page that follows or precedes it.
    for pages in (4, 8, 12, 16):
        for front, back in zip(
            booklet_sides(pages, rtl=True)[::2], booklet_sides(pages, rtl=True)[1::2], strict=True
        ):
            assert {abs(front[0] - back[1]), abs(front[1] - back[0])} == {1}


@pytest.mark.parametrize(("first", "rtl"), [("arabic", True), ("hindi", False)])
def test_the_cover_is_on_the_side_a_reader_opens(first: str, rtl: bool, tmp_path: Path) -> None:
    code, out = run(
        "workshop",
        str(SCRIPTS / f"{first}.md"),
        str(DATA / "contract.md"),
        "--title",
        "Safe phones",
        "--layout",
        "booklet",
        "--out",
        str(tmp_path),
    )
    assert code == 0, out
    data = (tmp_path / "workshop" / "attendee-pack-booklet.pdf").read_bytes()
    boxes = word_boxes(data, page=1)
    middle = max(box.right for box in boxes) / 2 if boxes else 0
    named = [box for box in boxes if unmirror(box.text, rtl) in ("Safe", "phones")]
    assert named, [box.text for box in boxes]
    # The cover's title: the pack's name in the largest type on the sheet.
    tallest = max(box.bottom - box.top for box in named)
    cover = [box for box in named if box.bottom - box.top > tallest - 1]
    on_left = all(box.right < middle for box in cover)
    assert on_left is rtl, (cover, middle)
