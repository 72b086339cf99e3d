"""The handout's own platypus flowables: step headings, headings, link cards, pictures.

Each draws only with the bundled fonts and in black, so a page reads the same on a
black-and-white printer.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from reportlab.lib.colors import black
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph

from generator.render.pdf.fonts import BOLD
from generator.render.pdf.markup import escape, quoteattr
from generator.render.pdf.styles import Profile
from generator.render.pdf.tagging import (
    StructNode,
    annotations_of,
    page_box,
    tagged,
    tagged_paragraph,
)

CAP = 0.73
"""Height of DejaVu Sans capitals and digits, as a fraction of the font size."""
MIDDLE = 0.36
"""Middle of a line of capitals above the baseline, as a fraction of the font size."""


class Outlined(Flowable):  # type: ignore[misc]
    """A heading paragraph that is never split and adds itself to the PDF's bookmarks."""

    keep_with_next = True
    generated = False
    """True for a line the layout adds itself (a box's "continued" line), not the story."""

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


def number_column(profile: Profile, widest: str) -> float:
    """The width kept for step numbers up to ``widest``: the design's, or more if needed."""
    width = float(stringWidth(widest, BOLD, profile.step_number))
    return max(profile.number_column, width + profile.number_gap)


class StepHeading(Outlined):
    """A step's big number, its title, and an empty box to tick when it is done."""

    node: StructNode | None = None
    """The heading element the number and the title are tagged as; the box is an artifact."""
    label: StructNode | None = None
    """In a checklist, the ``Lbl`` the number is tagged as (the title is its own ``P``)."""

    def __init__(
        self,
        number: str,
        title: Paragraph,
        profile: Profile,
        outline: str | None,
        level: int,
        key: str,
        widest: str = "",
        *,
        rtl: bool = False,
    ) -> None:
        super().__init__(title, outline, level, key)
        self.number = number
        self.profile = profile
        self.rise = 0.0
        # The numbers of a run of steps end where the widest ends, and their titles start
        # after it at the same distance: "1" stands under the "0" of "10".
        self.number_end = max(
            (stringWidth(text, BOLD, profile.step_number) for text in (number, widest)),
        )
        self.column = number_column(profile, widest or number)
        self.rtl = rtl
        """Mirrored: the number column at the right, where a right-to-left line starts (its
        numbers start where the widest starts, the same distance from their titles); the box
        at the left."""

    def getSpaceBefore(self) -> float:
        return self.profile.section_gap * 0.8

    def getSpaceAfter(self) -> float:
        return self.profile.gap * 0.6

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        p = self.profile
        title_width = available_width - self.column - p.tick_box * 1.8
        _, title_height = self.paragraph.wrap(title_width, available_height)
        size = self.paragraph.style.fontSize
        drop = getattr(self.paragraph, "baseline_drop", size)
        # Everything lines up on the title's first baseline; the big number and the box
        # reach higher than the title's letters, so the title moves down to make room.
        self.rise = max(0.0, CAP * p.step_number - drop, p.tick_box / 2 - (1 - MIDDLE) * size)
        baseline = self.rise + drop
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
        size = self.paragraph.style.fontSize
        baseline = self.height - self.rise - getattr(self.paragraph, "baseline_drop", size)
        # Number and title are one run of the heading's content; the box is an artifact.
        title_y = self.height - self.rise - self.paragraph.height
        box = p.tick_box
        if self.rtl:
            title_x, box_x, number_x = box * 1.8, p.rule / 2, self.width - self.number_end
        else:
            title_x, box_x = self.column, self.width - box - p.rule / 2
            number_x = self.number_end - stringWidth(self.number, BOLD, p.step_number)
        with tagged(canvas, self.label or self.node):
            canvas.saveState()
            canvas.setFillColor(black)
            canvas.setStrokeColor(black)
            # The number is drawn first so it comes just before the title in the text.
            canvas.setFont(BOLD, p.step_number)
            # The space after the number keeps it apart from the title in the text read out.
            canvas.drawString(number_x, baseline, f"{self.number} ")
            canvas.restoreState()
            if self.label is None:
                self.paragraph.drawOn(canvas, title_x, title_y)
        if self.label is not None:
            self.paragraph.drawOn(canvas, title_x, title_y)
        middle = baseline + MIDDLE * size
        canvas.saveState()
        canvas.setStrokeColor(black)
        canvas.setLineWidth(p.rule)
        canvas.rect(box_x, middle - box / 2, box, box, stroke=1, fill=0)
        canvas.restoreState()


@lru_cache(maxsize=256)
def qr_modules(text: str) -> tuple[tuple[bool, ...], ...]:
    """The dark (True) and light modules of a QR code for ``text``, row by row."""
    import segno

    # Level M survives a smudge or a cheap printer's streaks better than the default L;
    # it is kept even where a higher level would fit in the same size.
    code = segno.make_qr(text, error="m", boost_error=False)
    return tuple(tuple(bool(cell) for cell in row) for row in code.matrix)


def cut_between_letters(
    text: str, font: str, size: float, width: float, rest: float | None = None
) -> tuple[list[str], str]:
    """Text too wide for ``width`` cut between letters: the full lines, and what is left.

    Lines after the first may be ``rest`` wide. A cut never falls beside a hyphen, where a
    reader would take it for a word broken in two.
    """
    lines: list[str] = []
    while stringWidth(text, font, size) > width and len(text) > 1:
        cut = len(text) - 1
        while cut > 1 and stringWidth(text[:cut], font, size) > width:
            cut -= 1
        beside = cut
        while beside > 1 and "-" in text[beside - 1 : beside + 1]:
            beside -= 1
        if "-" not in text[beside - 1 : beside + 1]:
            cut = beside
        lines.append(text[:cut])
        text = text[cut:]
        width = rest if rest is not None else width
    return lines, text


def break_address(address: str, font: str, size: float, width: float) -> list[str]:
    """An address cut into lines no wider than ``width``, where ``address_pieces`` allows.

    ReportLab leaves a long address sticking out past the margin once it has split it
    once, so a link card breaks its address itself.
    """
    from generator.parse.links import address_pieces

    lines: list[str] = []
    line = ""
    for piece in address_pieces(address):
        if line and stringWidth(line + piece, font, size) > width:
            lines.append(line)
            line = ""
        line += piece
        # A piece wider than the line on its own is cut between letters.
        whole, line = cut_between_letters(line, font, size, width)
        lines.extend(whole)
    if line:
        lines.append(line)
    return lines


class LinkCard(Flowable):  # type: ignore[misc]
    """A QR code beside words saying what it is and the full address, written out.

    Tagged, each line of the words is a paragraph; the last (``node``) ends in a ``Link``
    holding the address and both link annotations. The code is an artifact: the address it
    stands for is printed beside it, and reading it out twice would only be noise.
    """

    node: StructNode | None = None
    where: Any = None
    """Where the guide links to its address (a ``fitting.Where``), for a message."""

    def __init__(
        self,
        href: str,
        labels: list[Paragraph],
        shown: str,
        style: ParagraphStyle,
        profile: Profile,
        *,
        rtl: bool = False,
    ) -> None:
        super().__init__()
        self.rtl = rtl
        """Mirrored: the code at the right, the words and the address right-aligned beside it."""
        if rtl:
            from reportlab.lib.enums import TA_RIGHT

            style = ParagraphStyle(f"{style.name}-rtl", parent=style, alignment=TA_RIGHT)
        self.href = href
        self.labels = labels
        self.shown = shown
        """The address as printed (without ``mailto:``)."""
        self.style = style
        self.address = Paragraph("", style)
        self.profile = profile
        self.modules = qr_modules(href)

    def _set_address(self, width: float) -> None:
        lines = break_address(self.shown, self.style.fontName, self.style.fontSize, width)
        text = "<br/>".join(escape(line) for line in lines)
        self.address = tagged_paragraph(
            f"<a href={quoteattr(self.href)}>{text}</a>", self.style, None
        )
        # Broken over lines on paper, the address reads back whole.
        self.address.actual = self.shown

    def getSpaceBefore(self) -> float:
        return self.profile.gap * 0.5

    def getSpaceAfter(self) -> float:
        return self.profile.gap * 1.5

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        text_width = available_width - self.profile.qr - self.profile.gap * 1.5
        self._set_address(text_width)
        height = 0.0
        for paragraph in (*self.labels, self.address):
            height += paragraph.wrap(text_width, available_height)[1]
        # The label's lines read as one block, 2 points above the address and below it.
        height += 4 if self.labels else 2
        self.width = available_width
        self.height = max(self.profile.qr, height)
        return self.width, self.height

    def draw(self) -> None:
        size = self.profile.qr
        code_x = self.width - size if self.rtl else 0.0
        self._draw_code(code_x, self.height - size, size)
        link = None
        x = 0.0 if self.rtl else size + self.profile.gap * 1.5
        # A printed code needs a quiet zone; the text is pulled up to the code's first row.
        y = self.height - size * 4 / (len(self.modules) + 8) + self.profile.gap * 0.4
        for paragraph in (*self.labels, self.address):
            if paragraph is self.address and self.node is not None:
                # The link follows the words that say what it is.
                link = paragraph.node = self.node.child("Link", href=self.href)
            y -= paragraph.height
            paragraph.drawOn(self.canv, x, y)
            if paragraph is self.address or paragraph is self.labels[-1]:
                y -= 2
        with annotations_of(self.canv, link):
            box = (code_x, self.height - size, code_x + size, self.height)
            self.canv.linkURL(self.href, box, relative=1)

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
    """A picture scaled to fit the column, a height limit and the page, in a thin frame,
    caption below.

    Picture and caption are one flowable, so they can never be printed on different pages.
    A picture taller than an empty page holds (with its caption, and the edges of the boxes
    it is in: ``reserve``) is made smaller to fit, down to ``smallest``; below that it
    is left too tall, and the layout reports it. Untagged (``node`` None, as for a logo) it
    is an artifact.
    """

    node: StructNode | None = None
    where: Any = None
    """Where the guide shows it (a ``fitting.Where``), for a message if it cannot fit."""

    def __init__(
        self,
        reader: ImageReader,
        max_height: float,
        frame: float,
        caption: Paragraph | None = None,
        gap: float = 4.0,
        *,
        reserve: float = 0.0,
        smallest: float = 0.0,
    ) -> None:
        super().__init__()
        self.reader = reader
        self.max_height = max_height
        self.frame = frame
        self.caption = caption
        self.gap = gap
        self.reserve = reserve
        """Height its boxes take on every page (their edges, a "continued" line)."""
        self.smallest = smallest
        """The smallest it may be made to fit a page (a tiny picture keeps its own size)."""
        pixels_wide, pixels_high = reader.getSize()
        # Screen pixels are about 1/96 inch: small icons keep their size, big ones shrink.
        self.natural = (pixels_wide * 0.75, pixels_high * 0.75)
        self.picture = (0.0, 0.0)

    def _tallest(self, caption_height: float) -> float:
        """The tallest the picture may be: its limit, or what an empty page leaves it."""
        frame = self._doctemplateAttr("frame")
        page = getattr(frame, "_aH", None)
        if page is None:
            return self.max_height
        room = page - self.reserve - (self.gap + caption_height if self.caption else 0.0)
        return float(min(self.max_height, max(room, self.smallest)))

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        wide, high = self.natural
        caption_height = 0.0
        if self.caption is not None:
            _, caption_height = self.caption.wrap(available_width, available_height)
        scale = min(1.0, available_width / wide, self._tallest(caption_height) / high)
        self.picture = (wide * scale, high * scale)
        self.width, self.height = self.picture
        if self.caption is not None:
            self.width = available_width
            self.height += self.gap + caption_height
        return self.width, self.height

    def getSpaceAfter(self) -> float:
        return self.gap * 2

    def draw(self) -> None:
        wide, high = self.picture
        bottom = self.height - high
        if self.node is not None:
            # Where the figure (picture and caption) is on the page, for tools that show it.
            self.node.attributes["Layout"] = {"BBox": page_box(self.canv, self.width, self.height)}
        with tagged(self.canv, self.node):
            self.canv.drawImage(self.reader, 0, bottom, wide, high, mask="auto")
        if self.frame:
            self.canv.saveState()
            self.canv.setStrokeColor(black)
            self.canv.setLineWidth(self.frame)
            self.canv.rect(0, bottom, wide, high, stroke=1, fill=0)
            self.canv.restoreState()
        if self.caption is not None:
            self.caption.drawOn(self.canv, 0, 0)
