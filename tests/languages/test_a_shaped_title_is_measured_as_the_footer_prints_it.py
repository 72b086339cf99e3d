"""`guide check` says a title takes two lines of a footer only when it does: a title in a
shaped script is measured in its own font and joined, as the footer sets it, not letter
by letter in DejaVu Sans (whose loose Arabic letters are half as wide again)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from helpers.guides import DATA
from helpers.handouts import handout

from generator.check import check_paths
from generator.verify.layout import read_pages

ARABIC = DATA / "scripts" / "arabic.md"


def footer_warnings(path: Path) -> list[str]:
    result = check_paths([path], today=dt.date(2026, 11, 26))
    return [p.message for p in result.problems if "footer of" in p.message]


def test_an_arabic_title_that_fits_a_large_print_footer_is_not_called_too_long() -> None:
    assert footer_warnings(ARABIC) == []
    page = read_pages(handout(ARABIC, large_print=True))[0]
    # The footer: the title beside the page number, then the date beside the version.
    assert page.lines[-2].text.startswith("اقفل شاشة هاتفك برمز")
    assert "من" in page.lines[-2].text
    assert page.lines[-1].text.startswith("رُوجع في")


def test_a_long_arabic_title_is_still_called_too_long(tmp_path: Path) -> None:
    path = tmp_path / "long.md"
    long_title = "title: اقفل شاشة هاتفك برمز من ستة أرقام لا يعرفه أحد غيرك أبدًا"
    path.write_text(
        ARABIC.read_text(encoding="utf-8").replace("title: اقفل شاشة هاتفك برمز", long_title),
        encoding="utf-8",
    )
    page = read_pages(handout(path, large_print=True))[0]
    assert page.lines[-3].text.startswith("اقفل شاشة")  # the title's first line of two
    assert footer_warnings(path) == [
        "the title is too long for one line of the footer of large-print pages and booklet "
        "pages and large-print booklet pages, so it takes two lines there: add a "
        "'short_title:' of about 20 letters for the footers"
    ]
