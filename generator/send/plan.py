"""Who gets a message in this run, and why everyone else does not.

The ledger is asked before the journal: a person sent this guide from any outbox, in any
folder, is skipped; one whose message from another outbox may or may not have arrived is
uncertain. The journal of this outbox then adds what it alone knows.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.i18n import ui_gettext as _
from generator.model import Guide
from generator.send.journal import Entry, Journal
from generator.send.ledger import Delivery, Ledger
from generator.send.recipients import Recipient
from generator.send.report import Line


@dataclass(frozen=True)
class Choices:
    """What the sender asked for about people already reached."""

    resend_uncertain: bool = False
    """Send again to those whose earlier message may or may not have arrived."""
    resend_updated: bool = False
    """Send this version to those who got an earlier version of the guide."""
    limit: int = 100
    """Messages a run at most."""


def plan_recipients(
    people: list[tuple[Recipient, Guide]],
    journal: Journal,
    ledger: Ledger,
    outbox: str,
    choices: Choices,
) -> tuple[list[Recipient], list[Line]]:
    """Those to be sent a message now, and a summary line for each of the others."""
    planned: list[Recipient] = []
    lines: list[Line] = []
    for recipient, guide in people:
        entry = journal.entry(guide.slug, guide.version, recipient.key)
        history = ledger.deliveries(guide.slug, recipient.key)
        line = _reason_to_skip(recipient, guide, entry, history, outbox, journal, choices)
        if line is None and len(planned) >= choices.limit:
            line = Line(
                recipient,
                "not sent",
                _(
                    "over the limit of %(limit)d a run (--max): run the command again to send "
                    "the rest"
                )
                % {"limit": choices.limit},
                False,
            )
        if line is None:
            planned.append(recipient)
        else:
            lines.append(line)
    return planned, lines


def _reason_to_skip(
    recipient: Recipient,
    guide: Guide,
    entry: Entry | None,
    history: list[Delivery],
    outbox: str,
    journal: Journal,
    choices: Choices,
) -> Line | None:
    """The person's summary line if they are not to be sent this guide now; None if they are."""
    this_version = [d for d in history if d.version == guide.version]
    sent = [d for d in this_version if d.state == "sent"]
    if sent:
        return Line(
            recipient,
            "skipped",
            _("already sent on %(date)s from %(outbox)s")
            % {"date": sent[0].day, "outbox": sent[0].outbox},
            True,
        )
    if entry is not None and entry.state == "sent":
        return Line(recipient, "skipped", _("already sent on %(date)s") % {"date": entry.day}, True)
    if not choices.resend_uncertain:
        if entry is not None and entry.state == "uncertain":
            return Line(recipient, "uncertain", _ask_them(entry.reason), False)
        elsewhere = [d for d in this_version if d.outbox != outbox]
        if elsewhere:
            return Line(
                recipient,
                "uncertain",
                _ask_them(
                    _(
                        "a run from %(outbox)s was handing it over on %(date)s: it may or may "
                        "not have arrived"
                    )
                    % {"outbox": elsewhere[-1].outbox, "date": elsewhere[-1].day}
                ),
                False,
            )
    if not choices.resend_updated:
        earlier = [d for d in history if d.version != guide.version and d.state == "sent"]
        if earlier:
            return Line(
                recipient,
                "skipped",
                _got_another(earlier[-1], guide, earlier[-1].outbox),
                True,
            )
        old = journal.sent_earlier(guide.slug, guide.version, recipient.key)
        if old is not None:
            return Line(recipient, "skipped", _got_another(old, guide), True)
    return None


def _got_another(record: Entry | Delivery, guide: Guide, outbox: str | None = None) -> str:
    """Why a person sent another version of the guide is skipped: an earlier version of this
    edition, or another language's edition (named by its file, never "an earlier version")."""
    from generator.render.message import message_edition

    edition = message_edition(record.message_id)
    if edition is not None and edition != guide.name:
        return _(
            "got another language's edition, %(file)s, on %(date)s (--resend-updated sends "
            "this one too)"
        ) % {"file": f"{edition}.md", "date": record.day}
    if outbox is None:
        text = _("got an earlier version on %(date)s (--resend-updated sends this one)")
    else:
        text = _(
            "got an earlier version on %(date)s from %(outbox)s (--resend-updated sends this one)"
        )
    return text % {"date": record.day, "outbox": outbox}


def _ask_them(reason: str) -> str:
    return _("%(reason)s (ask them; --resend-uncertain sends it again)") % {"reason": reason}
