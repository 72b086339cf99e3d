"""Read the workshop files back before they are published.

Every guide in the attendee pack must have all its steps in order and all its caveats; a
booklet or two-up sheet must hold each page where folding or cutting needs it; facilitator
notes must be on the facilitator sheet and nowhere in the attendee pack.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, cast

from pypdf import PageObject, PdfReader
from pypdf.generic import DictionaryObject, EncodedStreamObject, StreamObject

from generator.i18n import ui_ngettext as ngettext
from generator.model import Block, Guide, ListBlock, Paragraph, plain_text
from generator.problems import Problem, Severity
from generator.typography import squash
from generator.verify.cache import ReadCache
from generator.verify.outputs import check_complete, check_tags
from generator.verify.pdf import joined_parts
from generator.verify.pdftext import page_texts
from generator.workshop.pdfs import printed_drawing
from generator.workshop.plan import Part, Side

if TYPE_CHECKING:
    from generator.verify.pdf import Element, PdfReading

NOTE_WORDS = 6
"""A facilitator note this long or longer cannot turn up in a handout by chance."""
SPLIT_PART = 20
"""The fewest characters (spaces left out) of a paragraph that a page break leaves behind."""


@dataclass(frozen=True)
class Placed:
    """A page drawn on one half of a sheet side."""

    half: int
    """0 for the left half, 1 for the right."""
    text: str
    """The text of the page."""
    drawing: bytes
    """The page's drawing instructions, to compare with the page it should be."""


def _forms_on(page: PageObject) -> list[tuple[float, StreamObject]]:
    """The form XObjects drawn on a page, each with the x of the point it is drawn from."""
    forms: list[tuple[float, StreamObject]] = []
    contents = page.get_contents()
    if contents is None:
        return forms
    xobjects = page.get("/Resources", DictionaryObject()).get_object().get("/XObject", {})
    x = 0.0
    saved: list[float] = []
    for operands, operator in contents.operations:
        if operator == b"q":
            saved.append(x)
        elif operator == b"Q" and saved:
            x = saved.pop()
        elif operator == b"cm":
            x += float(operands[4])
        elif operator == b"Do":
            form = xobjects[operands[0]].get_object()
            if isinstance(form, StreamObject) and form.get("/Subtype") == "/Form":
                forms.append((x, form))
    return forms


def placed_pages(data: bytes) -> list[list[Placed]]:
    """For each sheet side of an imposed PDF, the pages drawn on it and on which half.

    A page placed several times is read once.
    """
    reader = PdfReader(io.BytesIO(data))
    known: dict[int, tuple[str, bytes]] = {}
    found: list[list[Placed]] = []
    for page in reader.pages:
        middle = float(page.mediabox.width) / 2
        side: list[Placed] = []
        for x, form in _forms_on(page):
            key = id(form) if form.indirect_reference is None else form.indirect_reference.idnum
            if key not in known:
                text = page.extract_xform_text(cast(EncodedStreamObject, form))
                known[key] = (text, form.get_data())
            text, drawing = known[key]
            side.append(Placed(0 if x < middle else 1, text, drawing))
        found.append(side)
    return found


def imposed_page_texts(
    data: bytes, reading_order: bytes, sides: Sequence[Side]
) -> tuple[list[str], list[str]]:
    """The text of each pack page as found on its half-sheet, and what is out of place.

    Each half must show exactly the page of the reading-order pack that the layout puts there.
    """
    expected = [printed_drawing(page) for page in PdfReader(io.BytesIO(reading_order)).pages]
    # Shaped text (Arabic, Hindi…) is read from its /ActualText, which pypdf does not read
    # (each shaped word's is a marked sequence of its own, which a sheet keeps): a half
    # holding exactly a page's drawing holds that page's text, read with PDFium.
    shaped = [b"/ActualText" in drawing for drawing in expected]
    read = page_texts(reading_order) if any(shaped) else []
    placed = placed_pages(data)
    texts = [""] * len(expected)
    problems: list[str] = []
    if len(placed) != len(sides):
        problems.append(f"it has {len(placed)} sheet sides, not {len(sides)}")
    for index, (drawn, side) in enumerate(zip(placed, sides, strict=False), start=1):
        halves = {page.half: page for page in drawn}
        if len(halves) != len(drawn):
            problems.append(f"sheet side {index} has two pages on one half")
        for half, number in enumerate(side):
            page = halves.get(half)
            where = f"the {('left', 'right')[half]} half of sheet side {index}"
            if number is None:
                if page is not None:
                    problems.append(f"{where} should be blank")
            elif page is None or page.drawing != expected[number - 1]:
                problems.append(f"page {number} is not on {where}, where the layout needs it")
            else:
                texts[number - 1] = read[number - 1] if shaped[number - 1] else page.text
    return texts, problems


def _longest_prefix_in(text: str, page: str) -> int:
    """How many leading characters of ``text`` appear together somewhere on ``page``."""
    low, high = 0, len(text)
    while low < high:
        middle = (low + high + 1) // 2
        if text[:middle] in page:
            low = middle
        else:
            high = middle - 1
    return low


def printed_in(text: str, pages: Sequence[str]) -> bool:
    """True if ``text`` is printed on one page, or runs on over the following pages.

    A paragraph broken by a page break has the footer and the next page's start between its
    two parts, so each part is looked for on its own page. A page break leaves at least two
    lines on each side, so a part shorter than ``SPLIT_PART`` is a chance match, not a part.
    """
    wanted = squash(text)
    squashed = [squash(page) for page in pages]
    for start in range(len(squashed)):
        rest = wanted
        for page in squashed[start:]:
            found = _longest_prefix_in(rest, page)
            if found == len(rest):
                return True
            if found < SPLIT_PART:
                break
            rest = rest[found:]
    return False


def note_texts(guide: Guide, shortest: int = 1) -> list[str]:
    """The paragraphs of a guide's facilitator notes with at least ``shortest`` words."""
    found: list[str] = []

    def walk(blocks: tuple[Block, ...]) -> None:
        for block in blocks:
            match block:
                case Paragraph(children):
                    text = plain_text(children)
                    if len(text.split()) >= shortest:
                        found.append(text)
                case ListBlock(items=items):
                    for item in items:
                        walk(item)

    walk(guide.facilitator)
    return found


def check_pack(
    data: bytes,
    reading_order: bytes,
    parts: Sequence[Part],
    guides: Sequence[Guide],
    sides: Sequence[Side] | None,
    path: Path,
    reads: ReadCache | None = None,
) -> list[Problem]:
    """Findings for an attendee pack: ``data`` as written, ``reading_order`` as typeset."""
    reads = reads or ReadCache()
    findings: list[Problem] = []
    tagged: list[tuple[Element, ...]] | None = None
    if sides is None:
        # One PDFium pass over the pack serves this and its layout check (``glyphs``).
        reading = reads.pdf(data, glyphs=data == reading_order)
        texts = list(reading.pages)
        # Booklet and two-up sheets are for printing only; the single pack is tagged.
        tagged = joined_parts(reading.elements) if reading.elements is not None else []
        pages = len(reads.pdf(reading_order, glyphs=True).pages)
        if len(texts) != pages:
            findings.append(
                Problem(
                    path,
                    None,
                    ngettext(
                        "it has %(count)d page, not %(pages)d",
                        "it has %(count)d pages, not %(pages)d",
                        len(texts),
                    )
                    % {"count": len(texts), "pages": pages},
                )
            )
    else:
        texts, problems = imposed_page_texts(data, reading_order, sides)
        findings.extend(Problem(path, None, problem) for problem in problems)
    for part in parts:
        if part.guide is None:
            continue
        guide = guides[part.guide]
        where = f"guide {part.guide + 1} (pages {part.first} to {part.last})"
        text = "\n".join(texts[part.first - 1 : part.last])
        found = check_complete(guide, text, path)
        if tagged is not None:
            found += check_tags(guide, _tags_of(guide, tagged), path)
        for finding in found:
            findings.append(Problem(path, None, f"{where}: {finding.message}"))
    findings.extend(
        pack_layout_findings(reads.pdf(reading_order, glyphs=True), parts, guides, path)
    )
    if sides is None:
        findings.extend(_heard(reads.pdf(data), guides, path))
    for guide in guides:
        for note in note_texts(guide, shortest=NOTE_WORDS):
            if printed_in(note, texts):
                findings.append(
                    Problem(
                        path,
                        None,
                        f"the facilitator notes of {guide.path} are printed in the attendee "
                        "pack; they belong on the facilitator sheet only",
                    )
                )
                break
    return findings


def _tags_of(guide: Guide, parts: list[tuple[Element, ...]]) -> tuple[Element, ...] | None:
    """The joined part that is a guide's handout: the first titled as the guide, with its
    first step (the cover may carry the same title).

    Parts are not counted: a notes page has nothing to read, so it has no part.
    """
    title = squash(guide.title)
    first = squash(guide.steps[0].title) if guide.steps else ""
    for index, part in enumerate(parts):
        texts = [(element.role, squash(element.text)) for element in part]
        if ("H1", title) in texts and any(first in text for _, text in texts):
            return parts.pop(index)
    return None


def shared_language(guides: Sequence[Guide]) -> str:
    """The language of pages that hold text of every guide (a cover, a facilitator sheet),
    for the read-back's line-end rules: the guides' own if they share one, else none (``und``):
    a Polish rule must not be held against an English guide's lines."""
    from generator.typography import base_language

    languages = {base_language(guide.lang) for guide in guides}
    return guides[0].lang if len(languages) == 1 else "und"


def pack_layout_findings(
    reading_order: PdfReading, parts: Sequence[Part], guides: Sequence[Guide], path: Path
) -> list[Problem]:
    """Warnings for the layout promises each guide's pages in the pack break."""
    from generator.verify.layout import (
        handout_problems,
        page_problems,
        pages_of,
        smallest_promised,
    )

    pages = pages_of(reading_order)
    findings: list[Problem] = []
    lang = shared_language(guides)
    smallest = smallest_promised(pages)
    for part in parts:
        if part.guide is None:
            # The cover and the notes pages: their footers and headings, page by page.
            for broken in page_problems(
                pages[part.first - 1 : part.last],
                first=part.first,
                total=len(pages),
                smallest=smallest,
                lang=lang,
            ):
                findings.append(
                    Problem(path, None, f"page {broken.page}: {broken.message}", Severity.WARNING)
                )
            continue
        guide = guides[part.guide]
        for broken in handout_problems(
            guide, pages[part.first - 1 : part.last], first=part.first, total=len(pages)
        ):
            message = f"guide {part.guide + 1}, page {broken.page}: {broken.message}"
            findings.append(Problem(path, None, message, Severity.WARNING))
    return findings


def facilitator_layout_findings(
    reading: PdfReading, guides: Sequence[Guide], path: Path
) -> list[Problem]:
    """Warnings for the layout promises a facilitator sheet breaks."""
    from generator.i18n import translations_for
    from generator.verify.layout import (
        CONTINUED,
        Unit,
        layout_problems,
        pages_of,
        section_start_problems,
        separators,
        smallest_promised,
    )

    units: list[Unit] = []
    between: list[str] = []
    sections: list[tuple[str, str, str]] = []
    for number, guide in enumerate(guides, start=1):
        between.extend(separators(guide))
        between.append(f"{number}. {guide.title}")
        units.extend(
            Unit(f"guide {number}, caveat '{item.title}'", item.title) for item in guide.caveats
        )
        if guide.steps:
            sections.append((f"guide {number}", f"{number}. {guide.title}", guide.steps[0].title))
    lang = shared_language(guides)
    pages = pages_of(reading)
    found = layout_problems(
        pages,
        units,
        smallest=smallest_promised(pages),
        separators=between,
        lang=lang,
        continued=[translations_for(lang).gettext(CONTINUED)],
    )
    found += section_start_problems(pages, sections)
    return [
        Problem(path, None, f"page {broken.page}: {broken.message}", Severity.WARNING)
        for broken in sorted(found, key=lambda broken: broken.page)
    ]


def _heard(reading: PdfReading, guides: Sequence[Guide], path: Path) -> list[Problem]:
    """Warnings for guide texts read in another language and addresses read back broken."""
    from generator.verify.tags import guides_problems

    return [
        Problem(path, None, message, Severity.WARNING)
        for message in guides_problems(reading, guides)
    ]


def check_facilitator(
    data: bytes, guides: Sequence[Guide], path: Path, reads: ReadCache | None = None
) -> list[Problem]:
    """Findings for a facilitator sheet: every guide's steps in order, caveats and notes."""
    reading = (reads or ReadCache()).pdf(data, glyphs=True)  # one pass: text and layout
    findings: list[Problem] = facilitator_layout_findings(reading, guides, path)
    findings += _heard(reading, guides, path)
    pages = list(reading.pages)
    text = "\n".join(pages)
    for number, guide in enumerate(guides, start=1):
        for finding in check_complete(guide, text, path):
            findings.append(Problem(path, None, f"guide {number}: {finding.message}"))
        if not all(printed_in(note, pages) for note in note_texts(guide)):
            findings.append(
                Problem(path, None, f"guide {number}: its facilitator notes are missing")
            )
    return findings


def check_progress(
    data: bytes, guides: Sequence[Guide], path: Path, reads: ReadCache | None = None
) -> list[Problem]:
    """Findings for a progress sheet: every guide is named on it, in its own language."""
    reading = (reads or ReadCache()).pdf(data)
    whole = squash(reading.text)
    return [
        Problem(path, None, f"guide {number} '{guide.title}' is not named on it")
        for number, guide in enumerate(guides, start=1)
        if squash(guide.title) not in whole
    ] + _heard(reading, guides, path)
