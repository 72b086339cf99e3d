"""The send journal: states survive a crash, a dead run's 'sending' becomes 'uncertain'."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.problems import GuideError
from generator.send.composed import eml_name
from generator.send.journal import Journal
from generator.send.outbox import file_as_sent, remove_stale, write_message

KEY = ("meta", "abcd1234", "mum@example.com")


def test_states_are_on_disk_at_once(tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite"
    journal = Journal(path, clock=lambda: "2026-11-26T10:00:00+00:00")
    journal.plan(*KEY, "<id@example.com>")
    journal.mark_sending(*KEY)
    # A second reader sees the state before the writer closes: it was committed.
    journal.close()
    with Journal(path) as again:
        entry = again.entry(*KEY)
        assert entry is not None
        assert (entry.state, entry.attempts, entry.message_id) == ("sending", 1, "<id@example.com>")


def test_a_dead_runs_sending_becomes_uncertain(tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite"
    with Journal(path) as journal:
        journal.plan(*KEY, "<id@example.com>")
        journal.mark_sending(*KEY)
        journal.plan("meta", "abcd1234", "dad@example.com", "<id2@example.com>")
        journal.mark_sending("meta", "abcd1234", "dad@example.com")
        journal.mark("meta", "abcd1234", "dad@example.com", "sent", "250 ok")
    with Journal(path) as journal:
        recovered = journal.recover("meta", "abcd1234")
        assert [(e.address, e.state) for e in recovered] == [("mum@example.com", "uncertain")]
        assert "may or may not have arrived" in recovered[0].reason
        dad = journal.entry("meta", "abcd1234", "dad@example.com")
        assert dad is not None and dad.state == "sent"


def test_planning_again_keeps_what_happened(tmp_path: Path) -> None:
    with Journal(tmp_path / "j.sqlite") as journal:
        journal.plan(*KEY, "<id@example.com>")
        journal.mark(*KEY, "sent", "250 ok")
        journal.plan(*KEY, "<id@example.com>")
        entry = journal.entry(*KEY)
        assert entry is not None and entry.state == "sent"


def test_an_earlier_version_sent_is_found(tmp_path: Path) -> None:
    with Journal(tmp_path / "j.sqlite", clock=lambda: "2026-10-01T09:00:00+00:00") as journal:
        journal.plan("meta", "old00000", "mum@example.com", "<a@x>")
        journal.mark("meta", "old00000", "mum@example.com", "sent")
        earlier = journal.sent_earlier("meta", "new11111", "mum@example.com")
        assert earlier is not None and (earlier.version, earlier.day) == ("old00000", "2026-10-01")
        assert journal.sent_earlier("meta", "old00000", "mum@example.com") is None
        assert journal.sent_earlier("other", "new11111", "mum@example.com") is None


def test_two_runs_cannot_use_one_journal_at_once(tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite"
    with Journal(path), pytest.raises(GuideError, match="another 'guide send' is using"):
        Journal(path)
    with Journal(path):
        pass


def test_a_file_that_is_not_a_journal_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite"
    path.write_bytes(b"this is not a database, just some text that is long enough" * 20)
    with pytest.raises(GuideError, match="is not a record kept by guide send"):
        Journal(path)
    with Journal(tmp_path / "fresh.sqlite"):
        pass  # and the failed open left no lock behind
    with pytest.raises(GuideError, match="is not a record kept by guide send"):
        Journal(path)


def test_outbox_names_are_stable_and_unique() -> None:
    assert eml_name("Mum@Example.com") == "mum@example.com.eml"
    odd = eml_name("a/b@example.com")
    assert odd.startswith("a_b@example.com-") and odd.endswith(".eml")
    assert odd != eml_name("a_b@example.com")


def eml(message_id: str) -> bytes:
    """A small message with the given Message-ID, as a mail program would save it."""
    return (
        f"From: anna@example.net\r\nTo: mum@example.com\r\nSubject: Hello\r\n"
        f"Message-ID: {message_id}\r\n\r\nHello.\r\n"
    ).encode()


def test_outbox_files_move_to_sent_and_stale_ones_go(tmp_path: Path) -> None:
    write_message(tmp_path, "a.eml", eml("<meta.abcd1234.0123456789abcdef@example.net>"))
    write_message(tmp_path, "b.eml", eml("<meta.abcd1234.fedcba9876543210@example.net>"))
    file_as_sent(tmp_path, "a.eml")
    assert b"0123456789abcdef" in (tmp_path / "sent" / "a.eml").read_bytes()
    write_message(tmp_path, "c.eml", eml("<meta.abcd1234.1111111111111111@example.net>"))
    assert remove_stale(tmp_path, {"c.eml"}, "meta") == [tmp_path / "b.eml"]
    assert sorted(p.name for p in tmp_path.glob("*.eml")) == ["c.eml"]
    assert (tmp_path / "sent" / "a.eml").exists()


def test_only_this_guides_own_messages_are_ever_removed(tmp_path: Path) -> None:
    mine = {
        "old.eml": eml("<meta.abcd1234.0123456789abcdef@example.net>"),
        "polish.eml": eml("<meta.pl.abcd1234.0123456789abcdef@example.net>"),
    }
    others = {
        "letter-to-bank.eml": eml("<CAF=x9d0@mail.gmail.com>"),
        "other-guide.eml": eml("<meta-ai.abcd1234.0123456789abcdef@example.net>"),
        "no-id.eml": b"From: a@example.net\r\nSubject: draft\r\n\r\nhi\r\n",
        "not-mail.eml": bytes(range(256)),
    }
    for name, data in {**mine, **others}.items():
        (tmp_path / name).write_bytes(data)
    assert remove_stale(tmp_path, set(), "meta") == sorted(tmp_path / n for n in mine)
    for name, data in others.items():
        assert (tmp_path / name).read_bytes() == data
