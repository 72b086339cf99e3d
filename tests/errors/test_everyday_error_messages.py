"""Errors a new user meets on a first evening: one clear line each, naming what to fix."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.cli import run_split
from helpers.guides import FIRST_GUIDE

HEAD = "---\ntitle: T\nsummary: S\nchecked: 2026-11-20\n---\n\n## Steps\n\n### One\n\nDo it.\n\n"


def test_listing_a_folder_that_does_not_exist_is_one_line_and_no_table(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = run_split("list", "nosuch/")
    assert code == 1
    assert out == ""
    assert err == "nosuch: error: no such file or folder\n"


def test_a_caveats_section_under_another_name_gets_a_hint(tmp_path: Path) -> None:
    guide = tmp_path / "aware.md"
    guide.write_text(HEAD + "## Things to be aware of\n\n### Careful\n\nText.\n", "utf-8")
    code, _, err = run_split("check", "--max-age", "100000", str(guide))
    assert code == 1
    assert err == (
        f"{guide}:15: error: a '###' heading is not allowed in 'Things to be aware of': '###' "
        "headings only start steps, caveats and questions; if these are caveats, name the "
        "section '## Caveats' or end its heading with {#caveats}\n"
    )


def test_an_unknown_section_id_is_quoted_as_written(tmp_path: Path) -> None:
    guide = tmp_path / "ids.md"
    guide.write_text(HEAD + "## More {#extra<b>}\n\nText.\n", "utf-8")
    code, _, err = run_split("check", "--max-age", "100000", str(guide))
    assert code == 1
    assert "unknown section id '#extra<b>': the ids are #needs, #steps" in err
    assert "\x02" not in err and "\x03" not in err and "wzxhzdk" not in err


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        (
            "[build]\njobs = -5\n",
            "guide.toml:2: error: 'jobs' must be a whole number, at least 1, not -5",
        ),
        (
            'paper = "a4"\n\n[check]\nmax-age = -1\n',
            "guide.toml:4: error: 'max-age' must be a whole number, at least 0, not -1",
        ),
    ],
)
def test_a_value_out_of_range_in_guide_toml_names_the_file_and_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, toml: str, message: str
) -> None:
    (tmp_path / "guide.toml").write_text(toml, "utf-8")
    monkeypatch.chdir(tmp_path)
    code, _, err = run_split("check", str(FIRST_GUIDE))
    assert code == 1
    assert err.splitlines() == [message]
    assert "Traceback" not in err and "Invalid value" not in err
