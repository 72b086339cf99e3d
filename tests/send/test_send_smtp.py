"""SMTP delivery against a real aiosmtpd server: retries, refusals, drops, TLS and logins."""

from __future__ import annotations

import ssl
from collections.abc import Iterator
from email.message import EmailMessage
from typing import ClassVar

import pytest
from helpers.mailserver import Mailbox, MailServer
from helpers.sending import Start

from generator.send.smtp import (
    DeliveryStopped,
    Mailer,
    Pace,
    SmtpSettings,
    settings_problem,
)

PASSWORD = "correct horse battery staple"


def message(to: str, body: str = "Hello.\n") -> bytes:
    mail = EmailMessage()
    mail["From"] = "me@example.com"
    mail["To"] = to
    mail["Subject"] = "A guide"
    mail.set_content(body)
    return mail.as_bytes()


class Run:
    """A mailer with a recorded sleep and a record of 'about to hand over content' calls."""

    made: ClassVar[list[Run]] = []

    def __init__(self, settings: SmtpSettings, retries: int = 3) -> None:
        Run.made.append(self)
        self.sleeps: list[float] = []
        self.handed: list[str] = []
        self.not_taken: list[str] = []
        self.mailer = Mailer(settings, retries=retries, backoff=10.0, sleep=self.sleeps.append)

    def send(self, to: str, body: str = "Hello.\n") -> tuple[str, str, int]:
        outcome = self.mailer.deliver(
            message(to, body),
            "me@example.com",
            to,
            lambda: self.handed.append(to),
            lambda: self.not_taken.append(to),
        )
        return outcome.state, outcome.reason, outcome.tries


@pytest.fixture(autouse=True)
def close_mailers() -> Iterator[None]:
    """Every mailer a test made is closed after it, as the real run does."""
    yield
    while Run.made:
        Run.made.pop().mailer.close()


def plain(server: MailServer, **changes: object) -> SmtpSettings:
    return SmtpSettings("127.0.0.1", server.port, "plain", timeout=5, **changes)  # type: ignore[arg-type]


def test_each_message_arrives_once_on_one_connection(mail_server: Start) -> None:
    server = mail_server()
    run = Run(plain(server))
    run.mailer.open()
    for to in ("mum@example.com", "dad@example.com", "gran@example.com"):
        assert run.send(to, ".starts with a dot\n..two dots\n")[0] == "sent"
    run.mailer.close()
    assert server.mailbox.copies() == {
        "mum@example.com": 1,
        "dad@example.com": 1,
        "gran@example.com": 1,
    }
    assert run.handed == ["mum@example.com", "dad@example.com", "gran@example.com"]
    body = server.mailbox.to("dad@example.com").get_content()
    assert body.splitlines() == [".starts with a dot", "..two dots"]
    assert run.sleeps == []


def test_starttls_and_login(mail_server: Start, tls: tuple[ssl.SSLContext, ssl.SSLContext]) -> None:
    server = mail_server(tls=tls[0], password=PASSWORD)
    settings = SmtpSettings(
        "127.0.0.1", server.port, "starttls", "me@example.com", PASSWORD, 5, tls[1]
    )
    run = Run(settings)
    run.mailer.open()
    assert run.send("mum@example.com")[0] == "sent"
    run.mailer.close()
    assert server.mailbox.logins == [("me@example.com", PASSWORD.encode())]
    assert server.mailbox.copies() == {"mum@example.com": 1}
    assert PASSWORD not in repr(settings)


def test_ssl_from_the_start(mail_server: Start, tls: tuple[ssl.SSLContext, ssl.SSLContext]) -> None:
    server = mail_server(tls=tls[0], implicit_tls=True)
    run = Run(SmtpSettings("127.0.0.1", server.port, "ssl", timeout=5, tls_context=tls[1]))
    assert run.send("mum@example.com")[0] == "sent"
    assert server.mailbox.copies() == {"mum@example.com": 1}


def test_a_certificate_that_cannot_be_checked_stops_the_run(
    mail_server: Start, tls: tuple[ssl.SSLContext, ssl.SSLContext]
) -> None:
    server = mail_server(tls=tls[0])
    run = Run(SmtpSettings("127.0.0.1", server.port, "starttls", timeout=5))
    checked = r"the certificate of 127\.0\.0\.1 could not be checked"
    with pytest.raises(DeliveryStopped, match=checked):
        run.mailer.open()
    assert server.mailbox.received == []


def test_a_refused_login_stops_before_anything_is_sent(
    mail_server: Start, tls: tuple[ssl.SSLContext, ssl.SSLContext]
) -> None:
    server = mail_server(tls=tls[0], password=PASSWORD)
    settings = SmtpSettings(
        "127.0.0.1", server.port, "starttls", "me@example.com", "wrong", 5, tls[1]
    )
    run = Run(settings)
    with pytest.raises(DeliveryStopped) as stopped:
        run.mailer.open()
    assert "127.0.0.1 refused the login for me@example.com (535" in str(stopped.value)
    assert "wrong" not in str(stopped.value)
    assert server.mailbox.mails == 0 and server.mailbox.received == []


def test_a_server_that_wants_a_login_stops_the_run(
    mail_server: Start, tls: tuple[ssl.SSLContext, ssl.SSLContext]
) -> None:
    server = mail_server(tls=tls[0], password=PASSWORD)
    run = Run(SmtpSettings("127.0.0.1", server.port, "starttls", timeout=5, tls_context=tls[1]))
    with pytest.raises(DeliveryStopped, match=r"wants a login before it sends mail \(530"):
        run.send("mum@example.com")
    assert run.handed == [] and server.mailbox.received == []


def test_451_is_retried_after_a_wait_and_then_delivered_once(mail_server: Start) -> None:
    server = mail_server(Mailbox(data_replies=["451 4.7.1 Greylisted, try again"]))
    run = Run(plain(server))
    state, reason, tries = run.send("mum@example.com")
    assert (state, tries) == ("sent", 2)
    assert reason.startswith("250 2.0.0 Ok")
    assert run.sleeps == [10.0]
    assert server.mailbox.copies() == {"mum@example.com": 1}
    # The first content was refused, so it was taken back before the second went out.
    assert (run.handed, run.not_taken) == (["mum@example.com"] * 2, ["mum@example.com"])


def test_a_drop_before_the_354_is_retried_and_no_content_was_ever_in_doubt(
    mail_server: Start,
) -> None:
    server = mail_server(Mailbox(drop_at_data={1}))
    run = Run(plain(server))
    state, _, tries = run.send("mum@example.com")
    assert (state, tries) == ("sent", 2)
    assert run.sleeps == [10.0]
    # The content went out once, on the second connection, and nothing was taken back.
    assert (run.handed, run.not_taken) == (["mum@example.com"], [])
    assert server.mailbox.copies() == {"mum@example.com": 1}


def test_a_drop_before_the_354_with_no_way_back_stops_with_nothing_in_doubt(
    mail_server: Start,
) -> None:
    server = mail_server(Mailbox(drop_at_data={1}, down_after_drop=True))
    run = Run(plain(server), retries=2)
    with pytest.raises(DeliveryStopped, match=r"cannot reach .* \(tried 3 times\)"):
        run.send("mum@example.com")
    assert run.handed == [] and server.mailbox.received == []


def test_a_lasting_451_fails_after_bounded_retries_with_growing_waits(mail_server: Start) -> None:
    server = mail_server(Mailbox(data_replies=["451 4.3.0 Mailbox busy"] * 10))
    run = Run(plain(server), retries=3)
    state, reason, tries = run.send("mum@example.com")
    assert (state, tries) == ("failed", 4)
    assert reason == "451 4.3.0 Mailbox busy (tried 4 times)"
    assert run.sleeps == [10.0, 20.0, 40.0]
    assert server.mailbox.received == []


def test_550_for_one_address_fails_it_and_the_next_still_goes(mail_server: Start) -> None:
    server = mail_server(Mailbox(refuse={"aunt@example.com": "550 5.1.1 No such user here"}))
    run = Run(plain(server))
    assert run.send("aunt@example.com") == ("failed", "550 5.1.1 No such user here", 1)
    assert run.send("mum@example.com")[0] == "sent"
    assert run.sleeps == []
    assert run.handed == ["mum@example.com"]
    assert server.mailbox.copies() == {"mum@example.com": 1}


def test_a_connection_dropped_between_messages_is_reopened(mail_server: Start) -> None:
    server = mail_server(Mailbox(drop_at_mail={2}))
    run = Run(plain(server))
    assert run.send("mum@example.com")[0] == "sent"
    state, _, tries = run.send("dad@example.com")
    assert (state, tries) == ("sent", 2)
    assert server.mailbox.copies() == {"mum@example.com": 1, "dad@example.com": 1}


def test_a_connection_dropped_after_the_content_leaves_the_message_uncertain(
    mail_server: Start,
) -> None:
    server = mail_server(Mailbox(drop_after_content={1}))
    run = Run(plain(server))
    state, reason, tries = run.send("mum@example.com")
    assert (state, tries) == ("uncertain", 1)
    assert "it may or may not have arrived" in reason
    assert run.send("dad@example.com")[0] == "sent"
    assert server.mailbox.copies() == {"mum@example.com": 1, "dad@example.com": 1}


def test_a_server_that_stops_answering_after_the_content_is_uncertain(mail_server: Start) -> None:
    server = mail_server(Mailbox(hang_after_content={1}))
    run = Run(SmtpSettings("127.0.0.1", server.port, "plain", timeout=0.5))
    state, reason, _ = run.send("mum@example.com")
    assert state == "uncertain"
    assert "the server stopped answering" in reason


def test_an_unreachable_server_stops_the_run() -> None:
    import socket

    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))
        port = unused.getsockname()[1]
    run = Run(SmtpSettings("127.0.0.1", port, "plain", timeout=2))
    with pytest.raises(DeliveryStopped, match=f"cannot reach 127.0.0.1:{port}: the connection"):
        run.mailer.open()


def test_a_server_lost_for_good_mid_run_stops_the_run_after_retries(mail_server: Start) -> None:
    server = mail_server()
    run = Run(plain(server), retries=2)
    assert run.send("mum@example.com")[0] == "sent"
    server.stop()
    with pytest.raises(DeliveryStopped, match=r"cannot reach .* \(tried 3 times\)"):
        run.send("dad@example.com")
    assert run.handed == ["mum@example.com"]


def test_a_password_is_never_sent_in_the_clear_to_another_host() -> None:
    assert "unencrypted" in (
        settings_problem(SmtpSettings("smtp.example.com", 25, "plain", "me", "pw")) or ""
    )
    assert settings_problem(SmtpSettings("smtp.example.com", 587, "starttls", "me", "pw")) is None
    assert settings_problem(SmtpSettings("127.0.0.1", 25, "plain", "me", "pw")) is None


def test_pace_spaces_messages_evenly() -> None:
    now = [0.0]
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        now[0] += seconds

    pace = Pace(20, clock=lambda: now[0], sleep=sleep)
    pace.wait()
    now[0] += 1.0
    pace.wait()
    now[0] += 5.0
    pace.wait()
    assert slept == [2.0]
    Pace(0, clock=lambda: 0.0, sleep=sleep).wait()
    assert slept == [2.0]
