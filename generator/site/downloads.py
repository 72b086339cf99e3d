"""The files beside each guide's page: its handout in every paper and print size, and the
plain text, made by the pipeline's renderers as ``guide build`` makes them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

from generator.artifacts import Artifact
from generator.model import Guide
from generator.options import BuildOptions
from generator.pipeline import Pipeline
from generator.problems import GuideError, Problem
from generator.site.plan import HANDOUTS, Download, download_file, handout_kind

BYTE_ORDER_MARK = "\ufeff".encode()
"""Starts the plain-text download: a web host rarely says a .txt file is UTF-8, and a browser
(or an older Notepad) then shows "blokadÄ™" for "blokadę"; the mark settles it."""


@dataclass
class Made:
    """The downloads of one guide edition, or why they could not be made."""

    files: list[Artifact] = field(default_factory=list)
    """Each download, named by its path in the site."""
    downloads: list[Download] = field(default_factory=list)
    """What the page says about each, in the order it lists them."""
    problems: list[Problem] = field(default_factory=list)
    """Errors in the guide that stop its handout (a picture too large, a character)."""


def editions(pipeline: Pipeline) -> dict[str, Pipeline]:
    """The run for each handout a guide's page offers, by its kind (``a4``, ``letter-large``…)."""
    return {
        handout_kind(paper, large): pipeline.printed_on(paper, large) for paper, large in HANDOUTS
    }


def make_downloads(guide: Guide, pipeline: Pipeline, printed: dict[str, Pipeline]) -> Made:
    """Every handout of a guide (A4, Letter, each in regular and large print) and its text.

    ``printed`` is ``editions(pipeline)``: the run of each handout.
    """
    made = Made()
    try:
        for kind, edition in printed.items():
            for artifact in edition.render(guide, ("pdf",)):
                _add(made, replace(artifact, name=download_file(guide, kind)), kind)
        for artifact in pipeline.render(guide, ("txt",)):
            text = replace(artifact, name=download_file(guide, "txt"))
            _add(made, replace(text, data=BYTE_ORDER_MARK + text.data), "txt")
    except GuideError as error:
        made.problems.extend(error.problems)
    return made


def _add(made: Made, artifact: Artifact, kind: str) -> None:
    from generator.render.pdf import page_count

    pages = page_count(artifact.data) if artifact.kind == "pdf" else 0
    made.files.append(artifact)
    made.downloads.append(Download(artifact.name, kind, len(artifact.data), pages))


def make_downloads_alone(guide: Guide, options: BuildOptions, today: dt.date) -> Made:
    """``make_downloads`` in a worker process, with a pipeline of its own, its memory given
    back when it is done."""
    from generator.pipeline.memory import return_freed_memory

    return_freed_memory()
    pipeline = Pipeline(options, today)
    return make_downloads(guide, pipeline, editions(pipeline))
