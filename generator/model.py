"""The one typed model of a guide that every renderer reads.

Everything here is a frozen dataclass holding tuples, so order is fixed and a
renderer can never change what another renderer sees. This module imports
nothing from markdown, jinja2 or reportlab.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TypeAlias

# --- inline nodes ---------------------------------------------------------


@dataclass(frozen=True)
class Text:
    """A run of plain text."""

    text: str
    """The characters, with Markdown escapes and entities already resolved."""


@dataclass(frozen=True)
class Strong:
    """Text the author marked as important (``**like this**``)."""

    children: tuple[Inline, ...]
    """What is inside the strong span."""


@dataclass(frozen=True)
class Emphasis:
    """Text the author emphasised (``*like this*``)."""

    children: tuple[Inline, ...]
    """What is inside the emphasis."""


@dataclass(frozen=True)
class Code:
    """Text to be typed exactly as shown (```like this```)."""

    text: str
    """The literal characters."""


@dataclass(frozen=True)
class Link:
    """A link; its address is always http, https or mailto."""

    url: str
    """The full address the link goes to."""
    children: tuple[Inline, ...]
    """The visible text of the link."""


@dataclass(frozen=True)
class LineBreak:
    """A hard line break inside a paragraph."""


Inline: TypeAlias = Text | Strong | Emphasis | Code | Link | LineBreak

# --- block nodes ----------------------------------------------------------


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of inline content."""

    children: tuple[Inline, ...]
    """The paragraph's content, in order."""


@dataclass(frozen=True)
class ListBlock:
    """A bullet or numbered list."""

    ordered: bool
    """True for a numbered list."""
    items: tuple[tuple[Block, ...], ...]
    """Each item is a tuple of blocks (usually one paragraph)."""
    start: int = 1
    """The number of the first item of a numbered list."""


@dataclass(frozen=True)
class Image:
    """A picture, for example a screenshot of the button to tap."""

    path: Path
    """Absolute path of the image file (checked to exist when parsed)."""
    alt: str
    """What the picture shows, for people who cannot see it."""
    source: str
    """The path exactly as written in the guide."""
    line: int = 0
    """Line of the picture in the source file (0 when not known)."""


Block: TypeAlias = Paragraph | ListBlock | Image

# --- guide structure -------------------------------------------------------


@dataclass(frozen=True)
class Item:
    """One numbered step, caveat or question: a title and a body."""

    number: int
    """Position in its section, starting at 1."""
    title: str
    """The ``###`` heading as plain text (for a question, the question)."""
    body: tuple[Block, ...]
    """What follows the heading (for a question, the answer)."""
    line: int
    """Line of the heading in the source file."""


Step: TypeAlias = Item
Caveat: TypeAlias = Item
Question: TypeAlias = Item


@dataclass(frozen=True)
class Section:
    """A ``##`` section that is not one of the known ones, kept as written."""

    title: str
    """The heading as plain text."""
    body: tuple[Block, ...]
    """The section's content."""
    before_steps: bool
    """True when it stands before the steps in the source (renderers keep that place)."""
    line: int
    """Line of the heading in the source file."""


@dataclass(frozen=True)
class Source:
    """Where the guide's facts come from."""

    title: str
    """Title of the article or help page."""
    publisher: str | None
    """Who published it."""
    url: str | None
    """Its address (http or https)."""
    lang: str | None = None
    """The language its title and publisher are written in, when not the guide's."""


@dataclass(frozen=True)
class Guide:
    """A complete guide: front matter plus the sections of its body."""

    slug: str
    """Short name from the file name; names every output file."""
    path: Path
    """The Markdown file this guide was read from."""
    lang: str
    """BCP 47 language tag of the guide's text, for example ``en-GB``."""
    title: str
    """The guide's title."""
    summary: str
    """One or two sentences saying what the guide achieves."""
    checked: dt.date
    """The day the steps were last checked against the real app."""
    minutes: int | None
    """About how long following the guide takes."""
    applies_to: tuple[str, ...]
    """Apps, services or devices the guide is about."""
    region: str | None
    """Where the guide applies, for example ``UK``."""
    source: Source | None
    """Where the facts come from."""
    intro: tuple[Block, ...]
    """Everything before the first ``##`` heading."""
    needs: tuple[tuple[Inline, ...], ...]
    """The things a reader needs at hand, one entry per list item."""
    steps: tuple[Item, ...]
    """The steps, in the order they must be done."""
    caveats: tuple[Item, ...]
    """Limits and warnings every output must carry."""
    questions: tuple[Item, ...]
    """Questions people ask, with their answers."""
    sections: tuple[Section, ...]
    """Other ``##`` sections, in source order."""
    facilitator: tuple[Block, ...]
    """Notes for a workshop's facilitator; never in a handout or an email."""
    version: str
    """Short hash of the guide's source and images: tells printings apart."""
    text_direction: str = "ltr"
    """``ltr`` or ``rtl``, from the language."""
    edition: str | None = None
    """For a translation named ``<slug>.<lang>.md``, that language; None for an original."""
    key_lines: tuple[tuple[str, int], ...] = ()
    """Each front-matter key and its line, so later checks can point at it."""
    short_title: str | None = None
    """A shorter title for page footers, where the full one would need a second line."""

    def key_line(self, key: str) -> int | None:
        """The line of a front-matter key, if the guide has it."""
        return dict(self.key_lines).get(key)

    @property
    def name(self) -> str:
        """The base name of every file built from this guide, e.g. ``meta-ai-objection.pl``."""
        return f"{self.slug}.{self.edition}" if self.edition else self.slug


# --- helpers every renderer needs -------------------------------------------


def plain_text(nodes: tuple[Inline, ...]) -> str:
    """The visible text of inline nodes, without any markup."""
    parts: list[str] = []
    for node in nodes:
        match node:
            case Text(text) | Code(text):
                parts.append(text)
            case Strong(children) | Emphasis(children) | Link(_, children):
                parts.append(plain_text(children))
            case LineBreak():
                parts.append("\n")
    return "".join(parts)


def iter_links(blocks: tuple[Block, ...]) -> list[Link]:
    """Every link in some blocks, in reading order."""
    found: list[Link] = []

    def walk_inlines(nodes: tuple[Inline, ...]) -> None:
        for node in nodes:
            match node:
                case Link(_, children):
                    found.append(node)
                    walk_inlines(children)
                case Strong(children) | Emphasis(children):
                    walk_inlines(children)

    def walk_blocks(items: tuple[Block, ...]) -> None:
        for block in items:
            match block:
                case Paragraph(children):
                    walk_inlines(children)
                case ListBlock(items=list_items):
                    for item in list_items:
                        walk_blocks(item)

    walk_blocks(blocks)
    return found


def iter_images(blocks: tuple[Block, ...]) -> list[Image]:
    """Every image in some blocks, in reading order."""
    found: list[Image] = []
    for block in blocks:
        match block:
            case Image():
                found.append(block)
            case ListBlock(items=list_items):
                for item in list_items:
                    found.extend(iter_images(item))
    return found


def all_blocks(guide: Guide) -> tuple[Block, ...]:
    """Every block a reader may see (not facilitator notes), in reading order."""
    blocks: list[Block] = list(guide.intro)
    blocks.extend(Paragraph(need) for need in guide.needs)
    for section in guide.sections:
        if section.before_steps:
            blocks.extend(section.body)
    for item in (*guide.steps, *guide.caveats, *guide.questions):
        blocks.extend(item.body)
    for section in guide.sections:
        if not section.before_steps:
            blocks.extend(section.body)
    return tuple(blocks)
