"""How wide a line of text prints in the bundled fonts, without loading ReportLab.

``guide check`` uses it to say when a title is too long for a page's footer; it reads the
advance widths straight from the TrueType file's ``cmap`` and ``hmtx`` tables.
"""

from __future__ import annotations

import struct
from functools import lru_cache
from pathlib import Path

FONTS = Path(__file__).resolve().parent.parent / "fonts"
BOLD_FILE = FONTS / "DejaVuSans-Bold.ttf"
REGULAR_FILE = FONTS / "DejaVuSans.ttf"

FOOTER_SIZE = 12.0
"""Footer type size in regular print (the stylesheet's ``footer``)."""
FULL_PAGE_FOOTER_ROOM = 326.0
"""Points left for a title on the first footer line of an A4 page in regular print, beside
"Page 888 of 888" (about 325 in every shipped language): a longer title takes two lines."""
HALF_PAGE_FOOTER_ROOM = 165.0
"""Points left for a title on the first footer line of a half-letter booklet page in
regular print, beside "Page 888 of 888" in the longest of the shipped languages: the
narrowest footer a title is printed in at regular size. A test holds it to the stylesheet."""


def _tables(data: bytes) -> dict[bytes, tuple[int, int]]:
    count = struct.unpack_from(">H", data, 4)[0]
    tables: dict[bytes, tuple[int, int]] = {}
    for index in range(count):
        tag, _, offset, length = struct.unpack_from(">4sIII", data, 12 + 16 * index)
        tables[tag] = (offset, length)
    return tables


def _cmap(data: bytes, offset: int) -> dict[int, int]:
    """Code point → glyph from the font's Unicode subtable (format 12, else format 4)."""
    count = struct.unpack_from(">H", data, offset + 2)[0]
    subtables: dict[int, int] = {}
    for index in range(count):
        platform, encoding, sub = struct.unpack_from(">HHI", data, offset + 4 + 8 * index)
        form = struct.unpack_from(">H", data, offset + sub)[0]
        if platform == 3 and encoding in (1, 10):
            subtables[form] = offset + sub
    mapping: dict[int, int] = {}
    if 12 in subtables:
        start = subtables[12]
        groups = struct.unpack_from(">I", data, start + 12)[0]
        for index in range(groups):
            first, last, glyph = struct.unpack_from(">III", data, start + 16 + 12 * index)
            for point in range(first, last + 1):
                mapping[point] = glyph + point - first
        return mapping
    start = subtables[4]
    segments = struct.unpack_from(">H", data, start + 6)[0] // 2
    ends = struct.unpack_from(f">{segments}H", data, start + 14)
    starts = struct.unpack_from(f">{segments}H", data, start + 16 + 2 * segments)
    deltas = struct.unpack_from(f">{segments}h", data, start + 16 + 4 * segments)
    range_at = start + 16 + 6 * segments
    offsets = struct.unpack_from(f">{segments}H", data, range_at)
    for index in range(segments):
        for point in range(starts[index], ends[index] + 1):
            if point == 0xFFFF:
                continue
            if offsets[index] == 0:
                glyph = (point + deltas[index]) & 0xFFFF
            else:
                at = range_at + 2 * index + offsets[index] + 2 * (point - starts[index])
                glyph = struct.unpack_from(">H", data, at)[0]
                if glyph:
                    glyph = (glyph + deltas[index]) & 0xFFFF
            if glyph:
                mapping[point] = glyph
    return mapping


@lru_cache(maxsize=2)
def advance_widths(path: Path) -> tuple[dict[int, float], float]:
    """Each code point's advance width in ems, and the width of a missing one."""
    data = path.read_bytes()
    tables = _tables(data)
    units = struct.unpack_from(">H", data, tables[b"head"][0] + 18)[0]
    metrics = struct.unpack_from(">H", data, tables[b"hhea"][0] + 34)[0]
    hmtx = tables[b"hmtx"][0]
    advances = [struct.unpack_from(">H", data, hmtx + 4 * i)[0] for i in range(metrics)]
    widths: dict[int, float] = {}
    for point, glyph in _cmap(data, tables[b"cmap"][0]).items():
        widths[point] = advances[min(glyph, metrics - 1)] / units
    return widths, advances[0] / units


def text_width(text: str, size: float, *, bold: bool = False) -> float:
    """The width in points of ``text`` set in DejaVu Sans (bold or regular) at ``size``."""
    widths, missing = advance_widths(BOLD_FILE if bold else REGULAR_FILE)
    return sum(widths.get(ord(char), missing) for char in text) * size


def fits_footer(title: str, *, half_page: bool = False) -> bool:
    """True if a title fits the first line of a page's footer in regular print."""
    room = HALF_PAGE_FOOTER_ROOM if half_page else FULL_PAGE_FOOTER_ROOM
    return text_width(title, FOOTER_SIZE, bold=True) <= room
