"""The fonts' character list that guide check reads is the fonts' own."""

from __future__ import annotations

import os

from generator.glyphs import COVERAGE, drawable, format_ranges
from generator.render.pdf.fonts import register_fonts


def test_coverage_file_matches_the_bundled_fonts() -> None:
    actual = register_fonts()
    if os.environ.get("GUIDE_UPDATE_GOLDEN"):
        COVERAGE.write_text(format_ranges(actual), encoding="ascii")
    assert drawable() == actual, "run: GUIDE_UPDATE_GOLDEN=1 pytest tests/test_glyphs.py"
    for letter in "ąęłńśźżĄĘŁŃŚŹŻ їєґ ŵŷ ßäöü αβγ":
        assert letter.isspace() or ord(letter) in actual
