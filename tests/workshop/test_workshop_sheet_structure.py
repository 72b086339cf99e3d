"""The facilitator sheet and the pack's cover, as a screen reader walks them.

Each guide on the facilitator sheet is a section holding all of its content, with headings
nested under the guide's title; its steps to tick are a list; every run of a guide's own
words (its title in the agenda and on the cover, its steps, caveats and notes) says its
language; and a guide's title and the sheet's words about it are separate elements, so a
screen reader pauses between them.
"""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest
from helpers.guides import FIRST_GUIDE
from helpers.structure import Element, elements, struct_tree
from helpers.workshop import POLISH, SCREEN_LOCK, make_workshop

from generator.parse import load_guide
from generator.typography import plain_quotes

GUIDES = [load_guide(path) for path in (FIRST_GUIDE, POLISH, SCREEN_LOCK)]


@pytest.fixture(scope="module")
def workshop(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_workshop(tmp_path_factory.mktemp("sheet-structure"))


def _headings(element: Element) -> list[int]:
    found = [int(element.role[1])] if element.role in {f"H{n}" for n in range(1, 7)} else []
    for kid in element.kids:
        found += _headings(kid)
    return found


def test_each_guide_is_one_section_with_its_headings_nested_under_its_title(
    workshop: Path,
) -> None:
    document = elements((workshop / "facilitator-sheet.pdf").read_bytes())
    top = [kid.role for kid in document.kids]
    # The agenda and what to bring are sections too, each under its heading.
    assert top == ["H1", "P", "Sect", "Sect", "Sect", "Sect", "Sect"]
    assert [kid.role for kid in document.kids[2].kids] == ["H2", "P", "Table"]
    assert [kid.role for kid in document.kids[3].kids] == ["H2", "L"]
    levels = _headings(document)
    assert levels[0] == 1
    assert all(after <= before + 1 for before, after in pairwise(levels))
    for section, guide in zip(document.kids[4:], GUIDES, strict=True):
        roles = [kid.role for kid in section.kids]
        assert roles[:4] == ["H2", "Table", "H3", "L"], guide.title
        assert section.kids[0].lang == guide.lang
        # The steps to tick: a list in the guide's language, an item (number, title) a step.
        steps = section.kids[3]
        assert steps.lang == guide.lang
        assert [[part.role for part in item.kids] for item in steps.kids] == [
            ["Lbl", "LBody"]
        ] * len(guide.steps)
        if guide.caveats:
            box = next(kid for kid in section.kids if kid.role == "Sect")
            assert box.kids[0].role == "H3"
            caveats = box.kids[1]
            assert caveats.lang == guide.lang
            assert [kid.role for kid in caveats.kids if kid.role.startswith("H")] == ["H4"] * len(
                guide.caveats
            )


def test_the_steps_read_as_numbered_items_and_the_agenda_as_separate_lines(
    workshop: Path, tmp_path: Path
) -> None:
    tree = struct_tree((workshop / "facilitator-sheet.pdf").read_bytes(), tmp_path)
    items = [plain_quotes(element.text) for element in tree if element.role == "LI"]
    for guide in GUIDES:
        for step in guide.steps:
            assert plain_quotes(f"{step.number} {' '.join(step.title.split())}") in items
    cells = [element for element in tree if element.role == "TD"]
    title_lines = [e.text for e in tree if e.role == "P" and e.text.endswith(GUIDES[0].title)]
    assert title_lines == [f"1. {GUIDES[0].title}"]
    assert any(cell.text.startswith(f"1. {GUIDES[0].title} About") for cell in cells)


def test_the_agenda_and_the_cover_mark_each_guide_title_in_its_language(
    workshop: Path,
) -> None:
    sheet = elements((workshop / "facilitator-sheet.pdf").read_bytes())
    agenda = sheet.kids[2].kids[2]
    for row, guide in zip(agenda.kids, GUIDES, strict=False):
        title, times = row.kids[1].kids
        assert (title.role, title.lang) == ("P", guide.lang)
        assert (times.role, times.lang) == ("P", None)  # the sheet's own words
    pack = elements((workshop / "attendee-pack.pdf").read_bytes())
    cover = pack.kids[0]  # the pack's first part
    listing = next(kid for part in cover.kids for kid in part.kids if kid.role == "L")
    for item, guide in zip(listing.kids, GUIDES, strict=True):
        title, about = item.kids[1].kids
        assert (title.lang, about.lang) == (guide.lang, None)


@pytest.mark.parametrize(
    ("story", "message"),
    [
        ("<heading level='7'>Caveats</heading>", "the level is a number from 2 to 6"),
        ("<checklist><para>Open it</para></checklist>", "<checklist> may only contain <step>"),
        (
            "<checklist><step number='1'><step-title>Open</step-title><para>x</para></step>"
            "</checklist>",
            "holds only its <step-title>",
        ),
        (
            "<facts><fact><label>When</label><value>Now <para>later</para></value></fact></facts>",
            "either text or blocks",
        ),
    ],
)
def test_a_story_misusing_the_new_structure_words_says_what_to_change(
    story: str, message: str
) -> None:
    from generator.render.pdf.story import StoryError, parse_story
    from generator.render.pdf.styles import stylesheet

    with pytest.raises(StoryError, match=message):
        parse_story(f"<handout>{story}</handout>", stylesheet("a4", False), sources=None)
