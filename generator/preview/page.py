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


def url_name(name: str) -> str:
    """A file name as it goes in a URL: its bytes, percent-encoded (also when not UTF-8)."""
    return quote(name, safe="", errors="surrogateescape")


def shown_name(name: str) -> str:
    """A file name as it is shown on a page: bytes that are not UTF-8 as a replacement mark."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


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
    return environment


def preview_page(path: Path, variant: Variant, listed: bool, root: str = "/") -> str:
    """The page showing one guide; its script fetches the rest and follows the changes.

    ``root`` is the path every address of the run starts with (``/<token>/``).
    """
    environment = _environment(ui_language())
    words = {
        "built": _("Updated at {time} (built in {seconds} s)"),
        "page": _("Page {number} of the handout"),
        "lost": _("The preview has stopped: run 'guide preview' again and reload this page."),
        "clear": _("No problems: this guide is ready for 'guide build'."),
    }
    return environment.get_template("page.html").render(
        name=shown_name(path.name),
        base=f"{root}g/{url_name(path.name)}/",
        root=root,
        paper=variant[0],
        large=variant[1],
        listed=listed,
        words=json.dumps(words, ensure_ascii=False).replace("<", "\\u003c"),
    )


def guide_list_page(guides: list[Path], folder: Path, root: str = "/") -> str:
    """The page listing the guides of a folder, to choose one."""
    listed = [(f"{root}g/{url_name(guide.name)}/", shown_name(guide.name)) for guide in guides]
    return (
        _environment(ui_language())
        .get_template("list.html")
        .render(guides=listed, folder=shown_name(str(folder)))
    )
