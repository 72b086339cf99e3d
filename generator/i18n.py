"""The tool's own words in the reader's language: gettext catalogs, CLDR dates and numbers.

Catalogs are the ``.po`` files in ``generator/locale/<lang>/LC_MESSAGES/guide.po`` (the
format translators' tools read); they are read with Babel when first needed. A language
without a catalog falls back to English; ``guide check`` warns about it.
"""

from __future__ import annotations

import datetime as dt
import gettext
import io
import re
from functools import lru_cache
from pathlib import Path

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "guide"
SOURCE_LANGUAGE = "en"

LANGUAGE_NAMES = {
    "te": "Telugu",
    "kn": "Kannada",
    "ml": "Malayalam",
    "or": "Odia",
    "si": "Sinhala",
    "th": "Thai",
    "lo": "Lao",
    "km": "Khmer",
    "my": "Burmese",
    "bo": "Tibetan",
    "dz": "Dzongkha",
    "dv": "Dhivehi",
    "syr": "Syriac",
    "nqo": "N'Ko",
    "mn": "Mongolian",
}
"""Languages written in scripts the handout cannot shape or lay out (``generator.scripts``)."""


def primary(lang: str) -> str:
    """The primary language subtag, lower case: ``en-GB`` → ``en``."""
    return lang.split("-")[0].lower()


def babel_locale(lang: str) -> str:
    """A Babel locale name for a BCP 47 tag (``en-GB`` → ``en_GB``), falling back to English."""
    from babel import Locale, UnknownLocaleError

    try:
        return str(Locale.parse(lang, sep="-"))
    except (UnknownLocaleError, ValueError):
        try:
            return str(Locale.parse(primary(lang)))
        except (UnknownLocaleError, ValueError):
            return SOURCE_LANGUAGE


LANGUAGE_CODE = re.compile(r"[a-z]{2,3}")
"""A primary language subtag (ISO 639: ``pl``, ``fil``): all a catalog's folder may be named."""


def language_name(lang: str) -> str:
    """A language's English name for messages (``he`` → ``Hebrew``), else its tag quoted."""
    from babel import Locale, UnknownLocaleError

    try:
        name = Locale.parse(primary(lang)).get_display_name(SOURCE_LANGUAGE)
    except (UnknownLocaleError, ValueError):
        name = None
    return f"{name} ('{lang}')" if name else f"'{lang}'"


def catalog_path(lang: str) -> Path:
    """Where the catalog of a language lives (it may not exist).

    Only a language code names a catalog: a ``LANGUAGE`` or a guide's ``lang`` holding a
    path (``/some/dir``, ``../..``) finds none, never a file outside the bundled catalogs.
    """
    code = primary(lang)
    if not LANGUAGE_CODE.fullmatch(code):
        code = "-"  # no catalog has this name
    return LOCALE_DIR / code / "LC_MESSAGES" / f"{DOMAIN}.po"


def shipped_languages() -> tuple[str, ...]:
    """Languages with a catalog, plus English (the words as written)."""
    found = {path.parent.parent.name for path in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po")}
    return tuple(sorted(found | {SOURCE_LANGUAGE}))


def has_catalog(lang: str) -> bool:
    """True when the tool's fixed words can be printed in this language."""
    return primary(lang) == SOURCE_LANGUAGE or catalog_path(lang).is_file()


@lru_cache(maxsize=16)
def catalog_words(lang: str) -> dict[str, str]:
    """Each message of a language's catalog and its translation, read without Babel.

    Enough of a ``.po`` reader for ``guide check`` (the starter's example lines, the known
    sections' names), which stays light by not loading Babel; plural and fuzzy entries are
    left out. Empty for a language without a catalog.
    """
    import ast

    words: dict[str, str] = {}
    try:
        text = catalog_path(lang).read_text(encoding="utf-8")
    except OSError:
        return words
    for entry in text.split("\n\n"):
        if "#, fuzzy" in entry:
            continue
        parts: dict[str, str] = {}
        field = ""
        for line in entry.split("\n"):
            if line.startswith(("msgid ", "msgstr ")):
                field, _space, line = line.partition(" ")
                parts[field] = ""
            if field and line.startswith('"'):
                parts[field] += ast.literal_eval(line)
        if parts.get("msgid") and parts.get("msgstr"):
            words[parts["msgid"]] = parts["msgstr"]
    return words


@lru_cache(maxsize=16)
def translations_for(lang: str) -> gettext.NullTranslations:
    """The gettext translations for a language; English (as written) when there is no catalog."""
    path = catalog_path(lang)
    if primary(lang) == SOURCE_LANGUAGE or not path.is_file():
        return gettext.NullTranslations()
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with path.open("rb") as handle:
        catalog = read_po(handle, locale=primary(lang), domain=DOMAIN)
    compiled = io.BytesIO()
    write_mo(compiled, catalog, use_fuzzy=False)
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


def ui_language() -> str:
    """The language of the person at the terminal, from LANGUAGE, LC_ALL, LC_MESSAGES or LANG."""
    import os

    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable, "")
        # "pl_PL.UTF-8", "pl:en", "C" and "POSIX" all occur in the wild.
        tag = value.split(":")[0].split(".")[0].split("@")[0].replace("_", "-")
        if tag and tag not in ("C", "POSIX"):
            return tag
    return SOURCE_LANGUAGE


def ui_gettext(message: str) -> str:
    """A line for the person running the tool, in their own language where it is shipped."""
    return translations_for(ui_language()).gettext(message)


def ui_ngettext(singular: str, plural: str, count: int) -> str:
    """Like ``ui_gettext``, choosing the form that fits ``count`` in the user's language."""
    return translations_for(ui_language()).ngettext(singular, plural, count)


def format_date(day: dt.date, lang: str) -> str:
    """A date as readers of ``lang`` write it in full, e.g. ``20 listopada 2026``."""
    from babel.dates import format_date as babel_format_date

    return babel_format_date(day, format="long", locale=babel_locale(lang))


@lru_cache(maxsize=256)
def format_number(number: int, lang: str) -> str:
    """A whole number written for readers of ``lang``."""
    from babel.numbers import format_decimal

    return format_decimal(number, locale=babel_locale(lang))
