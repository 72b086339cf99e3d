"""One message per recipient: their greeting, the sender's note, the guide, their handout.

Handouts are built through the run's ``Pipeline``, so each distinct paper and print size is
rendered (and read back) once however many people get it. Every message is read back before it
can be sent: both bodies complete, the right handout attached, addressed to the right person.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

from generator.i18n import ui_gettext as _
from generator.model import Guide
from generator.pipeline import Pipeline
from generator.problems import Problem
from generator.render.environment import render_template, template_environment
from generator.render.pdf import handout_pdf
from generator.send.composed import Composed
from generator.send.greeting import own_greeting
from generator.send.recipients import Recipient
from generator.verify.outputs import parse_message, verify_message

GREETING_TEMPLATE = "email/greeting.txt"


def join_notes(first: str | None, second: str | None) -> str | None:
    """Two notes (a recipient's own and the one for everyone) as paragraphs, in that order."""
    notes = [note.strip() for note in (first, second) if note and note.strip()]
    return "\n\n".join(notes) or None


class Composer:
    """Builds every recipient's message for one guide, one sender and one note."""

    def __init__(
        self,
        guide: Guide,
        pipeline: Pipeline,
        sender: str,
        note: str | None,
        date: dt.datetime | None = None,
    ) -> None:
        self.guide = guide
        self.pipeline = pipeline
        self.context = pipeline.context
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
        from generator.render.message import build_message
        from generator.render.mime import message_bytes
        from generator.render.pdf import page_count

        shared = self.context.options
        paper = recipient.paper or shared.paper
        large = shared.large_print if recipient.large_print is None else recipient.large_print
        # The email is set in large print too, and its Message-ID names paper and print size.
        options = replace(shared, paper=paper, large_print=large)
        greeting, note, own = self.opening(recipient)
        handout = f"{self.guide.name}.pdf"
        pdf = handout_pdf(self.context, self.guide, paper, large)
        pages = page_count(pdf)
        message = build_message(
            self.guide,
            options,
            html=render_email_html(
                self.guide,
                options,
                greeting=greeting,
                note=note,
                images="cid",
                handout=handout,
                handout_pages=pages,
            ),
            text=render_email_text(
                self.guide,
                options,
                greeting=greeting,
                note=note,
                handout=handout,
                handout_pages=pages,
            ),
            pdf=pdf,
            sender=self.sender,
            recipient=_to_header(recipient),
            date=self.date,
        )
        return Composed(
            recipient,
            message_bytes(message),
            str(message["Message-ID"]),
            paper,
            large,
            self.guide,
            own_greeting=own,
        )

    def opening(self, recipient: Recipient) -> tuple[str | None, str | None, str | None]:
        """The greeting, the note below it, and the note's own greeting if it has one.

        A note that opens with its own greeting ("Hi all,") opens the message instead of
        "Dear NAME,"; the general note then comes before the person's own note.
        """
        personal, general = recipient.note, self.note
        if own := own_greeting(personal):
            return None, join_notes(personal, general), own
        if own := own_greeting(general):
            return None, join_notes(general, personal), own
        return self.greeting(recipient), join_notes(personal, general), None

    def check(self, composed: Composed, path: Path) -> list[Problem]:
        """Read a composed message back: complete, within email limits, right person, right PDF."""
        from email.utils import getaddresses

        from generator.parse.web_address import guide_address

        message = parse_message(composed.data)
        address = guide_address(self.pipeline.options.base_url, self.guide.name)
        findings = verify_message(self.guide, message, path, self.pipeline.reads, address)
        addresses = [address.casefold() for _, address in getaddresses(message.get_all("To", []))]
        if addresses != [composed.recipient.key]:
            findings.append(
                Problem(
                    path,
                    None,
                    _("the message is not addressed to %(address)s")
                    % {"address": composed.recipient.address},
                )
            )
        expected = handout_pdf(self.context, self.guide, composed.paper, composed.large_print)
        attached = [
            self.pipeline.reads.attachment(part)
            for part in message.walk()
            if part.get_content_type() == "application/pdf"
        ]
        if attached != [expected]:
            findings.append(
                Problem(
                    path,
                    None,
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
