"""Tagged PDF: marked content on the canvas, and the structure it belongs to.

ReportLab has no tagging API. The story builder makes a tree of ``StructNode`` in reading
order; flowables wrap what they draw in ``tagged(canvas, node)``, which writes a
``BDC … EMC`` sequence with a marked-content id (MCID) and records it on the node. Anything
drawn outside such a sequence (rules, box frames, tick-box outlines, the lines to write on,
a repeated heading) is wrapped in an ``/Artifact`` sequence by ``MarkedCode``, the page's
list of drawing instructions, so nothing on a page is left neither tagged nor artifact.
``TaggingCanvas`` (in ``tagtree``) turns the nodes into the PDF's structure tree.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from reportlab.platypus import Paragraph

from generator.render.pdf.words import BrokenWord, broken_words


@dataclass(frozen=True)
class MarkRef:
    """Content drawn on a page in one marked-content sequence."""

    page: int
    """The page's index in its document, from 0."""
    mcid: int


@dataclass(frozen=True)
class AnnotRef:
    """A link annotation that belongs to a ``Link`` element."""

    page: int
    annotation: Any
    """ReportLab's annotation dictionary; it gets its ``/StructParent`` when written."""
    reference: Any
    """ReportLab's reference to the annotation object."""


@dataclass(eq=False)
class StructNode:
    """One element of the structure tree (``Document``, ``H1``, ``P``, ``L``, ``Figure``…)."""

    role: str
    parent: StructNode | None = None
    alt: str | None = None
    """What a picture shows, read instead of it."""
    lang: str | None = None
    actual: str | None = None
    """What a screen reader says instead of the element's printed words (``/ActualText``)."""
    attributes: dict[str, dict[str, Any]] = field(default_factory=dict)
    """Attributes by owner: ``Table`` (``Scope``), ``List`` (``ListNumbering``), ``Layout``
    (``BBox``). A text value is written as a name, numbers as an array."""
    kids: list[StructNode | MarkRef | AnnotRef] = field(default_factory=list)
    href: str | None = None
    """For a ``Link`` made for an annotation: its address, so one link's pieces share it."""

    def child(self, role: str, **details: Any) -> StructNode:
        """A new element after this one's other children."""
        node = StructNode(role, parent=self, **details)
        self.kids.append(node)
        return node

    def link_for(self, href: str) -> StructNode:
        """The ``Link`` element an annotation for ``href`` drawn in this element belongs to."""
        if self.role == "Link":
            return self
        last = self.kids[-1] if self.kids else None
        if isinstance(last, StructNode) and last.role == "Link" and last.href == href:
            return last
        return self.child("Link", href=href)

    def has_content(self) -> bool:
        """True if anything drawn belongs to this element or one below it."""
        return any(not isinstance(kid, StructNode) or kid.has_content() for kid in self.kids)


PAINTS = re.compile(
    r"(?<![/\w*])(?:Tj|TJ|'|\"|S|s|f\*?|F|B\*?|b\*?|n|Do|sh|BI|re|m|l|c|v|y|h)(?![\w*])"
)
"""Operators that draw, or build a path to draw: outside a tag they make an artifact."""


class MarkedCode(list[str]):
    """A page's drawing instructions, where whatever is drawn untagged becomes an artifact.

    ReportLab appends every instruction to its canvas's ``_code`` list; this list opens an
    ``/Artifact`` sequence before drawing that no tag claims, and closes it before the next
    tag, at the ``Q`` that ends the graphics state it was opened in, or at the page's end.
    """

    def __init__(self, page: int) -> None:
        super().__init__()
        self.page = page
        self.next_mcid = 0
        self.open: list[StructNode | None] = []
        """The sequences open now: a tagged node, or None for an explicit artifact."""
        self.suppressed = 0
        """Above 0, tags are not written: the content is a repeat and becomes an artifact."""
        self.artifact_depth: int | None = None
        """The ``q`` depth the automatic artifact was opened at; None when none is open."""
        self.depth = 0
        self.owner: StructNode | None = None
        """The element annotations made outside a tag belong to."""
        self.opened_at = 0
        """Where the last tagged sequence began in this list."""
        self.reopened = False
        """True while the sequence open now was reopened after a text object with links:
        ended with nothing drawn in it, it is taken back rather than left empty."""
        self.unbroken = 0
        """Above 0, what is drawn is one word over several lines: no space at line ends."""
        self.broken: list[BrokenWord] = []
        """The words broken over lines in the paragraph being drawn (``words.broken_words``)."""
        self.replacing: list[StructNode | None] = []
        """The element of each replacement text open now as a sequence of its own (None: not
        tagged; see ``actual_text``)."""

    def append(self, code: str) -> None:
        if code == "q":
            self.depth += 1
        elif code == "Q":
            if self.artifact_depth == self.depth:
                self.close_artifact()
            self.depth -= 1
        elif not self.open and self.artifact_depth is None and PAINTS.search(code):
            super().append("/Artifact BMC")
            self.artifact_depth = self.depth
        super().append(code)

    def close_artifact(self) -> None:
        """End the automatic artifact, if one is open."""
        if self.artifact_depth is not None:
            super().append("EMC")
            self.artifact_depth = None

    def begin(self, node: StructNode) -> None:
        """Start a sequence of content that belongs to ``node``."""
        if self.open and self.open[-1] is node:
            # Already inside this element's sequence: it simply goes on.
            self.open.append(node)
            return
        self.close_artifact()
        if self.open:
            self._end_sequence()
        self._open_mark(node)
        self.open.append(node)

    def _open_mark(self, node: StructNode, replaced: str | None = None) -> None:
        mcid = self.next_mcid
        self.next_mcid += 1
        node.kids.append(MarkRef(self.page, mcid))
        self.opened_at = len(self)
        self.reopened = False
        if replaced is None:
            super().append(f"/{node.role} <</MCID {mcid}>> BDC")
        else:
            # Tagged Span: poppler reads /ActualText only in a sequence of that name.
            super().append(replacement_text(replaced, mcid))

    def begin_replaced(self, text: str) -> None:
        """Start content whose text is ``text``, as a sequence of its own (until
        ``end_replaced``; see ``actual_text``)."""
        node = self.open[-1] if self.open and not self.suppressed else None
        self.replacing.append(node)
        if node is None:
            if not self.open and self.artifact_depth is None:
                super().append("/Artifact BMC")
                self.artifact_depth = self.depth
            super().append(replacement_text(text))
            return
        self._end_sequence(take_back=True)
        self._open_mark(node, text)

    def end_replaced(self) -> None:
        """End what ``begin_replaced`` began; the element's own sequence goes on after it."""
        super().append("EMC")
        node = self.replacing.pop()
        if node is not None:
            self._open_mark(node)
            self.reopened = True

    def _end_sequence(self, take_back: bool = False) -> None:
        """End the sequence open now; if ``take_back`` (or it was reopened) and nothing was
        drawn in it, remove its start and its MCID instead."""
        node = self.open[-1] if self.open else None
        take_back = take_back or self.reopened
        self.reopened = False
        if take_back and node is not None and len(self) > self.opened_at:
            mark = MarkRef(self.page, self.next_mcid - 1)
            drawn = PAINTS.search(" ".join(self[self.opened_at + 1 :]))
            started = self[self.opened_at].endswith(f"<</MCID {mark.mcid}>> BDC")
            # The element may have gained a kid since (a link's element): the mark is
            # taken back wherever it is among them.
            if started and not drawn and mark in node.kids:
                del self[self.opened_at]
                node.kids.remove(mark)
                self.next_mcid -= 1
                return
        super().append("EMC")

    def linked_text(self, code: list[str], cuts: list[tuple[int, StructNode | None]]) -> None:
        """A text object (``code``, from ``BT`` to ``ET``) in which links begin and end.

        ``cuts`` says where, by index in ``code``, the words of a ``Link`` begin (the link) or
        end (None). Each run of words gets its own sequence inside the text object, so the
        link's words are the ``Link``'s content and the others the open element's.
        """
        owner = self.open[-1] if self.open else None
        if owner is None or self.suppressed:
            self.append(" ".join(code))
            return
        self._end_sequence(take_back=True)
        end = len(code) - code[::-1].index("ET") - 1
        bounds = [(1, None), *cuts, (end, None)]
        super().append(code[0])
        for (start, link), (stop, _) in pairwise(bounds):
            piece = " ".join(code[start:stop])
            if not PAINTS.search(piece):
                if piece:
                    super().append(piece)
                continue
            node = owner if link is None else link
            if link is not None and not any(kid is link for kid in owner.kids):
                owner.kids.append(link)
            mcid = self.next_mcid
            self.next_mcid += 1
            # A link's words come before its annotations, made as its lines were laid out.
            place = len(node.kids)
            while place and isinstance(node.kids[place - 1], AnnotRef):
                place -= 1
            node.kids.insert(place, MarkRef(self.page, mcid))
            super().append(f"/{node.role} <</MCID {mcid}>> BDC {piece} EMC")
        super().append(" ".join(code[end:]))
        self._open_mark(owner)
        self.reopened = True

    def end(self) -> None:
        """End the innermost sequence; an outer tagged one goes on with a new MCID."""
        if len(self.open) > 1 and self.open[-2] is self.open[-1] is not None:
            self.open.pop()
            return
        if self.open[-1] is None:
            super().append("EMC")
        else:
            self._end_sequence()
        self.open.pop()
        if self.open:
            outer = self.open[-1]
            if outer is None:
                super().append("/Artifact BMC")
            else:
                self._open_mark(outer)

    def begin_artifact(self, properties: str) -> None:
        """Start an artifact sequence of a known kind (``/Pagination``, ``/Layout``)."""
        self.close_artifact()
        if self.open:
            if self.open[-1] is None:
                super().append("EMC")
            else:
                self._end_sequence()
        super().append(f"/Artifact <<{properties}>> BDC")
        self.open.append(None)

    def finish(self) -> None:
        """Close whatever is still open: the page is done."""
        self.close_artifact()
        while self.open:
            ended = self.open[-1]
            if len(self.open) > 1 and self.open[-2] is ended is not None:
                self.open.pop()
                continue
            if ended is None:
                super().append("EMC")
            else:
                self._end_sequence()
            self.open.pop()


def _marks(canvas: Any) -> MarkedCode | None:
    code = getattr(canvas, "_code", None)
    return code if isinstance(code, MarkedCode) else None


@contextmanager
def tagged(canvas: Any, node: StructNode | None) -> Iterator[None]:
    """Mark what is drawn inside as content of ``node`` (nothing happens for None)."""
    marks = _marks(canvas)
    if node is None or marks is None or marks.suppressed:
        yield
        return
    marks.begin(node)
    try:
        yield
    finally:
        marks.end()


def replacement_text(text: str, mcid: int | None = None) -> str:
    """The operator that starts a ``Span`` read back as ``text`` (ended by ``EMC``): marked
    content ``mcid`` of its element, if given."""
    encoded = text.encode("utf-16-be", "surrogatepass").hex().upper()
    mark = "" if mcid is None else f"/MCID {mcid} "
    return f"/Span <<{mark}/ActualText <FEFF{encoded}>>> BDC"


@contextmanager
def actual_text(canvas: Any, text: str, *, own_sequence: bool = False) -> Iterator[None]:
    """Draw something that reads back as ``text``, whatever its lines or pieces.

    A ``Span`` with ``/ActualText`` (ISO 32000-1, 14.9.4): text extraction, copy and paste
    and the tagged text give ``text`` once, where the page draws it in pieces (a web address
    broken over lines). No space is added at its line ends. Outside a tagged sequence (in an
    artifact) nothing is read, so nothing is added.

    With ``own_sequence`` (a shaped word, whose glyphs are not its letters one by one: a
    joined Arabic word, an Indic conjunct) the ``Span`` is a sequence of its own, with its
    own MCID among the element's kids, never one nested in the element's: poppler, for one,
    stops reading an element's content at the first ``EMC`` inside it, and a paragraph of
    shaped words holds one for every word. Outside a tagged element it is read too.
    """
    marks = _marks(canvas)
    if own_sequence:
        if marks is None:
            canvas._code.append(replacement_text(text))
            yield
            canvas._code.append("EMC")
            return
        marks.begin_replaced(text)
        try:
            yield
        finally:
            marks.end_replaced()
        return
    if marks is None or marks.suppressed or not marks.open or marks.open[-1] is None:
        yield
        return
    list.append(marks, replacement_text(text))
    marks.unbroken += 1
    try:
        yield
    finally:
        marks.unbroken -= 1
        list.append(marks, "EMC")


def begin_artifact(canvas: Any, kind: str, subtype: str | None = None) -> None:
    """Mark what is drawn next as an artifact of ``kind`` (``Pagination``, ``Layout``),
    until ``end_marked``."""
    marks = _marks(canvas)
    if marks is not None:
        marks.begin_artifact(f"/Type /{kind}" + (f" /Subtype /{subtype}" if subtype else ""))


def end_marked(canvas: Any) -> None:
    """End what ``begin_artifact`` began."""
    marks = _marks(canvas)
    if marks is not None:
        marks.end()


@contextmanager
def repeated(canvas: Any) -> Iterator[None]:
    """Draw content a second time (a table's header on its next page) as an artifact."""
    marks = _marks(canvas)
    if marks is not None:
        marks.suppressed += 1
    try:
        yield
    finally:
        if marks is not None:
            marks.suppressed -= 1


@contextmanager
def annotations_of(canvas: Any, node: StructNode | None) -> Iterator[None]:
    """Link annotations made inside, outside any tag, belong to ``node``."""
    marks = _marks(canvas)
    if marks is None:
        yield
        return
    before = marks.owner
    marks.owner = node
    try:
        yield
    finally:
        marks.owner = before


def annotation_owner(canvas: Any) -> StructNode | None:
    """The element a link annotation made now belongs to, if the page is being tagged."""
    marks = _marks(canvas)
    if marks is None:
        return None
    for node in reversed(marks.open):
        if node is not None:
            return node
    return marks.owner


class TaggedParagraph(Paragraph):  # type: ignore[misc]
    """A paragraph whose text is content of a structure element, on every page it spans."""

    node: StructNode | None = None
    actual: str | None = None
    """What the paragraph reads back as, if not its words as drawn (see ``actual_text``)."""
    _wrapped: tuple[float, Any, float] | None = None
    """The width last wrapped to, the lines it made and their height."""

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        # A paragraph is measured several times at one width while a page is filled (by
        # the box around it, its keep rule, the frame): its lines depend on the width
        # alone, so they are broken once per width.
        wrapped = self._wrapped
        if (
            wrapped is not None
            and wrapped[0] == available_width
            and wrapped[1] is getattr(self, "blPara", None)
        ):
            return available_width, wrapped[2]
        width, height = super().wrap(available_width, available_height)
        if width == available_width:
            self._wrapped = (available_width, self.blPara, height)
        return width, height

    def draw(self) -> None:
        node = self.node
        lines = getattr(self, "blPara", None)
        links = getattr(lines, "link", None) if getattr(lines, "kind", None) == 0 else None
        if node is not None and node.role != "Link" and links:
            # All in one style, the whole paragraph is the link: ReportLab draws it without
            # saying where a link begins, so all its words are the link's.
            node = node.link_for(links[-1][1])
        marks = _marks(self.canv)
        if marks is not None and node is not None and self.actual is None:
            # A word too long for its line reads back whole, without a space inside.
            marks.broken = broken_words(self)
        try:
            with tagged(self.canv, node):
                if self.actual is None:
                    super().draw()
                    return
                with actual_text(self.canv, self.actual):
                    super().draw()
        finally:
            if marks is not None:
                marks.broken = []

    def split(self, available_width: float, available_height: float) -> list[Any]:
        parts: list[Any] = super().split(available_width, available_height)
        for part in parts:
            part.node = self.node
            part.actual = self.actual
        return parts


def tagged_paragraph(text: str, style: Any, node: StructNode | None) -> TaggedParagraph:
    """A paragraph of ``text`` in ``style`` that is content of ``node``."""
    paragraph = TaggedParagraph(text, style)
    paragraph.node = node
    return paragraph


def numbering(ordered: bool) -> str:
    """A list's ``/ListNumbering``: ``Decimal`` for 1. 2. 3., ``Disc`` for bullets."""
    return "Decimal" if ordered else "Disc"


def page_box(canvas: Any, width: float, height: float) -> tuple[float, float, float, float]:
    """Where a flowable of this size drawn now lies on its page: left, bottom, right, top."""
    a, b, c, d, e, f = canvas._currentMatrix
    xs = [a * x + c * y + e for x in (0.0, width) for y in (0.0, height)]
    ys = [b * x + d * y + f for x in (0.0, width) for y in (0.0, height)]
    return min(xs), min(ys), max(xs), max(ys)


class _TaggedBullet:
    """A list item's bullet or number, drawn as the item's ``Lbl``."""

    def __init__(self, bullet: Any, node: StructNode) -> None:
        self.bullet = bullet
        self.node = node

    def __getattr__(self, name: str) -> Any:
        return getattr(self.bullet, name)

    def drawOn(self, indenter: Any, canvas: Any, x: float, y: float, _sW: float = 0) -> None:
        with tagged(canvas, self.node):
            self.bullet.drawOn(indenter, canvas, x, y, _sW)


def tag_list_labels(list_flowable: Any, labels: dict[int, StructNode]) -> None:
    """Tag each item's bullet as its ``Lbl``; ``labels`` maps the id of an item's first
    flowable to the item's label element."""
    for indenter in list_flowable._content:
        bullet = getattr(indenter, "_bullet", None)
        node = labels.get(id(getattr(indenter, "_flowable", None)))
        if bullet is not None and node is not None:
            indenter._bullet = _TaggedBullet(bullet, node)
