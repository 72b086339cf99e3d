"""The guides shipped in content/ pass ``guide check`` and build, on the day they were checked.

Every other test reads its own guides under tests/data/; this one alone reads content/, and
takes as today the newest 'checked' date there, so re-checking a shipped guide keeps it true.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.cli import run
from helpers.guides import ROOT

from generator import clock
from generator.parse import find_guides, load_guide

CONTENT = ROOT / "content"


def test_the_shipped_guides_check_and_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shipped = find_guides([CONTENT])
    assert shipped, "content/ holds no guide"
    newest = max(load_guide(path).checked for path in shipped)
    monkeypatch.setenv(clock.TODAY, newest.isoformat())
    code, output = run("check", str(CONTENT))
    assert code == 0, output
    assert ": warning:" not in output and ": error:" not in output
    assert output.count(": ok (") == len(shipped)
    out = tmp_path / "out"
    code, output = run("build", str(CONTENT), "--out", str(out))
    assert code == 0, output
    built = sorted(path.name for path in out.iterdir() if path.is_file())
    for path in shipped:
        name = path.name.removesuffix(".md")
        assert {f"{name}.{kind}" for kind in ("pdf", "html", "txt", "eml")} <= set(built)
