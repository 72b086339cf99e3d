"""The PDF read-back (PDFium) finds what a viewer shows: every line, its size, its place."""

from __future__ import annotations

import io

import pytest
from helpers.guides import FIRST_GUIDE
from helpers.handouts import handout
from pypdf import PdfReader, PdfWriter

from generator.parse import load_guide
from generator.verify.outputs import check_complete, text_of_pdf
from generator.verify.pdftext import page_lines, page_texts

GUIDE = FIRST_GUIDE


@pytest.mark.parametrize("large", [False, True])
def test_lines_carry_the_size_they_are_printed_at(large: bool) -> None:
    pages = page_lines(handout(GUIDE, large_print=large))
    body = 18 if large else 13
    first = pages[0]
    assert first[0].text.startswith("Stop Meta using")
    assert first[0].size > body + 5, "the title is printed well above body size"
    steps = [line for page in pages for line in page if line.text.startswith("Tap the app")]
    assert steps and all(line.size >= body for line in steps)


def test_lines_run_down_the_page_with_the_footer_last() -> None:
    for lines in page_lines(handout(GUIDE)):
        heights = [line.y for line in lines]
        assert heights == sorted(heights, reverse=True)
        assert "Version" in lines[-1].text and lines[-1].y < 72


def test_lines_and_page_texts_agree() -> None:
    data = handout(GUIDE)
    assert [[line.text for line in page] for page in page_lines(data)] == [
        text.split("\n") for text in page_texts(data)
    ]


def test_a_page_left_out_is_found_missing() -> None:
    data = handout(GUIDE)
    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(data)).pages[:-1]:
        writer.add_page(page)
    buffer = io.BytesIO()
    writer.write(buffer)
    guide = load_guide(GUIDE)
    assert check_complete(guide, text_of_pdf(data), GUIDE) == []
    findings = check_complete(guide, text_of_pdf(buffer.getvalue()), GUIDE)
    assert any("is missing" in finding.message for finding in findings)
