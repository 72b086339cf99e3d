"""A line with Latin letters and none of a right-to-left script runs left to right.

Persian and Hebrew have no catalog yet, so a handout in them prints the tool's own words in
English ("Do the steps in order. Tick each box when you have done the step.") on a mirrored
page. Such a sentence keeps its own direction: its full stop after its last word, a colon
after "address", as an English reader expects, while the page stays mirrored.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from helpers.guides import DATA
from helpers.handouts import handout
from helpers.poppler import Box, word_boxes
from helpers.script_guides import arabic_guide

SCRIPTS = DATA / "scripts"
POPPLER = shutil.which("pdftotext") is not None


def line_of(boxes: list[Box], word: str) -> list[Box]:
    """The words on the line where ``word`` is, left to right."""
    found = next(box for box in boxes if box.text == word)
    middle, half = (found.top + found.bottom) / 2, (found.bottom - found.top) / 2
    return sorted(
        (
            box
            for box in boxes
            if box.page == found.page and abs((box.top + box.bottom) / 2 - middle) < half
        ),
        key=lambda box: box.left,
    )


@pytest.mark.skipif(not POPPLER, reason="poppler's pdftotext is not installed")
@pytest.mark.parametrize("name", ["hebrew", "persian"])
def test_an_english_sentence_ends_at_its_right_with_its_full_stop(name: str) -> None:
    boxes = word_boxes(handout(SCRIPTS / f"{name}.md"), page=1)
    line = line_of(boxes, "Tick")
    words = [box.text for box in line]
    assert words[0] == "Do", words
    assert "".join(words[-2:]) in ("step.", "thestep."), words
    # Still set at the page's start side: its right edge is the frame's, like the Hebrew.
    title = max((box for box in boxes if box.top < 120), key=lambda box: box.right)
    assert abs(line[-1].right - title.right) < 3, (line[-1], title)


@pytest.mark.skipif(not POPPLER, reason="poppler's pdftotext is not installed")
def test_the_link_cards_english_words_end_with_their_colon() -> None:
    boxes = word_boxes(handout(SCRIPTS / "hebrew.md"), page=1)
    found = [box.text for box in boxes]
    assert ":address" not in found, found
    assert "address:" in found or "address" in found, found
    colon = next(box for box in boxes if box.text in (":", "address:"))
    address = next(box for box in boxes if box.text.startswith("address"))
    assert colon.right >= address.right - 0.5, (colon, address)


@pytest.mark.skipif(not POPPLER, reason="poppler's pdftotext is not installed")
def test_arabic_that_starts_with_a_latin_word_still_runs_right_to_left(tmp_path: Path) -> None:
    path = arabic_guide(tmp_path, "WhatsApp يرسل رمزًا إلى هاتفك.")
    boxes = word_boxes(handout(path), page=1)
    line = line_of(boxes, "WhatsApp")
    # Read from the right: the app's name first, the full stop last, at the left.
    assert line[-1].text == "WhatsApp", [box.text for box in line]
    assert line[0].text.startswith("."), [box.text for box in line]
