"""The shape of the web edition: which pages there are, where each lives, what links to what.

Every address inside the site is relative, so the folder works on any web host, in a
sub-folder, and opened from a disk; ``--base-url`` only adds absolute addresses where the
web needs them (the canonical address, Open Graph, the feed, the sitemap, and paper).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from generator.i18n import SOURCE_LANGUAGE, has_catalog, primary
from generator.model import Guide
from generator.parse.web_address import page_folder

ASSETS = "assets/"
"""The site's own stylesheet and scripts."""
SEARCH_BUNDLES = "pagefind/"
"""The search index, one bundle per language (``pagefind/<lang>/``)."""
LANGUAGES = "languages/"
"""A page per language (``languages/<lang>/index.html``) and its search page."""


@dataclass(frozen=True)
class Download:
    """One file a reader can take away from a guide's page."""

    file: str
    """Its path inside the site."""
    kind: str
    """``a4``, ``letter``, ``a4-large``, ``letter-large`` (handouts) or ``txt``."""
    size: int
    """Its size in bytes."""
    pages: int
    """Its number of pages (0 for the plain text)."""


HANDOUTS = (("a4", False), ("letter", False), ("a4", True), ("letter", True))
"""Every handout a guide's page offers: both papers, regular and large print."""


def handout_kind(paper: str, large_print: bool) -> str:
    """The name of a handout edition, like ``a4`` or ``letter-large``."""
    return f"{paper}-large" if large_print else paper


def download_file(guide: Guide, kind: str) -> str:
    """Where a download of a guide lives in the site, like ``guides/x/x-a4-large-print.pdf``."""
    if kind == "txt":
        return f"{page_folder(guide.name)}{guide.name}.txt"
    return f"{page_folder(guide.name)}{guide.name}-{kind.replace('-large', '-large-print')}.pdf"


def page_file(guide: Guide) -> str:
    """Where a guide edition's page lives in the site."""
    return f"{page_folder(guide.name)}index.html"


def language_file(code: str) -> str:
    """The page listing the guides of one language."""
    return f"{LANGUAGES}{code}/index.html"


def search_file(code: str) -> str:
    """The search page in one language."""
    return f"{LANGUAGES}{code}/search.html"


def relative(target: str, page: str) -> str:
    """The address of ``target`` (a path in the site) as written on ``page`` (another one)."""
    depth = page.count("/")
    return "../" * depth + target


@dataclass(frozen=True)
class SitePlan:
    """Every edition of every guide, grouped the ways the site shows them."""

    guides: tuple[Guide, ...]
    """Every guide edition, by slug, the original first."""
    language: str
    """The language of the index, the feed and the site's own words: a primary subtag."""
    languages: tuple[str, ...]
    """The site's language, then every other language a guide is written in (primary
    subtags): each has a search page, and a page of its guides when it has any."""
    locale: str
    """The site's language as a full tag (``en-GB``): that of ``--lang``, else of most of the
    site's guides in its language, so dates on the index read as on those guides."""

    def page_lang(self, code: str) -> str:
        """The ``lang`` of a page whose own words are in language ``code``: English where the
        tool's words are not translated into it, since they are then in English."""
        if code == self.language:
            return self.locale
        return code if has_catalog(code) else SOURCE_LANGUAGE

    def with_guides(self) -> tuple[str, ...]:
        """The languages a guide is written in, the site's first: each has a list and a
        search index."""
        return tuple(code for code in self.languages if self.in_language(code))

    def editions(self, guide: Guide) -> tuple[Guide, ...]:
        """Every edition of a guide (its translations and itself), the original first."""
        return tuple(other for other in self.guides if other.slug == guide.slug)

    def in_language(self, code: str) -> tuple[Guide, ...]:
        """The guides written in one language, by title."""
        found = [guide for guide in self.guides if primary(guide.lang) == code]
        return tuple(sorted(found, key=lambda g: (g.title.casefold(), g.name)))

    def direction(self, code: str) -> str:
        """``ltr`` or ``rtl``: how a language's pages run, from its guides."""
        for guide in self.in_language(code):
            return guide.text_direction
        return "ltr"


def plan_site(guides: list[Guide], language: str | None) -> SitePlan:
    """The site of these guides, its own words in ``language`` (default: most guides')."""
    ordered = tuple(sorted(guides, key=lambda g: (g.slug, g.edition or "")))
    counts = Counter(primary(guide.lang) for guide in ordered)
    if language is None:
        # Most guides' language whose words the tool has (the site's own words are in it); a
        # tie goes to the language of the first original.
        originals = [primary(guide.lang) for guide in ordered if guide.edition is None]
        spoken = {code: count for code, count in counts.items() if has_catalog(code)}
        most = max(spoken.values()) if spoken else 0
        order = dict.fromkeys(originals + sorted(spoken))
        tied = [code for code in order if spoken.get(code) == most]
        tag = tied[0] if tied else SOURCE_LANGUAGE
    else:
        tag = language
    code = primary(tag)
    if "-" not in tag:
        # A bare code takes the region most of its guides give (en → en-GB), for their dates.
        regional = Counter(g.lang for g in ordered if primary(g.lang) == code and "-" in g.lang)
        tag = regional.most_common(1)[0][0] if regional else code
    others = sorted(other for other in counts if other != code)
    # The site's own language always has its search page, even with no guide in it.
    return SitePlan(guides=ordered, language=code, languages=(code, *others), locale=tag)


@lru_cache(maxsize=64)
def language_in_text(code: str) -> str:
    """A language's name in that language as its readers write it inside a sentence
    ("français", "Deutsch")."""
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(code).get_display_name(code) or code
    except (UnknownLocaleError, ValueError):
        return code


def language_name(code: str) -> str:
    """A language's name in that language, as its readers write it at the start of a line."""
    name = language_in_text(code)
    return name[:1].upper() + name[1:]


@lru_cache(maxsize=64)
def open_graph_locale(lang: str) -> str:
    """The ``og:locale`` of a language tag, like ``pl_PL`` for ``pl``."""
    from babel import Locale, UnknownLocaleError

    try:
        locale = Locale.parse(lang, sep="-")
    except (UnknownLocaleError, ValueError):
        return "en_GB" if primary(lang) == "en" else primary(lang)
    if locale.territory is None:
        from babel.core import get_global

        likely = str(get_global("likely_subtags").get(locale.language, ""))
        territory = likely.split("_")[-1] if likely else ""
        return f"{locale.language}_{territory}" if territory else locale.language
    return f"{locale.language}_{locale.territory}"
