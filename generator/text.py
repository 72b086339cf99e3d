"""The text policy: characters no text may carry into an output or the terminal, and how
to name and quote them.

Control characters and invisible formatting marks are invisible on screen; marks such as
U+202E (right-to-left override) make the handout and the email show the same words in
different orders, and a terminal obeys escape sequences (``ESC ]0;…`` retitles it). This is
the one definition of such characters, with a named allow-set for each kind of text (free
text, one line, addresses): guide files, front matter, links, email addresses and names,
CSV fields, notes, command-line options, settings and paths are all checked with it; every
message names a character with ``describe`` and quotes input with ``printable``.
"""

from __future__ import annotations

import re
import unicodedata

CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
SUSPECT = re.compile(r"[^\x20-\x7e]")
"""Everything but printable ASCII: the characters that may be hidden."""
ALLOWED_FORMAT = frozenset({"\u00ad"})
"""The soft hyphen is invisible but harmless: it only marks where a word may break."""
BLANK_LETTERS = frozenset({"\u115f", "\u1160", "\u3164", "\uffa0", "\u2800"})
"""Letters that print as nothing at all (Hangul fillers, the blank Braille pattern)."""
IGNORABLE = (
    (0x034F, 0x034F),  # combining grapheme joiner
    (0x17B4, 0x17B5),  # Khmer inherent vowels, never drawn
    (0x180B, 0x180F),  # Mongolian variation selectors and vowel separator
    (0xFE00, 0xFE0D),  # variation selectors 1-14
    (0xFFF0, 0xFFF8),
    (0xE0000, 0xE0FFF),  # tags and variation selectors 17-256
)
"""Unicode's default-ignorable characters that are not formatting marks: drawn as nothing."""
EMOJI_SELECTORS = frozenset({"\ufe0e", "\ufe0f"})
"""Text or emoji style for the symbol before: hidden anywhere else (after a letter)."""
LAYOUT = frozenset({"\t", "\n"})
"""Tabs and line breaks: fine inside a guide file, hidden anywhere a single line is meant."""

WORD_JOINERS = frozenset({"\u200c", "\u200d"})
"""Zero-width non-joiner and joiner: spelling between two letters of a shaped script
(Persian ``می‌خواهم``, a Bengali ya-phala); an allow-set holding them allows them only
there, and they are hidden anywhere else."""

FREE_TEXT = LAYOUT | WORD_JOINERS
"""Allowed in free text (a guide file, a note, a mailto: body): tabs and line breaks, and
joiners inside a word of a shaped script."""
ONE_LINE = WORD_JOINERS
"""Allowed where one line is meant (a title, a name, a CSV field, an option, a setting, a
path): only joiners inside a word of a shaped script."""
ADDRESS: frozenset[str] = frozenset()
"""Allowed in an email address: no hidden character at all, not even a joiner."""


def is_hidden(character: str) -> bool:
    """True for a control character, an invisible formatting mark or a blank letter."""
    category = unicodedata.category(character)
    if category in ("Cc", "Zl", "Zp", "Cs"):
        return True
    if category == "Cf":
        return character not in ALLOWED_FORMAT
    code = ord(character)
    return (
        character in BLANK_LETTERS
        or (0xFDD0 <= code <= 0xFDEF)
        or (code & 0xFFFE == 0xFFFE)
        or any(low <= code <= high for low, high in IGNORABLE)
    )


def _shaped_letter(character: str) -> bool:
    from generator.scripts import shaped_script

    return unicodedata.category(character)[0] in "LM" and shaped_script(character) is not None


def hidden_at(text: str, index: int, allow: frozenset[str] = ONE_LINE) -> bool:
    """True when the character at ``index`` is hidden where it stands, in text of the kind
    ``allow`` names.

    An emoji style selector (U+FE0F) belongs after a symbol such as an emoji (or U+2139,
    a keycap's digit); after a letter it only makes two words that look the same differ.
    A joiner (``WORD_JOINERS``) the allow-set holds is spelling between two letters of a
    shaped script; anywhere else it only hides a difference.
    """
    character = text[index]
    if character in WORD_JOINERS:
        before, after = text[index - 1 : index], text[index + 1 : index + 2]
        between = bool(before and after and _shaped_letter(before) and _shaped_letter(after))
        return not (character in allow and between)
    if character in allow:
        return False
    if character in EMOJI_SELECTORS:
        if index == 0:
            return True
        before = text[index - 1]
        keycap = text[index + 1 : index + 2] == "\u20e3"  # 1, #, * as keys: "1\ufe0f\u20e3"
        return not (unicodedata.category(before)[0] in "SP" or before == "\u2139" or keycap)
    return is_hidden(character)


def describe(character: str) -> str:
    """A character as a message names it: ``a tab``, ``an invisible control character
    (U+001B)``, or a visible one with its code point and name, ``'é' (U+00E9 LATIN …)``."""
    from generator.i18n import ui_gettext as _

    named = {"\r": _("a line break (CR)"), "\n": _("a line break (LF)"), "\t": _("a tab")}
    code = f"{ord(character):04X}"
    category = unicodedata.category(character)
    if character in named:
        return named[character]
    if category == "Cc":
        return _("an invisible control character (U+%(code)s)") % {"code": code}
    if "\udc80" <= character <= "\udcff":  # a byte of a name or argument that was not UTF-8
        byte = f"{ord(character) - 0xDC00:02X}"
        return _("a byte that is not UTF-8 text (0x%(byte)s)") % {"byte": byte}
    if is_hidden(character) or category == "Cf" or character in EMOJI_SELECTORS:
        name = unicodedata.name(character, "formatting mark")
        return _("an invisible formatting character (U+%(code)s %(name)s)") % {
            "code": code,
            "name": name,
        }
    name = unicodedata.name(character, "")
    return f"'{character}' (U+{code}{' ' + name if name else ''})"


def hidden_character(text: str, allow: frozenset[str] = FREE_TEXT) -> tuple[int, str] | None:
    """The offset and a description of the first hidden character in ``text``, if any.

    ``allow`` names the kind of text: ``FREE_TEXT`` (tabs and line breaks) unless it says
    otherwise.
    """
    # Printable ASCII is never hidden: only the other characters need looking up.
    for match in SUSPECT.finditer(text):
        offset, character = match.start(), match.group()
        if hidden_at(text, offset, allow):
            return offset, describe(character)
    return None


def address_character(text: str) -> str | None:
    """A description of the first character no link or email address may hold, if any.

    The address variant of ``hidden_character``: no hidden character at all, and no space
    or soft hyphen either (an address with one opens somewhere else than it reads).
    """
    for offset, character in enumerate(text):
        if character == " ":
            return "a space"
        quiet = character.isspace() or unicodedata.category(character) in ("Zs", "Cf")
        if quiet or hidden_at(text, offset, ADDRESS):
            return describe(character)
    return None


def printable(text: str) -> str:
    """Text safe to print on a terminal: hidden characters written as escapes, like ``\\x1b``.

    Line breaks and tabs are escaped too, so quoted input cannot start a fake message line.
    """
    if not any(hidden_at(text, match.start()) for match in SUSPECT.finditer(text)):
        return text
    out: list[str] = []
    for index, character in enumerate(text):
        if hidden_at(text, index):
            code = ord(character)
            out.append(
                f"\\x{code:02x}"
                if code < 0x100
                else f"\\u{code:04x}"
                if code < 0x10000
                else f"\\U{code:08x}"
            )
        else:
            out.append(character)
    return "".join(out)
