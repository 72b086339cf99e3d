"""One check for hidden characters, wherever text comes from; messages never replay them.

Front matter (lists included), command-line options, guide.toml settings and recipients'
names are all refused when they hold a control character or an invisible mark such as
U+202E, and every message that quotes input shows such a character as an escape (``\\x1b``)
instead of sending it to the terminal.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from helpers.cli import run

from generator.parse import load_guide
from generator.problems import GuideError, Problem

BODY = "---\n\n## Steps\n\n### One\nDo it.\n"
FRONT = "---\ntitle: T\nsummary: S\nchecked: 2026-11-20\n"


@pytest.mark.parametrize(
    "line",
    [
        'applies_to: ["Face\\u202ekoob", "Insta"]',
        'applies_to: ["\\u200bInsta"]',
        'applies_to: ["Insta\\u2800"]',
        'region: "Wales\\u2066"',
        'source:\n  title: "A\\u061cB"',
        'source:\n  title: S\n  publisher: "P\\x1b[2J"',
    ],
)
def test_every_front_matter_text_is_checked(write_guide: Callable[..., Path], line: str) -> None:
    path = write_guide(FRONT + line + "\n" + BODY)
    with pytest.raises(GuideError) as raised:
        load_guide(path)
    messages = [problem.message for problem in raised.value.problems]
    assert any("invisible" in message for message in messages), messages


def test_a_yaml_key_cannot_retitle_the_terminal(write_guide: Callable[..., Path]) -> None:
    path = write_guide(FRONT + '"\\e]0;PWNED\\a": 1\n' + BODY)
    code, output = run("check", str(path))
    assert code == 1
    assert "\x1b" not in output and "\x07" not in output
    assert "unknown key '\\x1b]0;PWNED\\x07'" in output


def test_a_file_name_with_an_escape_is_quoted_safely(tmp_path: Path) -> None:
    assert (
        str(Problem(tmp_path / "a\x1b[2Jb.md", 3, "x")) == f"{tmp_path}/a\\x1b[2Jb.md:3: error: x"
    )


@pytest.mark.parametrize(
    ("command", "option"),
    [
        ("build", "--org"),
        ("build", "--contact"),
        ("workshop", "--org"),
        ("workshop", "--title"),
    ],
)
def test_options_printed_on_a_handout_are_checked(
    tmp_path: Path, write_guide: Callable[..., Path], command: str, option: str
) -> None:
    path = write_guide(FRONT + BODY)
    code, output = run(command, str(path), "--out", str(tmp_path / "out"), option, "Kl\u202ebu")
    assert code == 2
    assert "U+202E" in output and "\u202e" not in output
    assert not (tmp_path / "out").exists()


def test_settings_in_guide_toml_are_checked(
    tmp_path: Path, write_guide: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_guide(FRONT + BODY)
    (tmp_path / "guide.toml").write_text('paper = "a4"\norg = "Club\\u202e"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, output = run("build", str(path))
    assert code != 0
    assert "guide.toml:2: error: 'org' contains an invisible formatting character (U+202E" in output


def test_a_recipients_name_with_a_blank_letter_is_refused(tmp_path: Path) -> None:
    from generator.send.recipients import read_recipients

    csv = tmp_path / "people.csv"
    csv.write_text("email,name\nmum@example.com,Mum\u3164\n", encoding="utf-8")
    with pytest.raises(GuideError) as raised:
        read_recipients([str(csv)])
    assert "U+3164" in str(raised.value)
