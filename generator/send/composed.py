"""A finished message and its outbox file name: what composing, the outbox and delivery share.

It sits below ``compose`` and ``outbox`` so that neither has to import the other.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from generator.i18n import ui_gettext as _
from generator.model import Guide
from generator.send.recipients import Recipient

PAPER_NAMES = {"a4": "A4", "letter": "Letter"}


def eml_name(address: str) -> str:
    """A file name for a recipient's message, stable across runs and unique per mailbox."""
    lowered = address.lower()
    safe = re.sub(r"[^a-z0-9@._+-]", "_", lowered)
    if safe != lowered:
        # Two addresses that differ only in unusual characters must not share a file.
        safe += "-" + hashlib.sha256(lowered.encode()).hexdigest()[:8]
    return f"{safe}.eml"


@dataclass(frozen=True)
class Composed:
    """A recipient's finished message, as bytes ready for the outbox and the server."""

    recipient: Recipient
    """Who it is for."""
    data: bytes
    """The whole message, CRLF line ends, 7-bit."""
    message_id: str
    """Its Message-ID: the same every time for this guide version, print and address."""
    paper: str
    """The paper size of the attached handout."""
    large_print: bool
    """True when the large-print handout (and email) is sent."""
    guide: Guide
    """The edition of the guide the message carries."""
    staged: Path | None = None
    """Where the message waits on disk once read back (then ``data`` is empty)."""
    own_greeting: str | None = None
    """The note's own opening greeting, when it has one (then the tool's greeting steps aside)."""

    @property
    def file_name(self) -> str:
        """Its file name in the outbox."""
        return eml_name(self.recipient.address)

    @property
    def handout(self) -> str:
        """Which handout is attached, in a few words."""
        size = _("large print") if self.large_print else _("standard print")
        # Translators: which handout is attached, like "large print, A4".
        return _("%(size)s, %(paper)s") % {"size": size, "paper": PAPER_NAMES[self.paper]}
