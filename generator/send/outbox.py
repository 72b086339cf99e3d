"""The outbox: one .eml file per recipient to open and check, moved to ``sent/`` once sent."""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

from generator.build import write_atomic
from generator.model import Guide

SENT = "sent"
"""The folder inside the outbox that sent messages are moved to."""


def outbox_folder(outbox: Path | None, guide: Guide) -> Path:
    """The outbox of a guide: ``--outbox`` as given, or ``output/outbox/<slug>/``.

    Every edition of a guide shares one outbox and so one journal.
    """
    return outbox if outbox is not None else Path("output") / "outbox" / guide.slug


def eml_name(address: str) -> str:
    """A file name for a recipient's message, stable across runs and unique per mailbox."""
    lowered = address.lower()
    safe = re.sub(r"[^a-z0-9@._+-]", "_", lowered)
    if safe != lowered:
        # Two addresses that differ only in unusual characters must not share a file.
        safe += "-" + hashlib.sha256(lowered.encode()).hexdigest()[:8]
    return f"{safe}.eml"


def write_message(folder: Path, name: str, data: bytes) -> Path:
    """Put a message in the outbox (complete or not at all) and return its path."""
    path = folder / name
    write_atomic(path, data)
    return path


def file_as_sent(folder: Path, name: str) -> Path:
    """Move a sent message from the outbox into ``sent/``."""
    target = folder / SENT / name
    target.parent.mkdir(parents=True, exist_ok=True)
    os.replace(folder / name, target)
    return target


def remove_stale(folder: Path, keep: set[str]) -> list[Path]:
    """Delete messages an earlier dry run left in the outbox that this run did not write."""
    removed: list[Path] = []
    if folder.is_dir():
        for path in sorted(folder.glob("*.eml")):
            if path.name not in keep:
                path.unlink()
                removed.append(path)
    return removed
