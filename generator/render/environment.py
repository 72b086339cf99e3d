"""The Jinja2 environment every template-based renderer uses.

Templates are files on a search path, the user's folder first (``--templates DIR``),
then the bundled ``generator/templates``. HTML and XML templates are autoescaped, text
templates are not; an undefined name fails loudly. Every template runs in the sandbox of
``generator.render.sandbox``, the bundled ones included.
"""

from __future__ import annotations

import re
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape

from generator import model
from generator.parse.links import address_pieces, link_view, written_addresses
from generator.problems import GuideError
from generator.render.sandbox import TemplateLoader, TemplateRefused, TemplateSandbox
from generator.render.template_cache import template_cache

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
    "list_block": model.ListBlock,
    "image": model.Image,
}
"""Tests templates use to walk the model by node type: ``{% if node is link %}``."""


def _type_test(kind: type) -> Callable[[object], bool]:
    return lambda value: isinstance(value, kind)


def _autoescape(name: str | None) -> bool:
    return name is not None and name.rsplit(".", 1)[-1].lower() in AUTOESCAPED


def template_environment(user_folder: Path | None = None, lang: str = "en") -> jinja2.Environment:
    """An environment searching ``user_folder`` (if given) before the bundled templates.

    Fixed words (``_("…")`` in templates) are translated into ``lang`` from the shipped
    catalogs, and ``long_date``/``number`` write dates and numbers as its readers do.
    """
    from generator.i18n import primary

    return _environment(user_folder, primary(lang), lang)


@lru_cache(maxsize=32)
def _environment(user_folder: Path | None, language: str, lang: str) -> jinja2.Environment:
    from generator.i18n import format_date, format_number, translations_for

    search = [user_folder] if user_folder is not None else []
    search.append(BUNDLED)
    environment = TemplateSandbox(
        loader=TemplateLoader(search),
        autoescape=_autoescape,
        undefined=jinja2.StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        bytecode_cache=template_cache(),
    )
    environment.tests.update({name: _type_test(kind) for name, kind in MODEL_TESTS.items()})
    environment.filters["link_view"] = link_view
    environment.filters["wordwrap"] = _wordwrap
    environment.filters["addresses"] = breakable_addresses
    environment.install_gettext_translations(  # type: ignore[attr-defined]
        translations_for(language), newstyle=True
    )
    environment.globals["long_date"] = lambda day: format_date(day, lang)
    environment.globals["number"] = lambda value: format_number(value, lang)
    return environment


HELD = re.compile(r"\w?[^\w/.:@=&#%+~]+\w?")
"""A mark a browser may break a line after (a hyphen, ``?``, ``!``, a bracket…) with the
letters beside it: held together, the line cannot break there."""


WHOLE_ADDRESS = 26
"""Addresses this long or shorter fit on a line of a phone's screen in large print (and in
the typewriter face): they are never broken, but go on to the next line whole."""


def breakable_addresses(text: str) -> Markup:
    """Text as HTML in which a written-out address goes on to the next line only where
    ``address_pieces`` allows (``<wbr>``), never at a hyphen (held with its neighbours in a
    ``nobreak`` span); a short one only whole. No character is added: a copied address is
    the address."""
    parts: list[str] = []
    last = 0
    for start, end in written_addresses(text):
        parts.append(escape(text[last:start]))
        address = text[start:end]
        if len(address) <= WHOLE_ADDRESS:
            parts.append(f'<span class="nobreak">{escape(address)}</span>')
        else:
            parts.append("<wbr>".join(_held(piece) for piece in address_pieces(address)))
        last = end
    parts.append(escape(text[last:]))
    return Markup("".join(parts))


def _held(piece: str) -> str:
    """A piece of an address as HTML, each mark a browser would break after held."""
    parts: list[str] = []
    last = 0
    for found in HELD.finditer(piece):
        parts.append(escape(piece[last : found.start()]))
        parts.append(f'<span class="nobreak">{escape(found.group(0))}</span>')
        last = found.end()
    parts.append(escape(piece[last:]))
    return "".join(parts)


@jinja2.pass_environment
@lru_cache(maxsize=1024)
def _wordwrap(environment: jinja2.Environment, text: str, *args: Any, **kwargs: Any) -> str:
    """Jinja's ``wordwrap`` filter, remembering its answers.

    Every message of a ``guide send`` wraps the same paragraphs of the guide; wrapping is
    the plain-text edition's largest cost, and its answer depends only on its arguments.
    """
    from jinja2.filters import do_wordwrap

    return do_wordwrap(environment, str(text), *args, **kwargs)


def _template_line(exc: BaseException, filename: str | None) -> tuple[Path | None, int | None]:
    """The template file and line an error happened on, from Jinja's rewritten traceback."""
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        suffix = frame.filename.rsplit(".", 1)[-1]
        if suffix in ("xml", "html", "txt", "css") and Path(frame.filename).is_file():
            return Path(frame.filename), frame.lineno
    return (Path(filename) if filename else None), None


def _template_file(environment: jinja2.Environment, name: str) -> Path | None:
    """The file a template name finds first on the search path, if any."""
    loader = environment.loader
    if isinstance(loader, TemplateLoader):
        try:
            return loader.find(name)
        except jinja2.TemplateNotFound:
            return None
    return None


@contextmanager
def _loading(environment: jinja2.Environment, name: str, templates: Path | None) -> Iterator[None]:
    """Loading a template: any reason it cannot be read becomes a ``GuideError`` at its file."""
    try:
        yield
    except UnicodeDecodeError as exc:
        found = _template_file(environment, name)
        line = exc.object[: exc.start].count(b"\n") + 1 if isinstance(exc.object, bytes) else None
        raise GuideError(
            found or Path(name),
            line,
            "template error: the file is not UTF-8 text (a byte that is not UTF-8 is on this "
            "line): save it as UTF-8 in your editor",
        ) from None
    except RecursionError:
        raise GuideError(
            _template_file(environment, name) or Path(name),
            None,
            "template error: a template extends or includes itself, directly or through "
            "another: make it extend a different one",
        ) from None
    except TemplateRefused as exc:
        raise GuideError(exc.path, None, f"template error: {exc}") from None
    except jinja2.TemplateNotFound as exc:
        where = templates or BUNDLED
        raise GuideError(
            where, None, f"there is no template '{exc.name}' here or among the bundled ones"
        ) from None
    except jinja2.TemplateSyntaxError as exc:
        raise GuideError(
            Path(exc.filename or name), exc.lineno, f"template error: {exc.message}"
        ) from None


def template_text(environment: jinja2.Environment, name: str, templates: Path | None = None) -> str:
    """A file on the template search path as it is, not rendered (a script the web edition
    copies), read as a template is: only from inside its folder, UTF-8, bounded."""
    assert environment.loader is not None
    with _loading(environment, name, templates):
        source, _, _ = environment.loader.get_source(environment, name)
    return source


def render_template(
    environment: jinja2.Environment,
    name: str,
    context: dict[str, Any],
    templates: Path | None = None,
) -> tuple[str, Path]:
    """Render one template; any mistake in it is a ``GuideError`` at its file and line.

    Returns the text and the template's file, so later errors can point at it too.
    """
    with _loading(environment, name, templates):
        template = environment.get_template(name)
    path = Path(template.filename or name)
    try:
        return template.render(context), path
    except jinja2.TemplateSyntaxError as exc:
        raise GuideError(
            Path(exc.filename or path), exc.lineno, f"template error: {exc.message}"
        ) from None
    except TemplateRefused as exc:  # an included or parent template
        failed_in, failed_line = _template_line(exc, template.filename)
        raise GuideError(failed_in or path, failed_line, f"template error: {exc}") from None
    except jinja2.TemplateError as exc:
        failed_in, failed_line = _template_line(exc, template.filename)
        raise GuideError(failed_in or path, failed_line, f"template error: {exc}") from None
    except RecursionError:
        raise GuideError(
            path,
            None,
            "template error: a template extends, includes or calls itself without end: "
            "make it extend a different one",
        ) from None
    except UnicodeDecodeError as exc:  # an included or parent template that is not UTF-8
        raise GuideError(
            path, None, f"template error: a template it uses is not UTF-8 text ({exc.reason})"
        ) from None
    except Exception as exc:  # {{ 1/0 }} and the like, raised by the template
        failed_in, failed_line = _template_line(exc, template.filename)
        raise GuideError(
            failed_in or path, failed_line, f"template error: {type(exc).__name__}: {exc}"
        ) from None
