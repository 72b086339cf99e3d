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


def impose(data: bytes, sides: Sequence[Side]) -> bytes:
    """Two pages side by side on each landscape sheet side, in the order ``sides`` gives.

    The sheet is exactly two pages wide and one page high (two A5 pages make an A4 sheet).
    """
    source = _reader(data)
    first = source.pages[0]
    width, height = float(first.mediabox.width), float(first.mediabox.height)
    writer = PdfWriter()
    for left, right in sides:
        sheet: PageObject = writer.add_blank_page(width * 2, height)
        for number, x in ((left, 0.0), (right, width)):
            if number is not None:
                sheet.merge_transformed_page(
                    source.pages[number - 1], Transformation().translate(x, 0)
                )
    _copy_properties(source, writer, outlines=False)
    return _written(writer)
