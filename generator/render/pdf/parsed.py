"""Paragraph markup parsed once per story, however many times the story is laid out.

A handout may be laid out several times (the spacing variants, a box split instead of moved,
the last page started earlier, then the layout kept, drawn). Each layout makes its paragraphs
afresh, and ReportLab parses each paragraph's markup into runs of text (its "frags") as it is
made: a sixth of a layout. The runs depend on the markup and on the style's type (font, size,
colour…), never on the space above or below a paragraph, the one thing the variants change;
so while ``shared_parsing`` is in force, a paragraph takes the runs an earlier one with the
same markup and type made. ReportLab never changes a paragraph's parsed runs in place (a line
break or a split works on copies), so sharing them cannot change what is drawn. The store
belongs to one story and ends with it: nothing is kept from one guide to the next.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from reportlab.platypus import Paragraph

SPACING = frozenset({"spaceBefore", "spaceAfter", "parent"})
"""A style's attributes that the parsed runs do not depend on (``parent``: its attributes
are copied into the style itself)."""


class _Store:
    """The runs parsed so far in one story, by markup and style type."""

    def __init__(self) -> None:
        self.parsed: dict[tuple[str, tuple[Any, ...], Any], tuple[str, list[Any], Any]] = {}
        self.types: dict[int, tuple[Any, tuple[Any, ...]]] = {}

    def type_of(self, style: Any) -> tuple[Any, ...]:
        """Every attribute of a style but its spacing, as a key (once per style object)."""
        known = self.types.get(id(style))
        if known is None or known[0] is not style:
            items = sorted(
                (name, repr(value)) for name, value in vars(style).items() if name not in SPACING
            )
            known = (style, (type(style), *items))
            self.types[id(style)] = known
        return known[1]


_STORE: ContextVar[_Store | None] = ContextVar("parsed_paragraphs", default=None)


@contextmanager
def shared_parsing() -> Iterator[None]:
    """Paragraphs made inside share parsed markup (a store of their own, ended on leaving)."""
    token = _STORE.set(_Store())
    try:
        yield
    finally:
        _STORE.reset(token)


class ParsedOnce(Paragraph):  # type: ignore[misc]
    """A paragraph that takes its parsed runs from the story's store when it can."""

    text: Any
    frags: Any
    style: Any
    bulletText: Any
    debug: int

    def _setup(self, text: Any, style: Any, bulletText: Any, frags: Any, cleaner: Any) -> None:
        store = _STORE.get()
        if (
            store is None
            or frags is not None
            or not isinstance(text, str)
            or not isinstance(bulletText, str | None)
        ):
            super()._setup(text, style, bulletText, frags, cleaner)
            return
        key = (text, store.type_of(style), bulletText)
        found = store.parsed.get(key)
        if found is None:
            super()._setup(text, style, bulletText, frags, cleaner)
            if self.style is style:  # markup that sets its own style is parsed each time
                store.parsed[key] = (self.text, self.frags, self.bulletText)
            return
        self.text, self.frags, self.bulletText = found
        self.style = style
        self.debug = 0
