"""What one run has read back so far, so each output is read once however many checks use it.

A handout is read back for its text, its tags and its layout in one PDFium pass; the
messages of a ``guide send`` carry the same few handouts (one for each paper and print
size), each decoded and read once. The cache belongs to one run (``Pipeline.reads``), never
to a module, so a long ``guide preview`` keeps nothing from earlier builds.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from email.message import Message

    from generator.verify.pdf import PdfReading

KEPT = 8
"""PDFs (and decoded attachments) kept at once: a run reads back a few at a time."""


class ReadCache:
    """The PDFs one run has read back, by their bytes, and the attachments it has decoded."""

    def __init__(self) -> None:
        self._pdfs: OrderedDict[bytes, PdfReading] = OrderedDict()
        self._decoded: OrderedDict[tuple[str, str], bytes] = OrderedDict()

    def pdf(self, data: bytes, *, glyphs: bool = False) -> PdfReading:
        """A PDF read back (``glyphs``: with every character's size and place, for layout)."""
        from generator.verify.pdf import read_pdf

        reading = self._pdfs.get(data)
        if reading is None or (glyphs and any(not page.glyphs for page in reading.readings)):
            reading = read_pdf(data, glyphs=glyphs)
            self._pdfs[data] = reading
            while len(self._pdfs) > KEPT:
                self._pdfs.popitem(last=False)
        self._pdfs.move_to_end(data)
        return reading

    def attachment(self, part: Message) -> bytes:
        """A message part's content, decoded from its transfer encoding (each text once)."""
        encoded = part.get_payload()
        if not isinstance(encoded, str):
            return decoded_payload(part, encoded)
        key = (str(part.get("Content-Transfer-Encoding", "")).lower(), encoded)
        payload = self._decoded.get(key)
        if payload is None:
            payload = decoded_payload(part, encoded)
            self._decoded[key] = payload
            while len(self._decoded) > KEPT // 2:
                self._decoded.popitem(last=False)
        self._decoded.move_to_end(key)
        return payload


def decoded_payload(part: Message, encoded: object) -> bytes:
    """``part.get_payload(decode=True)``, without its four passing copies of a base64 text."""
    import binascii

    if isinstance(encoded, str) and part.get("Content-Transfer-Encoding", "").lower() == "base64":
        try:  # line ends are skipped, as the standard library's decoder skips them
            return binascii.a2b_base64(encoded)
        except (binascii.Error, ValueError):  # not plain base64: let the library say how
            pass
    payload = part.get_payload(decode=True)
    assert isinstance(payload, bytes)
    return payload
