"""Lay flowables out on pages: one text column, a footer on every page, document properties.

The footer says "Page X of Y", so pages are kept until the last one is laid out and
footers are drawn when the total is known.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import partial
from typing import Any

from reportlab.lib.colors import black
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

from generator import __version__
from generator.render.pdf.fonts import BOLD, REGULAR, register_fonts
from generator.render.pdf.styles import Stylesheet


@dataclass(frozen=True)
class FooterLine:
    """One line of the footer: text at the left, text at the right.

    ``{page}`` and ``{pages}`` in either are replaced by the page number and the page count.
    """

    left: str
    right: str
    bold: bool = False


@dataclass(frozen=True)
class DocumentInfo:
    """The properties a PDF viewer shows: title in the window bar, subject, language."""

    title: str
    subject: str = ""
    author: str = ""
    lang: str = "en"


@dataclass(frozen=True)
class Typeset:
    """A laid-out PDF and its number of pages."""

    data: bytes
    pages: int


def _fit(text: str, font: str, size: float, width: float) -> str:
    """The text, shortened with an ellipsis if it is wider than ``width``."""
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "\u2026", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "\u2026"


class FooterCanvas(Canvas):  # type: ignore[misc]
    """A canvas that holds every page back until the end, then draws each page's footer."""

    def __init__(
        self,
        *args: Any,
        sheet: Stylesheet,
        footer: tuple[FooterLine, ...],
        counter: list[int],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self._sheet = sheet
        self._footer = footer
        self._counter = counter
        self._held: list[dict[str, Any]] = []
        self.showOutline()

    def showPage(self) -> None:
        self._held.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._held)
        self._counter.append(total)
        for number, state in enumerate(self._held, start=1):
            self.__dict__.update(state)
            self._draw_footer(number, total)
            super().showPage()
        super().save()

    def _draw_footer(self, number: int, total: int) -> None:
        sheet = self._sheet
        size = sheet.profile.footer
        left_x = sheet.margins.left
        right_x = sheet.page_size[0] - sheet.margins.right
        # The last line sits on the bottom margin; the others and a rule stack above it.
        baseline = sheet.margins.bottom + (len(self._footer) - 1) * sheet.footer_leading
        rule_y = baseline + size * 1.3
        self.saveState()
        self.setStrokeColor(black)
        self.setFillColor(black)
        self.setLineWidth(0.6)
        self.line(left_x, rule_y, right_x, rule_y)
        for line in self._footer:
            font = BOLD if line.bold else REGULAR
            right = line.right.replace("{pages}", str(total)).replace("{page}", str(number))
            left = line.left.replace("{pages}", str(total)).replace("{page}", str(number))
            right_width = stringWidth(right, font, size)
            room = right_x - left_x - right_width - (size * 2 if right else 0)
            self.setFont(font, size)
            self.drawString(left_x, baseline, _fit(left, font, size, room))
            if right:
                self.drawRightString(right_x, baseline, right)
            baseline -= sheet.footer_leading
        self.restoreState()


def typeset(
    flowables: list[Any],
    sheet: Stylesheet,
    info: DocumentInfo,
    footer: tuple[FooterLine, ...],
) -> Typeset:
    """Lay out flowables on pages of the stylesheet's size; byte-identical for the same input."""
    register_fonts()
    buffer = io.BytesIO()
    margins = sheet.margins
    document = BaseDocTemplate(
        buffer,
        pagesize=sheet.page_size,
        leftMargin=margins.left,
        rightMargin=margins.right,
        topMargin=margins.top,
        bottomMargin=sheet.text_bottom(len(footer)),
        title=info.title,
        subject=info.subject,
        author=info.author,
        creator=f"guide {__version__}",
        lang=info.lang,
        displayDocTitle=1,
        # Invariant mode: no clock time or random ID, so rebuilds are byte-identical.
        invariant=1,
        # Without these the canvas starts every page in Helvetica, an unembedded font.
        initialFontName=REGULAR,
        initialFontSize=sheet.profile.body,
        initialLeading=sheet.profile.leading,
        pageCompression=1,
    )
    frame = Frame(
        margins.left,
        sheet.text_bottom(len(footer)),
        sheet.frame_width,
        sheet.frame_height(len(footer)),
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id="text",
    )
    document.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    counter: list[int] = []
    document.build(
        flowables, canvasmaker=partial(FooterCanvas, sheet=sheet, footer=footer, counter=counter)
    )
    return Typeset(buffer.getvalue(), counter[-1] if counter else 0)
