"""The Jinja2 environment every template-based renderer uses.

Templates are files on a search path, the user's folder first (``--templates DIR``),
then the bundled ``generator/templates``. HTML and XML templates are autoescaped, text
templates are not; an undefined name fails loudly.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import jinja2

BUNDLED = Path(__file__).resolve().parent.parent / "templates"
AUTOESCAPED = ("html", "htm", "xml")


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
    # Until catalogs are loaded, every message is shown as written (English).
    environment.install_null_translations(newstyle=True)  # type: ignore[attr-defined]
    return environment
