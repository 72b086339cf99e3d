"""What the site uses of the build's writing and read-back, in one place.

When these move (the build's file helpers, ``verify``), only this module changes.
"""

from __future__ import annotations

from generator.build import PART, BuildReport, Written, flush_to_disk, stage, sweep_parts
from generator.verify import Finding, check_complete, text_of_html, text_of_pdf, verify_output

__all__ = [
    "PART",
    "BuildReport",
    "Finding",
    "Written",
    "check_complete",
    "flush_to_disk",
    "stage",
    "sweep_parts",
    "text_of_html",
    "text_of_pdf",
    "verify_output",
]
