"""This user's cache folders: used only where no one else can write, read and written safely.

What a cache holds is trusted by later runs, so a cache folder is used only if this user owns
it and no one else may write to it (as Jinja's own default cache folder is); it is opened
once, without following a link, and every file is read and written through that descriptor,
so the folder cannot be swapped afterwards. A file that is not ours (another owner, writable
by others, a link, not a regular file, too large) is never read.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

OPEN_FLAGS = os.O_NOFOLLOW | os.O_CLOEXEC | os.O_NONBLOCK
"""A link is never followed and a named pipe never waited on."""


def cache_root() -> Path:
    """``GUIDE_CACHE_DIR``, else ``$XDG_CACHE_HOME/guide``, else ``~/.cache/guide``."""
    folder = os.environ.get("GUIDE_CACHE_DIR")
    if not folder:
        base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        folder = os.path.join(base, "guide")
    return Path(folder)


def is_ours(status: os.stat_result) -> bool:
    """True if this user owns it and no one else may write to it."""
    return status.st_uid == os.geteuid() and not status.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def open_private_folder(folder: Path) -> int | str | None:
    """An open descriptor of ``folder``, made for this user alone if missing.

    None if it cannot be made (a read-only home: no cache, nothing to say); a reason, to
    tell the user, if it is someone else's, open to others' writing, or a link.
    """
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError:
        return None
    try:
        descriptor = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | OPEN_FLAGS)
    except OSError as exc:
        return "it is a link" if os.path.islink(folder) else exc.strerror or str(exc)
    status = os.fstat(descriptor)
    if status.st_uid != os.geteuid():
        os.close(descriptor)
        return "the folder belongs to another user"
    if status.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        try:
            os.fchmod(descriptor, 0o700)
        except OSError:
            os.close(descriptor)
            return "other users can write to the folder"
    return descriptor


def read_private(folder: int, name: str, largest: int) -> bytes | None:
    """A file of the folder if it is a regular file of ours of at most ``largest`` bytes."""
    try:
        descriptor = os.open(name, os.O_RDONLY | OPEN_FLAGS, dir_fd=folder)
    except OSError:
        return None
    with os.fdopen(descriptor, "rb") as file:
        status = os.fstat(file.fileno())
        if not stat.S_ISREG(status.st_mode) or not is_ours(status):
            return None
        data = file.read(largest + 1)
    return data if len(data) <= largest else None


def write_private(folder: int, name: str, data: bytes) -> None:
    """Write a file in the folder for this user only, replacing any file of that name whole."""
    temporary = f".{name}.{os.getpid()}.{os.urandom(4).hex()}.tmp"
    descriptor = os.open(
        temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | OPEN_FLAGS, 0o600, dir_fd=folder
    )
    try:
        with os.fdopen(descriptor, "wb") as file:
            file.write(data)
        os.replace(temporary, name, src_dir_fd=folder, dst_dir_fd=folder)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary, dir_fd=folder)
        raise
