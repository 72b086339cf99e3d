"""Render a guide into a handout story with a Jinja2 template from the shared search path.

The template decides the structure and every fixed word; guide text reaches the story
only through autoescaping or the ``inline`` filter, so it can never inject markup.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape

from generator import __version__
from generator.model import (
    Block,
    Code,
    Emphasis,
    Guide,
    Inline,
    LineBreak,
    Link,
    Paragraph,
    Strong,
    Text,
    iter_links,
)
from generator.render.environment import render_template as render_with
from generator.render.environment import template_environment

HANDOUT_TEMPLATE = "handout/handout.xml"


def inline(nodes: tuple[Inline, ...]) -> Markup:
    """Inline nodes as story markup: emphasis is bold (never italic), code in the typewriter
    face, links clickable."""
    parts: list[str] = []
    for node in nodes:
        match node:
            case Text(text):
                parts.append(escape(unicodedata.normalize("NFC", text)))
            case Code(text):
                parts.append(f"<code>{escape(unicodedata.normalize('NFC', text))}</code>")
            case Strong(children) | Emphasis(children):
                parts.append(f"<b>{inline(children)}</b>")
            case Link(url, children):
                parts.append(f'<a href="{escape(url)}">{inline(children)}</a>')
            case LineBreak():
                parts.append("<br/>")
    return Markup("".join(parts))


def unique_links(blocks: tuple[Block, ...]) -> list[Link]:
    """The links of some blocks in reading order, each address once."""
    seen: set[str] = set()
    found: list[Link] = []
    for link in iter_links(blocks):
        if link.url not in seen:
            seen.add(link.url)
            found.append(link)
    return found


def need_links(needs: tuple[tuple[Inline, ...], ...]) -> list[Link]:
    """The links in "What you'll need", each address once."""
    return unique_links(tuple(Paragraph(need) for need in needs))


@lru_cache(maxsize=32)
def handout_environment(user_folder: Path | None, lang: str = "en") -> jinja2.Environment:
    """The shared template environment (with its model tests) plus the handout's filters."""
    environment = template_environment(user_folder, lang).overlay()
    # An overlay shares this dict with its parent; copy it before adding to it.
    environment.filters = dict(environment.filters)
    environment.filters["inline"] = inline
    environment.filters["links"] = unique_links
    environment.filters["need_links"] = need_links
    return environment


def render_story(
    guide: Guide,
    context: dict[str, Any],
    *,
    templates: Path | None = None,
    name: str = HANDOUT_TEMPLATE,
) -> tuple[str, Path]:
    """The story a template makes of a guide, and the template's file (for error messages)."""
    return render_template(name, {"guide": guide, **context}, templates=templates, lang=guide.lang)


def render_template(
    name: str, context: dict[str, Any], *, templates: Path | None = None, lang: str = "en"
) -> tuple[str, Path]:
    """The story a handout or workshop template makes of a context, and the template's file."""
    # Environments are kept per folder; a relative folder means a different one after chdir.
    environment = handout_environment(templates.resolve() if templates else None, lang)
    return render_with(environment, name, {"tool_version": __version__, **context}, templates)
