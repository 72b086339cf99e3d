"""Joining and imposing PDF pages with pypdf: the pack as one file, booklets, two-up sheets.

Pages are placed, never scaled: a booklet's half-size pages were typeset at that size, so
the type keeps the size the stylesheet gave it.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from pypdf import PageObject, PdfReader, PdfWriter, Transformation
from pypdf.generic import BooleanObject, DictionaryObject, NameObject

from generator.workshop.plan import Side


def _reader(data: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(data))


def _written(writer: PdfWriter) -> bytes:
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _copy_properties(source: PdfReader, writer: PdfWriter, outlines: bool) -> None:
    """Give the new file the source's title, author, dates and language."""
    if source.metadata:
        writer.add_metadata(dict(source.metadata))
    root = source.root_object
    if "/Lang" in root:
        writer._root_object[NameObject("/Lang")] = root["/Lang"]
    writer._root_object[NameObject("/ViewerPreferences")] = DictionaryObject(
        {NameObject("/DisplayDocTitle"): BooleanObject(True)}
    )
    if outlines:
        writer.page_mode = "/UseOutlines"


def join_documents(documents: Sequence[tuple[bytes, str | None, bool]]) -> bytes:
    """One PDF of several, in order; the first gives the file its title and language.

    Each document is (its bytes, a bookmark to gather its bookmarks under or None, whether
    to keep its bookmarks at all).
    """
    writer = PdfWriter()
    for data, outline, keep_outline in documents:
        writer.append(_reader(data), outline_item=outline, import_outline=keep_outline)
    _copy_properties(_reader(documents[0][0]), writer, outlines=True)
    return _written(writer)


MARK_FROM_EDGE = 7 * 72 / 25.4
"""Where the marks start: inside what home printers can print (5 to 7 mm from the edge)."""
MARK_LENGTH = 4 * 72 / 25.4


def middle_marks(sheet: tuple[float, float]) -> bytes:
    """A sheet with short lines at the top and bottom of its middle: where to fold or cut."""
    from reportlab.pdfgen.canvas import Canvas

    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=sheet, invariant=1)
    middle = sheet[0] / 2
    canvas.setLineWidth(0.5)
    for start in (MARK_FROM_EDGE, sheet[1] - MARK_FROM_EDGE - MARK_LENGTH):
        canvas.line(middle, start, middle, start + MARK_LENGTH)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def impose(data: bytes, sides: Sequence[Side], sheet: tuple[float, float]) -> bytes:
    """Two pages side by side on each sheet side, in the order ``sides`` gives.

    Each page is centred in its half of the ``sheet`` (width, height): two A5 pages are a
    millimetre narrower than an A4 sheet, and the fold must fall exactly between them.
    Short marks at the top and bottom of the middle show where to fold or cut.
    """
    source = _reader(data)
    writer = PdfWriter()
    half = sheet[0] / 2
    marks = _reader(middle_marks(sheet)).pages[0]
    for left, right in sides:
        side: PageObject = writer.add_blank_page(*sheet)
        side.merge_page(marks)
        for number, x in ((left, 0.0), (right, half)):
            if number is None:
                continue
            page = source.pages[number - 1]
            width, height = float(page.mediabox.width), float(page.mediabox.height)
            offset = Transformation().translate(x + (half - width) / 2, (sheet[1] - height) / 2)
            side.merge_transformed_page(page, offset)
    _copy_properties(source, writer, outlines=False)
    return _written(writer)
