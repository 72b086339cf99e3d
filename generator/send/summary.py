"""The table printed at the end of ``guide send``: one row per recipient, then the totals."""

from __future__ import annotations

from generator.i18n import ui_gettext as _
from generator.i18n import ui_ngettext as ngettext
from generator.send.report import SendReport

RESULTS = ("sent", "in outbox", "skipped", "failed", "uncertain", "not sent")
"""Every result a recipient can end with, in the order the totals name them."""


def _label(result: str) -> str:
    labels = {
        "sent": _("sent"),
        "in outbox": _("in outbox"),
        "skipped": _("skipped"),
        "failed": _("failed"),
        "uncertain": _("uncertain"),
        "not sent": _("not sent"),
    }
    return labels[result]


def summary_lines(report: SendReport) -> list[str]:
    """The summary table and a closing sentence saying what to do next."""
    rows = [(_("RECIPIENT"), _("RESULT"), _("DETAIL"))]
    for line in report.lines:
        who = line.recipient
        name = f"{who.name} <{who.address}>" if who.name else who.address
        rows.append((name, _label(line.result), line.detail))
    widths = [max(len(row[column]) for row in rows) for column in range(2)]
    lines = [
        f"{row[0].ljust(widths[0])}  {row[1].ljust(widths[1])}  {row[2]}".rstrip() for row in rows
    ]
    # "sent: 3" rather than "3 sent": the word never has to agree with the number.
    totals = ", ".join(
        f"{_label(result)}: {report.count(result)}" for result in RESULTS if report.count(result)
    )
    count = len(report.lines)
    lines.append("")
    lines.append(
        ngettext("%(count)d recipient (%(totals)s).", "%(count)d recipients (%(totals)s).", count)
        % {"count": count, "totals": totals}
    )
    lines.extend(_next_step(report))
    return lines


def _next_step(report: SendReport) -> list[str]:
    """What the sender should do now, in one or two sentences."""
    if report.stopped:
        return [_("The run stopped: %(reason)s") % {"reason": report.stopped}]
    if report.interrupted:
        return [
            _(
                "Interrupted. Run the same command again to send to the others; nobody who "
                "got a message will get a second one."
            )
        ]
    if not report.sent_mode:
        if not report.count("in outbox"):
            return [_("Nothing to send.")]
        return [
            _(
                "The messages are in %(folder)s: open them in your mail program to check them, "
                "then run the same command again with --send."
            )
            % {"folder": report.outbox}
        ]
    if report.complete:
        return [_("Everyone has the guide.")]
    return [
        _(
            "Not everyone was reached. Run the same command again to retry those not sent or "
            "failed; those already sent are skipped."
        )
    ]
