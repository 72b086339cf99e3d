"""Which characters the handout's fonts can draw, without loading ReportLab.

``guide check`` uses this so that a guide it passes is a guide ``guide build`` can print.
The list lives in ``fonts/coverage.txt`` (code point ranges both bundled DejaVu Sans faces
have a shape for); a test compares it with the fonts themselves, and
``GUIDE_UPDATE_GOLDEN=1 pytest tests/handout/test_the_fonts_character_list_is_their_own.py``
writes it again.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path

from generator.model import (
    Block,
    Code,
    Emphasis,
    Guide,
    Image,
    Inline,
    LineBreak,
    Link,
    ListBlock,
    Paragraph,
    Strong,
    Text,
    all_blocks,
)
from generator.problems import GuideError, Problem
from generator.text import describe

COVERAGE = Path(__file__).resolve().parent.parent / "fonts" / "coverage.txt"
MONO_COVERAGE = COVERAGE.with_name("coverage-mono.txt")
"""What DejaVu Sans Mono, the face of text marked as code, can draw."""


def format_ranges(points: frozenset[int]) -> str:
    """Code points as lines of ``XXXX-YYYY`` ranges, the format of ``coverage.txt``."""
    ordered = sorted(points)
    lines: list[str] = []
    start = previous = ordered[0]
    for point in [*ordered[1:], -1]:
        if point == previous + 1:
            previous = point
            continue
        lines.append(f"{start:04X}-{previous:04X}")
        start = previous = point
    return "\n".join(lines) + "\n"


@lru_cache(maxsize=2)
def drawable(mono: bool = False) -> frozenset[int]:
    """Every code point the bundled fonts (or with ``mono``, the typewriter face) can draw."""
    points: set[int] = set()
    for line in (MONO_COVERAGE if mono else COVERAGE).read_text(encoding="ascii").split():
        first, _, last = line.partition("-")
        points.update(range(int(first, 16), int(last, 16) + 1))
    return frozenset(points)


def undrawable(text: str, mono: bool = False) -> list[str]:
    """The distinct characters of ``text`` the fonts cannot draw, in order of appearance."""
    known = drawable(mono)
    # Each distinct character once: a handout asks this of every line it prints.
    return [
        char
        for char in dict.fromkeys(text)
        if ord(char) not in known and not (char.isspace() or unicodedata.category(char) == "Cc")
    ]


def _inline_text(nodes: tuple[Inline, ...]) -> Iterator[str]:
    for node in nodes:
        match node:
            case Text(text) | Code(text):
                yield text
            case Strong(children) | Emphasis(children):
                yield from _inline_text(children)
            case Link(url, children):
                yield url
                yield from _inline_text(children)
            case LineBreak():
                pass


def _block_text(blocks: Iterable[Block]) -> Iterator[str]:
    for block in blocks:
        match block:
            case Paragraph(children):
                yield from _inline_text(children)
            case ListBlock(items=items):
                for item in items:
                    yield from _block_text(item)
            case Image(alt=alt):
                yield alt


def printed_text(guide: Guide) -> Iterator[str]:
    """Every piece of a guide's text that a handout prints (not the facilitator notes)."""
    yield guide.title
    yield guide.short_title or ""
    yield guide.summary
    yield from guide.applies_to
    if guide.region:
        yield guide.region
    if guide.source:
        yield guide.source.title
        yield guide.source.publisher or ""
        yield guide.source.url or ""
    for item in (*guide.steps, *guide.caveats, *guide.questions):
        yield item.title
    for section in guide.sections:
        yield section.title
    yield from _block_text(all_blocks(guide))


def _inline_code(nodes: tuple[Inline, ...]) -> Iterator[str]:
    for node in nodes:
        match node:
            case Code(text):
                yield text
            case Strong(children) | Emphasis(children) | Link(_, children):
                yield from _inline_code(children)


def code_text(blocks: Iterable[Block]) -> Iterator[str]:
    """The text marked as code in some blocks: it prints in DejaVu Sans Mono."""
    for block in blocks:
        match block:
            case Paragraph(children):
                yield from _inline_code(children)
            case ListBlock(items=items):
                for item in items:
                    yield from code_text(item)


def _line_with(source: list[str], char: str) -> int | None:
    for number, line in enumerate(source, start=1):
        if char in line:
            return number
    return None


def glyph_problems(guide: Guide) -> list[Problem]:
    """A problem for every character of the guide's printed text the fonts lack."""
    missing: list[str] = []
    # The facilitator sheet prints the facilitator notes, so they must be printable too.
    for text in (*printed_text(guide), *_block_text(guide.facilitator)):
        for char in undrawable(text):
            if char not in missing:
                missing.append(char)
    missing_mono: list[str] = []
    for text in code_text((*all_blocks(guide), *guide.facilitator)):
        for char in undrawable(text, mono=True):
            if char not in missing and char not in missing_mono:
                missing_mono.append(char)
    if not missing and not missing_mono:
        return []
    from generator.parse import read_text

    try:
        source = read_text(guide.path).split("\n")
    except GuideError:
        source = []
    problems = [
        Problem(
            guide.path,
            _line_with(source, char),
            f"the character {describe(char)} cannot be printed: the handout's font "
            "(DejaVu Sans) has no shape for it; replace it with words or a character it has",
        )
        for char in missing
    ]
    problems.extend(
        Problem(
            guide.path,
            _line_with(source, char),
            f"the character {describe(char)} cannot be printed as code: the typewriter font "
            "(DejaVu Sans Mono) has no shape for it; take it out of the `code` marks",
        )
        for char in missing_mono
    )
    return sorted(problems, key=lambda p: p.line or 0)


def check_guide_glyphs(guide: Guide) -> None:
    """Raise GuideError naming every character of the guide's printed text the fonts lack."""
    problems = glyph_problems(guide)
    if problems:
        raise GuideError.many(problems)
