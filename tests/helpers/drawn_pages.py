"""PDFs drawn line by line, to show the read-back pages a careless layout could have made."""

from __future__ import annotations

import io
from dataclasses import dataclass

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from generator.render.pdf.fonts import BOLD, REGULAR, register_fonts


@dataclass(frozen=True)
class Text:
    """A run of text drawn at a place: ``x`` and the baseline ``y`` in points."""

    text: str
    x: float
    y: float
    size: float = 13
    bold: bool = False


def footer(number: int, total: int, title: str = "A small guide") -> list[Text]:
    """A handout's footer: the title and the page number, then the date."""
    return [
        Text(title, 57, 60, 12, bold=True),
        Text(f"Page {number} of {total}", 470, 60, 12, bold=True),
        Text("Checked on 1 November 2026", 57, 44, 12),
    ]


def drawn_pdf(*pages: list[Text]) -> bytes:
    """A PDF of A4 pages, each holding the runs of text given for it."""
    register_fonts()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=1)
    for runs in pages:
        for run in runs:
            canvas.setFont(BOLD if run.bold else REGULAR, run.size)
            canvas.drawString(run.x, run.y, run.text)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def lines(texts: list[str], x: float, top: float, leading: float = 19) -> list[Text]:
    """Body text lines, one under the other from ``top`` down."""
    return [Text(text, x, top - index * leading) for index, text in enumerate(texts)]
