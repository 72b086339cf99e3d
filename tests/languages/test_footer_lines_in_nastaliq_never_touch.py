"""The footer of an Urdu handout gives Nastaliq the room between lines it needs.

Nastaliq climbs and falls steeply: at the footer's usual spacing the title's descenders
ran into the date on the line below. Its lines are spaced as the body text's are (2.1
times the size, at least), the room kept for the footer grows to match, and nothing
of the footer touches the rule above it or the line below it.
"""

from __future__ import annotations

import pypdfium2
import pytest
from helpers.guides import DATA
from helpers.handouts import handout

SCRIPTS = DATA / "scripts"
SCALE = 150 / 72


def footer_bands(data: bytes, page: int = 0) -> tuple[int, list[tuple[int, int]]]:
    """Below the footer's rule: how many rows down the rule is, and each band of rows with
    ink in it (top, bottom), top to bottom; two lines that touch make one band."""
    document = pypdfium2.PdfDocument(data)
    try:
        image = document[page].render(scale=SCALE).to_pil().convert("L")
    finally:
        document.close()
    width, height = image.size
    pixels = image.load()
    assert pixels is not None
    dark = [sum(pixels[x, y] < 128 for x in range(width)) for y in range(height)]
    # The rule: the lowest row dark across most of the text column.
    rule = max(y for y in range(height) if dark[y] > width * 0.6)
    bands: list[tuple[int, int]] = []
    for y in range(rule + 1, height):
        if dark[y]:
            if bands and bands[-1][1] == y - 1:
                bands[-1] = (bands[-1][0], y)
            else:
                bands.append((y, y))
    return rule, bands


@pytest.mark.parametrize("large", [False, True])
def test_each_footer_line_of_an_urdu_handout_stands_apart(large: bool) -> None:
    data = handout(SCRIPTS / "urdu.md", large_print=large)
    for page in range(len(pypdfium2.PdfDocument(data))):
        rule, bands = footer_bands(data, page)
        # Two lines (the title with the page number, the date with the version), apart.
        assert len(bands) == 2, (page, bands)
        assert bands[0][0] > rule + 1, (page, rule, bands)
