"""Read a printed PDF back and check the promises its page layout makes.

A step, caveat or question that fits on one page is not split over two; no page before the
last is left more than about half empty when what starts the next page would have fitted;
the last page does not hold a few lines that the page before had room for; no footer is cut
short with "…"; no text is smaller than the print size promises (12 pt, or 18 pt in large
print). A step's number never touches its title; a list of up to six items is not split
over two pages, and no heading ends a page; a box that would fit whole on the next page is
not split there with "(continued)"; no heading's or footer's last line holds one word
alone; no line starts with a dash, and in Polish, Czech and Slovak none ends with a
one-letter word.

The checks work on plain facts read from the PDF (``read_pages``): each page's lines of
text with their size, weight, height and where each character starts, and the extent of
its pictures and rules.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from itertools import pairwise
from typing import TYPE_CHECKING, NamedTuple

from generator.model import Guide
from generator.typography import (
    LANGUAGE_NAMES,
    base_language,
    ends_with_one_letter_word,
    plain_quotes,
    starts_with_dash,
)

if TYPE_CHECKING:
    from generator.verify.pdf import PdfReading
    from generator.verify.pdftext import Glyph, PageReading

NEAR_EMPTY = 0.25
"""A last page using less of its text column than this is nearly empty (the stylesheet's
``NEAR_EMPTY``; the check reads no stylesheet, so it keeps its own copy)."""
GAPING = 0.45
"""A page (not the last) emptier than this is a broken promise if the next could have fitted."""
LARGE_PRINT = 18.0
"""The smallest text large print promises, in points."""
REGULAR_PRINT = 12.0
"""The smallest text regular print promises, in points."""
LARGE_PRINT_TITLE = 30.0
"""A title is 25 pt in regular print and 32 pt in large print (on a handout, a pack's cover
and a sheet alike), and nothing in regular print is larger than 28 pt (a step's number): type
this large is there only in large print."""
ELLIPSIS = "\u2026"
SHORT_LIST = 6
"""A list of at most this many items is never split (the stylesheet's ``SHORT_LIST``)."""
BOX_MOVES = 0.4
"""A box that fits on a page moves to the next rather than split, if that leaves no more
than this share of the page empty (the stylesheet's ``BOX_MOVES``)."""
TOUCHING = 0.5
"""A step number closer to its title than this share of the title's type size touches it."""
ADVANCE = 0.6
"""About how wide a character is, as a share of its size, where nothing follows it."""
DIGIT = 0.7
"""How wide a digit of a step number or a page number is, as a share of its size."""
BULLETS = "\u2022"


class Shape(NamedTuple):
    """One printed character of a line: its size, where it starts, and its face."""

    char: str
    size: float
    x: float
    """Its origin, in points from the page's left edge."""
    bold: bool


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
    shapes: tuple[Shape, ...] = ()
    """Its printed characters (spaces included), in the order they are drawn."""

    @cached_property
    def text_size(self) -> float:
        """The size most of its letters are set in (not a step's big number)."""
        sizes = Counter(shape.size for shape in self.shapes if not shape.char.isspace())
        return sizes.most_common(1)[0][0] if sizes else self.size

    @cached_property
    def bold(self) -> bool:
        """True if most of its letters are bold."""
        letters = [shape.bold for shape in self.shapes if not shape.char.isspace()]
        return bool(letters) and sum(letters) * 2 > len(letters)

    def words(self) -> list[tuple[str, float, float]]:
        """Its words with where each starts and ends; a wide gap (beside a column or the
        right-hand part of a footer) ends a word even without a space."""
        found: list[tuple[str, float, float]] = []
        word: list[Shape] = []

        def close(end: float) -> None:
            if word:
                found.append(("".join(s.char for s in word), word[0].x, end))
                word.clear()

        for index, shape in enumerate(self.shapes):
            following = self.shapes[index + 1] if index + 1 < len(self.shapes) else None
            if shape.char.isspace():
                close(shape.x)
                continue
            word.append(shape)
            end = shape.x + ADVANCE * shape.size
            if following is None or following.x > end + shape.size:
                close(end)
        return found


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
    text = plain_quotes(unicodedata.normalize("NFC", text))
    return " ".join(text.split()).casefold()


def read_pages(data: bytes) -> list[PageFacts]:
    """The facts of every page of a PDF, read with PDFium."""
    from generator.verify.pdf import read_pdf

    return pages_of(read_pdf(data, glyphs=True))


def pages_of(reading: PdfReading) -> list[PageFacts]:
    """The facts of every page of a PDF read back with its characters (``glyphs``)."""
    return [page_facts(page) for page in reading.readings]


def page_facts(page: PageReading) -> PageFacts:
    """A page's facts: its characters grouped by baseline into lines, top to bottom.

    A right-to-left line is measured from the page's right-hand edge (mirrored), so every
    check reads it as it reads a line that starts at the left.
    """
    rows: dict[float, list[Glyph]] = {}
    for glyph in page.glyphs:
        if glyph.char in "\r\n":
            continue
        # Characters on one baseline (within half a point) make one line.
        rows.setdefault(round(glyph.y * 2) / 2, []).append(glyph)
    lines = []
    for baseline in sorted(rows, reverse=True):
        chars = rows[baseline]
        sizes = [glyph.size for glyph in chars if not glyph.char.isspace()]
        if not sizes:
            continue
        text = "".join(glyph.char for glyph in chars)
        mirrored = _runs_leftwards(chars)
        shapes = tuple(
            Shape(
                glyph.char,
                glyph.size,
                page.width - glyph.x - (glyph.width or ADVANCE * glyph.size)
                if mirrored
                else glyph.x,
                glyph.bold,
            )
            for glyph in chars
            if not glyph.generated
        )
        lines.append(Line(" ".join(text.split()), baseline, max(sizes), min(sizes), shapes))
    return PageFacts(page.height, tuple(lines), page.drawings)


def _runs_leftwards(chars: Sequence[Glyph]) -> bool:
    """True for a line of right-to-left text: it holds a right-to-left letter, and its
    first character in reading order stands right of its last."""
    printed = [glyph for glyph in chars if not glyph.char.isspace()]
    return (
        any(unicodedata.bidirectional(glyph.char) in ("R", "AL") for glyph in printed)
        and printed[0].x > printed[-1].x
    )


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


def page_problems(
    pages: Sequence[PageFacts],
    *,
    first: int = 1,
    total: int | None = None,
    smallest: float = REGULAR_PRINT,
    lang: str = "en",
) -> list[Broken]:
    """The promises each page keeps on its own: footers whole and with no word alone, type
    of the promised size, step numbers apart from their titles, headings with no word alone
    on their last line, and the line-end rules of ``lang``."""
    total = total if total is not None else first + len(pages) - 1
    broken: list[Broken] = []
    body_size = _body_size(pages)
    right_edge = max(
        (
            s.x + ADVANCE * s.size
            for page in pages
            for line in page.lines
            for s in line.shapes
            if not s.char.isspace()
        ),
        default=0.0,
    )
    for index, page in enumerate(pages):
        number = first + index
        start = _footer_start(page, number, total)
        body, footer = page.lines[:start], page.lines[start:]
        broken.extend(Broken(number, message) for message in _line_problems(body, body_size, lang))
        broken.extend(
            Broken(number, message) for message in _footer_words(footer, right_edge, number, total)
        )
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
    return broken


def layout_problems(
    pages: Sequence[PageFacts],
    units: Sequence[Unit],
    *,
    first: int = 1,
    total: int | None = None,
    smallest: float = REGULAR_PRINT,
    separators: Sequence[str] = (),
    lang: str = "en",
    continued: Sequence[str] = (),
) -> list[Broken]:
    """Every layout promise the pages break, each with its printed page number.

    ``first`` and ``total`` are how the pages are numbered in their footers (a guide inside
    a workshop pack is numbered with the pack); ``units`` are the guide's steps, caveats
    and questions in reading order; ``separators`` are the headings and labels between
    them (a line reading one of them belongs to no unit); ``lang`` is the language of the
    text, for its line-end rules; ``continued`` the lines that open a box again on a new
    page.
    """
    total = total if total is not None else first + len(pages) - 1
    broken = page_problems(pages, first=first, total=total, smallest=smallest, lang=lang)
    bodies: list[tuple[Line, ...]] = []
    footer_tops: list[float] = []
    body_size = _body_size(pages)
    for index, page in enumerate(pages):
        start = _footer_start(page, first + index, total)
        body, footer = page.lines[:start], page.lines[start:]
        bodies.append(body)
        footer_tops.append(footer[0].baseline + footer[0].size * 1.6 if footer else 0.0)
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
    layout = _Reading(bodies, [_fold(text) for text in separators if text.strip()])
    spans = layout.spans(units)
    broken.extend(_split_units(spans, layout, bottoms, column, units, first))
    broken.extend(_gaping_pages(spans, layout, fills, column, first))
    broken.extend(_page_ends(bodies, body_size, first))
    broken.extend(_split_boxes(pages, bodies, bottoms, footer_tops, column, continued, first))
    return sorted(broken, key=lambda item: item.page)


Place = tuple[int, int]
"""A page index and a line index on it."""


def _body_size(pages: Sequence[PageFacts]) -> float:
    """The size most lines of the pages are set in: their body text."""
    sizes = Counter(line.text_size for page in pages for line in page.lines)
    return sizes.most_common(1)[0][0] if sizes else REGULAR_PRINT


def _is_heading(line: Line, body_size: float) -> bool:
    """A line of a heading: bold, and larger than the body text."""
    return line.bold and line.text_size > body_size * 1.05


def _step_number(line: Line) -> tuple[str, float] | None:
    """A step's big number opening a line, and the room between it and the title after it."""
    shapes = line.shapes
    count = 0
    while count < len(shapes) and shapes[count].char.isdigit():
        count += 1
    title = next((shape for shape in shapes[count:] if not shape.char.isspace()), None)
    if not count or title is None or shapes[0].size < 1.4 * title.size:
        return None
    last = shapes[count - 1]
    # The number's own end: where the space drawn after it starts, or about a digit on (on
    # a mirrored line that space stands before the number, at the page's edge).
    space = shapes[count].char.isspace() and shapes[count].x > last.x
    end = shapes[count].x if space else last.x + DIGIT * last.size
    return "".join(shape.char for shape in shapes[:count]), title.x - end


def _heading_groups(body: Sequence[Line], body_size: float) -> list[list[Line]]:
    """The lines of each heading on a page, heading by heading."""
    groups: list[list[Line]] = []
    for line in body:
        if not _is_heading(line, body_size):
            continue
        if groups:
            before = groups[-1][-1]
            size = line.text_size
            same = before.text_size == size and before.baseline - line.baseline <= 1.45 * size
            if same and body.index(before) == body.index(line) - 1:
                groups[-1].append(line)
                continue
        groups.append([line])
    return groups


def _parts(line: Line) -> list[str]:
    """A line's runs of words, split where a wide gap stands between them (table columns,
    a footer's two sides, a step's number and its title)."""
    parts: list[list[str]] = []
    end = None
    for word, start, stop in line.words():
        if end is None or start - end > 1.5 * line.text_size:
            parts.append([])
        parts[-1].append(word)
        end = stop
    return [" ".join(part) for part in parts]


def _line_problems(body: Sequence[Line], body_size: float, lang: str) -> list[str]:
    """Numbers touching titles, lone words ending headings, and line-end rules broken."""
    problems: list[str] = []
    for index, line in enumerate(body):
        number = _step_number(line)
        if number is not None and number[1] < TOUCHING * line.text_size:
            title = " ".join(line.text.split()[1:4])
            problems.append(
                f"the step number {number[0]} touches its title ({number[1]:.1f} pt apart): "
                f"'{number[0]}{title}…'"
            )
        for part in _parts(line):
            word = ends_with_one_letter_word(part, lang)
            if word is not None:
                name = LANGUAGE_NAMES.get(base_language(lang), lang)
                problems.append(
                    f"a one-letter word ends a line: '…{part[-30:]}' (in {name} it goes to "
                    "the next line with the word after it)"
                )
        before = body[index - 1] if index else None
        if (
            before is not None
            and starts_with_dash(line.text)
            and before.baseline - line.baseline <= 1.6 * line.text_size
        ):
            problems.append(f"a line starts with a dash: '{line.text[:40]}'")
    for group in _heading_groups(body, body_size):
        if len(group) > 1 and _lone_word_avoidable(group[-2], group[-1]):
            heading = " ".join(line.text for line in group)
            problems.append(
                f"the heading '{heading[:50]}' leaves one word alone on its last line "
                f"('{group[-1].text}')"
            )
    return problems


def _lone_word_avoidable(before: Line, last: Line) -> bool:
    """True if ``last`` holds one word that could have shared it with the last word of the
    line before: the rest of that line is at least as wide as the lone word, so the column
    has room for both."""
    alone = last.words()
    words = before.words()
    if _step_number(before) is not None:
        words = words[1:]  # a step's big number stands in a column of its own
    if len(alone) != 1 or len(words) < 2:
        return False
    _, start, end = alone[0]
    return end - start <= words[-2][2] - words[0][1]


PAGE_DIGITS = 6
"""The digits a footer keeps room for beside its left text: "Page 888 of 888"."""


def _footer_words(footer: Sequence[Line], right_edge: float, number: int, total: int) -> list[str]:
    """A footer line holding one word that the line before it had no room for: a title
    wrapped with its last word alone."""
    problems: list[str] = []
    for before, line in pairwise(footer):
        words = line.words()
        previous = before.words()
        if len(words) != 1 or not previous:
            continue
        size = line.size
        room = right_edge
        left = [previous[0]]
        for index, word in enumerate(previous[1:], start=1):
            if word[1] - left[-1][2] > 1.5 * size:
                # The right-hand side of the line: the left text ends two spaces before it,
                # and before the room page numbers of three digits would take.
                right = " ".join(w[0] for w in previous[index:])
                room = word[1] - 2 * size
                if str(number) in right and str(total) in right:
                    printed = len(str(number)) + len(str(total))
                    room -= (PAGE_DIGITS - printed) * DIGIT * size
                break
            left.append(word)
        alone, start, end = words[0]
        # A wrapped line's lone word, which the last word of the line before could have
        # joined on a line of the footer's full width.
        wrapped = left[-1][2] + 0.3 * size + (end - start) > room + 0.5
        joinable = len(left) > 1 and end + (left[-1][2] - left[-1][1]) + 0.3 * size <= right_edge
        if wrapped and joinable:
            problems.append(
                f"the footer leaves one word alone on a line: "
                f"'{' '.join(w[0] for w in left)} / {alone}'"
            )
    return problems


def _bullet(line: Line, body_size: float) -> tuple[float, float, str] | None:
    """Where a list item's bullet (or number) and its text start, and the bullet."""
    shapes = [shape for shape in line.shapes if not shape.char.isspace()]
    if len(shapes) < 2 or abs(shapes[0].size - body_size) > 0.5:
        return None
    count = 1
    if shapes[0].char not in BULLETS:
        while count < len(shapes) and shapes[count].char.isdigit():
            count += 1
        if not shapes[0].char.isdigit() or count >= len(shapes) or shapes[count].char not in ".)":
            return None
        count += 1
    if count >= len(shapes):
        return None
    mark = "".join(shape.char for shape in shapes[:count])
    return shapes[0].x, shapes[count].x, mark


def _list_items(lines: Sequence[Line], body_size: float, anchor: Line) -> int:
    """How many items of the list that ``anchor``'s item belongs to ``lines`` hold, counted
    from their start (``lines`` in reading order, starting with the anchor's item)."""
    found = _bullet(anchor, body_size)
    assert found is not None
    bullet_x, text_x, _ = found
    items = 0
    for line in lines:
        mark = _bullet(line, body_size)
        if mark is not None and abs(mark[0] - bullet_x) <= 1:
            items += 1
        elif not line.shapes or line.shapes[0].x < text_x - 1:
            break
    return items


def _page_ends(bodies: Sequence[Sequence[Line]], body_size: float, first: int) -> list[Broken]:
    """Short lists split over two pages, and headings that end a page."""
    broken: list[Broken] = []
    for index in range(len(bodies) - 1):
        body, following = bodies[index], bodies[index + 1]
        if not body or not following:
            continue
        headings = _heading_groups(body, body_size)
        last = headings[-1] if headings else []
        if last and last[-1] is body[-1] and _step_number(last[0]) is None:
            # (A step's title with no text under it is a line of a checklist, not a heading.)
            heading = " ".join(line.text for line in last)
            broken.append(
                Broken(
                    first + index,
                    f"the heading '{heading[:50]}' ends the page, apart from what it "
                    f"introduces on page {first + index + 1}",
                )
            )
        opening = _bullet(following[0], body_size)
        if opening is None:
            continue
        # The item the page ends in: the last bullet with nothing left of its text after it.
        start = None
        for position in range(len(body) - 1, -1, -1):
            mark = _bullet(body[position], body_size)
            if mark is not None:
                start = position
                break
            if not body[position].shapes:
                break
        if start is None:
            continue
        mark = _bullet(body[start], body_size)
        assert mark is not None
        if abs(mark[0] - opening[0]) > 1 or any(
            line.shapes[0].x < mark[1] - 1 for line in body[start + 1 :]
        ):
            continue
        if opening[2].rstrip(".)").isdigit() != mark[2].rstrip(".)").isdigit():
            continue
        # Walk back to the list's first item on this page.
        head = start
        for position in range(start - 1, -1, -1):
            line = body[position]
            earlier = _bullet(line, body_size)
            if earlier is not None and abs(earlier[0] - mark[0]) <= 1:
                head = position
            elif line.shapes and line.shapes[0].x >= mark[1] - 1:
                continue
            else:
                break
        here = _list_items(body[head:], body_size, body[head])
        there = _list_items(following, body_size, following[0])
        if here + there <= SHORT_LIST:
            broken.append(
                Broken(
                    first + index,
                    f"a list of {here + there} items is split over pages {first + index} "
                    f"and {first + index + 1} ({here} and {there})",
                )
            )
    return broken


def _split_boxes(
    pages: Sequence[PageFacts],
    bodies: Sequence[Sequence[Line]],
    bottoms: Sequence[float],
    floors: Sequence[float],
    column: _Column,
    continued: Sequence[str],
    first: int,
) -> list[Broken]:
    """A box split with "(continued)" though it would have fitted whole on the next page,
    leaving no more of this page empty than a page may be left for a box.

    ``floors`` are the tops of the pages' footers: the lowest a page's text may reach.
    """
    labels = {_fold(text) for text in continued if text.strip()}
    broken: list[Broken] = []
    for index in range(len(bodies) - 1):
        following = bodies[index + 1]
        if not following or _fold(following[0].text) not in labels:
            continue
        top_line = _top(following[0])
        rest = [b for b, t in pages[index + 1].drawings if t >= top_line and t - b > 20]
        part = [t for b, t in pages[index].drawings if b <= bottoms[index] + 3 and t - b > 20]
        if not rest or not part:
            continue
        here = max(part) - bottoms[index]
        floor, height = floors[index], max(1.0, column.top - floors[index])
        empty = (max(part) - floor) / height
        # The part on this page would have fitted in the room the next page leaves: moving
        # the box whole would have pushed nothing on to another page.
        fits = column.top - bottoms[index + 1] + here <= height * 0.97
        # A little leeway: the layout measures its frame, this the text it finds.
        if fits and empty <= BOX_MOVES - 0.05:
            broken.append(
                Broken(
                    first + index,
                    f"a box is split over pages {first + index} and {first + index + 1} "
                    f"('{following[0].text}'), though it would fit whole on page "
                    f"{first + index + 1} and leave this page {empty:.0%} empty",
                )
            )
    return broken


def section_start_problems(
    pages: Sequence[PageFacts], sections: Sequence[tuple[str, str, str]]
) -> list[Broken]:
    """Sections whose heading stands on one page and whose first step on the next.

    ``sections`` holds, for each, its name, its heading and the title of its first step.
    """
    lines = [(index, line) for index, page in enumerate(pages) for line in page.lines]
    body_size = _body_size(pages)
    broken: list[Broken] = []
    cursor = 0
    for name, heading, first_step in sections:
        wanted, step = _fold(heading), _fold(first_step)
        found = None
        for position in range(cursor, len(lines)):
            line = lines[position][1]
            if not _is_heading(line, body_size):
                continue  # the same words in a list or a table (the agenda) are not its title
            text = _fold(line.text)
            if text and (text.startswith(wanted) or (len(text) >= 12 and wanted.startswith(text))):
                found = position
                break
        if found is None:
            continue
        cursor = found + 1
        for position in range(found + 1, len(lines)):
            text = re.sub(r"^\d+\.?\s+", "", _fold(lines[position][1].text))
            if text and (text.startswith(step) or (len(text) >= 12 and step.startswith(text))):
                page, there = lines[found][0], lines[position][0]
                if there != page:
                    broken.append(
                        Broken(
                            page + 1,
                            f"{name} starts at the foot of the page: its title is here, its "
                            f"steps on page {there + 1}",
                        )
                    )
                break
    return broken


def _top(line: Line) -> float:
    return line.baseline + 0.8 * line.size


@dataclass(frozen=True)
class _Reading:
    """The pages' lines in reading order, and which of them belong to no unit."""

    bodies: Sequence[Sequence[Line]]
    separators: Sequence[str]

    def text(self, place: Place) -> str:
        text = _fold(self.bodies[place[0]][place[1]].text)
        # A step's line starts with its number.
        return re.sub(r"^\d+\.?\s+", "", text)

    def places(self, start: Place) -> list[Place]:
        found = [(start[0], line) for line in range(start[1], len(self.bodies[start[0]]))]
        for page in range(start[0] + 1, len(self.bodies)):
            found.extend((page, line) for line in range(len(self.bodies[page])))
        return found

    def is_separator(self, place: Place) -> bool:
        # A separator may start with a number ("2. Spot a fake text"), unlike a unit's title.
        texts = {self.text(place), _fold(self.bodies[place[0]][place[1]].text)}
        return any(
            text == sep or (len(text) >= 12 and sep.startswith(text))
            for sep in self.separators
            for text in texts
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


CONTINUED = "Things to be aware of (continued)"
"""The line that opens the caveats' box again on a new page (translated before use)."""


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
    """The smallest type the pages promise: 18 pt if they are in large print, else 12 pt.

    The edition is told by its title's size, never by how much text is in which size: a
    regular-print guide of many headings (19 pt) is still regular print, and a large-print
    one whose text was set too small still promises 18 pt.
    """
    largest = max((line.text_size for page in pages for line in page.lines), default=0.0)
    return LARGE_PRINT if largest >= LARGE_PRINT_TITLE else REGULAR_PRINT


def handout_problems(
    guide: Guide,
    pages: Sequence[PageFacts],
    *,
    first: int = 1,
    total: int | None = None,
    smallest: float | None = None,
) -> list[Broken]:
    """The layout promises a guide's printed pages break."""
    from generator.i18n import translations_for

    return layout_problems(
        pages,
        handout_units(guide),
        first=first,
        total=total,
        smallest=smallest if smallest is not None else smallest_promised(pages),
        separators=separators(guide),
        lang=guide.lang,
        continued=[translations_for(guide.lang).gettext(CONTINUED)],
    )
