"""Which characters the handout's fonts can draw, without loading ReportLab.

``guide check`` uses this so that a guide it passes is a guide ``guide build`` can print.
The list lives in ``fonts/coverage.txt`` (code point ranges both bundled DejaVu Sans faces
have a shape for), and for the Noto fonts of the shaped scripts in
``fonts/noto/coverage-<family>.txt``; a test compares them with the fonts themselves, and
``GUIDE_UPDATE_GOLDEN=1 pytest tests/handout/test_the_fonts_character_list_is_their_own.py``
writes them again. Arabic, Hebrew and Indic letters are drawn in their script's Noto font
(never DejaVu's), and letters of a script the handout cannot shape are never drawable.
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
from generator.scripts import SHAPED, block_script, script_font
from generator.text import WORD_JOINERS, describe

COVERAGE = Path(__file__).resolve().parent.parent / "fonts" / "coverage.txt"
MONO_COVERAGE = COVERAGE.with_name("coverage-mono.txt")
"""What DejaVu Sans Mono, the face of text marked as code, can draw."""
NOTO_DIR = COVERAGE.parent / "noto"
DANDAS = frozenset({"\u0964", "\u0965"})
"""The danda and double danda, full stops of every Indic script, in the Devanagari block:
printed in the font of the letters before them, which all have them."""
FONT_NAMES = {
    "NotoSansArabic": "Noto Sans Arabic",
    "NotoNastaliqUrdu": "Noto Nastaliq Urdu",
    "NotoSansHebrew": "Noto Sans Hebrew",
    "NotoSansDevanagari": "Noto Sans Devanagari",
    "NotoSansBengali": "Noto Sans Bengali",
    "NotoSansGurmukhi": "Noto Sans Gurmukhi",
    "NotoSansGujarati": "Noto Sans Gujarati",
    "NotoSansTamil": "Noto Sans Tamil",
}
"""The bundled Noto families, as their names are written."""


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


def _read_ranges(path: Path) -> frozenset[int]:
    points: set[int] = set()
    for line in path.read_text(encoding="ascii").split():
        first, _, last = line.partition("-")
        points.update(range(int(first, 16), int(last, 16) + 1))
    return frozenset(points)


@lru_cache(maxsize=2)
def drawable(mono: bool = False) -> frozenset[int]:
    """Every code point the bundled fonts (or with ``mono``, the typewriter face) can draw."""
    return _read_ranges(MONO_COVERAGE if mono else COVERAGE)


@lru_cache(maxsize=16)
def family_drawable(family: str) -> frozenset[int]:
    """Every code point both weights of a bundled Noto family can draw."""
    return _read_ranges(NOTO_DIR / f"coverage-{family}.txt")


def undrawable(text: str, mono: bool = False, lang: str = "en") -> list[str]:
    """The distinct characters of ``text`` the fonts cannot draw, in order of appearance.

    A letter of a shaped script must be in its script's Noto font (for ``lang``); a letter
    of a script the handout cannot shape, or a shaped letter marked as code, never is.
    """
    known = drawable(mono)
    missing: list[str] = []
    # Each distinct character once: a handout asks this of every line it prints.
    for char in dict.fromkeys(text):
        if char.isspace() or unicodedata.category(char) == "Cc":
            continue
        code = ord(char)
        script = block_script(char) if code >= 0x0590 else None
        if script is not None:
            font = script_font(script, lang) if script in SHAPED else None
            if mono or font is None or code not in family_drawable(font):
                missing.append(char)
        elif code not in known and char not in WORD_JOINERS and char not in DANDAS:
            missing.append(char)
    return missing


def font_name(char: str, mono: bool = False, lang: str = "en") -> str:
    """The font a character is printed in, as its name is written (for messages)."""
    if mono:
        return "DejaVu Sans Mono"
    script = block_script(char)
    if script in SHAPED:
        return FONT_NAMES[script_font(script, lang)]
    return "DejaVu Sans"


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


def _code_line(source: list[str], char: str) -> int | None:
    """The first line holding ``char`` between `code` marks, else the first holding it."""
    for number, line in enumerate(source, start=1):
        if any(char in span for span in line.split("`")[1::2]):
            return number
    return _line_with(source, char)


def why_unprintable(char: str, mono: bool = False, lang: str = "en") -> str:
    """Why a character ``undrawable`` found cannot be printed, naming its script or font."""
    script = block_script(char)
    if script is not None and script not in SHAPED:
        return (
            f"the character {describe(char)} is {script} script, which the handout cannot "
            "print: its letters need joining, reordering or right-to-left layout that the "
            "handout does not do, and printing them wrongly would mislead readers"
        )
    if mono and script is not None:
        return (
            f"the character {describe(char)} is {script} script, which cannot be printed as "
            "code: the typewriter font (DejaVu Sans Mono) has no letters of it"
        )
    if mono:
        return (
            f"the character {describe(char)} cannot be printed as code: the typewriter font "
            "(DejaVu Sans Mono) has no shape for it"
        )
    return (
        f"the character {describe(char)} cannot be printed: the handout's font "
        f"({font_name(char, lang=lang)}) has no shape for it"
    )


def glyph_problems(guide: Guide) -> list[Problem]:
    """A problem for every character of the guide's printed text the fonts lack."""
    missing: list[str] = []
    # The facilitator sheet prints the facilitator notes, so they must be printable too.
    for text in (*printed_text(guide), *_block_text(guide.facilitator)):
        for char in undrawable(text, lang=guide.lang):
            if char not in missing:
                missing.append(char)
    missing_mono: list[str] = []
    for text in code_text((*all_blocks(guide), *guide.facilitator)):
        for char in undrawable(text, mono=True, lang=guide.lang):
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
            why_unprintable(char, lang=guide.lang)
            + "; replace it with words or a character it has",
        )
        for char in missing
    ]
    told: set[str] = set()
    for char in missing_mono:
        # A word of a shaped script in code is named once, not once for every letter.
        key = block_script(char) or char
        if key not in told:
            told.add(key)
            problems.append(
                Problem(
                    guide.path,
                    _code_line(source, char),
                    why_unprintable(char, mono=True, lang=guide.lang)
                    + "; take it out of the `code` marks",
                )
            )
    return sorted(problems, key=lambda p: p.line or 0)


def check_guide_glyphs(guide: Guide) -> None:
    """Raise GuideError naming every character of the guide's printed text the fonts lack."""
    problems = glyph_problems(guide)
    if problems:
        raise GuideError.many(problems)
