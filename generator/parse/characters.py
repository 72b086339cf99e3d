"""Characters a guide may not contain: control characters and invisible formatting marks.

Both are invisible on screen, and formatting marks such as U+202E (right-to-left override)
can make the handout and the email show the same words in different orders.
"""

from __future__ import annotations

import re
import unicodedata

CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
NOT_ASCII = re.compile(r"[^\x00-\x7f]")
ALLOWED_FORMAT = frozenset({"\u00ad"})
"""The soft hyphen is invisible but harmless: it only marks where a word may break."""


def hidden_character(text: str) -> tuple[int, str] | None:
    """The offset and a description of the first invisible character in ``text``, if any."""
    control = CONTROL.search(text)
    first: tuple[int, str] | None = None
    if control:
        character = control.group()
        first = (control.start(), f"an invisible control character (U+{ord(character):04X})")
    # Formatting marks are never ASCII: only the other characters need looking up.
    for match in NOT_ASCII.finditer(text, 0, len(text) if first is None else first[0]):
        character = match.group()
        if character not in ALLOWED_FORMAT and unicodedata.category(character) == "Cf":
            name = unicodedata.name(character, "formatting mark")
            described = f"U+{ord(character):04X} {name}"
            return match.start(), f"an invisible formatting character ({described})"
    return first
