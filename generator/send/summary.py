"""The table printed at the end of ``guide send``: one row per recipient, then the totals."""

from __future__ import annotations

from generator.i18n import ui_gettext as _
from generator.i18n import ui_ngettext as ngettext
from generator.send.report import Line, SendReport

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


SHORT_TABLE = 20
"""Rows a table shows whole; a longer one shows its ends and the rows that need a look."""
ENDS = 5
"""Rows shown at each end of a long table."""
MOST_TROUBLE = 20
"""Most failed or uncertain rows shown from the middle of a long table."""
TABLE_FILE = "summary.csv"
"""The file in the outbox holding every row of the last run's table."""


def _who(line: Line) -> str:
    who = line.recipient
    return f"{who.name} <{who.address}>" if who.name else who.address


def _shown(lines: list[Line]) -> list[Line | int]:
    """The rows to print: all of a short table; the ends of a long one and its failed or
    uncertain rows, with the number of rows left out in each gap."""
    if len(lines) <= SHORT_TABLE:
        return list(lines)
    trouble = [
        index
        for index, line in enumerate(lines[ENDS:-ENDS], start=ENDS)
        if line.result in ("failed", "uncertain")
    ][:MOST_TROUBLE]
    keep = sorted({*range(ENDS), *trouble, *range(len(lines) - ENDS, len(lines))})
    shown: list[Line | int] = []
    for before, index in zip([-1, *keep], keep, strict=False):
        if index - before > 1:
            shown.append(index - before - 1)
        shown.append(lines[index])
    return shown


def summary_lines(report: SendReport) -> list[str]:
    """The summary table and a closing sentence saying what to do next.

    A long table (over ``SHORT_TABLE`` people) shows its first and last rows and every
    failed or uncertain one; the whole of it is in the outbox's ``summary.csv``.
    """
    rows: list[tuple[str, str, str] | int] = [(_("RECIPIENT"), _("RESULT"), _("DETAIL"))]
    for item in _shown(report.lines):
        if isinstance(item, int):
            rows.append(item)
        else:
            rows.append((_who(item), _label(item.result), item.detail))
    cells = [row for row in rows if not isinstance(row, int)]
    widths = [max(len(row[column]) for row in cells) for column in range(2)]
    lines = [
        f"{row[0].ljust(widths[0])}  {row[1].ljust(widths[1])}  {row[2]}".rstrip()
        if not isinstance(row, int)
        else "… "
        + ngettext("%(count)d more row", "%(count)d more rows", row) % {"count": row}
        + " …"
        for row in rows
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
    if report.table is not None:
        lines.append(
            _("Every row is also in %(path)s, to open in a spreadsheet.") % {"path": report.table}
        )
    lines.extend(_next_step(report))
    return lines


def summary_table(report: SendReport) -> bytes:
    """Every row of the summary as CSV (UTF-8 with the mark spreadsheets look for)."""
    import csv
    import io

    def cell(text: str) -> str:
        # A cell a spreadsheet would run as a formula (a name or a server's reply starting
        # with '=') is kept as text.
        return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(["email", "name", "result", "detail"])
    for line in report.lines:
        who = line.recipient
        row = [who.address, who.name or "", _label(line.result), line.detail]
        writer.writerow([cell(text) for text in row])
    return buffer.getvalue().encode("utf-8-sig")


def _next_step(report: SendReport) -> list[str]:
    """What the sender should do now, in one or two sentences."""
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
    return _after_failure(report)


def _after_failure(report: SendReport) -> list[str]:
    """What failed, that nobody got a message twice, and what running again will do."""
    lines: list[str] = []
    failed = report.count("failed")
    if report.stopped:
        lines.append(_("The run stopped: %(reason)s") % {"reason": report.stopped})
    if failed:
        lines.append(
            ngettext(
                "What failed: the mail server did not take %(count)d message; the table says why.",
                "What failed: the mail server did not take %(count)d messages; the table says why.",
                failed,
            )
            % {"count": failed}
        )
        if any(line.result == "failed" and line.detail[:1] == "5" for line in report.lines):
            # 5xx: refused for good (no such mailbox, blocked); 4xx was tried again already.
            lines.append(
                _(
                    "A reason starting with 5 usually means the address is wrong: check it in "
                    "your list before you run again."
                )
            )
    if report.count("sent") or report.count("skipped"):
        lines.append(
            _(
                "Nothing was sent twice: everyone who has the guide is in the journal, and "
                "is skipped next time."
            )
        )
    else:
        lines.append(_("Nothing was sent yet, so nobody will get it twice."))
    waiting = failed + report.count("not sent")
    if waiting:
        lines.append(
            ngettext(
                "Run the same command again to send only to the %(count)d person still waiting.",
                "Run the same command again to send only to the %(count)d people still waiting.",
                waiting,
            )
            % {"count": waiting}
        )
    uncertain = report.count("uncertain")
    if uncertain:
        lines.append(
            ngettext(
                "%(count)d message may or may not have arrived: ask that person, or add "
                "--resend-uncertain to send it again.",
                "%(count)d messages may or may not have arrived: ask those people, or add "
                "--resend-uncertain to send them again.",
                uncertain,
            )
            % {"count": uncertain}
        )
    return lines
