"""``guide send`` to many people: the table shows its first and last rows (and every row that
needs a look) with the totals, and every row is written to ``summary.csv`` in the outbox."""

from __future__ import annotations

import csv
from pathlib import Path

from click.testing import Result
from helpers.guides import MINIMAL
from helpers.mailserver import Mailbox
from helpers.sending import Start, anna_sends


def people(count: int) -> str:
    rows = [f"person{n}@example.com,Person {n},{'yes' if n % 7 == 0 else ''}" for n in range(count)]
    return "email,name,large_print\n" + "\n".join(rows) + "\n"


def send(tmp_path: Path, count: int, *args: str) -> Result:
    guide = tmp_path / "small-guide.md"
    guide.write_text(MINIMAL, "utf-8")
    family = tmp_path / "club.csv"
    family.write_text(people(count), "utf-8")
    return anna_sends(guide, tmp_path / "outbox", "--to", str(family), "--max", "500", *args)


def row(n: int, result: str, detail: str) -> list[str]:
    return [f"Person {n}", f"<person{n}@example.com>", *result.split(), *detail.split()]


def test_the_trial_run_for_sixty_people_shows_the_ends_and_the_totals(tmp_path: Path) -> None:
    result = send(tmp_path, 60)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["RECIPIENT", "RESULT", "DETAIL"]
    shown = [line.split() for line in lines[1:6] + lines[7:12]]
    assert [cells[:3] for cells in shown] == [
        ["Person", f"{n}", f"<person{n}@example.com>"] for n in [*range(5), *range(55, 60)]
    ]
    assert lines[6] == "… 50 more rows …"
    table = tmp_path / "outbox" / "summary.csv"
    assert lines[12:15] == [
        "",
        "60 recipients (in outbox: 60).",
        f"Every row is also in {table}, to open in a spreadsheet.",
    ]
    with table.open(encoding="utf-8-sig", newline="") as handle:
        written = list(csv.reader(handle))
    assert written[0] == ["email", "name", "result", "detail"]
    assert len(written) == 61
    assert written[1 + 28] == [
        "person28@example.com",
        "Person 28",
        "in outbox",
        "person28@example.com.eml (large print, A4)",
    ]


def test_a_short_list_is_shown_whole(tmp_path: Path) -> None:
    result = send(tmp_path, 20)
    lines = result.stdout.splitlines()
    assert [line.split()[1] for line in lines[1:21]] == [f"{n}" for n in range(20)]
    assert "more rows" not in result.stdout


def test_a_failure_in_the_middle_of_a_long_list_is_shown(
    tmp_path: Path, mail_server: Start
) -> None:
    refused = "550 5.1.1 No such user"
    server = mail_server(Mailbox(refuse={"person15@example.com": refused}))
    result = send(
        tmp_path, 30, "--send", "--smtp-host", "127.0.0.1", "--smtp-port", str(server.port)
    )
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[6] == "… 10 more rows …"
    assert lines[7].split() == [
        "Person",
        "15",
        "<person15@example.com>",
        "failed",
        *refused.split(),
    ]
    assert lines[8] == "… 9 more rows …"
    assert "30 recipients (sent: 29, failed: 1)." in lines
    with (tmp_path / "outbox" / "summary.csv").open(encoding="utf-8-sig", newline="") as handle:
        failed = [line for line in csv.reader(handle) if line[2] == "failed"]
    assert failed == [["person15@example.com", "Person 15", "failed", refused]]


def test_a_name_a_spreadsheet_would_run_as_a_formula_is_kept_as_text(tmp_path: Path) -> None:
    guide = tmp_path / "small-guide.md"
    guide.write_text(MINIMAL, "utf-8")
    family = tmp_path / "club.csv"
    family.write_text('email,name\nmum@example.com,"=HYPERLINK(""x"")"\n', "utf-8")
    result = anna_sends(guide, tmp_path / "outbox", "--to", str(family))
    assert result.exit_code == 0, result.output
    with (tmp_path / "outbox" / "summary.csv").open(encoding="utf-8-sig", newline="") as handle:
        [_header, mum] = list(csv.reader(handle))
    assert mum[1] == '\'=HYPERLINK("x")'
