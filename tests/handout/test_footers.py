"""Page footers never cut a word short: a long title wraps or gives way to its short title."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from helpers.guides import FIRST_GUIDE, MINIMAL
from helpers.handouts import handout, page_texts, text_runs

from generator.check import check_paths
from generator.options import BuildOptions
from generator.parse import load_guide
from generator.render.pdf import handout_story, typeset_story
from generator.render.pdf.styles import stylesheet

POLISH = FIRST_GUIDE.with_name("meta-ai-objection.pl.md")
CHECKED = dt.date(2026, 11, 25)
"""A day the minimal guide's steps are recent on, whatever the clock says."""
LONG_TITLE = "Check every privacy setting of your social media accounts before the holidays start"


def footer_lines(data: bytes, footer_top: float) -> list[list[str]]:
    """The footer text of each page: the runs drawn below ``footer_top`` points."""
    return [
        [run.text for run in sorted(runs, key=lambda run: -run.y) if run.y < footer_top]
        for runs in text_runs(data)
    ]


def test_no_footer_is_cut_short_in_any_size_or_language() -> None:
    for path in (FIRST_GUIDE, POLISH):
        for paper in ("a4", "letter"):
            for large in (False, True):
                for text in page_texts(handout(path, paper=paper, large_print=large)):
                    assert "\u2026" not in text, (path.name, paper, large)


def test_a_title_too_long_for_the_footer_wraps_to_a_second_line(
    write_guide: Callable[..., Path],
) -> None:
    path = write_guide(MINIMAL.replace("title: A small guide", f"title: {LONG_TITLE}"))
    data = handout(path, large_print=True)
    for page in footer_lines(data, footer_top=110):
        holding = [line for line in page if line.split()[0] in LONG_TITLE.split()]
        # Every word of the title, in order, over more than one line; nothing shortened.
        assert len(holding) >= 2, page
        assert " ".join(holding) == LONG_TITLE
        assert "\u2026" not in " ".join(page)


def test_a_short_title_stands_in_where_the_title_does_not_fit(
    write_guide: Callable[..., Path],
) -> None:
    text = MINIMAL.replace(
        "title: A small guide", f"title: {LONG_TITLE}\nshort_title: Privacy before the holidays"
    )
    path = write_guide(text)
    for large in (False, True):
        for page in page_texts(handout(path, large_print=large)):
            assert "Privacy before the holidays" in page
            assert "\u2026" not in page


def test_guide_check_says_when_a_title_needs_a_short_title(
    write_guide: Callable[..., Path],
) -> None:
    path = write_guide(MINIMAL.replace("title: A small guide", f"title: {LONG_TITLE}"))
    warnings = [str(p) for p in check_paths([path], today=CHECKED).problems]
    assert len(warnings) == 1 and ":2: warning: the title is too long" in warnings[0]
    assert "short_title" in warnings[0]
    fixed = write_guide(
        MINIMAL.replace("title: A small guide", f"title: {LONG_TITLE}\nshort_title: Privacy"),
        name="fixed.md",
    )
    assert check_paths([fixed], today=CHECKED).problems == []
    too_long = write_guide(
        MINIMAL.replace(
            "title: A small guide", f"title: {LONG_TITLE}\nshort_title: {LONG_TITLE[:40]}"
        ),
        name="too-long.md",
    )
    (problem,) = check_paths([too_long], today=CHECKED).problems
    assert problem.line == 3 and "'short_title' is too long" in problem.message


def test_half_size_pages_keep_the_footer_to_two_lines() -> None:
    for path in (FIRST_GUIDE, POLISH):
        guide = load_guide(path)
        for page in ("a5", "half-letter"):
            story, origin = handout_story(guide, BuildOptions(), paper=page, large_print=False)
            data = typeset_story(
                story, page=page, large_print=False, origin=origin, sources=None
            ).data
            sheet = stylesheet(page, False)
            footer_top = sheet.text_bottom(2)
            for lines in footer_lines(data, footer_top):
                assert len(lines) == 4, lines  # two lines, each with a left and a right
                assert guide.version in " ".join(lines)
                assert guide.short_title in lines


def test_large_print_footer_is_18_point() -> None:
    data = handout(FIRST_GUIDE, large_print=True)
    sizes = {run.size for runs in text_runs(data) for run in runs if run.y < 100}
    assert sizes and min(sizes) >= 18


def test_the_footer_room_guide_check_assumes_is_the_room_on_the_page() -> None:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from generator.i18n import translations_for
    from generator.render.pdf.fonts import BOLD, register_fonts
    from generator.render.text_width import FULL_PAGE_FOOTER_ROOM, HALF_PAGE_FOOTER_ROOM

    register_fonts()
    for lang in ("en", "cy", "de", "es", "fr", "pl", "uk"):
        pages = translations_for(lang).gettext("Page {page} of {pages}")
        shown = pages.replace("{pages}", "888").replace("{page}", "888")
        for page, room in (("half-letter", HALF_PAGE_FOOTER_ROOM), ("a4", FULL_PAGE_FOOTER_ROOM)):
            sheet = stylesheet(page, False)
            left = sheet.frame_width - stringWidth(shown, BOLD, 12) - 24
            # English is the yardstick on full pages; other languages may lose a letter or two.
            assert room <= left + (0 if lang == "en" or page != "a4" else 12), (lang, page)
