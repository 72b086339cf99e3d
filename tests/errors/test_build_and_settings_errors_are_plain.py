"""A build that cannot write, or a guide.toml value of the wrong kind, says so plainly."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.cli import run_split
from helpers.guides import MINIMAL


def test_an_output_path_through_a_file_is_a_clear_error(tmp_path: Path) -> None:
    guide = tmp_path / "small.md"
    guide.write_text(MINIMAL, encoding="utf-8")
    blocker = tmp_path / "afile"
    blocker.write_text("not a folder")
    code, _, err = run_split("build", str(guide), "--out", str(blocker / "sub"), "--format", "txt")
    assert code == 1
    assert err.splitlines() == [
        f"{blocker}: error: is a file where a folder of that name must go (for small.txt): "
        "move or rename it; nothing was written"
    ]
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("toml", "line", "message"),
    [
        ("[build]\nout = 3\n", 2, "'out' must be text in quotes, like \"A4\", not 3"),
        ('large-print = "yes"\n', 1, "'large-print' must be true or false, not 'yes'"),
        ('[check]\nmax-age = "old"\n', 2, "'max-age' must be a whole number, not 'old'"),
        ("[build]\nformat = 3\n", 2, '\'format\' must be a list, like ["a", "b"], not 3'),
        ('paper = "A5"\n', 1, "'paper' must be one of a4, letter, not 'A5'"),
        (
            '[build]\nlogo = "nope.png"\n',
            2,
            "'logo' names 'nope.png', which does not exist (a relative path starts from the "
            "folder guide.toml is in)",
        ),
    ],
)
def test_a_guide_toml_value_of_the_wrong_kind_names_its_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, toml: str, line: int, message: str
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "guide.toml").write_text(toml, encoding="utf-8")
    code, _, err = run_split("check")
    assert code == 1
    assert err.strip() == f"guide.toml:{line}: error: {message}"


def test_a_single_text_for_a_list_option_is_accepted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "small.md").write_text(MINIMAL, encoding="utf-8")
    (tmp_path / "guide.toml").write_text('[build]\nformat = "txt"\n', encoding="utf-8")
    code, _, err = run_split("build", "small.md")
    assert code == 0, err
    assert sorted(p.name for p in (tmp_path / "output").iterdir()) == ["small.txt"]
