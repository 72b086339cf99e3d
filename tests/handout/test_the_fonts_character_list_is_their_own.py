"""The fonts' character list that guide check reads is the fonts' own."""

from __future__ import annotations

import os

from generator.render.glyphs import (
    COVERAGE,
    FONT_NAMES,
    MONO_COVERAGE,
    NOTO_DIR,
    drawable,
    family_drawable,
    format_ranges,
)
from generator.render.pdf.fonts import mono_drawable, register_fonts

REFRESH = "run this test again with GUIDE_UPDATE_GOLDEN=1 to write the list from the fonts"


def test_coverage_file_matches_the_bundled_fonts() -> None:
    actual = register_fonts()
    if os.environ.get("GUIDE_UPDATE_GOLDEN"):
        COVERAGE.write_text(format_ranges(actual), encoding="ascii")
    assert drawable() == actual, REFRESH
    for letter in "ąęłńśźżĄĘŁŃŚŹŻ їєґ ŵŷ ßäöü αβγ":
        assert letter.isspace() or ord(letter) in actual


def test_code_coverage_file_matches_the_typewriter_font() -> None:
    actual = mono_drawable()
    if os.environ.get("GUIDE_UPDATE_GOLDEN"):
        MONO_COVERAGE.write_text(format_ranges(actual), encoding="ascii")
    assert drawable(mono=True) == actual, REFRESH
    for letter in "0123456789 ąęłńśźż їєґ ŵŷ":
        assert letter.isspace() or ord(letter) in actual


def test_each_noto_coverage_file_matches_its_fonts() -> None:
    from generator.render.pdf.harfbuzz import harfbuzz

    hb = harfbuzz()
    for family in FONT_NAMES:
        both = None
        for weight in ("Regular", "Bold"):
            face = hb.Face((NOTO_DIR / f"{family}-{weight}.ttf").read_bytes())
            points = frozenset(face.unicodes)
            both = points if both is None else both & points
        assert both is not None
        path = NOTO_DIR / f"coverage-{family}.txt"
        if os.environ.get("GUIDE_UPDATE_GOLDEN"):
            path.write_text(format_ranges(both), encoding="ascii")
            family_drawable.cache_clear()
        assert family_drawable(family) == both, f"{family}: {REFRESH}"
