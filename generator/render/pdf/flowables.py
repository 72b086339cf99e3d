"""The handout's own platypus flowables: step headings, headings, link cards, pictures.

Each draws only with the bundled fonts and in black, so a page reads the same on a
black-and-white printer.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any

from reportlab.graphics.barcode import qrencoder
from reportlab.lib.colors import black
from reportlab.lib.utils import ImageReader
from reportlab.platypus import Flowable, Paragraph
from reportlab.platypus.flowables import CondPageBreak

from generator.render.pdf.fonts import BOLD
from generator.render.pdf.styles import Profile

CAP = 0.73
"""Height of DejaVu Sans capitals and digits, as a fraction of the font size."""
MIDDLE = 0.36
"""Middle of a line of capitals above the baseline, as a fraction of the font size."""


class Outlined(Flowable):  # type: ignore[misc]
    """A heading paragraph that is never split and adds itself to the PDF's bookmarks."""

    keep_with_next = True

    def __init__(self, paragraph: Paragraph, outline: str | None, level: int, key: str) -> None:
        super().__init__()
        self.paragraph = paragraph
        self.outline = outline
        self.level = level
        self.key = key

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width, self.height = self.paragraph.wrap(available_width, available_height)
        return self.width, self.height

    def getSpaceBefore(self) -> float:
        return float(self.paragraph.getSpaceBefore())

    def getSpaceAfter(self) -> float:
        return float(self.paragraph.getSpaceAfter())

    def draw(self) -> None:
        if self.outline is not None:
            self.canv.bookmarkHorizontal(self.key, 0, self.height)
            self.canv.addOutlineEntry(self.outline, self.key, self.level, closed=False)
        self.paragraph.drawOn(self.canv, 0, 0)


class StepHeading(Outlined):
    """A step's big number, its title, and an empty box to tick when it is done."""

    def __init__(
        self,
        number: str,
        title: Paragraph,
        profile: Profile,
        outline: str | None,
        level: int,
        key: str,
    ) -> None:
        super().__init__(title, outline, level, key)
        self.number = number
        self.profile = profile
        self.rise = 0.0

    def getSpaceBefore(self) -> float:
        return self.profile.section_gap * 0.8

    def getSpaceAfter(self) -> float:
        return self.profile.gap * 0.6

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        p = self.profile
        title_width = available_width - p.number_column - p.tick_box * 1.8
        _, title_height = self.paragraph.wrap(title_width, available_height)
        size = self.paragraph.style.fontSize
        # Everything lines up on the title's first baseline; the big number and the box
        # reach higher than the title's letters, so the title moves down to make room.
        self.rise = max(0.0, CAP * p.step_number - size, p.tick_box / 2 - (1 - MIDDLE) * size)
        baseline = self.rise + size
        self.width = available_width
        self.height = max(
            self.rise + title_height,
            baseline + 0.25 * p.step_number,
            baseline - MIDDLE * size + p.tick_box / 2,
        )
        return self.width, self.height

    def draw(self) -> None:
        p = self.profile
        canvas = self.canv
        if self.outline is not None:
            canvas.bookmarkHorizontal(self.key, 0, self.height)
            canvas.addOutlineEntry(self.outline, self.key, self.level, closed=False)
        baseline = self.height - self.rise - self.paragraph.style.fontSize
        canvas.saveState()
        canvas.setFillColor(black)
        canvas.setStrokeColor(black)
        # The number is drawn first so it comes just before the title in the text.
        canvas.setFont(BOLD, p.step_number)
        canvas.drawString(0, baseline, self.number)
        canvas.restoreState()
        self.paragraph.drawOn(
            canvas, p.number_column, self.height - self.rise - self.paragraph.height
        )
        box = p.tick_box
        middle = baseline + MIDDLE * self.paragraph.style.fontSize
        canvas.saveState()
        canvas.setStrokeColor(black)
        canvas.setLineWidth(p.rule)
        canvas.rect(self.width - box - p.rule / 2, middle - box / 2, box, box, stroke=1, fill=0)
        canvas.restoreState()


@lru_cache(maxsize=256)
def qr_modules(text: str) -> tuple[tuple[bool, ...], ...]:
    """The dark (True) and light modules of a QR code for ``text``, row by row."""
    # Level M survives a smudge or a cheap printer's streaks better than the default L.
    code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    code.addData(text)
    code.make()
    return tuple(tuple(bool(cell) for cell in row) for row in code.modules)


class LinkCard(Flowable):  # type: ignore[misc]
    """A QR code beside words saying what it is and the full address, written out."""

    def __init__(
        self, href: str, label: Paragraph | None, address: Paragraph, profile: Profile
    ) -> None:
        super().__init__()
        self.href = href
        self.label = label
        self.address = address
        self.profile = profile
        self.modules = qr_modules(href)

    def getSpaceBefore(self) -> float:
        return self.profile.gap * 0.5

    def getSpaceAfter(self) -> float:
        return self.profile.gap * 1.5

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        text_width = available_width - self.profile.qr - self.profile.gap * 1.5
        height = 0.0
        for paragraph in (self.label, self.address):
            if paragraph is not None:
                height += paragraph.wrap(text_width, available_height)[1] + 2
        self.width = available_width
        self.height = max(self.profile.qr, height)
        return self.width, self.height

    def draw(self) -> None:
        size = self.profile.qr
        self._draw_code(0, self.height - size, size)
        self.canv.linkURL(self.href, (0, self.height - size, size, self.height), relative=1)
        x = size + self.profile.gap * 1.5
        # A printed code needs a quiet zone; the text is pulled up to the code's first row.
        y = self.height - size * 4 / (len(self.modules) + 8) + self.profile.gap * 0.4
        for paragraph in (self.label, self.address):
            if paragraph is not None:
                y -= paragraph.height
                paragraph.drawOn(self.canv, x, y)
                y -= 2

    def _draw_code(self, x: float, y: float, size: float) -> None:
        count = len(self.modules)
        module = size / (count + 8)  # four modules of white border on every side
        path = self.canv.beginPath()
        for row_index, row in enumerate(self.modules):
            top = y + size - (row_index + 4) * module
            column = 0
            while column < count:
                if not row[column]:
                    column += 1
                    continue
                start = column
                while column < count and row[column]:
                    column += 1
                path.rect(x + (start + 4) * module, top - module, (column - start) * module, module)
        self.canv.saveState()
        self.canv.setFillColor(black)
        self.canv.drawPath(path, stroke=0, fill=1)
        self.canv.restoreState()


class Picture(Flowable):  # type: ignore[misc]
    """A picture scaled to fit the column and a height limit, with a thin frame around it."""

    def __init__(self, reader: ImageReader, max_height: float, frame: float) -> None:
        super().__init__()
        self.reader = reader
        self.max_height = max_height
        self.frame = frame
        pixels_wide, pixels_high = reader.getSize()
        # Screen pixels are about 1/96 inch: small icons keep their size, big ones shrink.
        self.natural = (pixels_wide * 0.75, pixels_high * 0.75)

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        wide, high = self.natural
        scale = min(1.0, available_width / wide, self.max_height / high)
        self.width, self.height = wide * scale, high * scale
        return self.width, self.height

    def getSpaceAfter(self) -> float:
        return 4.0

    def draw(self) -> None:
        self.canv.drawImage(self.reader, 0, 0, self.width, self.height, mask="auto")
        if self.frame:
            self.canv.saveState()
            self.canv.setStrokeColor(black)
            self.canv.setLineWidth(self.frame)
            self.canv.rect(0, 0, self.width, self.height, stroke=1, fill=0)
            self.canv.restoreState()


class Boxed(Flowable):  # type: ignore[misc]
    """Flowables in a ruled box, split between them at a page end (never after a heading)."""

    def __init__(
        self,
        content: list[Any],
        profile: Profile,
        continued: Callable[[], Flowable] | None = None,
    ) -> None:
        super().__init__()
        self.content = content
        self.profile = profile
        self.continued = continued
        """Makes the line that opens the box again on the next page, if any."""

    def getSpaceBefore(self) -> float:
        return self.profile.section_gap

    def getSpaceAfter(self) -> float:
        return self.profile.gap * 1.5

    @property
    def _inset(self) -> float:
        return self.profile.box_padding + self.profile.rule

    def _content_height(self, width: float, height: float, content: list[Any]) -> float:
        total = 0.0
        for index, flowable in enumerate(content):
            _, high = flowable.wrapOn(self.canv, width, height)
            total += high
            if index:
                total += flowable.getSpaceBefore()
            if index < len(content) - 1:
                total += flowable.getSpaceAfter()
        return total

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        inner = available_width - 2 * self._inset
        content_height = self._content_height(inner, available_height, self.content)
        self.width = available_width
        self.height = content_height + 2 * self.profile.box_padding
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Any]:
        inner = available_width - 2 * self._inset
        room = available_height - 2 * self.profile.box_padding
        first: list[Any] = []
        rest: list[Any] = []
        used = 0.0
        for index, flowable in enumerate(self.content):
            before = flowable.getSpaceBefore() if first else 0.0
            _, high = flowable.wrapOn(self.canv, inner, room - used - before)
            if used + before + high <= room:
                first.append(flowable)
                used += before + high + flowable.getSpaceAfter()
                continue
            parts = flowable.splitOn(self.canv, inner, room - used - before)
            if len(parts) >= 2:
                first.append(parts[0])
                rest = [*parts[1:], *self.content[index + 1 :]]
            else:
                rest = list(self.content[index:])
            break
        while first and getattr(first[-1], "keep_with_next", False):
            rest.insert(0, first.pop())
        if not first or not rest:
            return []
        if self.continued is not None:
            rest.insert(0, self.continued())
        return [
            Boxed(first, self.profile),
            Boxed(rest, self.profile, self.continued),
        ]

    def draw(self) -> None:
        p = self.profile
        canvas = self.canv
        canvas.saveState()
        canvas.setStrokeColor(black)
        canvas.setLineWidth(p.rule)
        canvas.rect(p.rule / 2, p.rule / 2, self.width - p.rule, self.height - p.rule)
        canvas.restoreState()
        inner = self.width - 2 * self._inset
        y = self.height - p.box_padding
        for index, flowable in enumerate(self.content):
            if index:
                y -= flowable.getSpaceBefore()
            _, high = flowable.wrapOn(canvas, inner, self.height)
            y -= high
            flowable.drawOn(canvas, self._inset, y)
            y -= flowable.getSpaceAfter()


def _lead_height(
    flowable: Any, canvas: Any, width: float, height: float, lines: int, leading: float
) -> float:
    """Height of the first few lines of a flowable (all of it if it cannot be split)."""
    _, full = flowable.wrapOn(canvas, width, height)
    if isinstance(flowable, Paragraph):
        count = len(getattr(flowable.blPara, "lines", ())) or 1
        # No widows or orphans: a paragraph splits only with enough lines on both sides.
        if count >= 2 * lines:
            return float(lines * flowable.style.leading)
        return float(full)
    if isinstance(flowable, (LinkCard, Picture, Outlined, Boxed)):
        return float(full)
    return float(min(full, lines * leading))


class KeepStart(CondPageBreak):  # type: ignore[misc]
    """Moves to the next page unless some headings and the first lines after them fit here.

    So a heading never sits alone at the bottom of a page, and a step's title always
    stands with the first lines of its text.
    """

    def __init__(self, chain: list[Any], leading: float, lines: int = 2) -> None:
        super().__init__(0)
        self.chain = chain
        self.leading = leading
        self.lines = lines

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        needed = 0.0
        *leading, last = self.chain
        for flowable in leading:
            _, high = flowable.wrapOn(self.canv, available_width, available_height)
            needed += flowable.getSpaceBefore() + high + flowable.getSpaceAfter()
        needed += last.getSpaceBefore() + _lead_height(
            last, self.canv, available_width, available_height, self.lines, self.leading
        )
        frame = self._doctemplateAttr("frame")
        # At the top of a page there is nowhere better to go.
        if frame is not None and getattr(frame, "_atTop", False):
            needed = 0.0
        self.height = needed
        result: tuple[float, float] = super().wrap(available_width, available_height)
        return result


def keep_starts(flowables: list[Any], leading: float) -> list[Any]:
    """Put a KeepStart before every run of headings that must stay with what follows."""
    result: list[Any] = []
    index = 0
    while index < len(flowables):
        flowable = flowables[index]
        if not getattr(flowable, "keep_with_next", False):
            result.append(flowable)
            index += 1
            continue
        end = index
        while end < len(flowables) and (
            getattr(flowables[end], "keep_with_next", False)
            or getattr(flowables[end], "_ZEROSIZE", False)
        ):
            end += 1
        chain = [f for f in flowables[index : end + 1] if not getattr(f, "_ZEROSIZE", False)]
        if len(chain) > 1 or end < len(flowables):
            result.append(KeepStart(chain, leading))
        result.extend(flowables[index:end])
        index = end
    return result
