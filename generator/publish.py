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
import stat
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


def blocked_targets(finals: Sequence[Path], folder: Path) -> list[Problem]:
    """Why some files could not be renamed to their names: checked before any is replaced.

    A folder where a file goes (``lock-your-phone.txt/``) and a file where a folder goes (a
    file named ``lock-your-phone-pictures``) are the usual ones; each is named with what to
    do, so a command can stop before it replaces anything.
    """
    from generator.files import kind_name, kind_of, refusal
    from generator.i18n import ui_gettext as _

    problems: list[Problem] = []
    good: set[Path] = set()  # folders that are there, or will be made
    for final in finals:
        # Every folder on the way to the file must be a folder, or not be there yet (it is
        # made when the files are staged); the first that is not is the one said, once.
        why = None
        for place in reversed(final.parents):
            if place in good:
                continue
            if any(problem.path == place for problem in problems):
                break
            try:
                mode = place.stat().st_mode
            except FileNotFoundError:
                if place.is_symlink():
                    why = _("cannot write here: %(why)s") % {"why": _("it is a link to nothing")}
                else:
                    good.update(p for p in final.parents if p.is_relative_to(place))
                    break
            except OSError as error:  # a link in a circle, a name too long, no permission
                why = _("cannot write here: %(why)s") % {"why": refusal(error)}
            else:
                if stat.S_ISDIR(mode):
                    good.add(place)
                    continue
                why = _(
                    "is %(what)s where a folder of that name must go (for %(file)s): move or "
                    "rename it; nothing was written"
                ) % {"what": kind_name(kind_of(mode)), "file": final.name}
            problems.append(Problem(place, None, why))
            break
        if why is None and final.is_dir() and not final.is_symlink():
            problems.append(
                Problem(
                    final,
                    None,
                    _(
                        "is a folder where this file must go: move or rename the folder; "
                        "nothing was written"
                    ),
                )
            )
    return problems


class Unpublished(OSError):
    """Files could not all be put in place; those already renamed were put back as they were."""


def replace_all(pairs: Sequence[tuple[Path, Path]]) -> None:
    """Rename each staged file onto its final name, all of them or, as far as can be, none.

    Each file a rename will replace is first linked to a temporary name of ours, so that if
    a later rename fails, the files already renamed are put back as they were (and new ones
    removed) before the error is raised, its ``filename`` the final name that failed (never
    a temporary one). Call ``blocked_targets`` first: what it finds is then said before
    anything is touched.
    """
    kept: list[tuple[Path, Path | None]] = []  # final name, and its earlier file if any
    try:
        for temp, final in pairs:
            earlier = _keep_earlier(final)
            try:
                os.replace(temp, final)
            except OSError as error:
                if earlier is not None:
                    earlier.unlink(missing_ok=True)
                error.filename, error.filename2 = str(final), None
                raise
            kept.append((final, earlier))
    except BaseException as error:
        failed = _put_back(kept)
        if failed and isinstance(error, OSError):
            raise Unpublished(
                error.errno or 0,
                f"{error.strerror or error}; already replaced and not put back: "
                + ", ".join(str(path) for path in failed),
                error.filename,
            ) from error
        raise
    for _final, earlier in kept:
        if earlier is not None:
            earlier.unlink(missing_ok=True)


def _keep_earlier(final: Path) -> Path | None:
    """A second name for the file ``final`` holds now (a hard link), to put it back with."""
    if not final.is_file() or final.is_symlink():
        return None
    import secrets

    # Named like a staged file, so a run killed now leaves nothing the next one does not sweep.
    backup = final.with_name(f".{final.name}.{os.getpid()}.{secrets.token_hex(4)}.part")
    try:
        os.link(final, backup)
    except OSError:  # a file system without hard links (FAT): it cannot be put back
        return None
    return backup


def _put_back(kept: list[tuple[Path, Path | None]]) -> list[Path]:
    """Undo renames: each earlier file back in place, each new one removed; what could not be."""
    failed: list[Path] = []
    for final, earlier in reversed(kept):
        try:
            if earlier is not None:
                os.replace(earlier, final)
            else:
                final.unlink()
        except OSError:
            failed.append(final)
    return failed


Verifier = Callable[[Artifact, bytes, Path], list[Problem]]
"""Reads one staged file back (its bytes, its final path) and says what is wrong with it."""


@dataclass(frozen=True)
class Published:
    """What ``publish`` did: the files now in place (none unless all were good), the problems."""

    written: tuple[Written, ...]
    problems: tuple[Problem, ...]


def publish(artifacts: list[Artifact], folder: Path, verify: Verifier) -> Published:
    """Write files so that all of them are in place and read back good, or none of them is.

    Every final name is checked first (a folder in the way stops everything); each file is
    then staged as a temporary file beside its final name and verified from disk; only when
    every one is good are they renamed into place (``replace_all``), in the order given (a
    file others link to can go first). An ``OSError`` names the real file or folder that
    failed, never a temporary one.
    """
    finals = [folder / artifact.name for artifact in artifacts]
    blocked = blocked_targets(finals, folder)
    if blocked:
        return Published((), tuple(blocked))
    staged: list[tuple[Artifact, Path, Path]] = []
    # Every folder staging would make (an artifact may be in a folder of its own), deepest
    # first, so each is removed again after the ones inside it.
    folders = {folder} | {final.parent for final in finals}
    missing = sorted(
        {path for each in folders for path in (each, *each.parents) if not path.exists()},
        key=lambda path: len(path.parts),
        reverse=True,
    )
    published = False
    try:
        problems: list[Problem] = []
        for artifact, final in zip(artifacts, finals, strict=True):
            try:
                temp = stage(final, artifact.data, durable=False)
            except OSError as error:
                # Say the file that could not be written, not the temporary one it went to.
                if error.filename is None or PART.match(Path(error.filename).name):
                    error.filename = str(final)
                raise
            staged.append((artifact, temp, final))
            problems.extend(verify(artifact, temp.read_bytes(), final))
        if has_errors(problems):
            return Published((), tuple(problems))
        try:
            flush_to_disk([temp for _, temp, _ in staged])
        except OSError as error:
            named = {str(temp): final for _, temp, final in staged}
            error.filename = str(named.get(str(error.filename), folder))
            raise
        replace_all([(temp, final) for _, temp, final in staged])
        published = True
        written = [Written(final, len(a.data), a.detail) for a, _, final in staged]
        return Published(tuple(written), tuple(problems))
    finally:
        for _, temp, _ in staged:
            temp.unlink(missing_ok=True)
        if not published:
            # Folders made only to stage files that were never published go again.
            for path in missing:
                with contextlib.suppress(OSError):
                    path.rmdir()
