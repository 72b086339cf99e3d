"""A list of up to six items is never split over two pages and never parted from its
heading; a longer one never leaves a single item alone; no heading ends a page. The
read-back finds each of these."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from helpers.drawn_pages import Text, drawn_pdf, footer, lines
from helpers.handouts import handout

from generator.parse import load_guide
from generator.verify.layout import handout_problems, layout_problems, read_pages
from generator.verify.pdftext import page_texts

SENTENCE = "A phone that is left open shows your messages, photos and accounts to anyone."
NEEDS = ("Your phone", "A number of six digits that you will remember", "A quiet minute")


def guide(paragraphs: int, needs: tuple[str, ...] = NEEDS) -> str:
    """A guide whose list of what you'll need comes after ``paragraphs`` of introduction."""
    intro = "\n\n".join([SENTENCE] * paragraphs)
    items = "\n".join(f"- {need}" for need in needs)
    return f"""\
---
title: Lock your phone with a number
summary: A short number that only you know stops anyone who picks up your phone.
checked: 2026-11-01
---

{intro}

## What you'll need

{items}

## Steps

### Open Settings
Tap the Settings app.

### Choose a six-digit number
Pick six numbers you will remember but that are not your birthday.
"""


# Introductions after which the list meets the foot of a page, on each paper and size.
AT_THE_FOOT = [("a4", False, 10), ("a4", True, 5), ("letter", True, 4), ("letter", False, 9)]


@pytest.mark.parametrize(("paper", "large", "paragraphs"), AT_THE_FOOT)
def test_a_short_list_at_the_foot_of_a_page_moves_on_with_its_heading(
    write_guide: Callable[..., Path], paper: str, large: bool, paragraphs: int
) -> None:
    path = write_guide(guide(paragraphs))
    data = handout(path, paper=paper, large_print=large)
    pages = [" ".join(text.split()) for text in page_texts(data)]
    (page,) = [text for text in pages if "What you'll need" in text]
    assert all(need in page for need in NEEDS), pages
    assert handout_problems(load_guide(path), read_pages(data)) == []


@pytest.mark.parametrize(("paper", "large", "paragraphs"), AT_THE_FOOT)
def test_the_read_back_finds_a_short_list_split_by_a_layout_that_allows_it(
    write_guide: Callable[..., Path],
    monkeypatch: pytest.MonkeyPatch,
    paper: str,
    large: bool,
    paragraphs: int,
) -> None:
    from generator.render.pdf import story

    monkeypatch.setattr(story, "SHORT_LIST", 0)
    path = write_guide(guide(paragraphs))
    data = handout(path, paper=paper, large_print=large)
    messages = [p.message for p in handout_problems(load_guide(path), read_pages(data))]
    assert any("a list of 3 items is split over pages" in m for m in messages), messages


def test_a_long_list_never_leaves_one_item_alone(write_guide: Callable[..., Path]) -> None:
    needs = tuple(f"Thing number {n} to bring along" for n in range(1, 10))
    splits = 0
    for paragraphs in range(17, 26):
        path = write_guide(guide(paragraphs, needs), name=f"long-{paragraphs}.md")
        for text in page_texts(handout(path)):
            found = [need for need in needs if need in " ".join(text.split())]
            assert len(found) != 1, (paragraphs, found)
            splits += 1 < len(found) < len(needs)
    assert splits  # the list did meet page breaks


def _bullets(texts: list[str], top: float) -> list[Text]:
    return [
        run
        for index, text in enumerate(texts)
        for run in (Text("\u2022", 60, top - index * 19), Text(text, 80, top - index * 19))
    ]


def test_the_read_back_finds_a_list_split_and_a_heading_ending_a_page() -> None:
    first = [
        *lines(["Some words of a paragraph."] * 3, 57, 760),
        Text("What you'll need", 57, 120, 19, bold=True),
        *_bullets(["Your phone"], 90),
        *footer(1, 2),
    ]
    second = [*_bullets(["Its charger", "A pen"], 780), *footer(2, 2)]
    problems = layout_problems(read_pages(drawn_pdf(first, second)), [])
    assert [(p.page, p.message) for p in problems] == [
        (1, "a list of 3 items is split over pages 1 and 2 (1 and 2)")
    ]
    alone = [*lines(["Some words."] * 3, 57, 760), Text("Steps", 57, 90, 19, bold=True)]
    rest = [*lines(["Do the steps in order."], 57, 780), *footer(2, 2)]
    problems = layout_problems(read_pages(drawn_pdf([*alone, *footer(1, 2)], rest)), [])
    assert [(p.page, p.message.split(",")[0]) for p in problems] == [
        (1, "the heading 'Steps' ends the page")
    ]


def test_a_long_list_split_between_items_is_no_broken_promise() -> None:
    items = [f"Thing {n}" for n in range(1, 10)]
    first = [*lines(["Words."] * 3, 57, 760), *_bullets(items[:5], 200), *footer(1, 2)]
    second = [*_bullets(items[5:], 780), *footer(2, 2)]
    assert layout_problems(read_pages(drawn_pdf(first, second)), []) == []
