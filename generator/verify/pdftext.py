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
    width: float = 0.0
    """How wide it is printed, in points (0: not measured; see ``read_page``)."""


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
    width: float
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
    written, instead of from where PDFium finds each glyph; its characters (with
    ``glyphs``) come in that order too, each with its width, so a right-to-left line can
    be measured from its right-hand edge.
    """
    text_page = page.get_textpage()
    try:
        marked, drawings, written = _objects_of(page, text_page)
        if written is None:
            text = _clean(text_page.get_text_range())
            found = _glyphs_of(text_page) if glyphs else ()
        else:
            text = _clean("".join(piece.text for piece in written))
            # Shaped words are measured where they were written: PDFium's own guess at the
            # order of right-to-left letters would scramble the lines the layout check reads.
            found = _written_glyphs(written, text_page) if glyphs else ()
    finally:
        text_page.close()
    return PageReading(
        text, float(page.get_height()), float(page.get_width()), marked, drawings, found
    )


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


def _right_to_left(text: str) -> bool:
    """True for a word of right-to-left letters (and no left-to-right ones)."""
    import unicodedata

    classes = {unicodedata.bidirectional(char) for char in text}
    return bool(classes & {"R", "AL"}) and "L" not in classes


def _logical(text: str) -> str:
    """A word's text in reading order: a right-to-left word is written as it is seen
    (reversed, brackets mirrored), as PDF readers expect, and is turned back here."""
    from generator.scripts import visual_text

    return visual_text(text) if _right_to_left(text) else text  # its own inverse


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


@dataclass
class _Written:
    """A piece of a page's text as it was written: a text object's, or a shaped word's
    ``/ActualText`` over the objects (a glyph each) that draw it; or a line break."""

    text: str
    size: float
    baseline: float
    objects: list[Any]
    replaced: bool


LINE_BREAK = _Written("\n", 0.0, 0.0, [], False)


def _objects_of(page: Any, text_page: Any) -> tuple[dict[int, str], Extents, list[_Written] | None]:
    """The text of each marked-content sequence, the extent of everything not text, and,
    when some text carries ``/ActualText``, the page's text as it was written, piece by
    piece."""
    import ctypes

    import pypdfium2.raw as pdfium

    parts: dict[int, list[str]] = {}
    last_line: dict[int, float] = {}
    drawings: list[tuple[float, float]] = []
    written: list[_Written] = []
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
                written[-1].objects.append(item)
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
            written.append(LINE_BREAK)
        written.append(_Written(chunk, font_size.value, matrix.f, [item], replaced is not None))
        written_line = matrix.f
        mcid = pdfium.FPDFPageObj_GetMarkedContentID(item)
        if mcid < 0 or nested:
            continue  # an artifact (footer, decoration), untagged, or a page placed on a sheet
        if mcid in parts and abs(last_line[mcid] - matrix.f) > 0.5:
            parts[mcid].append("\n")
        parts.setdefault(mcid, []).append(chunk)
        last_line[mcid] = matrix.f
    marked = {mcid: _clean("".join(chunks)) for mcid, chunks in parts.items()}
    return marked, tuple(drawings), written if actual else None


def _written_glyphs(written: list[_Written], text_page: Any) -> tuple[Glyph, ...]:
    """Every character of a page's written text, in that order, each where it is printed.

    A shaped word's glyphs are not its letters one by one: its letters share out the
    width its glyphs cover, in its direction (the first letter of a right-to-left word at
    its right). Any other text object's characters are PDFium's, left to right as drawn.
    """
    import ctypes

    import pypdfium2.raw as pdfium

    own: dict[int | None, list[Glyph]] = {}
    for glyph, item in zip(*_glyphs_and_objects(text_page), strict=True):
        if not glyph.generated and glyph.char not in "\r\n":
            own.setdefault(item, []).append(glyph)
    found: list[Glyph] = []
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    corners = tuple(ctypes.byref(corner) for corner in (left, bottom, right, top))
    for piece in written:
        if piece is LINE_BREAK:
            found.append(Glyph("\n", 0.0, 0.0, True))
            continue
        first = piece.objects[0]
        drawn = own.get(ctypes.cast(first, ctypes.c_void_p).value)
        if not piece.replaced and drawn:
            found.extend(sorted(drawn, key=lambda glyph: glyph.x))
            continue
        low, high = float("inf"), float("-inf")
        matrix = pdfium.FS_MATRIX()
        for item in piece.objects:
            pdfium.FPDFPageObj_GetBounds(item, *corners)
            pdfium.FPDFPageObj_GetMatrix(item, ctypes.byref(matrix))
            # A glyph starts at its origin; a space, which draws nothing, is only that.
            low, high = min(low, left.value, matrix.e), max(high, right.value, matrix.e)
        bold = _bold_font(pdfium.FPDFTextObj_GetFont(first))
        count = max(1, len(piece.text))
        share = (high - low) / count
        backwards = _right_to_left(piece.text)
        for index, char in enumerate(piece.text):
            x = high - (index + 1) * share if backwards else low + index * share
            found.append(Glyph(char, piece.size, piece.baseline, False, x, bold, share))
    return tuple(found)


def _bold_font(font: Any) -> bool:
    """True for a bold face: heavy, or named bold (Noto Nastaliq Urdu Bold says it weighs
    what its regular face does)."""
    import ctypes

    import pypdfium2.raw as pdfium

    if pdfium.FPDFFont_GetWeight(font) >= BOLD_WEIGHT:
        return True
    name = ctypes.create_string_buffer(128)
    pdfium.FPDFFont_GetBaseFontName(font, name, len(name))
    return name.value.endswith(b"-Bold")


def _glyphs_of(text_page: Any) -> tuple[Glyph, ...]:
    """Every character of a page, with its size and baseline."""
    return _glyphs_and_objects(text_page, objects=False)[0]


def _glyphs_and_objects(
    text_page: Any, *, objects: bool = True
) -> tuple[tuple[Glyph, ...], tuple[int | None, ...]]:
    """Every character of a page, and (with ``objects``) the address of the text object
    that draws each, with its printed width (None and 0 for what PDFium adds)."""
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
    box = pdfium.FS_RECTF()
    found: list[Glyph] = []
    owners: list[int | None] = []
    for index in range(text_page.count_chars()):
        char = chr(unicode(raw, index))
        if char in "\r\n":
            found.append(Glyph(char, 0.0, 0.0, True))
            owners.append(None)
            continue
        origin(raw, index, at_x, at_y)
        # PDFium adds only spaces, line breaks and the hyphen it marks with \x02.
        generated = char in " \x02" and pdfium.FPDFText_IsGenerated(raw, index) == 1
        width = 0.0
        if objects:
            owner = pdfium.FPDFText_GetTextObject(raw, index)
            owners.append(None if generated else ctypes.cast(owner, ctypes.c_void_p).value)
            # The box of its advance, not of its ink: a space is as wide as it moves on.
            pdfium.FPDFText_GetLooseCharBox(raw, index, ctypes.byref(box))
            width = max(0.0, box.right - box.left)
        found.append(
            Glyph(
                char,
                float(font_size(raw, index)),
                y.value,
                generated,
                x.value,
                weight(raw, index) >= BOLD_WEIGHT,
                width,
            )
        )
    return tuple(found), tuple(owners)


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
