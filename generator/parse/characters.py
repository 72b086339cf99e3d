"""Hidden characters are defined once, in ``generator.characters``; re-exported for the parser."""

from __future__ import annotations

from generator.characters import describe, hidden_character, is_hidden, printable

__all__ = ["describe", "hidden_character", "is_hidden", "printable"]
