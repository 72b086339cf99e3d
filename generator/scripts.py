"""Writing systems: which scripts a handout prints, in which direction, and which it refuses.

Latin, Greek, Cyrillic and the other scripts DejaVu Sans draws need no shaping. Arabic,
Hebrew, Devanagari, Bengali, Gurmukhi, Gujarati and Tamil are shaped with HarfBuzz in a
bundled Noto font; Arabic and Hebrew are laid out right to left. Every other script that
needs joining, reordering or right-to-left layout (N'Ko, Syriac, Thaana, Sinhala, Khmer,
Thai…) is refused by name: printed without shaping it would come out in the wrong order
or as loose letters. This module imports nothing heavy; ``guide check`` uses it.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_right
from dataclasses import dataclass

from generator.i18n import primary


@dataclass(frozen=True)
class Script:
    """A script the handout shapes with its own bundled font."""

    name: str
    """Its English name, for messages: ``Arabic``."""
    rtl: bool
    """True when its lines run right to left."""
    font: str
    """The bundled font family that draws it (``NotoSansArabic``)."""
    hb_script: str
    """Its ISO 15924 code, as HarfBuzz takes it."""


SHAPED = {
    "Arabic": Script("Arabic", True, "NotoSansArabic", "Arab"),
    "Hebrew": Script("Hebrew", True, "NotoSansHebrew", "Hebr"),
    "Devanagari": Script("Devanagari", False, "NotoSansDevanagari", "Deva"),
    "Bengali": Script("Bengali", False, "NotoSansBengali", "Beng"),
    "Gurmukhi": Script("Gurmukhi", False, "NotoSansGurmukhi", "Guru"),
    "Gujarati": Script("Gujarati", False, "NotoSansGujarati", "Gujr"),
    "Tamil": Script("Tamil", False, "NotoSansTamil", "Taml"),
}
"""The scripts the handout shapes, by name."""

NASTALIQ = "NotoNastaliqUrdu"
"""Urdu is written in Nastaliq: Arabic script in Urdu text uses this font instead."""

BLOCKS: tuple[tuple[int, int, str], ...] = (
    (0x0590, 0x05FF, "Hebrew"),
    (0x0600, 0x06FF, "Arabic"),
    (0x0700, 0x074F, "Syriac"),
    (0x0750, 0x077F, "Arabic"),
    (0x0780, 0x07BF, "Thaana"),
    (0x07C0, 0x07FF, "N'Ko"),
    (0x0800, 0x083F, "Samaritan"),
    (0x0840, 0x085F, "Mandaic"),
    (0x0860, 0x086F, "Syriac"),
    (0x0870, 0x08FF, "Arabic"),
    (0x0900, 0x0963, "Devanagari"),
    (0x0966, 0x097F, "Devanagari"),
    (0x0980, 0x09FF, "Bengali"),
    (0x0A00, 0x0A7F, "Gurmukhi"),
    (0x0A80, 0x0AFF, "Gujarati"),
    (0x0B00, 0x0B7F, "Oriya"),
    (0x0B80, 0x0BFF, "Tamil"),
    (0x0C00, 0x0C7F, "Telugu"),
    (0x0C80, 0x0CFF, "Kannada"),
    (0x0D00, 0x0D7F, "Malayalam"),
    (0x0D80, 0x0DFF, "Sinhala"),
    (0x0E00, 0x0E7F, "Thai"),
    (0x0E80, 0x0EFF, "Lao"),
    (0x0F00, 0x0FFF, "Tibetan"),
    (0x1000, 0x109F, "Myanmar"),
    (0x1700, 0x171F, "Tagalog"),
    (0x1720, 0x173F, "Hanunoo"),
    (0x1740, 0x175F, "Buhid"),
    (0x1760, 0x177F, "Tagbanwa"),
    (0x1780, 0x17FF, "Khmer"),
    (0x1800, 0x18AF, "Mongolian"),
    (0x1900, 0x194F, "Limbu"),
    (0x1950, 0x197F, "Tai Le"),
    (0x1980, 0x19DF, "New Tai Lue"),
    (0x19E0, 0x19FF, "Khmer"),
    (0x1A00, 0x1A1F, "Buginese"),
    (0x1A20, 0x1AAF, "Tai Tham"),
    (0x1B00, 0x1B7F, "Balinese"),
    (0x1B80, 0x1BBF, "Sundanese"),
    (0x1BC0, 0x1BFF, "Batak"),
    (0x1C00, 0x1C4F, "Lepcha"),
    (0x1CD0, 0x1CFF, "Vedic"),
    (0xA800, 0xA82F, "Syloti Nagri"),
    (0xA840, 0xA87F, "Phags-pa"),
    (0xA880, 0xA8DF, "Saurashtra"),
    (0xA8E0, 0xA8FF, "Devanagari"),
    (0xA900, 0xA92F, "Kayah Li"),
    (0xA930, 0xA95F, "Rejang"),
    (0xA980, 0xA9DF, "Javanese"),
    (0xA9E0, 0xA9FF, "Myanmar"),
    (0xAA00, 0xAA5F, "Cham"),
    (0xAA60, 0xAA7F, "Myanmar"),
    (0xAA80, 0xAADF, "Tai Viet"),
    (0xAAE0, 0xAAFF, "Meetei Mayek"),
    (0xABC0, 0xABFF, "Meetei Mayek"),
    (0xFB1D, 0xFB4F, "Hebrew"),
    (0xFB50, 0xFDFF, "Arabic"),
    (0xFE70, 0xFEFF, "Arabic"),
    (0x10800, 0x10FFF, "a historic right-to-left"),
    (0x11000, 0x11FFF, "a Brahmic"),
    (0x1E800, 0x1EFFF, "a right-to-left"),
)
"""Unicode blocks of scripts that need shaping or right-to-left layout, by name."""

_STARTS = [low for low, _, _ in BLOCKS]

RTL_LANGUAGES = frozenset({"ar", "dv", "fa", "he", "ps", "sd", "ug", "ur", "yi", "ckb", "nqo"})
"""Languages written right to left."""

LANGUAGE_SCRIPTS = {
    "ar": "Arabic",
    "fa": "Arabic",
    "ur": "Arabic",
    "ps": "Arabic",
    "sd": "Arabic",
    "ug": "Arabic",
    "ckb": "Arabic",
    "he": "Hebrew",
    "yi": "Hebrew",
    "hi": "Devanagari",
    "mr": "Devanagari",
    "ne": "Devanagari",
    "bn": "Bengali",
    "as": "Bengali",
    "pa": "Gurmukhi",
    "gu": "Gujarati",
    "ta": "Tamil",
    "te": "Telugu",
    "kn": "Kannada",
    "ml": "Malayalam",
    "or": "Oriya",
    "si": "Sinhala",
    "th": "Thai",
    "lo": "Lao",
    "km": "Khmer",
    "my": "Myanmar",
    "bo": "Tibetan",
    "dz": "Tibetan",
    "dv": "Thaana",
    "syr": "Syriac",
    "nqo": "N'Ko",
    "mn": "Mongolian",
}
"""The script each language is usually written in, where it needs shaping."""


def is_rtl(lang: str) -> bool:
    """True for a language written right to left."""
    return primary(lang) in RTL_LANGUAGES


def block_script(character: str) -> str | None:
    """The shaping or right-to-left script a character belongs to, or None.

    Letters no shaping script owns (Latin, digits, punctuation, the danda) give None.
    """
    code = ord(character)
    if code < 0x0590:
        return None
    index = bisect_right(_STARTS, code) - 1
    if index >= 0:
        low, high, name = BLOCKS[index]
        if low <= code <= high:
            return name
    if unicodedata.bidirectional(character) in ("R", "AL"):
        return "a right-to-left"
    return None


def script_font(script: str, lang: str) -> str:
    """The bundled family a shaped script is printed in for a language: Urdu's Arabic
    letters in Nastaliq, as Urdu is written."""
    if script == "Arabic" and primary(lang) == "ur":
        return NASTALIQ
    return SHAPED[script].font


def shaped_script(character: str) -> Script | None:
    """The shaped script a character belongs to, or None when DejaVu Sans draws it."""
    name = block_script(character)
    return SHAPED.get(name) if name is not None else None


def language_script(lang: str) -> str | None:
    """The shaping script a language is written in (``Arabic`` for ``ur``), or None."""
    return LANGUAGE_SCRIPTS.get(primary(lang))


def unsupported_script(text: str) -> tuple[int, str, str] | None:
    """The first character of a script the handout cannot print: (offset, char, script)."""
    for offset, character in enumerate(text):
        if ord(character) < 0x0590:
            continue
        name = block_script(character)
        if name is not None and name not in SHAPED:
            return offset, character, name
    return None


def needs_shaping(text: str) -> bool:
    """True when some of ``text`` is in a script that must be shaped (or laid out RTL)."""
    return any(ord(character) >= 0x0590 and shaped_script(character) for character in text)


def script_phrase(name: str) -> str:
    """``N'Ko script``, ``a right-to-left script``: a script's name in a sentence."""
    return f"{name} script"


def _letter_script(character: str) -> str:
    """The script a letter is printed in: a shaped script's name, or ``Latin`` for DejaVu."""
    return block_script(character) or "Latin"


def script_mixes(text: str) -> list[tuple[int, str]]:
    """Where letters of different scripts meet in a way the fonts cannot show, and why.

    Each script is printed in its own font, so a mark cannot sit on a letter of another
    script (it prints on a dotted circle of its own), and two shaped scripts in one word
    are not joined to each other.
    """
    found: list[tuple[int, str]] = []
    previous = ""
    for offset, character in enumerate(text):
        category = unicodedata.category(character)
        if category in ("Mn", "Mc") and previous and unicodedata.category(previous)[0] == "L":
            mark, base = _letter_script(character), _letter_script(previous)
            if mark != base and block_script(character) is not None:
                found.append(
                    (
                        offset,
                        f"the mark '{character}' (U+{ord(character):04X}) belongs to {mark} "
                        f"script but follows the {base} letter '{previous}': each script is "
                        "printed in its own font, so the mark will print on its own, on a "
                        "dotted circle",
                    )
                )
        elif (
            category[0] == "L"
            and previous
            and unicodedata.category(previous)[0] in "LM"
            and shaped_script(character) is not None
            and shaped_script(previous) is not None
            and _letter_script(character) != _letter_script(previous)
        ):
            found.append(
                (
                    offset,
                    f"one word mixes {_letter_script(previous)} and {_letter_script(character)} "
                    f"letters ('{previous}{character}'): each script is printed in its own font, "
                    "so they will not join",
                )
            )
        if category[0] == "L":
            previous = character
        elif category[0] != "M":
            previous = ""
    return found


def base_rtl(paragraph: str, rtl: bool) -> bool:
    """The direction a paragraph of a story in direction ``rtl`` runs in: a right-to-left
    story's paragraph with Latin letters and none of a right-to-left script (the tool's
    own words in English, an address alone) runs left to right, as Unicode's bidi
    algorithm would take it; one with no letters at all (a number) keeps the story's."""
    if not rtl:
        return False
    classes = {unicodedata.bidirectional(char) for char in paragraph}
    return bool(classes & {"R", "AL"}) or "L" not in classes


MIRRORED = dict(
    zip("()[]{}<>\u00ab\u00bb\u2039\u203a", ")(][}{><\u00bb\u00ab\u203a\u2039", strict=True)
)
"""Paired punctuation and its mirror image (Unicode's Bidi_Mirroring_Glyph, the pairs a
guide uses)."""


def visual_text(text: str) -> str:
    """Right-to-left text in the order it is seen: reversed, paired brackets mirrored.

    PDF readers take the text of right-to-left glyphs in that order and turn it back; the
    function is its own inverse.
    """
    return "".join(MIRRORED.get(char, char) for char in reversed(text))
