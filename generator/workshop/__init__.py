"""``guide workshop``: an attendee pack, a facilitator sheet, a progress sheet, print notes.

Everything goes into ``DIR/workshop/``, and only when every file reads back complete; a
workshop with a guide that has errors gets nothing written. ReportLab and pypdf are
imported only when a pack is made.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from generator import defaults
from generator.artifacts import Artifact
from generator.i18n import ui_ngettext as ngettext
from generator.model import Guide
from generator.options import BuildOptions, HandoutOptions
from generator.pipeline import BuildReport, Pipeline
from generator.problems import GuideError, Problem

if TYPE_CHECKING:
    from generator.verify.cache import ReadCache

FOLDER = "workshop"
"""The folder inside ``--out`` that holds a workshop's files."""


@dataclass(frozen=True)
class WorkshopOptions(HandoutOptions):
    """Everything that changes what ``guide workshop`` writes: the handout's options, and more."""

    out: Path = defaults.OUT
    """The workshop's files go in ``out/workshop/``."""
    title: str | None = None
    """The workshop's title; by default the guide's title, or general words for several."""
    layout: str = defaults.LAYOUT
    """``single``, ``booklet`` or ``two-up``: how the attendee pack is printed."""
    start: dt.time | None = None
    """When the session starts, to give the agenda times of day."""

    def handout_options(self) -> BuildOptions:
        """The same choices as options for a handout."""
        return BuildOptions.made_from(self, out=self.out, formats=("pdf",))


def file_names(layout: str, large_print: bool) -> dict[str, str]:
    """The name of each file of a workshop folder, saying how it is meant to be printed."""
    shape = "" if layout == "single" else f"-{layout}"
    size = "-large-print" if large_print else ""
    return {
        "pack": f"attendee-pack{shape}{size}.pdf",
        "facilitator": f"facilitator-sheet{size}.pdf",
        "progress": f"progress-sheet{size}.pdf",
        "instructions": "print-instructions.txt",
    }


def every_file_name() -> set[str]:
    """Every name a workshop run can write, whatever its options."""
    return {
        name
        for layout in defaults.LAYOUTS
        for large in (False, True)
        for name in file_names(layout, large).values()
    }


def _pages(count: int) -> str:
    return ngettext("%(count)d page", "%(count)d pages", count) % {"count": count}


def workshop_title(guides: list[Guide], given: str | None) -> str:
    """The title to print: the one given, else the only guide's title, else general words."""
    from generator.i18n import translations_for
    from generator.render.pdf.fonts import check_option_glyphs
    from generator.text import ONE_LINE, hidden_character

    if given is None:
        if len(guides) == 1:
            return guides[0].title
        # The pack speaks its first guide's language, title included.
        _ = translations_for(guides[0].lang).gettext
        return _("Staying safe online")
    hidden = hidden_character(given, ONE_LINE)
    if hidden:
        raise GuideError.in_option("--title", f"the title contains {hidden[1]}")
    title = " ".join(given.split())
    if not title:
        raise GuideError.in_option("--title", "the title is empty: give one or leave it out")
    check_option_glyphs({"title": title}, guides[0].lang if guides else "en")
    return title


def guide_files(paths: list[Path]) -> list[Path]:
    """The guide files named by some paths in the order given, a file named twice only once.

    A folder and a guide inside it may both be named: the guide is in the pack once.
    """
    from generator.parse import file_key, find_guides

    seen: set[Path] = set()
    found: list[Path] = []
    for path in find_guides(paths):
        if file_key(path) not in seen:
            seen.add(file_key(path))
            found.append(path)
    return found


Check = Callable[[bytes, Path], list[Problem]]


def render_workshop(
    guides: list[Guide], options: WorkshopOptions, title: str, reads: ReadCache | None = None
) -> tuple[list[Artifact], dict[str, Check]]:
    """Every file of the workshop folder, and for each PDF how to read it back."""
    from generator.render.pdf.styles import PAGE_SIZES
    from generator.scripts import is_rtl
    from generator.workshop import readback
    from generator.workshop.pack import PackRequest, make_pack
    from generator.workshop.pdfs import impose
    from generator.workshop.plan import sides_for
    from generator.workshop.sheets import (
        FACILITATOR_TEMPLATE,
        PROGRESS_TEMPLATE,
        make_sheet,
        print_instructions,
        sheets_per_copy,
    )

    request = PackRequest(
        guides=tuple(guides),
        title=title,
        paper=options.paper,
        layout=options.layout,
        start=options.start,
        handout=options.handout_options(),
    )
    pack = make_pack(request)
    names = file_names(options.layout, options.large_print)
    rtl = is_rtl(guides[0].lang)  # the pack speaks its first guide's language
    sides = None if options.layout == "single" else sides_for(options.layout, pack.pages, rtl)
    pack_data = pack.data
    if sides is not None:
        width, height = PAGE_SIZES[options.paper]
        pack_data = impose(pack.data, sides, (height, width))
    facilitator, facilitator_pages = make_sheet(FACILITATOR_TEMPLATE, pack, request)
    progress, progress_pages = make_sheet(PROGRESS_TEMPLATE, pack, request)
    instructions = print_instructions(pack, request, names)
    count = sheets_per_copy(pack, options.layout)
    sheets = (
        ngettext("%(count)d sheet make two copies", "%(count)d sheets make two copies", count)
        if options.layout == "two-up"
        else ngettext("%(count)d sheet per copy", "%(count)d sheets per copy", count)
    ) % {"count": count}
    artifacts = [
        Artifact(
            names["pack"], pack_data, "pdf", f"{_pages(pack.pages)}, {options.layout}, {sheets}"
        ),
        Artifact(names["facilitator"], facilitator, "pdf", _pages(facilitator_pages)),
        Artifact(names["progress"], progress, "pdf", _pages(progress_pages)),
        Artifact(names["instructions"], instructions.encode("utf-8"), None),
    ]
    checks: dict[str, Check] = {
        names["pack"]: lambda data, path: readback.check_pack(
            data, pack.data, pack.parts, guides, sides, path, reads
        ),
        names["facilitator"]: lambda data, path: readback.check_facilitator(
            data, guides, path, reads
        ),
        names["progress"]: lambda data, path: readback.check_progress(data, guides, path, reads),
    }
    return artifacts, checks


def build_workshop(
    paths: list[Path], options: WorkshopOptions, today: dt.date | None = None
) -> BuildReport:
    """Check the guides, make the workshop's files, read them back, then write them all."""
    from generator.check import skipped_notes

    pipeline = Pipeline(options.handout_options(), today)
    files = guide_files(paths)
    # The workshop lays each guide out itself: check's trial layout would only repeat it.
    checked = pipeline.check(files or paths, trial_layout=False)
    # Given no guide at all, the check itself notes the README.md among the paths.
    notes = skipped_notes(paths) if files else []
    report = BuildReport(problems=[*notes, *checked.problems])
    if checked.errors:
        return report
    guides = checked.guides
    if not guides:
        where = paths[0] if paths else Path(".")
        report.problems.append(Problem(where, None, "there are no guides here to make a pack of"))
        return report
    try:
        title = workshop_title(guides, options.title)
        artifacts, checks = render_workshop(guides, options, title, pipeline.reads)
    except GuideError as error:
        report.problems.extend(error.problems)
        return report

    def verify(artifact: Artifact, data: bytes, final: Path) -> list[Problem]:
        check = checks.get(artifact.name)
        return check(data, final) if check else []

    folder = options.out / FOLDER
    try:
        published = pipeline.publish(artifacts, folder, verify, report)
    except OSError as exc:
        # A file where the folder should be, a link in a circle, no permission, a full disk.
        where = Path(exc.filename) if isinstance(exc.filename, str) else folder
        report.problems.append(
            Problem(where, None, f"cannot write the workshop's files here ({exc.strerror or exc})")
        )
        return report
    if published.written:
        # The folder goes to the print shop as it is: nothing from an earlier run may linger.
        written = {artifact.name for artifact in artifacts}
        for name in sorted(every_file_name() - written):
            stale = folder / name
            if stale.is_file():
                stale.unlink()
                report.removed.append(stale)
    return report
