"""The fonts' character list that guide check reads is the fonts' own."""

from __future__ import annotations

import os

from generator.render.glyphs import COVERAGE, MONO_COVERAGE, drawable, format_ranges
from generator.render.pdf.fonts import mono_drawable, register_fonts


def test_coverage_file_matches_the_bundled_fonts() -> None:
    actual = register_fonts()
    if os.environ.get("GUIDE_UPDATE_GOLDEN"):
        COVERAGE.write_text(format_ranges(actual), encoding="ascii")
    assert drawable() == actual, "run: GUIDE_UPDATE_GOLDEN=1 pytest tests/test_glyphs.py"
    for letter in "ąęłńśźżĄĘŁŃŚŹŻ їєґ ŵŷ ßäöü αβγ":
        assert letter.isspace() or ord(letter) in actual


def test_code_coverage_file_matches_the_typewriter_font() -> None:
    actual = mono_drawable()
    if os.environ.get("GUIDE_UPDATE_GOLDEN"):
        MONO_COVERAGE.write_text(format_ranges(actual), encoding="ascii")
    assert drawable(mono=True) == actual, "run: GUIDE_UPDATE_GOLDEN=1 pytest tests/test_glyphs.py"
    for letter in "0123456789 ąęłńśźż їєґ ŵŷ":
        assert letter.isspace() or ord(letter) in actual
