"""An outbox's journal or the sender's ledger changed by another program (a column added, a
value of the wrong kind) is read as far as it is ours, and said by name where it is not:
never a traceback, never a message sent twice."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from helpers.mailserver import MailServer
from helpers.sending import ADDRESSES, Start, request_for, results, send_with

from generator.problems import GuideError
from generator.send.ledger import LEDGER_NAME


def sent_and_changed(
    tmp_path: Path, family: Path, server: MailServer, record: Path, *statements: str
) -> None:
    """Send to the family once, then change the journal or the ledger as another program does."""
    report, _ = send_with(request_for(tmp_path, family, server))
    assert report.complete
    with sqlite3.connect(record) as db:
        for statement in statements:
            db.execute(statement)


def record_file(tmp_path: Path, state_folder: Path, record: str) -> Path:
    """The outbox's journal, or the sender's ledger."""
    if record == "journal":
        return tmp_path / "outbox" / "journal.sqlite"
    return state_folder / LEDGER_NAME


@pytest.mark.parametrize("record", ["journal", "ledger"])
def test_a_column_added_by_another_program_is_passed_over(
    tmp_path: Path, family: Path, mail_server: Start, state_folder: Path, record: str
) -> None:
    server = mail_server()
    added = "ALTER TABLE deliveries ADD COLUMN remark TEXT DEFAULT 'checked by Jo'"
    sent_and_changed(tmp_path, family, server, record_file(tmp_path, state_folder, record), added)
    again, _ = send_with(request_for(tmp_path, family, server))
    assert results(again) == [(address, "skipped") for address in ADDRESSES]
    assert server.mailbox.copies() == dict.fromkeys(ADDRESSES, 1)


RETYPED = (
    # The table made again by another program, without types: a date kept as a number.
    "CREATE TABLE renewed AS SELECT slug, version, address, outbox, state, message_id, "
    "20261001 AS updated FROM deliveries",
    "DROP TABLE deliveries",
    "ALTER TABLE renewed RENAME TO deliveries",
)


@pytest.mark.parametrize(
    ("record", "statements", "said"),
    [
        (
            "journal",
            ["UPDATE deliveries SET attempts = 'many'"],
            "a row holds 'many' where its 'attempts' belongs",
        ),
        (
            "journal",
            ["UPDATE deliveries SET updated = X'3230323631303031'"],
            "a row holds b'20261001' where its 'updated' belongs",
        ),
        ("ledger", RETYPED, "a row holds 20261001 where its 'updated' belongs"),
    ],
)
def test_a_value_of_the_wrong_kind_is_said_with_the_file(
    tmp_path: Path,
    family: Path,
    mail_server: Start,
    state_folder: Path,
    record: str,
    statements: list[str],
    said: str,
) -> None:
    server = mail_server()
    database = record_file(tmp_path, state_folder, record)
    sent_and_changed(tmp_path, family, server, database, *statements)
    with pytest.raises(GuideError) as raised:
        send_with(request_for(tmp_path, family, server))
    message = str(raised.value)
    assert message.startswith(f"{database}: error: is not a record kept by guide send ("), message
    assert said in message
    assert message.endswith("): move it out of the way and run the same command again")
    assert server.mailbox.copies() == dict.fromkeys(ADDRESSES, 1)
