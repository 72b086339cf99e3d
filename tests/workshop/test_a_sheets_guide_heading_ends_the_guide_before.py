"""On a facilitator sheet, the next guide's numbered heading ends the guide before it.

A guide's last caveat is followed by its notes, or else by the next guide's heading ("2.
Turn on two-step sign-in"). The layout check reads each line without its leading number,
so the heading has to be matched the same way: unmatched, the caveat seemed to run on into
the next guide's part, and the sheet was said to split it over two pages when it did not.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.cli import run
from helpers.guides import DATA

SCRIPTS = DATA / "scripts"


@pytest.mark.parametrize(
    ("guides", "options"),
    [
        (("scripts/urdu.md", "contract.md"), []),
        (("contract.md", "scripts/arabic.md", "scripts/hindi.md"), ["--large-print"]),
    ],
)
def test_no_caveat_is_said_to_be_split_when_the_next_guide_starts_a_page(
    guides: tuple[str, ...], options: list[str], tmp_path: Path
) -> None:
    code, out = run("workshop", *(str(DATA / g) for g in guides), "--out", str(tmp_path), *options)
    assert code == 0, out
    assert "split over pages" not in out, out
