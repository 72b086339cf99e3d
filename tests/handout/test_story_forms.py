"""The story elements for filling in by hand: ``<write-lines>`` and ``<tick-table>``."""

from __future__ import annotations

import pytest
from helpers.handouts import flat, page_texts, reader

from generator.render.pdf.document import typeset
from generator.render.pdf.forms import TickTable, WritingLines
from generator.render.pdf.story import StoryError, parse_story
from generator.render.pdf.styles import stylesheet

HEAD = '<?xml version="1.0" encoding="utf-8"?><handout>'


def story(body: str, page: str = "a4", large: bool = False) -> bytes:
    sheet = stylesheet(page, large)
    parsed = parse_story(HEAD + body + "</handout>", sheet, sources=None)
    return typeset(parsed.flowables, sheet, parsed.info, parsed.footer).data


def drawn_lines(data: bytes) -> list[int]:
    """How many straight lines each page draws (a rough count of ruled lines)."""
    counts = []
    for page in reader(data).pages:
        content = page.get_contents()
        assert content is not None
        operators = content.get_data().decode("latin-1").split()
        counts.append(operators.count("l"))
    return counts


def test_writing_lines_fill_the_rest_of_the_page() -> None:
    sheet = stylesheet("a4", False)
    lines = WritingLines(4, sheet.profile.write_line)
    _, high = lines.wrap(300, 400)
    assert lines.count == int(400 // sheet.profile.write_line)
    assert high == lines.count * sheet.profile.write_line <= 400
    one_page = story('<heading>Notes</heading><write-lines min="4"/>')
    assert len(reader(one_page).pages) == 1
    assert drawn_lines(one_page)[0] >= 20


def test_writing_lines_go_to_the_next_page_with_their_heading_if_too_few_fit() -> None:
    filler = "<para>Above.</para>" + '<space size="large"/>' * 16
    data = story(filler + '<heading>Notes</heading><write-lines min="6"/>')
    pages = [flat(text) for text in page_texts(data)]
    assert pages == ["Above.", "Notes"]
    assert drawn_lines(data)[0] == 0
    assert drawn_lines(data)[1] >= 20


def test_a_tick_table_fills_the_page_with_rows_to_write_names_in() -> None:
    data = story(
        '<tick-table rows="fill"><column>Name</column><column>1</column>'
        "<column>2</column></tick-table>"
    )
    assert len(reader(data).pages) == 1
    assert flat(page_texts(data)[0]) == "Name 1 2"
    sheet = stylesheet("a4", False)
    parsed = parse_story(
        HEAD + "<tick-table><column>Name</column><column>1</column></tick-table></handout>",
        sheet,
        sources=None,
    )
    table = next(f for f in parsed.flowables if isinstance(f, TickTable))
    table.wrap(sheet.frame_width, 500)
    assert table.count == int((500 - table.header_height) // sheet.profile.write_line)
    widths = table.column_widths(sheet.frame_width)
    assert widths[1] >= 15 * 72 / 25.4 - 0.01 and widths[0] == sheet.frame_width - widths[1]


def test_a_tick_table_with_a_set_number_of_rows_runs_on_with_its_header() -> None:
    data = story('<tick-table rows="60"><column>Name</column><column>Done</column></tick-table>')
    pages = [flat(text) for text in page_texts(data)]
    assert len(pages) >= 3
    assert all(text == "Name Done" for text in pages)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('<write-lines min="none"/>', '<write-lines min="none">: min must be a whole number'),
        ("<write-lines>text</write-lines>", "<write-lines> is empty"),
        ("<tick-table><column>Name</column></tick-table>", "<tick-table> holds <column>"),
        ('<tick-table rows="0"><column>A</column><column>B</column></tick-table>', "rows must be"),
        (
            "<tick-table><column>Name</column>"
            + "".join(f"<column>{n}</column>" for n in range(1, 10))
            + "</tick-table>",
            "<tick-table> has 9 columns to tick; this page has room for 8 beside the names",
        ),
    ],
)
def test_mistakes_in_forms_are_explained(body: str, message: str) -> None:
    with pytest.raises(StoryError, match=message.replace("(", r"\(")):
        parse_story(HEAD + body + "</handout>", stylesheet("a4", False), sources=None)


def test_a_table_of_facts_moves_to_the_next_page_with_its_heading() -> None:
    filler = "<para>Above.</para>" + '<space size="large"/>' * 15
    facts = "".join(
        f"<fact><label>Label {n}</label><value>Value {n}</value></fact>" for n in range(1, 5)
    )
    pages = [
        flat(text)
        for text in page_texts(story(f"{filler}<heading>Guide</heading><facts>{facts}</facts>"))
    ]
    assert pages == [
        "Above.",
        "Guide Label 1 Value 1 Label 2 Value 2 Label 3 Value 3 Label 4 Value 4",
    ]


def test_checklist_steps_without_text_fill_the_page_one_by_one() -> None:
    filler = "<para>Above.</para>" + '<space size="large"/>' * 14
    steps = "".join(
        f'<step number="{n}"><step-title>Step {n}</step-title></step>' for n in range(1, 9)
    )
    pages = [flat(text) for text in page_texts(story(filler + steps))]
    assert len(pages) == 2
    # Only the steps that do not fit go over; the rest stay on the first page.
    assert pages[0].startswith("Above. 1 Step 1")
    assert pages[1].startswith(tuple(f"{n} Step {n}" for n in range(3, 9)))
