"""A space between a Latin word and a word in another script is as wide as a Latin space.

Noto Nastaliq Urdu's space is narrow (an eighth of the size: Nastaliq words are set close),
so "مدد کے لیے example.org/help" printed the address against the Urdu word before it.
A space between words of two fonts is set in the Latin font, as wide as it is anywhere
else in the handout; a space between two Urdu words keeps Nastaliq's own.
"""

from __future__ import annotations

import shutil

import pytest
from helpers.guides import DATA
from helpers.handouts import handout
from helpers.poppler import word_boxes

SCRIPTS = DATA / "scripts"


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler is not installed")
def test_an_address_inside_urdu_text_stands_a_space_apart() -> None:
    boxes = word_boxes(handout(SCRIPTS / "urdu.md"))
    address = next(box for box in boxes if box.text == "example.org/help")
    neighbours = [
        box
        for box in boxes
        if box.page == address.page
        and box is not address
        and box.top < address.bottom
        and box.bottom > address.top
    ]
    # The Urdu word read before it stands at its right; the one after it at its left.
    before = min((box for box in neighbours if box.left >= address.right), key=lambda b: b.left)
    after = max((box for box in neighbours if box.right <= address.left), key=lambda b: b.right)
    size = address.bottom - address.top  # about the font size
    assert before.left - address.right > size * 0.25, (address, before)
    assert address.left - after.right > size * 0.25, (address, after)
