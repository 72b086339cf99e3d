"""The arithmetic of a workshop: where each part of the pack starts, booklet order, agenda times.

Nothing here draws or reads a PDF, so every rule can be tested on its own.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from generator.model import Guide, Inline, plain_text

HALF_PAGE = {"a4": "a5", "letter": "half-letter"}
"""The page a booklet or two-up pack is typeset on, for each paper size."""

Side = tuple[int | None, int | None]
"""One side of a printed sheet: the pack pages on its left and right halves (None: blank)."""


@dataclass(frozen=True)
class Part:
    """A run of pages in the attendee pack."""

    kind: str
    """``cover``, ``guide`` or ``notes`` (a page for notes, filling a gap)."""
    first: int
    """The number of its first page, counting the cover as page 1."""
    pages: int
    """How many pages it takes."""
    guide: int | None = None
    """For a guide's part, the guide's place in the pack (from 0)."""

    @property
    def last(self) -> int:
        """The number of its last page."""
        return self.first + self.pages - 1


def plan_pack(cover: int, guides: Sequence[int], multiple: int) -> list[Part]:
    """The parts of a pack: the cover, then each guide starting on a right-hand (odd) page.

    A notes page fills the left-hand page before a guide when needed, and more notes pages
    pad the end until the page count is a multiple of ``multiple`` (2 for double-sided
    printing, 4 for a booklet).
    """
    parts = [Part("cover", 1, cover)]
    page = cover + 1
    for index, count in enumerate(guides):
        if page % 2 == 0:
            parts.append(Part("notes", page, 1))
            page += 1
        parts.append(Part("guide", page, count, index))
        page += count
    while (page - 1) % multiple:
        parts.append(Part("notes", page, 1))
        page += 1
    return parts


def booklet_sides(pages: int, rtl: bool = False) -> list[Side]:
    """Sheet sides that fold into a booklet, front then back of each sheet, outermost first.

    Printed double-sided (flipping on the short edge), stacked in order and folded, the
    sheets read 1, 2, 3, ... Pages past ``pages`` (up to a multiple of four) are blank.
    With ``rtl`` every side's halves are swapped: the booklet opens from the right, its
    pages turning leftwards, as a book in Arabic or Urdu does.
    """
    total = -(-pages // 4) * 4
    sides: list[tuple[int, int]] = []
    for sheet in range(total // 4):
        outer, inner = total - 2 * sheet, 2 * sheet + 1
        sides.append((outer, inner))
        sides.append((inner + 1, outer - 1))
    if rtl:
        sides = [(right, left) for left, right in sides]
    return [
        (left if left <= pages else None, right if right <= pages else None)
        for left, right in sides
    ]


def two_up_sides(pages: int) -> list[Side]:
    """Sheet sides with the same page on both halves, to cut into two copies."""
    return [(page, page) for page in range(1, pages + 1)]


def sides_for(layout: str, pages: int, rtl: bool = False) -> list[Side]:
    """The sheet sides of an imposed layout (a right-to-left booklet opens from the right)."""
    if layout == "booklet":
        return booklet_sides(pages, rtl)
    if layout == "two-up":
        return two_up_sides(pages)
    raise ValueError(f"the {layout!r} layout is not imposed")


def clock(minutes: int, start: dt.time | None) -> str:
    """A time ``minutes`` into the session: the time of day if the start is known, else H:MM."""
    if start is not None:
        minutes += start.hour * 60 + start.minute
        return f"{minutes // 60 % 24:02d}:{minutes % 60:02d}"
    return f"{minutes // 60}:{minutes % 60:02d}"


@dataclass(frozen=True)
class Entry:
    """One guide of a workshop, as the cover, agenda and progress sheet show it."""

    number: int
    """Its number in the pack, from 1."""
    guide: Guide
    starts: str | None
    """When it starts in the session (see ``clock``); None after a guide with no time."""
    ends: str | None
    """When it ends; None if this guide or one before it has no time."""
    first_page: int
    """The pack page it starts on."""
    last_page: int
    """The pack page it ends on."""


def entries(
    guides: Sequence[Guide], parts: Sequence[Part], start: dt.time | None
) -> tuple[Entry, ...]:
    """The guides with their agenda times and their pages in the pack."""
    placed = {part.guide: part for part in parts if part.kind == "guide"}
    found: list[Entry] = []
    elapsed: int | None = 0
    for index, guide in enumerate(guides):
        starts = clock(elapsed, start) if elapsed is not None else None
        if elapsed is not None and guide.minutes is not None:
            elapsed += guide.minutes
        else:
            elapsed = None
        part = placed.get(index)
        found.append(
            Entry(
                number=index + 1,
                guide=guide,
                starts=starts,
                ends=clock(elapsed, start) if elapsed is not None else None,
                first_page=part.first if part else 0,
                last_page=part.last if part else 0,
            )
        )
    return tuple(found)


def need_key(need: tuple[Inline, ...]) -> str:
    """What a need says, folded so the same thing written twice is found once."""
    return " ".join(plain_text(need).casefold().split()).rstrip(".;,!")


@dataclass(frozen=True)
class Need:
    """One thing to bring, in the language of the guide that names it."""

    text: tuple[Inline, ...]
    """What the guide's "What you'll need" says."""
    lang: str
    """The guide's language: a screen reader reads it in that voice."""


def bring_list(guides: Sequence[Guide]) -> tuple[Need, ...]:
    """Everything the guides' "What you'll need" lists name, each thing once, in order.

    A guide in the pack with its translation is one guide here: its needs are listed once,
    from the edition in the pack's language (the first guide's).
    """
    from generator.i18n import primary

    language = primary(guides[0].lang) if guides else ""
    edition: dict[str, Guide] = {}
    for guide in guides:
        chosen = edition.setdefault(guide.slug, guide)
        if primary(guide.lang) == language and primary(chosen.lang) != language:
            edition[guide.slug] = guide
    seen: set[str] = set()
    found: list[Need] = []
    for guide in guides:
        if edition[guide.slug] is not guide:
            continue
        for need in guide.needs:
            key = need_key(need)
            if key not in seen:
                seen.add(key)
                found.append(Need(need, guide.lang))
    return tuple(found)


@dataclass(frozen=True)
class Workshop:
    """What the workshop templates show: the title, the guides and what to bring."""

    title: str
    """The workshop's title (``--title``)."""
    lang: str
    """The language of the pack's own pages: the first guide's language."""
    entries: tuple[Entry, ...]
    """The guides, in the order of the session."""
    bring: tuple[Need, ...]
    """What attendees should bring: every guide's needs, without repeats."""
    layout: str
    """``single``, ``booklet`` or ``two-up``."""
    start: str | None
    """When the session starts (HH:MM), if given."""

    @property
    def minutes(self) -> int | None:
        """The guides' time together, or None if a guide has no time."""
        times = [entry.guide.minutes for entry in self.entries]
        return None if None in times else sum(time or 0 for time in times)

    @property
    def oldest_check(self) -> dt.date:
        """The day the least recently checked guide was checked."""
        return min(entry.guide.checked for entry in self.entries)

    @property
    def newest_check(self) -> dt.date:
        """The day the most recently checked guide was checked."""
        return max(entry.guide.checked for entry in self.entries)
