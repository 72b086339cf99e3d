"""The bundled DejaVu Sans fonts: registered once, and the characters they can draw.

Only these fonts may appear in a handout, so a character they cannot draw must stop
the build with a clear message instead of printing an empty box.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from generator.problems import GuideError, Problem
from generator.render.glyphs import undrawable, why_unprintable
from generator.scripts import SHAPED, block_script

FONT_DIR = Path(__file__).resolve().parents[2] / "fonts"
REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
MONO = "DejaVuSansMono"
"""The typewriter face for text marked as code ("type this exactly")."""
FONT_FILES = {REGULAR: FONT_DIR / "DejaVuSans.ttf", BOLD: FONT_DIR / "DejaVuSans-Bold.ttf"}
MONO_FILE = FONT_DIR / "DejaVuSansMono.ttf"


@lru_cache(maxsize=1)
def register_fonts() -> frozenset[int]:
    """Register the bundled fonts with ReportLab (once per process); return what both can draw."""
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    from generator.render.pdf.tounicode import install as map_glyphs_to_text
    from generator.render.pdf.words import install as cut_addresses_readably

    map_glyphs_to_text()
    cut_addresses_readably()
    drawable: frozenset[int] | None = None
    for name, path in FONT_FILES.items():
        font = TTFont(name, str(path))
        pdfmetrics.registerFont(font)
        points = frozenset(font.face.charToGlyph)
        drawable = points if drawable is None else drawable & points
    # <i> maps to the upright face: italics are hard to read and never carry meaning here.
    for bold, italic, face in ((0, 0, REGULAR), (1, 0, BOLD), (0, 1, REGULAR), (1, 1, BOLD)):
        addMapping(REGULAR, bold, italic, face)
    # Code is always set in the one typewriter face, inside bold text too.
    pdfmetrics.registerFont(TTFont(MONO, str(MONO_FILE)))
    for bold, italic in ((0, 0), (1, 0), (0, 1), (1, 1)):
        addMapping(MONO, bold, italic, MONO)
    assert drawable is not None
    return drawable


@lru_cache(maxsize=1)
def mono_drawable() -> frozenset[int]:
    """What the typewriter face can draw (after ``register_fonts``)."""
    from reportlab.pdfbase import pdfmetrics

    register_fonts()
    return frozenset(pdfmetrics.getFont(MONO).face.charToGlyph)


def check_option_glyphs(options: dict[str, str | None], lang: str = "en") -> None:
    """Raise GuideError for a character of ``--org`` or ``--contact`` the fonts cannot draw
    (or of a script the handout cannot shape), for a handout in ``lang``."""
    problems: list[Problem] = []
    for name, value in options.items():
        told: set[str] = set()
        for char in undrawable(value or "", lang=lang):
            # A script the handout cannot shape is named once, not once for every letter.
            script = block_script(char)
            key = script if script is not None and script not in SHAPED else char
            if key not in told:
                told.add(key)
                problems.append(Problem.in_option(f"--{name}", why_unprintable(char, lang=lang)))
    if problems:
        raise GuideError.many(problems)
