"""A list whose first item does not fit in the room left on a page moves to the next one.

The cover of an Urdu pack in large print on half-size pages lists its guides in Nastaliq,
whose lines need twice the room: the list broke between its items and handed back a first
item taller than the room left, which ReportLab cannot place ("too large to fit on one A5
page"). The first item now splits or moves on as a unit kept together does.
"""

from __future__ import annotations

from pathlib import Path

from helpers.cli import run
from helpers.guides import DATA


def test_an_urdu_booklet_in_large_print_is_made(tmp_path: Path) -> None:
    code, out = run(
        "workshop",
        str(DATA / "scripts" / "urdu.md"),
        str(DATA / "contract.md"),
        "--layout",
        "booklet",
        "--large-print",
        "--out",
        str(tmp_path),
    )
    assert code == 0, out
    assert (tmp_path / "workshop" / "attendee-pack-booklet-large-print.pdf").is_file()
