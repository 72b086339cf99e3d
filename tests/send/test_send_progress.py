"""While ``guide send`` delivers, the sender sees who is being sent to and how long is left."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from helpers.cli import invoke
from helpers.guides import FIRST_GUIDE
from helpers.mailserver import MailServer

from generator.send.progress import SendProgress
from generator.send.recipients import Recipient

PEOPLE = [
    Recipient("grandad@example.com", "Grandad"),
    Recipient("mum@example.com", "Mum"),
    Recipient("aunt.jo@example.org"),
]


class Clock:
    """A clock that moves only when told: three seconds a message."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def run_progress(total: int, live: bool) -> str:
    written: list[str] = []
    clock = Clock()
    with SendProgress(total, written.append, live=live, clock=clock) as progress:
        for person in PEOPLE:
            progress.sending(person)
            clock.now += 3
            progress.update(1)
    return "".join(written)


def test_in_a_log_each_message_gets_one_plain_line_and_a_last_line() -> None:
    assert run_progress(3, live=False).splitlines() == [
        "Sending 1 of 3, Grandad",
        "Sending 2 of 3, Mum (less than a minute left)",
        "Sending 3 of 3, aunt.jo@example.org (less than a minute left)",
        "Finished 3 of 3 messages in 9 seconds.",
    ]


def test_the_time_left_follows_the_pace_so_far() -> None:
    # 3 seconds a message, 40 messages: after two, 38 x 3 s = 114 s, rounded up.
    lines = run_progress(40, live=False).splitlines()
    assert lines[1] == "Sending 2 of 40, Mum (about 2 minutes left)"
    assert lines[-1] == "Stopped after 3 of 40 messages, in 9 seconds."


def test_on_a_terminal_the_line_is_rewritten_in_place() -> None:
    shown = run_progress(3, live=True)
    frames = shown.split("\r")[1:]
    assert [frame.rstrip() for frame in frames] == [
        "Sending 1 of 3, Grandad",
        "Sending 2 of 3, Mum (less than a minute left)",
        "Sending 3 of 3, aunt.jo@example.org (less than a minute left)",
        "Finished 3 of 3 messages in 9 seconds.\n".rstrip(),
    ]
    assert shown.count("\n") == 1 and shown.endswith("\n")


def test_the_progress_speaks_the_senders_language_with_its_plurals(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("LANGUAGE", "pl")
    lines = run_progress(40, live=False).splitlines()
    assert lines[1] == "Wysyłanie 2 z 40, Mum (zostały około 2 minuty)"
    assert lines[-1] == "Zatrzymano po 3 z 40 wiadomości, w 9 sekund."


def test_a_real_run_into_a_log_shows_each_person_and_no_bar(
    tmp_path: Path, mail_server: Callable[..., MailServer]
) -> None:
    server = mail_server()
    family = tmp_path / "family.csv"
    family.write_text(
        "email,name,large_print\ngrandad@example.com,Grandad,yes\nmum@example.com,Mum,\n",
        encoding="utf-8",
    )
    result = invoke(
        "send",
        str(FIRST_GUIDE),
        "--to",
        str(family),
        "--from",
        "anna@example.net",
        "--outbox",
        str(tmp_path / "outbox"),
        "--rate",
        "0",
        "--send",
        "--smtp-host",
        "127.0.0.1",
        "--smtp-port",
        str(server.port),
    )
    assert result.exit_code == 0, result.output
    progress = [line for line in result.stderr.splitlines() if line.startswith(("Send", "Fin"))]
    assert progress[0] == "Sending 1 of 2, Grandad"
    assert progress[1].startswith("Sending 2 of 2, Mum (")
    assert progress[2].startswith("Finished 2 of 2 messages in ")
    assert "\r" not in result.stderr and "%" not in result.stderr and "#" not in result.stderr
