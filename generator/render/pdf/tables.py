"""The handout's two tables: the facts under the title and the organisation's banner.

A ReportLab table sets its cells in Helvetica unless told otherwise, so both name the
bundled font for every cell.
"""

from __future__ import annotations

from typing import Any

from reportlab.lib.colors import black
from reportlab.lib.utils import ImageReader
from reportlab.platypus import Table, TableStyle

from generator.render.pdf.flowables import Picture
from generator.render.pdf.fonts import REGULAR
from generator.render.pdf.styles import Stylesheet

FLUSH = [
    ("FONTNAME", (0, 0), (-1, -1), REGULAR),
    ("LEFTPADDING", (0, 0), (-1, -1), 0),
    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
]


def facts_table(
    rows: list[tuple[Any, Any]], label_width: float, sheet: Stylesheet, *, rtl: bool = False
) -> Table:
    """Label and value rows between two thin rules, the labels in a column of their own
    (at the right in a right-to-left handout)."""
    p = sheet.profile
    label_width = min(label_width + p.body * 1.5, sheet.frame_width * 0.45)
    widths = [label_width, sheet.frame_width - label_width]
    cells = [list(row) for row in rows]
    if rtl:
        widths.reverse()
        cells = [row[::-1] for row in cells]
    table = Table(cells, colWidths=widths, hAlign="RIGHT" if rtl else "LEFT")
    table.setStyle(
        TableStyle(
            [
                *FLUSH,
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), p.gap * 0.25),
                ("BOTTOMPADDING", (0, 0), (-1, -1), p.gap * 0.25),
                ("LINEABOVE", (0, 0), (-1, 0), 0.6, black),
                ("LINEBELOW", (0, -1), (-1, -1), 0.6, black),
                ("TOPPADDING", (0, 0), (-1, 0), p.gap * 0.8),
                ("BOTTOMPADDING", (0, -1), (-1, -1), p.gap * 0.8),
            ]
        )
    )
    table.spaceAfter = p.gap
    return table


def banner_table(
    reader: ImageReader, content: list[Any], sheet: Stylesheet, *, rtl: bool = False
) -> Table:
    """A logo at the left (the right, right to left), at the profile's logo height, and some
    flowables beside it."""
    p = sheet.profile
    wide, high = reader.getSize()
    width = min(p.logo_height * wide / high, sheet.frame_width * 0.35)
    picture = Picture(reader, p.logo_height, frame=0)
    picture.natural = (width, width * high / wide)
    cells: list[Any] = [picture, content or ""]
    widths = [width + p.gap * 2, sheet.frame_width - width - p.gap * 2]
    if rtl:
        cells.reverse()
        widths.reverse()
    table = Table([cells], colWidths=widths, hAlign="RIGHT" if rtl else "LEFT")
    table.setStyle(TableStyle([*FLUSH, ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
    table.spaceAfter = p.gap
    return table
