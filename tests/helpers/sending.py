"""A family to send a guide to, a real run of ``guide send``'s work, and what it delivered."""

from __future__ import annotations

import io
import sqlite3
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from click.testing import Result
from pypdf import PdfReader

from generator.options import BuildOptions
from generator.send.report import SendReport
from generator.send.run import SendRequest, send_guide
from generator.send.smtp import Mailer, SmtpSettings
from helpers.cli import invoke
from helpers.guides import FIRST_GUIDE
from helpers.mailserver import Mailbox, MailServer

Start = Callable[..., MailServer]
FAMILY = """\
email,name,large_print,paper,note
mum@example.com,Mum,,,
dad@example.com,Dad,no,letter,
grandad@example.com,Grandad,yes,,I'll come round on Sunday to help.
aunt.jo@example.org,,,,
"""
ADDRESSES = ("mum@example.com", "dad@example.com", "grandad@example.com", "aunt.jo@example.org")
NOTE = "I did this for my own account; it took ten minutes."
A4_WIDTH, LETTER_WIDTH = 595, 612


class Crash(BaseException):
    """A crash the run cannot catch: like the power going off."""


def request_for(
    tmp_path: Path, family: Path, server: MailServer | None = None, **changes: object
) -> SendRequest:
    smtp = SmtpSettings("127.0.0.1", server.port, "plain", timeout=5) if server else None
    request = SendRequest(
        guide=FIRST_GUIDE,
        to=(str(family),),
        sender="Anna <anna@example.net>",
        note=NOTE,
        outbox=tmp_path / "outbox",
        send=server is not None,
        smtp=smtp,
        rate=0,
        options=BuildOptions(out=tmp_path / "output"),
    )
    return replace(request, **changes)  # type: ignore[arg-type]


def send_with(request: SendRequest, mailer: Mailer | None = None) -> tuple[SendReport, list[float]]:
    """Run ``guide send``'s work as the command does; return its report and the pauses it took."""
    slept: list[float] = []
    report = send_guide(request, mailer=mailer, sleep=slept.append)
    return report, slept


def results(report: SendReport) -> list[tuple[str, str]]:
    return [(line.recipient.address, line.result) for line in report.lines]


def states(outbox: Path) -> dict[str, str]:
    with sqlite3.connect(outbox / "journal.sqlite") as db:
        return dict(db.execute("SELECT address, state FROM deliveries").fetchall())


def page_width(message_pdf: bytes) -> int:
    return round(float(PdfReader(io.BytesIO(message_pdf)).pages[0].mediabox.width))


def attachment(mailbox: Mailbox, address: str) -> bytes:
    message = mailbox.to(address)
    [pdf] = [p for p in message.iter_attachments() if p.get_content_type() == "application/pdf"]
    data = pdf.get_payload(decode=True)
    assert isinstance(data, bytes)
    return data


def bodies(mailbox: Mailbox, address: str) -> tuple[str, str]:
    message = mailbox.to(address)
    text = message.get_body(("plain",))
    html = message.get_body(("html",))
    assert text is not None and html is not None
    return text.get_content(), html.get_content()


class CrashingMailer(Mailer):
    """Delivers normally, then the process 'dies' at a chosen moment of the N-th message."""

    def __init__(self, settings: SmtpSettings, crash_at: int, after_server_ok: bool) -> None:
        super().__init__(settings, sleep=lambda seconds: None)
        self.crash_at = crash_at
        self.after_server_ok = after_server_ok
        self.count = 0

    def deliver(self, data, sender, recipient, before_content, not_taken):  # type: ignore[no-untyped-def]
        self.count += 1
        if self.count == self.crash_at and not self.after_server_ok:
            self.close()
            raise Crash
        outcome = super().deliver(data, sender, recipient, before_content, not_taken)
        if self.count == self.crash_at:
            self.close()
            raise Crash  # the server said 250 but the journal never heard
        return outcome


def anna_sends(guide: Path, outbox: Path, *args: str, env: dict[str, str] | None = None) -> Result:
    """``guide send GUIDE --from "Anna <anna@example.net>" --outbox OUTBOX --rate 0 ARGS``, as
    Anna types it (in this process, through the one CLI runner)."""
    return invoke(
        "send",
        str(guide),
        *("--from", "Anna <anna@example.net>", "--outbox", str(outbox), "--rate", "0"),
        *args,
        env=env,
    )
