"""Where pages break: indented and boxed groups, and headings kept with what follows.

ReportLab splits a flowable at the frame's full width even inside an ``Indenter``, so
indented or boxed content lives in an ``Inset``, which measures and splits its own
children at their real width.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from reportlab.lib.colors import black
from reportlab.platypus import Flowable, ListFlowable, Paragraph, Table
from reportlab.platypus.flowables import CondPageBreak

from generator.render.pdf.fitting import DoesNotFit, is_generated
from generator.render.pdf.flowables import LinkCard, Outlined, Picture


class Inset(Flowable):  # type: ignore[misc]
    """Flowables set in from the column's edges, optionally in a ruled box.

    It splits between its children (or inside one that can split) when a page is full,
    never right after a heading; a ``keep`` inset moves whole to the next page instead,
    unless it is taller than a page. One with ``moves_within`` (a box) moves whole too when
    it fits on a page and leaves at most that share of this page empty.
    """

    def __init__(
        self,
        content: list[Any],
        *,
        left: float = 0.0,
        right: float = 0.0,
        padding: float = 0.0,
        rule: float = 0.0,
        space_before: float | None = None,
        space_after: float | None = None,
        keep: bool = False,
        continued: Callable[[], Flowable] | None = None,
        moves_within: float = 0.0,
    ) -> None:
        super().__init__()
        self.content = content
        self.left = left
        self.right = right
        self.padding = padding
        self.rule = rule
        self.space_before = space_before
        self.space_after = space_after
        self.keep = keep
        self.continued = continued
        """Makes the line that opens a box again on the next page, if any."""
        self.moves_within = moves_within
        self.moved = False
        """True once it has moved whole to a new page by ``moves_within`` rather than split."""
        self.page_room: float | None = None
        """The most an empty page holds of this inset, when it sits inside another."""
        self.stuck: Any = None
        """The child that neither fitted nor split when it last could not be split."""

    @property
    def generated(self) -> bool:
        """True if it holds only what the layout adds (a "continued" line), nothing of the story."""
        return all(is_generated(child) for child in self.content)

    def _copy(self, content: list[Any], continued: bool) -> Inset:
        return Inset(
            content,
            left=self.left,
            right=self.right,
            padding=self.padding,
            rule=self.rule,
            space_before=self.space_before,
            space_after=self.space_after,
            continued=self.continued if continued else None,
        )

    def getSpaceBefore(self) -> float:
        if self.space_before is not None:
            return self.space_before
        return float(self.content[0].getSpaceBefore()) if self.content else 0.0

    def getSpaceAfter(self) -> float:
        if self.space_after is not None:
            return self.space_after
        return float(self.content[-1].getSpaceAfter()) if self.content else 0.0

    def inner_width(self, available_width: float) -> float:
        """The width the children are set in."""
        return available_width - self.left - self.right - 2 * self._edge()

    def _edge(self) -> float:
        return self.padding + self.rule

    def measure(self, available_width: float, limit: float, canvas: Any = None) -> float:
        """The inset's height, counted only until it passes ``limit`` (then a little more).

        Stopping there keeps a step of thousands of paragraphs from being measured in full
        on every page it runs over: layout time grows with its length, not its square.
        """
        canvas = canvas or self.canv
        inner = self.inner_width(available_width)
        total = 2 * self._edge()
        last = len(self.content) - 1
        for index, flowable in enumerate(self.content):
            _, high = flowable.wrapOn(canvas, inner, limit)
            total += high
            if index:
                total += flowable.getSpaceBefore()
            if index < last:
                total += flowable.getSpaceAfter()
            if total > limit:
                break
        return total

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        # Taller than the room left means "split me"; how much taller does not matter.
        self.height = self.measure(available_width, available_height)
        return self.width, self.height

    def fits_a_page(self, available_width: float, page: float) -> bool:
        """True if the whole inset fits on an empty page of height ``page``."""
        return self.measure(available_width, page) <= page

    def split(self, available_width: float, available_height: float) -> list[Any]:
        frame = self._doctemplateAttr("frame")
        page: float = getattr(frame, "_aH", available_height)
        if self.page_room is not None:
            page = self.page_room
        moves = self.keep or available_height <= self.moves_within * page
        if moves and available_height < page and self.fits_a_page(available_width, page):
            self.moved = self.moved or not self.keep
            return []
        parts = self._split(available_width, available_height, page, strict=True)
        if not parts and available_height >= page:
            # At the top of an empty page there is nowhere better to go: break where the
            # rules would rather not (after a heading, or a picture away from its line).
            parts = self._split(available_width, available_height, page, strict=False)
            if not parts and self.measure(available_width, available_height) > available_height:
                # Nothing of it fits even an empty page: another page would not help.
                raise DoesNotFit(self)
        return parts

    def _split(
        self, available_width: float, available_height: float, page: float, *, strict: bool
    ) -> list[Any]:
        inner = self.inner_width(available_width)
        room = available_height - 2 * self._edge()
        self.stuck = None
        first: list[Any] = []
        queue = list(self.content)
        # What a page holds of a child: a box's edges and "continued" line take room too.
        child_page = page - 2 * self._edge()
        if self.continued is not None:
            line = self.continued()
            child_page -= line.wrap(inner, page)[1] + line.getSpaceAfter()
        used = 0.0
        index = 0
        while index < len(queue):
            flowable = queue[index]
            if isinstance(flowable, (Inset, KeptList)):
                # A unit, a list or a list's item moving whole to the next page lands in this
                # inset's next part, below its "continued" line and its own space before: it
                # must fit there, or it would move on from page to page.
                below = flowable.getSpaceBefore() if self.continued is not None else 0.0
                flowable.page_room = child_page - below
            before = flowable.getSpaceBefore() if first else 0.0
            _, high = flowable.wrapOn(self.canv, inner, room - used - before)
            if used + before + high <= room:
                first.append(flowable)
                used += before + high + flowable.getSpaceAfter()
                index += 1
                continue
            if strict or not isinstance(flowable, Inset):
                parts = flowable.splitOn(self.canv, inner, room - used - before)
            else:
                flowable.canv = self.canv
                try:
                    parts = flowable._split(inner, room - used - before, child_page, strict=False)
                finally:
                    del flowable.canv
            if not parts or (len(parts) == 1 and type(parts[0]) is type(flowable)):
                self.stuck = getattr(flowable, "stuck", None) or flowable
                break
            # Look at the pieces one by one: a list gives back all its items, not only
            # those that fit; a paragraph gives back the lines that fit and the rest.
            queue[index : index + 1] = parts
        rest = queue[len(first) :]
        while len(first) > (0 if strict else 1) and getattr(first[-1], "keep_with_next", False):
            rest.insert(0, first.pop())
        if not first or not rest or all(is_generated(part) for part in first):
            # Nothing of the story would go on this page (a "continued" line alone would
            # follow it from page to page without end): it cannot be split here.
            return []
        if self.continued is not None:
            rest.insert(0, self.continued())
        return [self._copy(first, continued=False), self._copy(rest, continued=True)]

    def draw(self) -> None:
        canvas = self.canv
        if self.rule:
            canvas.saveState()
            canvas.setStrokeColor(black)
            canvas.setLineWidth(self.rule)
            width = self.width - self.left - self.right - self.rule
            canvas.rect(self.left + self.rule / 2, self.rule / 2, width, self.height - self.rule)
            canvas.restoreState()
        inner = self.inner_width(self.width)
        x = self.left + self._edge()
        y = self.height - self._edge()
        for index, flowable in enumerate(self.content):
            if index:
                y -= flowable.getSpaceBefore()
            _, high = flowable.wrapOn(canvas, inner, self.height)
            y -= high
            flowable.drawOn(canvas, x, y)
            y -= flowable.getSpaceAfter()


class KeptList(ListFlowable):  # type: ignore[misc]
    """A list that breaks between its items: an item moves whole to the next page if it fits,
    and the first two and the last two items stay together, so none stands alone.

    A ``whole`` list (a short one) moves whole to the next page instead, if it fits there.
    """

    whole = False
    page_room: float | None = None
    """The most a page holds of it beside the headings it must stay with (None: a page)."""

    def parts(self) -> list[Inset]:
        """Its items as units kept together, the first two and the last two as one each."""
        items: list[list[Any]] = []
        for flowable in self._content:
            # Each item's first block carries its bullet or number.
            if getattr(flowable, "_bullet", None) is not None or not items:
                items.append([flowable])
            else:
                items[-1].append(flowable)
        if len(items) >= 4:
            items = [items[0] + items[1], *items[2:-2], items[-2] + items[-1]]
        return [Inset(item, keep=True) for item in items]

    def split(self, available_width: float, available_height: float) -> list[Any]:
        if self.whole:
            frame = self._doctemplateAttr("frame")
            page: float = getattr(frame, "_aH", available_height)
            if self.page_room is not None:
                page = self.page_room
            _, height = self.wrap(available_width, page)
            if available_height < page and height <= page:
                return []
        kept = self.parts()
        first = kept[0]
        _, high = first.wrapOn(self.canv, available_width, available_height)
        if len(kept) > 1 and high <= available_height:
            return kept
        # One item, or a first unit that does not fit here (the first piece of a split must:
        # ReportLab refuses the page otherwise): it splits or moves on as a kept unit would.
        first.page_room = self.page_room
        parts: list[Any] = first.splitOn(self.canv, available_width, available_height)
        return [*parts, *kept[1:]] if parts else []


def lead_height(
    flowable: Any, canvas: Any, width: float, lines: int, leading: float, page: float
) -> float:
    """Height of the first few lines of a flowable (all of it if it must not be split).

    A unit kept together (a step, a caveat, a question) counts whole if it fits on a page.
    """
    if isinstance(flowable, Inset):
        if not flowable.content:
            return 0.0
        if flowable.keep:
            whole = flowable.measure(width, page, canvas)
            if whole <= page:
                return whole
        # What must stay together at its start: the headings it opens with, and the first
        # lines after them.
        inner = flowable.inner_width(width)
        total = 2 * flowable._edge()
        last = len(flowable.content) - 1
        for index, child in enumerate(flowable.content):
            if index:
                total += child.getSpaceBefore()
            if index == last or not getattr(child, "keep_with_next", False):
                return total + lead_height(child, canvas, inner, lines, leading, page)
            _, high = child.wrapOn(canvas, inner, page)
            total += high + child.getSpaceAfter()
        return total
    if isinstance(flowable, KeptList):
        _, full = flowable.wrapOn(canvas, width, 0x7FFFFFFF)
        if flowable.whole and full <= page:
            return float(full)  # a short list moves whole, with the heading above it
        # A list that may break starts with its first two items, which stay together.
        return lead_height(flowable.parts()[0], canvas, width, lines, leading, page)
    least = getattr(flowable, "least_height", None)
    if least is not None:
        # Forms to fill in grow to fill the page; what counts is the least they need.
        return float(least(width))
    _, full = flowable.wrapOn(canvas, width, 0x7FFFFFFF)
    shaped_lines = getattr(flowable, "line_count", None)
    if shaped_lines is not None:
        # A shaped paragraph (Arabic, Hindi…) splits by the same rule, at its own leading.
        return float(lines * flowable.leading if shaped_lines >= 2 * lines else full)
    if isinstance(flowable, Paragraph):
        count = len(getattr(flowable.blPara, "lines", ())) or 1
        # No widows or orphans: a paragraph splits only with enough lines on both sides.
        if count >= 2 * lines:
            return float(lines * flowable.style.leading)
        return float(full)
    if isinstance(flowable, (LinkCard, Picture, Outlined, Table)):
        # A table of facts under a heading moves with it rather than leave rows behind.
        return float(full)
    return float(min(full, lines * leading))


class KeepStart(CondPageBreak):  # type: ignore[misc]
    """Moves to the next page unless some headings and the first lines after them fit here.

    So a heading never sits alone at the bottom of a page, and a step's title always
    stands with the first lines of its text.
    """

    generated = True

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
        frame = self._doctemplateAttr("frame")
        page = getattr(frame, "_aH", available_height)
        # What follows the headings has only the rest of a page beside them: a unit kept
        # whole that does not fit there breaks after them rather than leave them alone.
        room = page - needed - last.getSpaceBefore()
        if isinstance(last, (Inset, KeptList)):
            last.page_room = room
        needed += last.getSpaceBefore() + lead_height(
            last, self.canv, available_width, self.lines, self.leading, room
        )
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
        while end < len(flowables) and getattr(flowables[end], "keep_with_next", False):
            end += 1
        result.append(KeepStart(flowables[index : end + 1], leading))
        result.extend(flowables[index:end])
        index = end
    return result
