"""One message per recipient: their greeting, the sender's note, the guide, their handout.

Handouts are built through the shared ``BuildContext``, so each distinct paper and print
size is rendered once however many people get it. Every message is read back before it
can be sent: both bodies complete, the right handout attached, addressed to the right person.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from generator.build import BuildContext
from generator.i18n import ui_gettext as _
from generator.model import Guide
from generator.render.environment import render_template, template_environment
from generator.send.outbox import eml_name
from generator.send.recipients import Recipient
from generator.verify import Finding, parse_message, verify_message

GREETING_TEMPLATE = "email/greeting.txt"
PAPER_NAMES = {"a4": "A4", "letter": "Letter"}


@dataclass(frozen=True)
class Composed:
    """A recipient's finished message, as bytes ready for the outbox and the server."""

    recipient: Recipient
    """Who it is for."""
    data: bytes
    """The whole message, CRLF line ends, 7-bit."""
    message_id: str
    """Its Message-ID, the same every time for this guide version and address."""
    paper: str
    """The paper size of the attached handout."""
    large_print: bool
    """True when the large-print handout is attached."""
    guide: Guide
    """The edition of the guide the message carries."""
    staged: Path | None = None
    """Where the message waits on disk once read back (then ``data`` is empty)."""

    @property
    def file_name(self) -> str:
        """Its file name in the outbox."""
        return eml_name(self.recipient.address)

    @property
    def handout(self) -> str:
        """Which handout is attached, in a few words."""
        size = _("large print") if self.large_print else _("standard print")
        # Translators: which handout is attached, like "large print, A4".
        return _("%(size)s, %(paper)s") % {"size": size, "paper": PAPER_NAMES[self.paper]}


def join_notes(personal: str | None, general: str | None) -> str | None:
    """A recipient's own note, then the note for everyone, as paragraphs."""
    notes = [note.strip() for note in (personal, general) if note and note.strip()]
    return "\n\n".join(notes) or None


class Composer:
    """Builds every recipient's message for one guide, one sender and one note."""

    def __init__(
        self,
        guide: Guide,
        context: BuildContext,
        sender: str,
        note: str | None,
        date: dt.datetime | None = None,
    ) -> None:
        self.guide = guide
        self.context = context
        self.sender = sender
        self.note = note
        self.date = date

    def greeting(self, recipient: Recipient) -> str:
        """``Dear Grandad,`` or a neutral greeting, from a template the user may override."""
        templates = self.context.options.templates
        environment = template_environment(templates, self.guide.lang)
        text, _ = render_template(
            environment, GREETING_TEMPLATE, {"name": recipient.name}, templates
        )
        return text.strip()

    def compose(self, recipient: Recipient) -> Composed:
        """The recipient's complete message."""
        from generator.render.email import render_email_html, render_email_text
        from generator.render.message import build_message, message_bytes

        options = self.context.options
        paper = recipient.paper or options.paper
        large = options.large_print if recipient.large_print is None else recipient.large_print
        greeting = self.greeting(recipient)
        note = join_notes(recipient.note, self.note)
        handout = f"{self.guide.name}.pdf"
        message = build_message(
            self.guide,
            options,
            html=render_email_html(
                self.guide, options, greeting=greeting, note=note, images="cid", handout=handout
            ),
            text=render_email_text(
                self.guide, options, greeting=greeting, note=note, handout=handout
            ),
            pdf=self.context.handout(self.guide, paper, large),
            sender=self.sender,
            recipient=_to_header(recipient),
            date=self.date,
        )
        return Composed(
            recipient, message_bytes(message), str(message["Message-ID"]), paper, large, self.guide
        )

    def check(self, composed: Composed, path: Path) -> list[Finding]:
        """Read a composed message back: complete, within email limits, right person, right PDF."""
        from email.utils import getaddresses

        message = parse_message(composed.data)
        findings = verify_message(self.guide, message, path)
        addresses = [address.casefold() for _, address in getaddresses(message.get_all("To", []))]
        if addresses != [composed.recipient.key]:
            findings.append(
                Finding(
                    path,
                    _("the message is not addressed to %(address)s")
                    % {"address": composed.recipient.address},
                )
            )
        expected = self.context.handout(self.guide, composed.paper, composed.large_print)
        attached = [
            part.get_payload(decode=True)
            for part in message.walk()
            if part.get_content_type() == "application/pdf"
        ]
        if attached != [expected]:
            findings.append(
                Finding(
                    path,
                    _("the message does not carry the %(handout)s handout")
                    % {"handout": composed.handout},
                )
            )
        return findings


def _to_header(recipient: Recipient) -> str:
    """The To header: the name as the sender wrote it, quoted by the email package."""
    from email.headerregistry import Address

    local, _, domain = recipient.address.rpartition("@")
    return str(Address(display_name=recipient.name or "", username=local, domain=domain))
