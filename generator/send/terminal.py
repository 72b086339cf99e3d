"""``guide send`` at a terminal: the password prompt, the progress line and the summary."""

from __future__ import annotations

import os
import sys
from contextlib import AbstractContextManager
from pathlib import Path

import click

from generator.i18n import ui_gettext as _
from generator.problems import GuideError, Problem
from generator.send.report import Progress
from generator.send.run import SendRequest, send_guide
from generator.send.smtp import SmtpSettings
from generator.send.summary import summary_lines

PASSWORD_VARIABLE = "GUIDE_SMTP_PASSWORD"
"""The environment variable the SMTP password is read from, if set."""
INTERRUPTED_STATUS = 130
"""The exit status of a run stopped with Ctrl-C, as shells report it."""


def ask_password(settings: SmtpSettings) -> str:
    """The password from ``GUIDE_SMTP_PASSWORD``, or typed at a hidden prompt."""
    password = os.environ.get(PASSWORD_VARIABLE)
    if password:
        try:
            password.encode("utf-8")
        except UnicodeEncodeError as error:
            # Bytes that are not UTF-8 come through as lone surrogates: nothing can send them.
            raise GuideError(
                Path(PASSWORD_VARIABLE),
                None,
                _("cannot be read as UTF-8 text (%(error)s)")
                % {"error": f"0x{ord(password[error.start]) - 0xDC00:02x}"},
            ) from None
        return password
    try:
        typed: str = click.prompt(
            _("Password for %(user)s at %(host)s") % {"user": settings.user, "host": settings.host},
            hide_input=True,
            err=True,
        )
    except click.Abort:
        raise GuideError(
            Path(PASSWORD_VARIABLE),
            None,
            _("no password was given: type it when asked, or set %(variable)s")
            % {"variable": PASSWORD_VARIABLE},
        ) from None
    return typed


def _progress(total: int) -> AbstractContextManager[Progress]:
    """The progress line on standard error: rewritten in place on a terminal, else one a line."""
    from generator.send.progress import SendProgress

    def write(text: str) -> None:
        click.echo(text, nl=False, err=True)

    return SendProgress(total, write, live=sys.stderr.isatty())


def _warn(warnings: list[Problem]) -> None:
    """Warnings said before the first message goes, while Ctrl-C can still stop the run."""
    for warning in warnings:
        click.echo(str(warning), err=True)


def send_from_terminal(request: SendRequest) -> int:
    """Run ``guide send`` and print what happened; return the exit status."""
    try:
        report = send_guide(request, ask_password=ask_password, progress=_progress, warn=_warn)
    except GuideError as error:
        for problem in error.problems:
            click.echo(str(problem), err=True)
        click.echo(_("Nothing was sent."), err=True)
        return 1
    for warning in report.warnings:
        click.echo(str(warning), err=True)
    from generator.text import printable

    for line in summary_lines(report):
        # The outbox folder and the mail server's name are quoted as typed: escape them.
        click.echo(printable(line))
    if report.interrupted:
        return INTERRUPTED_STATUS
    return 0 if report.complete or not report.sent_mode else 1
