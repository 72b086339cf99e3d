"""Things to fill in by hand: ruled lines to write on and a table of names and tick boxes.

Both are drawn in black only and spaced for handwriting, so they work on any printer.
"""

from __future__ import annotations

from contextlib import nullcontext
from typing import Any

from reportlab.lib.colors import black
from reportlab.platypus import Flowable, Paragraph

from generator.render.pdf.tagging import repeated

LEAST_ROWS = 3
"""A table to fill in never starts with fewer rows than this at the bottom of a page."""


def _at_top(flowable: Flowable) -> bool:
    frame = flowable._doctemplateAttr("frame")
    return bool(getattr(frame, "_atTop", False))


class WritingLines(Flowable):  # type: ignore[misc]
    """Ruled lines filling the rest of the page; on a new page if fewer than ``least`` fit."""

    def __init__(self, least: int, spacing: float, thickness: float = 0.5) -> None:
        super().__init__()
        self.least = least
        self.spacing = spacing
        self.thickness = thickness
        self.count = 0

    def least_height(self, available_width: float) -> float:
        """The height of the fewest lines it may be printed with."""
        return self.least * self.spacing

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        self.count = int(available_height // self.spacing)
        if self.count < self.least and not _at_top(self):
            # Taller than the room left, and unsplittable: platypus moves it to the next page.
            self.height = available_height + self.spacing
            return self.width, self.height
        self.count = max(self.count, 1)
        self.height = self.count * self.spacing
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Any]:
        return []

    def draw(self) -> None:
        canvas = self.canv
        canvas.saveState()
        canvas.setStrokeColor(black)
        canvas.setLineWidth(self.thickness)
        for index in range(self.count):
            y = self.height - (index + 1) * self.spacing
            canvas.line(0, y, self.width, y)
        canvas.restoreState()


class TickTable(Flowable):  # type: ignore[misc]
    """A ruled table: a wide first column to write names in, then one narrow column to tick per
    header; ``rows`` blank rows, or as many as fill the rest of the page when it is None.

    A table with a set number of rows that does not fit goes on over the next pages, with its
    header row repeated.
    """

    def __init__(
        self,
        headers: list[Paragraph],
        tick_width: float,
        rows: int | None,
        row_height: float,
        rule: float,
        padding: float,
        *,
        rtl: bool = False,
    ) -> None:
        super().__init__()
        self.rtl = rtl
        """Mirrored: the names at the right, the columns to tick running leftwards."""
        self.headers = headers
        self.tick_width = tick_width
        self.rows = rows
        self.row_height = row_height
        self.rule = rule
        self.padding = padding
        self.count = 0
        self.header_height = 0.0
        self.header_repeated = False
        """True on the pages after the first: the header is then an artifact."""

    def column_widths(self, available_width: float) -> list[float]:
        """The width of every column: the first takes what the tick columns leave."""
        ticks = [self.tick_width] * (len(self.headers) - 1)
        return [available_width - sum(ticks), *ticks]

    def _measure_header(self, available_width: float) -> None:
        widths = self.column_widths(available_width)
        tallest = 0.0
        for header, width in zip(self.headers, widths, strict=True):
            _, high = header.wrap(width - 2 * self.padding, 0x7FFFFFFF)
            tallest = max(tallest, high)
        self.header_height = tallest + 2 * self.padding

    def least_height(self, available_width: float) -> float:
        """The height of the header and the fewest rows it may start a page with."""
        self._measure_header(available_width)
        return self.header_height + min(self.rows or LEAST_ROWS, LEAST_ROWS) * self.row_height

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        self._measure_header(available_width)
        room = int((available_height - self.header_height) // self.row_height)
        if self.rows is None:
            if room < LEAST_ROWS and not _at_top(self):
                self.count = LEAST_ROWS
            else:
                self.count = max(room, 1)
        else:
            self.count = self.rows
        self.height = self.header_height + self.count * self.row_height
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Any]:
        if self.rows is None:
            return []
        self._measure_header(available_width)
        room = int((available_height - self.header_height) // self.row_height)
        if room < 1 or room >= self.rows:
            return []
        rest = self._copy(self.rows - room)
        rest.header_repeated = True
        return [self._copy(room), rest]

    def _copy(self, rows: int) -> TickTable:
        return TickTable(
            self.headers,
            self.tick_width,
            rows,
            self.row_height,
            self.rule,
            self.padding,
            rtl=self.rtl,
        )

    def draw(self) -> None:
        canvas = self.canv
        widths = self.column_widths(self.width)
        canvas.saveState()
        canvas.setStrokeColor(black)
        canvas.setLineWidth(self.rule)
        top = self.height
        below_header = top - self.header_height
        lefts = []
        x = 0.0
        for width in widths:
            lefts.append(self.width - x - width if self.rtl else x)
            x += width
        with repeated(canvas) if self.header_repeated else nullcontext():
            for header, width, left in zip(self.headers, widths, lefts, strict=True):
                _, high = header.wrap(width - 2 * self.padding, 0x7FFFFFFF)
                header.drawOn(canvas, left + self.padding, top - self.padding - high)
        # The frame and the line under the header are bold; the lines between rows are thin.
        canvas.rect(0, 0, self.width, self.height, stroke=1, fill=0)
        canvas.line(0, below_header, self.width, below_header)
        canvas.setLineWidth(self.rule / 2)
        for row in range(1, self.count):
            y = below_header - row * self.row_height
            canvas.line(0, y, self.width, y)
        for left in lefts[1:]:
            edge = left + self.tick_width if self.rtl else left
            canvas.line(edge, 0, edge, self.height)
        canvas.restoreState()
