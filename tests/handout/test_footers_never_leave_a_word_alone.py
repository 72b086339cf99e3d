"""A footer's title that wraps never leaves one word alone on its last line, in large print,
on a booklet's half pages or on the facilitator sheet; `guide check` says where a title
takes two footer lines; the read-back finds a footer's lone word."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from helpers.drawn_pages import Text, drawn_pdf
from helpers.guides import MINIMAL
from helpers.handouts import handout

from generator.check import check_paths
from generator.options import BuildOptions
from generator.parse import load_guide
from generator.render.pdf import handout_story, typeset_story
from generator.render.text_width import text_width, wrap_words
from generator.verify.layout import _footer_start, layout_problems, read_pages

TITLE = "Spot a fake parcel-delivery text before you tap any link in it"
TODAY = dt.date(2026, 11, 25)


def width(text: str) -> float:
    return text_width(text, 18, bold=True)


def test_a_wrapped_title_takes_a_word_down_rather_than_leave_one_alone() -> None:
    lines = wrap_words("Spot a fake parcel-delivery text", width, 260, 330)
    assert lines == ["Spot a fake", "parcel-delivery text"]
    assert wrap_words("Spot a fake parcel-delivery text", width, 600, 600) == [
        "Spot a fake parcel-delivery text"
    ]


def test_a_footer_keeps_the_line_end_rules_of_its_language() -> None:
    text = "Sprzeciw wobec AI Mety w sieci i w domu"
    # In English the first line may end with "w"; in Polish "w" goes on with its word.
    assert wrap_words(text, width, 280, 330, "en")[0].endswith(" w")
    assert wrap_words(text, width, 280, 330, "pl") == ["Sprzeciw wobec AI Mety", "w sieci i w domu"]
    dashed = wrap_words("Sprzeciw wobec AI Mety – w skrócie", width, 280, 330)
    assert dashed == ["Sprzeciw wobec AI Mety –", "w skrócie"]


def title_lines(data: bytes) -> list[list[str]]:
    """On each page, the footer lines that hold the title's words."""
    pages = read_pages(data)
    found = []
    for number, page in enumerate(pages, start=1):
        footer = page.lines[_footer_start(page, number, len(pages)) :]
        found.append([line.text for line in footer if line.text.split()[0] in TITLE.split()])
    return found


@pytest.mark.parametrize(
    ("paper", "large"), [("a4", True), ("letter", True), ("a5", True), ("half-letter", False)]
)
def test_a_long_title_wraps_with_two_words_or_more_on_each_footer_line(
    write_guide: Callable[..., Path], paper: str, large: bool
) -> None:
    path = write_guide(MINIMAL.replace("title: A small guide", f"title: {TITLE}"))
    guide = load_guide(path)
    story, origin = handout_story(guide, BuildOptions(), paper=paper, large_print=large)
    data = typeset_story(story, page=paper, large_print=large, origin=origin, sources=None).data
    for lines in title_lines(data):
        assert len(lines) >= 2 and all(len(line.split()) >= 2 for line in lines), lines


def test_the_facilitator_sheet_footer_leaves_no_word_alone(
    write_guide: Callable[..., Path], tmp_path: Path
) -> None:
    from generator.workshop import WorkshopOptions, build_workshop

    path = write_guide(MINIMAL)
    for title in (
        "Staying safe online: parcels, passwords and the settings of a shared computer",
        "Staying safe online with your phone, your email and the family computer at home",
    ):
        options = WorkshopOptions(out=tmp_path / title[-8:], large_print=True, title=title)
        report = build_workshop([path], options, today=dt.date(2026, 11, 25))
        assert [str(f) for f in report.read_back] == []


def test_guide_check_names_each_footer_a_title_takes_two_lines_in(
    write_guide: Callable[..., Path],
) -> None:
    # Fits a regular page's footer beside "Page 1 of 3", not a large-print page's.
    title = "Check the privacy settings of your phone"
    path = write_guide(MINIMAL.replace("title: A small guide", f"title: {title}"))
    (problem,) = check_paths([path], today=TODAY).problems
    assert problem.line == 2 and problem.severity == "warning"
    assert "footer of large-print pages and booklet pages" in problem.message
    assert "short_title" in problem.message
    short = write_guide(
        MINIMAL.replace("title: A small guide", f"title: {title}\nshort_title: Phone privacy"),
        name="short.md",
    )
    assert check_paths([short], today=TODAY).problems == []


def test_the_read_back_finds_a_footer_word_left_alone() -> None:
    body = [Text("Words of a step.", 57, 760)]
    wrapped = [
        Text("Spot a fake parcel-delivery", 57, 76, 18, bold=True),
        Text("Page 1 of 1", 440, 76, 18, bold=True),
        Text("text", 57, 53, 18, bold=True),
        Text("Checked on 1 November 2026", 57, 30, 18),
    ]
    problems = layout_problems(read_pages(drawn_pdf([*body, *wrapped])), [])
    assert [p.message for p in problems] == [
        "the footer leaves one word alone on a line: 'Spot a fake parcel-delivery / text'"
    ]
    # An organisation's one-word name on a line of its own is no wrapped title.
    named = [
        Text("A small guide", 57, 76, 18, bold=True),
        Text("Page 1 of 1", 440, 76, 18, bold=True),
        Text("Checked on 1 November 2026", 57, 53, 18),
        Text("Kingsbridge", 57, 30, 18),
    ]
    assert layout_problems(read_pages(drawn_pdf([*body, *named])), []) == []


def test_a_footer_without_the_balancing_leaves_a_word_alone_and_is_found(
    write_guide: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator.render.pdf import document
    from generator.verify.layout import handout_problems

    # Greedy wrapping, as footers had: fill each line, whatever is left goes below.
    def greedy(
        text: str,
        width_of: Callable[[str], float],
        first: float,
        rest: float,
        lang: str = "",
        *,
        cut_words: bool = True,
    ) -> list[str]:
        lines = [""]
        for word in text.split():
            room = first if len(lines) == 1 else rest
            candidate = f"{lines[-1]} {word}".strip()
            if lines[-1] and width_of(candidate) > room:
                lines.append(word)
            else:
                lines[-1] = candidate
        return lines

    monkeypatch.setattr(document, "wrap_words", greedy)
    path = write_guide(
        MINIMAL.replace("title: A small guide", "title: Spot a fake parcel-delivery text")
    )
    data = handout(path, large_print=True)
    messages = [p.message for p in handout_problems(load_guide(path), read_pages(data))]
    assert any("the footer leaves one word alone" in m for m in messages), messages
