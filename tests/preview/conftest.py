"""The working folder every in-process preview test starts from."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.guides import MINIMAL


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """tmp_path as the working folder, holding content/small.md (the smallest guide)."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "small.md").write_text(MINIMAL, encoding="utf-8")
    return tmp_path
