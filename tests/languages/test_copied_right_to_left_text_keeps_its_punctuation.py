"""Text copied out of a right-to-left handout in Chrome (PDFium) keeps its punctuation in place.

PDFium turns each right-to-left word's text (written as it is seen) back into reading
order, but a full stop or comma inside that text comes back on the wrong side of the word:
"ضاع .الهاتف" for "ضاع الهاتف.". Punctuation beside a right-to-left word is a piece of its
own, so the word and its full stop each come back where they belong.
"""

from __future__ import annotations

import re

import pypdfium2
import pytest
from helpers.guides import DATA
from helpers.handouts import handout

from generator.model import Paragraph, all_blocks, plain_text
from generator.parse import load_guide
from generator.typography import normalise

SCRIPTS = DATA / "scripts"


def pdfium_lines(data: bytes) -> list[str]:
    """The lines Chrome's viewer copies: PDFium's own reading of every page."""
    document = pypdfium2.PdfDocument(data)
    try:
        text = "\n".join(page.get_textpage().get_text_range() for page in document)
    finally:
        document.close()
    return [normalise(line) for line in text.splitlines() if line.strip()]


GLUED_BEFORE = re.compile(r"[.,،:](?=[\u0590-\u06ff])")
"""A full stop, comma or colon read before the right-to-left word it ends."""


@pytest.mark.parametrize("name", ["arabic", "hebrew", "urdu", "persian"])
def test_no_full_stop_or_comma_comes_before_the_word_it_ends(name: str) -> None:
    guide = load_guide(SCRIPTS / f"{name}.md")
    sentences = [
        plain_text(block.children) for block in all_blocks(guide) if isinstance(block, Paragraph)
    ]
    assert sum(sentence.endswith((".", "۔")) for sentence in sentences) >= 3
    # A line that also holds Latin words (an address) PDFium orders by its own rules.
    lines = [
        line
        for line in pdfium_lines(handout(SCRIPTS / f"{name}.md"))
        if not re.search("[A-Za-z]", line)
    ]
    assert len(lines) >= 6
    assert [line for line in lines if GLUED_BEFORE.search(line)] == []


def test_a_full_stop_and_a_comma_follow_their_words() -> None:
    text = " ".join(pdfium_lines(handout(SCRIPTS / "arabic.md")))
    assert "ضاع الهاتف." in text, text
    assert "أحد، ثم" in text, text
