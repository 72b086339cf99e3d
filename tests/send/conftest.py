"""The family list every ``guide send`` test sends to."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.sending import FAMILY


@pytest.fixture
def family(tmp_path: Path) -> Path:
    """A recipients list of four people, written to tmp_path/family.csv."""
    path = tmp_path / "family.csv"
    path.write_text(FAMILY, encoding="utf-8")
    return path
