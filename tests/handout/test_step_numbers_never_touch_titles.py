"""A step's number stands apart from its title, as far from it for step 12 as for step 1,
in every size and on every paper; the read-back says when a number touches its title."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from helpers.drawn_pages import Text, drawn_pdf, footer
from helpers.handouts import handout, step_number_gaps

from generator.verify.layout import layout_problems, read_pages

TWELVE_STEPS = "\n".join(
    [
        "---",
        "title: Check twelve settings on the family computer",
        "short_title: Twelve settings",
        "summary: Go through each setting in turn and tick it off.",
        "checked: 2026-11-01",
        "---",
        "",
        "## Steps",
        "",
        *(
            f"### Open setting {n} and look at it\nMake sure setting {n} is switched on.\n"
            for n in range(1, 13)
        ),
    ]
)


@pytest.mark.parametrize("large", [False, True], ids=["regular", "large-print"])
@pytest.mark.parametrize("paper", ["a4", "letter", "a5", "half-letter"])
def test_step_12_stands_as_far_from_its_title_as_step_1(
    write_guide: Callable[..., Path], paper: str, large: bool
) -> None:
    data = handout(write_guide(TWELVE_STEPS), paper=paper, large_print=large)
    found = step_number_gaps(data)
    assert sorted(found, key=int) == [str(n) for n in range(1, 13)]
    title_size = 21 if large else 15
    assert min(found.values()) >= title_size, found
    assert max(found.values()) - min(found.values()) < 0.5, found


def test_the_text_reads_the_number_apart_from_the_title(
    write_guide: Callable[..., Path],
) -> None:
    from generator.verify.pdftext import page_texts

    text = "\n".join(page_texts(handout(write_guide(TWELVE_STEPS), large_print=True)))
    assert "10 Open setting 10" in " ".join(text.split())
    assert "10Open" not in text


def test_a_guide_of_nine_steps_keeps_its_numbers_where_they_were(
    write_guide: Callable[..., Path],
) -> None:
    nine = TWELVE_STEPS.split("### Open setting 10")[0]
    found = step_number_gaps(handout(write_guide(nine)))
    # One digit needs no wider column: the designed 13 mm, less the digit's width.
    assert {round(gap, 1) for gap in found.values()} == {17.4}


def test_the_facilitator_sheet_and_the_booklet_keep_numbers_apart(
    write_guide: Callable[..., Path], tmp_path: Path
) -> None:
    from generator.workshop import WorkshopOptions, build_workshop

    path = write_guide(TWELVE_STEPS)
    for large in (False, True):
        out = tmp_path / f"large-{large}"
        options = WorkshopOptions(out=out, large_print=large, layout="booklet")
        report = build_workshop([path], options, today=dt.date(2026, 11, 25))
        assert [str(f) for f in report.read_back] == []
        sheet = next(out.glob("workshop/facilitator-sheet*.pdf"))
        found = step_number_gaps(sheet.read_bytes())
        assert len(found) == 12 and min(found.values()) >= 15


def test_the_read_back_finds_a_number_that_touches_its_title() -> None:
    heading = [Text("10", 57, 700, 28, bold=True), Text("Open setting 10", 94, 700, 15, bold=True)]
    problems = layout_problems([read_pages(drawn_pdf([*heading, *footer(1, 1)]))[0]], [])
    assert [p.message.split(" (")[0] for p in problems] == ["the step number 10 touches its title"]
    apart = [Text("10", 57, 700, 28, bold=True), Text("Open setting 10", 113, 700, 15, bold=True)]
    assert layout_problems([read_pages(drawn_pdf([*apart, *footer(1, 1)]))[0]], []) == []
