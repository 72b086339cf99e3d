"""Every problem in a recipient list is reported in one go, from the top of the file down.

A sender fixes a list from top to bottom; a row the CSV reader cannot parse must not hide
the others, and a repeated address is reported where it is repeated, not at the end.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.problems import GuideError
from generator.send.recipients import read_recipients


def problems(tmp_path: Path, text: str) -> list[tuple[int | None, str]]:
    path = tmp_path / "family.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(GuideError) as raised:
        read_recipients([str(path)])
    assert all(problem.path == path for problem in raised.value.problems)
    return [(problem.line, problem.message) for problem in raised.value.problems]


def test_a_row_with_a_stray_quote_does_not_hide_the_rows_after_it(tmp_path: Path) -> None:
    found = problems(
        tmp_path,
        "email,name,large_print\n"
        "mum@example.com,Mum,perhaps\n"  # 2: bad large_print
        'dad@example.com,"Dad" Smith,\n'  # 3: the CSV reader gives up here
        "grandad@example.com,Grandad,\n"  # 4: fine
        "aunt@example,Jo,\n"  # 5: no dot in the domain
        "GRANDAD@example.com,Grandad again,\n",  # 6: listed twice
    )
    assert [line for line, _ in found] == [2, 3, 5, 6]
    assert "large_print must be 'yes' or 'no'" in found[0][1]
    assert "is not valid CSV" in found[1][1]
    assert "listed twice (first at" in found[3][1]


def test_a_quote_that_never_closes_is_named_at_its_line_and_reading_goes_on(
    tmp_path: Path,
) -> None:
    found = problems(
        tmp_path,
        "email,name,note\n"
        'mum@example.com,Mum,"See you Sunday\n'  # 2: the quote never closes
        "dad@example.com,Dad,maybe,extra\n"  # 3: one value too many
        "not an address,Grandad,\n",  # 4
    )
    assert [line for line, _ in found] == [2, 3, 4]
    assert "a double quote opened on this line is never closed" in found[0][1]


def test_a_repeated_address_comes_in_its_place_among_the_other_problems(
    tmp_path: Path,
) -> None:
    found = problems(
        tmp_path,
        "email,name,large_print,paper\n"
        "mum@example.com,Mum,,\n"
        "mum@example.com,Mum,,\n"  # 3: listed twice
        "dad@example,Dad,perhaps,A3\n",  # 4: three problems
    )
    assert [line for line, _ in found] == [3, 4, 4, 4]


def test_a_header_row_that_cannot_be_read_is_the_one_problem(tmp_path: Path) -> None:
    found = problems(tmp_path, 'email,"name\nmum@example.com,Mum\n')
    assert [line for line, _ in found] == [1]


def test_a_repeated_address_is_found_even_when_its_rows_have_other_problems(
    tmp_path: Path,
) -> None:
    found = problems(
        tmp_path,
        "email,name,large_print\n"
        "mum@example.com,Mum,maybe\n"  # 2: bad large_print
        "mum@example.com,Mum again,\n"  # 3: listed twice
        "dad@example.com,Dad,\n"
        "Dad@Example.com,Dad,perhaps\n",  # 5: listed twice, and a bad large_print
    )
    assert [line for line, _ in found] == [2, 3, 5, 5]
    assert "large_print must be 'yes' or 'no'" in found[0][1]
    assert "mum@example.com is listed twice (first at" in found[1][1]
    said = sorted(message for _, message in found[2:])
    assert said[0].startswith("Dad@example.com is listed twice (first at")
    assert said[1].startswith("large_print must be 'yes' or 'no'")


def test_a_stray_quote_is_named_where_it_opens_and_what_it_swallowed_is_not_blamed(
    tmp_path: Path,
) -> None:
    found = problems(
        tmp_path,
        "email,name\n"
        "a@example.com,A\n"
        "b@example.com,B\n"
        "c@example.com,C\n"
        "d@example.com,D\n"
        '"unterminated,x\n'  # 6: the stray quote opens here...
        "e@example.com,E\n"
        'f@example.com,Name"\n'  # 8: ...and the reader closes it here
        "g@example.com,G\n",
    )
    assert found == [
        (
            6,
            "a double quote opened on this line closes only on line 8, so lines 6 to 8 "
            "read as one value: remove the stray quote, or save the file again from your "
            "spreadsheet as CSV",
        )
    ]


def test_after_a_stray_quote_reading_goes_on_below_the_line_that_closed_it(
    tmp_path: Path,
) -> None:
    found = problems(
        tmp_path,
        "email,name\n"
        "a@example.com,A\n"
        '"stray,x\n'  # 3: opens a quote
        "e@example.com,E\n"
        'f@example.com,Name"junk\n'  # 5: closes it, then the reader gives up
        "A@example.com,Again\n",  # 6: listed twice
    )
    assert [line for line, _ in found] == [3, 6]
    assert "closes only on line 5, so lines 3 to 5 read as one value" in found[0][1]
    assert "A@example.com is listed twice (first at" in found[1][1]
    assert not any("Name" in message for _, message in found)


def test_a_note_written_over_two_lines_is_a_line_break_in_the_note_not_a_stray_quote(
    tmp_path: Path,
) -> None:
    found = problems(
        tmp_path,
        'email,name,note\nmum@example.com,Mum,"See you Sunday\nbring the charger, please"\n'
        "dad@example.com,Dad,\n",
    )
    assert found == [
        (
            2,
            "the note value 'See you Sunday\\nbring the charger, please' contains a line "
            "break (LF)",
        )
    ]
