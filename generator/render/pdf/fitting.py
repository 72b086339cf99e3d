"""What cannot fit on a page, named so that a person can act on it, and the layout's bounds.

Every layout ends: a part no empty page can hold stops it at once (``DoesNotFit``), a page
that takes nothing new from the story twice running stops it, and so does a document longer
than ``MOST_PAGES``. The message names the part (a picture with its guide's line, a link's
address, the first words of a paragraph) and the page it did not fit.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.render.pdf.flowables import LinkCard, Picture, StepHeading
from generator.render.pdf.forms import TickTable, WritingLines

MOST_PAGES = 1000
"""The most pages one laid-out document (a handout, a part of a pack, a sheet) may take.
A guide within its limits takes a few dozen even on booklet pages in large print (its email
must stay under Gmail's 102 KB); more means a template asked for something without end."""

IDLE_PAGES = 2
"""Pages in a row that take nothing new from the story before the layout is stopped."""

PAGE_NAMES = {
    "a4": "an A4 page",
    "letter": "a Letter page",
    "a5": "a booklet page (A5, half of A4)",
    "half-letter": "a booklet page (half of Letter)",
}


@dataclass(frozen=True)
class Where:
    """Where a guide shows a picture or a link, so a message about it can point there."""

    guide: Path
    """The guide (or, for the logo, the logo file)."""
    line: int | None
    """The line of the picture, or of the heading of the part holding the link."""
    what: str
    """It as a message names it: "the picture 'phone.png' in caveat 'Old posts'"."""


@dataclass(frozen=True)
class Sources:
    """What a story about some guides may show, and where the guides show it."""

    pictures: Mapping[Path, Where]
    """The only picture files (resolved) the story may show: the guides' and the logo."""
    links: Mapping[str, Where]
    """Each address the guides link to, where it is first used."""


class DoesNotFit(Exception):
    """A part of a story that no page can hold, or a layout that would not end."""

    def __init__(self, flowable: Any, reason: str = "") -> None:
        super().__init__(reason)
        self.flowable = flowable
        """The flowable that does not fit (or was next when the layout was stopped)."""
        self.reason = reason
        """Why the layout was stopped, when it was not one part too large."""


def is_generated(flowable: Any) -> bool:
    """True for what the layout adds itself (a "continued" line, a keep rule), not the story."""
    return bool(getattr(flowable, "generated", False))


def culprit(flowable: Any) -> Any:
    """The part of a flowable that cannot be split, where it holds one: a picture, a card."""
    stuck = getattr(flowable, "stuck", None)
    if stuck is not None and stuck is not flowable:
        return culprit(stuck)
    for child in getattr(flowable, "content", None) or getattr(flowable, "_content", None) or ():
        if isinstance(child, (Picture, LinkCard)):
            return child
    return flowable


@dataclass(frozen=True)
class Described:
    """A part that does not fit, as a message names it, and what would help."""

    what: str
    """"the picture 'phone.png' in caveat 'Old posts'", "the text 'Tap …'"."""
    guide: Path | None
    line: int | None
    advice: str
    """What to change so that it fits."""


PICTURE_ADVICE = (
    "shorten its description (printed under it) or use a less tall picture (it is already "
    "printed as small as a picture may be)"
)
LINK_ADVICE = "shorten the link's words or its address"
TEXT_ADVICE = "shorten it (a very long address or word), or split it in two"


def named_part(flowable: Any) -> Described:
    """A flowable that does not fit, named, with the guide and line it comes from if known."""
    flowable = culprit(flowable)
    where: Where | None = getattr(flowable, "where", None)
    guide, line = (where.guide, where.line) if where is not None else (None, None)
    if isinstance(flowable, Picture):
        return Described(where.what if where else "a picture", guide, line, PICTURE_ADVICE)
    if isinstance(flowable, LinkCard):
        what = where.what if where else f"the link card for {flowable.shown}"
        return Described(what, guide, line, LINK_ADVICE)
    if isinstance(flowable, TickTable):
        columns = ", ".join(header.getPlainText() for header in flowable.headers)
        return Described(f"the table to tick ({columns})", None, None, TEXT_ADVICE)
    if isinstance(flowable, WritingLines):
        return Described("the lines to write on", None, None, TEXT_ADVICE)
    if isinstance(flowable, StepHeading):
        title = flowable.paragraph.getPlainText()
        return Described(f"step {flowable.number} '{title}'", None, None, TEXT_ADVICE)
    content = getattr(flowable, "content", None)
    if content:
        for child in content:
            if not is_generated(child):
                return named_part(child)
    text = getattr(flowable, "getPlainText", None)
    if text is not None:
        words = " ".join(str(text()).split())
        shown = f"{words[:60]}{'…' if len(words) > 60 else ''}"
        return Described(f"the text '{shown}'", None, None, TEXT_ADVICE)
    return Described("a part of it", None, None, TEXT_ADVICE)


def page_name(page: str, large_print: bool) -> str:
    """A page size as a message names it: "a booklet page (A5, half of A4) in large print"."""
    return f"{PAGE_NAMES.get(page, page)}{' in large print' if large_print else ''}"
