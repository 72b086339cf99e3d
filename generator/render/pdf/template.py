"""Render a guide into a handout story with a Jinja2 template from the shared search path.

The template decides the structure and every fixed word; guide text reaches the story
only through autoescaping or the ``inline`` filter, so it can never inject markup.
"""

from __future__ import annotations

import traceback
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape

from generator import __version__
from generator.errors import GuideError
from generator.model import (
    Block,
    Code,
    Emphasis,
    Guide,
    Image,
    Inline,
    LineBreak,
    Link,
    ListBlock,
    Paragraph,
    Strong,
    Text,
    iter_links,
)
from generator.render.environment import template_environment

HANDOUT_TEMPLATE = "handout/handout.xml"


def inline(nodes: tuple[Inline, ...]) -> Markup:
    """Inline nodes as story markup: emphasis and code are bold (never italic), links clickable."""
    parts: list[str] = []
    for node in nodes:
        match node:
            case Text(text):
                parts.append(escape(unicodedata.normalize("NFC", text)))
            case Code(text):
                parts.append(f"<b>{escape(unicodedata.normalize('NFC', text))}</b>")
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


@lru_cache(maxsize=8)
def handout_environment(user_folder: Path | None) -> jinja2.Environment:
    """The shared template environment with the handout's filters and tests added."""
    environment = template_environment(user_folder).overlay()
    # An overlay shares these dicts with its parent; copy them before adding to them.
    environment.filters = dict(environment.filters)
    environment.tests = dict(environment.tests)
    environment.filters["inline"] = inline
    environment.filters["links"] = unique_links
    environment.tests["paragraph"] = lambda block: isinstance(block, Paragraph)
    environment.tests["list_block"] = lambda block: isinstance(block, ListBlock)
    environment.tests["image"] = lambda block: isinstance(block, Image)
    return environment


def _template_line(exc: BaseException, filename: str | None) -> tuple[Path | None, int | None]:
    """The template file and line an error happened on, from Jinja's rewritten traceback."""
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if frame.filename.endswith((".xml", ".html", ".txt")) and Path(frame.filename).is_file():
            return Path(frame.filename), frame.lineno
    return (Path(filename) if filename else None), None


def render_story(
    guide: Guide,
    context: dict[str, Any],
    *,
    templates: Path | None = None,
    name: str = HANDOUT_TEMPLATE,
) -> tuple[str, Path]:
    """The story a template makes of a guide, and the template's file (for error messages)."""
    return render_template(name, {"guide": guide, **context}, templates=templates)


def render_template(
    name: str, context: dict[str, Any], *, templates: Path | None = None
) -> tuple[str, Path]:
    """The story a template makes of a context, and the template's file (for error messages)."""
    # Environments are kept per folder; a relative folder means a different one after chdir.
    environment = handout_environment(templates.resolve() if templates else None)
    try:
        template = environment.get_template(name)
    except jinja2.TemplateNotFound as exc:
        where = templates or Path("generator/templates")
        raise GuideError(
            where, None, f"there is no template '{exc.name}' here or among the bundled ones"
        ) from None
    except jinja2.TemplateSyntaxError as exc:
        raise GuideError(
            Path(exc.filename or name), exc.lineno, f"template error: {exc.message}"
        ) from None
    path = Path(template.filename or name)
    try:
        story = template.render(tool_version=__version__, **context)
    except jinja2.TemplateSyntaxError as exc:
        raise GuideError(
            Path(exc.filename or path), exc.lineno, f"template error: {exc.message}"
        ) from None
    except jinja2.TemplateError as exc:
        failed_in, line = _template_line(exc, template.filename)
        raise GuideError(failed_in or path, line, f"template error: {exc}") from None
    return story, path
