"""Mistakes in a list of people are said with the fix: a name and an address run together,
a domain one letter from a common mail provider, a top-level domain that does not exist."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import Result
from helpers.guides import MINIMAL
from helpers.sending import Start, anna_sends


@pytest.fixture
def guide(tmp_path: Path) -> Path:
    path = tmp_path / "small-guide.md"
    path.write_text(MINIMAL, "utf-8")
    return path


def send(tmp_path: Path, guide: Path, *args: str) -> Result:
    return anna_sends(guide, tmp_path / "outbox", *args)


@pytest.mark.parametrize(
    "typed",
    [
        "Grandad grandad@example.com",
        "grandad@example.com Grandad",
        "Grandad, grandad@example.com",
        "Grandad <grandad@example.com",
        "Grandad (grandad@example.com)",
        "grandad@example.com (Grandad)",
    ],
)
def test_a_name_and_an_address_run_together_are_written_as_they_should_be(
    tmp_path: Path, guide: Path, typed: str
) -> None:
    result = send(tmp_path, guide, "--to", "Mum <mum@example.com>", "--to", typed)
    assert result.exit_code == 1
    assert result.stderr == (
        f"--to:2: error: {typed!r} is a name and an address: write it as "
        '"Grandad <grandad@example.com>"\nNothing was sent.\n'
    )


@pytest.mark.parametrize(
    "typed",
    [
        "Grandad grandad@example.com",
        "Grandad <grandad@example.com>",
        "Grandad (grandad@example.com)",
    ],
)
def test_a_name_in_the_email_column_is_moved_to_the_name_column(
    tmp_path: Path, guide: Path, typed: str
) -> None:
    family = tmp_path / "family.csv"
    family.write_text(f"email\nmum@example.com\n{typed}\n", "utf-8")
    result = send(tmp_path, guide, "--to", str(family))
    assert result.exit_code == 1
    assert result.stderr == (
        f"{family}:3: error: {typed!r} is a name and an address: put "
        "'Grandad' in the 'name' column and only 'grandad@example.com' in 'email'\n"
        "Nothing was sent.\n"
    )


MISTYPED = """\
email,name
mum@gmial.com,Mum
dad@example.con,Dad
gran@hotmial.co.uk,Gran
jo@example.org,Jo
sam@gmail.com,Sam
olek@example.xn--p1ai,Olek
tester@family.example,Tester
"""
WARNINGS = [
    "{family}:2: warning: 'mum@gmial.com' is one letter away from gmail.com, a common mail "
    "provider: did you mean mum@gmail.com? If the address is right, leave it as it is",
    "{family}:3: warning: 'dad@example.con' ends in .con, which is not a domain on the "
    "internet: did you mean dad@example.com?",
    "{family}:4: warning: 'gran@hotmial.co.uk' is one letter away from hotmail.co.uk, a "
    "common mail provider: did you mean gran@hotmail.co.uk? If the address is right, leave "
    "it as it is",
]


def test_the_dry_run_warns_about_domains_that_look_mistyped(tmp_path: Path, guide: Path) -> None:
    family = tmp_path / "family.csv"
    family.write_text(MISTYPED, "utf-8")
    result = send(tmp_path, guide, "--to", str(family))
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [line.format(family=family) for line in WARNINGS]
    # Warnings, not errors: everyone's message is in the outbox to check.
    assert "7 recipients (in outbox: 7)." in result.stdout


def test_a_mistyped_domain_on_the_command_line_is_named_by_its_place(
    tmp_path: Path, guide: Path
) -> None:
    result = send(tmp_path, guide, "--to", "Mum <mum@example.com>", "--to", "x@example.cmo")
    assert result.exit_code == 0
    assert result.stderr == (
        "--to:2: warning: 'x@example.cmo' ends in .cmo, which is not a domain on the "
        "internet: did you mean x@example.com?\n"
    )


def test_with_send_the_warnings_come_before_the_first_message(
    tmp_path: Path, guide: Path, mail_server: Start
) -> None:
    family = tmp_path / "family.csv"
    family.write_text(MISTYPED, "utf-8")
    server = mail_server()
    result = send(
        tmp_path,
        guide,
        *("--to", str(family), "--send", "--smtp-host", "127.0.0.1"),
        *("--smtp-port", str(server.port)),
    )
    assert result.exit_code == 0, result.output
    lines = result.stderr.splitlines()
    assert lines[:3] == [line.format(family=family) for line in WARNINGS]
    assert lines[3] == "Sending 1 of 7, Mum"
    assert len(server.mailbox.received) == 7


def test_the_warning_is_in_the_senders_language(tmp_path: Path, guide: Path) -> None:
    result = anna_sends(
        guide, tmp_path / "outbox", "--to", "Mamie <mamie@gmial.com>", env={"LANGUAGE": "fr"}
    )
    assert result.exit_code == 0
    assert result.stderr == (
        "--to:1: warning: 'mamie@gmial.com' est à une lettre de gmail.com, un fournisseur de "
        "messagerie courant : vouliez-vous dire mamie@gmail.com ? Si l'adresse est juste, "
        "laissez-la telle quelle\n"
    )
