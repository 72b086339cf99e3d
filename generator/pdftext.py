"""The text of a PDF as a reader's viewer finds it, read with PDFium (``pypdfium2``).

Every read-back check of a PDF starts here: page texts for "is every step there, in
order", and, for checks that need to know where and how big the words are, each line
with its font size and height on the page. PDFium is compiled and reads a handout in a
few milliseconds; it is also what Chrome uses to show a PDF, so what it finds is what a
reader's screen shows.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class TextLine:
    """One line of text on a page."""

    text: str
    """The line's characters, without the line break."""
    size: float
    """The largest font size on the line, in points."""
    y: float
    """The lowest baseline of the line, in points from the bottom of the page."""


def page_texts(data: bytes) -> list[str]:
    """The text of each page of a PDF, in page order, lines separated by newlines."""
    import pypdfium2

    document = pypdfium2.PdfDocument(data)
    try:
        pages: list[str] = []
        for index in range(len(document)):
            page = document[index]
            text_page = page.get_textpage()
            pages.append(_clean(text_page.get_text_range()))
            text_page.close()
            page.close()
        return pages
    finally:
        document.close()


def _clean(text: str) -> str:
    """PDFium's line ends made plain newlines; a hyphen PDFium marks as generated kept."""
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\x02", "-")


def page_lines(data: bytes) -> list[list[TextLine]]:
    """Each page's lines, top to bottom as PDFium reads them, with font size and baseline."""
    import pypdfium2

    document = pypdfium2.PdfDocument(data)
    try:
        found: list[list[TextLine]] = []
        for index in range(len(document)):
            page = document[index]
            text_page = page.get_textpage()
            found.append(_lines_of(text_page, float(page.get_height())))
            text_page.close()
            page.close()
        return found
    finally:
        document.close()


def _lines_of(text_page: Any, top: float) -> list[TextLine]:
    """One page's lines: PDFium's characters split at the line breaks it reports."""
    import ctypes

    import pypdfium2.raw as pdfium

    raw = text_page.raw
    x, y = ctypes.c_double(), ctypes.c_double()
    lines: list[TextLine] = []
    chars: list[str] = []
    sizes: list[float] = []
    baselines: list[float] = []
    count = text_page.count_chars()
    for char in range(count + 1):
        code = pdfium.FPDFText_GetUnicode(raw, char) if char < count else 10
        if code in (10, 13):
            if chars:
                text = _clean("".join(chars))
                lines.append(TextLine(text, max(sizes, default=0.0), min(baselines, default=top)))
            chars, sizes, baselines = [], [], []
            continue
        chars.append(chr(code))
        if pdfium.FPDFText_IsGenerated(raw, char) != 1:
            sizes.append(float(pdfium.FPDFText_GetFontSize(raw, char)))
            pdfium.FPDFText_GetCharOrigin(raw, char, ctypes.byref(x), ctypes.byref(y))
            baselines.append(y.value)
    return lines
