"""The preview's two pages, from templates in ``templates/preview/``, in the user's language.

Everything the page needs (style, script, words) is inside it: it works offline and loads
nothing from the internet.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote

import jinja2

from generator.i18n import translations_for, ui_language
from generator.i18n import ui_gettext as _
from generator.preview.state import Variant
from generator.render.sandbox import TemplateSandbox

FOLDER = Path(__file__).resolve().parent.parent / "templates" / "preview"


@lru_cache(maxsize=4)
def _environment(language: str) -> jinja2.Environment:
    environment = TemplateSandbox(
        loader=jinja2.FileSystemLoader(str(FOLDER)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        extensions=["jinja2.ext.i18n"],
    )
    environment.install_gettext_translations(  # type: ignore[attr-defined]
        translations_for(language), newstyle=True
    )
    environment.filters["url"] = lambda name: quote(name, safe="")
    return environment


def preview_page(path: Path, variant: Variant, listed: bool) -> str:
    """The page showing one guide; its script fetches the rest and follows the changes."""
    environment = _environment(ui_language())
    words = {
        "built": _("Updated at {time} (built in {seconds} s)"),
        "page": _("Page {number} of the handout"),
        "lost": _("The preview has stopped: run 'guide preview' again and reload this page."),
        "clear": _("No problems: this guide is ready for 'guide build'."),
    }
    return environment.get_template("page.html").render(
        name=path.name,
        paper=variant[0],
        large=variant[1],
        listed=listed,
        words=json.dumps(words, ensure_ascii=False).replace("<", "\\u003c"),
    )


def guide_list_page(guides: list[Path], folder: Path) -> str:
    """The page listing the guides of a folder, to choose one."""
    return (
        _environment(ui_language())
        .get_template("list.html")
        .render(guides=[guide.name for guide in guides], folder=str(folder))
    )
