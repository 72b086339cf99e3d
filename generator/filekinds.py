"""What a file is (a PDF, a CSV table, a picture, a folder, an empty file), from its first bytes.

A message about the wrong kind of file says what the file is and what the command wants,
instead of advice meant for another file ("save it as UTF-8" for a PDF). ``sniff`` is the one
place a kind is told from bytes; ``file_kind`` reads only the first ``HEAD_BYTES`` of a
regular file to give it them, and never opens a folder, a pipe or a device.
"""

from __future__ import annotations

import difflib
import re
import stat
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from generator.i18n import ui_gettext

HEAD_BYTES = 512
"""How much of a file is read to tell its kind."""


class Kind(StrEnum):
    """The kinds of file a person may give where a guide, a list, a note or a logo goes."""

    MISSING = "missing"
    FOLDER = "folder"
    SPECIAL = "special"
    """Not a regular file: a device, a pipe or a socket."""
    EMPTY = "empty"
    GUIDE = "guide"
    """Text starting with front matter (``---``)."""
    CSV = "csv"
    TEXT = "text"
    UTF16 = "utf-16"
    HTML = "html"
    EMAIL = "email"
    PDF = "pdf"
    DOCUMENT = "document"
    PICTURE = "picture"
    SPREADSHEET = "spreadsheet"
    PRESENTATION = "presentation"
    ARCHIVE = "archive"
    BINARY = "binary"


@dataclass(frozen=True)
class FileKind:
    """A file's kind, and its format's name where the kind has several (``PDF``, ``Excel``)."""

    kind: Kind
    format: str = ""

    @property
    def is_text(self) -> bool:
        """True for a text file a person could mean as a list or a note."""
        return self.kind in (Kind.GUIDE, Kind.CSV, Kind.TEXT, Kind.HTML, Kind.EMAIL)

    def describe(self, _: Callable[[str], str] = ui_gettext) -> str:
        """What the file is, as a person says it: ``a PDF document``, ``a folder``."""
        named = {"format": self.format}
        phrases = {
            Kind.MISSING: lambda: _("a file that is not there"),
            Kind.FOLDER: lambda: _("a folder"),
            Kind.SPECIAL: lambda: _("not a regular file (a device, a pipe or a socket)"),
            Kind.EMPTY: lambda: _("an empty file"),
            Kind.GUIDE: lambda: _("a guide (Markdown)"),
            Kind.CSV: lambda: _("a CSV table"),
            Kind.TEXT: lambda: _("a plain text file"),
            Kind.UTF16: lambda: _("a text file saved as UTF-16"),
            Kind.HTML: lambda: _("a web page (HTML)"),
            Kind.EMAIL: lambda: _("an email message"),
            Kind.PDF: lambda: _("a PDF document"),
            Kind.DOCUMENT: lambda: _("a document (%(format)s)") % named,
            Kind.PICTURE: lambda: _("a picture (%(format)s)") % named,
            Kind.SPREADSHEET: lambda: _("a spreadsheet (%(format)s)") % named,
            Kind.PRESENTATION: lambda: _("a presentation (%(format)s)") % named,
            Kind.ARCHIVE: lambda: _("an archive (%(format)s)") % named,
            Kind.BINARY: lambda: _("a program or data file (not text)"),
        }
        return phrases[self.kind]()


OFFICE_BY_SUFFIX = {
    ".docx": (Kind.DOCUMENT, "Word"),
    ".doc": (Kind.DOCUMENT, "Word"),
    ".xlsx": (Kind.SPREADSHEET, "Excel"),
    ".xls": (Kind.SPREADSHEET, "Excel"),
    ".pptx": (Kind.PRESENTATION, "PowerPoint"),
    ".ppt": (Kind.PRESENTATION, "PowerPoint"),
    ".odt": (Kind.DOCUMENT, "OpenDocument"),
    ".ods": (Kind.SPREADSHEET, "OpenDocument"),
    ".odp": (Kind.PRESENTATION, "OpenDocument"),
    ".pages": (Kind.DOCUMENT, "Pages"),
    ".numbers": (Kind.SPREADSHEET, "Numbers"),
    ".key": (Kind.PRESENTATION, "Keynote"),
}
"""Office files are ZIP (or, before 2007, OLE) containers: their name tells which program."""
OPENDOCUMENT = re.compile(
    rb"mimetypeapplication/vnd\.oasis\.opendocument\.(text|spreadsheet|presentation)"
)
OPENDOCUMENT_KINDS = {
    b"text": Kind.DOCUMENT,
    b"spreadsheet": Kind.SPREADSHEET,
    b"presentation": Kind.PRESENTATION,
}
SIGNATURES = (
    (b"%PDF-", Kind.PDF, "PDF"),
    (b"\x89PNG\r\n\x1a\n", Kind.PICTURE, "PNG"),
    (b"\xff\xd8\xff", Kind.PICTURE, "JPEG"),
    (b"GIF87a", Kind.PICTURE, "GIF"),
    (b"GIF89a", Kind.PICTURE, "GIF"),
    (b"II*\x00", Kind.PICTURE, "TIFF"),
    (b"MM\x00*", Kind.PICTURE, "TIFF"),
    (b"{\\rtf", Kind.DOCUMENT, "RTF"),
    (b"\x1f\x8b", Kind.ARCHIVE, "gzip"),
    (b"7z\xbc\xaf\x27\x1c", Kind.ARCHIVE, "7-Zip"),
    (b"Rar!\x1a\x07", Kind.ARCHIVE, "RAR"),
)
"""The first bytes of common formats that are never text."""
PHOTO_BRANDS = {b"heic": "HEIC", b"heix": "HEIC", b"mif1": "HEIC", b"avif": "AVIF"}
"""ISO media files (``....ftypheic``) that are photos, as phones save them."""
EMAIL_HEADER = re.compile(
    r"(?i)(return-path|received|from|to|subject|date|mime-version|message-id|x-unsent|"
    r"delivered-to|content-type):"
)


def sniff(head: bytes, suffix: str = "") -> FileKind:
    """The kind of a file from its first bytes and, where bytes cannot tell, its suffix."""
    suffix = suffix.lower()
    if not head:
        return FileKind(Kind.EMPTY)
    for signature, kind, name in SIGNATURES:
        if head.startswith(signature):
            return FileKind(kind, name)
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return FileKind(Kind.PICTURE, "WebP")
    if head[4:8] == b"ftyp" and head[8:12] in PHOTO_BRANDS:
        return FileKind(Kind.PICTURE, PHOTO_BRANDS[head[8:12]])
    if head[:2] == b"BM" and suffix == ".bmp":
        return FileKind(Kind.PICTURE, "BMP")
    if head.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")):
        return _container(head, suffix)
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return FileKind(Kind.UTF16)
    if b"\x00" in head:
        return FileKind(Kind.BINARY)
    return _text_kind(head, suffix)


def _container(head: bytes, suffix: str) -> FileKind:
    """A ZIP or OLE container: an office file by its contents or name, else an archive."""
    found = OPENDOCUMENT.search(head)
    if found:
        return FileKind(OPENDOCUMENT_KINDS[found.group(1)], "OpenDocument")
    if suffix in OFFICE_BY_SUFFIX:
        kind, name = OFFICE_BY_SUFFIX[suffix]
        return FileKind(kind, name)
    for folder, kind, name in (
        (b"word/", Kind.DOCUMENT, "Word"),
        (b"xl/", Kind.SPREADSHEET, "Excel"),
        (b"ppt/", Kind.PRESENTATION, "PowerPoint"),
    ):
        if folder in head:
            return FileKind(kind, name)
    if head.startswith(b"PK"):
        return FileKind(Kind.ARCHIVE, "ZIP")
    return FileKind(Kind.DOCUMENT, "Microsoft Office")


def _text_kind(head: bytes, suffix: str) -> FileKind:
    """Text: a guide, a web page, a drawing, an email, a table, or plain text."""
    # The head may end inside a character: only what decodes counts.
    text = head.decode("utf-8", errors="ignore").removeprefix("\ufeff").lstrip()
    lowered = text.lower()
    if text.startswith("---"):
        return FileKind(Kind.GUIDE)
    if lowered.startswith(("<!doctype html", "<html")):
        return FileKind(Kind.HTML)
    if lowered.startswith(("<svg", "<?xml")) and "<svg" in lowered:
        return FileKind(Kind.PICTURE, "SVG")
    if EMAIL_HEADER.match(text) and (suffix == ".eml" or text.count("\n") > 1):
        return FileKind(Kind.EMAIL)
    if suffix in (".csv", ".tsv"):
        return FileKind(Kind.CSV)
    return FileKind(Kind.TEXT)


def file_kind(path: Path) -> FileKind:
    """What ``path`` is; only a regular file is opened, and only its first bytes are read."""
    try:
        status = path.stat()
    except (OSError, RuntimeError, ValueError):
        return FileKind(Kind.MISSING)
    if stat.S_ISDIR(status.st_mode):
        return FileKind(Kind.FOLDER)
    if not stat.S_ISREG(status.st_mode):
        return FileKind(Kind.SPECIAL)
    try:
        with path.open("rb") as handle:
            head = handle.read(HEAD_BYTES)
    except OSError:
        return FileKind(Kind.MISSING)
    return sniff(head, path.suffix)


def meant_file(path: Path, suffix: str) -> Path | None:
    """The file a missing ``path`` most likely meant: itself with ``suffix``, or a close name.

    ``content/fake-parcel-text`` → ``content/fake-parcel-text.md``; a name one or two letters
    off another ``suffix`` file in the same folder, or differing only in capitals → that file.
    """
    if not path.name:
        return None
    with_suffix = path.with_name(path.name + suffix)
    if with_suffix.is_file():
        return with_suffix
    folder = path.parent
    try:
        names = sorted(
            child.name for child in folder.iterdir() if child.name.lower().endswith(suffix)
        )
    except OSError:
        return None
    wanted = path.name if path.name.lower().endswith(suffix) else path.name + suffix
    # Capitals typed by mistake ('Fake-Parcel-Text.md') count as no difference.
    lowered = {name.lower(): name for name in reversed(names)}
    close = difflib.get_close_matches(wanted.lower(), list(lowered), n=1, cutoff=0.85)
    return folder / lowered[close[0]] if close else None
