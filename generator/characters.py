"""Characters no text may carry into an output or the terminal, and how to quote text safely.

Control characters and invisible formatting marks are invisible on screen; marks such as
U+202E (right-to-left override) make the handout and the email show the same words in
different orders, and a terminal obeys escape sequences (``ESC ]0;…`` retitles it). This is
the one definition of such characters: guide files, front matter, CSV fields, command-line
options and settings are all checked with it, and every message that quotes input escapes
them with ``printable``.
"""

from __future__ import annotations

import re
import unicodedata

CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
ALLOWED_FORMAT = frozenset({"\u00ad"})
"""The soft hyphen is invisible but harmless: it only marks where a word may break."""
BLANK_LETTERS = frozenset({"\u115f", "\u1160", "\u3164", "\uffa0", "\u2800"})
"""Letters that print as nothing at all (Hangul fillers, the blank Braille pattern)."""
LAYOUT = frozenset({"\t", "\n"})
"""Tabs and line breaks: fine inside a guide file, hidden anywhere a single line is meant."""
SUSPECT = re.compile(r"[^\x20-\x7e]")
"""Every character that may be hidden: none of printable ASCII is, so most text is skipped
in compiled code and only the rest is looked up one by one."""


def is_hidden(character: str) -> bool:
    """True for a control character, an invisible formatting mark or a blank letter."""
    category = unicodedata.category(character)
    if category in ("Cc", "Zl", "Zp", "Cs"):
        return True
    if category == "Cf":
        return character not in ALLOWED_FORMAT
    return (
        character in BLANK_LETTERS
        or (0xFDD0 <= ord(character) <= 0xFDEF)
        or (ord(character) & 0xFFFE == 0xFFFE)
    )


def describe(character: str) -> str:
    """``an invisible control character (U+001B)``, for a message."""
    category = unicodedata.category(character)
    if category == "Cc":
        return f"an invisible control character (U+{ord(character):04X})"
    name = unicodedata.name(character, "formatting mark")
    return f"an invisible formatting character (U+{ord(character):04X} {name})"


def hidden_character(text: str, allow: frozenset[str] = LAYOUT) -> tuple[int, str] | None:
    """The offset and a description of the first hidden character in ``text``, if any.

    Tabs and line breaks are allowed unless ``allow`` says otherwise.
    """
    for match in SUSPECT.finditer(text):
        character = match.group()
        if character not in allow and is_hidden(character):
            return match.start(), describe(character)
    return None


def printable(text: str) -> str:
    """Text safe to print on a terminal: hidden characters written as escapes, like ``\\x1b``.

    Line breaks and tabs are escaped too, so quoted input cannot start a fake message line.
    """
    if not any(is_hidden(character) for character in SUSPECT.findall(text)):
        return text
    out: list[str] = []
    for character in text:
        if is_hidden(character):
            code = ord(character)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
        else:
            out.append(character)
    return "".join(out)
