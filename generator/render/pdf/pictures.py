"""Pictures and logos are read before anything is typeset, so a bad file is named clearly."""

from __future__ import annotations

from pathlib import Path

from generator.model import Guide, all_blocks, iter_images
from generator.problems import GuideError, Problem

NOT_A_PICTURE = "it is not a PNG or JPEG picture, or the file is damaged"


def readable(path: Path) -> bool:
    """True if the picture file can be printed."""
    import io

    from reportlab.lib.utils import ImageReader

    from generator.files import read_file
    from generator.parse.pictures import MAX_PICTURE_BYTES

    try:
        ImageReader(io.BytesIO(read_file(path, MAX_PICTURE_BYTES))).getSize()
    except Exception:  # Pillow and ReportLab raise many kinds for a bad picture
        return False
    return True


def _line_of(guide: Guide, source: str) -> int | None:
    from generator.parse import read_text

    try:
        lines = read_text(guide.path).split("\n")
    except GuideError:
        return None
    for number, line in enumerate(lines, start=1):
        if f"]({source})" in line or f"]({source} " in line:
            return number
    return None


def check_pictures(guide: Guide, logo: Path | None) -> None:
    """Raise GuideError naming every picture of the guide, and the logo, that cannot be read."""
    from generator.parse.pictures import logo_problem

    problems: list[Problem] = []
    found = logo_problem(logo)
    if found:
        problems.append(found)
    for image in iter_images(all_blocks(guide)):
        if not readable(image.path):
            problems.append(
                Problem(
                    guide.path,
                    _line_of(guide, image.source),
                    f"the picture {image.source} cannot be printed: {NOT_A_PICTURE}",
                )
            )
    if problems:
        raise GuideError.many(problems)
