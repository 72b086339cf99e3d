"""A paragraph of shaped text: Arabic, Hebrew and Indic lines, laid out and tagged.

ReportLab's ``Paragraph`` cannot lay out right-to-left text and maps shaped glyphs to
private code points, so this flowable does the work on ReportLab's primitives: it breaks
lines on HarfBuzz's widths, takes each line's bidi levels, reorders its runs (rule L2) and
shapes each in its own direction. It is tagged like ``TaggedParagraph``: its text is
content of its structure element, a link's words are content of the ``Link`` with its
annotation. Each word is drawn in reading order inside a ``Span`` whose ``/ActualText`` is
the word as written, so a screen reader, a search and the tool's read-back get the words
in their logical order, whatever the glyphs are; the glyphs sit where the reader sees them.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.platypus import Flowable

from generator.render.pdf.fonts import BOLD
from generator.render.pdf.shaping import (
    Shaped,
    bidi_levels,
    families,
    min_leading,
    shape,
    visual_order,
)
from generator.render.pdf.tagging import StructNode, actual_text, tagged
from generator.scripts import base_rtl, visual_text
from generator.text import WORD_JOINERS


@dataclass(frozen=True)
class Piece:
    """A stretch of a paragraph's text in one style."""

    text: str
    bold: bool = False
    mono: bool = False
    href: str | None = None


@dataclass
class Content:
    """A paragraph's text and what each character is: the same for every part of a split."""

    text: str
    bold: list[bool]
    mono: list[bool]
    links: list[str | None]
    rtl: bool
    lang: str
    families: list[str] = field(default_factory=list)

    @classmethod
    def of(cls, pieces: list[Piece], rtl: bool, lang: str) -> Content:
        """The content of some pieces, one space between words; ``\\n`` is a line break."""
        text: list[str] = []
        bold: list[bool] = []
        mono: list[bool] = []
        links: list[str | None] = []
        for piece in pieces:
            for char in unicodedata.normalize("NFC", piece.text):
                if char != "\n" and char.isspace():
                    char = " "
                if char == " " and (not text or text[-1] in " \n"):
                    continue
                if char == "\n" and text and text[-1] == " ":
                    text.pop(), bold.pop(), mono.pop(), links.pop()
                text.append(char)
                bold.append(piece.bold)
                mono.append(piece.mono)
                links.append(piece.href)
        while text and text[-1] in " \n":
            text.pop(), bold.pop(), mono.pop(), links.pop()
        content = cls("".join(text), bold, mono, links, rtl, lang)
        content.families = families(content.text, lang, mono)
        return content

    @cached_property
    def levels(self) -> list[int]:
        """Each character's bidi level; every line break starts a new bidi paragraph."""
        levels: list[int] = []
        for index, part in enumerate(self.text.split("\n")):
            if index:
                levels.append(1 if self.rtl else 0)
            levels.extend(bidi_levels(part, base_rtl(part, self.rtl)))
        return levels

    def rtl_at(self, index: int) -> bool:
        """True when the bidi paragraph holding character ``index`` runs right to left."""
        start = self.text.rfind("\n", 0, index) + 1
        end = self.text.find("\n", index)
        return base_rtl(self.text[start : end if end >= 0 else len(self.text)], self.rtl)

    def key(self, index: int) -> tuple[str, bool, bool]:
        """What a run shares: family, weight, direction."""
        return (self.families[index], self.bold[index], self.levels[index] % 2 == 1)

    def width(self, start: int, end: int, size: float) -> float:
        """How wide ``text[start:end]`` is, shaped in its runs' fonts and directions."""
        total = 0.0
        index = start
        while index < end:
            key = self.key(index)
            stop = index + 1
            while stop < end and self.key(stop) == key:
                stop += 1
            family, bold, rtl = key
            total += shape(self.text[index:stop], family, bold, size, rtl, self.lang).width
            index = stop
        return total


def shaped_width(text: str, size: float, *, bold: bool, rtl: bool, lang: str) -> float:
    """How wide one line of ``text`` prints at ``size``, shaped in its fonts, in a paragraph
    whose direction is right to left if ``rtl``."""
    content = Content.of([Piece(text, bold)], rtl, lang)
    return content.width(0, len(content.text), size)


@dataclass(frozen=True)
class Run:
    """A visual run of a line: characters ``start`` to ``end`` shaped together."""

    start: int
    end: int
    shaped: Shaped
    x: float
    """Its left edge from the line's left edge."""
    link: str | None


@dataclass(frozen=True)
class Drawn:
    """A glyph to draw: its character code, its font and its place."""

    code: str
    font: str
    x: float
    y: float
    """The baseline."""
    rise: float
    """How far the glyph is raised above the baseline (lowered, below 0)."""


@dataclass(frozen=True)
class Word:
    """A word (or a space) of a line as written, and the glyphs that show it."""

    text: str
    glyphs: list[Drawn]
    link: str | None


@dataclass(frozen=True)
class Line:
    """One printed line: the characters ``start`` to ``end`` (no spaces at its ends)."""

    start: int
    end: int
    width: float


def _rtl_letter(char: str) -> bool:
    """True for what PDF readers turn back with a right-to-left word's letters: a letter,
    a mark on one, a joiner. Punctuation beside it (a full stop, a comma) is a piece of
    its own: PDFium would otherwise put it on the wrong side of the word."""
    return unicodedata.bidirectional(char) in ("R", "AL", "NSM") or char in WORD_JOINERS


def _clusters_break(text: str, index: int) -> bool:
    """True where a long word may be cut: never before a mark or after a virama or joiner."""
    if index <= 0 or index >= len(text):
        return False
    before, after = text[index - 1], text[index]
    if unicodedata.category(after)[0] == "M" or after in WORD_JOINERS:
        return False
    return not (unicodedata.combining(before) == 9 or before in WORD_JOINERS)


class ShapedParagraph(Flowable):  # type: ignore[misc]
    """A paragraph of shaped, possibly right-to-left text in one paragraph style."""

    node: StructNode | None = None
    """The structure element its words are content of."""
    heading = False
    """A heading: its last line holds one word alone only when the line before has one too
    (as ``finish.FinishedParagraph`` keeps it for other text)."""

    def __init__(
        self,
        pieces: list[Piece] | Content,
        style: Any,
        node: StructNode | None = None,
        *,
        rtl: bool = False,
        lang: str = "en",
        span: tuple[int, int] | None = None,
        mirrored: bool | None = None,
    ) -> None:
        super().__init__()
        if not isinstance(pieces, Content):
            # A bold style (a heading, a label) sets all its text in bold.
            heavy = style.fontName == BOLD
            pieces = [Piece(p.text, p.bold or heavy, p.mono, p.href) for p in pieces]
            pieces = Content.of(pieces, rtl, lang)
        self.written = pieces
        """Its whole text and what each character is (shared by the parts of a split)."""
        self.style = style
        self.node = node
        self.mirrored = self.written.rtl if mirrored is None else mirrored
        """True when its lines start at the right: its text's direction, unless the layout
        around it says otherwise (an English title in an Arabic list keeps to the right)."""
        self.span = span or (0, len(self.written.text))
        self.spaceBefore = style.spaceBefore
        self.spaceAfter = style.spaceAfter
        self.lines: list[Line] = []
        self._wrapped_at: float | None = None
        size = style.fontSize
        used = {self.written.families[i] for i in range(*self.span)}
        self.leading = max([style.leading, *(min_leading(f, size) for f in used)])
        # Tall scripts sit lower in their first line, so nothing rises above the paragraph.
        self.baseline_drop = size + (self.leading - style.leading) * 0.6

    def getPlainText(self) -> str:  # ReportLab's name, as Paragraph has it
        """Its text (of its part, when split), as a message quotes it."""
        return self.written.text[self.span[0] : self.span[1]]

    @property
    def rtl(self) -> bool:
        """True when its base direction is right to left."""
        return self.written.rtl

    @property
    def line_count(self) -> int:
        """How many lines it takes at the width it was last wrapped to."""
        return len(self.lines)

    # --- lines ------------------------------------------------------------------

    def _break(self, width: float) -> list[Line]:
        content = self.written
        text = content.text
        size = self.style.fontSize
        lines: list[Line] = []
        start, end = self.span
        paragraph = start
        while paragraph <= end:
            stop = text.find("\n", paragraph, end)
            stop = end if stop < 0 else stop
            lines.extend(self._break_part(paragraph, stop, width, size))
            paragraph = stop + 1
        return lines or [Line(start, start, 0.0)]

    def _break_part(self, start: int, end: int, width: float, size: float) -> list[Line]:
        content = self.written
        text = content.text
        lines: list[Line] = []
        words: list[tuple[int, int]] = []
        index = start
        while index < end:
            while index < end and text[index] == " ":
                index += 1
            stop = index
            while stop < end and text[stop] != " ":
                stop += 1
            if stop > index:
                words.append((index, stop))
            index = stop
        line_start: int | None = None
        line_end = start
        for word_start, word_end in words:
            if line_start is not None:
                candidate = content.width(line_start, word_end, size)
                if candidate <= width:
                    line_end = word_end
                    continue
                lines.append(Line(line_start, line_end, content.width(line_start, line_end, size)))
            # A word wider than a whole line is cut between its letters.
            piece = word_start
            while content.width(piece, word_end, size) > width:
                cut = word_end - 1
                while cut > piece + 1 and (
                    content.width(piece, cut, size) > width or not _clusters_break(text, cut)
                ):
                    cut -= 1
                lines.append(Line(piece, cut, content.width(piece, cut, size)))
                piece = cut
            line_start, line_end = piece, word_end
        if line_start is not None:
            lines.append(Line(line_start, line_end, content.width(line_start, line_end, size)))
        if self.heading and len(lines) > 1:
            lines[-2:] = self._no_word_alone(lines[-2], lines[-1], width, size)
        return lines or [Line(start, start, 0.0)]

    def _no_word_alone(self, before: Line, last: Line, width: float, size: float) -> list[Line]:
        """The last two lines of a heading, the word before a lone last word moved down to
        it where both fit on the line."""
        text = self.written.text
        cut = text.rfind(" ", before.start, before.end)
        alone = " " not in text[last.start : last.end].strip()
        if not alone or cut <= before.start or text[before.end : last.start] != " ":
            return [before, last]  # not a lone word, one word before, or a word cut in two
        moved = Line(cut + 1, last.end, self.written.width(cut + 1, last.end, size))
        if moved.width > width:
            return [before, last]
        return [Line(before.start, cut, self.written.width(before.start, cut, size)), moved]

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        if self._wrapped_at != available_width:
            self.lines = self._break(available_width)
            self._wrapped_at = available_width
        self.width = available_width
        self.height = len(self.lines) * self.leading
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Any]:
        self.wrap(available_width, available_height)
        fits = int((available_height + 1e-6) // self.leading)
        total = len(self.lines)
        # No widows or orphans: at least two lines on each side of a page break.
        if total < 4 or fits < 2:
            return []
        fits = min(fits, total - 2)
        cut = self.lines[fits].start
        first = self._part((self.span[0], cut))
        first.spaceAfter = 0
        rest = self._part((cut, self.span[1]))
        rest.spaceBefore = 0
        return [first, rest]

    def _part(self, span: tuple[int, int]) -> ShapedParagraph:
        part = ShapedParagraph(
            self.written, self.style, self.node, span=span, mirrored=self.mirrored
        )
        part.keep_with_next = getattr(self, "keep_with_next", False)
        part.heading = self.heading
        return part

    # --- drawing ----------------------------------------------------------------

    def _runs(self, line: Line) -> list[Run]:
        content = self.written
        if line.end <= line.start:
            return []
        levels = content.levels[line.start : line.end]
        order = [line.start + i for i in visual_order(levels)]
        runs: list[Run] = []
        x = 0.0
        index = 0
        while index < len(order):
            first = order[index]
            key = (*content.key(first), content.links[first])
            stop = index + 1
            step = -1 if key[2] else 1
            while (
                stop < len(order)
                and order[stop] == order[stop - 1] + step
                and (*content.key(order[stop]), content.links[order[stop]]) == key
            ):
                stop += 1
            low = min(order[index], order[stop - 1])
            high = max(order[index], order[stop - 1]) + 1
            family, bold, rtl = key[:3]
            shaped = shape(
                content.text[low:high], family, bold, self.style.fontSize, rtl, content.lang
            )
            runs.append(Run(low, high, shaped, x, content.links[first]))
            x += shaped.width
            index = stop
        return runs

    def _line_x(self, line: Line) -> float:
        # Left alignment means "at the start": the right edge of a mirrored layout.
        if self.style.alignment == TA_CENTER:
            return (self.width - line.width) / 2
        at_right = self.mirrored != (self.style.alignment == TA_RIGHT)
        return self.width - line.width if at_right else 0.0

    def draw(self) -> None:
        canvas = self.canv
        with tagged(canvas, self.node):
            baseline = self.height - self.baseline_drop
            last = len(self.lines) - 1
            for number, line in enumerate(self.lines):
                self._draw_line(canvas, line, self._line_x(line), baseline, number < last)
                baseline -= self.leading

    def _draw_line(self, canvas: Any, line: Line, left: float, baseline: float, more: bool) -> None:
        content = self.written
        text = content.text
        size = self.style.fontSize
        # Every glyph under the character it stands for: words are written in the order
        # they are read, each glyph where it is seen.
        glyphs: dict[int, list[Drawn]] = {}
        for run in self._runs(line):
            for glyph in run.shaped.glyphs:
                glyphs.setdefault(run.start + glyph.cluster, []).append(
                    Drawn(
                        glyph.code, run.shaped.face.name, left + run.x + glyph.x, baseline, glyph.y
                    )
                )
        words: list[Word] = []
        levels = content.levels
        position = line.start
        while position < line.end:
            stop = position + 1
            odd = levels[position] % 2 == 1
            if text[position] != " ":
                while (
                    stop < line.end
                    and text[stop] != " "
                    and content.links[stop] == content.links[position]
                    and levels[stop] == levels[position]
                    and not (odd and _rtl_letter(text[stop]) != _rtl_letter(text[position]))
                ):
                    stop += 1
            drawn = [item for index in range(position, stop) for item in glyphs.get(index, [])]
            # Glyphs in the order they are seen; a right-to-left word's text is given in
            # that order too (reversed, brackets mirrored), as PDF readers expect it.
            drawn.sort(key=lambda item: item.x)
            written = text[position:stop]
            if levels[position] % 2:
                written = visual_text(written)
            words.append(Word(written, drawn, content.links[position]))
            position = stop
        if more and text[line.end : line.end + 1] in (" ", "\n"):
            # The line ends with a space, so the last word of this line and the first of
            # the next never run together in the text a reader gets (a word cut between its
            # letters, too long for a line, goes on without one).
            family, bold = content.families[line.end - 1], content.bold[line.end - 1]
            space = shape(" ", family, bold, size, False, "en")
            x = left - space.width if content.rtl_at(line.start) else left + line.width
            drawn = [Drawn(g.code, space.face.name, x + g.x, baseline, 0.0) for g in space.glyphs]
            words.append(Word(" ", drawn, None))
        index = 0
        while index < len(words):
            link = words[index].link
            group = [words[index]]
            index += 1
            while index < len(words) and words[index].link == link:
                group.append(words[index])
                index += 1
            target = None
            if link is not None and self.node is not None and self.node.role != "Link":
                target = self.node.link_for(link)
            with tagged(canvas, target):
                for word in group:
                    self._draw_word(canvas, word, size)
                if link is not None:
                    self._annotate(canvas, link, group, baseline, size)

    def _draw_word(self, canvas: Any, word: Word, size: float) -> None:
        if not word.glyphs:
            return
        with actual_text(canvas, word.text, own_sequence=True):
            self._draw_glyphs(canvas, word, size)

    def _draw_glyphs(self, canvas: Any, word: Word, size: float) -> None:
        block = canvas.beginText()
        current = None
        rise = 0.0
        for drawn in word.glyphs:
            if drawn.font != current:
                block.setFont(drawn.font, size)
                current = drawn.font
            # Every glyph stands on the line's baseline; a joined or marked glyph is raised
            # or lowered by the text rise, so readers find each word on its line.
            block.setTextOrigin(drawn.x, drawn.y)
            if drawn.rise != rise:
                block.setRise(drawn.rise)
                rise = drawn.rise
            block.textOut(drawn.code)
        if rise:
            block.setRise(0)  # the rise outlives the text object: the next text starts level
        canvas.drawText(block)

    def _annotate(
        self, canvas: Any, link: str, group: list[Word], baseline: float, size: float
    ) -> None:
        xs = [drawn.x for word in group for drawn in word.glyphs]
        if not xs:
            return
        low, high = min(xs), max(xs) + size * 0.6
        canvas.linkURL(link, (low, baseline - size * 0.3, high, baseline + size), relative=1)
