"""``guide build``: check guides, then make, read back and publish each good one's formats.

The stages are the pipeline's (``generator.pipeline``); this module decides which guides and
formats, and spreads the guides over processes with ``--jobs``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from generator.model import Guide
from generator.options import BuildOptions
from generator.pipeline import BuildReport, Pipeline, available_formats
from generator.problems import Problem


def build(
    paths: list[Path], options: BuildOptions, today: dt.date | None = None, jobs: int = 1
) -> BuildReport:
    """Check the guides, then build each good one; guides with errors get nothing written.

    With ``jobs`` above 1, guides are built in that many processes at once.
    """
    from generator.pipeline.memory import return_freed_memory

    return_freed_memory()
    pipeline = Pipeline(options, today)
    # The build lays each handout out itself: check's trial layout would only repeat it.
    checked = pipeline.check(paths, trial_layout=False)
    report = BuildReport(problems=list(checked.problems))
    available = available_formats()
    missing = [fmt for fmt in options.formats if fmt not in available]
    if missing:
        report.problems.append(
            Problem.in_option(
                f"--format {missing[0]}",
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
        from generator.pipeline.workers import worker_pool

        # One guide per task; results come back in guide order, so the report (and every
        # file, which each guide writes on its own) is the same as a serial build's.
        with worker_pool(min(jobs, len(guides))) as pool:
            count = len(guides)
            parts = list(
                pool.map(_build_alone, guides, [options] * count, [pipeline.today] * count)
            )
    else:
        parts = [_build_in(guide, pipeline) for guide in guides]
    for part in parts:
        report.add(part)
    return report


def _build_alone(guide: Guide, options: BuildOptions, today: dt.date) -> BuildReport:
    """Build one guide in a worker process, with its own pipeline."""
    from generator.pipeline.memory import return_freed_memory

    return_freed_memory()
    return _build_in(guide, Pipeline(options, today))


def _build_in(guide: Guide, pipeline: Pipeline) -> BuildReport:
    """Build one guide; an output folder the system refuses is a problem, not a crash."""
    report = BuildReport()
    try:
        pipeline.build(guide, pipeline.options.out, report)
    except OSError as exc:
        # A file where the folder should be, no permission, a full disk: say so plainly.
        reason = exc.strerror or str(exc)
        where = Path(exc.filename) if isinstance(exc.filename, str) else pipeline.options.out
        report.problems.append(
            Problem(where, None, f"cannot write {guide.name}'s files here ({reason})")
        )
    return report
