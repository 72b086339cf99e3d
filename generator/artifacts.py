"""What the pipeline and the renderers share: the files made and the build's context.

It sits below the pipeline and every renderer, so renderers never import a command.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.options import BuildOptions


@dataclass(frozen=True)
class Artifact:
    """One file a renderer produced, not yet written."""

    name: str
    """File name inside the output folder."""
    data: bytes
    """The complete contents."""
    kind: str | None
    """Verification kind (``pdf``, ``html``, ``txt``, ``eml``) or None for no check."""
    detail: str = ""
    """A few words for the summary line, like ``3 pages``."""


@dataclass
class BuildContext:
    """Work shared by the renderers of one build: each handout is made once."""

    options: BuildOptions
    """The options of the build."""
    pdf_cache: dict[tuple[str, str, bool], bytes] = field(default_factory=dict)
    """Handouts made so far, by guide name, paper and print size (``render.pdf.handout_pdf``)."""
