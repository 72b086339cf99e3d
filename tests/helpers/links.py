"""Writing a one-step guide around a link and reading the errors it gets."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from generator.parse import load_guide
from generator.problems import GuideError

HEAD = "---\ntitle: T\nsummary: S\nchecked: 2026-11-20\n---\n\n## Steps\n\n### One\n"
"""A guide up to its first step's heading: the next line written is line 10."""


def refused(write_guide: Callable[..., Path], line: str) -> str:
    """The errors a guide with this step line gets, as printed (all are on line 10)."""
    path = write_guide(HEAD + line + "\n")
    with pytest.raises(GuideError) as raised:
        load_guide(path)
    problems = [str(problem) for problem in raised.value.problems]
    for problem in problems:
        assert problem.startswith(f"{path}:10: error: "), problem
    return "\n".join(problems)
