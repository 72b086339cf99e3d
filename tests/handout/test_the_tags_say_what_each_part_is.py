"""What a screen reader is told about each part of a handout and a pack: numbered or bulleted
lists, where a figure is, where a link goes, which parts are sections, what the tick boxes
are for, and that a page for notes holds nothing to read."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pikepdf
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
from helpers.guides import DATA
from helpers.handouts import handout
from helpers.workshop import make_workshop

from generator.verify.pdf import read_pdf

RICH = DATA / "rich.md"


def walk(node: Any) -> Iterator[Any]:
    """Every structure element at or below ``node``, in reading order."""
    yield node
    kids = node.get("/K")
    for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            yield from walk(kid)


def attributes(element: Any) -> dict[str, dict[str, Any]]:
    """An element's attributes by owner: ``{"List": {"/ListNumbering": "/Decimal"}}``."""
    found = element.get("/A")
    owned = list(found) if isinstance(found, pikepdf.Array) else [found] if found else []
    return {str(a.O)[1:]: {str(k): v for k, v in a.items() if k != "/O"} for a in owned}


@pytest.fixture(scope="module")
def rich() -> bytes:
    return handout(RICH)


def test_a_list_says_whether_it_is_numbered_or_bulleted(rich: bytes) -> None:
    with pikepdf.open(io.BytesIO(rich)) as pdf:
        numbering = [
            str(attributes(element)["List"]["/ListNumbering"])
            for element in walk(pdf.Root.StructTreeRoot.K)
            if element.S == "/L"
        ]
    # "What you'll need" is bulleted; step 2's list of places to look is numbered.
    assert numbering == ["/Disc", "/Decimal"]


def test_the_facilitator_sheets_steps_to_tick_are_a_numbered_list(tmp_path: Path) -> None:
    data = (make_workshop(tmp_path) / "facilitator-sheet.pdf").read_bytes()
    with pikepdf.open(io.BytesIO(data)) as pdf:
        lists = [e for e in walk(pdf.Root.StructTreeRoot.K) if e.S == "/L"]
        numbering = [str(attributes(e)["List"]["/ListNumbering"]) for e in lists]
    # What to bring, then each of the three guides' steps.
    assert numbering == ["/Disc", "/Decimal", "/Decimal", "/Decimal"]


def test_a_figure_says_where_it_is_on_its_page(rich: bytes) -> None:
    with pikepdf.open(io.BytesIO(rich)) as pdf:
        figures = [e for e in walk(pdf.Root.StructTreeRoot.K) if e.S == "/Figure"]
        assert len(figures) == 1
        left, bottom, right, top = (float(v) for v in attributes(figures[0])["Layout"]["/BBox"])
        index = next(i for i, p in enumerate(pdf.pages) if p.objgen == figures[0].Pg.objgen)
    # The box holds the picture where PDFium finds it drawn, inside the page's margins.
    document = pdfium.PdfDocument(rich)
    images = list(document[index].get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE]))
    assert len(images) == 1
    drawn_left, drawn_bottom, drawn_right, drawn_top = images[0].get_bounds()
    assert left <= drawn_left + 0.5 and drawn_right - 0.5 <= right
    assert bottom <= drawn_bottom + 0.5 and drawn_top - 0.5 <= top
    # The caption under the picture is part of the figure; the box goes no further.
    assert top - drawn_top < 1 and 0 < drawn_bottom - bottom < 60
    width, height = (float(v) for v in document[index].get_size())
    assert 34 < left < right < width - 34 and 34 < bottom < top < height - 34
    with pikepdf.open(io.BytesIO(rich)) as pdf:
        figures = [e for e in walk(pdf.Root.StructTreeRoot.K) if e.S == "/Figure"]
        assert figures[0].Alt == "The Settings screen with Privacy Centre framed"


def test_a_links_description_says_where_it_goes_in_the_guides_language(
    rich: bytes, write_guide: Callable[..., Path]
) -> None:
    polish = write_guide(
        """\
        ---
        title: Sprawdź, kto widzi twoje posty
        summary: Kilka kroków w ustawieniach pokazuje, kto widzi to, co udostępniasz.
        lang: pl
        checked: 2026-11-20
        ---

        ## Kroki {#steps}

        ### Otwórz pomoc
        Przeczytaj [stronę pomocy](https://www.facebook.com/help/audience) albo napisz do
        [biblioteki](mailto:pomoc@biblioteka.example).
        """,
        "posts.pl.md",
    )
    for data, expected in (
        (rich, {"Link to facebook.com", "Email to help@library.example"}),
        (handout(polish), {"Link do facebook.com", "E-mail do pomoc@biblioteka.example"}),
    ):
        with pikepdf.open(io.BytesIO(data)) as pdf:
            said = {str(a.Contents) for page in pdf.pages for a in page.get("/Annots", [])}
        assert said == expected


def test_each_part_under_a_heading_is_a_section(rich: bytes) -> None:
    with pikepdf.open(io.BytesIO(rich)) as pdf:
        document = pdf.Root.StructTreeRoot.K
        kids = list(document.K)
        sections = [kid for kid in kids if kid.S == "/Sect"]
        # Before you start, what you'll need, steps, caveats, questions, and the two last.
        assert len(sections) == 7
        assert all(next(iter(section.K)).S == "/H2" for section in sections)
        assert not any(kid.S == "/H2" for kid in kids)


def test_the_tick_boxes_are_explained_to_a_listener_in_words(rich: bytes) -> None:
    with pikepdf.open(io.BytesIO(rich)) as pdf:
        said = [str(e.ActualText) for e in walk(pdf.Root.StructTreeRoot.K) if "/ActualText" in e]
    assert said == [
        "Do the steps in order. On the printed page, tick the box beside each step when you "
        "have done it."
    ]


def test_a_page_for_notes_is_not_announced_as_a_heading(tmp_path: Path) -> None:
    data = (make_workshop(tmp_path) / "attendee-pack.pdf").read_bytes()
    reading = read_pdf(data)
    assert reading.elements is not None
    notes = [number for number, text in enumerate(reading.pages, 1) if text.startswith("Notes")]
    assert notes  # the pack has pages for notes
    # They hold only lines to write on: nothing is read out, and they add no part.
    assert [e for e in reading.elements if e.text.strip() == "Notes"] == []
    assert [e.role for e in reading.elements if e.depth == 1] == ["Part"] * 4
