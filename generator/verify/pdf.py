"""Read a PDF back as a screen reader gets it: each page's text, and the structure tree.

One PDFium pass over each page (``generator.verify.pdftext``) gives the page's text, the text of
every marked-content sequence (by MCID) and, when asked, every character's size and place
for the layout checks; the same pass reads the page's part of the structure tree.

PDFium shows the structure tree page by page: each page's tree holds the elements with
content on that page (and their ancestors), each with as many kids as its ``/K`` has, and
only the kids on that page filled in. An element is therefore known by its path of kid
positions from the root, the same on every page, and the pages' trees are merged by path.
A kid that is neither an element nor marked content on any page is an object reference
(a link's annotation).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from generator.verify.pdftext import PageReading, open_pages, read_page


@dataclass(frozen=True)
class Element:
    """One element of the structure tree, in reading order."""

    role: str
    """``H1``, ``P``, ``Figure``, ``Link``… without the slash."""
    depth: int
    """How deep it is: 0 for the ``Document`` element."""
    text: str
    """The text of everything marked as its content, its children's included."""
    alt: str | None = None
    links: int = 0
    """How many link annotations it holds. PDFium shows no element with nothing printed in
    it, so a ``Link`` holding only its annotation (a link inside a paragraph) is not among
    the elements: its annotation is counted on the element holding it."""
    lang: str | None = None
    """Its own ``/Lang``, if it has one (else it is read in its parent's language)."""


@dataclass(frozen=True)
class PdfReading:
    """What reading a PDF back found."""

    pages: tuple[str, ...]
    """The text of each page, in page order."""
    elements: tuple[Element, ...] | None
    """The structure tree flattened in reading order; None for an untagged PDF."""
    readings: tuple[PageReading, ...] = ()
    """Each page as read (with every character's size and place if ``glyphs`` was asked)."""
    lang: str = ""
    """The document's language (the catalog's ``/Lang``), "" if it says none."""

    @property
    def text(self) -> str:
        """The text of every page."""
        return "\n".join(self.pages)


KidPath = tuple[int, ...]
"""An element's kid positions from the root of the structure tree."""


@dataclass
class _Found:
    """An element as the pages' trees show it, merged."""

    role: str
    alt: str | None
    kids: int
    lang: str | None = None
    actual: str | None = None
    """Its ``/ActualText``: what a screen reader says instead of its content."""
    content: dict[int, str] = field(default_factory=dict)
    """The text of each kid that is marked content, by kid position."""
    elements: set[int] = field(default_factory=set)
    """The kid positions that are elements."""


def read_pdf(data: bytes, *, glyphs: bool = False) -> PdfReading:
    """Read a PDF back: its pages' text and its structure tree, in one pass.

    ``glyphs``: also keep every character's size and place, for the layout checks. A run
    that reads the same PDF for several checks asks its ``ReadCache`` instead.
    """
    readings: list[PageReading] = []
    found: dict[KidPath, _Found] = {}
    roots = 0
    with open_pages(data) as pages:
        lang = pages.language
        for page in pages:
            reading = read_page(page, glyphs=glyphs)
            readings.append(reading)
            roots = max(roots, _read_tree(page, reading.marked, found))
    texts = tuple(reading.text for reading in readings)
    if not found:
        return PdfReading(texts, None, tuple(readings), lang)
    elements: list[Element] = []
    for index in range(roots):
        if (index,) in found:
            _flatten((index,), found, elements)
    return PdfReading(texts, tuple(elements), tuple(readings), lang)


def _read_tree(page: Any, marked: Mapping[int, str], found: dict[KidPath, _Found]) -> int:
    """Merge a page's part of the structure tree into ``found``; the root's kid count."""
    import pypdfium2.raw as pdfium

    tree = pdfium.FPDF_StructTree_GetForPage(page.raw)
    if not tree:
        return 0
    try:
        roots = int(pdfium.FPDF_StructTree_CountChildren(tree))
        for index in range(roots):
            element = pdfium.FPDF_StructTree_GetChildAtIndex(tree, index)
            if element:
                _read_element(element, (index,), marked, found)
        return max(roots, 0)
    finally:
        pdfium.FPDF_StructTree_Close(tree)


def _read_element(
    element: Any, path: KidPath, marked: Mapping[int, str], found: dict[KidPath, _Found]
) -> None:
    import pypdfium2.raw as pdfium

    kids = max(pdfium.FPDF_StructElement_CountChildren(element), 0)
    known = found.get(path)
    if known is None:
        alt = _wide(pdfium.FPDF_StructElement_GetAltText, element)
        role = _wide(pdfium.FPDF_StructElement_GetType, element) or "?"
        lang = _wide(pdfium.FPDF_StructElement_GetLang, element)
        actual = _wide(pdfium.FPDF_StructElement_GetActualText, element)
        known = found[path] = _Found(role, alt or None, kids, lang or None, actual or None)
    for index in range(kids):
        kid = pdfium.FPDF_StructElement_GetChildAtIndex(element, index)
        if kid:
            known.elements.add(index)
            _read_element(kid, (*path, index), marked, found)
            continue
        mcid = pdfium.FPDF_StructElement_GetChildMarkedContentID(element, index)
        if mcid >= 0:
            known.content[index] = marked.get(mcid, "")


def _wide(function: Any, element: Any) -> str:
    """A string PDFium gives as UTF-16 (asked for twice: its size, then its characters)."""
    import ctypes

    size = function(element, None, 0)
    if size <= 2:
        return ""
    buffer = ctypes.create_string_buffer(size)
    function(element, buffer, size)
    return buffer.raw[: size - 2].decode("utf-16-le", "replace")


def _flatten(path: KidPath, found: dict[KidPath, _Found], into: list[Element]) -> str:
    """Add an element and everything below it to ``into``; return the element's text."""
    known = found[path]
    position = len(into)
    into.append(Element(known.role, len(path) - 1, ""))
    texts: list[str] = []
    links = 0
    for index in range(known.kids):
        if index in known.elements:
            texts.append(_flatten((*path, index), found, into))
        elif index in known.content:
            texts.append(known.content[index])
        else:
            links += 1
    # An element with replacement text is read as that text, its content skipped.
    text = known.actual if known.actual is not None else "".join(texts)
    into[position] = Element(known.role, len(path) - 1, text, known.alt, links, known.lang)
    return text


def joined_parts(elements: tuple[Element, ...]) -> list[tuple[Element, ...]]:
    """The elements of each ``Part`` of a joined file (each file it was joined from), in order."""
    parts: list[list[Element]] = []
    for element in elements:
        if element.depth == 1 and element.role == "Part":
            parts.append([])
        elif parts and element.depth > 1:
            parts[-1].append(element)
    return [tuple(part) for part in parts]
