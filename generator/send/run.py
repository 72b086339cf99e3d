"""``guide send`` from start to end: check everything, compose, fill the outbox, then deliver.

Nothing is sent unless the guide, the whole recipient list, the sender and the note are
all good and every message reads back complete. Without ``send`` the run stops at the
outbox (the dry run); with it, each message is delivered under the journal's protection.
"""

from __future__ import annotations

import datetime as dt
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from generator import defaults
from generator.clock import build_date
from generator.i18n import ui_gettext as _
from generator.model import Guide
from generator.options import BuildOptions
from generator.pipeline import Pipeline
from generator.problems import GuideError, Problem, Severity
from generator.send.compose import Composer
from generator.send.composed import Composed
from generator.send.deliver import deliver_all
from generator.send.editions import load_editions
from generator.send.greeting import greeting_warnings
from generator.send.inputs import (
    check_sender,
    check_settings,
    envelope_sender,
    load_guide,
    read_note,
    sender_warnings,
)
from generator.send.journal import JOURNAL_NAME, Journal
from generator.send.ledger import Ledger
from generator.send.outbox import fill_outbox, outbox_folder, stage_message, unstage
from generator.send.plan import Choices, plan_recipients
from generator.send.recipients import Recipient, address_warnings, list_notes, read_recipients
from generator.send.records import Records, outbox_key
from generator.send.report import Line, ProgressFactory, SendReport
from generator.send.smtp import Mailer, Pace, SmtpSettings


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
    rate: float = defaults.RATE
    """Messages a minute at most (0: no limit)."""
    limit: int = defaults.MAX_MESSAGES
    """Messages a run at most."""
    resend_uncertain: bool = False
    """Send again to recipients whose earlier message may or may not have arrived."""
    resend_updated: bool = False
    """Send this version to recipients who got an earlier version of the guide."""
    options: BuildOptions = field(default_factory=BuildOptions)
    """Handout and template options (paper, large print, templates, organisation...)."""
    jobs: int = 1
    """Processes to compose the messages in; the messages are the same whatever the number."""


def send_guide(
    request: SendRequest,
    *,
    mailer: Mailer | None = None,
    sleep: Callable[[float], None] = time.sleep,
    clock: Callable[[], float] = time.monotonic,
    progress: ProgressFactory | None = None,
    ask_password: Callable[[SmtpSettings], str] | None = None,
    warn: Callable[[list[Problem]], None] | None = None,
) -> SendReport:
    """Do what ``request`` asks; raise ``GuideError`` (and send nothing) for bad input.

    ``ask_password`` is called, once the list and every message are known to be good,
    when the settings name a user but carry no password. ``warn`` is given the warnings
    found before sending (a mistyped domain, an old guide) just before the first message
    goes; without it they stay in the report.
    """
    pipeline = Pipeline(request.options)
    guide, warnings = load_guide(request.guide, pipeline)
    recipients = read_recipients(request.to)
    warnings.extend(list_notes(request.to))
    sender = check_sender(request.sender)
    warnings.extend([*address_warnings(recipients), *sender_warnings(sender)])
    note = read_note(request.note, request.note_file)
    if request.send:
        check_settings(request.smtp)
    editions = load_editions(guide, recipients, pipeline)
    warnings.extend(editions.warnings(recipients))
    folder = outbox_folder(request.outbox, guide)
    report = SendReport(guide, folder, request.send, warnings=warnings)
    journal = Journal(folder / JOURNAL_NAME)
    filled = False
    try:
        with Ledger(writing=request.send) as ledger:
            if request.send:
                ledger.hold(guide.slug)
            for edition in editions.all():
                journal.recover(edition.slug, edition.version)
            people = [(recipient, editions.for_recipient(recipient)) for recipient in recipients]
            choices = Choices(request.resend_uncertain, request.resend_updated, request.limit)
            planned, lines = plan_recipients(people, journal, ledger, outbox_key(folder), choices)
            report.lines.extend(lines)
            work = [(recipient, editions.for_recipient(recipient).name) for recipient in planned]
            batch = Batch(
                {edition.name: edition for edition in editions.all()},
                request.options,
                sender,
                note,
                build_date(),
                folder,
                pipeline.today,
            )
            messages = _compose_all(batch, work, request.jobs, report)
            report.warnings.extend(greeting_warnings(messages, request.note_file))
            try:
                fill_outbox(folder, messages, guide.slug, clear_stale=not request.send)
            except BaseException:
                unstage(messages)
                raise
            filled = True
            if not request.send:
                report.lines.extend(
                    Line(
                        m.recipient, "in outbox", f"{m.file_name} ({_edition(m)}{m.handout})", True
                    )
                    for m in messages
                )
            else:
                settings = request.smtp
                assert settings is not None
                if warn is not None and messages:
                    warn(report.warnings)
                    report.warnings = []
                if messages and settings.user is not None and settings.password is None:
                    password = ask_password(settings) if ask_password else ""
                    settings = replace(settings, password=password)
                records = Records(journal, ledger, folder)
                for message in messages:
                    records.plan(message)
                mailer = mailer or Mailer(settings, sleep=sleep)
                deliver_all(
                    messages,
                    sender=envelope_sender(sender),
                    records=records,
                    mailer=mailer,
                    pace=Pace(request.rate, clock, sleep),
                    report=report,
                    progress=progress,
                )
    except BaseException:
        if not filled:
            # Stopped before any message reached the outbox (a template refused, Ctrl+C): a
            # journal this run started goes again, with the folders made for it.
            journal.discard()
        raise
    finally:
        journal.close()
    _order(report, recipients)
    _write_table(report)
    return report


def _write_table(report: SendReport) -> None:
    """Put every row of the summary in the outbox; a warning if it cannot be written."""
    from generator.publish import write_atomic
    from generator.send.storage import reason_of
    from generator.send.summary import TABLE_FILE, summary_table

    path = report.outbox / TABLE_FILE
    try:
        write_atomic(path, summary_table(report))
    except OSError as error:
        report.warnings.append(
            Problem(
                path,
                None,
                _("the summary could not be written (%(reason)s)") % {"reason": reason_of(error)},
                Severity.WARNING,
            )
        )
        return
    report.table = path


def _edition(message: Composed) -> str:
    """The edition's language, when the person asked for one."""
    return f"{message.guide.lang}, " if message.recipient.lang else ""


@dataclass(frozen=True)
class Batch:
    """What every message of a run shares; sent as a whole to each worker process."""

    editions: dict[str, Guide]
    """The guide's editions by output name."""
    options: BuildOptions
    """Handout and template options."""
    sender: str
    """The checked sender."""
    note: str | None
    """The note for everyone."""
    date: dt.datetime
    """One Date for every message of the run, so parallel and serial runs agree."""
    folder: Path
    """The outbox, for the names in findings."""
    today: dt.date
    """The day the guides were checked on."""


Work = list[tuple[Recipient, str]]
"""Recipients and the output name of the edition each one gets."""


def _compose_part(batch: Batch, work: Work) -> list[tuple[Composed, list[Problem]]]:
    """Compose and read back some messages; each handout is built once in this process."""
    pipeline = Pipeline(batch.options, batch.today)
    composers = {
        name: Composer(guide, pipeline, batch.sender, batch.note, batch.date)
        for name, guide in batch.editions.items()
    }
    done: list[tuple[Composed, list[Problem]]] = []
    try:
        for recipient, edition in work:
            composer = composers[edition]
            composed = composer.compose(recipient)
            findings = composer.check(composed, batch.folder / composed.file_name)
            done.append((stage_message(batch.folder, composed), findings))
    except BaseException:
        unstage([composed for composed, _ in done])
        raise
    return done


MIN_PER_PROCESS = 8
"""Below this many messages a process, starting processes costs more than it saves."""


def _compose_all(batch: Batch, work: Work, jobs: int, report: SendReport) -> list[Composed]:
    """Every planned message, each read back; an error in any of them stops the run.

    With ``jobs`` above 1 the list is cut into that many runs of people, composed in
    parallel processes and put back in order: the messages are those of a serial run.
    """
    processes = min(jobs, len(work) // MIN_PER_PROCESS)
    if processes > 1:
        from generator.pipeline.workers import worker_pool

        size = -(-len(work) // processes)
        parts = [work[start : start + size] for start in range(0, len(work), size)]
        try:
            with worker_pool(processes) as pool:
                results = [
                    item
                    for part in pool.map(_compose_part, [batch] * len(parts), parts)
                    for item in part
                ]
        except BaseException:
            # A worker that failed cleaned up after itself; the others' staged files go too.
            for leftover in batch.folder.glob(".*.eml.*.part"):
                leftover.unlink(missing_ok=True)
            raise
    else:
        results = _compose_part(batch, work)
    messages: list[Composed] = []
    problems: list[Problem] = []
    warnings: dict[str, Problem] = {}
    for composed, found in results:
        for problem in found:
            if problem.is_error:
                problems.append(problem)
            else:
                # A warning every message shares (sizes aside) is worth reading once.
                warnings.setdefault(re.sub(r"[\d.]+", "#", problem.message), problem)
        messages.append(composed)
    if problems:
        unstage(messages)
        raise GuideError.many(problems)
    report.warnings.extend(warnings.values())
    return messages


def _order(report: SendReport, recipients: list[Recipient]) -> None:
    """Put the summary lines in the order the recipients were listed."""
    position = {recipient.key: index for index, recipient in enumerate(recipients)}
    report.lines.sort(key=lambda line: position[line.recipient.key])
