"""Lay flowables out on pages: one text column, a footer on every page, document properties.

The footer says "Page X of Y", so pages are kept until the last one is laid out and
footers are drawn when the total is known. A workshop pack lays several documents out
first and numbers their pages afterwards, as one run of pages.
"""

from __future__ import annotations

import datetime as dt
import io
import os
from dataclasses import dataclass
from functools import partial
from typing import Any

from reportlab import rl_config
from reportlab.lib.colors import black
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate
from reportlab.platypus.doctemplate import ActionFlowable, LayoutError

from generator import __version__
from generator.render.pdf.fitting import IDLE_PAGES, MOST_PAGES, DoesNotFit, is_generated
from generator.render.pdf.fonts import BOLD, REGULAR, register_fonts
from generator.render.pdf.styles import Stylesheet
from generator.render.pdf.tagging import StructNode, begin_artifact, end_marked
from generator.render.pdf.tagtree import TaggingCanvas
from generator.render.text_width import wrap_words
from generator.scripts import is_rtl, needs_shaping

# Streams are compressed, not also written out in ASCII85 (a relic of 7-bit mail): a
# handout is a little smaller and takes about 7% less time to write.
rl_config.useA85 = 0


@dataclass(frozen=True)
class FooterLine:
    """One line of the footer: text at the left, text at the right.

    ``{page}`` and ``{pages}`` in either are replaced by the page number and the page count.
    """

    left: str
    right: str
    bold: bool = False
    short: str = ""
    """A shorter left text, used when ``left`` does not fit beside ``right`` on one line."""


@dataclass(frozen=True)
class DocumentInfo:
    """The properties a PDF viewer shows: title in the window bar, subject, language."""

    title: str
    subject: str = ""
    author: str = ""
    lang: str = "en"
    created: dt.date | None = None
    """The creation date to record (SOURCE_DATE_EPOCH wins); None leaves ReportLab's fixed one."""


@dataclass(frozen=True)
class Typeset:
    """A laid-out PDF and its number of pages."""

    data: bytes
    pages: int


@dataclass
class LaidOut:
    """Pages laid out but not yet written: their footers wait for their page numbers."""

    pages: int
    """How many pages the document takes."""
    canvas: FooterCanvas
    buffer: io.BytesIO
    fills: tuple[float, ...] = ()
    """How much of each page's text column is used, from 0 (empty) to 1 (full)."""
    starts: tuple[int, ...] = ()
    """For each flowable given, the index of the page it starts on (-1: not known)."""
    moved: bool = False
    """A box moved whole to a new page rather than split (the layout may try splitting it)."""

    def finish(self, first: int = 1, total: int | None = None) -> bytes:
        """Draw the footers, numbering pages from ``first`` out of ``total``, and write the PDF."""
        self.canvas.numbering = (first, self.pages if total is None else total)
        self.canvas.save()
        return self.buffer.getvalue()


LEAST_TEXT_SHARE = 0.5
"""The least share of the page's height the text column keeps below the footer."""

PAGE_NUMBER_ROOM = "888"
"""Page numbers are not known while the footer is measured: room is kept for three digits."""


def _width(text: str, font: str, size: float, lang: str) -> float:
    """How wide a footer text prints: shaped where it needs shaping."""
    if not (is_rtl(lang) or needs_shaping(text)):
        return float(stringWidth(text, font, size))
    from generator.render.pdf.shaped import shaped_width

    return shaped_width(text, size, bold=font == BOLD, rtl=is_rtl(lang), lang=lang)


def fit_footer(
    footer: tuple[FooterLine, ...], sheet: Stylesheet, lang: str = "en"
) -> tuple[FooterLine, ...]:
    """The footer's lines as printed: nothing is cut short, a text too long wraps.

    A line's left text that does not fit beside its right text uses its ``short`` form if
    that fits, and otherwise goes on over as many lines as it needs, by ``lang``'s line-end
    rules and never leaving its last word alone.
    """
    size = sheet.profile.footer
    width = sheet.frame_width
    fitted: list[FooterLine] = []
    for line in footer:
        font = BOLD if line.bold else REGULAR
        right = line.right.replace("{pages}", PAGE_NUMBER_ROOM).replace("{page}", PAGE_NUMBER_ROOM)
        room = width - _width(right, font, size, lang) - (size * 2 if right else 0)
        left = line.left
        if _width(left, font, size, lang) > room and line.short:
            left = line.short
        parts = wrap_words(
            left,
            partial(_width, font=font, size=size, lang=lang),
            room,
            width,
            lang,
            # A shaped word is never cut: its letters join.
            cut_words=not (is_rtl(lang) or needs_shaping(left)),
        )
        fitted.append(FooterLine(parts[0], line.right, line.bold))
        fitted.extend(FooterLine(part, "", line.bold) for part in parts[1:])
    return tuple(fitted)


def shaped_footer(footer: tuple[FooterLine, ...], lang: str) -> bool:
    """True when the footer is set by the shaping paragraph: mirrored, or in a shaped script."""
    return is_rtl(lang) or any(needs_shaping(line.left + line.right) for line in footer)


def footer_leading(footer: tuple[FooterLine, ...], sheet: Stylesheet, lang: str) -> float:
    """The distance between the footer's lines: the sheet's, or more where its letters need
    it (Nastaliq climbs and falls steeply, as in the body text)."""
    leading = sheet.footer_leading
    if not shaped_footer(footer, lang):
        return leading
    from generator.render.pdf.shaping import families, min_leading

    for line in footer:
        text = line.left + line.right
        for family in set(families(text, lang, [False] * len(text))):
            leading = max(leading, min_leading(family, sheet.profile.footer))
    return leading


class FooterCanvas(TaggingCanvas):
    """A canvas that holds every page back until the end, then draws each page's footer."""

    def __init__(
        self,
        *args: Any,
        sheet: Stylesheet,
        footer: tuple[FooterLine, ...],
        created: dt.date | None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self._shaped_footer = shaped_footer(footer, self._lang)
        self._footer_leading = footer_leading(footer, sheet, self._lang)
        if created is not None and not os.environ.get("SOURCE_DATE_EPOCH", "").strip():
            # A date that means something (the day the steps were checked), not the clock.
            stamp = f"D:{created:%Y%m%d}000000+00'00'"
            self.setDateFormatter(lambda *_: stamp)
        self._sheet = sheet
        self._footer = footer
        self._held: list[dict[str, Any]] = []
        self._bookmarks: list[tuple[tuple[Any, ...], dict[str, Any]]] = []
        self.numbering = (1, 0)
        """The number of the first page and the page count, set before saving."""
        self.showOutline()

    @property
    def held_pages(self) -> int:
        """The pages laid out so far."""
        return len(self._held)

    def bookmarkPage(self, *args: Any, **kwargs: Any) -> None:
        # A bookmark points at the page being written, so it waits for its page like the footer.
        self._bookmarks.append((args, kwargs))

    def showPage(self) -> None:
        self._held.append(dict(self.__dict__))
        self._bookmarks = []
        self._startPage()

    def save(self) -> None:
        first, total = self.numbering
        for index, state in enumerate(self._held):
            self.__dict__.update(state)
            for args, kwargs in self._bookmarks:
                super().bookmarkPage(*args, **kwargs)
            self._draw_footer(first + index, total or len(self._held))
            super().showPage()
        super().save()

    def _draw_footer(self, number: int, total: int) -> None:
        if not self._footer:
            return
        sheet = self._sheet
        size = sheet.profile.footer
        left_x = sheet.margins.left
        right_x = sheet.page_size[0] - sheet.margins.right
        # The last line sits on the bottom margin; the others and a rule stack above it.
        baseline = sheet.margins.bottom + (len(self._footer) - 1) * self._footer_leading
        # Letters that need more room between lines rise higher too: the rule moves up.
        rule_y = baseline + size * 1.3 + (self._footer_leading - sheet.footer_leading)
        # Read out at every page break, the footer would interrupt sentences: an artifact.
        begin_artifact(self, "Pagination", "Footer")
        self.saveState()
        self.setStrokeColor(black)
        self.setFillColor(black)
        self.setLineWidth(0.6)
        self.line(left_x, rule_y, right_x, rule_y)
        for line in self._footer:
            font = BOLD if line.bold else REGULAR
            right = line.right.replace("{pages}", str(total)).replace("{page}", str(number))
            left = line.left.replace("{pages}", str(total)).replace("{page}", str(number))
            if self._shaped_footer:
                # Mirrored in a right-to-left handout: the title at the right, the page left.
                self._draw_shaped(left, line.bold, left_x, baseline, start=True)
                if right:
                    self._draw_shaped(right, line.bold, left_x, baseline, start=False)
            else:
                self.setFont(font, size)
                self.drawString(left_x, baseline, left)
                if right:
                    self.drawRightString(right_x, baseline, right)
            baseline -= self._footer_leading
        self.restoreState()
        end_marked(self)

    def _draw_shaped(self, text: str, bold: bool, x: float, baseline: float, start: bool) -> None:
        """A footer text at the line's start (or end), shaped and in the handout's direction."""
        from reportlab.lib.enums import TA_LEFT, TA_RIGHT
        from reportlab.lib.styles import ParagraphStyle

        from generator.render.pdf.shaped import Piece, ShapedParagraph

        sheet = self._sheet
        style = ParagraphStyle(
            "footer",
            fontName=BOLD if bold else REGULAR,
            fontSize=sheet.profile.footer,
            leading=sheet.footer_leading,
            alignment=TA_LEFT if start else TA_RIGHT,
        )
        line = ShapedParagraph([Piece(text, bold)], style, rtl=is_rtl(self._lang), lang=self._lang)
        _, height = line.wrap(sheet.frame_width, 0x7FFFFFFF)
        line.drawOn(self, x, baseline - height + line.baseline_drop)


class _Document(BaseDocTemplate):  # type: ignore[misc]
    """A document template that notes how full each page's text column is, and stops a
    layout that would not end (see ``generator.render.pdf.fitting``)."""

    def __init__(self, *args: Any, count: int = 0, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fills: list[float] = []
        self.starts = [-1] * count
        self.current: Any = None
        """The flowable being laid out."""
        self.progress = False
        """True once the page being laid out has taken something of the story."""
        self.idle = 0
        """Pages in a row that took nothing of the story."""

    def handle_flowable(self, flowables: list[Any]) -> None:
        self.current = flowables[0] if flowables else None
        super().handle_flowable(flowables)

    def afterFlowable(self, flowable: Any) -> None:
        index = getattr(flowable, "story_index", None)
        if index is not None and self.starts[index] < 0:
            self.starts[index] = self.page - 1
        if not is_generated(flowable) and not isinstance(flowable, ActionFlowable):
            self.progress = True

    def afterPage(self) -> None:
        frame = self.frame
        top = frame._y2 - frame._topPadding
        used = max(0.0, min(1.0, (top - frame._y) / frame._aH))
        self.fills.append(round(used, 4))
        self.idle = 0 if self.progress else self.idle + 1
        self.progress = False
        if self.idle >= IDLE_PAGES:
            raise DoesNotFit(self.current)
        if len(self.fills) >= MOST_PAGES:
            raise DoesNotFit(self.current, f"it would take more than {MOST_PAGES} pages")


def typeset(
    flowables: list[Any],
    sheet: Stylesheet,
    info: DocumentInfo,
    footer: tuple[FooterLine, ...],
    structure: StructNode | None = None,
) -> Typeset:
    """Lay out flowables on pages of the stylesheet's size; byte-identical for the same input."""
    laid_out = lay_out(flowables, sheet, info, footer, structure)
    return Typeset(laid_out.finish(), laid_out.pages)


def lay_out(
    flowables: list[Any],
    sheet: Stylesheet,
    info: DocumentInfo,
    footer: tuple[FooterLine, ...],
    structure: StructNode | None = None,
) -> LaidOut:
    """Lay out flowables on pages, keeping the pages back until ``finish`` numbers them.

    With ``structure`` (the story's ``Document`` element) the PDF is tagged.
    """
    register_fonts()
    footer = fit_footer(footer, sheet, info.lang)
    leading = footer_leading(footer, sheet, info.lang)
    if sheet.frame_height(len(footer), leading) < sheet.page_size[1] * LEAST_TEXT_SHARE:
        raise DoesNotFit(
            None,
            f"its footer takes {len(footer)} lines on every page, leaving too little room for "
            "the text: shorten what the footer shows",
        )
    buffer = io.BytesIO()
    margins = sheet.margins
    for index, flowable in enumerate(flowables):
        flowable.story_index = index
    document = _Document(
        buffer,
        count=len(flowables),
        pagesize=sheet.page_size,
        leftMargin=margins.left,
        rightMargin=margins.right,
        topMargin=margins.top,
        bottomMargin=sheet.text_bottom(len(footer), leading),
        title=info.title,
        subject=info.subject,
        author=info.author,
        creator=f"guide {__version__}",
        lang=info.lang,
        displayDocTitle=1,
        # Invariant mode: no clock time or random ID, so rebuilds are byte-identical.
        invariant=1,
        # Without these the canvas starts every page in Helvetica, an unembedded font.
        initialFontName=REGULAR,
        initialFontSize=sheet.profile.body,
        initialLeading=sheet.profile.leading,
        pageCompression=1,
    )
    frame = Frame(
        margins.left,
        sheet.text_bottom(len(footer), leading),
        sheet.frame_width,
        sheet.frame_height(len(footer), leading),
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id="text",
    )
    document.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    # ReportLab's own switch: build() stops short of saving, so finish() can number the pages.
    document._doSave = 0
    try:
        document.build(
            flowables,
            canvasmaker=partial(
                FooterCanvas, sheet=sheet, footer=footer, created=info.created, structure=structure
            ),
        )
    except LayoutError:
        # ReportLab's own refusal of a part that no page holds: say which part.
        raise DoesNotFit(document.current) from None
    canvas: FooterCanvas = document.canv
    return LaidOut(canvas.held_pages, canvas, buffer, tuple(document.fills), tuple(document.starts))
