"""The Jinja2 environment every template-based renderer uses.

Templates are files on a search path, the user's folder first (``--templates DIR``),
then the bundled ``generator/templates``. HTML and XML templates are autoescaped, text
templates are not; an undefined name fails loudly.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

import jinja2

from generator import model
from generator.render.links import link_view

BUNDLED = Path(__file__).resolve().parent.parent / "templates"
AUTOESCAPED = ("html", "htm", "xml")


MODEL_TESTS = {
    "text": model.Text,
    "strong": model.Strong,
    "emphasis": model.Emphasis,
    "code": model.Code,
    "link": model.Link,
    "linebreak": model.LineBreak,
    "paragraph": model.Paragraph,
    "listblock": model.ListBlock,
    "image": model.Image,
}
"""Tests templates use to walk the model by node type: ``{% if node is link %}``."""


def _type_test(kind: type) -> Callable[[object], bool]:
    return lambda value: isinstance(value, kind)


def _autoescape(name: str | None) -> bool:
    return name is not None and name.rsplit(".", 1)[-1].lower() in AUTOESCAPED


@lru_cache(maxsize=8)
def template_environment(user_folder: Path | None = None) -> jinja2.Environment:
    """An environment searching ``user_folder`` (if given) before the bundled templates."""
    search = [str(user_folder)] if user_folder is not None else []
    search.append(str(BUNDLED))
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(search),
        autoescape=_autoescape,
        undefined=jinja2.StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    environment.tests.update({name: _type_test(kind) for name, kind in MODEL_TESTS.items()})
    environment.filters["link_view"] = link_view
    # Until catalogs are loaded, every message is shown as written (English).
    environment.install_null_translations(newstyle=True)  # type: ignore[attr-defined]
    return environment
