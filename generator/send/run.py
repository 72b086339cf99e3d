"""``guide send`` from start to end: check everything, compose, fill the outbox, then deliver.

Nothing is sent unless the guide, the whole recipient list, the sender and the note are
all good and every message reads back complete. Without ``send`` the run stops at the
outbox (the dry run); with it, each message is delivered under the journal's protection.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import Protocol

from generator.build import BuildContext, BuildOptions
from generator.errors import GuideError, Problem
from generator.model import Guide
from generator.send.address import address_problem, hidden_character, split_named_address
from generator.send.compose import Composed, Composer
from generator.send.journal import JOURNAL_NAME, Journal
from generator.send.outbox import file_as_sent, outbox_folder, remove_stale, write_message
from generator.send.recipients import Recipient, read_recipients
from generator.send.smtp import DeliveryStopped, Mailer, Pace, SmtpSettings, settings_problem

DEFAULT_RATE = 20.0
"""Messages a minute: well inside what personal mail accounts allow."""
DEFAULT_MAX = 100
"""Messages a run at most: a slip in a list cannot mail hundreds of people."""
INTERRUPTED = "interrupted while the message was being handed over: it may or may not have arrived"


class Progress(Protocol):
    """Something that can show one more message done (a progress bar)."""

    def update(self, n_steps: int) -> None: ...


ProgressFactory = Callable[[int], AbstractContextManager[Progress]]


@dataclass(frozen=True)
class SendRequest:
    """Everything ``guide send`` was asked to do."""

    guide: Path
    """The guide's Markdown file."""
    to: tuple[str, ...]
    """``--to`` values: CSV files and ``Name <address>`` recipients."""
    sender: str | None
    """``--from``: the sender's own address, optionally with their name."""
    note: str | None = None
    """A note above the guide for everyone."""
    note_file: Path | None = None
    """A file holding that note."""
    outbox: Path | None = None
    """The outbox folder; default ``output/outbox/<guide>/``."""
    send: bool = False
    """Deliver through SMTP; otherwise only fill the outbox."""
    smtp: SmtpSettings | None = None
    """How to reach the mail server (needed with ``send``)."""
    rate: float = DEFAULT_RATE
    """Messages a minute at most (0: no limit)."""
    limit: int = DEFAULT_MAX
    """Messages a run at most."""
    resend_uncertain: bool = False
    """Send again to recipients whose earlier message may or may not have arrived."""
    resend_updated: bool = False
    """Send this version to recipients who got an earlier version of the guide."""
    options: BuildOptions = field(default_factory=BuildOptions)
    """Handout and template options (paper, large print, templates, organisation...)."""


@dataclass(frozen=True)
class Line:
    """One recipient's row in the summary."""

    recipient: Recipient
    result: str
    """``in outbox``, ``sent``, ``failed``, ``uncertain``, ``skipped`` or ``not sent``."""
    detail: str
    """The server's reason, which handout, or why they were skipped."""
    reached: bool
    """True when they have (or, in a dry run, will be sent) the guide."""


@dataclass
class SendReport:
    """What a run did for each recipient."""

    guide: Guide
    outbox: Path
    sent_mode: bool
    lines: list[Line] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    """Warnings about the guide, such as steps not checked for a long time."""
    stopped: str | None = None
    """Why the run stopped before the end, if it did."""
    interrupted: bool = False
    """True when the sender pressed Ctrl-C."""

    @property
    def complete(self) -> bool:
        """True when everyone has the guide (or, in a dry run, when every message is ready)."""
        return (
            self.stopped is None
            and not self.interrupted
            and all(line.reached for line in self.lines)
        )

    def count(self, result: str) -> int:
        """How many recipients ended with ``result``."""
        return sum(1 for line in self.lines if line.result == result)


def send_guide(
    request: SendRequest,
    *,
    mailer: Mailer | None = None,
    sleep: Callable[[float], None] = time.sleep,
    clock: Callable[[], float] = time.monotonic,
    progress: ProgressFactory | None = None,
    ask_password: Callable[[SmtpSettings], str] | None = None,
) -> SendReport:
    """Do what ``request`` asks; raise ``GuideError`` (and send nothing) for bad input.

    ``ask_password`` is called, once the list and every message are known to be good,
    when the settings name a user but carry no password.
    """
    guide, warnings = _load_guide(request.guide)
    recipients = read_recipients(request.to)
    sender = _check_sender(request.sender)
    note = _read_note(request.note, request.note_file)
    if request.send:
        _check_settings(request.smtp)
    folder = outbox_folder(request.outbox, guide)
    report = SendReport(guide, folder, request.send, warnings=warnings)
    with Journal(folder / JOURNAL_NAME) as journal:
        journal.recover(guide.name, guide.version)
        planned = _plan(request, guide, recipients, journal, report)
        composer = Composer(guide, BuildContext(request.options), sender, note)
        messages = _compose_all(composer, planned, folder)
        for message in messages:
            write_message(folder, message.file_name, message.data)
        if not request.send:
            remove_stale(folder, {message.file_name for message in messages})
            report.lines.extend(
                Line(m.recipient, "in outbox", f"{m.file_name} ({m.handout})", True)
                for m in messages
            )
        else:
            settings = request.smtp
            assert settings is not None
            if messages and settings.user is not None and settings.password is None:
                password = ask_password(settings) if ask_password else ""
                settings = replace(settings, password=password)
            for message in messages:
                journal.plan(guide.name, guide.version, message.recipient.key, message.message_id)
            mailer = mailer or Mailer(settings, sleep=sleep)
            _deliver(
                request,
                journal,
                mailer,
                Pace(request.rate, clock, sleep),
                messages,
                report,
                progress,
            )
    _order(report, recipients)
    return report


def _load_guide(path: Path) -> tuple[Guide, list[Problem]]:
    """The checked guide and its warnings (an old 'checked' date is worth seeing first)."""
    from generator.check import check_paths

    if path.is_dir():
        raise GuideError(path, None, "give one guide file to send, not a folder")
    result = check_paths([path], today=dt.date.today())
    if result.errors:
        raise GuideError.many(result.errors)
    return result.guides[0], result.warnings


def _check_sender(sender: str | None) -> str:
    where = Path("--from")
    if not sender:
        raise GuideError(
            where,
            None,
            "give your own address with --from (or 'from' under "
            "[send] in guide.toml): it is who your relatives see the email is from",
        )
    if hidden := hidden_character(sender):
        raise GuideError(where, None, f"{sender!r} contains {hidden}")
    parts = split_named_address(sender)
    if parts is None:
        raise GuideError(
            where,
            None,
            f'{sender!r} is not one address: write "Name <address>" or just the address',
        )
    if problem := address_problem(parts[1]):
        raise GuideError(where, None, problem)
    return sender.strip()


def _read_note(note: str | None, note_file: Path | None) -> str | None:
    if note is not None and note_file is not None:
        raise GuideError(Path("--note"), None, "give --note or --note-file, not both")
    where = Path("--note")
    if note_file is not None:
        where = note_file
        try:
            note = note_file.read_text(encoding="utf-8-sig")
        except FileNotFoundError:
            raise GuideError(note_file, None, "no such file") from None
        except (OSError, UnicodeDecodeError) as error:
            raise GuideError(note_file, None, f"cannot be read as UTF-8 text ({error})") from None
    if note is None:
        return None
    note = note.replace("\r\n", "\n")
    if hidden := hidden_character(note.replace("\t", " "), allow_newlines=True):
        raise GuideError(where, None, f"the note contains {hidden}")
    return note.strip() or None


def _check_settings(settings: SmtpSettings | None) -> None:
    if settings is None or not settings.host:
        raise GuideError(
            Path("--smtp-host"),
            None,
            "give your mail server with --smtp-host (or "
            "'smtp-host' under [send] in guide.toml) to send",
        )
    if problem := settings_problem(settings):
        raise GuideError(Path("--smtp-host"), None, problem)


def _plan(
    request: SendRequest,
    guide: Guide,
    recipients: list[Recipient],
    journal: Journal,
    report: SendReport,
) -> list[Recipient]:
    """Who is to get a message now; everyone else gets their summary line here."""
    planned: list[Recipient] = []
    for recipient in recipients:
        entry = journal.entry(guide.name, guide.version, recipient.key)
        earlier = journal.sent_earlier(guide.name, guide.version, recipient.key)
        if entry is not None and entry.state == "sent":
            report.lines.append(Line(recipient, "skipped", f"already sent on {entry.day}", True))
        elif entry is not None and entry.state == "uncertain" and not request.resend_uncertain:
            report.lines.append(
                Line(
                    recipient,
                    "uncertain",
                    f"{entry.reason} (ask them; --resend-uncertain sends it again)",
                    False,
                )
            )
        elif earlier is not None and not request.resend_updated:
            report.lines.append(
                Line(
                    recipient,
                    "skipped",
                    f"got an earlier version on {earlier.day} (--resend-updated sends this one)",
                    True,
                )
            )
        elif len(planned) >= request.limit:
            report.lines.append(
                Line(
                    recipient,
                    "not sent",
                    f"over the limit of {request.limit} a run (--max): "
                    "run the command again to send the rest",
                    False,
                )
            )
        else:
            planned.append(recipient)
    return planned


def _compose_all(composer: Composer, planned: list[Recipient], folder: Path) -> list[Composed]:
    """Every planned message, each read back; any incomplete message stops the run."""
    messages: list[Composed] = []
    problems: list[Problem] = []
    for recipient in planned:
        composed = composer.compose(recipient)
        path = folder / composed.file_name
        problems.extend(Problem(f.path, None, f.message) for f in composer.check(composed, path))
        messages.append(composed)
    if problems:
        raise GuideError.many(problems)
    return messages


def _deliver(
    request: SendRequest,
    journal: Journal,
    mailer: Mailer,
    pace: Pace,
    messages: list[Composed],
    report: SendReport,
    progress: ProgressFactory | None,
) -> None:
    """Send each message in turn, recording every step in the journal."""
    guide = report.guide
    sender = (split_named_address(request.sender or "") or (None, ""))[1]
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
                why = "interrupted" if report.interrupted else "the run stopped (see below)"
                report.lines.append(Line(recipient, "not sent", why, False))
                continue
            key = (guide.name, guide.version, recipient.key)
            try:
                pace.wait()
                outcome = mailer.deliver(
                    message.data, sender, recipient.address, partial(journal.mark_sending, *key)
                )
            except DeliveryStopped as error:
                report.stopped = redact(str(error))
                report.lines.append(
                    Line(recipient, "not sent", "the run stopped (see below)", False)
                )
                continue
            except KeyboardInterrupt:
                report.interrupted = True
                entry = journal.entry(*key)
                if entry is not None and entry.state == "sending":
                    journal.mark(*key, "uncertain", INTERRUPTED)
                    report.lines.append(Line(recipient, "uncertain", INTERRUPTED, False))
                else:
                    report.lines.append(Line(recipient, "not sent", "interrupted", False))
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


def _order(report: SendReport, recipients: list[Recipient]) -> None:
    """Put the summary lines in the order the recipients were listed."""
    position = {recipient.key: index for index, recipient in enumerate(recipients)}
    report.lines.sort(key=lambda line: position[line.recipient.key])
