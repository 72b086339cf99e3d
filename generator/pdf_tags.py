"""Read a PDF back as a screen reader gets it: each page's text, and the structure tree.

One pass over each page's drawing with pypdf gives both the page's text and the text of
every marked-content sequence (by MCID), so walking the tags costs no second extraction.
pypdf is already loaded for the text (pikepdf would add ~45 ms of import to every build).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import lru_cache
from typing import Any


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
    """For a ``Link``: how many link annotations it holds."""


@dataclass(frozen=True)
class PdfReading:
    """What reading a PDF back found."""

    pages: tuple[str, ...]
    """The text of each page, in page order."""
    elements: tuple[Element, ...] | None
    """The structure tree flattened in reading order; None for an untagged PDF."""

    @property
    def text(self) -> str:
        """The text of every page."""
        return "\n".join(self.pages)


def _page_text(page: Any) -> tuple[str, dict[int, str]]:
    """A page's text, and the text of each of its marked-content sequences."""
    open_ids: list[int | None] = []
    marked: dict[int, list[str]] = {}

    def before(operator: bytes, operands: list[Any], *_: Any) -> None:
        if operator == b"BDC":
            properties: Any = operands[1] if len(operands) > 1 else None
            mcid = properties.get("/MCID") if isinstance(properties, dict) else None
            open_ids.append(int(mcid) if mcid is not None else None)
        elif operator == b"BMC":
            open_ids.append(None)
        elif operator == b"EMC" and open_ids:
            open_ids.pop()

    def text(chunk: str, *_: Any) -> None:
        if open_ids and open_ids[-1] is not None:
            marked.setdefault(open_ids[-1], []).append(chunk)

    whole = page.extract_text(visitor_operand_before=before, visitor_text=text) or ""
    return whole, {mcid: "".join(parts) for mcid, parts in marked.items()}


@lru_cache(maxsize=8)
def read_pdf(data: bytes) -> PdfReading:
    """Read a PDF back (remembered: many emails attach the same handout)."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    pages: list[str] = []
    marked: dict[tuple[int, int], str] = {}
    for index, page in enumerate(reader.pages):
        whole, sequences = _page_text(page)
        pages.append(whole)
        marked.update({(index, mcid): text for mcid, text in sequences.items()})
    tree = reader.root_object.get("/StructTreeRoot")
    if tree is None:
        return PdfReading(tuple(pages), None)
    numbers = {
        page.indirect_reference.idnum: index
        for index, page in enumerate(reader.pages)
        if page.indirect_reference is not None
    }
    elements: list[Element] = []
    _walk(tree.get_object().raw_get("/K"), 0, None, numbers, marked, elements)
    return PdfReading(tuple(pages), tuple(elements))


def _walk(
    reference: Any,
    depth: int,
    page: int | None,
    numbers: dict[int, int],
    marked: dict[tuple[int, int], str],
    into: list[Element],
) -> str:
    """Add an element and everything below it to ``into``; return the element's text."""
    element = reference.get_object()
    if "/Pg" in element:
        page = numbers.get(element.raw_get("/Pg").idnum, page)
    role = str(element.get("/S", "/?"))[1:]
    alt = element.get("/Alt")
    position = len(into)
    into.append(Element(role, depth, ""))
    raw: Any = element.raw_get("/K") if "/K" in element else None
    kids = raw.get_object() if raw is not None else []
    texts: list[str] = []
    links = 0
    for kid in kids if isinstance(kids, list) else [raw]:
        target = kid.get_object()
        if isinstance(target, int):
            texts.append(marked.get((page, int(target)), "") if page is not None else "")
        elif target.get("/Type") == "/MCR":
            home = numbers.get(target.raw_get("/Pg").idnum) if "/Pg" in target else page
            texts.append(marked.get((home, int(target["/MCID"])), "") if home is not None else "")
        elif target.get("/Type") == "/OBJR":
            links += 1
        else:
            texts.append(_walk(kid, depth + 1, page, numbers, marked, into))
    text = "".join(texts)
    into[position] = Element(role, depth, text, str(alt) if alt is not None else None, links)
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
