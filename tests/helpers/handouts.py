"""Ways to look inside a built handout the way a reader, a printer or a phone would."""

from __future__ import annotations

import io
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pypdf import PdfReader

from generator.options import BuildOptions
from generator.parse import load_guide
from generator.render.pdf import render_handout


def handout(path: Path, paper: str = "a4", large_print: bool = False, **options: Any) -> bytes:
    """The PDF handout of the guide at ``path``."""
    return render_handout(
        load_guide(path), BuildOptions(**options), paper=paper, large_print=large_print
    )


def reader(data: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(data))


def page_texts(data: bytes) -> list[str]:
    """The text of each page, as pypdf extracts it."""
    return [page.extract_text() or "" for page in reader(data).pages]


def flat(text: str) -> str:
    return " ".join(text.split())


@dataclass(frozen=True)
class Run:
    """A run of text drawn on a page, with its size in points and its height on the page."""

    text: str
    size: float
    y: float


def text_runs(data: bytes) -> list[list[Run]]:
    """Every run of text on every page, with the font size it is printed at."""
    pages: list[list[Run]] = []
    for page in reader(data).pages:
        runs: list[Run] = []

        def visit(
            text: str, cm: list[float], tm: list[float], font: Any, size: float, runs=runs
        ) -> None:
            if not text.strip():
                return
            scale = math.sqrt(abs(tm[0] * tm[3] - tm[1] * tm[2]))
            scale *= math.sqrt(abs(cm[0] * cm[3] - cm[1] * cm[2]))
            y = tm[5] * cm[3] + cm[5]
            runs.append(Run(text.strip(), round(size * scale, 2), y))

        page.extract_text(visitor_text=visit)
        pages.append(runs)
    return pages


def font_resources(data: bytes) -> list[dict[str, Any]]:
    """Every font resource of every page (and of form XObjects), resolved."""
    fonts: list[dict[str, Any]] = []

    def collect(resources: Any) -> None:
        if not resources:
            return
        resources = resources.get_object()
        for font in (resources.get("/Font") or {}).values():
            fonts.append(font.get_object())
        for xobject in (resources.get("/XObject") or {}).values():
            xobject = xobject.get_object()
            if xobject.get("/Subtype") == "/Form":
                collect(xobject.get("/Resources"))

    for page in reader(data).pages:
        collect(page.get("/Resources"))
    return fonts


def qr_payloads(data: bytes, page: int | None = None) -> list[str]:
    """What a phone reads from every QR code printed on the pages, in page order."""
    import pypdfium2
    import zxingcpp

    document = pypdfium2.PdfDocument(data)
    found: list[str] = []
    try:
        indexes = range(len(document)) if page is None else [page]
        for index in indexes:
            image = document[index].render(scale=200 / 72).to_pil()
            codes = zxingcpp.read_barcodes(image)
            found.extend(code.text for code in sorted(codes, key=lambda c: c.position.top_left.y))
    finally:
        document.close()
    return found


def link_targets(data: bytes) -> list[str]:
    """The addresses of every clickable link, in page order."""
    targets: list[str] = []
    for page in reader(data).pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A")
            if action is not None and action.get("/URI"):
                targets.append(str(action["/URI"]))
    return targets


def ink_extent(data: bytes) -> list[tuple[float, float, float, float]]:
    """For each page: the leftmost, lowest, rightmost and highest point any letter reaches."""
    import pypdfium2

    document = pypdfium2.PdfDocument(data)
    extents: list[tuple[float, float, float, float]] = []
    try:
        for page in document:
            text = page.get_textpage()
            # Spaces have no ink (a tagged line ends with one, past the last letter).
            chars = [
                i for i in range(text.count_chars()) if not text.get_text_range(i, 1).isspace()
            ]
            boxes = [text.get_charbox(i) for i in chars]
            boxes = [box for box in boxes if box[2] > box[0]]
            extents.append(
                (
                    min(box[0] for box in boxes),
                    min(box[1] for box in boxes),
                    max(box[2] for box in boxes),
                    max(box[3] for box in boxes),
                )
            )
    finally:
        document.close()
    return extents


def step_number_gaps(data: bytes) -> dict[str, float]:
    """Each step number a handout prints, with the room the read-back finds between it and
    its title."""
    from generator.verify.layout import _step_number, read_pages

    found: dict[str, float] = {}
    for page in read_pages(data):
        for line in page.lines:
            number = _step_number(line)
            if number is not None:
                found[number[0]] = number[1]
    return found
