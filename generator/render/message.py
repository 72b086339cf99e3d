"""A complete email message (.eml) of a guide, assembled with the standard ``email`` package.

Structure: multipart/mixed → [multipart/alternative → [text/plain, multipart/related →
[text/html, inline pictures by Content-ID]], the PDF handout].
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Sequence
from email.headerregistry import Address
from email.message import EmailMessage
from functools import lru_cache
from typing import TYPE_CHECKING

from generator import clock
from generator.model import Guide
from generator.render.mime import MESSAGE_POLICY, message_bytes
from generator.render.pictures import Picture, shown_pictures

if TYPE_CHECKING:
    from generator.artifacts import Artifact, BuildContext
    from generator.options import BuildOptions

DEFAULT_SENDER = "Guide sender <sender@example.invalid>"
"""From address when ``--from`` is not given: a reserved domain that can reach nobody."""
DEFAULT_RECIPIENT = "Reader <reader@example.invalid>"
"""To address when ``--to`` is not given: a reserved domain that can reach nobody."""


def parse_address(text: str) -> Address:
    """``Name <a@b.example>`` or ``a@b.example`` as an Address; ValueError saying what is wrong.

    The same strict checks as ``guide send``: one plain address, no comments, no tricks.
    """
    from generator.parse.addresses import named_address_problem, split_named_address

    if problem := named_address_problem(text):
        raise ValueError(problem)
    parts = split_named_address(text)
    assert parts is not None
    name, addr = parts
    username, _at, domain = addr.rpartition("@")
    return Address(display_name=name or "", username=username, domain=domain)


def message_id_for(
    guide: Guide, sender: Address, recipient: Address, paper: str = "a4", large_print: bool = False
) -> str:
    """A Message-ID for one edition of a guide to one person: its version, language, paper,
    print size and recipient. Only the same message made again (a resend) gets the same ID.
    """
    who = hashlib.sha256(recipient.addr_spec.lower().encode("utf-8")).hexdigest()[:16]
    edition = f"{paper}-large" if large_print else paper
    return f"<{guide.name}.{guide.version}.{edition}.{who}@{sender.domain.lower()}>"


def is_message_id_of(slug: str, message_id: str) -> bool:
    """True when ``message_id`` was made by ``message_id_for`` for any edition of guide ``slug``.

    IDs made before the paper and print size were part of them are recognised too.
    """
    pattern = (
        rf"<{re.escape(slug)}(?:\.[^.@<>\s]+)?\.[0-9a-f]{{8}}(?:\.[a-z0-9]+(?:-large)?)?"
        rf"\.[0-9a-f]{{16}}@[^<>\s]+>"
    )
    return re.fullmatch(pattern, message_id.strip()) is not None


def message_edition(message_id: str) -> str | None:
    """The edition a Message-ID made by ``message_id_for`` is of: the guide's output name
    (``meta-ai-objection.pl``, or ``meta-ai-objection`` for the original); None for another."""
    found = re.fullmatch(
        r"<([^<>\s]+?)\.[0-9a-f]{8}(?:\.[a-z0-9]+(?:-large)?)?\.[0-9a-f]{16}@[^<>\s]+>",
        message_id.strip(),
    )
    return found.group(1) if found else None


@lru_cache(maxsize=8)
def _handout_part(pdf: bytes, file_name: str) -> EmailMessage:
    """The handout as an attachment part, encoded once however many messages carry it.

    The part is never changed once made, so every message of a run can hold the same one.
    """
    part = EmailMessage(policy=MESSAGE_POLICY)
    part.set_content(pdf, maintype="application", subtype="pdf", filename=file_name)
    return part


def _fix_boundaries(message: EmailMessage, seed: str) -> None:
    """Give each multipart a boundary derived from ``seed``, so output is repeatable.

    ``=_`` can never occur in quoted-printable or base64 text, so the boundary cannot
    collide with any part's content. The seed is the guide's edition and version, the
    same for every message of a run: whoever reads the messages back (the read-back
    check, a mail program) then meets the same few boundaries, not three new ones each.
    """
    digest = hashlib.sha256(seed.encode("utf-8")).hexdigest()[:20]
    multiparts = [part for part in message.walk() if part.is_multipart()]
    for number, part in enumerate(multiparts, start=1):
        part.set_boundary(f"=_{digest}_{number}")


def build_message(
    guide: Guide,
    options: BuildOptions,
    *,
    html: str,
    text: str,
    pdf: bytes | None,
    sender: str,
    recipient: str,
    message_id: str | None = None,
    date: dt.datetime | None = None,
    images: Sequence[Picture] | None = None,
) -> EmailMessage:
    """One complete message: both bodies, the pictures the HTML names by ``cid:``, the PDF.

    ``html`` must have been rendered with ``images="cid"``. ``images`` defaults to the
    guide's pictures (and the QR code of its web address, with a base address); only those
    the HTML refers to are carried. ValueError if an
    address is not one.
    """
    from_address = parse_address(sender)
    to_address = parse_address(recipient)
    message = EmailMessage(policy=MESSAGE_POLICY)
    message["Date"] = date or clock.build_date()
    message["From"] = from_address
    message["To"] = to_address
    message["Subject"] = guide.title
    message["Message-ID"] = message_id or message_id_for(
        guide, from_address, to_address, options.paper, options.large_print
    )
    message.set_content(text, subtype="plain", cte="quoted-printable")
    message.add_alternative(html, subtype="html", cte="quoted-printable")
    html_part = message.get_body(preferencelist=("html",))
    assert isinstance(html_part, EmailMessage)
    html_part.make_related()
    if images is None:
        from generator.parse.web_address import guide_address

        images = shown_pictures(guide, guide_address(options.base_url, guide.name))
    for picture in images:
        if f"cid:{picture.content_id}" in html:
            html_part.add_related(
                picture.data,
                maintype="image",
                subtype=picture.subtype,
                cid=f"<{picture.content_id}>",
                disposition="inline",
                filename=picture.file_name.rsplit("/", 1)[-1],
            )
    if pdf is not None:
        message.make_mixed()
        message.attach(_handout_part(pdf, f"{guide.name}.pdf"))
    # Set last: turning a part into a multipart moves its Content-* headers inside.
    message["Content-Language"] = guide.lang
    _fix_boundaries(message, f"{guide.name}.{guide.version}")
    return message


def render_eml_artifact(guide: Guide, context: BuildContext) -> list[Artifact]:
    """``<name>.eml``: the email with its pictures and the PDF handout, ready to open or send."""
    from generator.artifacts import Artifact
    from generator.render.email import render_email_html, render_email_text
    from generator.render.pdf import handout_pdf, page_count

    options = context.options
    handout = f"{guide.name}.pdf"
    pdf = handout_pdf(context, guide)
    pages = page_count(pdf)
    message = build_message(
        guide,
        options,
        html=render_email_html(guide, options, images="cid", handout=handout, handout_pages=pages),
        text=render_email_text(guide, options, handout=handout, handout_pages=pages),
        pdf=pdf,
        sender=options.sender or DEFAULT_SENDER,
        recipient=options.recipient or DEFAULT_RECIPIENT,
    )
    # Outlook opens a message marked unsent as a draft, ready to address and send.
    message["X-Unsent"] = "1"
    data = message_bytes(message)
    # A build writes one message per handout: its encoded copy is not wanted again, and would
    # stay in memory (3 MB for a handout of 2 MB) while the files are read back.
    _handout_part.cache_clear()
    return [Artifact(f"{guide.name}.eml", data, "eml", f"attaches {handout}")]
