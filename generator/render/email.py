"""The email edition of a guide: an HTML body and a plain-text body, both from templates.

The Jinja environment and its compiled templates are shared by every call, so a batch of
personalised emails (a greeting and a note per recipient) renders quickly.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import css_inline
from markupsafe import Markup

from generator.model import Guide, Link, Text
from generator.parse.web_address import guide_address
from generator.render.environment import render_template, template_environment
from generator.render.pictures import address_picture, email_pictures, shown_pictures

if TYPE_CHECKING:
    from generator.artifacts import Artifact, BuildContext
    from generator.options import BuildOptions

HTML_TEMPLATE = "email/guide.html"
TEXT_TEMPLATE = "email/guide.txt"
INLINE_CSS = "email/style.css"
"""The rules written into every element's style attribute (what every mail client keeps)."""

EMAIL_SIZES: dict[bool, dict[str, int]] = {
    False: {
        "body": 18,
        "h1": 30,
        "h1_phone": 27,
        "h2": 25,
        "h3": 21,
        "summary": 20,
        "handout": 17,
        "code": 17,
        "small": 16,
    },
    True: {
        "body": 22,
        "h1": 36,
        "h1_phone": 32,
        "h2": 30,
        "h3": 26,
        "summary": 24,
        "handout": 22,
        "code": 21,
        "small": 20,
    },
}
"""Font sizes in px of the regular (False) and the large-print (True) email: one set of
values each, used by ``email/base.css`` and ``email/media.css`` as ``size.<name>``."""


SYSTEM_FONTS = '-apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, Helvetica, Arial, sans-serif'
"""The fonts every phone and computer has for Latin, Greek and Cyrillic text."""
SCRIPT_FONTS = {
    "Arabic": '"Geeza Pro", "Noto Sans Arabic", "Segoe UI", Tahoma',
    "Urdu": '"Noto Nastaliq Urdu", "Jameel Noto Nastaleeq", "Urdu Typesetting", '
    '"Noto Naskh Arabic", "Geeza Pro", "Segoe UI"',
    "Hebrew": '"Arial Hebrew", "Noto Sans Hebrew", "Segoe UI", Arial',
    "Devanagari": '"Kohinoor Devanagari", "Noto Sans Devanagari", "Nirmala UI", Mangal',
    "Bengali": '"Kohinoor Bangla", "Noto Sans Bengali", "Nirmala UI", Vrinda',
    "Gurmukhi": '"Gurmukhi MN", "Noto Sans Gurmukhi", "Nirmala UI", Raavi',
    "Gujarati": '"Kohinoor Gujarati", "Gujarati Sangam MN", "Noto Sans Gujarati", '
    '"Nirmala UI", Shruti',
    "Tamil": '"Tamil Sangam MN", "Noto Sans Tamil", "Nirmala UI", Latha',
}
"""The fonts phones (iOS, Android) and computers (macOS, Windows) ship for each shaped script,
tried before the Latin ones: no web font is ever loaded."""
LINE_HEIGHTS = {"Urdu": "2.1"}
"""Nastaliq climbs and falls steeply: its lines need more room (the handout does the same)."""


def email_fonts(lang: str) -> tuple[str, str]:
    """The font stack and line height of an email's text in ``lang``."""
    from generator.i18n import primary
    from generator.scripts import language_script

    script = "Urdu" if primary(lang) == "ur" else language_script(lang)
    if script not in SCRIPT_FONTS:
        return SYSTEM_FONTS, "1.55"
    return f"{SCRIPT_FONTS[script]}, {SYSTEM_FONTS}", LINE_HEIGHTS.get(script, "1.6")


@lru_cache(maxsize=8)
def _inliner(css: str) -> css_inline.CSSInliner:
    """An inliner applying ``css``; the template's own <style> (dark mode, phones) stays put."""
    return css_inline.CSSInliner(
        inline_style_tags=False,
        keep_style_tags=True,
        load_remote_stylesheets=False,
        extra_css=css,
        minify_css=True,
    )


def _note_paragraphs(note: str | None) -> list[list[str]]:
    """The sender's note as paragraphs (split at blank lines), each a list of its lines."""
    if not note or not note.strip():
        return []
    paragraphs = re.split(r"\n[ \t]*\n", note.strip().replace("\r\n", "\n"))
    return [[line.strip() for line in p.strip().split("\n")] for p in paragraphs if p.strip()]


def _context(
    guide: Guide,
    options: BuildOptions,
    greeting: str | None,
    note: str | None,
    handout: str | None,
    handout_pages: int | None,
) -> dict[str, Any]:
    """What every email template is given (pictures are added for the HTML)."""
    source = guide.source
    fonts, line_height = email_fonts(guide.lang)
    return {
        "guide": guide,
        "fonts": fonts,
        "line_height": line_height,
        # In a right-to-left email, the tool's own words (English where the language has no
        # catalog) take their direction from their first letter, as Unicode's bidi would.
        "own_dir": Markup(' dir="auto"') if guide.text_direction == "rtl" else "",
        "greeting": greeting.strip() if greeting and greeting.strip() else None,
        "note_paragraphs": _note_paragraphs(note),
        "handout": handout,
        "handout_pages": handout_pages,
        "large_print": options.large_print,
        "size": EMAIL_SIZES[options.large_print],
        "source_link": Link(source.url, (Text(source.title),)) if source and source.url else None,
        "pictures": {},
        "latest": _latest(guide, options),
    }


def _latest(guide: Guide, options: BuildOptions) -> dict[str, Any] | None:
    """The guide's web address and its QR code (its ``src`` set later), or None without one."""
    address = guide_address(options.base_url, guide.name)
    if address is None:
        return None
    picture = address_picture(guide, address)
    return {
        "address": address,
        "link": Link(address, (Text(address),)),
        "qr": {"src": "", "width": picture.width, "height": picture.height},
    }


def _shown_pictures(guide: Guide, images: str) -> dict[Path, dict[str, Any]]:
    """Each picture's ``src`` and size as the HTML shows it, by its path."""
    return {
        picture.image.path: {
            "src": picture.src(images),
            "width": picture.width,
            "height": picture.height,
        }
        for picture in email_pictures(guide)
    }


def render_email_html(
    guide: Guide,
    options: BuildOptions,
    *,
    greeting: str | None = None,
    note: str | None = None,
    images: Literal["file", "cid"] = "file",
    handout: str | None = None,
    handout_pages: int | None = None,
) -> str:
    """The email's HTML document with its CSS inlined; pictures by file name or Content-ID.

    ``greeting`` and ``note`` (plain text, blank lines between paragraphs) sit above the
    guide; ``handout`` names the attached PDF, if any, and ``handout_pages`` its length.
    With ``options.large_print`` every size comes from the large-print set.
    """
    environment = template_environment(options.templates, guide.lang)
    context = _context(guide, options, greeting, note, handout, handout_pages)
    context["pictures"] = _shown_pictures(guide, images)
    if context["latest"] is not None:
        qr = address_picture(guide, context["latest"]["address"])
        context["latest"]["qr"]["src"] = qr.src(images)
    css, _ = render_template(environment, INLINE_CSS, context, options.templates)
    html, _ = render_template(environment, HTML_TEMPLATE, context, options.templates)
    inlined: str = _inliner(css).inline(html)
    return inlined


def render_email_text(
    guide: Guide,
    options: BuildOptions,
    *,
    greeting: str | None = None,
    note: str | None = None,
    handout: str | None = None,
    handout_pages: int | None = None,
) -> str:
    """The plain-text edition, wrapped at 72 columns, carrying everything the HTML carries."""
    environment = template_environment(options.templates, guide.lang)
    context = _context(guide, options, greeting, note, handout, handout_pages)
    text, _ = render_template(environment, TEXT_TEMPLATE, context, options.templates)
    lines = [line.rstrip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n") + "\n"


def render_html_artifact(guide: Guide, context: BuildContext) -> list[Artifact]:
    """``<name>.html`` to preview or paste into a webmail composer, and its picture files."""
    from generator.artifacts import Artifact
    from generator.i18n import ui_ngettext as ngettext

    html = render_email_html(guide, context.options, images="file")
    pictures = shown_pictures(guide, guide_address(context.options.base_url, guide.name))
    count = len(pictures)
    detail = (
        ngettext("%(count)d picture beside it", "%(count)d pictures beside it", count)
        % {"count": count}
        if count
        else ""
    )
    artifacts = [Artifact(f"{guide.name}.html", html.encode("utf-8"), "html", detail)]
    artifacts.extend(Artifact(picture.file_name, picture.data, None) for picture in pictures)
    return artifacts


def render_text_artifact(guide: Guide, context: BuildContext) -> list[Artifact]:
    """``<name>.txt``: the plain-text edition."""
    from generator.artifacts import Artifact

    text = render_email_text(guide, context.options)
    return [Artifact(f"{guide.name}.txt", text.encode("utf-8"), "txt")]
