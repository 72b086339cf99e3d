"""The stages every command runs: check the guides, render, read back, publish.

``guide build``, ``guide workshop``, ``guide send`` and ``guide preview`` each make one
``Pipeline`` and call its stages; none of them wires renderers, the read-back and the
writing of files itself. Renderers are looked up by format name and imported only when that
format is made, so building plain text never loads ReportLab.
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from generator import clock
from generator.artifacts import Artifact, BuildContext
from generator.options import FORMATS, BuildOptions
from generator.problems import GuideError, Problem, has_errors

if TYPE_CHECKING:
    from generator.check import CheckResult
    from generator.model import Guide
    from generator.publish import Published, Verifier, Written
    from generator.verify.cache import ReadCache

RENDERERS: dict[str, str] = {
    "pdf": "generator.render.pdf:render_pdf_artifact",
    "html": "generator.render.email:render_html_artifact",
    "txt": "generator.render.email:render_text_artifact",
    "eml": "generator.render.message:render_eml_artifact",
}
"""Format name → ``module:function`` of its renderer; modules import lazily."""


Renderer = Callable[["Guide", BuildContext], list[Artifact]]


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


@dataclass
class BuildReport:
    """What a command wrote and what went wrong, in the order a person should read it."""

    written: list[Written] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    """Problems with the guides and options, found before anything was written."""
    read_back: list[Problem] = field(default_factory=list)
    """What reading the outputs back found (said after what was written)."""
    removed: list[Path] = field(default_factory=list)
    """Files left by an earlier run that this one replaced with differently named ones."""

    @property
    def failed(self) -> bool:
        """True when anything stops the outputs being good."""
        return has_errors(self.problems) or has_errors(self.read_back)

    def add(self, other: BuildReport) -> None:
        """Take in another report's files and problems (one guide's, built on its own)."""
        self.written.extend(other.written)
        self.problems.extend(other.problems)
        self.read_back.extend(other.read_back)
        self.removed.extend(other.removed)


class Pipeline:
    """One command's run of the stages, with what the run has made and read back so far."""

    def __init__(self, options: BuildOptions, today: dt.date | None = None) -> None:
        from generator.verify.cache import ReadCache

        self.options = options
        """The options of the run."""
        self.today = today or clock.today()
        """The day guides are checked on (``generator.clock``)."""
        self.context = BuildContext(options)
        """What the renderers have made so far (each handout once)."""
        self.reads: ReadCache = ReadCache()
        """What has been read back so far (each PDF once)."""

    def check(self, paths: list[Path], *, trial_layout: bool) -> CheckResult:
        """Parse and check the guides ``paths`` name (files or folders), as ``guide check``.

        ``trial_layout``: lay out a guide with a large part on large-print pages; a run that
        lays every handout out itself leaves it to that layout.
        """
        from generator.check import check_paths

        return check_paths(paths, today=self.today, trial_layout=trial_layout)

    def render(self, guide: Guide, formats: Iterable[str]) -> list[Artifact]:
        """Every file of the given formats for one guide, in memory; GuideError if it cannot."""
        wanted = set(formats)
        artifacts: list[Artifact] = []
        for fmt in FORMATS:
            if fmt in wanted:
                artifacts.extend(renderer_for(fmt)(guide, self.context))
        return artifacts

    def read_back(self, guide: Guide, artifact: Artifact, data: bytes, path: Path) -> list[Problem]:
        """What reading one output back finds (``data`` as written, named ``path``)."""
        from generator.parse.web_address import guide_address
        from generator.verify.outputs import verify_output

        if artifact.kind is None:
            return []
        address = guide_address(self.options.base_url, guide.name)
        return verify_output(guide, artifact.kind, data, path, self.reads, address)

    def printed_on(self, paper: str, large_print: bool) -> Pipeline:
        """This run for a handout on another paper or in another print size (the web edition
        offers each): its own renderers' context, the same day and read-back."""
        from dataclasses import replace

        other = Pipeline(replace(self.options, paper=paper, large_print=large_print), self.today)
        other.reads = self.reads
        return other

    def outputs(self, guide: Guide, formats: Iterable[str]) -> tuple[list[Artifact], list[Problem]]:
        """The files of the formats, rendered and read back in memory (nothing is written)."""
        artifacts = self.render(guide, formats)
        problems = [
            problem
            for artifact in artifacts
            for problem in self.read_back(guide, artifact, artifact.data, Path(artifact.name))
        ]
        return artifacts, problems

    def build(self, guide: Guide, folder: Path, report: BuildReport) -> None:
        """Render the options' formats, read each file back from disk, then publish all or none."""
        try:
            artifacts = self.render(guide, self.options.formats)
        except GuideError as error:  # e.g. a picture too large for email: nothing is written
            report.problems.extend(error.problems)
            return

        def verify(artifact: Artifact, data: bytes, final: Path) -> list[Problem]:
            return self.read_back(guide, artifact, data, final)

        self.publish(artifacts, folder, verify, report)

    def publish(
        self, artifacts: list[Artifact], folder: Path, verify: Verifier, report: BuildReport
    ) -> Published:
        """Write files all good or not at all (``generator.publish``), noted in ``report``."""
        from generator.publish import publish

        published = publish(artifacts, folder, verify)
        report.written.extend(published.written)
        report.read_back.extend(published.problems)
        return published
