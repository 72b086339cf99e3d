"""How wide a line of text prints in the bundled fonts, without loading ReportLab.

``guide check`` uses it to say when a title is too long for a page's footer; it reads the
advance widths straight from the TrueType file's ``cmap`` and ``hmtx`` tables.
"""

from __future__ import annotations

import struct
from collections.abc import Callable
from functools import lru_cache, partial
from pathlib import Path

from generator.typography import DASHES, one_letter_words

FONTS = Path(__file__).resolve().parent.parent / "fonts"
BOLD_FILE = FONTS / "DejaVuSans-Bold.ttf"
REGULAR_FILE = FONTS / "DejaVuSans.ttf"

FOOTER_SIZE = 12.0
"""Footer type size in regular print (the stylesheet's ``footer``)."""
LARGE_FOOTER_SIZE = 18.0
"""Footer type size in large print."""
FULL_PAGE_FOOTER_ROOM = 326.0
"""Points left for a title on the first footer line of an A4 page in regular print, beside
"Page 888 of 888" (about 325 in every shipped language): a longer title takes two lines."""
HALF_PAGE_FOOTER_ROOM = 165.0
"""Points left for a title on the first footer line of a half-letter booklet page in
regular print, beside "Page 888 of 888" in the longest of the shipped languages: the
narrowest footer a title is printed in at regular size. A test holds it to the stylesheet."""
LARGE_FULL_PAGE_FOOTER_ROOM = 260.0
"""The same on an A4 page in large print, in the longest of the shipped languages."""
LARGE_HALF_PAGE_FOOTER_ROOM = 333.0
"""The same on a half-letter booklet page in large print, where the title has its line to
itself (the page number goes on the next)."""
FOOTERS: dict[str, tuple[float, float]] = {
    "pages": (FOOTER_SIZE, FULL_PAGE_FOOTER_ROOM),
    "large-print pages": (LARGE_FOOTER_SIZE, LARGE_FULL_PAGE_FOOTER_ROOM),
    "booklet pages": (FOOTER_SIZE, HALF_PAGE_FOOTER_ROOM),
    "large-print booklet pages": (LARGE_FOOTER_SIZE, LARGE_HALF_PAGE_FOOTER_ROOM),
}
"""Every footer a guide's title is printed in: its type size and the room on its first line."""


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


def footers_wrapping(
    title: str,
    short_title: str | None = None,
    width_of: Callable[[str, float], float] | None = None,
) -> list[str]:
    """The footers (keys of ``FOOTERS``) in which a title takes more than one line.

    A footer prints the short title where the title does not fit, as the handout does.
    ``width_of(text, size)`` measures a bold line of text (DejaVu Sans Bold's widths unless
    given: a title in a shaped script is as wide as its shaped glyphs).
    """
    if width_of is None:
        width_of = partial(text_width, bold=True)
    wrapping = []
    for name, (size, room) in FOOTERS.items():
        printed = title
        if short_title and width_of(title, size) > room:
            printed = short_title
        if width_of(printed, size) > room:
            wrapping.append(name)
    return wrapping


def _tokens(text: str, lang: str) -> list[str]:
    """Words that must stay on one line together joined into one: a one-letter word the
    language keeps off line ends with the word after it, a dash with the word before it."""
    keep_off = one_letter_words(lang)
    tokens: list[str] = []
    joining = False
    for word in text.split():
        if tokens and (joining or (len(word) == 1 and word in DASHES)):
            tokens[-1] += " " + word
        else:
            tokens.append(word)
        joining = len(word) == 1 and word.lower() in keep_off
    return tokens


def _cut(text: str, width_of: Callable[[str], float], width: float) -> tuple[list[str], str]:
    """A word too wide for a line cut between letters: the full lines, and what is left."""
    lines: list[str] = []
    while width_of(text) > width and len(text) > 1:
        cut = len(text) - 1
        while cut > 1 and width_of(text[:cut]) > width:
            cut -= 1
        lines.append(text[:cut])
        text = text[cut:]
    return lines, text


def wrap_words(
    text: str,
    width_of: Callable[[str], float],
    first: float,
    rest: float,
    lang: str = "",
    *,
    cut_words: bool = True,
) -> list[str]:
    """Text broken into lines: the first at most ``first`` wide, the others ``rest`` wide.

    No line ends with a one-letter word ``lang`` keeps off line ends or starts with a dash,
    and the last line holds one word alone only when the line before has one too. A word
    wider than a line is cut between letters, unless ``cut_words`` is False (shaped text,
    whose letters join).
    """
    lines: list[list[str]] = [[]]
    for token in _tokens(text, lang):
        room = first if len(lines) == 1 else rest
        if lines[-1] and width_of(" ".join([*lines[-1], token])) > room:
            lines.append([])
            room = rest
        if cut_words and not lines[-1] and width_of(token) > room:
            # A word wider than a whole line is cut between letters.
            whole, token = _cut(token, width_of, room)
            for part in whole:
                lines[-1].append(part)
                lines.append([])
        lines[-1].append(token)
    if lines[-1] == [] and len(lines) > 1:
        lines.pop()
    last, before = lines[-1], lines[-2] if len(lines) > 1 else []
    if len(last) == 1 and " " not in last[0] and len(before) > 1:
        moved = [before[-1], *last]
        if width_of(" ".join(moved)) <= rest:
            lines[-2:] = [before[:-1], moved]
    return [" ".join(line) for line in lines]
