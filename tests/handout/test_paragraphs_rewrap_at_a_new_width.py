"""A handout paragraph measured at one width, then another, is broken for each width anew.

Paragraphs keep the lines of the width they were last measured at (a page fill measures
each one several times); a new width must never reuse lines broken for another.
"""

from __future__ import annotations

from generator.render.pdf.fonts import register_fonts
from generator.render.pdf.styles import stylesheet
from generator.render.pdf.tagging import tagged_paragraph

TEXT = (
    "Open the Settings app, tap your name at the top, then tap Password and Security "
    "and follow the steps to turn on two-step verification for your account."
)


def _lines(paragraph: object) -> list[str]:
    blpara = paragraph.blPara  # type: ignore[attr-defined]
    return [" ".join(line[1]) for line in blpara.lines]


def test_each_width_gets_its_own_lines_and_height() -> None:
    register_fonts()
    style = stylesheet("a4").paragraphs["body"]
    reused = tagged_paragraph(TEXT, style, None)
    heights = {}
    for width in (120.0, 400.0, 120.0, 400.0):
        fresh = tagged_paragraph(TEXT, style, None)
        assert reused.wrap(width, 1000) == fresh.wrap(width, 1000)
        assert _lines(reused) == _lines(fresh)
        heights[width] = reused.height
    assert heights[120.0] > heights[400.0]


def test_measuring_twice_at_one_width_gives_the_same_lines() -> None:
    register_fonts()
    style = stylesheet("a4", large_print=True).paragraphs["body"]
    paragraph = tagged_paragraph(TEXT, style, None)
    first = paragraph.wrap(200.0, 500)
    lines = _lines(paragraph)
    assert paragraph.wrap(200.0, 90) == first
    assert _lines(paragraph) == lines
    assert first[1] == len(lines) * style.leading
