"""Golden files: the email of the contract guide, byte for byte.

After a deliberate change to the templates, refresh them with
``GUIDE_UPDATE_GOLDEN=1 python -m pytest tests/test_email_golden.py`` and read the diff.
"""

from __future__ import annotations

import os

import pytest
from helpers.guides import DATA, ROOT

from generator.options import BuildOptions
from generator.parse import load_guide
from generator.render.email import render_email_html, render_email_text

GOLDEN = ROOT / "tests" / "golden"


@pytest.mark.parametrize("suffix", ["html", "txt"])
def test_contract_guide_email_matches_its_golden_file(suffix: str) -> None:
    guide = load_guide(DATA / "contract.md")
    render = render_email_html if suffix == "html" else render_email_text
    produced = render(guide, BuildOptions())
    golden = GOLDEN / f"contract.{suffix}"
    if os.environ.get("GUIDE_UPDATE_GOLDEN"):
        golden.write_text(produced, encoding="utf-8")
    assert produced == golden.read_text(encoding="utf-8"), "refresh with GUIDE_UPDATE_GOLDEN=1"


def test_contract_guide_large_print_email_matches_its_golden_file() -> None:
    """The large-print email: the same HTML, with every size from the large-print set."""
    guide = load_guide(DATA / "contract.md")
    produced = render_email_html(
        guide, BuildOptions(large_print=True), handout="contract.pdf", handout_pages=3
    )
    golden = GOLDEN / "contract-large-print.html"
    if os.environ.get("GUIDE_UPDATE_GOLDEN"):
        golden.write_text(produced, encoding="utf-8")
    assert produced == golden.read_text(encoding="utf-8"), "refresh with GUIDE_UPDATE_GOLDEN=1"


def test_the_plain_text_is_the_same_in_large_print() -> None:
    guide = load_guide(DATA / "contract.md")
    regular, large = (
        render_email_text(guide, BuildOptions(large_print=big), handout="contract.pdf")
        for big in (False, True)
    )
    assert regular == large
