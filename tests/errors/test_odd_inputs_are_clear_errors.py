"""Odd inputs that used to end in a traceback are documented ``path:line: error:`` messages.

Non-ASCII SMTP logins, links that point in a circle, and templates that divide by zero,
extend themselves or are not UTF-8.
"""

from __future__ import annotations

import ssl
from pathlib import Path

import pytest
from helpers.cli import run
from helpers.guides import FIRST_GUIDE
from helpers.sending import Start

from generator.send.smtp import DeliveryStopped, Mailer, SmtpSettings

PASSWORD = "hasło Zoë ☂"


def test_a_non_ascii_password_logs_in_as_utf8(
    mail_server: Start, tls: tuple[ssl.SSLContext, ssl.SSLContext]
) -> None:
    server = mail_server(tls=tls[0], password=PASSWORD)
    settings = SmtpSettings(
        "127.0.0.1", server.port, "starttls", "me@example.com", PASSWORD, 5, tls[1]
    )
    mailer = Mailer(settings, retries=1, backoff=0.0, sleep=lambda _: None)
    try:
        mailer.open()
    finally:
        mailer.close()
    assert server.mailbox.logins == [("me@example.com", PASSWORD.encode("utf-8"))]


def test_a_non_ascii_user_that_is_refused_is_said_plainly(
    mail_server: Start, tls: tuple[ssl.SSLContext, ssl.SSLContext]
) -> None:
    server = mail_server(tls=tls[0], password=PASSWORD)
    settings = SmtpSettings(
        "127.0.0.1", server.port, "starttls", "zoë@example.com", PASSWORD, 5, tls[1]
    )
    mailer = Mailer(settings, retries=1, backoff=0.0, sleep=lambda _: None)
    with pytest.raises(DeliveryStopped) as stopped:
        mailer.open()
    mailer.close()
    assert "refused the login for zoë@example.com (535" in str(stopped.value)
    assert server.mailbox.logins == [("zoë@example.com", PASSWORD.encode("utf-8"))]


def test_a_guide_that_links_to_itself_in_a_circle_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "a.md").symlink_to(tmp_path / "b.md")
    (tmp_path / "b.md").symlink_to(tmp_path / "a.md")
    for command in (["check"], ["build", "--out", "o"], ["workshop", "--out", "o"]):
        code, output = run(*command, str(tmp_path / "a.md"))
        assert code == 1, output
        assert f"{tmp_path / 'a.md'}: error: cannot be read (Too many levels" in output
        assert "Traceback" not in output
    code, output = run("check", str(tmp_path))  # found in a folder, too
    assert "Traceback" not in output


GUIDE = "---\ntitle: T\nsummary: S\nchecked: 2026-11-20\n---\n\n## Steps\n\n### One\nDo it.\n"


@pytest.mark.parametrize(
    ("template", "said"),
    [
        (b"line one\n{{ 1/0 }}\n", "guide.txt:2: error: template error: ZeroDivisionError"),
        (b"{{ guide.nothing_here() }}\n", "guide.txt:1: error: template error:"),
        (b'{% extends "email/guide.txt" %}\n', "guide.txt: error: template error: a template "),
        (b'{% include "email/guide.txt" %}\n', "guide.txt: error: template error: a template "),
        (
            b"fine\n\xff\xfe not UTF-8\n",
            "guide.txt:2: error: template error: the file is not UTF-8",
        ),
    ],
)
def test_a_broken_template_is_an_error_at_its_line(
    tmp_path: Path, template: bytes, said: str
) -> None:
    (tmp_path / "guide.md").write_text(GUIDE, encoding="utf-8")
    (tmp_path / "templates" / "email").mkdir(parents=True)
    (tmp_path / "templates" / "email" / "guide.txt").write_bytes(template)
    code, output = run(
        "build",
        str(tmp_path / "guide.md"),
        "--format",
        "txt",
        "--templates",
        str(tmp_path / "templates"),
        "--out",
        str(tmp_path / "out"),
    )
    assert code == 1
    assert said in output, output
    assert "Traceback" not in output
    assert not (tmp_path / "out").exists()


def test_a_servers_reply_cannot_send_terminal_escapes(mail_server: Start) -> None:
    from helpers.mailserver import Mailbox

    server = mail_server(Mailbox(data_replies=["554 5.7.1 \x1b]0;PWNED\x07 no"]))
    settings = SmtpSettings("127.0.0.1", server.port, "plain", timeout=5)
    mailer = Mailer(settings, retries=1, backoff=0.0, sleep=lambda _: None)
    try:
        outcome = mailer.deliver(
            b"From: me@example.com\r\nTo: mum@example.com\r\nSubject: x\r\n\r\nHi.\r\n",
            "me@example.com",
            "mum@example.com",
            lambda: None,
            lambda: None,
        )
    finally:
        mailer.close()
    assert "\x1b" not in outcome.reason and "\x07" not in outcome.reason
    assert "\\x1b]0;PWNED\\x07" in outcome.reason


def test_an_output_folder_that_links_in_a_circle_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "out").symlink_to(tmp_path / "out2")
    (tmp_path / "out2").symlink_to(tmp_path / "out")
    guide = tmp_path / "guide.md"
    guide.write_text(GUIDE, encoding="utf-8")
    for command in ("build", "workshop"):
        code, output = run(command, str(guide), "--out", str(tmp_path / "out"))
        assert code == 1
        assert "error: cannot write" in output and "Traceback" not in output


@pytest.mark.parametrize("host", ["a..b", "a" * 70 + ".example.com", ".example.com"])
def test_a_mail_server_name_that_cannot_be_a_host_is_refused_before_anything(
    tmp_path: Path, host: str
) -> None:
    code, output = run(
        *(
            "send",
            str(FIRST_GUIDE),
            "--to",
            "Mum <mum@example.com>",
        ),
        *("--from", "anna@example.net", "--outbox", str(tmp_path / "outbox"), "--send"),
        *("--smtp-host", host),
    )
    assert code == 1
    assert f"--smtp-host: error: {host!r} is not a host name: give your mail server's" in output
    assert "Traceback" not in output and "idna" not in output
    assert not (tmp_path / "outbox").exists()
