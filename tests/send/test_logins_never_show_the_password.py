"""Logging in with any password, to any server, ends in the results table, never a traceback.

A password or user name beyond ASCII logs in as UTF-8; whatever goes wrong while logging
in becomes one plain line, and no part of the password is shown: not in a server's reply
(as typed, or in the base64 forms AUTH LOGIN and AUTH PLAIN send), and not in the words
of a Python error, which quote the character they failed on and its position.
"""

from __future__ import annotations

import base64
from pathlib import Path

from aiosmtpd.smtp import SMTP, AuthResult
from click.testing import Result
from helpers.cli import invoke
from helpers.guides import FIRST_GUIDE
from helpers.mailserver import Mailbox, MailServer
from helpers.sending import Start

from generator.send.smtp import Mailer, SmtpSettings

PASSWORD = "pässwörd"


class BadChallenge(Mailbox):
    """A server whose CRAM-MD5 challenge is not base64: the login library itself fails."""

    async def auth_CRAM__MD5(self, server: SMTP, args: list[str]) -> AuthResult:
        await server.challenge_auth("not*base64", encode_to_b64=False)
        return AuthResult(success=False, handled=True)


class EchoesTheLogin(Mailbox):
    """A chatty server that repeats the AUTH PLAIN string it was sent in its refusal."""

    async def auth_PLAIN(self, server: SMTP, args: list[str]) -> AuthResult:
        await server.push(f"535 5.7.8 credentials {args[1]} are not valid")
        return AuthResult(success=False, handled=True)


def send(tmp_path: Path, server: MailServer, user: str, password: str) -> Result:
    """``guide send --send`` to Mum, logged in as ``user``, the password in the environment."""
    family = tmp_path / "family.csv"
    family.write_text("email,name\nmum@example.com,Mum\n", encoding="utf-8")
    result = invoke(
        *("send", str(FIRST_GUIDE), "--to", str(family), "--send"),
        *("--from", "Anna <anna@example.net>", "--outbox", str(tmp_path / "outbox")),
        *("--smtp-host", "127.0.0.1", "--smtp-port", str(server.port)),
        *("--smtp-user", user, "--rate", "0"),
        env={"GUIDE_SMTP_PASSWORD": password},
    )
    # A traceback would show as an exception other than the exit.
    return result


def assert_nothing_of(password: str, user: str, output: str) -> None:
    """No letter of the password beyond ASCII, nor the password in any login form."""
    forms = [
        password,
        base64.b64encode(password.encode()).decode(),
        base64.b64encode(f"\0{user}\0{password}".encode()).decode(),
    ]
    for form in forms:
        assert form.rstrip("=") not in output
    assert not {letter for letter in password if not letter.isascii()} & set(output), output
    assert "position" not in output
    assert "Traceback" not in output


def test_a_non_ascii_password_and_user_log_in_and_the_table_shows_it(
    tmp_path: Path, mail_server: Start
) -> None:
    server = mail_server(password=PASSWORD, auth_require_tls=False)
    result = send(tmp_path, server, "me@example.com", PASSWORD)
    assert result.exit_code == 0, result.output
    assert server.mailbox.logins == [("me@example.com", PASSWORD.encode("utf-8"))]
    assert server.mailbox.copies() == {"mum@example.com": 1}
    assert "Mum <mum@example.com>  sent" in result.stdout
    assert_nothing_of(PASSWORD, "me@example.com", result.output)


def test_a_refused_non_ascii_login_is_one_plain_line_under_the_table(
    tmp_path: Path, mail_server: Start
) -> None:
    server = mail_server(password=PASSWORD, auth_require_tls=False)
    result = send(tmp_path, server, "zoë@example.com", "wrong-pässwörd")
    assert result.exit_code == 1
    assert "Mum <mum@example.com>  not sent  the run stopped (see below)" in result.stdout
    assert (
        "The run stopped: 127.0.0.1 refused the login for zoë@example.com (535 5.7.8 "
        "Authentication credentials invalid): check the user name and password"
    ) in result.stdout
    assert server.mailbox.received == []
    assert_nothing_of("wrong-pässwörd", "zoë@example.com", result.output)


def test_a_login_that_fails_inside_the_mail_library_is_a_plain_line(
    tmp_path: Path, mail_server: Start
) -> None:
    server = mail_server(BadChallenge(), password="secret", auth_require_tls=False)
    result = send(tmp_path, server, "me@example.com", "secret")
    assert result.exit_code == 1
    assert "Mum <mum@example.com>  not sent  the run stopped (see below)" in result.stdout
    assert (
        "The run stopped: logging in to 127.0.0.1 as me@example.com failed in a way this "
        "tool does not know (binascii.Error): nothing more was sent"
    ) in result.stdout
    assert "Incorrect padding" not in result.output  # the library's own words stay out
    assert server.mailbox.received == []


def test_a_server_echoing_the_auth_plain_string_shows_it_masked_with_its_padding(
    tmp_path: Path, mail_server: Start
) -> None:
    server = mail_server(EchoesTheLogin(), password=PASSWORD, auth_require_tls=False)
    result = send(tmp_path, server, "me@example.com", PASSWORD)
    assert result.exit_code == 1
    assert "(535 5.7.8 credentials ******** are not valid)" in result.stdout
    assert_nothing_of(PASSWORD, "me@example.com", result.output)


def test_a_password_that_is_not_utf8_in_the_environment_logs_in_with_its_bytes(
    mail_server: Start,
) -> None:
    # Python reads the bytes b"p\xe4ss" of a Latin-1 environment as "p\udce4ss".
    server = mail_server(password="p\udce4ss", auth_require_tls=False)
    settings = SmtpSettings("127.0.0.1", server.port, "plain", "me@example.com", "p\udce4ss", 5)
    mailer = Mailer(settings, retries=0, backoff=0.0, sleep=lambda _: None)
    try:
        mailer.open()
    finally:
        mailer.close()
    assert server.mailbox.logins == [("me@example.com", b"p\xe4ss")]
