"""The sender's ledger: one copy per person whatever folder or --outbox the command is run with."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from helpers.cli import invoke
from helpers.guides import FIRST_GUIDE
from helpers.mailserver import Mailbox
from helpers.sending import (
    ADDRESSES,
    Crash,
    CrashingMailer,
    Start,
    request_for,
    results,
    send_with,
)

from generator.problems import GuideError
from generator.send.ledger import LEDGER_NAME, Ledger

SLUG = "meta-ai-objection"


def ledger_rows(state_folder: Path) -> list[tuple[str, ...]]:
    with sqlite3.connect(state_folder / LEDGER_NAME) as db:
        return db.execute(
            "SELECT slug, version, address, outbox, state, message_id, updated FROM deliveries "
            "ORDER BY address"
        ).fetchall()


def test_the_same_command_from_another_folder_sends_nobody_a_second_copy(
    tmp_path: Path, family: Path, mail_server: Start, monkeypatch: pytest.MonkeyPatch
) -> None:
    server = mail_server()
    first, second = tmp_path / "desktop", tmp_path / "documents"
    first.mkdir()
    second.mkdir()
    monkeypatch.chdir(first)
    report, _ = send_with(request_for(tmp_path, family, server, outbox=None))
    assert report.complete and server.mailbox.copies() == dict.fromkeys(ADDRESSES, 1)
    monkeypatch.chdir(second)
    again, _ = send_with(request_for(tmp_path, family, server, outbox=None))
    assert [line.result for line in again.lines] == ["skipped"] * 4
    assert again.complete
    where = first / "output" / "outbox" / SLUG
    assert again.lines[0].detail.startswith("already sent on 20")
    assert again.lines[0].detail.endswith(f" from {where}")
    assert server.mailbox.copies() == dict.fromkeys(ADDRESSES, 1)
    # Nothing was written in the second folder's outbox for people already reached.
    assert list((second / "output" / "outbox" / SLUG).glob("*.eml")) == []


def test_another_outbox_sends_nobody_a_second_copy(
    tmp_path: Path, family: Path, mail_server: Start
) -> None:
    server = mail_server()
    send_with(request_for(tmp_path, family, server, outbox=tmp_path / "one"))
    again, _ = send_with(request_for(tmp_path, family, server, outbox=tmp_path / "two"))
    assert [line.result for line in again.lines] == ["skipped"] * 4
    assert server.mailbox.copies() == dict.fromkeys(ADDRESSES, 1)
    # The dry run from a third outbox says the same, and writes nobody a message.
    dry, _ = send_with(request_for(tmp_path, family, outbox=tmp_path / "three"))
    assert [line.result for line in dry.lines] == ["skipped"] * 4
    assert list((tmp_path / "three").glob("*.eml")) == []


def test_a_dry_run_reads_the_ledger_but_never_writes_one(
    tmp_path: Path, family: Path, state_folder: Path
) -> None:
    report, _ = send_with(request_for(tmp_path, family))
    assert [line.result for line in report.lines] == ["in outbox"] * 4
    assert list(state_folder.iterdir()) == []


def test_the_ledger_records_what_the_server_accepted_and_from_where(
    tmp_path: Path, family: Path, mail_server: Start, state_folder: Path
) -> None:
    server = mail_server(Mailbox(refuse={"dad@example.com": "550 5.1.1 No such user"}))
    send_with(request_for(tmp_path, family, server))
    rows = ledger_rows(state_folder)
    # Dad's message was refused: the ledger holds only what the server took.
    assert [row[2] for row in rows] == sorted(a for a in ADDRESSES if a != "dad@example.com")
    for slug, version, address, outbox, state, message_id, updated in rows:
        assert (slug, state, outbox) == (SLUG, "sent", str((tmp_path / "outbox").resolve()))
        assert len(version) == 8
        assert server.mailbox.to(address)["Message-ID"] == message_id
        assert updated.startswith("20") and updated.endswith("+00:00")


def test_an_updated_guide_from_another_outbox_is_sent_only_when_asked(
    tmp_path: Path, family: Path, mail_server: Start
) -> None:
    server = mail_server()
    guide = tmp_path / f"{SLUG}.md"
    shutil.copy(FIRST_GUIDE, guide)
    mum = ("Mum <mum@example.com>",)
    send_with(request_for(tmp_path, family, server, guide=guide, to=mum, outbox=tmp_path / "one"))
    text = guide.read_text("utf-8")
    updated = text.replace("\nsummary: ", "\nsummary: Updated. ", 1)
    assert updated != text
    guide.write_text(updated, "utf-8")
    report, _ = send_with(
        request_for(tmp_path, family, server, guide=guide, outbox=tmp_path / "two")
    )
    assert results(report)[0] == ("mum@example.com", "skipped")
    assert report.lines[0].detail.startswith("got an earlier version on 20")
    assert f"from {(tmp_path / 'one').resolve()} (--resend-updated" in report.lines[0].detail
    assert server.mailbox.copies()["mum@example.com"] == 1
    send_with(
        request_for(
            tmp_path, family, server, guide=guide, outbox=tmp_path / "three", resend_updated=True
        )
    )
    assert server.mailbox.copies() == {**dict.fromkeys(ADDRESSES, 1), "mum@example.com": 2}


def test_a_message_in_doubt_from_another_outbox_is_left_alone_unless_asked(
    tmp_path: Path, family: Path, mail_server: Start
) -> None:
    # Grandad's message is cut off just after it was handed over, in the first outbox.
    server = mail_server(Mailbox(drop_after_content={3}))
    send_with(request_for(tmp_path, family, server, outbox=tmp_path / "one"))
    report, _ = send_with(request_for(tmp_path, family, server, outbox=tmp_path / "two"))
    assert results(report)[2] == ("grandad@example.com", "uncertain")
    assert f"a run from {(tmp_path / 'one').resolve()} was handing it over on 20" in (
        report.lines[2].detail
    )
    assert "--resend-uncertain sends it again" in report.lines[2].detail
    assert server.mailbox.copies() == dict.fromkeys(ADDRESSES, 1)
    again, _ = send_with(
        request_for(tmp_path, family, server, outbox=tmp_path / "two", resend_uncertain=True)
    )
    assert results(again)[2] == ("grandad@example.com", "sent")
    assert server.mailbox.copies() == {**dict.fromkeys(ADDRESSES, 1), "grandad@example.com": 2}


def test_a_run_that_died_mid_message_in_another_outbox_leaves_that_person_uncertain(
    tmp_path: Path, family: Path, mail_server: Start
) -> None:
    server = mail_server()
    request = request_for(tmp_path, family, server, outbox=tmp_path / "one")
    assert request.smtp is not None
    # The server said 250 for Dad, but the process died before it could write that down.
    with pytest.raises(Crash):
        send_with(request, CrashingMailer(request.smtp, crash_at=2, after_server_ok=True))
    report, _ = send_with(request_for(tmp_path, family, server, outbox=tmp_path / "two"))
    assert results(report) == [
        ("mum@example.com", "skipped"),
        ("dad@example.com", "uncertain"),
        ("grandad@example.com", "sent"),
        ("aunt.jo@example.org", "sent"),
    ]
    assert server.mailbox.copies() == dict.fromkeys(ADDRESSES, 1)


def test_two_runs_of_one_guide_cannot_send_at_once_from_two_folders(
    tmp_path: Path, family: Path, mail_server: Start
) -> None:
    server = mail_server()
    with Ledger() as other_run:
        other_run.hold(SLUG)
        with pytest.raises(GuideError, match=f"another 'guide send' of {SLUG} is running"):
            send_with(request_for(tmp_path, family, server, outbox=tmp_path / "two"))
    assert server.mailbox.mails == 0
    report, _ = send_with(request_for(tmp_path, family, server, outbox=tmp_path / "two"))
    assert report.complete


def test_an_unusable_state_folder_is_a_clear_error_and_nothing_is_sent(
    tmp_path: Path, family: Path, mail_server: Start, monkeypatch: pytest.MonkeyPatch
) -> None:
    server = mail_server()
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("GUIDE_STATE_DIR", str(blocker / "guide"))
    result = invoke(
        *("send", str(FIRST_GUIDE), "--to", str(family), "--from", "anna@example.net"),
        *("--outbox", str(tmp_path / "outbox"), "--rate", "0", "--send"),
        *("--smtp-host", "127.0.0.1", "--smtp-port", str(server.port)),
    )
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{blocker / 'guide'}: error: {blocker} is a file, not a folder: set GUIDE_STATE_DIR "
        "to a folder you can write to",
        "Nothing was sent.",
    ]
    assert server.mailbox.mails == 0
