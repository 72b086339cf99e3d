"""Turn a handout story (the small XML page vocabulary of STORY.md) into platypus flowables.

Templates write the story; this module is the only place that knows how each element
looks on paper, and every size it uses comes from the stylesheet.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reportlab.lib.colors import black
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import ListFlowable, ListItem, Paragraph, Spacer
from reportlab.platypus.flowables import HRFlowable

from generator.glyphs import describe, undrawable
from generator.render.pdf.document import DocumentInfo, FooterLine
from generator.render.pdf.flowables import LinkCard, Outlined, Picture, StepHeading
from generator.render.pdf.fonts import BOLD, REGULAR, register_fonts
from generator.render.pdf.forms import TickTable, WritingLines
from generator.render.pdf.layout import Inset, keep_starts
from generator.render.pdf.markup import escape, quoteattr
from generator.render.pdf.readers import picture_reader
from generator.render.pdf.styles import PUBLIC_STYLES, Stylesheet
from generator.render.pdf.tables import banner_table, facts_table

LINK_SCHEMES = ("https://", "http://", "mailto:")
TICK_COLUMN = 15 * mm
"""The narrowest column of a tick table."""
SPACES = {"small": 0.5, "medium": 1.0, "large": 2.0}

ATTRIBUTES: dict[str, frozenset[str]] = {
    "handout": frozenset({"title", "subject", "author", "lang", "date"}),
    "footer": frozenset(),
    "line": frozenset({"style"}),
    "left": frozenset(),
    "right": frozenset(),
    "banner": frozenset({"logo"}),
    "title": frozenset(),
    "heading": frozenset(),
    "subheading": frozenset(),
    "para": frozenset({"style", "keep-with-next"}),
    "list": frozenset({"ordered", "start"}),
    "item": frozenset(),
    "step": frozenset({"number"}),
    "step-title": frozenset(),
    "box": frozenset({"continued"}),
    "image": frozenset({"src"}),
    "link-card": frozenset({"href"}),
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

INLINE = frozenset({"b", "a", "br"})
"""Elements allowed inside text: bold, a link, a line break."""


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


@dataclass
class _Builder:
    sheet: Stylesheet
    outline_count: int = 0
    outline_level: int = -1
    in_box: bool = False
    converters: dict[str, Callable[[ET.Element], list[Any]]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.converters = {
            "banner": self.banner,
            "title": self.title,
            "heading": self.heading,
            "subheading": self.subheading,
            "para": self.para,
            "list": self.list_block,
            "step": self.step,
            "box": self.box,
            "image": self.image,
            "link-card": self.link_card,
            "facts": self.facts,
            "keep": self.keep,
            "space": self.space,
            "rule": self.rule,
            "write-lines": self.write_lines,
            "tick-table": self.tick_table,
        }

    # --- text --------------------------------------------------------------

    def text(self, text: str) -> str:
        """Text checked against the fonts and escaped for ReportLab's paragraph markup."""
        text = unicodedata.normalize("NFC", text)
        missing = undrawable(text)
        if missing:
            raise StoryError(
                f"the character {describe(missing[0])} cannot be printed: the handout's font "
                "(DejaVu Sans) has no shape for it"
            )
        return escape(text)

    def markup(self, element: ET.Element) -> str:
        """The inline content of an element as ReportLab paragraph markup."""
        parts = [self.text(element.text or "")]
        for child in element:
            if child.tag == "b":
                parts.append(f"<b>{self.markup(child)}</b>")
            elif child.tag == "br":
                parts.append("<br/>")
            elif child.tag == "a":
                href = self.href(child)
                parts.append(f"<a href={quoteattr(href)}>{self.markup(child)}</a>")
            else:
                raise StoryError(
                    f"<{child.tag}> cannot be used inside <{element.tag}>: text may only "
                    f"contain {', '.join(f'<{tag}>' for tag in sorted(INLINE))}"
                )
            parts.append(self.text(child.tail or ""))
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

    def paragraph(self, element: ET.Element, style: str) -> Paragraph:
        return Paragraph(self.markup(element), self.sheet.paragraphs[style])

    def _outline(self, element: ET.Element, level: int, style: str) -> Outlined:
        level = min(level, self.outline_level + 1)
        self.outline_level = level
        self.outline_count += 1
        return Outlined(
            self.paragraph(element, style), self.plain(element), level, f"s{self.outline_count}"
        )

    # --- blocks ------------------------------------------------------------

    def blocks(self, elements: list[ET.Element]) -> list[Any]:
        """Flowables for a sequence of block elements."""
        flowables: list[Any] = []
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
            converted = convert(element)
            if element.tag == "link-card" and flowables:
                # A link's card stays on the page of the text it belongs to.
                flowables[-1].keep_with_next = True
            flowables.extend(converted)
        return flowables

    def title(self, element: ET.Element) -> list[Any]:
        return [self._outline(element, 0, "title")]

    def heading(self, element: ET.Element) -> list[Any]:
        return [self._outline(element, 0, "box-heading" if self.in_box else "heading")]

    def subheading(self, element: ET.Element) -> list[Any]:
        return [Outlined(self.paragraph(element, "subheading"), None, 0, "")]

    def para(self, element: ET.Element) -> list[Any]:
        style = element.get("style", "body")
        if style not in PUBLIC_STYLES:
            raise StoryError(
                f"<para style={quoteattr(style)}>: the styles are " + ", ".join(PUBLIC_STYLES)
            )
        paragraph = self.paragraph(element, style)
        paragraph.keep_with_next = element.get("keep-with-next") == "yes"
        return [paragraph]

    def list_block(self, element: ET.Element) -> list[Any]:
        p = self.sheet.profile
        ordered = element.get("ordered", "no") == "yes"
        items = []
        for child in element:
            if child.tag != "item":
                raise StoryError(f"<list> may only contain <item>, not <{child.tag}>")
            items.append(ListItem(self.blocks(list(child)) or [Spacer(0, 0)]))
        options: dict[str, Any] = {
            "bulletFontName": BOLD if ordered else REGULAR,
            "bulletFontSize": p.body,
            "leftIndent": p.body * 1.6,
            "bulletDedent": p.body * 1.3,
            "spaceAfter": p.gap,
        }
        if ordered:
            start = element.get("start", "1")
            if not start.isdigit():
                raise StoryError(f"<list start={quoteattr(start)}>: start must be a number")
            return [
                ListFlowable(items, bulletType="1", start=int(start), bulletFormat="%s.", **options)
            ]
        return [ListFlowable(items, bulletType="bullet", start="\u2022", **options)]

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
        outline = f"{number}. {self.plain(title)}" if number else self.plain(title)
        heading = StepHeading(
            number,
            self.paragraph(title, "step-title"),
            p,
            outline,
            level,
            f"s{self.outline_count}",
        )
        body = self.blocks(children[1:])
        if not body:
            # A step with no text (a checklist line) has nothing to stay with.
            heading.keep_with_next = False
            return [heading]
        return [heading, Inset(body, left=p.number_column)]

    def box(self, element: ET.Element) -> list[Any]:
        if self.in_box:
            raise StoryError("a <box> cannot be inside another <box>")
        self.in_box = True
        try:
            content = self.blocks(list(element))
        finally:
            self.in_box = False
        if not content:
            return []
        continued = None
        label = element.get("continued")
        if label:
            markup = self.text(label)

            def continued() -> Outlined:
                return Outlined(Paragraph(markup, self.sheet.paragraphs["continued"]), None, 0, "")

        p = self.sheet.profile
        return [
            Inset(
                content,
                padding=p.box_padding,
                rule=p.rule,
                space_before=p.section_gap,
                space_after=p.gap * 1.5,
                continued=continued,
            )
        ]

    def image(self, element: ET.Element) -> list[Any]:
        p = self.sheet.profile
        source = element.get("src", "")
        try:
            reader = picture_reader(Path(source))
            reader.getSize()
        except Exception as exc:  # ReportLab raises many kinds for a bad picture
            raise StoryError(f"the picture {source} cannot be read ({exc})") from None
        caption = None
        if (element.text or "").strip() or len(element):
            caption = self.paragraph(element, "caption")
        return [Picture(reader, p.image_height, frame=0.75, caption=caption)]

    def link_card(self, element: ET.Element) -> list[Any]:
        href = self.href(element)
        shown = href[len("mailto:") :] if href.lower().startswith("mailto:") else href
        has_label = bool((element.text or "").strip()) or len(element) > 0
        label = self.paragraph(element, "small") if has_label else None
        return [LinkCard(href, label, shown, self.sheet.paragraphs["url"], self.sheet.profile)]

    def facts(self, element: ET.Element) -> list[Any]:
        rows = []
        widest = 0.0
        for fact in element:
            parts = {child.tag: child for child in fact}
            if fact.tag != "fact" or set(parts) != {"label", "value"}:
                raise StoryError("<facts> holds <fact> elements, each with a <label> and a <value>")
            label = self.paragraph(parts["label"], "fact-label")
            widest = max(
                widest, stringWidth(self.plain(parts["label"]), BOLD, label.style.fontSize)
            )
            rows.append((label, self.paragraph(parts["value"], "fact-value")))
        return [facts_table(rows, widest, self.sheet)] if rows else []

    def banner(self, element: ET.Element) -> list[Any]:
        content = self.blocks(list(element))
        logo = element.get("logo")
        if not logo:
            return [*content, Spacer(0, self.sheet.profile.gap)]
        try:
            reader = ImageReader(logo)
            reader.getSize()
        except Exception as exc:  # ReportLab raises many kinds for a bad picture
            raise StoryError(f"the logo {logo} cannot be read ({exc})") from None
        return [banner_table(reader, content, self.sheet)]

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
        headers = [self.paragraph(columns[0], "fact-label")]
        headers.extend(self.paragraph(column, "tick-column") for column in columns[1:])
        widest = max(stringWidth(self.plain(column), BOLD, p.body) for column in columns[1:])
        # Wide enough to tick without touching the lines, even with a shaky hand.
        tick_width = max(TICK_COLUMN, widest + 2 * padding)
        room = self.sheet.frame_width * 0.75
        if tick_width * (len(columns) - 1) > room:
            raise TooManyColumns(len(columns) - 1, int(room // tick_width))
        return [TickTable(headers, tick_width, rows, p.write_line, p.rule, padding)]

    # --- the footer ----------------------------------------------------------

    def footer(self, element: ET.Element | None) -> tuple[FooterLine, ...]:
        if element is None:
            return ()
        lines = []
        for line in element:
            if line.tag != "line":
                raise StoryError(f"<footer> may only contain <line>, not <{line.tag}>")
            parts = {"left": "", "right": ""}
            for child in line:
                if child.tag not in parts:
                    raise StoryError(f"<line> holds <left> and <right>, not <{child.tag}>")
                parts[child.tag] = self.plain(child)
                self.text(parts[child.tag])
            lines.append(
                FooterLine(parts["left"], parts["right"], bold=line.get("style") == "strong")
            )
        return tuple(lines)


def parse_story(story: str, sheet: Stylesheet) -> Story:
    """Read a story's XML into flowables; raise StoryError saying what is wrong."""
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
    builder = _Builder(sheet)
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
    return Story(keep_starts(flowables, sheet.profile.leading), footer, info)
