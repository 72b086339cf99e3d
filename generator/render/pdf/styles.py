"""Every size, leading and margin of a printed handout, in one place.

RNIB Clear Print is the reference: sans-serif, left-aligned, black, 12 pt or more for
body text (18 pt or more in large print), generous leading, nothing carried by colour
or italics. Large print is a second set of numbers, not a second code path.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache

from reportlab.lib.colors import black
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.pagesizes import A4, A5, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch, mm

from generator.render.pdf.fonts import BOLD, REGULAR

PAGE_SIZES: dict[str, tuple[float, float]] = {
    "a4": A4,
    "letter": LETTER,
    "a5": A5,
    "half-letter": (5.5 * inch, 8.5 * inch),
}
"""Page sizes by name, in points; ``a5`` and ``half-letter`` are for workshop booklets."""

HALF_SIZES = frozenset({"a5", "half-letter"})


@dataclass(frozen=True)
class Margins:
    """Space kept clear around the text, in points; safe for home printers."""

    left: float
    right: float
    top: float
    bottom: float
    """Below the footer: home printers cannot print the outer 5 to 7 mm of a sheet."""


FULL_MARGINS = Margins(left=20 * mm, right=20 * mm, top=18 * mm, bottom=12 * mm)
HALF_MARGINS = Margins(left=13 * mm, right=13 * mm, top=12 * mm, bottom=11 * mm)
LARGE_FULL_MARGINS = Margins(left=18 * mm, right=18 * mm, top=16 * mm, bottom=12 * mm)
LARGE_HALF_MARGINS = Margins(left=11 * mm, right=11 * mm, top=11 * mm, bottom=11 * mm)
LEAST_MARGIN = 12 * mm
"""The narrowest a tighter layout makes a margin (one designed narrower stays as it is)."""


@dataclass(frozen=True)
class Profile:
    """Type sizes and spacing (points) for one reading size."""

    body: float
    """Body text: paragraphs, lists, answers."""
    leading: float
    """Distance between baselines of body text."""
    lead: float
    """The summary under the title."""
    title: float
    """The guide's title."""
    heading: float
    """Section headings (What you'll need, Steps, ...)."""
    subheading: float
    """Titles of steps, caveats and questions."""
    step_number: float
    """The big number beside each step."""
    small: float
    """Captions and the words beside a QR code: never below 12 pt."""
    footer: float
    """The footer on every page."""
    gap: float
    """Space after a paragraph."""
    section_gap: float
    """Space before a section heading."""
    tick_box: float
    """Side of the empty box to tick a step off."""
    number_column: float
    """Width kept for the step number; step text lines up after it. A guide whose widest
    number needs more gets a column as wide as that number and ``number_gap``."""
    number_gap: float
    """The least space between a step's number and its title."""
    qr: float
    """Side of a printed QR code (large enough for older phone cameras)."""
    box_padding: float
    """Space inside a boxed section."""
    rule: float
    """Line width of boxes and tick boxes."""
    image_height: float
    """Tallest a picture may be printed."""
    logo_height: float
    """Height of an organisation's logo."""
    write_line: float
    """Distance between ruled lines to write on by hand, and height of a tick table's rows."""


REGULAR_PROFILE = Profile(
    body=13,
    leading=19,
    lead=15,
    title=25,
    heading=19,
    subheading=15,
    step_number=28,
    small=12,
    footer=12,
    gap=8,
    section_gap=20,
    tick_box=20,
    number_column=13 * mm,
    number_gap=17,
    qr=26 * mm,
    box_padding=11,
    rule=1.6,
    image_height=95 * mm,
    logo_height=14 * mm,
    write_line=9 * mm,
)

LARGE_PROFILE = Profile(
    body=18,
    leading=26,
    lead=20,
    title=32,
    heading=26,
    subheading=21,
    step_number=38,
    small=18,
    footer=18,
    gap=11,
    section_gap=26,
    tick_box=28,
    number_column=18 * mm,
    number_gap=24,
    qr=32 * mm,
    box_padding=14,
    rule=2.2,
    image_height=120 * mm,
    logo_height=18 * mm,
    write_line=11 * mm,
)


@dataclass(frozen=True)
class Tightening:
    """Factors for one tighter variant of a profile, tried to save a nearly empty last page.

    Only space, margins and pictures change; type sizes and line spacing never do.
    """

    gap: float
    """Space after paragraphs and between blocks."""
    section_gap: float
    """Space above headings and steps."""
    image_height: float
    """The tallest a picture may be printed."""
    margin: float
    """The page's side and top margins (never below ``LEAST_MARGIN``): a wider, taller text
    column is what saves a page in large print, where each line holds few words."""


TIGHTENINGS = (
    Tightening(gap=1.0, section_gap=1.0, image_height=1.0, margin=1.0),
    Tightening(gap=0.85, section_gap=0.75, image_height=0.9, margin=0.9),
    Tightening(gap=0.7, section_gap=0.55, image_height=0.8, margin=0.8),
    Tightening(gap=0.6, section_gap=0.4, image_height=0.7, margin=0.7),
)
"""The layout's variants, loosest first: the first is the stylesheet as designed."""

SMALLEST_PICTURE = 0.3
"""A picture made smaller to fit on a page keeps at least this share of the tallest a
picture may be printed (``image_height``); a smaller one would not show its details."""

NEAR_EMPTY = 0.25
"""A last page using less than this share of its text column is worth saving a page for."""
SQUEEZE = 0.9
"""About the share of its designed height a document takes at the tightest spacing: pages
whose content would fit in one page fewer at that share are worth a tighter try."""
BALANCE_TRIES = 3
"""How many places to start the last page earlier are tried when it is still nearly empty."""
GAPING = 0.45
"""A page (not the last) left emptier than this share is a broken promise, unless the next
unit could not have fitted in the room left."""
BOX_MOVES = 0.4
"""A box (the caveats) that fits on a page moves whole to the next page rather than split
with "(continued)", unless that leaves more than this share of the page empty (less than
``GAPING``, so a page a box leaves is never one the read-back calls half empty)."""
SHORT_LIST = 6
"""A list of at most this many items is never split over two pages (unless it is taller
than a page), and stays with the heading above it."""


@dataclass(frozen=True)
class Stylesheet:
    """The page and the paragraph styles of one handout size."""

    page: str
    """Name of the page size (a key of PAGE_SIZES)."""
    page_size: tuple[float, float]
    margins: Margins
    profile: Profile
    paragraphs: dict[str, ParagraphStyle]
    """Paragraph styles by name; the story's ``style`` attribute picks one of the public ones."""

    @property
    def frame_width(self) -> float:
        """Width of the text column."""
        return self.page_size[0] - self.margins.left - self.margins.right

    @property
    def footer_leading(self) -> float:
        """Distance between the footer's lines."""
        return self.profile.footer * 1.3

    def text_bottom(self, footer_lines: int, leading: float | None = None) -> float:
        """Height above the page's bottom edge where the text column ends, above a footer
        of some lines ``leading`` apart (``footer_leading`` unless its script needs more)."""
        if not footer_lines:
            return self.margins.bottom
        # The lines, the rule above them, and a gap between the rule and the text.
        return (
            self.margins.bottom
            + footer_lines * (leading or self.footer_leading)
            + self.profile.footer * 0.8
            + self.profile.gap * 1.5
        )

    def frame_height(self, footer_lines: int, leading: float | None = None) -> float:
        """Height of the text column above a footer of some lines."""
        return self.page_size[1] - self.margins.top - self.text_bottom(footer_lines, leading)


PUBLIC_STYLES = ("body", "lead", "small", "strong", "brand", "joined")
"""Paragraph styles a template may name in ``<para style="...">``."""
HEADING_STYLES = frozenset({"title", "heading", "box-heading", "subheading", "step-title", "brand"})
"""Styles of headings (and of an organisation's name, set as one): their quotation marks are
the language's own, and their last line never holds one word alone."""


def _paragraph_styles(p: Profile) -> dict[str, ParagraphStyle]:
    base = ParagraphStyle(
        "body",
        fontName=REGULAR,
        fontSize=p.body,
        leading=p.leading,
        textColor=black,
        alignment=TA_LEFT,
        spaceAfter=p.gap,
        # ReportLab's own splitting of web addresses leaves the rest of a long one sticking out
        # past the margin on narrow pages; cut between letters instead (a link card after the
        # text writes the address out in full, broken after / and .).
        uriWasteReduce=0,
        allowWidows=0,
        allowOrphans=0,
    )

    def derive(name: str, **changes: object) -> ParagraphStyle:
        return ParagraphStyle(name, parent=base, **changes)

    def scaled(size: float, factor: float = 1.25) -> float:
        return round(size * factor, 1)

    return {
        "body": base,
        "lead": derive(
            "lead", fontSize=p.lead, leading=scaled(p.lead, 1.4), spaceAfter=p.gap * 1.5
        ),
        "small": derive("small", fontSize=p.small, leading=scaled(p.small, 1.35)),
        "strong": derive("strong", fontName=BOLD),
        # Body text that runs on into the next paragraph as if after a line break.
        "joined": derive("joined", spaceAfter=0),
        "brand": derive(
            "brand", fontName=BOLD, fontSize=p.lead, leading=scaled(p.lead, 1.3), spaceAfter=2
        ),
        "title": derive(
            "title",
            fontName=BOLD,
            fontSize=p.title,
            leading=scaled(p.title, 1.2),
            spaceAfter=p.gap * 1.5,
        ),
        "heading": derive(
            "heading",
            fontName=BOLD,
            fontSize=p.heading,
            leading=scaled(p.heading, 1.25),
            spaceBefore=p.section_gap,
            spaceAfter=p.gap * 1.5,
        ),
        "box-heading": derive(
            "box-heading",
            fontName=BOLD,
            fontSize=p.heading,
            leading=scaled(p.heading, 1.25),
            spaceAfter=p.gap * 1.5,
        ),
        "continued": derive(
            "continued", fontName=BOLD, fontSize=p.small, leading=scaled(p.small), spaceAfter=2
        ),
        "subheading": derive(
            "subheading",
            fontName=BOLD,
            fontSize=p.subheading,
            leading=scaled(p.subheading, 1.3),
            spaceBefore=p.gap,
            spaceAfter=p.gap * 0.6,
        ),
        "step-title": derive(
            "step-title",
            fontName=BOLD,
            fontSize=p.subheading,
            leading=scaled(p.subheading, 1.3),
            spaceAfter=0,
        ),
        "step-number": derive(
            "step-number",
            fontName=BOLD,
            fontSize=p.step_number,
            leading=p.step_number,
            spaceAfter=0,
        ),
        "url": derive("url", spaceAfter=0),
        "fact-label": derive("fact-label", fontName=BOLD, spaceAfter=0),
        "tick-column": derive("tick-column", fontName=BOLD, spaceAfter=0, alignment=TA_CENTER),
        "fact-value": derive("fact-value", spaceAfter=0),
        "caption": derive("caption", fontSize=p.small, leading=scaled(p.small, 1.35)),
    }


@lru_cache(maxsize=64)
def stylesheet(page: str = "a4", large_print: bool = False, tightening: int = 0) -> Stylesheet:
    """The stylesheet for a page size (``a4``, ``letter``, ``a5``, ``half-letter``).

    ``tightening`` picks one of ``TIGHTENINGS``: 0 is the design, higher is tighter.
    """
    if page not in PAGE_SIZES:
        raise ValueError(f"unknown page size {page!r}: use one of {', '.join(PAGE_SIZES)}")
    half = page in HALF_SIZES
    if large_print:
        margins = LARGE_HALF_MARGINS if half else LARGE_FULL_MARGINS
    else:
        margins = HALF_MARGINS if half else FULL_MARGINS
    profile = LARGE_PROFILE if large_print else REGULAR_PROFILE
    factors = TIGHTENINGS[tightening]

    def tightened(margin: float) -> float:
        return float(max(min(margin, LEAST_MARGIN), margin * factors.margin))

    margins = replace(
        margins,
        left=tightened(margins.left),
        right=tightened(margins.right),
        top=tightened(margins.top),
    )
    profile = replace(
        profile,
        gap=profile.gap * factors.gap,
        section_gap=profile.section_gap * factors.section_gap,
        image_height=profile.image_height * factors.image_height,
    )
    return Stylesheet(
        page=page,
        page_size=PAGE_SIZES[page],
        margins=margins,
        profile=profile,
        paragraphs=_paragraph_styles(profile),
    )
