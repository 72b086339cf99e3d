"""What ``guide build`` and the renderers share: the options, the context and the files made.

It sits below ``build`` and every renderer, so renderers never import ``build``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

FORMATS = ("pdf", "html", "txt", "eml")
"""Every output format, in the order they are built (the .eml attaches the PDF)."""


@dataclass(frozen=True)
class BuildOptions:
    """Everything that changes what a build writes."""

    out: Path = Path("output")
    """Folder the files are written to."""
    formats: tuple[str, ...] = FORMATS
    """The formats to build."""
    paper: str = "a4"
    """``a4`` or ``letter``."""
    large_print: bool = False
    """Print at 18 pt or more for readers with low vision."""
    templates: Path | None = None
    """A folder searched before the bundled templates."""
    org: str | None = None
    """Organisation name printed on every handout."""
    logo: Path | None = None
    """Organisation logo (PNG or JPEG) for the handout."""
    contact: str | None = None
    """A contact line (phone, email or address) for the handout."""
    sender: str | None = None
    """The .eml's From address."""
    recipient: str | None = None
    """The .eml's To address."""
    story: bool = False
    """Also write the handout's intermediate XML story, for template authors."""
    base_url: str | None = None
    """The web edition's address (``--base-url``, ending in ``/``): handouts and emails then
    point to the guide's page there (``web_address.page_address``)."""

    def web_address(self, name: str) -> str | None:
        """The address of a guide edition's web page, or None without a base address."""
        from generator.web_address import page_address

        return page_address(self.base_url, name) if self.base_url else None


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
