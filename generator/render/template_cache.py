"""Compiled templates kept between runs, only where no one else can write, each file sealed.

A compiled template is Python code, and code is all a template compiles to, so the cache
cannot hold plain data instead: anyone who could put a file in it could run code in every
later build. So the cache is used only from a folder this user owns that no one else can
write (as Jinja's own default cache folder is), and every file in it carries a keyed MAC
(HMAC-SHA256, with a random key kept in the folder, readable by this user alone) over the
Python and Jinja versions, the kind of environment (code compiled outside the sandbox lacks
its checks), the template's name and source checksum and the code. A file
that is not ours (another owner, writable by others, a link, not a regular file, too large)
or whose MAC does not match is ignored and written again; nothing in it is decoded first.
The source checksum is kept as text, never pickled.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import marshal
import os
import stat
import sys
from functools import lru_cache
from pathlib import Path

from jinja2 import __version__ as jinja_version
from jinja2.bccache import Bucket, BytecodeCache

FORMAT = b"guide compiled template 1\n"
"""The first line of every cache file."""
KEY_FILE = "key"
KEY_BYTES = 32
LARGEST_ENTRY = 4 * 1024 * 1024
"""Files larger than this are not read (the bundled templates compile to under 100 KB)."""
MAC_BYTES = hashlib.sha256().digest_size
OPEN_FLAGS = os.O_NOFOLLOW | os.O_CLOEXEC | os.O_NONBLOCK
"""A link is never followed and a named pipe never waited on."""


def cache_folder() -> Path:
    """``GUIDE_CACHE_DIR``, else ``$XDG_CACHE_HOME/guide``, else ``~/.cache/guide``; then
    ``templates`` inside it."""
    folder = os.environ.get("GUIDE_CACHE_DIR")
    if not folder:
        base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        folder = os.path.join(base, "guide")
    return Path(folder) / "templates"


def _ours(status: os.stat_result) -> bool:
    """True if this user owns it and no one else may write to it."""
    return status.st_uid == os.geteuid() and not status.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _warn(folder: Path, why: str) -> None:
    sys.stderr.write(
        f"{folder}: warning: compiled templates are not kept here ({why}), so templates are "
        "compiled on every run; set GUIDE_CACHE_DIR to a folder of your own\n"
    )


@lru_cache(maxsize=1)
def template_cache() -> BytecodeCache | None:
    """The cache of compiled templates, or None where none can be kept safely.

    A folder that cannot be made (a read-only home) means no cache, silently; one that is
    someone else's, open to others' writing or a link is refused with a warning.
    """
    folder = cache_folder()
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError:
        return None
    try:
        descriptor = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | OPEN_FLAGS)
    except OSError as exc:
        _warn(folder, "it is a link" if os.path.islink(folder) else exc.strerror or str(exc))
        return None
    status = os.fstat(descriptor)
    if status.st_uid != os.geteuid():
        os.close(descriptor)
        _warn(folder, "the folder belongs to another user")
        return None
    if status.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        try:
            os.fchmod(descriptor, 0o700)
        except OSError:
            os.close(descriptor)
            _warn(folder, "other users can write to the folder")
            return None
    try:
        key = _key(descriptor)
    except OSError:
        os.close(descriptor)
        return None
    return SealedBytecodeCache(descriptor, key)


def _key(folder: int) -> bytes:
    """The cache's secret key, made on first use; a key others could read is replaced."""
    try:
        with os.fdopen(os.open(KEY_FILE, os.O_RDONLY | OPEN_FLAGS, dir_fd=folder), "rb") as file:
            status = os.fstat(file.fileno())
            key = file.read(KEY_BYTES + 1)
        if (
            stat.S_ISREG(status.st_mode)
            and _ours(status)
            and not status.st_mode & (stat.S_IRWXG | stat.S_IRWXO)
            and len(key) == KEY_BYTES
        ):
            return key
    except OSError:
        pass
    key = os.urandom(KEY_BYTES)
    _write(folder, KEY_FILE, key)
    return key


def _write(folder: int, name: str, data: bytes) -> None:
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


@lru_cache(maxsize=1)
def _header() -> bytes:
    """What a cache file must have been written by: this format, Python and Jinja."""
    from importlib.util import MAGIC_NUMBER

    return FORMAT + MAGIC_NUMBER + jinja_version.encode() + b"\n"


def _compiler(bucket: Bucket) -> bytes:
    """What the code depends on besides the source: the environment's kind and its sandbox.

    Code compiled outside the sandbox lacks its checks, so it must never load inside it.
    """
    environment = bucket.environment
    kind = type(environment)
    operators = sorted(getattr(environment, "intercepted_binops", ()))
    return f"{kind.__module__}.{kind.__qualname__} {' '.join(operators)}\n".encode()


class SealedBytecodeCache(BytecodeCache):
    """Jinja's bytecode cache in a folder of our own, each file sealed with a keyed MAC."""

    def __init__(self, folder: int, key: bytes) -> None:
        self.folder = folder
        """An open descriptor of the folder, checked once: it cannot be swapped afterwards."""
        self.key = key

    def _seal(self, bucket: Bucket, body: bytes) -> bytes:
        message = _header() + _compiler(bucket) + bucket.key.encode() + b"\0" + body
        return hmac.new(self.key, message, hashlib.sha256).digest()

    def load_bytecode(self, bucket: Bucket) -> None:
        """Load a template's code if its file is ours and its seal matches; else nothing."""
        try:
            descriptor = os.open(
                f"{bucket.key}.cache", os.O_RDONLY | OPEN_FLAGS, dir_fd=self.folder
            )
        except OSError:
            return
        with os.fdopen(descriptor, "rb") as file:
            status = os.fstat(file.fileno())
            if not stat.S_ISREG(status.st_mode) or not _ours(status):
                return
            data = file.read(LARGEST_ENTRY + 1)
        header = _header()
        if len(data) > LARGEST_ENTRY or not data.startswith(header):
            return
        seal = data[len(header) : len(header) + MAC_BYTES]
        body = data[len(header) + MAC_BYTES :]
        if not hmac.compare_digest(seal, self._seal(bucket, body)):
            return
        checksum, _, code = body.partition(b"\n")
        if checksum != bucket.checksum.encode():
            return  # the template has changed since
        try:
            bucket.code = marshal.loads(code)
        except (EOFError, ValueError, TypeError):
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        """Keep a template's code, sealed; a cache that cannot be written is no failure."""
        if bucket.code is None:
            return
        body = bucket.checksum.encode() + b"\n" + marshal.dumps(bucket.code)
        with contextlib.suppress(OSError):
            _write(self.folder, f"{bucket.key}.cache", _header() + self._seal(bucket, body) + body)
