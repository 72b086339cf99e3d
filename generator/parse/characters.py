"""Characters a guide may not contain: control characters and invisible formatting marks.

Both are invisible on screen, and formatting marks such as U+202E (right-to-left override)
can make the handout and the email show the same words in different orders.
"""

from __future__ import annotations

import re
import unicodedata

CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
ALLOWED_FORMAT = frozenset({"\u00ad"})
"""The soft hyphen is invisible but harmless: it only marks where a word may break."""


def hidden_character(text: str) -> tuple[int, str] | None:
    """The offset and a description of the first invisible character in ``text``, if any."""
    control = CONTROL.search(text)
    first: tuple[int, str] | None = None
    if control:
        character = control.group()
        first = (control.start(), f"an invisible control character (U+{ord(character):04X})")
    for offset, character in enumerate(text if first is None else text[: first[0]]):
        if character not in ALLOWED_FORMAT and unicodedata.category(character) == "Cf":
            name = unicodedata.name(character, "formatting mark")
            return offset, f"an invisible formatting character (U+{ord(character):04X} {name})"
    return first
