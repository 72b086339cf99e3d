"""After a send that did not reach everyone, the summary says what failed, that nobody got a
message twice, and that the same command again sends only to those still waiting."""

from __future__ import annotations

from pathlib import Path

from click.testing import Result
from helpers.guides import MINIMAL
from helpers.mailserver import Mailbox, MailServer
from helpers.sending import Start, anna_sends

FAMILY = "email,name\nmum@example.com,Mum\ngrandad@example.com,Grandad\njo@example.org,Jo\n"


def send(tmp_path: Path, server: MailServer, *args: str) -> Result:
    guide = tmp_path / "small-guide.md"
    guide.write_text(MINIMAL, "utf-8")
    family = tmp_path / "family.csv"
    family.write_text(FAMILY, "utf-8")
    return anna_sends(
        guide,
        tmp_path / "outbox",
        *("--to", str(family), "--send", "--smtp-host", "127.0.0.1"),
        *("--smtp-port", str(server.port), *args),
    )


def closing(result: Result) -> list[str]:
    """The table's totals and the lines after it, but where the whole table was written."""
    lines = result.stdout.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("3 recipients"))
    return [line for line in lines[start:] if not line.startswith("Every row is also in ")]


def test_a_refused_address_is_named_and_the_run_again_sends_only_to_that_person(
    tmp_path: Path, mail_server: Start
) -> None:
    server = mail_server(Mailbox(refuse={"grandad@example.com": "550 5.1.1 No such user"}))
    result = send(tmp_path, server)
    assert result.exit_code == 1
    assert closing(result) == [
        "3 recipients (sent: 2, failed: 1).",
        "What failed: the mail server did not take 1 message; the table says why.",
        "A reason starting with 5 usually means the address is wrong: check it in your list "
        "before you run again.",
        "Nothing was sent twice: everyone who has the guide is in the journal, and is skipped "
        "next time.",
        "Run the same command again to send only to the 1 person still waiting.",
    ]
    server.mailbox.refuse.clear()
    again = send(tmp_path, server)
    assert again.exit_code == 0
    assert closing(again) == ["3 recipients (sent: 1, skipped: 2).", "Everyone has the guide."]
    assert server.mailbox.copies() == {
        "mum@example.com": 1,
        "grandad@example.com": 1,
        "jo@example.org": 1,
    }


def test_a_server_that_cannot_be_reached_sends_nothing_and_says_so(
    tmp_path: Path, mail_server: Start
) -> None:
    server = mail_server(Mailbox(down=True))
    result = send(tmp_path, server)
    assert result.exit_code == 1
    assert closing(result) == [
        "3 recipients (not sent: 3).",
        f"The run stopped: cannot reach 127.0.0.1:{server.port}: the server closed the "
        "connection. Check that this computer is online, and that --smtp-host "
        "and --smtp-port are the ones your mail provider gives",
        "Nothing was sent yet, so nobody will get it twice.",
        "Run the same command again to send only to the 3 people still waiting.",
    ]
    # Not "Finished 0 of 3 messages".
    assert result.stderr.splitlines()[-1].startswith("Stopped after 0 of 3 messages, in ")


def test_the_rest_of_a_list_over_the_limit_is_sent_by_the_same_command_again(
    tmp_path: Path, mail_server: Start
) -> None:
    server = mail_server()
    result = send(tmp_path, server, "--max", "2")
    assert result.exit_code == 1
    assert closing(result)[1:] == [
        "Nothing was sent twice: everyone who has the guide is in the journal, and is skipped "
        "next time.",
        "Run the same command again to send only to the 1 person still waiting.",
    ]
    assert send(tmp_path, server, "--max", "2").exit_code == 0
    assert sorted(server.mailbox.copies().values()) == [1, 1, 1]
