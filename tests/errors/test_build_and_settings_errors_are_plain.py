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


@pytest.mark.parametrize(
    ("toml", "command", "message"),
    [
        (
            '# The Tuesday club\n\n[workshop]\nstart = "25:00"\n',
            "workshop",
            "guide.toml:4: error: 'start': '25:00' is not a time like 14:00 or 9:30",
        ),
        (
            '[build]\norg = "Kingsbridge Library"\n\n[workshop]\norg = "Tuesday\\u200bclub"\n',
            "workshop",
            "guide.toml:5: error: 'org' contains an invisible formatting character (U+200B ZERO "
            "WIDTH SPACE): delete it",
        ),
        (
            "[send]\nrate = -1\n",
            "send",
            "guide.toml:2: error: 'rate' must be a number, at least 0, not -1",
        ),
        (
            '[build]\ntemplates = "/dev/null"\n',
            "build",
            "guide.toml:2: error: 'templates': '/dev/null' is a device, not a folder: give the "
            "folder that holds the files",
        ),
        (
            'templates = "small.md"\n',
            "build",
            "guide.toml:1: error: 'templates': 'small.md' is a file, not a folder: give the "
            "folder that holds the files",
        ),
        (
            'logo = "."\n',
            "build",
            "guide.toml:1: error: 'logo': '.' is a folder, not a file: give a file saved on the "
            "disk",
        ),
    ],
)
def test_a_value_kept_in_guide_toml_is_refused_at_its_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, toml: str, command: str, message: str
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "small.md").write_text(MINIMAL, encoding="utf-8")
    (tmp_path / "guide.toml").write_text(toml, encoding="utf-8")
    more = ["--to", "mum@example.com", "--from", "anna@example.net"] if command == "send" else []
    code, out, err = run_split(command, "small.md", *more)
    assert code == 1, out + err
    assert err.splitlines() == [message]
    assert not (tmp_path / "output").exists()
