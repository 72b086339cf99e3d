"""The typesetting rules of the languages guides are printed in: quotation marks, and the
words that must not end a line.

The printed handout applies them (``generator.render.pdf.finish``) and the read-back checks
them (``generator.verify.layout``), so both take them from here, with the folding that
compares printed text with the guide's (``normalise``, ``squash``). Nothing here knows about
PDFs or ReportLab.
"""

from __future__ import annotations

import re
import unicodedata

NO_BREAK = "\u00a0"
"""The space that joins two words on one line."""

ONE_LETTER_WORDS: dict[str, frozenset[str]] = {
    # Polish typesetting never leaves a one-letter word at a line's end (PN-83/P-55366).
    "pl": frozenset("aiouwz"),
    # Czech (ČSN 01 6910) and Slovak (STN 01 6910): the one-letter prepositions and
    # conjunctions go on to the next line with the word after them.
    "cs": frozenset("aikosuvz"),
    "sk": frozenset("aikosuvz"),
}
"""Languages whose one-letter words must not end a line, and those words (lower case)."""

LANGUAGE_NAMES = {"pl": "Polish", "cs": "Czech", "sk": "Slovak"}
"""Names used in the read-back's messages about these rules."""

QUOTES: dict[str, tuple[str, str]] = {
    "en": ("\u201c", "\u201d"),  # “…”
    "cy": ("\u201c", "\u201d"),  # “…”
    "pl": ("\u201e", "\u201d"),  # „…”
    "cs": ("\u201e", "\u201c"),  # „…“
    "sk": ("\u201e", "\u201c"),  # „…“
    "de": ("\u201e", "\u201c"),  # „…“
    "fr": ("\u00ab\u00a0", "\u00a0\u00bb"),  # « … », with no-break spaces inside
    "es": ("\u00ab", "\u00bb"),  # «…»
    "uk": ("\u00ab", "\u00bb"),  # «…»
    # Arabic and Persian print guillemets. Written in logical order, opening first, each is
    # mirrored on a right-to-left line (Unicode's bidi mirroring): the page shows «…».
    "ar": ("\u00ab", "\u00bb"),  # «…»
    "fa": ("\u00ab", "\u00bb"),  # «…»
}
"""Each shipped language's own (outer) quotation marks, opening and closing. Urdu and
Hebrew keep the straight marks a guide is written with (their printed conventions vary;
the choice awaits native speakers' review), as does every language not named here."""

DASHES = "\u2013\u2014-"
"""An en dash, an em dash, and a hyphen standing for one between spaces."""

_PLAIN_QUOTES = str.maketrans(
    {
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u2039": "'",
        "\u203a": "'",
        "\u00a0": " ",
        "\u202f": " ",
    }
)


def base_language(lang: str) -> str:
    """The language of a language tag: ``pl`` for ``pl-PL``."""
    return lang.split("-")[0].split("_")[0].lower()


def one_letter_words(lang: str) -> frozenset[str]:
    """The one-letter words a line of text in ``lang`` may not end with (none for most)."""
    return ONE_LETTER_WORDS.get(base_language(lang), frozenset())


def plain_quotes(text: str) -> str:
    """Text with every kind of quotation mark made straight and no-break spaces plain,
    to compare a printed heading with the title it was made from."""
    return text.translate(_PLAIN_QUOTES)


def normalise(text: str) -> str:
    """Text folded to compare what an output shows with the guide: one space between words,
    every kind of quotation mark made straight (a printed heading has its language's own)."""
    text = plain_quotes(unicodedata.normalize("NFC", text)).replace("\u00ad", "")
    return " ".join(text.split())


def squash(text: str) -> str:
    """Text with no spaces at all: line breaks fall in different places in different files."""
    return "".join(normalise(text).split())


def curl_quotes(text: str, lang: str, before: str = "") -> str:
    """Straight double quotes made the language's own quotation marks.

    A quote at the start, or after a space or an opening bracket, opens; any other closes.
    ``before`` is the character printed just before ``text`` (text may come in pieces).
    """
    marks = QUOTES.get(base_language(lang))
    if marks is None or '"' not in text:
        return text
    opening, closing = marks
    result: list[str] = []
    previous = before
    for char in text:
        if char == '"':
            opens = not previous or previous.isspace() or previous in "([{\u2013\u2014/"
            result.append(opening if opens else closing)
        else:
            result.append(char)
        previous = char
    return "".join(result)


def ends_with_one_letter_word(line: str, lang: str) -> str | None:
    """The one-letter word a line ends with, if the language keeps such words off line ends."""
    words = one_letter_words(lang)
    if not words:
        return None
    last = line.split()[-1] if line.split() else ""
    bare = last.lstrip("([„«\"'\u201c\u2018")
    return last if len(bare) == 1 and bare.lower() in words else None


def starts_with_dash(line: str) -> bool:
    """True if a line begins with a dash standing between words (not a hyphenated word)."""
    first = line.split()[0] if line.split() else ""
    return len(first) == 1 and first in DASHES


_SPACE_AFTER_LETTER = {
    lang: re.compile(
        rf"(?<!\S)([{''.join(sorted(words | {w.upper() for w in words}))}])(\s+)(?=\S)"
    )
    for lang, words in ONE_LETTER_WORDS.items()
}
_SPACE_BEFORE_DASH = re.compile(rf"(?<=\S)(\s+)(?=[{DASHES}](?:\s|$))")
_LAST_SPACE = re.compile(r"(?<=\S)(\s+)(?=\S+\s*$)")


def no_break_spans(
    text: str, lang: str, *, one_letter: bool, dashes: bool, last: bool
) -> list[tuple[int, int]]:
    """Where in ``text`` a line must not break: spans of spaces to make one no-break space.

    ``one_letter``: after each one-letter word the language keeps off line ends; ``dashes``:
    before a dash between words, so no line starts with it; ``last``: between the last two
    words, so the last line never holds one word alone.
    """
    spans: list[tuple[int, int]] = []
    pattern = _SPACE_AFTER_LETTER.get(base_language(lang))
    if one_letter and pattern is not None:
        spans.extend(match.span(2) for match in pattern.finditer(text))
    if dashes:
        spans.extend(match.span(1) for match in _SPACE_BEFORE_DASH.finditer(text))
    if last:
        found = _LAST_SPACE.search(text)
        if found is not None:
            spans.append(found.span(1))
    return sorted(set(spans))
