"""Line-end rules a paragraph keeps: applied only where its lines would break them.

A paragraph is broken into lines as it is written. Only where a line ends with a word its
language keeps off line ends (Polish and Czech one-letter words), a line starts with a dash,
or a heading's last line holds one word alone, are the spaces concerned made no-break
spaces (``generator.typography`` says which) and the paragraph broken again. Text that
keeps the rules prints exactly as before.
"""

from __future__ import annotations

import re
from typing import Any

from reportlab.platypus import Paragraph

from generator.render.pdf.tagging import StructNode, TaggedParagraph
from generator.typography import (
    NO_BREAK,
    ends_with_one_letter_word,
    no_break_spans,
    starts_with_dash,
)

MARKUP_TAG = re.compile(r"(<[^>]*>)")
"""A tag of ReportLab's paragraph markup; text between tags has its ``<`` escaped."""
LINE_BREAK = "\x00"
"""Stands for a ``<br/>`` in the text the rules read."""


def bind_spaces(markup: str, lang: str, rules: frozenset[str]) -> str:
    """Paragraph markup with the spaces ``rules`` name made no-break spaces.

    The rules look at the text alone, across inline tags (``w <b>Gmailu</b>``); a ``<br/>``
    counts as a line break that nothing is joined over.
    """
    pieces = MARKUP_TAG.split(markup)
    flat: list[str] = []
    owner: list[tuple[int, int]] = []
    for index, piece in enumerate(pieces):
        if index % 2:
            if piece.replace(" ", "").lower() in ("<br/>", "<br>"):
                # Not a space: no rule joins the words on either side of a line break.
                flat.append(LINE_BREAK)
                owner.append((-1, 0))
            continue
        for offset, char in enumerate(piece):
            flat.append(char)
            owner.append((index, offset))
    text = "".join(flat)
    spans = no_break_spans(
        text,
        lang,
        one_letter="one_letter" in rules,
        dashes="dashes" in rules,
        last="last" in rules,
    )
    changed: dict[tuple[int, int], str] = {}
    for start, end in spans:
        for position in range(start, end):
            changed[owner[position]] = NO_BREAK if position == start else ""
    if not changed:
        return markup
    for index in range(0, len(pieces), 2):
        piece = pieces[index]
        pieces[index] = "".join(
            changed.get((index, offset), char) for offset, char in enumerate(piece)
        )
    return "".join(pieces)


def line_texts(paragraph: Paragraph) -> list[tuple[str, bool]]:
    """The text of each line a wrapped paragraph was broken into, and whether a ``<br/>``
    ended it."""
    lines = paragraph.blPara.lines
    if paragraph.blPara.kind == 0:
        return [(" ".join(words), False) for _, words in lines]
    return [
        (
            "".join(getattr(frag, "text", "") for frag in line.words),
            bool(getattr(line, "lineBreak", False)),
        )
        for line in lines
    ]


def _words(lines: list[tuple[str, bool]]) -> int:
    """How many words the lines hold (a word cut over two lines counts twice)."""
    return sum(len(text.split()) for text, _ in lines)


def broken_rules(lines: list[tuple[str, bool]], lang: str, heading: bool) -> frozenset[str]:
    """The line-end rules these lines break."""
    broken: set[str] = set()
    for index, (text, forced) in enumerate(lines):
        if index < len(lines) - 1 and not forced and ends_with_one_letter_word(text, lang):
            broken.add("one_letter")
        if index and starts_with_dash(text):
            broken.add("dashes")
    if heading and len(lines) > 1 and len(lines[-1][0].split()) == 1:
        broken.add("last")
    return frozenset(broken)


class FinishedParagraph(TaggedParagraph):
    """A tagged paragraph whose lines keep the line-end rules of its language."""

    source: str | None = None
    """The markup as written (None for the halves of a split paragraph: already set)."""
    lang = "en"
    heading = False
    """A heading: its last line must not hold one word alone."""
    applied: frozenset[str] = frozenset()
    """The rules whose spaces are no-break spaces now."""
    refused: frozenset[str] = frozenset()
    """Rules given up on: the last two words together are wider than a line."""

    def __init__(self, text: str | None, style: Any = None, *args: Any, **kwargs: Any) -> None:
        # ReportLab makes the two halves of a split paragraph with this signature.
        super().__init__(text, style, *args, **kwargs)

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        known = self._wrapped
        size: tuple[float, float] = super().wrap(available_width, available_height)
        if self.source is None or (known is not None and self._wrapped is known):
            return size  # set before, or broken at this width already
        # Joining words may move a break elsewhere and break another rule: a few tries.
        for _ in range(3):
            lines = line_texts(self)
            rules = broken_rules(lines, self.lang, self.heading) - self.refused
            if rules <= self.applied:
                break
            self.applied |= rules
            size = self._rewrap(available_width, available_height)
            if _words(line_texts(self)) != _words(lines):
                # Words joined are too wide for a line together: rather than cut one between
                # its letters, leave them as they were.
                self.refused |= rules
                self.applied -= rules
                size = self._rewrap(available_width, available_height)
        return size

    def _rewrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        assert self.source is not None
        Paragraph.__init__(self, bind_spaces(self.source, self.lang, self.applied), self.style)
        self._wrapped = None
        result: tuple[float, float] = super().wrap(available_width, available_height)
        return result


def finished_paragraph(
    text: str, style: Any, node: StructNode | None, lang: str, *, heading: bool = False
) -> FinishedParagraph:
    """A paragraph of ``text`` in ``style``, content of ``node``, set by ``lang``'s rules."""
    paragraph = FinishedParagraph(text, style)
    paragraph.node = node
    paragraph.source = text
    paragraph.lang = lang
    paragraph.heading = heading
    return paragraph
