"""The read-back holds each edition to its own promise: 12 pt in regular print (however many
headings a long guide has), 18 pt in large print (however much of it was set too small)."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.cli import run_split

from generator.verify.layout import Line, PageFacts, smallest_promised

KEYS = [
    *"QWERTYUIOPASDFGHJKLZXCVBNM",
    *"1234567890",
    *(f"F{number}" for number in range(1, 13)),
    "Fn",
    "Up",
]
"""Fifty keys: each step of the guide below is titled with one, as short as its number."""


def fifty_keys() -> str:
    """A guide of fifty steps whose titles are the keys of a keyboard."""
    steps = "\n".join(f"### {key}\nFind the key marked {key} and press it once.\n" for key in KEYS)
    return (
        "---\ntitle: Find every key on a new keyboard\n"
        "summary: Fifty keys, one after the other.\nchecked: 2026-11-01\n---\n\n"
        f"## Steps\n\n{steps}\n## Caveats\n\n### Take a break\nThe list is long: do half today.\n"
    )


def pages_of_sizes(*sizes: float) -> list[PageFacts]:
    """One page holding one line in each size, top to bottom."""
    lines = tuple(Line(f"text at {size}", 780 - 30 * n, size, size) for n, size in enumerate(sizes))
    return [PageFacts(842, lines)]


def test_a_long_regular_print_guide_promises_12_pt_whatever_its_headings() -> None:
    # The title, then far more headings (19 pt) than body lines (13 pt).
    assert smallest_promised(pages_of_sizes(25, *[19] * 60, *[13] * 10, 12)) == 12


def test_large_print_promises_18_pt_even_where_most_text_is_smaller() -> None:
    assert smallest_promised(pages_of_sizes(32, *[13] * 60, 18)) == 18


def test_a_regular_print_workshop_of_fifty_steps_makes_no_promise_it_does_not(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "keys.md").write_text(fifty_keys(), encoding="utf-8")
    code, out, err = run_split("workshop", "keys.md")
    assert code == 0, err
    assert "pt promised" not in err, err
    assert "facilitator-sheet.pdf" in out
