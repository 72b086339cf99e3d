"""Arabic (or any shaped script) marked as code is refused once, on the line of the code.

The typewriter font has no Arabic letters. Each letter used to get its own error, placed
on the first line of the file holding that letter (the summary, in an Arabic guide), not
on the line where it was marked as code. One error names the script, on the code's line.
"""

from __future__ import annotations

from pathlib import Path

from helpers.cli import run
from helpers.script_guides import arabic_guide


def test_one_error_on_the_line_of_the_code(tmp_path: Path) -> None:
    path = arabic_guide(tmp_path, "اكتب `رمز` في الخانة.")
    code, out = run("check", str(path))
    assert code != 0
    errors = [line for line in out.splitlines() if ": error:" in line]
    assert len(errors) == 1, errors
    assert errors[0].startswith(f"{path}:11: error: "), errors
    assert "Arabic" in errors[0] and "`code`" in errors[0], errors
