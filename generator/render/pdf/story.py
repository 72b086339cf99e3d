"""Turn a handout story (the small XML page vocabulary of STORY.md) into platypus flowables.

Templates write the story; this module is the only place that knows how each element
looks on paper, and every size it uses comes from the stylesheet.
"""

from __future__ import annotations

import datetime as dt
import io
import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reportlab.lib.colors import black
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import ListItem, Paragraph, Spacer, Table
from reportlab.platypus.flowables import HRFlowable

from generator.files import read_file
from generator.parse.pictures import MAX_PICTURE_BYTES
from generator.render.glyphs import undrawable, why_unprintable
from generator.render.pdf.document import DocumentInfo, FooterLine
from generator.render.pdf.finish import finished_paragraph
from generator.render.pdf.fitting import Sources
from generator.render.pdf.flowables import (
    LinkCard,
    Outlined,
    Picture,
    StepHeading,
    number_column,
)
from generator.render.pdf.fonts import BOLD, MONO, REGULAR, register_fonts
from generator.render.pdf.forms import TickTable, WritingLines
from generator.render.pdf.layout import Inset, KeptList, keep_starts
from generator.render.pdf.markup import escape, quoteattr
from generator.render.pdf.readers import picture_reader
from generator.render.pdf.shaped import Piece, ShapedParagraph, shaped_width
from generator.render.pdf.styles import (
    BOX_MOVES,
    HEADING_STYLES,
    PUBLIC_STYLES,
    SHORT_LIST,
    SMALLEST_PICTURE,
    Stylesheet,
)
from generator.render.pdf.tables import banner_table, facts_table
from generator.render.pdf.tagging import (
    StructNode,
    numbering,
    tag_list_labels,
    tagged_paragraph,
)
from generator.scripts import is_rtl, needs_shaping
from generator.typography import curl_quotes

LINK_SCHEMES = ("https://", "http://", "mailto:")
TICK_COLUMN = 15 * mm
"""The narrowest column of a tick table."""
SPACES = {"small": 0.5, "medium": 1.0, "large": 2.0}

ATTRIBUTES: dict[str, frozenset[str]] = {
    "handout": frozenset({"title", "subject", "author", "lang", "date"}),
    "footer": frozenset(),
    "line": frozenset({"style"}),
    "left": frozenset({"short"}),
    "right": frozenset(),
    "banner": frozenset({"logo"}),
    "title": frozenset(),
    "heading": frozenset({"level", "lang", "artifact"}),
    "subheading": frozenset({"level", "lang"}),
    "para": frozenset({"style", "keep-with-next", "lang", "spoken"}),
    "list": frozenset({"ordered", "start"}),
    "item": frozenset({"lang"}),
    "section": frozenset({"lang"}),
    "step": frozenset({"number"}),
    "step-title": frozenset(),
    "checklist": frozenset({"lang"}),
    "box": frozenset({"continued"}),
    "image": frozenset({"src", "alt"}),
    "link-card": frozenset({"href", "lang"}),
    "facts": frozenset(),
    "fact": frozenset(),
    "label": frozenset(),
    "value": frozenset(),
    "keep": frozenset(),
    "space": frozenset({"size"}),
    "rule": frozenset(),
    "write-lines": frozenset({"min"}),
    "tick-table": frozenset({"rows"}),
    "column": frozenset(),
}
"""Every element of the story vocabulary and the attributes it takes."""

KEPT_WITH_PREVIOUS = frozenset({"link-card", "image"})
"""Blocks that never start a page away from the block before them."""
UNIT_ENDS = frozenset({"title", "heading", "step", "checklist", "box", "keep", "banner"})
"""Blocks that end a caveat or question (a subheading and what follows it)."""
HEADING_LEVELS = ("2", "3", "4", "5", "6")
"""The levels a ``<heading>`` or ``<subheading>`` may take (the title is level 1)."""

INLINE = frozenset({"b", "code", "a", "br"})
"""Elements allowed inside text: bold, code (typewriter face), a link, a line break."""


class StoryError(Exception):
    """A story the typesetter cannot use; the message says what to change."""


class TooManyColumns(StoryError):
    """A ``<tick-table>`` with more columns than the page has room for."""

    def __init__(self, columns: int, most: int) -> None:
        super().__init__(
            f"<tick-table> has {columns} columns to tick; this page has room for {most} "
            "beside the names"
        )
        self.most = most


@dataclass
class Story:
    """A story ready to typeset: its flowables, footer and document properties."""

    flowables: list[Any]
    footer: tuple[FooterLine, ...]
    info: DocumentInfo
    structure: StructNode
    """The ``Document`` element of the tagged PDF's structure tree, in reading order."""


def _opening_only(rest: list[Any]) -> bool:
    """True when nothing but headings and facts follow: the section has no lines to keep to."""
    return all(
        isinstance(flowable, (Outlined, Table)) and not isinstance(flowable, StepHeading)
        for flowable in rest
    )


@dataclass
class _Builder:
    sheet: Stylesheet
    outline_count: int = 0
    outline_level: int = -1
    in_box: bool = False
    root: StructNode = field(default_factory=lambda: StructNode("Document"))
    container: StructNode = field(default_factory=lambda: StructNode("Document"))
    """The structure element that what is converted now goes into."""
    heading_level: int = 1
    checklist: StructNode | None = None
    """The ``L`` that the steps of a ``<checklist>`` being converted are items of."""
    para_style: str = "body"
    """The style of a ``<para>`` that names none (``fact-value`` inside a ``<value>``)."""
    lang: str = "en"
    """The language of what is converted now: its line-end rules and quotation marks."""
    story_lang: str = "en"
    """The story's language (``<handout lang>``): its direction is the page's, where no
    section or checklist names another."""
    widest_number: str = ""
    """The widest number of the run of steps being converted: their numbers' column."""
    boxes_move: bool = True
    """A box that fits on a page moves whole rather than split (see ``BOX_MOVES``)."""
    quoting: bool = False
    """Straight double quotes become the language's own (in headings)."""
    printed: str = ""
    """The last character of the text converted so far, to tell opening quotes from closing."""
    sources: Sources | None = None
    """The only pictures the story may show, and where the guide shows them and its links;
    None allows any local picture file."""
    reserve: float = 0.0
    """The height the box being converted takes on every page (edges, "continued" line)."""
    converters: dict[str, Callable[[ET.Element], list[Any]]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.container = self.root
        self.converters = {
            "banner": self.banner,
            "title": self.title,
            "heading": self.heading,
            "subheading": self.subheading,
            "para": self.para,
            "list": self.list_block,
            "step": self.step,
            "checklist": self.checklist_block,
            "box": self.box,
            "image": self.image,
            "link-card": self.link_card,
            "facts": self.facts,
            "keep": self.keep,
            "section": self.section,
            "space": self.space,
            "rule": self.rule,
            "write-lines": self.write_lines,
            "tick-table": self.tick_table,
        }

    # --- text --------------------------------------------------------------

    @property
    def rtl(self) -> bool:
        """True when what is being built is laid out mirrored: the nearest section or
        checklist that names a language (a guide's part of a workshop sheet) is written
        right to left, or else the story's language is."""
        node: StructNode | None = self.checklist or self.container
        while node is not None:
            if node.lang and node.role in ("Sect", "L"):
                return is_rtl(node.lang)
            node = node.parent
        return is_rtl(self.story_lang)

    def text(self, text: str, mono: bool = False, lang: str | None = None) -> str:
        """Text checked against the fonts and escaped for ReportLab's paragraph markup."""
        text = unicodedata.normalize("NFC", text)
        missing = undrawable(text, mono=mono, lang=lang or self.lang)
        if missing:
            raise StoryError(why_unprintable(missing[0], mono, lang or self.lang))
        return escape(text)

    def curled(self, text: str, mono: bool) -> str:
        """Text of a paragraph as printed: in a heading with the language's quotation marks."""
        if self.quoting and not mono:
            text = curl_quotes(text, self.lang, self.printed[-1:])
        if text:
            self.printed = text[-1]
        return text

    def words(self, text: str, mono: bool) -> str:
        """Text of a paragraph as printed, checked and escaped (see ``curled``)."""
        return self.text(self.curled(text, mono), mono)

    def pieces(
        self,
        element: ET.Element,
        bold: bool = False,
        mono: bool = False,
        href: str | None = None,
    ) -> list[Piece]:
        """The inline content of an element as styled pieces of text, for shaping."""
        text = self.curled(element.text or "", mono)
        self.text(text, mono)
        found = [Piece(text, bold, mono, href)]
        for child in element:
            if child.tag == "b":
                found.extend(self.pieces(child, True, mono, href))
            elif child.tag == "code":
                found.extend(self.pieces(child, bold, True, href))
            elif child.tag == "br":
                found.append(Piece("\n", bold, mono, href))
            elif child.tag == "a":
                found.extend(self.pieces(child, bold, mono, self.href(child)))
            else:
                raise StoryError(
                    f"<{child.tag}> cannot be used inside <{element.tag}>: text may only "
                    f"contain {', '.join(f'<{tag}>' for tag in sorted(INLINE))}"
                )
            tail = self.curled(child.tail or "", mono)
            self.text(tail, mono)
            found.append(Piece(tail, bold, mono, href))
        return found

    def shaped(self, text: str) -> bool:
        """Whether text is set by the shaping paragraph: everything in a right-to-left story
        or language (so it lines up at the right), and elsewhere only text in a script that
        needs shaping: a Latin handout never loads HarfBuzz."""
        return is_rtl(self.lang) or self.rtl or needs_shaping(text)

    def shaped_paragraph(
        self, pieces: list[Piece], style: Any, node: StructNode | None, *, heading: bool = False
    ) -> ShapedParagraph:
        """A shaped paragraph in the language of what is converted now, on this page's side."""
        paragraph = ShapedParagraph(
            pieces, style, node, rtl=is_rtl(self.lang), lang=self.lang, mirrored=self.rtl
        )
        paragraph.heading = heading
        return paragraph

    def text_width(self, text: str, bold: bool, size: float) -> float:
        """How wide a line of text prints (shaped where it needs shaping)."""
        if not (self.rtl or needs_shaping(text)):
            return float(stringWidth(text, BOLD if bold else REGULAR, size))
        return shaped_width(text, size, bold=bold, rtl=self.rtl, lang=self.lang)

    def markup(self, element: ET.Element, mono: bool = False) -> str:
        """The inline content of an element as ReportLab paragraph markup."""
        parts = [self.words(element.text or "", mono)]
        for child in element:
            if child.tag == "b":
                parts.append(f"<b>{self.markup(child, mono)}</b>")
            elif child.tag == "code":
                parts.append(f'<font face="{MONO}">{self.markup(child, mono=True)}</font>')
            elif child.tag == "br":
                parts.append("<br/>")
            elif child.tag == "a":
                href = self.href(child)
                parts.append(f"<a href={quoteattr(href)}>{self.markup(child, mono)}</a>")
            else:
                raise StoryError(
                    f"<{child.tag}> cannot be used inside <{element.tag}>: text may only "
                    f"contain {', '.join(f'<{tag}>' for tag in sorted(INLINE))}"
                )
            parts.append(self.words(child.tail or "", mono))
        return "".join(parts).strip()

    def plain(self, element: ET.Element) -> str:
        """The visible text of an element, one space between words."""
        return " ".join("".join(element.itertext()).split())

    def href(self, element: ET.Element) -> str:
        """A link's address, which must be a web or email address."""
        href = element.get("href", "").strip()
        if not href.lower().startswith(LINK_SCHEMES):
            raise StoryError(
                f"<{element.tag} href={quoteattr(href)}>: a link must start with "
                + ", ".join(LINK_SCHEMES)
            )
        self.text(href)
        return href

    def paragraph(self, element: ET.Element, style: str, node: StructNode | None) -> Any:
        """A paragraph whose text is content of ``node`` in the structure tree."""
        heading = style in HEADING_STYLES
        self.quoting, self.printed = heading, ""
        try:
            if self.shaped("".join(element.itertext())):
                return self.shaped_paragraph(
                    self.pieces(element), self.sheet.paragraphs[style], node, heading=heading
                )
            markup = self.markup(element)
        finally:
            self.quoting = False
        return finished_paragraph(
            markup, self.sheet.paragraphs[style], node, self.lang, heading=heading
        )

    @contextmanager
    def speaking(self, lang: str | None) -> Iterator[None]:
        """Set what is converted inside in ``lang`` (if given)."""
        outer = self.lang
        self.lang = lang or outer
        try:
            yield
        finally:
            self.lang = outer

    def tag(self, role: str, **details: Any) -> StructNode:
        """A new structure element after the last one in the current container."""
        return self.container.child(role, **details)

    def heading_tag(self, level: int, element: ET.Element | None = None) -> StructNode:
        """A heading element; ``element``'s ``level`` and ``lang`` attributes, if any, win."""
        if element is not None and element.get("level") is not None:
            wanted = element.get("level", "")
            if wanted not in HEADING_LEVELS:
                raise StoryError(
                    f"<{element.tag} level={quoteattr(wanted)}>: the level is a number from 2 to 6"
                )
            level = int(wanted)
        self.heading_level = level
        lang = element.get("lang") if element is not None else None
        return self.tag(f"H{level}", lang=lang or None)

    @contextmanager
    def inside(self, node: StructNode) -> Iterator[None]:
        """Put the structure elements made inside into ``node``."""
        outer, self.container = self.container, node
        try:
            yield
        finally:
            self.container = outer

    def _outline(
        self, element: ET.Element, level: int, style: str, node: StructNode | None
    ) -> Outlined:
        level = min(level, self.outline_level + 1)
        self.outline_level = level
        self.outline_count += 1
        return Outlined(
            self.paragraph(element, style, node),
            curl_quotes(self.plain(element), self.lang),
            level,
            f"s{self.outline_count}",
        )

    # --- blocks ------------------------------------------------------------

    def blocks(self, elements: list[ET.Element]) -> list[Any]:
        """Flowables for a sequence of block elements.

        A subheading and the blocks after it (a caveat, a question) become one unit that
        is kept on one page when it fits.
        """
        flowables: list[Any] = []
        numbers = [element.get("number", "") for element in elements if element.tag == "step"]
        outer_widest = self.widest_number
        if numbers:
            self.widest_number = max(
                numbers,
                key=lambda number: stringWidth(number, BOLD, self.sheet.profile.step_number),
            )
        try:
            self._blocks(elements, flowables)
        finally:
            self.widest_number = outer_widest
        return flowables

    def _blocks(self, elements: list[ET.Element], flowables: list[Any]) -> None:
        """Convert ``elements`` into ``flowables``, gathering each caveat or question."""
        unit: list[Any] | None = None
        for element in elements:
            allowed = ATTRIBUTES.get(element.tag)
            convert = self.converters.get(element.tag)
            if allowed is None or convert is None:
                raise StoryError(
                    f"<{element.tag}> is not part of the story vocabulary here "
                    "(see generator/templates/handout/STORY.md)"
                )
            unknown = sorted(set(element.attrib) - allowed)
            if unknown:
                raise StoryError(f"<{element.tag}> has no attribute '{unknown[0]}'")
            # A link card's ``lang`` is its last line's alone (see ``link_card``).
            with self.speaking(None if element.tag == "link-card" else element.get("lang")):
                converted = convert(element)
            current = flowables if unit is None else unit
            if element.tag in KEPT_WITH_PREVIOUS and current:
                # A link's card and a picture stay on the page of the line that leads to them.
                current[-1].keep_with_next = True
            if element.tag == "subheading":
                self._close(unit, flowables)
                unit = list(converted)
            elif element.tag in UNIT_ENDS:
                self._close(unit, flowables)
                unit = None
                flowables.extend(converted)
            else:
                (flowables if unit is None else unit).extend(converted)
        self._close(unit, flowables)

    @staticmethod
    def _close(unit: list[Any] | None, flowables: list[Any]) -> None:
        if unit and all(getattr(part, "keep_with_next", False) for part in unit):
            # A subheading with nothing under it: it keeps with whatever comes next.
            flowables.extend(unit)
        elif unit:
            flowables.append(Inset(unit, keep=True))

    def title(self, element: ET.Element) -> list[Any]:
        return [self._outline(element, 0, "title", self.heading_tag(1))]

    def heading(self, element: ET.Element) -> list[Any]:
        style = "box-heading" if self.in_box else "heading"
        # Printed over nothing to read (lines to write on), a heading is not read out.
        node = None if element.get("artifact") == "yes" else self.heading_tag(2, element)
        return [self._outline(element, 0, style, node)]

    def subheading(self, element: ET.Element) -> list[Any]:
        node = self.heading_tag(3, element)
        return [Outlined(self.paragraph(element, "subheading", node), None, 0, "")]

    def para(self, element: ET.Element) -> list[Any]:
        style = element.get("style", self.para_style)
        if style not in (*PUBLIC_STYLES, self.para_style):
            raise StoryError(
                f"<para style={quoteattr(style)}>: the styles are " + ", ".join(PUBLIC_STYLES)
            )
        node = self.tag("P", lang=element.get("lang") or None, actual=element.get("spoken") or None)
        paragraph = self.paragraph(element, style, node)
        paragraph.keep_with_next = element.get("keep-with-next") == "yes"
        return [paragraph]

    def list_block(self, element: ET.Element) -> list[Any]:
        p = self.sheet.profile
        ordered = element.get("ordered", "no") == "yes"
        items = []
        # Said by a screen reader before the items: "numbered list" or "bulleted list".
        listing = self.tag("L", attributes={"List": {"ListNumbering": numbering(ordered)}})
        labels: dict[int, StructNode] = {}
        for child in element:
            if child.tag != "item":
                raise StoryError(f"<list> may only contain <item>, not <{child.tag}>")
            item = listing.child("LI", lang=child.get("lang") or None)
            label = item.child("Lbl")
            with self.inside(item.child("LBody")), self.speaking(child.get("lang")):
                content = self.blocks(list(child)) or [Spacer(0, 0)]
            labels[id(content[0])] = label
            items.append(ListItem(content))
        options: dict[str, Any] = {
            "bulletFontName": BOLD if ordered else REGULAR,
            "bulletFontSize": p.body,
            "leftIndent": p.body * 1.6,
            "bulletDedent": p.body * 1.3,
            "spaceAfter": p.gap,
        }
        if self.rtl:
            # Bullets and numbers stand at the right, where a right-to-left line starts.
            options.update(
                leftIndent=0,
                rightIndent=p.body * 1.6,
                bulletDedent=p.body * 1.3,
                bulletDir="rtl",
                bulletAlign="right",
            )
        if ordered:
            start = element.get("start", "1")
            if not start.isdigit():
                raise StoryError(f"<list start={quoteattr(start)}>: start must be a number")
            flowable = KeptList(
                items,
                bulletType="1",
                start=int(start),
                bulletFormat=".%s" if self.rtl else "%s.",
                **options,
            )
        else:
            flowable = KeptList(items, bulletType="bullet", start="\u2022", **options)
        flowable.whole = len(items) <= SHORT_LIST
        tag_list_labels(flowable, labels)
        return [flowable]

    def step(self, element: ET.Element) -> list[Any]:
        p = self.sheet.profile
        if self.in_box:
            raise StoryError("a <step> cannot be inside a <box>")
        number = element.get("number", "")
        children = list(element)
        if not children or children[0].tag != "step-title":
            raise StoryError("<step> must start with its <step-title>")
        title = children[0]
        self.text(number)
        level = min(1, self.outline_level + 1)
        self.outline_level = max(self.outline_level, level)
        self.outline_count += 1
        shown = curl_quotes(self.plain(title), self.lang)
        outline = f"{number}. {shown}" if number else shown
        label = None
        if self.checklist is not None:
            if len(children) > 1:
                raise StoryError("a <step> in a <checklist> holds only its <step-title>")
            # A list item: the number is its label, the title its body.
            item = self.checklist.child("LI")
            label = item.child("Lbl")
            node = item.child("LBody").child("P")
        else:
            # A step's heading is one level below the heading its steps come under.
            node = self.tag(f"H{min(self.heading_level + 1, 6)}")
        heading = StepHeading(
            number,
            self.paragraph(title, "step-title", node),
            p,
            outline,
            level,
            f"s{self.outline_count}",
            widest=self.widest_number,
            rtl=self.rtl,
        )
        heading.node = None if label is not None else node
        heading.label = label
        body = self.blocks(children[1:])
        if not body:
            # A step with no text (a checklist line) has nothing to stay with.
            heading.keep_with_next = False
            return [heading]
        # The number, title, tick box and text are one unit: on one page whenever it fits.
        column = number_column(p, self.widest_number or number)
        if self.rtl:
            return [Inset([heading, Inset(body, right=column)], keep=True)]
        return [Inset([heading, Inset(body, left=column)], keep=True)]

    def checklist_block(self, element: ET.Element) -> list[Any]:
        """Steps to tick, each only a title: on paper steps, for a screen reader a list."""
        if any(child.tag != "step" for child in element):
            raise StoryError("<checklist> may only contain <step>")
        numbered = {"List": {"ListNumbering": numbering(ordered=True)}}
        listing = self.tag("L", lang=element.get("lang") or None, attributes=numbered)
        outer, self.checklist = self.checklist, listing
        try:
            lines = self.blocks(list(element))
        finally:
            self.checklist = outer
        if len(lines) <= SHORT_LIST:
            # A short list is never split over two pages, as any list.
            return [Inset(lines, keep=True)] if lines else []
        # A longer one breaks between its lines, but never leaves one alone at either end.
        lines[0].keep_with_next = True
        lines[-2].keep_with_next = True
        return lines

    def box(self, element: ET.Element) -> list[Any]:
        if self.in_box:
            raise StoryError("a <box> cannot be inside another <box>")
        p = self.sheet.profile
        continued = None
        label = element.get("continued")
        # What the box takes of every page it is on: its edges and its "continued" line.
        edges = 2 * (p.box_padding + p.rule)
        self.reserve = edges
        if label:
            markup = self.text(label)
            style = self.sheet.paragraphs["continued"]
            # Made as the layout needs it, in the language and direction the box has here.
            shaped, lang, mirrored = self.shaped(label), self.lang, self.rtl

            def continued() -> Outlined:
                words: Any = Paragraph(markup, style)
                if shaped:
                    words = ShapedParagraph(
                        [Piece(label, bold=True)],
                        style,
                        rtl=is_rtl(lang),
                        lang=lang,
                        mirrored=mirrored,
                    )
                line = Outlined(words, None, 0, "")
                line.generated = True
                return line

            line = continued()
            self.reserve += line.wrap(self.sheet.frame_width - edges, 0x7FFFFFFF)[1]
            self.reserve += line.getSpaceAfter()
        self.in_box = True
        try:
            with self.inside(self.tag("Sect")):
                content = self.blocks(list(element))
        finally:
            self.in_box = False
            self.reserve = 0.0
        if not content:
            return []
        return [
            Inset(
                content,
                padding=p.box_padding,
                rule=p.rule,
                space_before=p.section_gap,
                space_after=p.gap * 1.5,
                continued=continued,
                moves_within=BOX_MOVES if self.boxes_move else 0.0,
            )
        ]

    def picture_file(self, source: str, what: str) -> Path:
        """A picture a story names, if it is a local file the story was given (never a URL)."""
        path = Path(source)
        given = self.sources is None or path.resolve() in self.sources.pictures
        if not given or not path.exists():
            raise StoryError(
                f"the {what} {source} is not one of the guide's pictures or the logo: a "
                "template can show only those"
                if not given
                else f"the {what} {source} cannot be read (there is no such file)"
            )
        return path

    def image(self, element: ET.Element) -> list[Any]:
        p = self.sheet.profile
        source = element.get("src", "")
        path = self.picture_file(source, "picture")
        try:
            reader = picture_reader(path)
            reader.getSize()
        except Exception as exc:  # ReportLab raises many kinds for a bad picture
            raise StoryError(f"the picture {source} cannot be read ({exc})") from None
        alt = element.get("alt", "").strip() or self.plain(element)
        if not alt:
            raise StoryError(
                f"<image src={quoteattr(source)}> needs an alt attribute or a caption saying "
                "what the picture shows, for readers who cannot see it"
            )
        self.text(alt)
        # The caption is inside the figure: a screen reader says the alt text once, not both.
        figure = self.tag("Figure", alt=alt)
        caption = None
        if (element.text or "").strip() or len(element):
            caption = self.paragraph(element, "caption", figure)
        picture = Picture(
            reader,
            p.image_height,
            frame=0.75,
            caption=caption,
            reserve=self.reserve,
            smallest=p.image_height * SMALLEST_PICTURE,
        )
        picture.node = figure
        if self.sources is not None:
            picture.where = self.sources.pictures.get(path.resolve())
        return [picture]

    def link_card(self, element: ET.Element) -> list[Any]:
        from generator.parse.links import printed_address

        href = self.href(element)
        shown = printed_address(href)
        shown = shown[len("mailto:") :] if shown.lower().startswith("mailto:") else shown
        # Each line of the label is a paragraph of its own, so a screen reader pauses between
        # the link's name and what to do with the code; the address ends the last one.
        style = self.sheet.paragraphs["small"]
        card_lang = element.get("lang") or None
        lines: list[Any]
        if self.shaped("".join(element.itertext())):
            lines = [[]]
            for piece in self.pieces(element):
                for index, part in enumerate(piece.text.split("\n")):
                    if index:
                        lines.append([])
                    lines[-1].append(Piece(part, piece.bold, piece.mono, piece.href))
            lines = [line for line in lines if "".join(piece.text for piece in line).strip()]
        else:
            parts = (part.strip() for part in self.markup(element).split("<br/>"))
            lines = [line for line in parts if line]
        labels: list[Any] = []
        # The last line says what to do with the card: in ``lang`` where that is given.
        node = None
        for number, line in enumerate(lines):
            last = number == len(lines) - 1
            node = self.tag("P", lang=card_lang if last else None)
            with self.speaking(card_lang if last else None):
                if isinstance(line, str):
                    labels.append(tagged_paragraph(line, style, node))
                else:
                    labels.append(self.shaped_paragraph(line, style, node))
        if node is None:
            node = self.tag("P", lang=card_lang)
        card = LinkCard(
            href, labels, shown, self.sheet.paragraphs["url"], self.sheet.profile, rtl=self.rtl
        )
        card.node = node
        if self.sources is not None:
            card.where = self.sources.links.get(href)
        return [card]

    def facts(self, element: ET.Element) -> list[Any]:
        rows = []
        widest = 0.0
        table = self.tag("Table")
        for fact in element:
            parts = {child.tag: child for child in fact}
            if fact.tag != "fact" or set(parts) != {"label", "value"}:
                raise StoryError("<facts> holds <fact> elements, each with a <label> and a <value>")
            row = table.child("TR")
            label = self.paragraph(
                parts["label"],
                "fact-label",
                row.child("TH", attributes={"Table": {"Scope": "Row"}}),
            )
            widest = max(
                widest, self.text_width(self.plain(parts["label"]), True, label.style.fontSize)
            )
            value = parts["value"]
            if any(child.tag not in INLINE for child in value):
                loose = (value.text or "") + "".join(child.tail or "" for child in value)
                if loose.strip():
                    raise StoryError("<value> holds either text or blocks such as <para>, not both")
                # Lines of their own (each a paragraph, in its own language if need be).
                outer, self.para_style = self.para_style, "fact-value"
                try:
                    with self.inside(row.child("TD")):
                        rows.append((label, self.blocks(list(value))))
                finally:
                    self.para_style = outer
            else:
                rows.append((label, self.paragraph(value, "fact-value", row.child("TD"))))
        return [facts_table(rows, widest, self.sheet, rtl=self.rtl)] if rows else []

    def banner(self, element: ET.Element) -> list[Any]:
        content = self.blocks(list(element))
        logo = element.get("logo")
        if not logo:
            return [*content, Spacer(0, self.sheet.profile.gap)]
        path = self.picture_file(logo, "logo")
        try:
            reader = ImageReader(io.BytesIO(read_file(path, MAX_PICTURE_BYTES)))
            reader.fileName = str(path)
            reader.getSize()
        except Exception as exc:  # ReportLab raises many kinds for a bad picture
            raise StoryError(f"the logo {logo} cannot be read ({exc})") from None
        return [banner_table(reader, content, self.sheet, rtl=self.rtl)]

    def section(self, element: ET.Element) -> list[Any]:
        # Only the structure tree sees a section: its blocks flow on as if it were not there.
        with self.inside(self.tag("Sect", lang=element.get("lang") or None)):
            content = self.blocks(list(element))
        # A section never starts at a page's foot: its headings and the table of facts under
        # them stay with the first lines of what follows in the section. A section that is only
        # headings and facts (an agenda) is not chained to the next one: chained, a sheet's
        # sections would make one block taller than a page.
        for index, flowable in enumerate(content[:-1]):
            if isinstance(flowable, StepHeading) or not isinstance(flowable, (Outlined, Table)):
                break
            if isinstance(flowable, Table) and _opening_only(content[index + 1 :]):
                break
            flowable.keep_with_next = True
        return content

    def keep(self, element: ET.Element) -> list[Any]:
        content = self.blocks(list(element))
        return [Inset(content, keep=True)] if content else []

    def space(self, element: ET.Element) -> list[Any]:
        size = element.get("size", "medium")
        if size not in SPACES:
            raise StoryError(f"<space size={quoteattr(size)}>: use " + ", ".join(SPACES))
        return [Spacer(0, self.sheet.profile.section_gap * SPACES[size])]

    def rule(self, element: ET.Element) -> list[Any]:
        p = self.sheet.profile
        return [
            HRFlowable(
                width="100%", thickness=0.6, color=black, spaceBefore=p.gap, spaceAfter=p.gap
            )
        ]

    # --- things to fill in by hand ---------------------------------------------

    def count(self, element: ET.Element, name: str, default: str) -> int:
        """A whole-number attribute of at least 1."""
        value = element.get(name, default)
        if not value.isdigit() or int(value) < 1:
            raise StoryError(
                f"<{element.tag} {name}={quoteattr(value)}>: "
                f"{name} must be a whole number, 1 or more"
            )
        return int(value)

    def write_lines(self, element: ET.Element) -> list[Any]:
        if len(element) or (element.text or "").strip():
            raise StoryError("<write-lines> is empty: write <write-lines/>")
        least = self.count(element, "min", "3")
        return [WritingLines(least, self.sheet.profile.write_line)]

    def tick_table(self, element: ET.Element) -> list[Any]:
        p = self.sheet.profile
        columns = list(element)
        if len(columns) < 2 or any(column.tag != "column" for column in columns):
            raise StoryError(
                "<tick-table> holds <column> elements: one for names, then one per thing to tick"
            )
        rows_text = element.get("rows", "fill")
        rows = None if rows_text == "fill" else self.count(element, "rows", rows_text)
        padding = p.gap * 0.6
        # Only the header row is tagged: the rows below are empty, to fill in by hand.
        row = self.tag("Table").child("TR")
        headers = [
            self.paragraph(column, "fact-label" if index == 0 else "tick-column", th)
            for index, column in enumerate(columns)
            for th in [row.child("TH", attributes={"Table": {"Scope": "Column"}})]
        ]
        widest = max(self.text_width(self.plain(column), True, p.body) for column in columns[1:])
        # Wide enough to tick without touching the lines, even with a shaky hand.
        tick_width = max(TICK_COLUMN, widest + 2 * padding)
        room = self.sheet.frame_width * 0.75
        if tick_width * (len(columns) - 1) > room:
            raise TooManyColumns(len(columns) - 1, int(room // tick_width))
        return [TickTable(headers, tick_width, rows, p.write_line, p.rule, padding, rtl=self.rtl)]

    # --- the footer ----------------------------------------------------------

    def footer(self, element: ET.Element | None) -> tuple[FooterLine, ...]:
        if element is None:
            return ()
        lines = []
        for line in element:
            if line.tag != "line":
                raise StoryError(f"<footer> may only contain <line>, not <{line.tag}>")
            parts = {"left": "", "right": ""}
            short = ""
            for child in line:
                if child.tag not in parts:
                    raise StoryError(f"<line> holds <left> and <right>, not <{child.tag}>")
                # A title in a footer has the quotation marks it has on the page.
                parts[child.tag] = curl_quotes(self.plain(child), self.lang)
                self.text(parts[child.tag])
                if child.tag == "left":
                    short = curl_quotes(" ".join(child.get("short", "").split()), self.lang)
                    self.text(short)
            lines.append(
                FooterLine(
                    parts["left"], parts["right"], bold=line.get("style") == "strong", short=short
                )
            )
        return tuple(lines)


def parse_story(
    story: str, sheet: Stylesheet, *, sources: Sources | None, boxes_move: bool = True
) -> Story:
    """Read a story's XML into flowables; raise StoryError saying what is wrong.

    ``sources`` holds the only picture files it may show (None: any local file, for stories
    made by hand). ``boxes_move`` False: boxes split where a page ends, as they may when
    moving one whole would cost a page.
    """
    register_fonts()
    try:
        root = ET.fromstring(story)
    except ET.ParseError as exc:
        line, column = exc.position
        raise StoryError(
            f"the story is not well-formed XML at line {line}, column {column + 1} of the "
            f"story ({exc.msg if hasattr(exc, 'msg') else exc})"
        ) from None
    if root.tag != "handout":
        raise StoryError(f"a story starts with <handout>, not <{root.tag}>")
    lang = root.get("lang") or "en"
    builder = _Builder(sheet, lang=lang, story_lang=lang, boxes_move=boxes_move, sources=sources)
    unknown = sorted(set(root.attrib) - ATTRIBUTES["handout"])
    if unknown:
        raise StoryError(f"<handout> has no attribute '{unknown[0]}'")
    footers = [child for child in root if child.tag == "footer"]
    if len(footers) > 1:
        raise StoryError("a story has at most one <footer>")
    footer = builder.footer(footers[0] if footers else None)
    flowables = builder.blocks([child for child in root if child.tag != "footer"])
    for name in ("title", "subject", "author"):
        builder.text(root.get(name, ""))
    date = root.get("date")
    try:
        created = dt.date.fromisoformat(date) if date else None
    except ValueError:
        raise StoryError(
            f"<handout date={quoteattr(date or '')}>: write the date as YYYY-MM-DD"
        ) from None
    info = DocumentInfo(
        created=created,
        title=root.get("title", ""),
        subject=root.get("subject", ""),
        author=root.get("author", ""),
        lang=root.get("lang", "en"),
    )
    return Story(keep_starts(flowables, sheet.profile.leading), footer, info, builder.root)
