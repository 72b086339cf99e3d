"""The bundled DejaVu Sans fonts: registered once, and the characters they can draw.

Only these fonts may appear in a handout, so a character they cannot draw must stop
the build with a clear message instead of printing an empty box.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path

from generator.errors import GuideError, Problem
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

FONT_DIR = Path(__file__).resolve().parents[2] / "fonts"
REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
FONT_FILES = {REGULAR: FONT_DIR / "DejaVuSans.ttf", BOLD: FONT_DIR / "DejaVuSans-Bold.ttf"}


@lru_cache(maxsize=1)
def register_fonts() -> frozenset[int]:
    """Register the bundled fonts with ReportLab (once per process); return what both can draw."""
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    drawable: frozenset[int] | None = None
    for name, path in FONT_FILES.items():
        font = TTFont(name, str(path))
        pdfmetrics.registerFont(font)
        points = frozenset(font.face.charToGlyph)
        drawable = points if drawable is None else drawable & points
    # <i> maps to the upright face: italics are hard to read and never carry meaning here.
    for bold, italic, face in ((0, 0, REGULAR), (1, 0, BOLD), (0, 1, REGULAR), (1, 1, BOLD)):
        addMapping(REGULAR, bold, italic, face)
    assert drawable is not None
    return drawable


def undrawable(text: str) -> list[str]:
    """The distinct characters of ``text`` the bundled fonts cannot draw, in order of appearance."""
    drawable = register_fonts()
    missing: list[str] = []
    for char in text:
        if char.isspace() or unicodedata.category(char) == "Cc":
            continue
        if ord(char) not in drawable and char not in missing:
            missing.append(char)
    return missing


def describe(char: str) -> str:
    """A character as a person can find it: the character, its code point and its name."""
    name = unicodedata.name(char, "")
    return f"'{char}' (U+{ord(char):04X}{' ' + name if name else ''})"


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


def _line_with(source: list[str], char: str) -> int | None:
    for number, line in enumerate(source, start=1):
        if char in line:
            return number
    return None


def check_guide_glyphs(guide: Guide) -> None:
    """Raise GuideError naming every character of the guide's printed text the fonts lack."""
    missing: list[str] = []
    for text in printed_text(guide):
        for char in undrawable(text):
            if char not in missing:
                missing.append(char)
    if not missing:
        return
    try:
        source = guide.path.read_text(encoding="utf-8").split("\n")
    except (OSError, UnicodeDecodeError):
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
    raise GuideError.many(sorted(problems, key=lambda p: p.line or 0))
