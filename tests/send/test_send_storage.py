"""An outbox or journal the disk refuses: a clear ``path: error:``, never a traceback."""

from __future__ import annotations

import errno
import os
import sqlite3
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from helpers.cli import invoke
from helpers.guides import FIRST_GUIDE
from helpers.sending import ADDRESSES, Start, request_for, results, send_with

import generator.send.run as send_run
from generator.send.journal import Journal
from generator.send.ledger import LEDGER_NAME, Ledger


def guide_send(family: Path, outbox: Path, *args: str) -> Result:
    result = invoke(
        *("send", str(FIRST_GUIDE), "--to", str(family), "--from", "anna@example.net"),
        *("--outbox", str(outbox), "--rate", "0", *args),
    )
    return result


def test_an_outbox_through_a_file_is_a_clear_error(tmp_path: Path, family: Path) -> None:
    blocker = tmp_path / "afile"
    blocker.write_text("my notes", encoding="utf-8")
    result = guide_send(family, blocker / "sub")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{blocker / 'sub'}: error: {blocker} is a file, not a folder: give another --outbox",
        "Nothing was sent.",
    ]
    assert blocker.read_text(encoding="utf-8") == "my notes"


def test_a_journal_that_is_a_folder_is_a_clear_error(tmp_path: Path, family: Path) -> None:
    outbox = tmp_path / "outbox"
    (outbox / "journal.sqlite").mkdir(parents=True)
    result = guide_send(family, outbox)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{outbox / 'journal.sqlite'}: error: is a folder, not a file: give another --outbox",
        "Nothing was sent.",
    ]
    assert list(outbox.glob("*.eml")) == []


def permissions_bind() -> bool:
    """False for a user (root, with its usual powers) who may write in a read-only folder."""
    with tempfile.TemporaryDirectory() as folder:
        Path(folder).chmod(0o500)
        try:
            (Path(folder) / "probe").touch()
        except PermissionError:
            return True
        finally:
            Path(folder).chmod(0o700)
        return False


@pytest.mark.skipif(not permissions_bind(), reason="this user may write in a read-only folder")
def test_a_read_only_outbox_is_a_clear_error(tmp_path: Path, family: Path) -> None:
    outbox = tmp_path / "outbox"
    outbox.mkdir()
    outbox.chmod(0o500)
    try:
        result = guide_send(family, outbox)
    finally:
        outbox.chmod(0o700)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{outbox}: error: cannot be written (permission denied): give another --outbox",
        "Nothing was sent.",
    ]
    assert list(outbox.iterdir()) == []


def test_a_folder_the_system_refuses_is_a_clear_error_even_for_root(
    tmp_path: Path, family: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # What the kernel answers for a read-only folder, asked of os.open as tempfile and locks use it.
    outbox = tmp_path / "outbox"
    real_open = os.open

    def refusing_open(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if str(path).startswith(str(outbox)) and flags & os.O_CREAT:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", refusing_open)
    result = guide_send(family, outbox)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{outbox / 'journal.sqlite.lock'}: error: cannot be written (permission denied): "
        "give another --outbox",
        "Nothing was sent.",
    ]


def test_a_full_disk_while_filling_the_outbox_leaves_no_half_written_file(
    tmp_path: Path, family: Path, mail_server: Start, monkeypatch: pytest.MonkeyPatch
) -> None:
    server = mail_server()
    outbox = tmp_path / "outbox"
    written: list[int] = []
    real_fsync = os.fsync

    def fsync_until_full(fd: int) -> None:
        # The disk fills up while the second message is being written.
        written.append(fd)
        if len(written) == 2:
            raise OSError(errno.ENOSPC, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync_until_full)
    result = guide_send(
        family, outbox, "--send", "--smtp-host", "127.0.0.1", "--smtp-port", str(server.port)
    )
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{outbox / 'dad@example.com.eml'}: error: cannot be written (the disk is full): "
        "free some space, or give another --outbox",
        "Nothing was sent.",
    ]
    assert "Traceback" not in result.output
    assert server.mailbox.mails == 0
    # All or nothing: no message reaches the outbox and no temporary .part file is left; the
    # outbox this run made is gone with its journal, which holds nothing.
    assert not outbox.exists()


def test_a_disk_failing_one_message_of_a_long_list_keeps_the_whole_outbox_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A long list is made durable many files at a time; a failure is still the whole run's.
    people = tmp_path / "people.csv"
    people.write_text(
        "email\n" + "".join(f"person{n:02d}@example.org\n" for n in range(40)), encoding="utf-8"
    )
    outbox = tmp_path / "outbox"
    real_fsync = os.fsync

    def fsync_failing_for_one(fd: int) -> None:
        if os.readlink(f"/proc/self/fd/{fd}").startswith(str(outbox / ".person17@")):
            raise OSError(errno.EIO, "Input/output error")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync_failing_for_one)
    result = guide_send(people, outbox, "--max", "40", "--jobs", "1")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0].startswith(
        f"{outbox / 'person17@example.org.eml'}: error: cannot be written"
    )
    assert not outbox.exists()


class FailingConnection:
    """An SQLite connection whose disk fills up for the statements ``full`` picks."""

    def __init__(self, real: sqlite3.Connection, full: Callable[[str, tuple[Any, ...]], bool]):
        self.real = real
        self.full = full

    def execute(self, sql: str, parameters: tuple[Any, ...] = ()) -> sqlite3.Cursor:
        if self.full(sql, parameters):
            raise sqlite3.OperationalError("database or disk is full")
        return self.real.execute(sql, parameters)

    def close(self) -> None:
        self.real.close()


def journal_failing_when(
    monkeypatch: pytest.MonkeyPatch, full: Callable[[str, tuple[Any, ...]], bool]
) -> None:
    class FillingJournal(Journal):
        def __init__(self, path: Path) -> None:
            super().__init__(path)
            self._db = FailingConnection(self._db, full)  # type: ignore[assignment]

    monkeypatch.setattr(send_run, "Journal", FillingJournal)


def test_a_journal_that_cannot_record_sending_stops_before_that_message_goes_out(
    tmp_path: Path, family: Path, mail_server: Start, monkeypatch: pytest.MonkeyPatch
) -> None:
    server = mail_server()
    journal_failing_when(
        monkeypatch, lambda sql, args: "'sending'" in sql and "dad@example.com" in args
    )
    report, _ = send_with(request_for(tmp_path, family, server))
    assert [line.result for line in report.lines] == ["sent", "not sent", "not sent", "not sent"]
    assert report.stopped is not None
    assert report.stopped.startswith(f"{tmp_path / 'outbox' / 'journal.sqlite'}: cannot be written")
    assert report.stopped.endswith(
        ": nothing more was sent, so that nobody gets a message that is not on record"
    )
    # Dad's content never went out: the server saw his DATA command, then the line close.
    assert server.mailbox.copies() == {"mum@example.com": 1}
    monkeypatch.setattr(send_run, "Journal", Journal)  # space freed
    again, _ = send_with(request_for(tmp_path, family, server))
    assert [line.result for line in again.lines] == ["skipped", "sent", "sent", "sent"]
    assert server.mailbox.copies() == dict.fromkeys(ADDRESSES, 1)


def test_a_journal_that_cannot_record_a_delivery_still_never_sends_it_twice(
    tmp_path: Path, family: Path, mail_server: Start, monkeypatch: pytest.MonkeyPatch
) -> None:
    server = mail_server()
    journal_failing_when(monkeypatch, lambda sql, args: args[:1] == ("sent",))
    report, _ = send_with(request_for(tmp_path, family, server))
    # Mum has it (the server said 250); the run stops there rather than go on unrecorded.
    assert results(report) == [
        ("mum@example.com", "sent"),
        ("dad@example.com", "not sent"),
        ("grandad@example.com", "not sent"),
        ("aunt.jo@example.org", "not sent"),
    ]
    assert report.stopped is not None and "cannot be written" in report.stopped
    monkeypatch.setattr(send_run, "Journal", Journal)  # space freed
    # The ledger wrote it down first, so the next run skips her.
    again, _ = send_with(request_for(tmp_path, family, server))
    assert [line.result for line in again.lines] == ["skipped", "sent", "sent", "sent"]
    assert server.mailbox.copies() == dict.fromkeys(ADDRESSES, 1)


def test_a_ledger_that_cannot_record_sending_leaves_nobody_in_doubt(
    tmp_path: Path, family: Path, mail_server: Start, monkeypatch: pytest.MonkeyPatch
) -> None:
    server = mail_server()

    class FillingLedger(Ledger):
        def __init__(self, writing: bool = True) -> None:
            super().__init__(writing=writing)
            self._db = FailingConnection(  # type: ignore[assignment]
                self._db, lambda sql, args: "sending" in args and "dad@example.com" in args
            )

    monkeypatch.setattr(send_run, "Ledger", FillingLedger)
    report, _ = send_with(request_for(tmp_path, family, server))
    assert [line.result for line in report.lines] == ["sent", "not sent", "not sent", "not sent"]
    assert report.stopped is not None and LEDGER_NAME in report.stopped
    assert server.mailbox.copies() == {"mum@example.com": 1}
    with sqlite3.connect(tmp_path / "outbox" / "journal.sqlite") as db:
        [(state,)] = db.execute(
            "SELECT state FROM deliveries WHERE address = 'dad@example.com'"
        ).fetchall()
    assert state == "pending"
    monkeypatch.setattr(send_run, "Ledger", Ledger)  # space freed
    again, _ = send_with(request_for(tmp_path, family, server))
    assert [line.result for line in again.lines] == ["skipped", "sent", "sent", "sent"]
    assert server.mailbox.copies() == dict.fromkeys(ADDRESSES, 1)
