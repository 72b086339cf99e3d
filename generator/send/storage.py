"""The folders and files a run keeps (outbox, journal, ledger): clear errors when the disk says no.

A path through a file, a folder that cannot be written, a full disk: each is reported as
``path: error: ...`` before anything is sent, never as a traceback.
"""

from __future__ import annotations

import errno
import os
import sqlite3
from pathlib import Path
from types import TracebackType
from typing import Any, Self

from generator import clock
from generator.i18n import ui_gettext as _
from generator.problems import GuideError

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows has no fcntl; one sender at a time there
    fcntl = None  # type: ignore[assignment]


class RecordError(GuideError):
    """The journal or the ledger could not be read or written."""


def os_reason(error: OSError) -> str:
    """What an operating-system error means, in a few plain words."""
    reasons = {
        errno.ENOSPC: _("the disk is full"),
        errno.EDQUOT: _("your disk quota is used up"),
        errno.EFBIG: _("the file would be too large"),
        errno.EACCES: _("permission denied"),
        errno.EPERM: _("permission denied"),
        errno.EROFS: _("the disk is read-only"),
        errno.ENOTDIR: _("part of the path is a file, not a folder"),
        errno.EISDIR: _("it is a folder"),
        errno.EEXIST: _("a file of that name is in the way"),
    }
    return reasons.get(error.errno or 0) or error.strerror or str(error)


def make_folder(folder: Path, advice: str) -> None:
    """Create ``folder`` and make sure it can be written to, or say why not and what to do."""
    for place in (folder, *folder.parents):
        if place.is_dir():
            break
        if place.exists() or place.is_symlink():
            raise GuideError(
                folder,
                None,
                _("%(file)s is a file, not a folder: %(advice)s")
                % {"file": place, "advice": advice},
            )
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise GuideError(folder, None, cannot_write(error, advice)) from None
    if not os.access(folder, os.W_OK | os.X_OK):
        raise GuideError(folder, None, cannot_write(PermissionError(errno.EACCES, ""), advice))


def cannot_write(error: OSError | sqlite3.Error, advice: str) -> str:
    """``cannot be written (the disk is full): ADVICE``."""
    return _("cannot be written (%(reason)s): %(advice)s") % {
        "reason": reason_of(error),
        "advice": advice,
    }


def reason_of(error: sqlite3.Error | OSError) -> str:
    """What an SQLite or operating-system error means, in a few plain words."""
    if isinstance(error, OSError):
        return os_reason(error)
    name = getattr(error, "sqlite_errorname", "")
    reasons = {
        "SQLITE_FULL": _("the disk is full"),
        "SQLITE_READONLY": _("it cannot be written to (read-only)"),
        "SQLITE_CANTOPEN": _(
            "it cannot be opened (is it a folder, or in a folder you cannot write?)"
        ),
        "SQLITE_IOERR": _("the disk reported an error"),
        "SQLITE_NOTADB": _("it is not a database"),
        "SQLITE_CORRUPT": _("it is damaged"),
        "SQLITE_BUSY": _("another program is using it"),
    }
    for prefix, reason in reasons.items():
        if name.startswith(prefix):
            return reason
    return str(error)


def utc_now() -> str:
    """Now, in UTC, as ISO 8601 to the second: how the journal and the ledger write times."""
    return clock.now().isoformat(timespec="seconds")


def _not_a_file(path: Path, advice: str) -> str | None:
    """Why a record or lock file that is there cannot be used: a folder, a pipe, a device."""
    from generator.files import kind_name, kind_of

    try:
        kind = kind_of(path.stat().st_mode)
    except OSError:
        return None  # not there (it is made), or said when it is opened
    if kind is None:
        return None
    return _("is %(what)s, not a file: %(advice)s") % {"what": kind_name(kind), "advice": advice}


def take_lock(path: Path, busy: str, advice: str) -> int:
    """Hold an exclusive lock on ``path``, or raise ``GuideError`` with ``busy`` if it is held."""
    not_a_file = _not_a_file(path, advice)
    if not_a_file:
        raise GuideError(path, None, not_a_file)
    try:
        handle = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    except OSError as error:
        raise GuideError(path, None, cannot_write(error, advice)) from None
    if fcntl is not None:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(handle)
            raise GuideError(path.with_suffix(""), None, busy) from None
    return handle


def open_database(
    path: Path, schema: str, advice: str, read_only: bool = False
) -> sqlite3.Connection:
    """Open (or create) an SQLite file and prove it can be written; ``GuideError`` if not.

    ``read_only`` opens it only to read, creating nothing: a file that does not exist yet
    reads as empty.
    """
    not_a_file = _not_a_file(path, advice)
    if not_a_file:
        # SQLite would wait for ever on a named pipe, and read a device without end.
        raise GuideError(path, None, not_a_file)
    if read_only and not path.exists():
        empty = sqlite3.connect(":memory:", isolation_level=None)
        empty.execute(schema)
        return empty
    try:
        if read_only:
            db = sqlite3.connect(
                f"{path.resolve().as_uri()}?mode=ro", uri=True, isolation_level=None, timeout=10
            )
        else:
            db = sqlite3.connect(path, isolation_level=None, timeout=10)
    except sqlite3.Error as error:
        raise GuideError(path, None, cannot_write(error, advice)) from None
    try:
        if read_only:
            db.execute("SELECT count(*) FROM sqlite_master")
        else:
            # Every change must be on disk before the next SMTP command is sent.
            db.execute("PRAGMA synchronous = FULL")
            db.execute(schema)
            # A real write now, so a read-only file or folder is found before anything is sent.
            db.execute("PRAGMA user_version = 1")
    except sqlite3.Error as error:
        db.close()
        name = getattr(error, "sqlite_errorname", "")
        if name.startswith(("SQLITE_NOTADB", "SQLITE_CORRUPT")):
            raise GuideError(path, None, not_ours(str(error))) from None
        raise GuideError(path, None, cannot_write(error, advice)) from None
    return db


def not_ours(reason: str) -> str:
    """Why a record file cannot be used: it is not laid out as ``guide send`` keeps it."""
    return _(
        "is not a record kept by guide send (%(reason)s): move it out of the way and run the "
        "same command again"
    ) % {"reason": reason}


class RecordFile:
    """An SQLite file of records: opened with clear errors, every later failure a RecordError."""

    def __init__(self, path: Path, schema: str, advice: str, read_only: bool = False) -> None:
        self.path = path
        self._db = open_database(path, schema, advice, read_only)

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close the database."""
        self._db.close()

    def _row(self, row: tuple[Any, ...], columns: tuple[tuple[str, type], ...]) -> tuple[Any, ...]:
        """A row read back (its columns named in the query), each value of its column's kind;
        a ``RecordError`` for one that is not (a file changed by another program, or by hand),
        never a crash later on."""
        for value, (name, kind) in zip(row, columns, strict=True):
            if not isinstance(value, kind) or isinstance(value, bool):
                raise self._damaged(
                    _("a row holds %(value)s where its '%(column)s' belongs")
                    % {"value": repr(value)[:40], "column": name}
                )
        return row

    def _damaged(self, reason: str) -> RecordError:
        return RecordError(self.path, None, not_ours(reason))

    def _execute(self, sql: str, parameters: tuple[Any, ...] = ()) -> sqlite3.Cursor:
        """Run one statement; a disk that says no is a ``RecordError``, never a traceback."""
        try:
            return self._db.execute(sql, parameters)
        except sqlite3.OperationalError as error:
            if str(error).startswith(("no such column", "no such table", "table deliveries has")):
                # A file of the same name laid out by another program, or an earlier version.
                raise self._damaged(str(error)) from None
            raise RecordError(
                self.path, None, _("cannot be written (%(reason)s)") % {"reason": reason_of(error)}
            ) from None
        except sqlite3.Error as error:
            raise RecordError(
                self.path, None, _("cannot be written (%(reason)s)") % {"reason": reason_of(error)}
            ) from None
