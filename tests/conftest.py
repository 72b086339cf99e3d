"""Shared fixtures: small guides written to a temporary folder."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
FIRST_GUIDE = ROOT / "content" / "meta-ai-objection.md"

MINIMAL = """\
---
title: A small guide
summary: It shows the smallest guide that works.
checked: 2026-11-01
---

## Steps

### Do the first thing
Like this.
"""


@pytest.fixture
def write_guide(tmp_path: Path) -> Callable[..., Path]:
    """Write guide text (dedented) to tmp_path/<name> and return its path."""

    def write(text: str, name: str = "sample.md") -> Path:
        path = tmp_path / name
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    return write
