"""The send journal: an SQLite file recording, per guide version and address, what happened.

A recipient is marked ``sending`` before the message's content goes to the server and
``sent`` only after the server's 250, each change committed at once. A run that died in
between leaves ``sending``, which the next run turns into ``uncertain``: the message may
or may not have arrived, so it is not sent again unless the sender asks.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from generator.i18n import ui_gettext as _
from generator.send.storage import RecordFile, make_folder, take_lock, utc_now

STATES = ("pending", "sending", "sent", "failed", "uncertain")
JOURNAL_NAME = "journal.sqlite"


def interrupted_reason() -> str:
    """Why a message a dead run left half-sent is uncertain."""
    return _(
        "the run stopped while this message was being handed to the server: it may or may "
        "not have arrived"
    )


_SCHEMA = """
CREATE TABLE IF NOT EXISTS deliveries (
    slug TEXT NOT NULL,
    version TEXT NOT NULL,
    address TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('pending', 'sending', 'sent', 'failed', 'uncertain')),
    message_id TEXT NOT NULL,
    reason TEXT NOT NULL DEFAULT '',
    attempts INTEGER NOT NULL DEFAULT 0,
    updated TEXT NOT NULL,
    PRIMARY KEY (slug, version, address)
)
"""


COLUMNS = (
    ("slug", str),
    ("version", str),
    ("address", str),
    ("state", str),
    ("message_id", str),
    ("reason", str),
    ("attempts", int),
    ("updated", str),
)
"""The columns an entry is read from, in order, with the kind of value each holds."""
SELECTED = ", ".join(name for name, _kind in COLUMNS)


@dataclass(frozen=True)
class Entry:
    """What the journal knows about one recipient of one guide version."""

    slug: str
    """The guide's name."""
    version: str
    """The guide's content hash."""
    address: str
    """The recipient's mailbox (compared without regard to case)."""
    state: str
    """One of ``STATES``."""
    message_id: str
    """The Message-ID the message was (or will be) sent with."""
    reason: str
    """The server's words for a failure, or why the state is uncertain."""
    attempts: int
    """How many times the message's content was handed to the server."""
    updated: str
    """When the state last changed (UTC, ISO 8601)."""

    @property
    def day(self) -> str:
        """The date part of ``updated``."""
        return self.updated[:10]


class Journal(RecordFile):
    """One outbox's journal, locked so two runs can never send from it at once."""

    def __init__(self, path: Path, clock: Callable[[], str] = utc_now) -> None:
        self.clock = clock
        advice = _("give another --outbox")
        self.made = [place for place in (path.parent, *path.parent.parents) if not place.exists()]
        """The folders this journal was the first to make (the outbox, and any above it)."""
        self.new = not path.exists()
        """True when this run started the journal."""
        make_folder(path.parent, advice)
        lock_new = not path.with_name(path.name + ".lock").exists()
        self._lock = take_lock(
            path.with_name(path.name + ".lock"),
            _("another 'guide send' is using this journal right now: let it finish first"),
            advice,
        )
        try:
            super().__init__(path, _SCHEMA, advice)
        except BaseException:
            if lock_new:
                path.with_name(path.name + ".lock").unlink(missing_ok=True)
            os.close(self._lock)
            if self.new:
                self._remove_made()
            raise

    def close(self) -> None:
        """Close the database and let another run use it."""
        super().close()
        if self._lock >= 0:
            os.close(self._lock)
            self._lock = -1

    def discard(self) -> None:
        """Close a journal this run started, and remove it and the outbox folders made for it.

        For a run that stops before its first message is in the outbox: a new outbox holding
        only a journal would say that something was done there. The lock is let go last, so
        no other run can find the journal half removed.
        """
        super().close()
        if self.new:
            for suffix in ("", "-journal", "-wal", "-shm"):
                self.path.with_name(self.path.name + suffix).unlink(missing_ok=True)
            self.path.with_name(self.path.name + ".lock").unlink(missing_ok=True)
        self.close()
        if self.new:
            self._remove_made()

    def _remove_made(self) -> None:
        """Remove the folders made for this journal, innermost first, while they are empty."""
        for place in self.made:
            try:
                place.rmdir()
            except OSError:
                break  # not empty (something of the user's is there): left as it is

    def entry(self, slug: str, version: str, address: str) -> Entry | None:
        """The recipient's entry for this guide version, if there is one."""
        row = self._execute(
            f"SELECT {SELECTED} FROM deliveries WHERE slug = ? AND version = ? AND address = ?",
            (slug, version, address),
        ).fetchone()
        return Entry(*self._row(row, COLUMNS)) if row else None

    def sent_earlier(self, slug: str, version: str, address: str) -> Entry | None:
        """The latest other version of this guide (of any edition) the recipient was sent."""
        row = self._execute(
            f"SELECT {SELECTED} FROM deliveries WHERE slug = ? AND version != ? AND address = ? "
            "AND state = 'sent' ORDER BY updated DESC LIMIT 1",
            (slug, version, address),
        ).fetchone()
        return Entry(*self._row(row, COLUMNS)) if row else None

    def entries(self, slug: str, version: str) -> list[Entry]:
        """Every entry of one guide version, oldest change first."""
        rows = self._execute(
            f"SELECT {SELECTED} FROM deliveries WHERE slug = ? AND version = ? "
            "ORDER BY updated, address",
            (slug, version),
        ).fetchall()
        return [Entry(*self._row(row, COLUMNS)) for row in rows]

    def recover(self, slug: str, version: str) -> list[Entry]:
        """Turn entries a dead run left ``sending`` into ``uncertain``; return them."""
        interrupted = [e for e in self.entries(slug, version) if e.state == "sending"]
        for entry in interrupted:
            self._set(entry.slug, entry.version, entry.address, "uncertain", interrupted_reason())
        return [self.entry(e.slug, e.version, e.address) or e for e in interrupted]

    def plan(self, slug: str, version: str, address: str, message_id: str) -> None:
        """Record that the recipient is to be sent this version (unless already recorded).

        A message not yet sent takes the Message-ID it goes out with now: a resend of the
        same message has the same one, and a changed print size or paper a new one.
        """
        self._execute(
            "INSERT INTO deliveries (slug, version, address, state, message_id, updated) "
            "VALUES (?, ?, ?, 'pending', ?, ?) ON CONFLICT (slug, version, address) DO UPDATE "
            "SET message_id = excluded.message_id WHERE state != 'sent'",
            (slug, version, address, message_id, self.clock()),
        )

    def mark_sending(self, slug: str, version: str, address: str) -> None:
        """Record, durably, that the message is about to be handed to the server."""
        self._execute(
            "UPDATE deliveries SET state = 'sending', reason = '', attempts = attempts + 1, "
            "updated = ? WHERE slug = ? AND version = ? AND address = ?",
            (self.clock(), slug, version, address),
        )

    def mark(self, slug: str, version: str, address: str, state: str, reason: str = "") -> None:
        """Record the outcome of a send: ``sent``, ``failed``, ``uncertain`` or ``pending``."""
        if state not in STATES:
            raise ValueError(f"unknown state {state!r}")
        self._set(slug, version, address, state, reason)

    def _set(self, slug: str, version: str, address: str, state: str, reason: str) -> None:
        self._execute(
            "UPDATE deliveries SET state = ?, reason = ?, updated = ? "
            "WHERE slug = ? AND version = ? AND address = ?",
            (state, reason, self.clock(), slug, version, address),
        )
