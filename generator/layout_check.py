"""Read a printed PDF back and check the promises its page layout makes.

A step, caveat or question that fits on one page is not split over two; no page before the
last is left more than about half empty when what starts the next page would have fitted;
the last page does not hold a few lines that the page before had room for; no footer is cut
short with "…"; no text is smaller than the print size promises (12 pt, or 18 pt in large
print).

The checks work on plain facts read from the PDF (``read_pages``): each page's lines of
text with their size and height, and the extent of its pictures and rules.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from generator.model import Guide

if TYPE_CHECKING:
    from generator.pdftext import PageReading

NEAR_EMPTY = 0.25
"""A last page using less of its text column than this is nearly empty (the stylesheet's
``NEAR_EMPTY``; the check reads no stylesheet, so it keeps its own copy)."""
GAPING = 0.45
"""A page (not the last) emptier than this is a broken promise if the next could have fitted."""
LARGE_PRINT = 18.0
"""The smallest text large print promises, in points."""
REGULAR_PRINT = 12.0
"""The smallest text regular print promises, in points."""
ELLIPSIS = "\u2026"


@dataclass(frozen=True)
class Line:
    """One line of text on a page, read back."""

    text: str
    baseline: float
    """Height of the baseline above the page's bottom edge, in points."""
    size: float
    """The largest type size on the line."""
    smallest: float
    """The smallest type size on the line."""


@dataclass(frozen=True)
class PageFacts:
    """What a page holds: its lines of text top to bottom, and its drawings' extents."""

    height: float
    lines: tuple[Line, ...]
    drawings: tuple[tuple[float, float], ...] = ()
    """Bottom and top of each picture, rule, box or code drawn on the page."""


@dataclass(frozen=True)
class Unit:
    """A part of a guide the layout keeps on one page when it fits."""

    name: str
    """How a person would call it: ``step 2 'Open Settings'``."""
    title: str
    """Its title, as printed at its start."""


@dataclass(frozen=True)
class Broken:
    """A layout promise a page breaks."""

    page: int
    """The page's number as printed."""
    message: str


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFC", text).replace("\u00a0", " ")
    return " ".join(text.split()).casefold()


def _unnumbered(text: str) -> str:
    """A line folded for matching, without the number it may start with: a step's line, or a
    guide's heading on a workshop sheet ("2. Turn on…"), read the same way as the text
    they are matched with."""
    return re.sub(r"^\d+\.?\s+", "", _fold(text))


def read_pages(data: bytes) -> list[PageFacts]:
    """The facts of every page of a PDF, read with PDFium (the read-back's one pass)."""
    from generator.pdf_tags import read_pdf

    return [page_facts(page) for page in read_pdf(data, glyphs=True).readings]


def page_facts(page: PageReading) -> PageFacts:
    """A page's facts: its characters grouped by baseline into lines, top to bottom."""
    rows: dict[float, list[tuple[str, float]]] = {}
    for glyph in page.glyphs:
        if glyph.char in "\r\n":
            continue
        # Characters on one baseline (within half a point) make one line.
        rows.setdefault(round(glyph.y * 2) / 2, []).append((glyph.char, glyph.size))
    lines = []
    for baseline in sorted(rows, reverse=True):
        chars = rows[baseline]
        sizes = [size for char, size in chars if not char.isspace()]
        if not sizes:
            continue
        text = "".join(char for char, _ in chars)
        lines.append(Line(" ".join(text.split()), baseline, max(sizes), min(sizes)))
    return PageFacts(page.height, tuple(lines), page.drawings)


def _footer_start(page: PageFacts, number: int, total: int) -> int:
    """Index of the footer's first line: the lowest holding the page number and count."""
    pattern = re.compile(rf"(?<!\d){number}(?!\d).*(?<!\d){total}(?!\d)")
    for index in range(len(page.lines) - 1, -1, -1):
        if pattern.search(page.lines[index].text):
            # Footer lines above it follow at the footer's own line spacing.
            while index > 0 and (
                page.lines[index - 1].baseline - page.lines[index].baseline
                <= 1.35 * page.lines[index].size
            ):
                index -= 1
            return index
    return len(page.lines)


@dataclass(frozen=True)
class _Column:
    """Where the text column of a document's pages starts and ends."""

    top: float
    bottom: float

    @property
    def height(self) -> float:
        return max(1.0, self.top - self.bottom)


def _content_bottom(page: PageFacts, body: Sequence[Line], footer_top: float) -> float:
    """The lowest point the page's content (text, pictures, codes) reaches above its footer."""
    lowest = min((line.baseline - 0.25 * line.size for line in body), default=footer_top)
    for bottom, top in page.drawings:
        if bottom > footer_top and top - bottom > 1:
            lowest = min(lowest, bottom)
    return lowest


def layout_problems(
    pages: Sequence[PageFacts],
    units: Sequence[Unit],
    *,
    first: int = 1,
    total: int | None = None,
    smallest: float = REGULAR_PRINT,
    separators: Sequence[str] = (),
) -> list[Broken]:
    """Every layout promise the pages break, each with its printed page number.

    ``first`` and ``total`` are how the pages are numbered in their footers (a guide inside
    a workshop pack is numbered with the pack); ``units`` are the guide's steps, caveats
    and questions in reading order; ``separators`` are the headings and labels between
    them (a line reading one of them belongs to no unit).
    """
    total = total if total is not None else first + len(pages) - 1
    broken: list[Broken] = []
    bodies: list[tuple[Line, ...]] = []
    footer_tops: list[float] = []
    for index, page in enumerate(pages):
        number = first + index
        start = _footer_start(page, number, total)
        body, footer = page.lines[:start], page.lines[start:]
        bodies.append(body)
        footer_tops.append(footer[0].baseline + footer[0].size * 1.6 if footer else 0.0)
        for line in footer:
            if ELLIPSIS in line.text:
                broken.append(Broken(number, f"the footer is cut short: '{line.text}'"))
        tiny = [line for line in page.lines if line.smallest < smallest - 0.05]
        if tiny:
            size = min(line.smallest for line in tiny)
            broken.append(
                Broken(
                    number,
                    f"text at {size:g} pt, smaller than the {smallest:g} pt promised: "
                    f"'{tiny[0].text[:40]}'",
                )
            )
    if len(pages) < 2:
        return broken
    bottoms = [
        _content_bottom(page, body, footer_tops[index])
        for index, (page, body) in enumerate(zip(pages, bodies, strict=True))
    ]
    column = _Column(
        top=max((_top(body[0]) for body in bodies if body), default=0.0), bottom=min(bottoms)
    )
    fills = [(column.top - bottom) / column.height for bottom in bottoms]
    if fills[-1] < NEAR_EMPTY and fills[-1] <= (1 - fills[-2]) * 0.95:
        # A few lines alone on the last page, which the page before had room for.
        broken.append(
            Broken(
                first + len(pages) - 1,
                f"the last page is nearly empty ({fills[-1]:.0%} of it used), and what it "
                f"holds would have fitted on page {first + len(pages) - 2}",
            )
        )
    layout = _Reading(bodies, [_unnumbered(text) for text in separators if text.strip()])
    spans = layout.spans(units)
    broken.extend(_split_units(spans, layout, bottoms, column, units, first))
    broken.extend(_gaping_pages(spans, layout, fills, column, first))
    return sorted(broken, key=lambda item: item.page)


Place = tuple[int, int]
"""A page index and a line index on it."""


def _top(line: Line) -> float:
    return line.baseline + 0.8 * line.size


@dataclass(frozen=True)
class _Reading:
    """The pages' lines in reading order, and which of them belong to no unit."""

    bodies: Sequence[Sequence[Line]]
    separators: Sequence[str]

    def text(self, place: Place) -> str:
        return _unnumbered(self.bodies[place[0]][place[1]].text)

    def places(self, start: Place) -> list[Place]:
        found = [(start[0], line) for line in range(start[1], len(self.bodies[start[0]]))]
        for page in range(start[0] + 1, len(self.bodies)):
            found.extend((page, line) for line in range(len(self.bodies[page])))
        return found

    def is_separator(self, place: Place) -> bool:
        text = self.text(place)
        return any(
            text == sep or (len(text) >= 12 and sep.startswith(text)) for sep in self.separators
        )

    def spans(self, units: Sequence[Unit]) -> list[tuple[Place, Place | None] | None]:
        """Where each unit starts, and where what follows it starts (None: the end)."""
        starts: list[Place | None] = []
        cursor: Place = (0, 0)
        for unit in units:
            title = _fold(unit.title)
            found = None
            for place in self.places(cursor):
                text = self.text(place)
                if text and (
                    text.startswith(title) or (len(text) >= 12 and title.startswith(text))
                ):
                    found = place
                    break
            starts.append(found)
            if found:
                cursor = (found[0], found[1] + 1)
        spans: list[tuple[Place, Place | None] | None] = []
        for index, start in enumerate(starts):
            if start is None:
                spans.append(None)
                continue
            following = next((s for s in starts[index + 1 :] if s is not None), None)
            end = following
            for place in self.places((start[0], start[1] + 1)):
                if end is not None and place >= end:
                    break
                if self.is_separator(place):
                    end = place
                    break
            spans.append((start, end))
        return spans


def _split_units(
    spans: Sequence[tuple[Place, Place | None] | None],
    layout: _Reading,
    bottoms: Sequence[float],
    column: _Column,
    units: Sequence[Unit],
    first: int,
) -> list[Broken]:
    """Units split over two pages although they would have fitted on one."""
    broken: list[Broken] = []
    for index, span in enumerate(spans):
        if span is None:
            continue
        (page, line), end = span
        if end is None:
            continue
        end_page, end_line = end
        if end_page != page + 1:
            continue  # on one page, or longer than a page
        carried = [
            place
            for place in ((end_page, i) for i in range(end_line))
            if not layout.is_separator(place)
        ]
        if not carried:
            continue
        here = _top(layout.bodies[page][line]) - bottoms[page]
        there = column.top - _top(layout.bodies[end_page][end_line])
        if here + there <= column.height * 0.97:
            broken.append(
                Broken(
                    first + page,
                    f"{units[index].name} is split over pages {first + page} and "
                    f"{first + page + 1}, though it would fit on one page",
                )
            )
    return broken


def _gaping_pages(
    spans: Sequence[tuple[Place, Place | None] | None],
    layout: _Reading,
    fills: Sequence[float],
    column: _Column,
    first: int,
) -> list[Broken]:
    """Pages left more than about half empty although what follows would have fitted."""
    broken: list[Broken] = []
    for page in range(len(layout.bodies) - 1):
        empty = 1 - fills[page]
        if empty <= GAPING:
            continue
        opening = next(
            (span for span in spans if span is not None and span[0][0] == page + 1), None
        )
        if opening is None:
            continue  # the next page goes on with something too tall for one page
        start, end = opening
        if any(not layout.is_separator((page + 1, i)) for i in range(start[1])):
            continue  # the next page opens with the rest of a unit split here
        if end is None or end[0] != page + 1:
            continue  # the unit starting there runs on: it could not have fitted
        needed = column.top - _top(layout.bodies[page + 1][end[1]])
        if needed < empty * column.height * 0.9:
            broken.append(
                Broken(
                    first + page,
                    f"the page is {empty:.0%} empty, though what starts page "
                    f"{first + page + 1} would have fitted on it",
                )
            )
    return broken


HEADINGS = (
    "Steps",
    "Do the steps in order. Tick each box when you have done the step.",
    "Things to be aware of",
    "Things to be aware of (continued)",
    "Questions people ask",
    "Where this information comes from",
    "Need help?",
    "What you'll need",
    "Facilitator notes",
)
"""The bundled templates' headings, which stand between units (translated to the guide's
language before use)."""


def handout_units(guide: Guide) -> list[Unit]:
    """A guide's steps, caveats and questions, in the order a handout prints them."""
    units = [Unit(f"step {step.number} '{step.title}'", step.title) for step in guide.steps]
    units.extend(Unit(f"caveat '{item.title}'", item.title) for item in guide.caveats)
    units.extend(Unit(f"question '{item.title}'", item.title) for item in guide.questions)
    return units


def separators(guide: Guide) -> list[str]:
    """The lines of a guide's printouts that belong to none of its units."""
    from generator.i18n import translations_for

    translations = translations_for(guide.lang)
    found = [translations.gettext(heading) for heading in HEADINGS]
    found.extend(section.title for section in guide.sections)
    if guide.source is not None:
        found.append(guide.source.title)
    return found


def smallest_promised(pages: Sequence[PageFacts]) -> float:
    """The smallest type the pages promise: 18 pt if they are in large print, else 12 pt."""
    sizes = sorted(line.size for page in pages for line in page.lines)
    if not sizes:
        return REGULAR_PRINT
    # Large print sets its body text at 18 pt; regular print at 13.
    return LARGE_PRINT if sizes[len(sizes) // 2] >= LARGE_PRINT - 0.5 else REGULAR_PRINT


def handout_problems(
    guide: Guide,
    pages: Sequence[PageFacts],
    *,
    first: int = 1,
    total: int | None = None,
    smallest: float | None = None,
) -> list[Broken]:
    """The layout promises a guide's printed pages break."""
    return layout_problems(
        pages,
        handout_units(guide),
        first=first,
        total=total,
        smallest=smallest if smallest is not None else smallest_promised(pages),
        separators=separators(guide),
    )
