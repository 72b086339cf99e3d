"""Characters beyond U+FFFF that the fonts have (U+1F600) print and read back.

The handout's ToUnicode table must give a PDF reader the character as UTF-16 (a surrogate
pair), or the step's title vanishes from the read-back and the build fails.
"""

from __future__ import annotations

import io
import logging
from pathlib import Path

import pytest

from generator.build import build
from generator.options import BuildOptions
from generator.render.pdf.tounicode import to_unicode_cmap, utf16_hex

GUIDE = (
    "---\ntitle: Smile \U0001f600\nsummary: S\nchecked: 2026-11-20\n---\n\n## Steps\n\n"
    "### Look for \U0001f600 on the screen\nTap \U0001f600 once.\n\n### Then\nDone.\n"
)


def test_a_character_beyond_the_bmp_is_written_as_a_surrogate_pair() -> None:
    assert utf16_hex(0x1F600) == "D83DDE00"
    assert utf16_hex(ord("A")) == "0041"
    table = to_unicode_cmap("F1", [32, 0x1F600])
    assert "<00> <0020>" in table and "<01> <D83DDE00>" in table


def test_an_emoji_in_a_step_title_builds_and_reads_back(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    from pypdf import PdfReader

    path = tmp_path / "smile.md"
    path.write_text(GUIDE, encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        report = build([path], BuildOptions(out=tmp_path / "out", formats=("pdf", "eml")))
    assert not report.failed, [str(f) for f in report.read_back] + [str(p) for p in report.problems]
    assert "invalid hex string" not in caplog.text
    text = "".join(
        page.extract_text()
        for page in PdfReader(io.BytesIO((tmp_path / "out" / "smile.pdf").read_bytes())).pages
    )
    assert "Look for \U0001f600 on the screen" in text
