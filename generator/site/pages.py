"""The web edition's pages, feed and sitemap, from the templates in ``templates/site/``.

Each page is rendered in its own language (a guide's page in the guide's, a language's page
in that language, the index in the site's); pages walk the model with the email's macros,
so a guide reads the same on the web as in the email.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markupsafe import Markup, escape

from generator.i18n import primary, translations_for
from generator.model import Guide, Link, Text
from generator.parse.web_address import page_folder
from generator.render.environment import render_template, template_environment
from generator.site.plan import (
    Download,
    SitePlan,
    language_file,
    language_in_text,
    language_name,
    open_graph_locale,
    page_file,
    relative,
    search_file,
)
from generator.site.styles import SITE_SIZES

PAGE_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "form-action 'self'; base-uri 'none'"
)
"""The Content-Security-Policy of every page: its own files only, no request elsewhere."""
SEARCH_POLICY = (
    "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; "
    "connect-src 'self'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'"
)
"""A search page's policy: Pagefind also fetches its index from the site and runs it as
WebAssembly in a worker, all from the site's own files."""


@dataclass(frozen=True)
class SiteWords:
    """What the person building the site chose to put on every page."""

    title: str | None
    """The site's name (``--title``), or None for the translated default."""
    base_url: str | None
    """The site's own address, ending in ``/``, or None."""
    org: str | None
    """The organisation's name (``--org``)."""
    contact: str | None
    """How to reach it (``--contact``)."""
    templates: Path | None
    """A folder searched before the bundled templates."""


def default_title(code: str) -> str:
    """The site's name when ``--title`` is not given, in a language."""
    _ = translations_for(code).gettext
    return _("Digital safety guides")


def size_text(size: int, lang: str) -> str:
    """A file size as its readers write it, like ``48.8 KB`` or ``48,8 KB``."""
    from babel.numbers import format_decimal

    from generator.i18n import babel_locale

    return f"{format_decimal(round(size / 1024, 1), locale=babel_locale(lang))} KB"


def checked_on(guide: Guide, lang: str) -> str:
    """The words "Checked on" and the date in language ``lang``; the date as the guide's
    readers write it when the guide is in that language (``en-GB`` and ``en-US`` differ)."""
    from generator.i18n import format_date

    dated = guide.lang if primary(guide.lang) == primary(lang) else lang
    return translations_for(primary(lang)).gettext("Checked on %(date)s") % {
        "date": format_date(guide.checked, dated)
    }


def _day(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


class SitePages:
    """Renders every page of one site."""

    def __init__(self, plan: SitePlan, words: SiteWords) -> None:
        self.plan = plan
        self.words = words
        self.names = {code: language_name(code) for code in plan.languages}
        self.names_in_text = {code: language_in_text(code) for code in plan.languages}

    def _absolute(self, path: str) -> str | None:
        return self.words.base_url + path if self.words.base_url else None

    def _context(self, file: str, lang: str, code: str, policy: str) -> dict[str, Any]:
        """What every page's template is given."""
        given = self.words.title
        title = given or default_title(code)
        site = {
            "title": title,
            # A title given in the site's language is marked as such on other pages.
            "title_lang": self.plan.language if given and code != self.plan.language else None,
            "org": self.words.org,
            "contact": self.words.contact,
        }
        return {
            "site": site,
            "plan": self.plan,
            "root": relative("", file),
            "page_lang": lang,
            "page_language": code,
            "page_dir": self.plan.direction(code),
            "language_names": self.names,
            "language_names_in_text": self.names_in_text,
            "has_list": bool(self.plan.in_language(code)),
            "csp": policy,
            "description": None,
            "canonical": None,
            "alternates": [],
            "og_title": title,
            "og_type": "website",
            "og_locale": open_graph_locale(lang),
            "searchable": False,
            "query": None,
        }

    def _render(self, name: str, lang: str, context: dict[str, Any]) -> str:
        environment = template_environment(self.words.templates, lang)
        text, _ = render_template(environment, name, context, self.words.templates)
        return text

    def guide_page(self, guide: Guide, downloads: list[Download]) -> str:
        """A guide edition's page: the whole guide, its other languages and its downloads."""
        from generator.render.pictures import email_pictures

        file = page_file(guide)
        code = primary(guide.lang)
        context = self._context(file, guide.lang, code, PAGE_POLICY)
        context["page_dir"] = guide.text_direction
        editions = self.plan.editions(guide)
        context.update(
            {
                "guide": guide,
                "description": guide.summary,
                "canonical": self._absolute(page_folder(guide.name)),
                "og_title": guide.title,
                "og_type": "article",
                "searchable": True,
                "alternates": [
                    {
                        "lang": other.lang,
                        "href": self._absolute(page_folder(other.name))
                        or relative(page_file(other), file),
                    }
                    for other in editions
                ]
                if len(editions) > 1
                else [],
                "editions": [
                    {
                        "lang": other.lang,
                        "language": language_name(primary(other.lang)),
                        "href": relative(page_file(other), file),
                        "current": other.name == guide.name,
                    }
                    for other in editions
                ],
                "pictures": {
                    picture.image.path: {
                        "src": picture.file_name,
                        "width": picture.width,
                        "height": picture.height,
                    }
                    for picture in email_pictures(guide)
                },
                "source_link": Link(guide.source.url, (Text(guide.source.title),))
                if guide.source and guide.source.url
                else None,
                "downloads": [
                    {
                        "href": download.file.rsplit("/", 1)[-1],
                        "kind": download.kind,
                        "pages": download.pages,
                        "size": size_text(download.size, guide.lang),
                    }
                    for download in downloads
                ],
            }
        )
        return self._render("site/guide.html", guide.lang, context)

    def _entries(self, guides: tuple[Guide, ...], file: str, lang: str) -> list[dict[str, Any]]:
        """Each guide as a list shows it, with its facts in the page's language ``lang``."""
        words = translations_for(primary(lang))
        entries = []
        for guide in guides:
            foreign = primary(guide.lang) != primary(lang)
            facts: list[str] = []
            if guide.minutes:
                facts.append(
                    words.ngettext("About %(num)d minute", "About %(num)d minutes", guide.minutes)
                    % {"num": guide.minutes}
                )
            if guide.applies_to:
                things = ", ".join(guide.applies_to)
                facts.append(
                    # What a guide applies to is written in the guide's language.
                    escape(words.gettext("For: %(things)s"))
                    % {"things": Markup('<span lang="{}">{}</span>').format(guide.lang, things)}
                    if foreign
                    else words.gettext("For: %(things)s") % {"things": things}
                )
            facts.append(checked_on(guide, lang))
            entries.append(
                {
                    "title": guide.title,
                    "summary": guide.summary,
                    "href": relative(page_file(guide), file),
                    "lang": guide.lang,
                    "dir": guide.text_direction,
                    # In another language than the page's words: marked, so a screen reader
                    # reads the title and summary in the guide's voice, the facts in the page's.
                    "foreign": foreign,
                    "facts": facts,
                }
            )
        return entries

    def index_page(self) -> str:
        """The front page: every guide, grouped by language, the site's language first."""
        file = "index.html"
        code = self.plan.language
        lang = self.plan.page_lang(code)
        context = self._context(file, lang, code, PAGE_POLICY)
        context["canonical"] = self._absolute("")
        context["groups"] = [
            {
                "code": each,
                "name": self.names[each],
                "entries": self._entries(self.plan.in_language(each), file, lang),
            }
            for each in self.plan.with_guides()
        ]
        return self._render("site/index.html", context["page_lang"], context)

    def language_page(self, code: str) -> str:
        """The guides of one language, every word on the page in that language."""
        file = language_file(code)
        lang = self.plan.page_lang(code)
        context = self._context(file, lang, code, PAGE_POLICY)
        context["canonical"] = self._absolute(file.removesuffix("index.html"))
        context["entries"] = self._entries(self.plan.in_language(code), file, lang)
        return self._render("site/language.html", context["page_lang"], context)

    def search_page(self, code: str) -> str:
        """The search page in one language; it searches every language's guides."""
        file = search_file(code)
        context = self._context(file, self.plan.page_lang(code), code, SEARCH_POLICY)
        # Only languages with guides have a search index; this page's own comes first.
        indexed = self.plan.with_guides()
        context["bundles"] = sorted(indexed, key=lambda other: other != code)
        return self._render("site/search.html", context["page_lang"], context)

    def stylesheet(self) -> str:
        """The site's one stylesheet."""
        code = self.plan.language
        return self._render("site/assets/site.css", code, {"size": SITE_SIZES})

    def feed(self) -> str:
        """An Atom feed of every guide edition, the most recently checked first."""
        code = self.plan.language
        context = self._context("feed.xml", self.plan.page_lang(code), code, PAGE_POLICY)
        newest = max((guide.checked for guide in self.plan.guides), default=dt.date(2000, 1, 1))
        base = self.words.base_url
        context["feed"] = {
            "id": base + "feed.xml" if base else _urn("feed"),
            "updated": _day(newest),
            "self": (base or "") + "feed.xml",
            "home": base or "index.html",
        }
        ordered = sorted(self.plan.guides, key=lambda g: (-g.checked.toordinal(), g.name))
        context["entries"] = [
            {
                "title": guide.title,
                "lang": guide.lang,
                "id": self._absolute(page_folder(guide.name)) or _urn(guide.name),
                "updated": _day(guide.checked),
                "href": self._absolute(page_folder(guide.name)) or page_file(guide),
                "summary": guide.summary,
                # Inside the entry, in the entry's own language.
                "checked": checked_on(guide, guide.lang),
            }
            for guide in ordered
        ]
        return self._render("site/feed.xml", context["page_lang"], context)

    def sitemap(self) -> str | None:
        """Every page's absolute address; None without a base address (a sitemap needs them)."""
        if not self.words.base_url:
            return None
        newest = max((guide.checked for guide in self.plan.guides), default=None)
        pages: list[dict[str, Any]] = [{"loc": self.words.base_url, "lastmod": newest}]
        for code in self.plan.with_guides():
            day = max(guide.checked for guide in self.plan.in_language(code))
            pages.append(
                {
                    "loc": self._absolute(language_file(code).removesuffix("index.html")),
                    "lastmod": day,
                }
            )
        for guide in self.plan.guides:
            pages.append({"loc": self._absolute(page_folder(guide.name)), "lastmod": guide.checked})
        code = self.plan.language
        return self._render("site/sitemap.xml", code, {"pages": pages})


def _urn(name: str) -> str:
    """A lasting identifier for a feed or an entry when the site has no address yet."""
    return uuid.uuid5(uuid.NAMESPACE_URL, f"guide-site:{name}").urn
