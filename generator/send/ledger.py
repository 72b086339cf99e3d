"""The sender's own ledger of deliveries, one per user, whatever folder or outbox a run used.

The journal lives beside its outbox, so the same command run from another folder, or
with another ``--outbox``, starts a fresh journal. The ledger (SQLite in the user's state
folder) remembers, per guide, version and address, which outbox a message went from and
when; a run asks it first, so nobody gets a second copy that way.

A row is written as ``sending`` just before a message's content goes out, becomes ``sent``
when the server accepts it (or ``uncertain``), and is removed when the server did not take it.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from generator.i18n import ui_gettext as _
from generator.send.storage import RecordFile, make_folder, take_lock, utc_now

STATE_VARIABLE = "GUIDE_STATE_DIR"
"""The environment variable naming the folder the ledger is kept in."""
LEDGER_NAME = "deliveries.sqlite"
HELD = ("sending", "sent", "uncertain")
"""The states a ledger row can have: the message went out, or may have."""

_SCHEMA = """
CREATE TABLE IF NOT EXISTS deliveries (
    slug TEXT NOT NULL,
    version TEXT NOT NULL,
    address TEXT NOT NULL,
    outbox TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('sending', 'sent', 'uncertain')),
    message_id TEXT NOT NULL,
    updated TEXT NOT NULL,
    PRIMARY KEY (slug, version, address, outbox)
)
"""


def state_folder() -> Path:
    """``GUIDE_STATE_DIR``, else ``$XDG_STATE_HOME/guide``, else ``~/.local/state/guide``."""
    folder = os.environ.get(STATE_VARIABLE)
    if folder:
        return Path(folder)
    base = os.environ.get("XDG_STATE_HOME") or os.path.join(
        os.path.expanduser("~"), ".local", "state"
    )
    return Path(base) / "guide"


COLUMNS = (
    ("slug", str),
    ("version", str),
    ("address", str),
    ("outbox", str),
    ("state", str),
    ("message_id", str),
    ("updated", str),
)
"""The columns a delivery is read from, in order, with the kind of value each holds."""
SELECTED = ", ".join(name for name, _kind in COLUMNS)


@dataclass(frozen=True)
class Delivery:
    """One message of a guide version to one address, from one outbox."""

    slug: str
    """The guide's name, shared by all its editions."""
    version: str
    """The edition's content hash."""
    address: str
    """The recipient's mailbox (compared without regard to case)."""
    outbox: str
    """The outbox folder the message went from, as an absolute path."""
    state: str
    """``sending`` (going out, or the run died), ``sent`` or ``uncertain``."""
    message_id: str
    """The message's Message-ID."""
    updated: str
    """When the state last changed (UTC, ISO 8601)."""

    @property
    def day(self) -> str:
        """The date part of ``updated``."""
        return self.updated[:10]


class Ledger(RecordFile):
    """The user's ledger of deliveries; ``hold`` keeps other runs off a guide while sending."""

    def __init__(
        self,
        folder: Path | None = None,
        clock: Callable[[], str] = utc_now,
        writing: bool = True,
    ) -> None:
        """Open the ledger (default: in ``state_folder()``), only to read unless ``writing``."""
        folder = folder if folder is not None else state_folder()
        self.clock = clock
        self._advice = _("set %(variable)s to a folder you can write to") % {
            "variable": STATE_VARIABLE
        }
        self._locks: list[int] = []
        # A dry run reads the ledger but creates nothing in the user's state folder.
        if writing:
            make_folder(folder, self._advice)
        super().__init__(folder / LEDGER_NAME, _SCHEMA, self._advice, read_only=not writing)

    def close(self) -> None:
        """Close the database and let other runs send the guides this one held."""
        super().close()
        while self._locks:
            os.close(self._locks.pop())

    def hold(self, slug: str) -> None:
        """Keep any other run, from any folder, from sending this guide until ``close``."""
        folder = self.path.parent / "locks"
        make_folder(folder, self._advice)
        busy = _(
            "another 'guide send' of %(guide)s is running right now (perhaps from another "
            "folder): let it finish first"
        ) % {"guide": slug}
        self._locks.append(take_lock(folder / f"{slug}.lock", busy, self._advice))

    def deliveries(self, slug: str, address: str) -> list[Delivery]:
        """Every message of any version of this guide to this address, oldest first."""
        rows = self._execute(
            f"SELECT {SELECTED} FROM deliveries WHERE slug = ? AND address = ? "
            "ORDER BY updated, outbox",
            (slug, address),
        ).fetchall()
        return [Delivery(*self._row(row, COLUMNS)) for row in rows]

    def record(
        self, slug: str, version: str, address: str, outbox: str, message_id: str, state: str
    ) -> None:
        """Record, durably, that the message is going out, went out or may have."""
        if state not in HELD:
            raise ValueError(f"unknown state {state!r}")
        self._execute(
            "INSERT OR REPLACE INTO deliveries (slug, version, address, outbox, state, "
            "message_id, updated) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (slug, version, address, outbox, state, message_id, self.clock()),
        )

    def forget(self, slug: str, version: str, address: str, outbox: str) -> None:
        """Remove the row of a message the server did not take."""
        self._execute(
            "DELETE FROM deliveries WHERE slug = ? AND version = ? AND address = ? AND outbox = ?",
            (slug, version, address, outbox),
        )
