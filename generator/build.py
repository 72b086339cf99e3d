"""``guide build``: check guides, render each requested format, write atomically, verify.

Renderers are looked up by format name and imported only when that format is built,
so building plain text never loads ReportLab.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import importlib
import os
import re
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from generator.artifacts import FORMATS as FORMATS
from generator.artifacts import Artifact as Artifact
from generator.artifacts import BuildContext as BuildContext
from generator.artifacts import BuildOptions as BuildOptions
from generator.errors import GuideError, Problem
from generator.model import Guide
from generator.verify import Finding, verify_output

RENDERERS: dict[str, str] = {
    "pdf": "generator.render.pdf:render_pdf_artifact",
    "html": "generator.render.email:render_html_artifact",
    "txt": "generator.render.email:render_text_artifact",
    "eml": "generator.render.message:render_eml_artifact",
}
"""Format name → ``module:function`` of its renderer; modules import lazily."""


Renderer = Callable[[Guide, BuildContext], list[Artifact]]


@dataclass(frozen=True)
class Written:
    """A file the build wrote."""

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
        from generator.characters import printable

        return printable(
            _("wrote %(path)s (%(details)s)") % {"path": self.path, "details": size + detail}
        )


@dataclass
class BuildReport:
    """What a build did and what went wrong."""

    written: list[Written] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)
    """Files left by an earlier run that this one replaced with differently named ones."""

    @property
    def failed(self) -> bool:
        """True when anything stops the build being good."""
        return any(f.severity == "error" for f in self.findings) or any(
            p.severity == "error" for p in self.problems
        )


def available_formats() -> tuple[str, ...]:
    """The formats whose renderer module is installed, without importing any of them."""
    from importlib.util import find_spec

    found: list[str] = []
    for fmt in FORMATS:
        module_name = RENDERERS[fmt].partition(":")[0]
        try:
            spec = find_spec(module_name)
        except ModuleNotFoundError:
            spec = None
        if spec is not None:
            found.append(fmt)
    return tuple(found)


def renderer_for(fmt: str) -> Renderer:
    """The renderer function of a format, imported on first use."""
    module_name, _, function = RENDERERS[fmt].partition(":")
    module = importlib.import_module(module_name)
    renderer: Renderer = getattr(module, function)
    return renderer


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


def build_guide(guide: Guide, context: BuildContext, report: BuildReport) -> None:
    """Render every requested format of one guide, verify each file read back, then publish.

    A guide's outputs are all good or not there at all (see ``publish``).
    """
    artifacts: list[Artifact] = []
    try:
        for fmt in FORMATS:
            if fmt in context.options.formats:
                artifacts.extend(renderer_for(fmt)(guide, context))
    except GuideError as error:  # e.g. a picture too large for email: nothing is written
        report.problems.extend(error.problems)
        return

    def verify(artifact: Artifact, data: bytes, final: Path) -> list[Finding]:
        if artifact.kind is None:
            return []
        return verify_output(guide, artifact.kind, data, final)

    publish(artifacts, context.options.out, verify, report)


Verifier = Callable[[Artifact, bytes, Path], list[Finding]]
"""Reads one staged file back (its bytes, its final path) and says what is wrong with it."""


def publish(artifacts: list[Artifact], folder: Path, verify: Verifier, report: BuildReport) -> bool:
    """Write files so that all of them are in place and read back good, or none of them is.

    Each file is staged as a temporary file beside its final name and verified from disk;
    only when every one is good are they renamed into place. Returns True if they were.
    """
    staged: list[tuple[Artifact, Path, Path]] = []
    missing = [path for path in (folder, *folder.parents) if not path.exists()]
    published = False
    try:
        findings: list[Finding] = []
        for artifact in artifacts:
            final = folder / artifact.name
            temp = stage(final, artifact.data, durable=False)
            staged.append((artifact, temp, final))
            findings.extend(verify(artifact, temp.read_bytes(), final))
        report.findings.extend(findings)
        if any(finding.severity == "error" for finding in findings):
            return False
        flush_to_disk([temp for _, temp, _ in staged])
        for artifact, temp, final in staged:
            os.replace(temp, final)
            report.written.append(Written(final, len(artifact.data), artifact.detail))
        published = True
        return True
    finally:
        for _, temp, _ in staged:
            temp.unlink(missing_ok=True)
        if not published:
            # Folders made only to stage files that were never published go again.
            for path in missing:
                with contextlib.suppress(OSError):
                    path.rmdir()


def build(
    paths: list[Path], options: BuildOptions, today: dt.date | None = None, jobs: int = 1
) -> BuildReport:
    """Check the guides, then build each good one; guides with errors get nothing written.

    With ``jobs`` above 1, guides are built in that many processes at once.
    """
    from generator.check import check_paths
    from generator.memory import return_freed_memory

    return_freed_memory()
    # The build lays each handout out itself: check's trial layout would only repeat it.
    checked = check_paths(paths, today=today, trial_layout=False)
    report = BuildReport(problems=list(checked.problems))
    available = available_formats()
    missing = [fmt for fmt in options.formats if fmt not in available]
    if missing:
        report.problems.append(
            Problem(
                Path(f"--format {missing[0]}"),
                None,
                f"this installation cannot build {missing[0]} yet (it can build: "
                f"{', '.join(available) or 'nothing'})",
            )
        )
        return report
    from generator.parse.pictures import logo_problem

    logo = logo_problem(options.logo)
    if logo:
        report.problems.append(logo)
        return report
    guides = checked.guides
    if jobs > 1 and len(guides) > 1:
        from generator.workers import worker_pool

        # One guide per task; results come back in guide order, so the report (and every
        # file, which each guide writes on its own) is the same as a serial build's.
        with worker_pool(min(jobs, len(guides))) as pool:
            parts = list(pool.map(_build_alone, guides, [options] * len(guides)))
    else:
        context = BuildContext(options)
        parts = [_build_in(guide, context) for guide in guides]
    for part in parts:
        report.written.extend(part.written)
        report.problems.extend(part.problems)
        report.findings.extend(part.findings)
    return report


def _build_alone(guide: Guide, options: BuildOptions) -> BuildReport:
    """Build one guide in a worker process, with its own context."""
    from generator.memory import return_freed_memory

    return_freed_memory()
    return _build_in(guide, BuildContext(options))


def _build_in(guide: Guide, context: BuildContext) -> BuildReport:
    """Build one guide; an output folder the system refuses is a problem, not a crash."""
    report = BuildReport()
    try:
        build_guide(guide, context, report)
    except OSError as exc:
        # A file where the folder should be, no permission, a full disk: say so plainly.
        reason = exc.strerror or str(exc)
        where = Path(exc.filename) if isinstance(exc.filename, str) else context.options.out
        report.problems.append(
            Problem(where, None, f"cannot write {guide.name}'s files here ({reason})")
        )
    return report
