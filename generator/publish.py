"""Writing outputs so a reader never finds half a file: staging, atomic renames, sweeping.

Every file the tool writes (a build's outputs, a workshop folder, an outbox's messages, a
new guide) is staged as a temporary ``.part`` file beside its final name, made durable and
renamed into place; the ``.part`` files a killed run leaves are swept away by the next run
that writes there.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from generator.artifacts import Artifact
from generator.problems import Problem, has_errors


@dataclass(frozen=True)
class Written:
    """A file a command wrote."""

    path: Path
    size: int
    detail: str

    def __str__(self) -> str:
        from generator.i18n import ui_gettext as _
        from generator.i18n import ui_ngettext as ngettext

        size = (
            f"{self.size / 1024:.1f} KB"
            if self.size >= 1024
            else ngettext("%(count)d byte", "%(count)d bytes", self.size) % {"count": self.size}
        )
        detail = f", {self.detail}" if self.detail else ""
        from generator.text import printable

        return printable(
            _("wrote %(path)s (%(details)s)") % {"path": self.path, "details": size + detail}
        )


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


PART = re.compile(r"^\..+?(?:\.(\d+))?\.[a-z0-9_]{8}\.part$")
"""A temporary file of ours: ``.<name>.<pid>.<random>.part`` (older ones have no pid), the
random part exactly as ``tempfile`` makes it (eight of ``a-z0-9_``), so another program's
``.report.pdf.part`` is never taken for ours."""
PART_MAX_AGE = 3600
"""A temporary file of ours without a writer's pid is stale after an hour."""
_swept: set[Path] = set()


def sweep_parts(folder: Path) -> list[Path]:
    """Remove temporary files that a killed ``build``, ``workshop`` or ``send`` left behind.

    Only files named like ours, and only when the process that wrote them is gone (or, for
    names without a process id, when they are over an hour old): a run in progress keeps its
    files. Done once per folder and process, before the first file is staged there.
    """
    import time

    removed: list[Path] = []
    try:
        children = list(folder.iterdir())
    except OSError:
        return removed
    now = time.time()
    for child in children:
        match = PART.match(child.name)
        if match is None or not child.is_file() or child.is_symlink():
            continue
        pid = match.group(1)
        try:
            if child.stat().st_uid != os.getuid():
                continue  # another user's run, or not ours at all
            if pid is not None:
                if int(pid) == os.getpid() or _alive(int(pid)):
                    continue
            elif now - child.stat().st_mtime < PART_MAX_AGE:
                continue
            child.unlink()
            removed.append(child)
        except OSError:
            continue
    return removed


def _alive(pid: int) -> bool:
    """True when a process with this id exists (on this machine)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True
    return True


def stage(path: Path, data: bytes, durable: bool = True) -> Path:
    """Write data to a temporary file beside ``path`` and return the temporary file.

    The file's name carries this process's id, so a later run can tell a file left by a
    killed run (swept away) from one a run in progress is writing (kept). ``durable`` waits
    until the data is on the disk; a caller staging many files passes False and calls
    ``flush_to_disk`` once for them all before renaming any.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.parent not in _swept:
        _swept.add(path.parent)
        sweep_parts(path.parent)
    handle, temp_name = tempfile.mkstemp(
        prefix=f".{path.name}.{os.getpid()}.", suffix=".part", dir=path.parent
    )
    try:
        # mkstemp makes the file private; outputs get the usual permissions, like any new file.
        os.fchmod(handle, 0o666 & ~_umask())
        with os.fdopen(handle, "wb") as temp:
            temp.write(data)
            if durable:
                temp.flush()
                os.fsync(temp.fileno())
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
    return Path(temp_name)


def flush_to_disk(paths: Sequence[Path]) -> None:
    """Wait until every staged file in ``paths`` is on the disk (``fsync``), many at once.

    One ``fsync`` at a time costs a disk round trip each (seconds for a thousand files);
    issued together, the file system commits them in a few batches. Raises the
    ``OSError`` of the first file, in the order given, that could not be written.
    """
    if len(paths) <= ONE_BY_ONE:
        for path in paths:
            _fsync(path)
        return
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=FSYNC_TOGETHER) as pool:
        failures = list(pool.map(_fsync_failure, paths))
    for failure in failures:
        if failure is not None:
            raise failure


FSYNC_TOGETHER = 16
"""How many ``fsync`` calls ``flush_to_disk`` has waiting at once."""
ONE_BY_ONE = 4
"""Up to this many files are flushed one after the other, in order, with no threads."""


def _fsync(path: Path) -> None:
    with path.open("rb+") as handle:
        try:
            os.fsync(handle.fileno())
        except OSError as error:
            error.filename = str(path)
            raise


def _fsync_failure(path: Path) -> OSError | None:
    try:
        _fsync(path)
    except OSError as error:
        return error
    return None


def write_atomic(path: Path, data: bytes) -> None:
    """Write a file so that it is either complete or absent: temp file, then rename."""
    temp = stage(path, data)
    try:
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


Verifier = Callable[[Artifact, bytes, Path], list[Problem]]
"""Reads one staged file back (its bytes, its final path) and says what is wrong with it."""


@dataclass(frozen=True)
class Published:
    """What ``publish`` did: the files now in place (none unless all were good), the problems."""

    written: tuple[Written, ...]
    problems: tuple[Problem, ...]


def publish(artifacts: list[Artifact], folder: Path, verify: Verifier) -> Published:
    """Write files so that all of them are in place and read back good, or none of them is.

    Each file is staged as a temporary file beside its final name and verified from disk;
    only when every one is good are they renamed into place, in the order given (a file
    others link to can go first).
    """
    staged: list[tuple[Artifact, Path, Path]] = []
    # Every folder staging would make (an artifact may be in a folder of its own), deepest
    # first, so each is removed again after the ones inside it.
    folders = {folder} | {(folder / artifact.name).parent for artifact in artifacts}
    missing = sorted(
        {path for each in folders for path in (each, *each.parents) if not path.exists()},
        key=lambda path: len(path.parts),
        reverse=True,
    )
    written: list[Written] = []
    published = False
    try:
        problems: list[Problem] = []
        for artifact in artifacts:
            final = folder / artifact.name
            temp = stage(final, artifact.data, durable=False)
            staged.append((artifact, temp, final))
            problems.extend(verify(artifact, temp.read_bytes(), final))
        if has_errors(problems):
            return Published((), tuple(problems))
        flush_to_disk([temp for _, temp, _ in staged])
        for artifact, temp, final in staged:
            os.replace(temp, final)
            written.append(Written(final, len(artifact.data), artifact.detail))
        published = True
        return Published(tuple(written), tuple(problems))
    finally:
        for _, temp, _ in staged:
            temp.unlink(missing_ok=True)
        if not published:
            # Folders made only to stage files that were never published go again.
            for path in missing:
                with contextlib.suppress(OSError):
                    path.rmdir()
