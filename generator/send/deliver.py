"""Deliver composed messages one by one, recording each step in the journal."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from functools import partial

from generator.i18n import ui_gettext as _
from generator.send.compose import Composed
from generator.send.journal import Journal
from generator.send.outbox import file_as_sent
from generator.send.report import Line, Progress, ProgressFactory, SendReport
from generator.send.smtp import DeliveryStopped, Mailer, Pace


def _in_flight() -> str:
    return _("interrupted while the message was being handed over: it may or may not have arrived")


def _stopped() -> str:
    return _("the run stopped (see below)")


def deliver_all(
    messages: list[Composed],
    *,
    sender: str,
    journal: Journal,
    mailer: Mailer,
    pace: Pace,
    report: SendReport,
    progress: ProgressFactory | None = None,
) -> None:
    """Send each message in turn from ``sender``; every outcome goes to the journal and report."""
    redact = _redactor(mailer.settings.password)
    bar: AbstractContextManager[Progress | None] = (
        progress(len(messages)) if progress and messages else nullcontext()
    )
    try:
        if messages:
            mailer.open()
    except DeliveryStopped as error:
        report.stopped = redact(str(error))
    with bar as shown:
        for message in messages:
            recipient = message.recipient
            if report.stopped or report.interrupted:
                why = _("interrupted") if report.interrupted else _stopped()
                report.lines.append(Line(recipient, "not sent", why, False))
                continue
            # The slug, not the edition: one person gets one copy of a guide, in one language.
            key = (message.guide.slug, message.guide.version, recipient.key)
            try:
                pace.wait()
                outcome = mailer.deliver(
                    message.data,
                    sender,
                    recipient.address,
                    partial(journal.mark_sending, *key),
                    partial(journal.mark, *key, "pending"),
                )
            except DeliveryStopped as error:
                report.stopped = redact(str(error))
                report.lines.append(Line(recipient, "not sent", _stopped(), False))
                continue
            except KeyboardInterrupt:
                report.interrupted = True
                entry = journal.entry(*key)
                if entry is not None and entry.state == "sending":
                    journal.mark(*key, "uncertain", _in_flight())
                    report.lines.append(Line(recipient, "uncertain", _in_flight(), False))
                else:
                    report.lines.append(Line(recipient, "not sent", _("interrupted"), False))
                continue
            reason = redact(outcome.reason)
            journal.mark(*key, outcome.state, reason)
            if outcome.state == "sent":
                file_as_sent(report.outbox, message.file_name)
                report.lines.append(Line(recipient, "sent", message.handout, True))
            else:
                report.lines.append(Line(recipient, outcome.state, reason, False))
            if shown is not None:
                shown.update(1)
    mailer.close()


def _redactor(secret: str | None) -> Callable[[str], str]:
    """Blank out the password wherever a server or library might have echoed it."""
    if not secret:
        return lambda text: text
    return lambda text: text.replace(secret, "********")
