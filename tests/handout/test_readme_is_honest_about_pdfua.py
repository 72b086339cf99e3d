"""The README says what the accessibility checks cover, and claims no more.

The `pdfua` package checks a small part of PDF/UA-1 and says a clean run is no statement
of conformance; the README must give its real coverage and never call the handouts
"checked" to PDF/UA-1 on its word.
"""

from __future__ import annotations

import re

from helpers.guides import ROOT

README = ROOT / "README.md"


def _section() -> str:
    text = README.read_text(encoding="utf-8")
    start = text.index("### What a screen-reader user gets")
    return " ".join(text[start : text.index("\n## ", start)].split())


def test_the_readme_gives_pdfuas_real_coverage_and_what_was_checked_by_hand() -> None:
    from pdfua import coverage

    section = _section()
    found = coverage()
    assert f"{found.covered} of the {found.total} machine-checkable PDF/UA-1 rules" in section
    assert f"({round(found.fraction * 100)}%)" in section
    assert "not a statement of conformance" in section
    assert "By hand" in section or "by hand" in section
    assert not re.search(r"made to PDF/UA-1 \(checked", section)
