"""The printable PDF handout: guide → Jinja2 template → XML story → platypus → PDF bytes.

``render_handout`` is what other renderers call (the email attaches its result);
``render_pdf_artifact`` is the ``pdf`` format of ``guide build``. ``typeset_story``
typesets any story; ``lay_out_story`` lays one out and leaves its pages to be numbered,
for packs that combine several.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.model import Block, Guide, Paragraph
from generator.problems import GuideError
from generator.render.pdf.deferred import defer_address_pattern
from generator.render.pdf.harfbuzz import hold_back

# Before any module of this package imports ReportLab: HarfBuzz held back, ReportLab's
# address pattern compiled on first use.
hold_back()
defer_address_pattern()

if TYPE_CHECKING:
    from generator.artifacts import Artifact, BuildContext
    from generator.options import BuildOptions
    from generator.render.pdf.document import LaidOut, Typeset
    from generator.render.pdf.fitting import Sources

__all__ = [
    "check_printable",
    "handout_pdf",
    "handout_story",
    "lay_out_story",
    "render_handout",
    "render_pdf_artifact",
    "story_sources",
    "typeset_story",
]


def handout_story(
    guide: Guide,
    options: BuildOptions,
    *,
    paper: str,
    large_print: bool,
    template: str = "handout/handout.xml",
    extra: dict[str, Any] | None = None,
) -> tuple[str, Path]:
    """The story a handout template makes of a guide, and the template's file."""
    from generator.parse.web_address import guide_address
    from generator.render.pdf.template import render_story

    context: dict[str, Any] = {
        "org": options.org,
        "logo": str(options.logo.resolve()) if options.logo else None,
        "contact": options.contact,
        "paper": paper,
        "large_print": large_print,
        "web_address": guide_address(options.base_url, guide.name),
        **(extra or {}),
    }
    return render_story(guide, context, templates=options.templates, name=template)


def story_sources(guides: tuple[Guide, ...], logo: Path | None) -> Sources:
    """What a story about some guides may show (their pictures and the logo), and where each
    picture and link is first used in them, for messages."""
    from generator.model import iter_images, iter_links
    from generator.render.pdf.fitting import Sources, Where

    pictures: dict[Path, Where] = {}
    links: dict[str, Where] = {}
    for guide in guides:
        for blocks, line, place in _places(guide):
            for image in iter_images(blocks):
                what = f"the picture '{image.source}'{place}"
                pictures.setdefault(
                    image.path.resolve(), Where(guide.path, image.line or None, what)
                )
            for link in iter_links(blocks):
                what = f"the link card for {link.url}{place}"
                links.setdefault(link.url, Where(guide.path, line, what))
    if logo is not None:
        pictures.setdefault(logo.resolve(), Where(logo, None, f"the logo '{logo.name}'"))
    return Sources(pictures, links)


def _places(guide: Guide) -> list[tuple[tuple[Block, ...], int | None, str]]:
    """Each part of a guide, its heading's line and how a message says where it is."""
    places: list[tuple[tuple[Block, ...], int | None, str]] = [
        (guide.intro, None, " in the introduction"),
        (tuple(Paragraph(need) for need in guide.needs), None, " in 'What you'll need'"),
    ]
    places.extend((part.body, part.line, f" in '{part.title}'") for part in guide.sections)
    places.extend(
        (step.body, step.line, f" in step {step.number} '{step.title}'") for step in guide.steps
    )
    places.extend((item.body, item.line, f" in caveat '{item.title}'") for item in guide.caveats)
    places.extend(
        (item.body, item.line, f" in question '{item.title}'") for item in guide.questions
    )
    places.append((guide.facilitator, None, " in the facilitator notes"))
    return places


def typeset_story(
    story: str,
    *,
    page: str,
    large_print: bool,
    origin: Path,
    subject: Path | None = None,
    sources: Sources | None,
) -> Typeset:
    """Typeset a story on pages of ``page`` size; problems are reported against ``origin``.

    ``sources`` holds the only picture files the story may show (``story_sources``); None
    allows any local file, for a story written by hand.
    """
    from generator.render.pdf.document import Typeset

    laid_out = lay_out_story(
        story,
        page=page,
        large_print=large_print,
        origin=origin,
        subject=subject,
        sources=sources,
    )
    return Typeset(laid_out.finish(), laid_out.pages)


class TableTooWide(GuideError):
    """A ``<tick-table>`` with more columns than the page has room for."""

    def __init__(self, origin: Path, message: str, most: int) -> None:
        super().__init__(origin, None, message)
        self.most = most
        """How many tick columns the page has room for."""


def lay_out_story(
    story: str,
    *,
    page: str,
    large_print: bool,
    origin: Path,
    hint: str = " (build with --story to see the story)",
    subject: Path | None = None,
    sources: Sources | None,
    draw: bool = True,
) -> LaidOut:
    """Lay a story out on pages of ``page`` size; ``finish`` numbers the pages and writes it.

    A story the typesetter cannot use is reported against ``origin``, followed by ``hint``;
    content too large for a page is reported against ``subject`` (the guide) if given.
    ``sources`` holds the only picture files the story may show (``story_sources``); None
    allows any local file, for a story written by hand. ``draw`` False only measures the
    pages (to learn whether everything fits): nothing can be written from the result.
    """
    from generator.render.pdf.parsed import shared_parsing

    with shared_parsing():
        return _lay_out_variants(
            _Story(story, page, large_print, origin, hint, subject, sources), draw=draw
        )


def _lay_out_variants(story: _Story, *, draw: bool) -> LaidOut:
    """The layout ``lay_out_story`` keeps, drawn (unless ``draw`` is False)."""
    from generator.render.pdf.styles import (
        BALANCE_TRIES,
        GAPING,
        NEAR_EMPTY,
        SQUEEZE,
        TIGHTENINGS,
    )

    # The variants tried are only measured; the one kept is drawn once, at the end.
    def once(tightening: int, break_before: int | None = None) -> _Tried:
        variant = _Variant(tightening, break_before)
        laid = _lay_out_once(story, variant, draw=False)
        if laid.moved:
            # A box moved whole to the next page pushes what follows it on: if that costs
            # a page, the box splits with "(continued)" instead.
            split_variant = _Variant(tightening, break_before, boxes_move=False)
            split = _lay_out_once(story, split_variant, draw=False)
            if split.pages < laid.pages:
                return _Tried(split, split_variant)
        return _Tried(laid, variant)

    def drawn(tried: _Tried) -> LaidOut:
        if not draw:
            return tried.laid
        return _lay_out_once(story, tried.variant, draw=True)

    def near_empty(laid: LaidOut) -> bool:
        return laid.pages > 1 and laid.fills[-1] < NEAR_EMPTY

    best = once(0)
    laid_out = best.laid
    tightening = 0
    # A nearly empty last page, or pages that would nearly fit in one fewer: try the
    # tightest spacing, and if it saves a page, the loosest variant that saves it too
    # (every variant is a full layout, so only when it may help).
    if near_empty(laid_out) or (
        laid_out.pages > 1 and sum(laid_out.fills) * SQUEEZE <= laid_out.pages - 1
    ):
        tightest = len(TIGHTENINGS) - 1
        tight = once(tightest)
        if tight.laid.pages < laid_out.pages:
            best, tightening = tight, tightest
            for level in range(1, tightest):
                looser = once(level)
                if looser.laid.pages <= tight.laid.pages:
                    best, tightening = looser, level
                    break
            laid_out = best.laid
    if not near_empty(laid_out):
        return drawn(best)
    # Still a few lines alone: start the last page earlier, with a unit from the page
    # before, as long as that page is not left too empty.
    last = laid_out.pages - 1
    candidates = [i for i, start in enumerate(laid_out.starts) if start == last - 1]
    for index in reversed(candidates[1:][-BALANCE_TRIES:]):
        balanced = once(tightening, break_before=index)
        if (
            balanced.laid.pages == laid_out.pages
            and balanced.laid.fills[-1] >= NEAR_EMPTY
            and 1 - balanced.laid.fills[-2] <= GAPING
        ):
            return drawn(balanced)
    return drawn(best)


@dataclass(frozen=True)
class _Story:
    """A story to lay out, on what pages, and whose problems are reported against what."""

    story: str
    page: str
    large_print: bool
    origin: Path
    hint: str
    subject: Path | None
    sources: Sources | None


@dataclass(frozen=True)
class _Variant:
    """One way of laying a story out: its spacing, a page break put in, boxes that move."""

    tightening: int
    """Which of ``styles.TIGHTENINGS``: 0 is the design, higher is tighter."""
    break_before: int | None = None
    """The flowable a page break is put before, if any."""
    boxes_move: bool = True
    """A box that fits on a page moves whole rather than split (``styles.BOX_MOVES``)."""


@dataclass(frozen=True)
class _Tried:
    """A variant laid out (measured, not drawn)."""

    laid: LaidOut
    variant: _Variant


def _lay_out_once(laying: _Story, variant: _Variant, *, draw: bool) -> LaidOut:
    """One variant of a story laid out: drawn, or with ``draw`` False only measured."""
    from reportlab.platypus import PageBreak

    from generator.render.pdf.document import lay_out
    from generator.render.pdf.fitting import DoesNotFit, named_part, page_name
    from generator.render.pdf.layout import Inset, KeepStart
    from generator.render.pdf.shaping import ShapingError
    from generator.render.pdf.story import StoryError, TooManyColumns, parse_story
    from generator.render.pdf.styles import stylesheet

    page, large_print, origin, hint = laying.page, laying.large_print, laying.origin, laying.hint
    sheet = stylesheet(page, large_print, variant.tightening)
    break_before = variant.break_before
    try:
        parsed = parse_story(
            laying.story, sheet, sources=laying.sources, boxes_move=variant.boxes_move
        )
    except TooManyColumns as exc:
        raise TableTooWide(origin, f"{exc}{hint}", exc.most) from None
    except StoryError as exc:
        raise GuideError(origin, None, f"{exc}{hint}") from None
    flowables = parsed.flowables
    if break_before is not None:
        # A heading's keep rule stands just before it: the break goes before both.
        while break_before > 0 and isinstance(flowables[break_before - 1], KeepStart):
            break_before -= 1
        flowables = [*flowables[:break_before], PageBreak(), *flowables[break_before:]]
    # (Laying out empties the list of flowables: the boxes are noted first.)
    boxes = [flowable for flowable in flowables if isinstance(flowable, Inset)]
    try:
        laid = lay_out(flowables, sheet, parsed.info, parsed.footer, parsed.structure, draw=draw)
        laid.moved = any(box.moved for box in boxes)
        return laid
    except ShapingError as exc:
        raise GuideError(laying.subject or origin, None, f"{exc}: it cannot be printed") from None
    except DoesNotFit as exc:
        # A part that cannot fit on one page at all (a picture with a long caption, a very
        # long address), or a layout stopped because it would never end.
        where = page_name(page, large_print)
        if exc.flowable is None:
            raise GuideError(origin, None, f"on {where}, {exc.reason}{hint}") from None
        part = named_part(exc.flowable)
        message = f"{part.what} is too large for {where}: {part.advice}"
        if exc.reason:
            message = f"the layout was stopped at {part.what} on {where}: {exc.reason}{hint}"
        raise GuideError(part.guide or laying.subject or origin, part.line, message) from None


def check_printable(guide: Guide, options: BuildOptions) -> None:
    """Raise GuideError for anything in a guide or the branding that cannot print faithfully."""
    from generator.render.glyphs import check_guide_glyphs
    from generator.render.pdf.fonts import check_option_glyphs
    from generator.render.pdf.pictures import check_pictures

    check_guide_glyphs(guide)
    check_option_glyphs({"org": options.org, "contact": options.contact}, guide.lang)
    check_pictures(guide, options.logo)


def render_handout(
    guide: Guide,
    options: BuildOptions,
    *,
    paper: str,
    large_print: bool,
    template: str = "handout/handout.xml",
) -> bytes:
    """The PDF handout of a guide; GuideError if it cannot be printed faithfully."""
    check_printable(guide, options)
    story, origin = handout_story(
        guide, options, paper=paper, large_print=large_print, template=template
    )
    return typeset_story(
        story,
        page=paper,
        large_print=large_print,
        origin=origin,
        subject=guide.path,
        sources=story_sources((guide,), options.logo),
    ).data


def handout_pdf(
    context: BuildContext, guide: Guide, paper: str | None = None, large_print: bool | None = None
) -> bytes:
    """The handout of a guide for the context's options (or the paper and size given), made once."""
    paper = paper or context.options.paper
    large = context.options.large_print if large_print is None else large_print
    key = (guide.name, paper, large)
    if key not in context.pdf_cache:
        context.pdf_cache[key] = render_handout(
            guide, context.options, paper=paper, large_print=large
        )
        if _decoded_pixels(guide, context.options.logo) > RELEASE_AFTER_PIXELS:
            import gc

            # ReportLab's document refers to itself, so it (pictures included) would otherwise
            # stay in memory, under the email and the read-back, until Python's next full
            # sweep. A full sweep costs about 13 ms, so it is made only where it frees a lot.
            gc.collect()
    return context.pdf_cache[key]


RELEASE_AFTER_PIXELS = 1_000_000
"""Pictures with more pixels than this in all are released right after the handout is made."""


def _decoded_pixels(guide: Guide, logo: Path | None) -> int:
    """How many pixels the handout's pictures (and logo) decode to, read from their headers."""
    from generator.model import all_blocks, iter_images
    from generator.parse.pictures import locate_picture

    found = [locate_picture(guide.path, image.source) for image in iter_images(all_blocks(guide))]
    files = [path for path in [*found, logo] if isinstance(path, Path)]
    if not files:
        return 0
    import io

    from PIL import Image

    from generator.files import read_file
    from generator.parse.pictures import MAX_PICTURE_BYTES

    total = 0
    for path in files:
        try:
            with Image.open(io.BytesIO(read_file(path, MAX_PICTURE_BYTES))) as picture:
                width, height = picture.size
        except (OSError, ValueError):
            continue
        total += width * height
    return total


def page_count(data: bytes) -> int:
    """The number of pages of a PDF this package wrote."""
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", data))


def render_pdf_artifact(guide: Guide, context: BuildContext) -> list[Artifact]:
    """The ``pdf`` format: ``<name>.pdf``, and with ``--story`` the story it came from."""
    from generator.artifacts import Artifact
    from generator.i18n import ui_ngettext as ngettext

    options = context.options
    data = handout_pdf(context, guide)
    pages = page_count(data)
    artifacts = [
        Artifact(
            name=f"{guide.name}.pdf",
            data=data,
            kind="pdf",
            detail=ngettext("%(count)d page", "%(count)d pages", pages) % {"count": pages},
        )
    ]
    if options.story:
        story, _ = handout_story(
            guide, options, paper=options.paper, large_print=options.large_print
        )
        artifacts.append(Artifact(name=f"{guide.name}.story.xml", data=story.encode(), kind=None))
    return artifacts
