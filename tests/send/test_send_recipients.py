"""Recipient lists: a good CSV is read as written; every hostile row is refused with its line."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.parse.addresses import address_problem, split_named_address
from generator.problems import GuideError
from generator.send.recipients import Recipient, read_recipients


def write_csv(tmp_path: Path, text: str, name: str = "family.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    return path


def problems_of(values: list[str]) -> list[str]:
    with pytest.raises(GuideError) as caught:
        read_recipients(values)
    return [str(problem) for problem in caught.value.problems]


def test_a_good_csv_is_read_in_order_with_every_column(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path,
        "\ufeffEmail,Name,Large print,paper,note\r\n"
        "mum@example.com,Mum,no,,\r\n"
        'grandad@Example.ORG,Grandad,YES,letter,"See you Sunday, love"\r\n'
        "aunt.jo@example.net,,,A4,\r\n",
    )
    assert read_recipients([str(path)]) == [
        Recipient("mum@example.com", "Mum", False, None, None, path, 2),
        Recipient(
            "grandad@example.org", "Grandad", True, "letter", "See you Sunday, love", path, 3
        ),
        Recipient("aunt.jo@example.net", None, None, "a4", None, path, 4),
    ]


def test_to_values_accept_a_name_or_a_bare_address(tmp_path: Path) -> None:
    found = read_recipients(["Grandad <g@example.com>", '"Aunt Jo" <jo@example.com>', "x@y.org"])
    assert [(r.name, r.address, r.origin) for r in found] == [
        ("Grandad", "g@example.com", "--to:1"),
        ("Aunt Jo", "jo@example.com", "--to:2"),
        (None, "x@y.org", "--to:3"),
    ]


def test_every_hostile_row_is_reported_with_its_line(tmp_path: Path) -> None:
    rows = [
        "email,name,large_print,paper,note",
        "good@example.com,Good,,,",  # 2
        '"mum@example.com, evil@example.com",Two,,,',  # 3
        "mum@example.com(Mum),Comment,,,",  # 4
        '"""john doe""@example.com",Quoted,,,',  # 5
        "nodot@localhost,No dot,,,",  # 6
        "trailing@example.com.,Dot,,,",  # 7
        "grandad@gm\u0430il.com,Cyrillic a,,,",  # 8
        "<evil@example.com>,In brackets,,,",  # 9
        "ok2@example.com,Mum <evil@example.com>,,,",  # 10
        "GOOD@EXAMPLE.COM,Again,,,",  # 11: the address of line 2 again
        ",,,,",  # 12
        "ok3@example.com,,maybe,,",  # 13
        "ok4@example.com,,,A3,",  # 14
        "ok5@example.com,Tab\there,,,",  # 15
        "ok6@example.com,\u202egnirts,,,",  # 16: right-to-left override
        "ok7@example.com,,,,,extra",  # 17
        ",No address,,,",  # 18
        "two@@example.com,,,,",  # 19
        "ok8@[127.0.0.1],,,,",  # 20
        ".dot@example.com,,,,",  # 21
        '"a@example.com\r\nBcc: evil@example.com",Header injection,,,',  # 22-23
    ]
    path = write_csv(tmp_path, "\n".join(rows) + "\n")
    found = problems_of([str(path)])
    where = [line.split(": error: ")[0] for line in found]
    expected = [*range(3, 23)]
    assert where == [f"{path}:{n}" for n in expected]
    text = "\n".join(found)
    for expected_words in (
        "holds more than one address",
        "comment in brackets",
        "contains quotes",
        "has no dot",
        "ends with a dot",
        "look-alike letter?); if it is really right, write it as 'xn--",
        "is not a plain address: put the name in the 'name' column",
        "a name that looks like an address can mislead",
        "GOOD@example.com is listed twice (first at",
        "this row is empty",
        "large_print must be 'yes' or 'no' (or left empty), not 'maybe'",
        "paper must be 'a4' or 'letter' (or left empty), not 'A3'",
        "contains a tab",
        "invisible formatting character (U+202E RIGHT-TO-LEFT OVERRIDE)",
        "has 6 values but the header names 5 columns",
        "this row has no email address",
        "has more than one '@'",
        "IP address",
        "misplaced dot",
        "contains a line break (CR)",
    ):
        assert expected_words in text


def test_header_problems_name_line_one_and_suggest_the_column(tmp_path: Path) -> None:
    path = write_csv(tmp_path, "e-mail,name,large,colour\nmum@example.com,Mum,,\n")
    assert problems_of([str(path)]) == [
        f"{path}:1: error: unknown column 'e-mail' (did you mean 'email'?): the columns are "
        "email, name, large_print, paper, note, lang",
        f"{path}:1: error: unknown column 'large' (did you mean 'large_print'?): the columns "
        "are email, name, large_print, paper, note, lang",
        f"{path}:1: error: unknown column 'colour': the columns are email, name, large_print, "
        "paper, note, lang",
    ]


def test_missing_email_column_semicolons_and_empty_files(tmp_path: Path) -> None:
    no_email = write_csv(tmp_path, "name\nMum\n", "a.csv")
    semicolons = write_csv(tmp_path, "email;name\nmum@example.com;Mum\n", "b.csv")
    empty = write_csv(tmp_path, "", "c.csv")
    header_only = write_csv(tmp_path, "email,name\n", "d.csv")
    latin1 = tmp_path / "e.csv"
    latin1.write_bytes("email,name\nm@example.com,Zoë\n".encode("latin-1"))
    assert problems_of([str(p) for p in (no_email, semicolons, empty, header_only, latin1)]) == [
        f"{no_email}:1: error: there is no 'email' column: the first row must name the "
        "columns, like 'email,name'",
        f"{empty}: error: is empty: the first row must name the columns, like 'email,name'",
        f"{header_only}: error: has a header row but nobody below it",
        f"{latin1}: error: is not UTF-8 text: in your spreadsheet, save it as 'CSV UTF-8'",
    ]


def test_missing_file_and_bad_to_values(tmp_path: Path) -> None:
    assert problems_of([str(tmp_path / "nope.csv"), "<mum@example.com> Mum", "x@y.org\r\n"]) == [
        f"{tmp_path / 'nope.csv'}: error: no such file",
        "--to:2: error: '<mum@example.com> Mum' is not one address: write \"Name <address>\" "
        "or just the address",
        "--to:3: error: 'x@y.org\\r\\n' contains a line break (CR)",
    ]


def test_duplicates_across_the_file_and_the_command_line(tmp_path: Path) -> None:
    path = write_csv(tmp_path, "email\nmum@example.com\n")
    assert problems_of([str(path), "Mum <Mum@EXAMPLE.com>"]) == [
        "--to:2: error: Mum@example.com is listed twice (first at "
        f"{path}:2): each person gets one message; delete one of them"
    ]


@pytest.mark.parametrize(
    "value",
    [
        "a@b.c@d.com",
        "a@b.com,c@d.com",
        "Mum <a@b.com>",
        "(comment)a@b.com",
        '"a b"@example.com',
        "user@example",
        "user@example.com.",
        "user@-example.com",
        "user@example.123",
        "us..er@example.com",
        "usér@example.com",
        "user@exämple.com",
        "user@example.com\n",
        "user@exa\u200bmple.com",
        "user name@example.com",
        "a@" + "b" * 64 + ".com",
    ],
)
def test_tricks_parseaddr_lets_through_are_refused(value: str) -> None:
    assert address_problem(value) is not None


@pytest.mark.parametrize(
    "value", ["mum@example.com", "o'brien+guides@mail.example.co.uk", "x@xn--bcher-kva.de"]
)
def test_plain_addresses_are_accepted(value: str) -> None:
    assert address_problem(value) is None


def test_named_address_splitting() -> None:
    assert split_named_address('"Smith, Jo" <jo@example.com>') == ("Smith, Jo", "jo@example.com")
    assert split_named_address("<jo@example.com>") == (None, "jo@example.com")
    assert split_named_address("Jo <a@b.com> <c@d.com>") is None


def test_spreadsheet_habits_are_understood(tmp_path: Path) -> None:
    """Semicolons or tabs between columns, CRLF, a BOM and empty rows at the end are fine."""
    semicolons = write_csv(
        tmp_path, "\ufeffemail;name\r\nmum@example.com;Mum\r\n;\r\n;\r\n", "s.csv"
    )
    tabs = write_csv(tmp_path, "email\tname\ndad@example.com\tDad\n\n", "t.csv")
    people = read_recipients([str(semicolons), str(tabs)])
    assert [(p.address, p.name) for p in people] == [
        ("mum@example.com", "Mum"),
        ("dad@example.com", "Dad"),
    ]


def test_an_empty_row_in_the_middle_is_still_an_error(tmp_path: Path) -> None:
    path = write_csv(tmp_path, "email\nmum@example.com\n\ndad@example.com\n", "m.csv")
    assert problems_of([str(path)]) == [f"{path}:3: error: this row is empty: delete it"]


def test_an_unknown_column_does_not_make_rows_look_too_long(tmp_path: Path) -> None:
    path = write_csv(tmp_path, "email,name,Notes\nmum@example.com,Mum,hi\n", "n.csv")
    problems = problems_of([str(path)])
    assert len(problems) == 1 and "unknown column 'Notes'" in problems[0]
