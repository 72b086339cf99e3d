"""Shaping text DejaVu Sans cannot lay out by itself: HarfBuzz glyphs, bidi levels, fonts.

Arabic, Hebrew and the Indic scripts are shaped with HarfBuzz (``uharfbuzz``) in a bundled
Noto font; Latin, digits and punctuation around them stay in DejaVu Sans, so a Latin word
in an Arabic line looks as it does everywhere else in the handout. The Unicode bidi
algorithm (``python-bidi``, the ``unicode-bidi`` Rust crate) gives each character its
embedding level; lines are reordered with rule L2 and each run is shaped in its own
direction. Both libraries are imported here only, and this module only when a story holds
such text: a Latin handout never loads them.

A shaped glyph may have no character of its own (a joined Arabic letter, an Indic
conjunct): each (glyph, text) pair gets a private code point for ReportLab to draw it
with, and the handout's ToUnicode table maps that code to the text it stands for, so no
private code point ever reaches a reader.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from generator.i18n import primary
from generator.render.pdf.fonts import BOLD, FONT_DIR, MONO, REGULAR, register_fonts
from generator.render.pdf.harfbuzz import harfbuzz
from generator.render.pdf.tounicode import PRIVATE_TEXT
from generator.scripts import (
    NASTALIQ,
    SHAPED,
    language_script,
    script_font,
    shaped_script,
    visual_text,
)

NOTO_DIR = FONT_DIR / "noto"
LATIN_FEATURES = {"kern": False, "liga": False, "clig": False}
"""DejaVu runs are shaped as ReportLab sets them: no kerning, no ligatures ("st", "fi")."""
LINE_HEIGHT = {NASTALIQ: 2.1}
"""Families whose letters need more room between lines than the style's leading gives:
the least leading, as a multiple of the font size (Nastaliq rises and falls steeply)."""
FIRST_PRIVATE = 0xF0000
"""Private code points for shaped glyphs start in plane 15, clear of any font's own."""


class ShapingError(Exception):
    """Text that cannot be shaped faithfully; the message names the characters."""


@dataclass
class Face:
    """A font registered with ReportLab and opened in HarfBuzz."""

    name: str
    """ReportLab's name for it."""
    family: str
    font: Any
    """ReportLab's ``TTFont``."""
    hb: Any
    """HarfBuzz's ``Font``."""
    upem: int
    ascent: float
    """Height above the baseline, as a share of the font size."""
    descent: float
    latin: bool
    """DejaVu: shaped without kerning or ligatures."""

    def code(self, glyph: int, text: str, advance: float) -> str:
        """The character ReportLab draws ``glyph`` with, for a glyph standing for ``text``."""
        return _code(self, glyph, text, advance)


_CODES: dict[tuple[str, int, str], str] = {}
_NEXT = [FIRST_PRIVATE]


def _code(face: Face, glyph: int, text: str, advance: float) -> str:
    key = (face.name, glyph, text)
    found = _CODES.get(key)
    if found is not None:
        return found
    charmap = face.font.face.charToGlyph
    if len(text) == 1 and charmap.get(ord(text)) == glyph:
        _CODES[key] = text
        return text
    code = _NEXT[0]
    _NEXT[0] += 1
    charmap[code] = glyph
    face.font.face.charWidths[code] = advance
    PRIVATE_TEXT[code] = text
    _CODES[key] = chr(code)
    return chr(code)


def _open(name: str, family: str, path: Path, latin: bool) -> Face:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if name in pdfmetrics.getRegisteredFontNames():
        font = pdfmetrics.getFont(name)
    else:
        font = TTFont(name, str(path))
        pdfmetrics.registerFont(font)
    hb = harfbuzz()
    data = path.read_bytes()
    hb_font = hb.Font(hb.Face(data))
    extents = hb_font.get_font_extents("ltr")
    upem = hb_font.face.upem
    return Face(
        name=name,
        family=family,
        font=font,
        hb=hb_font,
        upem=upem,
        ascent=extents.ascender / upem,
        descent=-extents.descender / upem,
        latin=latin,
    )


@lru_cache(maxsize=32)
def face(family: str, bold: bool = False) -> Face:
    """A bundled face: a Noto family (``NotoSansArabic``), or ``DejaVuSans``/``DejaVuSansMono``."""
    register_fonts()
    if family == "DejaVuSans":
        name = BOLD if bold else REGULAR
        return _open(name, family, FONT_DIR / f"{name}.ttf", latin=True)
    if family == "DejaVuSansMono":
        return _open(MONO, family, FONT_DIR / f"{MONO}.ttf", latin=True)
    name = f"{family}-{'Bold' if bold else 'Regular'}"
    return _open(name, family, NOTO_DIR / f"{name}.ttf", latin=False)


def lang_family(lang: str) -> str | None:
    """The Noto family of the script a language is written in, if it is a shaped one."""
    name = language_script(lang)
    script = SHAPED.get(name) if name is not None else None
    return script_font(script.name, lang) if script is not None else None


def min_leading(family: str, size: float) -> float:
    """The least distance between baselines a family needs at ``size``."""
    return LINE_HEIGHT.get(family, 0.0) * size


# --- bidi ------------------------------------------------------------------------

_LEVEL = re.compile(r"Level\(\s*(\d+),?\s*\)")


def bidi_levels(text: str, rtl: bool) -> list[int]:
    """Each character's embedding level (UAX #9) in a paragraph of base direction ``rtl``.

    python-bidi's Rust implementation reports its levels, one per UTF-8 byte, only in its
    debug output; they are read from there and checked against the text's length.
    """
    from bidi import get_display

    if not text:
        return []
    report = str(get_display(text, base_dir="R" if rtl else "L", debug=True))
    start = report.find("levels:")
    end = report.find("]", start)
    per_byte = [int(level) for level in _LEVEL.findall(report[start:end])]
    encoded = [len(character.encode("utf-8")) for character in text]
    if start < 0 or len(per_byte) != sum(encoded):
        raise ShapingError("the bidi library did not report a level for every character")
    levels: list[int] = []
    offset = 0
    for size in encoded:
        levels.append(per_byte[offset])
        offset += size
    return levels


def visual_order(levels: list[int]) -> list[int]:
    """Indices of a line's characters from left to right (UAX #9, rule L2)."""
    order = list(range(len(levels)))
    if not levels:
        return order
    highest = max(levels)
    lowest_odd = min((level for level in levels if level % 2), default=highest + 1)
    for level in range(highest, lowest_odd - 1, -1):
        index = 0
        while index < len(order):
            if levels[order[index]] >= level:
                end = index
                while end < len(order) and levels[order[end]] >= level:
                    end += 1
                order[index:end] = order[index:end][::-1]
                index = end
            else:
                index += 1
    return order


# --- shaping -----------------------------------------------------------------------


@dataclass(frozen=True)
class Glyph:
    """One shaped glyph: what to draw, where, and the text it stands for."""

    code: str
    """The character ReportLab draws it with."""
    x: float
    """Its origin from the run's left edge, in points."""
    y: float
    """Its rise above the baseline, in points."""
    cluster: int
    """The offset in the run's text of the first character it stands for."""


@dataclass(frozen=True)
class Shaped:
    """A run of text shaped in one face and direction."""

    face: Face
    glyphs: tuple[Glyph, ...]
    """From left to right."""
    width: float


def _features(face: Face) -> dict[str, bool]:
    return LATIN_FEATURES if face.latin else {}


@lru_cache(maxsize=4096)
def shape(text: str, family: str, bold: bool, size: float, rtl: bool, lang: str) -> Shaped:
    """``text`` shaped in one face, laid out left to right; ShapingError for a missing glyph."""
    hb = harfbuzz()

    current = face(family, bold)
    buffer = hb.Buffer()
    buffer.add_str(text)
    buffer.guess_segment_properties()
    buffer.direction = "rtl" if rtl else "ltr"
    buffer.language = primary(lang)
    buffer.cluster_level = hb.BufferClusterLevel.MONOTONE_CHARACTERS
    hb.shape(current.hb, buffer, _features(current))
    infos, positions = buffer.glyph_infos, buffer.glyph_positions
    scale = size / current.upem
    clusters = sorted({info.cluster for info in infos})
    ends = {
        start: (clusters[i + 1] if i + 1 < len(clusters) else len(text))
        for i, start in enumerate(clusters)
    }
    glyphs: list[Glyph] = []
    seen: set[int] = set()
    pen = 0.0
    for info, position in zip(infos, positions, strict=True):
        if info.codepoint == 0:
            missing = text[info.cluster : ends[info.cluster]]
            raise ShapingError(f"{_describe(missing)} has no shape in {current.family}")
        cluster_text = "" if info.cluster in seen else text[info.cluster : ends[info.cluster]]
        if rtl:
            cluster_text = visual_text(cluster_text)
        seen.add(info.cluster)
        advance = current.hb.get_glyph_h_advance(info.codepoint) * 1000 / current.upem
        glyphs.append(
            Glyph(
                current.code(info.codepoint, cluster_text, advance),
                pen + position.x_offset * scale,
                position.y_offset * scale,
                info.cluster,
            )
        )
        pen += position.x_advance * scale
    return Shaped(current, tuple(glyphs), pen)


def _describe(text: str) -> str:
    return ", ".join(
        f"'{char}' (U+{ord(char):04X} {unicodedata.name(char, '')})".replace(" )", ")")
        for char in text
    )


def family_for(character: str, lang: str, mono: bool) -> str | None:
    """The family a character must be drawn in, or None when any neighbour's will do."""
    if mono:
        return "DejaVuSansMono"
    script = shaped_script(character)
    if script is not None:
        return script_font(script.name, lang)
    category = unicodedata.category(character)
    if category[0] == "L":
        return "DejaVuSans"
    return None


def has_glyph(family: str, character: str) -> bool:
    """True when the family's font maps ``character`` (either weight will do: both match)."""
    return ord(character) in face(family).font.face.charToGlyph


def families(text: str, lang: str, mono: list[bool]) -> list[str]:
    """The family of each character: letters by script, the rest after their neighbours.

    Digits, spaces and punctuation take the family of the letters before them (after them at
    the start), if it has them; else DejaVu Sans. So a Latin word's full stop stays Latin and
    an Arabic sentence's digits are Arabic-styled, as a browser's font fallback would set them.
    A space between letters of two families is DejaVu Sans' (Nastaliq's is an eighth of the
    size: a Latin address beside an Urdu word would seem to touch it).
    """
    chosen: list[str | None] = [family_for(char, lang, mono[i]) for i, char in enumerate(text)]
    result: list[str] = []
    previous: str | None = None
    for index, char in enumerate(text):
        family = chosen[index]
        if family is None:
            candidate = previous
            following = next((f for f in chosen[index + 1 :] if f is not None), None)
            if candidate is None:
                candidate = following
            elif char == " " and following not in (None, candidate):
                candidate = "DejaVuSans"
            fallbacks = [candidate, "DejaVuSans", lang_family(lang), "NotoSansDevanagari"]
            family = next(
                (f for f in fallbacks if f is not None and (char == "\n" or has_glyph(f, char))),
                "DejaVuSans",
            )
        else:
            previous = family
        result.append(family)
    return result
