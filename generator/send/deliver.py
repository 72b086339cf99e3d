"""Deliver composed messages one by one, recording each step in the journal and the ledger."""

from __future__ import annotations

import re
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from functools import partial

from generator.files import read_file, refusal
from generator.i18n import ui_gettext as _
from generator.problems import Problem, Severity
from generator.send.composed import Composed
from generator.send.outbox import file_as_sent
from generator.send.records import Records
from generator.send.report import Line, Progress, ProgressFactory, SendReport
from generator.send.smtp import DeliveryStopped, Mailer, Pace, SmtpSettings
from generator.send.storage import RecordError, reason_of

MAX_MESSAGE_BYTES = 64 * 1024 * 1024
"""Largest message read back from the outbox to be sent (ours are under 10 MB)."""


def _in_flight() -> str:
    return _("interrupted while the message was being handed over: it may or may not have arrived")


def _stopped() -> str:
    return _("the run stopped (see below)")


def _unrecorded(error: RecordError) -> str:
    return _(
        "%(problem)s: nothing more was sent, so that nobody gets a message that is not on record"
    ) % {"problem": f"{error.problems[0].where}: {error.problems[0].message}"}


def deliver_all(
    messages: list[Composed],
    *,
    sender: str,
    records: Records,
    mailer: Mailer,
    pace: Pace,
    report: SendReport,
    progress: ProgressFactory | None = None,
) -> None:
    """Send each message in turn from ``sender``; every outcome goes to the records and report."""
    redact = _redactor(mailer.settings)
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
            if report.stopped or report.interrupted:
                why = _("interrupted") if report.interrupted else _stopped()
                report.lines.append(Line(message.recipient, "not sent", why, False))
                continue
            if shown is not None:
                shown.sending(message.recipient)
            _deliver_one(message, sender, records, mailer, pace, report, redact)
            if shown is not None:
                shown.update(1)
    mailer.close()


def _deliver_one(
    message: Composed,
    sender: str,
    records: Records,
    mailer: Mailer,
    pace: Pace,
    report: SendReport,
    redact: Callable[[str], str],
) -> None:
    """Send one message and record what became of it; a stop or Ctrl-C is noted in ``report``."""
    recipient = message.recipient
    try:
        # A message staged while composing is read from the outbox only when it is sent.
        data = message.data or read_file(report.outbox / message.file_name, MAX_MESSAGE_BYTES)
    except OSError as error:
        # Moved, or replaced by something that is not the message: nothing went out.
        why = _("%(file)s cannot be read (%(reason)s): run the same command again") % {
            "file": message.file_name,
            "reason": refusal(error),
        }
        report.lines.append(Line(recipient, "not sent", why, False))
        return
    try:
        pace.wait()
        outcome = mailer.deliver(
            data,
            sender,
            recipient.address,
            partial(records.sending, message),
            partial(records.not_taken, message),
        )
    except DeliveryStopped as error:
        report.stopped = redact(str(error))
        report.lines.append(Line(recipient, "not sent", _stopped(), False))
        return
    except RecordError as error:
        # Nothing of this message went out: the mailer hangs up before the content.
        report.stopped = _unrecorded(error)
        report.lines.append(Line(recipient, "not sent", _stopped(), False))
        return
    except KeyboardInterrupt:
        report.interrupted = True
        _interrupted(message, records, report)
        return
    reason = redact(outcome.reason)
    try:
        records.settle(message, outcome.state, reason)
    except RecordError as error:
        report.stopped = _unrecorded(error)
    if outcome.state != "sent":
        report.lines.append(Line(recipient, outcome.state, reason, False))
        return
    report.lines.append(Line(recipient, "sent", message.handout, True))
    try:
        file_as_sent(report.outbox, message.file_name)
    except OSError as error:
        report.warnings.append(
            Problem(
                report.outbox / message.file_name,
                None,
                _("was sent, but could not be moved to sent/ (%(reason)s)")
                % {"reason": reason_of(error)},
                severity=Severity.WARNING,
            )
        )


def _interrupted(message: Composed, records: Records, report: SendReport) -> None:
    """Ctrl-C: a message whose content may have gone out is uncertain; otherwise not sent."""
    try:
        if records.in_flight(message):
            records.settle(message, "uncertain", _in_flight())
            report.lines.append(Line(message.recipient, "uncertain", _in_flight(), False))
            return
    except RecordError as error:
        report.stopped = _unrecorded(error)
        report.lines.append(Line(message.recipient, "uncertain", _in_flight(), False))
        return
    report.lines.append(Line(message.recipient, "not sent", _("interrupted"), False))


def _redactor(settings: SmtpSettings) -> Callable[[str], str]:
    """Blank out the password wherever a server or library might have echoed it."""
    if not settings.password:
        return lambda text: text
    return partial(mask_password, secret=settings.password, user=settings.user)


MASK = "********"
_ESCAPED = r"(?<=\\x[0-9a-f]{2})|(?<=\\u[0-9a-f]{4})"
"""Just after an escaped hidden character, as ``printable`` writes them: a token starts."""


def mask_password(text: str, secret: str, user: str | None = None) -> str:
    """``text`` with every whole occurrence of ``secret``, in any form a login sends it, masked.

    The forms: the password itself (also as shown on a terminal, its hidden characters
    escaped and its spaces run together, as a server's reply is printed); its base64 form
    (AUTH LOGIN); and the base64 form of the whole ``\\0user\\0password`` string that AUTH
    PLAIN sends, with its ``=`` padding. Only whole tokens are hidden: with the password
    ``x``, "extension" stays "extension", so a server's words stay readable and nothing
    hints at where the password's letters occur.
    """
    import base64

    from generator.text import printable

    plain = {secret, printable(secret), printable(" ".join(secret.split()))}
    if user is not None:
        plain.add(printable(f"\0{user}\0{secret}"))
    logins = [secret] if user is None else [secret, f"\0{user}\0{secret}"]
    encoded = {
        base64.b64encode(login.encode("utf-8", "surrogateescape")).decode("ascii")
        for login in logins
    }
    patterns = [
        # Not glued to a letter or digit (an escape like \x00 before it is a boundary).
        (form, rf"(?:(?<!\w)|{_ESCAPED}){re.escape(form)}(?!\w)")
        for form in plain
        if form.strip()
    ]
    patterns += [
        # Not inside a longer base64 run; the padding goes with it (and may be left off
        # a form long enough not to be mistaken for a word).
        (form, rf"(?<![\w+/=]){_base64_form(form)}(?![\w+/=])")
        for form in encoded
    ]
    for _form, pattern in sorted(patterns, key=lambda item: len(item[0]), reverse=True):
        text = re.sub(pattern, MASK, text)
    return text


def _base64_form(encoded: str) -> str:
    """A pattern for ``encoded`` with its padding, optional when eight letters or more."""
    bare = encoded.rstrip("=")
    return rf"{re.escape(bare)}={{0,2}}" if len(bare) >= 8 else re.escape(encoded)
