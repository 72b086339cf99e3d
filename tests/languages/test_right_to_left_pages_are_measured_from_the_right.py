"""The read-back's page checks (a step number apart from its title, headings, footers,
lists) read a page of shaped text where its words are printed and its weight, and measure a
right-to-left line from the page's right-hand edge: an Arabic, Urdu, Hebrew or Hindi
handout gets no false warning, and a right-to-left number touching its title is found."""

from __future__ import annotations

import pytest
from helpers.guides import DATA
from helpers.handouts import handout, step_number_gaps
from reportlab.lib.pagesizes import A4

from generator.verify.layout import _step_number, layout_problems, page_facts, read_pages
from generator.verify.pdftext import Glyph, PageReading


@pytest.mark.parametrize("large", [False, True], ids=["regular", "large-print"])
@pytest.mark.parametrize("script", ["arabic", "urdu", "hebrew", "hindi"])
def test_step_numbers_are_read_apart_from_their_titles(script: str, large: bool) -> None:
    data = handout(DATA / "scripts" / f"{script}.md", large_print=large)
    found = step_number_gaps(data)
    assert sorted(found, key=int) == ["1", "2", "3"]
    title_size = 21 if large else 15
    # As far apart as in an English handout, measured on the side the number stands.
    assert title_size <= min(found.values()) <= max(found.values()) < 2.5 * title_size, found
    assert [str(problem) for problem in layout_problems(read_pages(data), [])] == []


def test_a_heading_in_nastaliq_is_read_as_bold() -> None:
    # Noto Nastaliq Urdu Bold says it weighs what the regular face does: its name says bold.
    pages = read_pages(handout(DATA / "scripts" / "urdu.md"))
    title = pages[0].lines[0]
    assert title.text.startswith("اپنے فون")
    assert title.bold


def test_a_right_to_left_number_touching_its_title_is_found() -> None:
    width, height = A4

    def heading(gap: float) -> PageReading:
        # "2" at the right-hand margin (DejaVu Sans Bold's digits are 0.7 em wide), then the
        # title "افتح" leftwards: its first letter ``gap`` points left of the number.
        digit = 0.7 * 28
        number = Glyph("2", 28.0, 700.0, False, width - 57 - digit, True, digit)
        start = width - 57 - digit - gap
        title = [
            Glyph(char, 15.0, 700.0, False, start - 6 * (index + 1), True, 6.0)
            for index, char in enumerate("افتح")
        ]
        glyphs = (number, *title)
        return PageReading("", height, width, {}, (), glyphs)

    touching = page_facts(heading(2.0))
    assert _step_number(touching.lines[0]) == ("2", pytest.approx(2.0, abs=0.5))
    problems = layout_problems([touching], [])
    assert [p.message.split(" (")[0] for p in problems] == ["the step number 2 touches its title"]
    assert layout_problems([page_facts(heading(20.0))], []) == []
