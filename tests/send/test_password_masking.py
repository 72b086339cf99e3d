"""The SMTP password is hidden from everything printed, but only as a whole.

A short password must not turn a server's words into nonsense ("e********tension"), and
the way it is hidden must not show where the password's letters occur.
"""

from __future__ import annotations

import base64
from collections.abc import Callable
from pathlib import Path

from helpers.guides import FIRST_GUIDE
from helpers.mailserver import MailServer

from generator.options import BuildOptions
from generator.send.deliver import mask_password
from generator.send.run import SendRequest, send_guide
from generator.send.smtp import SmtpSettings


def test_a_one_letter_password_leaves_the_servers_words_alone() -> None:
    reply = "SMTP AUTH extension not supported by server."
    assert mask_password(reply, "x") == reply
    assert mask_password("535 bad login for anna / x", "x") == "535 bad login for anna / ********"


def test_the_whole_password_is_hidden_wherever_it_stands_alone() -> None:
    secret = "correct horse"
    assert mask_password("you said 'correct horse', which is wrong", secret) == (
        "you said '********', which is wrong"
    )
    assert mask_password("no:correct horse.", secret) == "no:********."
    # A longer word that merely contains it is not the password.
    assert mask_password("incorrect horses", secret) == "incorrect horses"


def test_the_password_as_a_server_would_echo_it_in_base64_is_hidden() -> None:
    # AUTH LOGIN sends the password base64-encoded; a chatty server may repeat it.
    assert mask_password("535 rejected Y29ycmVjdCBob3JzZQ==", "correct horse") == (
        "535 rejected ********"
    )
    # ...with its padding, or without it; but never inside a longer base64 run.
    assert mask_password("535 Y29ycmVjdCBob3JzZQ.", "correct horse") == "535 ********."
    assert mask_password("xY29ycmVjdCBob3JzZQ==", "correct horse") == "xY29ycmVjdCBob3JzZQ=="


def test_the_auth_plain_string_of_user_and_password_is_hidden_whole() -> None:
    # AUTH PLAIN (smtplib's first choice) sends base64 of "\0user\0password".
    sent = base64.b64encode("\0anna@example.com\0hasło Zoë".encode()).decode()
    assert sent.endswith("=")
    said = mask_password(f"535 5.7.8 {sent} rejected", "hasło Zoë", user="anna@example.com")
    assert said == "535 5.7.8 ******** rejected"
    # The same string decoded and shown with its NULs escaped.
    shown = "535 got \\x00anna@example.com\\x00hasło Zoë"
    assert mask_password(shown, "hasło Zoë", user="anna@example.com") == "535 got ********"


def test_a_password_next_to_punctuation_is_still_a_whole_token() -> None:
    assert mask_password("535 user=anna pass=x; try again", "x") == (
        "535 user=anna pass=********; try again"
    )
    # A one-letter password's base64 form only as a whole token, padding and all.
    assert mask_password("535 eA== eA", "x") == "535 ******** eA"


def test_a_run_with_a_one_letter_password_reports_the_server_readably(
    tmp_path: Path, mail_server: Callable[..., MailServer]
) -> None:
    server = mail_server()  # a server that offers no login at all
    family = tmp_path / "family.csv"
    family.write_text("email,name\nmum@example.com,Mum\n", encoding="utf-8")
    report = send_guide(
        SendRequest(
            guide=FIRST_GUIDE,
            to=(str(family),),
            sender="anna@example.net",
            outbox=tmp_path / "outbox",
            send=True,
            smtp=SmtpSettings("127.0.0.1", server.port, "plain", "anna", "x", timeout=5),
            rate=0,
            options=BuildOptions(out=tmp_path / "output"),
        )
    )
    assert report.stopped is not None
    assert "extension not supported" in report.stopped
    assert "*" not in report.stopped
    assert server.mailbox.received == []
