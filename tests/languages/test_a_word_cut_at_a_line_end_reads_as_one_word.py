"""A right-to-left word too long for a line, cut between its letters, reads as one word.

Every printed line of shaped text ends with a space, so the last word of a line and the
first of the next never run together for a reader. A word cut between its letters (one
wider than the whole line) is one word: no space is added where it was cut, and a screen
reader, a search and the read-back get it whole.
"""

from __future__ import annotations

from pathlib import Path

from helpers.handouts import handout
from helpers.script_guides import arabic_guide

from generator.verify.pdf import read_pdf

WORD = "الإعداداتالإعداداتالإعدادات" * 6


def test_a_word_wider_than_a_line_comes_back_whole(tmp_path: Path) -> None:
    reading = read_pdf(handout(arabic_guide(tmp_path, f"اضغط {WORD} ثم تابع.")))
    assert reading.elements is not None
    texts = [" ".join(element.text.split()) for element in reading.elements]
    assert f"اضغط {WORD} ثم تابع." in texts, texts
