"""The attendee pack: a cover, each guide's handout from a fresh right-hand page, notes pages.

Every part is laid out on its own first, so the cover can say where each guide starts;
then all pages are numbered as one run ("Page 5 of 16") and joined into one PDF.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.model import Guide
from generator.options import BuildOptions
from generator.problems import GuideError
from generator.render.pdf import (
    TableTooWide,
    check_printable,
    handout_story,
    lay_out_story,
    story_sources,
)
from generator.render.pdf.document import LaidOut
from generator.render.pdf.template import render_template
from generator.workshop.pdfs import join_documents
from generator.workshop.plan import HALF_PAGE, Part, Workshop, bring_list, entries, plan_pack

COVER_TEMPLATE = "workshop/cover.xml"
NOTES_TEMPLATE = "workshop/notes.xml"
COVER_TRIES = 5
"""Layouts of the cover tried for its length to settle (its page numbers depend on it)."""


@dataclass(frozen=True)
class PackRequest:
    """Everything the pack is made from."""

    guides: tuple[Guide, ...]
    title: str
    paper: str
    """``a4`` or ``letter``: the paper everything is printed on."""
    layout: str
    start: dt.time | None
    """When the session starts, for the agenda."""
    handout: BuildOptions
    """Branding, templates and large print, as for a handout."""

    @property
    def page(self) -> str:
        """The page size the pack is typeset on: half the paper for a booklet or two-up."""
        return self.paper if self.layout == "single" else HALF_PAGE[self.paper]


@dataclass(frozen=True)
class Pack:
    """The attendee pack in reading order, and where each part of it is."""

    data: bytes
    parts: tuple[Part, ...]
    workshop: Workshop

    @property
    def pages(self) -> int:
        """The number of pages."""
        return self.parts[-1].last


def template_context(request: PackRequest, workshop: Workshop, paper: str) -> dict[str, Any]:
    """What every workshop template can use besides the guide model."""
    options = request.handout
    return {
        "workshop": workshop,
        "org": options.org,
        "logo": str(options.logo.resolve()) if options.logo else None,
        "contact": options.contact,
        "paper": paper,
        "large_print": options.large_print,
    }


def lay_out_template(
    name: str, context: dict[str, Any], request: PackRequest, page: str
) -> LaidOut:
    """Lay out the story a workshop template makes, on pages of ``page`` size."""
    story, origin = render_template(
        name, context, templates=request.handout.templates, lang=request.guides[0].lang
    )
    large_print = request.handout.large_print
    try:
        return lay_out_story(
            story,
            page=page,
            large_print=large_print,
            origin=origin,
            hint="",
            sources=story_sources(request.guides, request.handout.logo),
        )
    except TableTooWide as error:
        # Said for the person making the pack, not for the template's author.
        raise GuideError(
            Path("guide workshop"),
            None,
            f"a pack can hold at most {error.most} guides on {page.upper()} paper"
            f"{' in large print' if large_print else ''}: the progress sheet has a tick column "
            "for each; make two workshops",
        ) from None


def _lay_out_guide(guide: Guide, request: PackRequest) -> LaidOut:
    check_printable(guide, request.handout)
    story, origin = handout_story(
        guide, request.handout, paper=request.page, large_print=request.handout.large_print
    )
    return lay_out_story(
        story,
        page=request.page,
        large_print=request.handout.large_print,
        origin=origin,
        subject=guide.path,
        sources=story_sources((guide,), request.handout.logo),
    )


def _workshop(request: PackRequest, parts: list[Part]) -> Workshop:
    return Workshop(
        title=request.title,
        lang=request.guides[0].lang,
        entries=entries(request.guides, parts, request.start),
        bring=bring_list(request.guides),
        layout=request.layout,
        start=request.start.strftime("%H:%M") if request.start else None,
    )


def make_pack(request: PackRequest) -> Pack:
    """Typeset the attendee pack; GuideError if any part of it cannot be printed."""
    multiple = 4 if request.layout == "booklet" else 2
    guides = [_lay_out_guide(guide, request) for guide in request.guides]
    counts = [laid.pages for laid in guides]
    # The cover lists the page each guide starts on, which depends on the cover's own length.
    cover_pages = 1
    for _ in range(COVER_TRIES):
        parts = plan_pack(cover_pages, counts, multiple)
        workshop = _workshop(request, parts)
        context = template_context(request, workshop, request.page)
        cover = lay_out_template(COVER_TEMPLATE, context, request, request.page)
        if cover.pages == cover_pages:
            break
        planned, cover_pages = cover_pages, cover.pages
    else:
        # Each try's page numbers change the cover's length again: it never settles.
        raise GuideError(
            Path(COVER_TEMPLATE),
            None,
            f"the cover takes {cover.pages} pages when planned for {planned}, after "
            f"{COVER_TRIES} tries: make its length not depend on the page numbers it lists",
        )
    total = parts[-1].last
    documents: list[tuple[bytes, str | None, bool]] = []
    for part in parts:
        if part.kind == "cover":
            documents.append((cover.finish(part.first, total), None, True))
        elif part.kind == "guide":
            assert part.guide is not None
            guide = request.guides[part.guide]
            data = guides[part.guide].finish(part.first, total)
            documents.append((data, f"{part.guide + 1}. {guide.title}", True))
        else:
            notes = lay_out_template(NOTES_TEMPLATE, context, request, request.page)
            if notes.pages != 1:
                raise GuideError(
                    Path(NOTES_TEMPLATE),
                    None,
                    f"the notes page must fill exactly one page, not {notes.pages}",
                )
            documents.append((notes.finish(part.first, total), None, False))
    return Pack(join_documents(documents), tuple(parts), workshop)
