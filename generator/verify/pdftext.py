"""The text of a PDF as a reader's viewer finds it, read with PDFium (``pypdfium2``).

Every read-back check of a PDF starts here. One pass over a page gives its text (for "is
every step there, in order"), the text of each marked-content sequence (for the tags a
screen reader walks, ``generator.verify.pdf``), the extent of its pictures and rules, and, for
the checks that need to know where and how big the words are, every character with its
font size, weight, baseline and place on the line (``generator.verify.layout``). PDFium is
compiled and reads a handout in a few milliseconds; it is also what Chrome uses to show a
PDF, so what it finds is what a reader's screen shows.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, NamedTuple

from generator.scripts import needs_shaping


class Glyph(NamedTuple):
    """One character as PDFium reads it (a tuple: a page holds thousands)."""

    char: str
    size: float
    """Its font size in points (0 for a line break)."""
    y: float
    """Its baseline, in points from the bottom of the page (0 for a line break)."""
    generated: bool
    """PDFium added it (a space or line break between words), it is not printed."""
    x: float = 0.0
    """Where it starts (its origin), in points from the page's left edge."""
    bold: bool = False
    """Set in a bold face."""


BOLD_WEIGHT = 600
"""A font at least this heavy (CSS weights: 400 regular, 700 bold) is a bold face."""

Extents = tuple[tuple[float, float], ...]
"""Bottom and top of each drawing on a page."""


@dataclass(frozen=True)
class PageReading:
    """What one pass over a page finds."""

    text: str
    """The page's text, lines separated by newlines."""
    height: float
    marked: Mapping[int, str]
    """The text of each marked-content sequence (by MCID), lines separated by newlines."""
    drawings: Extents
    """Bottom and top of each picture, rule, box or code drawn on the page."""
    glyphs: tuple[Glyph, ...] = ()
    """Every character in reading order (only when asked for: it costs a call per glyph)."""


@dataclass(frozen=True)
class TextLine:
    """One line of text on a page."""

    text: str
    """The line's characters, without the line break."""
    size: float
    """The largest font size on the line, in points."""
    y: float
    """The lowest baseline of the line, in points from the bottom of the page."""


class Pages:
    """The pages of an open PDF, one PDFium page at a time, each closed once the next is
    asked for; and what the document says of itself."""

    def __init__(self, document: Any) -> None:
        self.document = document

    def __iter__(self) -> Iterator[Any]:
        for index in range(len(self.document)):
            page = self.document[index]
            try:
                yield page
            finally:
                page.close()

    @property
    def language(self) -> str:
        """The document's language (the catalog's ``/Lang``), "" if it says none."""
        import ctypes

        import pypdfium2.raw as pdfium

        raw = self.document.raw
        size = pdfium.FPDFCatalog_GetLanguage(raw, None, 0)
        if size <= 2:
            return ""
        buffer = (ctypes.c_ushort * (size // 2))()
        pdfium.FPDFCatalog_GetLanguage(raw, buffer, size)
        return ctypes.string_at(buffer, size - 2).decode("utf-16-le", "replace")


@contextmanager
def open_pages(data: bytes) -> Iterator[Pages]:
    """The pages of a PDF (see ``Pages``), the document closed afterwards."""
    import pypdfium2

    document = pypdfium2.PdfDocument(data)
    try:
        yield Pages(document)
    finally:
        document.close()


def read_page(page: Any, *, glyphs: bool = False) -> PageReading:
    """Read one PDFium page: its text, its marked-content sequences, its drawings.

    A page with shaped text (Arabic, Hebrew, Indic) carries each word's text as
    ``/ActualText`` in reading order: its text is read from there, in the order it was
    written, instead of from where PDFium finds each glyph.
    """
    text_page = page.get_textpage()
    try:
        marked, drawings, written, placed = _objects_of(page, text_page)
        text = _clean(written if written is not None else text_page.get_text_range())
        # Shaped words are measured where they were written: PDFium's own guess at the
        # order of right-to-left letters would scramble the lines the layout check reads.
        found = (placed if written is not None else _glyphs_of(text_page)) if glyphs else ()
    finally:
        text_page.close()
    return PageReading(text, float(page.get_height()), marked, drawings, found)


def _actual_text(item: Any) -> tuple[int, str] | None:
    """The ``/ActualText`` of the innermost marked-content sequence a page object is in,
    with that sequence's identity (PDFium splits one sequence into several objects)."""
    import ctypes

    import pypdfium2.raw as pdfium

    for index in range(pdfium.FPDFPageObj_CountMarks(item) - 1, -1, -1):
        mark = pdfium.FPDFPageObj_GetMark(item, index)
        size = ctypes.c_ulong()
        # The string's bytes as written: PDFium's text accessor reads them as UTF-8.
        if not pdfium.FPDFPageObjMark_GetParamBlobValue(
            mark, b"ActualText", None, 0, ctypes.byref(size)
        ):
            continue
        buffer = (ctypes.c_ubyte * size.value)()
        pdfium.FPDFPageObjMark_GetParamBlobValue(
            mark, b"ActualText", buffer, size.value, ctypes.byref(size)
        )
        identity = ctypes.cast(mark, ctypes.c_void_p).value or 0
        return identity, _logical(_text_string(bytes(buffer)))
    return None


def _logical(text: str) -> str:
    """A word's text in reading order: a right-to-left word is written as it is seen
    (reversed, brackets mirrored), as PDF readers expect, and is turned back here."""
    import unicodedata

    from generator.scripts import visual_text

    classes = {unicodedata.bidirectional(char) for char in text}
    if classes & {"R", "AL"} and "L" not in classes:
        return visual_text(text)  # its own inverse
    return text


def _text_string(data: bytes) -> str:
    """A PDF text string's bytes as text: UTF-16BE after its byte order mark, else Latin-1
    (PDFDocEncoding agrees with it on every letter this tool writes)."""
    if data.startswith(b"\xfe\xff"):
        return data[2:].decode("utf-16-be", "replace")
    return data.decode("latin-1")


def _page_objects(page: Any) -> Iterator[tuple[Any, bool]]:
    """A page's objects, and those inside the forms on it (a booklet sheet's two pages),
    each with True when it is inside a form."""
    import pypdfium2.raw as pdfium

    def inside(form: Any) -> Iterator[tuple[Any, bool]]:
        for index in range(pdfium.FPDFFormObj_CountObjects(form)):
            item = pdfium.FPDFFormObj_GetObject(form, index)
            yield item, True
            if pdfium.FPDFPageObj_GetType(item) == pdfium.FPDF_PAGEOBJ_FORM:
                yield from inside(item)

    for index in range(pdfium.FPDFPage_CountObjects(page.raw)):
        item = pdfium.FPDFPage_GetObject(page.raw, index)
        yield item, False
        if pdfium.FPDFPageObj_GetType(item) == pdfium.FPDF_PAGEOBJ_FORM:
            yield from inside(item)


def _objects_of(
    page: Any, text_page: Any
) -> tuple[dict[int, str], Extents, str | None, tuple[Glyph, ...]]:
    """The text of each marked-content sequence, the extent of everything not text, and,
    when some text carries ``/ActualText``, the page's text in the order it was written
    with each of its characters at its text's size and baseline."""
    import ctypes

    import pypdfium2.raw as pdfium

    parts: dict[int, list[str]] = {}
    last_line: dict[int, float] = {}
    drawings: list[tuple[float, float]] = []
    written: list[str] = []
    placed: list[Glyph] = []
    written_line: float | None = None
    actual = False
    last_actual: int | None = None
    font_size = ctypes.c_float()
    buffer = (ctypes.c_ushort * 4096)()
    matrix = pdfium.FS_MATRIX()
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    for item, nested in _page_objects(page):
        if pdfium.FPDFPageObj_GetType(item) != pdfium.FPDF_PAGEOBJ_TEXT:
            if not nested:
                corners = (left, bottom, right, top)
                pdfium.FPDFPageObj_GetBounds(item, *(ctypes.byref(corner) for corner in corners))
                drawings.append((bottom.value, top.value))
            continue
        replaced = _actual_text(item) if pdfium.FPDFPageObj_CountMarks(item) else None
        if replaced is not None:
            identity, chunk = replaced
            # Only shaped words switch the page to its written text: an address broken over
            # lines (read back whole from its own /ActualText) leaves PDFium's reading as it is.
            actual = actual or needs_shaping(chunk)
            if identity == last_actual:
                continue  # the same word, drawn by PDFium's count as several objects
            last_actual = identity
        else:
            last_actual = None
            size = pdfium.FPDFTextObj_GetText(item, text_page.raw, buffer, len(buffer) * 2)
            if size > len(buffer) * 2:
                buffer = (ctypes.c_ushort * (size // 2 + 1))()
                size = pdfium.FPDFTextObj_GetText(item, text_page.raw, buffer, len(buffer) * 2)
            chunk = ctypes.string_at(buffer, max(0, size - 2)).decode("utf-16-le", "replace")
        pdfium.FPDFPageObj_GetMatrix(item, ctypes.byref(matrix))
        # A run on the line of the one before goes on it; a run lower down starts a line
        # (a shaped glyph may sit well off its baseline: Nastaliq climbs as it joins).
        pdfium.FPDFTextObj_GetFontSize(item, ctypes.byref(font_size))
        if written_line is not None and abs(written_line - matrix.f) > 0.9 * font_size.value:
            written.append("\n")
            placed.append(Glyph("\n", 0.0, 0.0, True))
        written.append(chunk)
        placed.extend(Glyph(char, font_size.value, matrix.f, False) for char in chunk)
        written_line = matrix.f
        mcid = pdfium.FPDFPageObj_GetMarkedContentID(item)
        if mcid < 0 or nested:
            continue  # an artifact (footer, decoration), untagged, or a page placed on a sheet
        if mcid in parts and abs(last_line[mcid] - matrix.f) > 0.5:
            parts[mcid].append("\n")
        parts.setdefault(mcid, []).append(chunk)
        last_line[mcid] = matrix.f
    marked = {mcid: _clean("".join(chunks)) for mcid, chunks in parts.items()}
    return marked, tuple(drawings), "".join(written) if actual else None, tuple(placed)


def _glyphs_of(text_page: Any) -> tuple[Glyph, ...]:
    """Every character of a page, with its size and baseline."""
    import ctypes

    import pypdfium2.raw as pdfium

    raw = text_page.raw
    unicode, font_size, origin, weight = (
        pdfium.FPDFText_GetUnicode,
        pdfium.FPDFText_GetFontSize,
        pdfium.FPDFText_GetCharOrigin,
        pdfium.FPDFText_GetFontWeight,
    )
    x, y = ctypes.c_double(), ctypes.c_double()
    at_x, at_y = ctypes.byref(x), ctypes.byref(y)
    found: list[Glyph] = []
    for index in range(text_page.count_chars()):
        char = chr(unicode(raw, index))
        if char in "\r\n":
            found.append(Glyph(char, 0.0, 0.0, True))
            continue
        origin(raw, index, at_x, at_y)
        # PDFium adds only spaces, line breaks and the hyphen it marks with \x02.
        generated = char in " \x02" and pdfium.FPDFText_IsGenerated(raw, index) == 1
        found.append(
            Glyph(
                char,
                float(font_size(raw, index)),
                y.value,
                generated,
                x.value,
                weight(raw, index) >= BOLD_WEIGHT,
            )
        )
    return tuple(found)


def _clean(text: str) -> str:
    """PDFium's line ends made plain newlines; a hyphen PDFium marks as generated kept."""
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\x02", "-")


def page_texts(data: bytes) -> list[str]:
    """The text of each page of a PDF, in page order, lines separated by newlines."""
    with open_pages(data) as pages:
        return [read_page(page).text for page in pages]


def page_lines(data: bytes) -> list[list[TextLine]]:
    """Each page's lines, top to bottom as PDFium reads them, with font size and baseline."""
    with open_pages(data) as pages:
        return [lines_of(read_page(page, glyphs=True)) for page in pages]


def lines_of(page: PageReading) -> list[TextLine]:
    """A page's lines: its characters split at the line breaks PDFium reports."""
    lines: list[TextLine] = []
    chars: list[str] = []
    sizes: list[float] = []
    baselines: list[float] = []
    for glyph in (*page.glyphs, Glyph("\n", 0.0, 0.0, True)):
        if glyph.char in "\r\n":
            if chars:
                text = _clean("".join(chars))
                top = page.height
                lines.append(TextLine(text, max(sizes, default=0.0), min(baselines, default=top)))
            chars, sizes, baselines = [], [], []
            continue
        chars.append(glyph.char)
        if not glyph.generated:
            sizes.append(glyph.size)
            baselines.append(glyph.y)
    return lines
