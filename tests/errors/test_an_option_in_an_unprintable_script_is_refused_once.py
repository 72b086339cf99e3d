"""An ``--org`` or ``--contact`` in a script the handout cannot print is refused once.

A library's name written in N'Ko is refused (printed, it would come out backwards and
unjoined), with one error naming the script and its first letter, not one for every
letter of the name.
"""

from __future__ import annotations

from pathlib import Path

from helpers.cli import run
from helpers.guides import DATA


def test_a_name_in_nko_gets_one_error_per_option(tmp_path: Path) -> None:
    code, out = run(
        "build",
        str(DATA / "contract.md"),
        "--out",
        str(tmp_path),
        "--format",
        "pdf",
        "--org",
        "\u07d2\u07de\u07cf \u07d3\u07ca",
        "--contact",
        "\u07d2\u07de\u07cf 0123 456",
    )
    assert code != 0
    errors = [line for line in out.splitlines() if ": error:" in line]
    assert errors == [
        "--org: error: the character '\u07d2' (U+07D2 NKO LETTER N) is N'Ko script, which the "
        "handout cannot print: its letters need joining, reordering or right-to-left layout "
        "that the handout does not do, and printing them wrongly would mislead readers",
        "--contact: error: the character '\u07d2' (U+07D2 NKO LETTER N) is N'Ko script, which "
        "the handout cannot print: its letters need joining, reordering or right-to-left "
        "layout that the handout does not do, and printing them wrongly would mislead readers",
    ]
    assert not (tmp_path / "contract.pdf").exists()
