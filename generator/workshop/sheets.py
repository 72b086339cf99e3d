"""The facilitator sheet, the progress sheet and the print instructions of a workshop.

Each comes from its own template; the sheets are always printed on full-size paper, one
copy each, whatever the layout of the attendee pack.
"""

from __future__ import annotations

from typing import Any

from generator.render.pdf.template import render_template
from generator.workshop.pack import Pack, PackRequest, lay_out_template, template_context

FACILITATOR_TEMPLATE = "workshop/facilitator.xml"
PROGRESS_TEMPLATE = "workshop/progress.xml"
INSTRUCTIONS_TEMPLATE = "workshop/print-instructions.txt"

PAPER_NAMES = {"a4": "A4", "letter": "US Letter"}


def make_sheet(name: str, pack: Pack, request: PackRequest) -> tuple[bytes, int]:
    """A sheet typeset from a workshop template on the full paper size, and its page count."""
    context = template_context(request, pack.workshop, request.paper)
    laid_out = lay_out_template(name, context, request, request.paper)
    return laid_out.finish(), laid_out.pages


def sheets_per_copy(pack: Pack, layout: str) -> int:
    """How many sheets of paper one printed copy of the attendee pack takes."""
    if layout == "booklet":
        return -(-pack.pages // 4)
    return -(-pack.pages // 2)


def print_instructions(pack: Pack, request: PackRequest, files: dict[str, str]) -> str:
    """How to print each file of the workshop folder, for the facilitator and the print shop."""
    context: dict[str, Any] = {
        **template_context(request, pack.workshop, request.paper),
        "files": files,
        "pages": pack.pages,
        "sheets": sheets_per_copy(pack, request.layout),
        "paper_name": PAPER_NAMES[request.paper],
    }
    text, _ = render_template(
        INSTRUCTIONS_TEMPLATE,
        context,
        templates=request.handout.templates,
        lang=pack.workshop.lang,
    )
    return text
