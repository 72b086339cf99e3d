"""Joining and imposing PDF pages with pypdf: the pack as one file, booklets, two-up sheets.

Pages are placed, never scaled: a booklet's half-size pages were typeset at that size, so
the type keeps the size the stylesheet gave it.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence

from pypdf import PageObject, PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    BooleanObject,
    DecodedStreamObject,
    DictionaryObject,
    FloatObject,
    IndirectObject,
    NameObject,
)

from generator.workshop.plan import Side
from generator.workshop.structure import Joined, join_structure


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
        writer.root_object[NameObject("/Lang")] = root["/Lang"]
    writer.root_object[NameObject("/ViewerPreferences")] = DictionaryObject(
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
    joined: list[Joined] = []
    for data, outline, keep_outline in documents:
        reader = _reader(data)
        joined.append(Joined(reader, len(writer.pages)))
        writer.append(reader, outline_item=outline, import_outline=keep_outline)
    first = joined[0].reader
    _copy_properties(first, writer, outlines=True)
    # The pack is read by screen readers too: its parts keep their tags.
    join_structure(writer, joined, str(first.root_object.get("/Lang", "en")))
    return _written(writer)


MARK_FROM_EDGE = 7 * 72 / 25.4
"""Where the marks start: inside what home printers can print (5 to 7 mm from the edge)."""
MARK_LENGTH = 4 * 72 / 25.4


REPLACEMENT_TEXT = re.compile(rb"/Span <</ActualText <[0-9A-F]*>>> BDC")
"""The start of a replacement text (``tagging.actual_text``), as the handout writes it."""


def printed_drawing(page: PageObject) -> bytes:
    """A page's drawing as an imposed sheet places it: without replacement texts.

    Sheets are for printing only; a replacement text drawn twice on one sheet (two-up)
    makes PDFium read both copies' texts at the first, so the halves would read apart.
    """
    contents = page.get_contents()
    data = contents.get_data() if contents is not None else b""
    return REPLACEMENT_TEXT.sub(b"/Span BMC", data)


def _page_as_form(page: PageObject, writer: PdfWriter) -> IndirectObject:
    """A page's drawing as a form XObject in ``writer``, to be placed on sheets as it is."""
    form = DecodedStreamObject()
    form.set_data(printed_drawing(page))
    box = page.mediabox
    form[NameObject("/Type")] = NameObject("/XObject")
    form[NameObject("/Subtype")] = NameObject("/Form")
    form[NameObject("/BBox")] = ArrayObject(
        [
            FloatObject(box.left),
            FloatObject(box.bottom),
            FloatObject(box.right),
            FloatObject(box.top),
        ]
    )
    resources = page.get("/Resources")
    if resources is not None:
        form[NameObject("/Resources")] = resources.get_object().clone(writer)
    return writer._add_object(form.flate_encode())


def impose(data: bytes, sides: Sequence[Side], sheet: tuple[float, float]) -> bytes:
    """Two pages side by side on each sheet side, in the order ``sides`` gives.

    Each page is centred in its half of the ``sheet`` (width, height): two A5 pages are a
    millimetre narrower than an A4 sheet, and the fold must fall exactly between them.
    Short marks at the top and bottom of the middle show where to fold or cut. A page is
    stored once however often it is placed, so two-up costs no more than one copy.
    """
    source = _reader(data)
    writer = PdfWriter()
    forms: dict[int, IndirectObject] = {}
    half = sheet[0] / 2
    for left, right in sides:
        side: PageObject = writer.add_blank_page(*sheet)
        drawing = [
            f"0.5 w {half:.2f} {MARK_FROM_EDGE:.2f} m {half:.2f} "
            f"{MARK_FROM_EDGE + MARK_LENGTH:.2f} l S",
            f"{half:.2f} {sheet[1] - MARK_FROM_EDGE:.2f} m {half:.2f} "
            f"{sheet[1] - MARK_FROM_EDGE - MARK_LENGTH:.2f} l S",
        ]
        placed = DictionaryObject()
        for number, x in ((left, 0.0), (right, half)):
            if number is None:
                continue
            page = source.pages[number - 1]
            if number not in forms:
                forms[number] = _page_as_form(page, writer)
            name = f"/Page{number}"
            placed[NameObject(name)] = forms[number]
            width, height = float(page.mediabox.width), float(page.mediabox.height)
            drawing.append(
                f"q 1 0 0 1 {x + (half - width) / 2:.2f} {(sheet[1] - height) / 2:.2f} cm "
                f"{name} Do Q"
            )
        side[NameObject("/Resources")] = DictionaryObject({NameObject("/XObject"): placed})
        content = DecodedStreamObject()
        content.set_data("\n".join(drawing).encode("ascii"))
        side[NameObject("/Contents")] = writer._add_object(content.flate_encode())
    _copy_properties(source, writer, outlines=False)
    return _written(writer)
