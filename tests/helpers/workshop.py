"""Ways to look at a workshop pack the way a print shop or an attendee would."""

from __future__ import annotations

import re
from pathlib import Path

from generator.workshop import WorkshopOptions, build_workshop
from helpers.guides import DATA, FIRST_GUIDE

POLISH = FIRST_GUIDE.with_name("meta-ai-objection.pl.md")
SCREEN_LOCK = DATA / "workshop" / "screen-lock.md"
PACK_GUIDES = [FIRST_GUIDE, POLISH, SCREEN_LOCK]
TITLE = "Keep your accounts private"


def _page_number_pattern() -> re.Pattern[str]:
    """ "Page X of Y" in any shipped language: the pack's Polish guide counts in Polish."""
    from generator.i18n import shipped_languages, translations_for

    forms = {
        translations_for(lang).gettext("Page {page} of {pages}") for lang in shipped_languages()
    }
    alternatives = (
        re.escape(form).replace(r"\{page\}", r"(\d+)", 1).replace(r"\{pages\}", r"(\d+)", 1)
        for form in sorted(forms)
    )
    return re.compile("|".join(f"(?:{alternative})" for alternative in alternatives))


PAGE_NUMBER = _page_number_pattern()


def make_workshop(out: Path, **options: object) -> Path:
    """Build the three-guide workshop into ``out``; return its workshop folder."""
    report = build_workshop(
        PACK_GUIDES,
        WorkshopOptions(out=out, title=TITLE, **options),  # type: ignore[arg-type]
    )
    assert not report.failed, [str(p) for p in report.problems] + [str(f) for f in report.read_back]
    return out / "workshop"


def half_texts(data: bytes) -> list[tuple[str, str]]:
    """The text on the left and the right half of every sheet side (pdfium's reading)."""
    import pypdfium2

    document = pypdfium2.PdfDocument(data)
    found: list[tuple[str, str]] = []
    try:
        for page in document:
            width, height = page.get_size()
            text = page.get_textpage()
            found.append(
                (
                    text.get_text_bounded(0, 0, width / 2, height),
                    text.get_text_bounded(width / 2, 0, width, height),
                )
            )
    finally:
        document.close()
    return found


def page_number(text: str) -> tuple[int, int] | None:
    """The "Page X of Y" printed in a footer, if any."""
    found = list(PAGE_NUMBER.finditer(" ".join(text.split())))
    if not found:
        return None
    numbers = [int(group) for group in found[-1].groups() if group is not None]
    return numbers[0], numbers[1]
