"""What is known about each message, kept in two places at once: the outbox's journal and the
sender's ledger (which every outbox shares).

Every change is on disk before the next SMTP command: ``sending`` before the content goes
out, ``sent`` in the ledger before the journal, so a crash between the two still counts as sent.
"""

from __future__ import annotations

from pathlib import Path

from generator.send.composed import Composed
from generator.send.journal import Journal
from generator.send.ledger import Ledger
from generator.send.storage import RecordError


class Records:
    """The journal of one outbox and the sender's ledger, changed together, message by message."""

    def __init__(self, journal: Journal, ledger: Ledger, outbox: Path) -> None:
        self.journal = journal
        self.ledger = ledger
        self.outbox = outbox_key(outbox)

    @staticmethod
    def _key(message: Composed) -> tuple[str, str, str]:
        # The slug, not the edition: one person gets one copy of a guide, in one language.
        return message.guide.slug, message.guide.version, message.recipient.key

    def plan(self, message: Composed) -> None:
        """Record that the message is to be sent (unless already recorded)."""
        self.journal.plan(*self._key(message), message.message_id)

    def sending(self, message: Composed) -> None:
        """The content is about to go out: both records say so first."""
        self.journal.mark_sending(*self._key(message))
        try:
            self.ledger.record(*self._key(message), self.outbox, message.message_id, "sending")
        except RecordError:
            # The content will not go out after all: the journal must not call it uncertain.
            self.journal.mark(*self._key(message), "pending")
            raise

    def not_taken(self, message: Composed) -> None:
        """The server did not take the content: nothing reached the person."""
        self.journal.mark(*self._key(message), "pending")
        self.ledger.forget(*self._key(message), self.outbox)

    def settle(self, message: Composed, state: str, reason: str) -> None:
        """The outcome: ``sent``, ``uncertain`` or ``failed``."""
        try:
            if state in ("sent", "uncertain"):
                self.ledger.record(*self._key(message), self.outbox, message.message_id, state)
            else:
                self.ledger.forget(*self._key(message), self.outbox)
        finally:
            # Whatever the ledger's disk says, the journal still learns the outcome.
            self.journal.mark(*self._key(message), state, reason)

    def in_flight(self, message: Composed) -> bool:
        """True when the message's content may have gone out without an answer."""
        entry = self.journal.entry(*self._key(message))
        return entry is not None and entry.state == "sending"


def outbox_key(outbox: Path) -> str:
    """How the ledger names an outbox: its absolute path, however it was typed."""
    return str(outbox.resolve())
