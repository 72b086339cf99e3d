"""The files beside each guide's page: its handout in every paper and print size, and the
plain text, made by the same renderers as ``guide build`` and read back the same way.

This module and ``generator.site.outputs`` are the only places the site reaches into the
build's renderers and read-back.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from generator.artifacts import BuildContext, BuildOptions
from generator.errors import GuideError, Problem
from generator.model import Guide
from generator.site.plan import HANDOUTS, Download, download_file, handout_kind


@dataclass
class Made:
    """The downloads of one guide edition, or why they could not be made."""

    files: dict[str, bytes] = field(default_factory=dict)
    """Each download's bytes, by its path in the site."""
    downloads: list[Download] = field(default_factory=list)
    """What the page says about each, in the order it lists them."""
    problems: list[Problem] = field(default_factory=list)
    """Errors in the guide that stop its handout (a picture too large, a character)."""


def make_downloads(guide: Guide, options: BuildOptions) -> Made:
    """Every handout of a guide (A4, Letter, each in regular and large print) and its text."""
    from generator.render.email import render_email_text
    from generator.render.pdf import handout_pdf, page_count

    made = Made()
    context = BuildContext(replace(options, formats=("pdf", "txt")))
    try:
        for paper, large in HANDOUTS:
            data = handout_pdf(context, guide, paper, large)
            kind = handout_kind(paper, large)
            file = download_file(guide, kind)
            made.files[file] = data
            made.downloads.append(Download(file, kind, len(data), page_count(data)))
        # With a byte-order mark: a web host rarely says a .txt file is UTF-8, and a browser
        # (or an older Notepad) then shows "blokadÄ™" for "blokadę"; the mark settles it.
        text = render_email_text(guide, context.options).encode("utf-8-sig")
    except GuideError as error:
        made.problems.extend(error.problems)
        return made
    file = download_file(guide, "txt")
    made.files[file] = text
    made.downloads.append(Download(file, "txt", len(text), 0))
    return made


def make_downloads_alone(guide: Guide, options: BuildOptions) -> Made:
    """``make_downloads`` in a worker process, its memory given back when it is done."""
    from generator.memory import return_freed_memory

    return_freed_memory()
    return make_downloads(guide, options)
