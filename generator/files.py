"""The one way the tool reads a file a person names: a guide, a list, a note, a picture, a logo,
``guide.toml``, a template, an output built earlier.

Only a regular file is read. The name is resolved once (links followed) and what it resolves
to is looked at before it is opened: a folder, a named pipe, a device or a socket is refused
with words that say which it is, so nothing ever waits on a pipe or reads ``/dev/zero``. The
file is then opened without following a link (``O_NOFOLLOW``) and without waiting
(``O_NONBLOCK``), and checked again from the open file itself (``fstat``): it must still be a
regular file and the same one. At most ``limit`` bytes and one more are read, whatever size
the file claims (a size of 0 proves nothing for a device), so a file larger than the limit
is said to be, never read to the end.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

CHUNK = 1024 * 1024
"""Bytes asked of the system at a time."""
OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)
"""How a user's file is opened: never through a link swapped in after the check, never
waiting for a writer, never becoming the terminal."""

KINDS = ("folder", "pipe", "device", "socket", "other")
"""What a path may name instead of a regular file."""


class NotAFile(OSError):
    """The path names something other than a regular file: a folder, a pipe, a device..."""

    def __init__(self, path: Path, kind: str) -> None:
        code = errno.EISDIR if kind == "folder" else errno.EINVAL
        super().__init__(code, kind_words(kind), str(path))
        self.kind = kind
        """One of ``KINDS``."""


class TooLarge(OSError):
    """The file holds more than the reader's limit; nothing past the limit was read."""

    def __init__(self, path: Path, size: int, limit: int) -> None:
        super().__init__(errno.EFBIG, f"larger than {limit} bytes", str(path))
        self.size = size
        """Its size as far as it is known: at least ``limit + 1`` bytes."""
        self.limit = limit
        """The most the reader takes."""


def kind_of(mode: int) -> str | None:
    """What a file's mode says it is, when it is not a regular file (None when it is)."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "folder"
    if stat.S_ISFIFO(mode):
        return "pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device"
    if stat.S_ISSOCK(mode):
        return "socket"
    return "other"


def kind_name(kind: str | None) -> str:
    """What a path is, in two or three words: ``a named pipe``, ``a file`` (None: a file)."""
    from generator.i18n import ui_gettext as _

    names = {
        None: _("a file"),
        "folder": _("a folder"),
        "pipe": _("a named pipe"),
        "device": _("a device"),
        "socket": _("a socket"),
    }
    return names.get(kind) or _("a special file")


def kind_words(kind: str) -> str:
    """``it is a named pipe, not a file: …``: what a path is instead of a file, and what to do."""
    from generator.i18n import ui_gettext as _

    return _("it is %(what)s, not a file: give a file saved on the disk") % {
        "what": kind_name(kind)
    }


def refusal(error: OSError) -> str:
    """Why a file could not be read, in a few words for a message (``it is a folder...``)."""
    from generator.i18n import ui_gettext as _

    if isinstance(error, NotAFile):
        return kind_words(error.kind)
    if isinstance(error, FileNotFoundError):
        return _("there is no such file")
    if error.errno == errno.ELOOP:
        return _("it is a link that points in a circle")
    if isinstance(error, PermissionError):
        return _("permission denied")
    return error.strerror or str(error)


def resolve(path: Path) -> Path:
    """Where ``path`` leads, every link followed; an ``OSError`` when nothing is there.

    A link in a circle is an ``OSError`` (``ELOOP``), whatever Python's version says.
    """
    try:
        return Path(os.path.realpath(path, strict=True))
    except RuntimeError:  # pragma: no cover - Python 3.11's pathlib, not os.path
        raise OSError(errno.ELOOP, os.strerror(errno.ELOOP), str(path)) from None
    except ValueError:  # a NUL in the name: no file can have it
        raise FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT), str(path)) from None


def read_file(path: Path, limit: int) -> bytes:
    """The whole of a regular file of at most ``limit`` bytes.

    Raises ``NotAFile`` for a folder, pipe, device or socket (without opening it),
    ``TooLarge`` for a file over the limit (having read at most ``limit + 1`` bytes), and
    ``OSError`` (``FileNotFoundError``, ``PermissionError``, ``ELOOP``...) when it cannot be
    read.
    """
    data, _status = read_file_status(path, limit)
    return data


def read_head(path: Path, count: int) -> bytes:
    """The first ``count`` bytes (or fewer) of a regular file: ``NotAFile`` for anything else."""
    descriptor, _status = _open(path)
    try:
        return _read_up_to(descriptor, count)
    finally:
        os.close(descriptor)


def read_file_status(path: Path, limit: int) -> tuple[bytes, os.stat_result]:
    """``read_file``, and what the open file's ``fstat`` said (its size, its time)."""
    descriptor, status = _open(path)
    try:
        if status.st_size > limit:
            raise TooLarge(path, status.st_size, limit)
        data = _read_up_to(descriptor, limit + 1)
    finally:
        os.close(descriptor)
    if len(data) > limit:
        raise TooLarge(path, max(len(data), status.st_size), limit)
    return data, status


def _open(path: Path) -> tuple[int, os.stat_result]:
    """An open descriptor of the regular file ``path`` leads to, and its ``fstat``."""
    real = resolve(path)
    before = os.stat(real)
    kind = kind_of(before.st_mode)
    if kind is not None:
        raise NotAFile(path, kind)
    try:
        descriptor = os.open(real, OPEN_FLAGS)
    except OSError as error:
        error.filename = str(path)
        raise
    try:
        status = os.fstat(descriptor)
        kind = kind_of(status.st_mode)
        if kind is not None:
            raise NotAFile(path, kind)
        if (status.st_dev, status.st_ino) != (before.st_dev, before.st_ino):
            # Swapped between the look and the open: read nothing rather than the wrong file.
            raise OSError(errno.ESTALE, "the file changed while it was being opened", str(path))
    except BaseException:
        os.close(descriptor)
        raise
    return descriptor, status


def _read_up_to(descriptor: int, count: int) -> bytes:
    """At most ``count`` bytes from an open file, fewer only at its end."""
    parts: list[bytes] = []
    left = count
    while left > 0:
        try:
            part = os.read(descriptor, min(left, CHUNK))
        except BlockingIOError:  # pragma: no cover - a regular file never says "wait"
            break
        if not part:
            break
        parts.append(part)
        left -= len(part)
    return b"".join(parts)
