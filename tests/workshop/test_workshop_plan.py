"""The arithmetic of a workshop: right-hand starts, booklet order, agenda times, what to bring."""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools

from helpers.guides import FIRST_GUIDE
from hypothesis import given
from hypothesis import strategies as st

from generator.model import Guide, Text
from generator.parse import load_guide
from generator.workshop.plan import (
    booklet_sides,
    bring_list,
    entries,
    plan_pack,
    two_up_sides,
)


def folded_reading_order(sides: list[tuple[int | None, int | None]]) -> list[int | None]:
    """The pages in the order a reader meets them in the folded booklet.

    Sheets are printed front then back (flipping on the short edge, so the back's left half
    lies behind the front's right half), stacked with the first sheet outside, and folded.
    """
    sheets = [(sides[i], sides[i + 1]) for i in range(0, len(sides), 2)]
    first_half = [page for front, back in sheets for page in (front[1], back[0])]
    second_half = [page for front, back in reversed(sheets) for page in (back[1], front[0])]
    return first_half + second_half


def test_an_eight_page_booklet_is_printed_in_the_usual_order() -> None:
    assert booklet_sides(8) == [(8, 1), (2, 7), (6, 3), (4, 5)]


@given(st.integers(min_value=1, max_value=120))
def test_a_folded_booklet_reads_in_order_with_blanks_only_at_the_end(pages: int) -> None:
    sides = booklet_sides(pages)
    assert len(sides) % 2 == 0
    order = folded_reading_order(sides)
    assert len(order) % 4 == 0 and len(order) - pages < 4
    assert order[:pages] == list(range(1, pages + 1))
    assert set(order[pages:]) <= {None}


def test_two_up_puts_the_same_page_on_both_halves() -> None:
    assert two_up_sides(3) == [(1, 1), (2, 2), (3, 3)]


@given(
    st.integers(min_value=1, max_value=3),
    st.lists(st.integers(min_value=1, max_value=9), min_size=1, max_size=6),
    st.sampled_from([2, 4]),
)
def test_every_guide_starts_on_a_right_hand_page(
    cover: int, guides: list[int], multiple: int
) -> None:
    parts = plan_pack(cover, guides, multiple)
    assert parts[0].kind == "cover" and parts[0].first == 1
    # The parts follow each other without a gap or an overlap.
    for before, after in itertools.pairwise(parts):
        assert after.first == before.last + 1
    placed = [part for part in parts if part.kind == "guide"]
    assert [part.pages for part in placed] == guides
    assert [part.guide for part in placed] == list(range(len(guides)))
    assert all(part.first % 2 == 1 for part in placed)
    assert parts[-1].last % multiple == 0
    # Notes pages fill gaps only: one before a guide at most, and fewer than ``multiple`` at
    # the end.
    notes = [part for part in parts if part.kind == "notes"]
    assert all(part.pages == 1 for part in notes)
    assert len(notes) <= len(guides) + multiple - 1


def test_agenda_times_add_up_from_the_start_of_the_session() -> None:
    guide = load_guide(FIRST_GUIDE)
    short = dataclasses.replace(guide, minutes=5)
    untimed = dataclasses.replace(guide, minutes=None)
    parts = plan_pack(1, [3, 2, 2, 2], 2)
    timed = entries([guide, short, untimed, guide], parts, dt.time(13, 55))
    assert [(e.starts, e.ends) for e in timed] == [
        ("13:55", "14:05"),
        ("14:05", "14:10"),
        ("14:10", None),
        (None, None),
    ]
    assert [(e.first_page, e.last_page) for e in timed] == [(3, 5), (7, 8), (9, 10), (11, 12)]
    relative = entries([guide, short], parts, None)
    assert [(e.starts, e.ends) for e in relative] == [("0:00", "0:10"), ("0:10", "0:15")]


def test_what_to_bring_names_each_thing_once() -> None:
    guide = load_guide(FIRST_GUIDE)
    other = dataclasses.replace(
        guide,
        slug="other",
        needs=(
            (Text("Your  phone."),),
            (Text("the email address you use for that account"),),
            (Text("Your phone"),),
        ),
    )
    bring = [
        " ".join(t.text for t in need.text if isinstance(t, Text))
        for need in bring_list([guide, other])
    ]
    assert bring == [
        "Your phone or tablet with the Facebook or Instagram app on it",
        "The app already signed in to your account",
        "The email address you use for that account",
        "Your  phone.",
    ]


def test_a_guide_and_its_translation_list_each_thing_once_in_the_packs_language() -> None:
    english, polish = load_guide(FIRST_GUIDE), load_guide(FIRST_GUIDE.with_suffix(".pl.md"))

    def words(guides: list[Guide]) -> list[str]:
        return [
            " ".join(t.text for t in need.text if isinstance(t, Text))
            for need in bring_list(guides)
        ]

    assert words([english, polish]) == words([english])
    assert words([polish, english]) == words([polish])
    assert len(words([english, polish])) == len(english.needs) == 3
