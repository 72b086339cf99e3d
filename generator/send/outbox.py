"""The outbox: one .eml file per recipient to open and check, moved to ``sent/`` once sent."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

from generator.i18n import ui_gettext as _
from generator.model import Guide
from generator.problems import GuideError
from generator.publish import write_atomic
from generator.send.composed import Composed
from generator.send.storage import cannot_write

SENT = "sent"
"""The folder inside the outbox that sent messages are moved to."""
HEADER_LIMIT = 64 * 1024
"""How much of an .eml is read to find its headers."""


def outbox_folder(outbox: Path | None, guide: Guide) -> Path:
    """The outbox of a guide: ``--outbox`` as given, or ``output/outbox/<slug>/``.

    Every edition of a guide shares one outbox and so one journal.
    """
    return outbox if outbox is not None else Path("output") / "outbox" / guide.slug


def write_message(folder: Path, name: str, data: bytes) -> Path:
    """Put a message in the outbox (complete or not at all) and return its path."""
    path = folder / name
    write_atomic(path, data)
    return path


def stage_message(folder: Path, message: Composed) -> Composed:
    """Park a checked message in a temporary file beside its outbox name; free its bytes.

    A run of hundreds of messages then holds one message in memory at a time.
    """
    from generator.publish import stage

    path = folder / message.file_name
    try:
        temp = stage(path, message.data, durable=False)
    except OSError as error:
        raise GuideError(
            path, None, cannot_write(error, _("free some space, or give another --outbox"))
        ) from None
    return replace(message, data=b"", staged=temp)


def unstage(messages: list[Composed]) -> None:
    """Remove the temporary files of messages that will not go into the outbox."""
    for message in messages:
        if message.staged is not None:
            message.staged.unlink(missing_ok=True)


def fill_outbox(folder: Path, messages: list[Composed], slug: str, clear_stale: bool) -> None:
    """Write every message to the outbox (and, for a dry run, clear this guide's stale ones).

    Every message's name is checked before any is written (a folder named like a message
    stops the run), and the messages go in all together or, as far as can be, not at all.
    A file that cannot be written is a ``GuideError`` naming it; no file is left half-written.
    """
    from generator.publish import blocked_targets, flush_to_disk, replace_all, stage

    advice = _("free some space, or give another --outbox")
    blocked = blocked_targets([folder / message.file_name for message in messages], folder)
    if blocked:
        raise GuideError.many(blocked)
    path = folder
    pairs: list[tuple[Path, Path]] = []
    made: list[Path] = []
    try:
        for message in messages:
            path = folder / message.file_name
            temp = message.staged
            if temp is None:
                temp = stage(path, message.data, durable=False)
                made.append(temp)
            pairs.append((temp, path))
        named = {temp: final for temp, final in pairs}
        try:
            flush_to_disk([temp for temp, _final in pairs])
        except OSError as error:
            path = named.get(Path(error.filename), folder) if error.filename else folder
            raise
        try:
            replace_all(pairs)
        except OSError as error:
            path = Path(error.filename) if error.filename else folder
            raise
        if clear_stale:
            remove_stale(folder, {message.file_name for message in messages}, slug)
    except OSError as error:
        raise GuideError(path, None, cannot_write(error, advice)) from None
    finally:
        for temp in made:
            temp.unlink(missing_ok=True)


def file_as_sent(folder: Path, name: str) -> Path:
    """Move a sent message from the outbox into ``sent/``."""
    target = folder / SENT / name
    target.parent.mkdir(parents=True, exist_ok=True)
    os.replace(folder / name, target)
    return target


def remove_stale(folder: Path, keep: set[str], slug: str) -> list[Path]:
    """Delete this guide's messages an earlier dry run left in the outbox and this run did not.

    Only files whose Message-ID says they are a message of this guide are touched: a letter
    of the sender's own, or another guide's messages, in the same folder are left alone.
    """
    removed: list[Path] = []
    if folder.is_dir():
        for path in sorted(folder.glob("*.eml")):
            if path.name not in keep and _is_message_of(path, slug):
                path.unlink()
                removed.append(path)
    return removed


def _is_message_of(path: Path, slug: str) -> bool:
    """True when the .eml at ``path`` is one of this guide's outbox messages."""
    from email.parser import BytesHeaderParser

    from generator.files import read_head
    from generator.render.message import is_message_id_of

    try:
        head = read_head(path, HEADER_LIMIT)
    except OSError:  # a folder or a pipe named like a message is not one of ours
        return False
    headers = BytesHeaderParser().parsebytes(head.split(b"\r\n\r\n", 1)[0].split(b"\n\n", 1)[0])
    message_id = headers.get("Message-ID")
    return message_id is not None and is_message_id_of(slug, str(message_id))
