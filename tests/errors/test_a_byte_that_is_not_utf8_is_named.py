"""A byte that is not UTF-8 in a typed value (a terminal set to Latin-1) is named as such, not as
an invisible formatting character to delete."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from helpers.cli import run_split
from helpers.guides import MINIMAL


@pytest.mark.parametrize("option", ["--org", "--contact"])
def test_a_latin1_byte_in_an_option_is_said_to_be_not_utf8(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, option: str
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "small.md").write_text(MINIMAL, encoding="utf-8")
    typed = os.fsdecode(b"Caf\xe9 club")  # as Python receives 'Café' typed in Latin-1
    code, _out, err = run_split("build", "small.md", option, typed)
    assert code != 0
    assert "a byte that is not UTF-8 text (0xE9)" in err, err
    assert "formatting" not in err
    assert not (tmp_path / "output").exists()
