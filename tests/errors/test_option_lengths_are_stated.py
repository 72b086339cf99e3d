"""--org, --title and --contact have a stated length, checked before anything is built.

A 5,000-character --org used to fail the build with "part of it is too large to fit on one
A4 page: shorten a very long address or word", blaming the guide for the option.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.cli import invoke
from helpers.guides import FIRST_GUIDE

from generator.cli import LONGEST_OPTION


@pytest.mark.parametrize(("option", "command"), [("org", "build"), ("contact", "build")])
def test_one_character_over_the_limit_is_refused_by_name(
    tmp_path: Path, option: str, command: str
) -> None:
    longest = LONGEST_OPTION[option]
    result = invoke(
        command, str(FIRST_GUIDE), "--out", str(tmp_path), f"--{option}", "x" * (longest + 1)
    )
    assert result.exit_code == 2
    assert (
        f"Invalid value for '--{option}': it is {longest + 1} characters long: "
        f"at most {longest} fit on the page" in result.stderr
    )
    assert not any(tmp_path.iterdir())


def test_a_workshop_title_over_the_limit_is_refused(tmp_path: Path) -> None:
    result = invoke("workshop", str(FIRST_GUIDE), "--out", str(tmp_path), "--title", "x" * 101)
    assert result.exit_code == 2
    assert "Invalid value for '--title': it is 101 characters long" in result.stderr


def test_every_option_at_its_limit_prints_in_the_tightest_layout(tmp_path: Path) -> None:
    words = "Kingsbridge Library and Community Hub " * 10
    result = invoke(
        "workshop",
        str(FIRST_GUIDE),
        "--out",
        str(tmp_path),
        "--layout",
        "booklet",
        "--large-print",
        "--title",
        words[: LONGEST_OPTION["title"]],
        "--org",
        words[: LONGEST_OPTION["org"]],
        "--contact",
        ("Ask at the desk or call 01234 567890. " * 10)[: LONGEST_OPTION["contact"]],
    )
    assert result.exit_code == 0, result.stderr
