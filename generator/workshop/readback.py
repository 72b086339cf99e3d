"""Read the workshop files back before they are published.

Every guide in the attendee pack must have all its steps in order and all its caveats; a
booklet or two-up sheet must hold each page where folding or cutting needs it; facilitator
notes must be on the facilitator sheet and nowhere in the attendee pack.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path

from pypdf import PageObject, PdfReader

from generator.model import Block, Guide, ListBlock, Paragraph, plain_text
from generator.verify import Finding, check_complete, normalise
from generator.workshop.plan import Part, Side

NOTE_WORDS = 6
"""A facilitator note this long or longer cannot turn up in a handout by chance."""
SPLIT_PART = 20
"""The fewest characters (spaces left out) of a paragraph that a page break leaves behind."""


def squash(text: str) -> str:
    """Text with no spaces at all: line breaks fall in different places in different files."""
    return "".join(normalise(text).split())


def _page_text(page: PageObject, halves: int) -> list[str]:
    """The text of a page in ``halves`` equal vertical strips, each in the order it was drawn."""
    strip = float(page.mediabox.width) / halves
    found: list[list[str]] = [[] for _ in range(halves)]

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        found[min(halves - 1, max(0, int(x // strip)))].append(text)

    page.extract_text(visitor_text=visit)
    return ["".join(parts) for parts in found]


def page_texts(data: bytes) -> list[str]:
    """The text of each page of a PDF, in page order."""
    return [_page_text(page, 1)[0] for page in PdfReader(io.BytesIO(data)).pages]


def imposed_page_texts(data: bytes, sides: Sequence[Side]) -> tuple[list[str], list[str]]:
    """The text of each pack page as found on its half-sheet, and where halves disagree.

    A page printed twice (two-up) must read the same on both halves.
    """
    halves = [_page_text(page, 2) for page in PdfReader(io.BytesIO(data)).pages]
    count = max((page for side in sides for page in side if page is not None), default=0)
    texts: list[str | None] = [None] * count
    problems: list[str] = []
    if len(halves) != len(sides):
        problems.append(f"it has {len(halves)} sheet sides, not {len(sides)}")
    for index, ((left, right), side) in enumerate(zip(halves, sides, strict=False), start=1):
        for text, number in ((left, side[0]), (right, side[1])):
            if number is None:
                if text.strip():
                    problems.append(f"sheet side {index} has text where a blank half belongs")
                continue
            known = texts[number - 1]
            if known is not None and squash(known) != squash(text):
                problems.append(f"page {number} differs between its two copies")
            texts[number - 1] = text
    return [text or "" for text in texts], problems


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
) -> list[Finding]:
    """Findings for an attendee pack: ``data`` as written, ``reading_order`` as typeset."""
    expected = page_texts(reading_order)
    findings: list[Finding] = []
    if sides is None:
        texts = page_texts(data)
    else:
        texts, problems = imposed_page_texts(data, sides)
        findings.extend(Finding(path, problem) for problem in problems)
        for number, (found, wanted) in enumerate(zip(texts, expected, strict=False), start=1):
            if squash(found) != squash(wanted):
                findings.append(Finding(path, f"page {number} is not where the layout needs it"))
    if len(texts) != len(expected):
        findings.append(Finding(path, f"it has {len(texts)} pages, not {len(expected)}"))
    for part in parts:
        if part.guide is None:
            continue
        guide = guides[part.guide]
        where = f"guide {part.guide + 1} (pages {part.first} to {part.last})"
        text = "\n".join(texts[part.first - 1 : part.last])
        for finding in check_complete(guide, text, path):
            findings.append(Finding(path, f"{where}: {finding.message}"))
    for guide in guides:
        for note in note_texts(guide, shortest=NOTE_WORDS):
            if printed_in(note, texts):
                findings.append(
                    Finding(
                        path,
                        f"the facilitator notes of {guide.path} are printed in the attendee "
                        "pack; they belong on the facilitator sheet only",
                    )
                )
                break
    return findings


def check_facilitator(data: bytes, guides: Sequence[Guide], path: Path) -> list[Finding]:
    """Findings for a facilitator sheet: every guide's steps in order, caveats and notes."""
    pages = page_texts(data)
    text = "\n".join(pages)
    findings: list[Finding] = []
    for number, guide in enumerate(guides, start=1):
        for finding in check_complete(guide, text, path):
            findings.append(Finding(path, f"guide {number}: {finding.message}"))
        if not all(printed_in(note, pages) for note in note_texts(guide)):
            findings.append(Finding(path, f"guide {number}: its facilitator notes are missing"))
    return findings


def check_progress(data: bytes, guides: Sequence[Guide], path: Path) -> list[Finding]:
    """Findings for a progress sheet: every guide is named on it."""
    whole = squash("\n".join(page_texts(data)))
    return [
        Finding(path, f"guide {number} '{guide.title}' is not named on it")
        for number, guide in enumerate(guides, start=1)
        if squash(guide.title) not in whole
    ]
