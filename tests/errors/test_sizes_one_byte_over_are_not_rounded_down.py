"""A file one byte over a size limit says a size over the limit, not the limit itself.

Sizes were rounded down, so a guide of 256 KB and one byte was "256 KB, too large for a
guide (at most 256 KB)": a message that contradicts itself. Sizes are now rounded up.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.options import MAX_SIZE, read_settings
from generator.parse import MAX_GUIDE_BYTES, load_guide
from generator.parse.pictures import MAX_PICTURE_BYTES, picture_problem
from generator.problems import GuideError
from generator.send.recipients import MAX_CSV_BYTES, read_recipients

GUIDE = "---\ntitle: T\nsummary: S\nchecked: 2026-11-20\n---\n\n## Steps\n\n### One\nDo it.\n"


def sized(path: Path, text: str, size: int) -> Path:
    """``text``, then short paragraphs, up to exactly ``size`` bytes."""
    filler = ("Tap the button. " * 4 + "\n\n") * (size // 66)
    text = (text + filler)[: size - 1]
    path.write_text(text.rstrip() + "x" * (size - len(text.rstrip()) - 1) + "\n", encoding="utf-8")
    assert path.stat().st_size == size
    return path


def test_a_guide_at_the_limit_passes_and_one_byte_more_is_257_kb(tmp_path: Path) -> None:
    assert load_guide(sized(tmp_path / "at.md", GUIDE, MAX_GUIDE_BYTES)).title == "T"
    with pytest.raises(GuideError) as raised:
        load_guide(sized(tmp_path / "over.md", GUIDE, MAX_GUIDE_BYTES + 1))
    assert "the file is 257 KB, too large for a guide (at most 256 KB)" in str(raised.value)


def test_a_picture_one_byte_over_is_1_1_mb(tmp_path: Path) -> None:
    path = tmp_path / "big.png"
    path.write_bytes(b"\0" * (MAX_PICTURE_BYTES + 1))
    problem = picture_problem(path, "big.png")
    assert problem is not None
    assert "'big.png' is 1.1 MB, too large for an email (at most 1 MB)" in problem


def test_a_recipient_list_one_byte_over_is_4097_kb(tmp_path: Path) -> None:
    path = sized(tmp_path / "people.csv", "name,email\n", MAX_CSV_BYTES + 1)
    with pytest.raises(GuideError) as raised:
        read_recipients([str(path)])
    assert "is 4097 KB, larger than this file can be (at most 4096 KB)" in str(raised.value)


def test_settings_one_byte_over_are_65_kb(tmp_path: Path) -> None:
    path = sized(tmp_path / "guide.toml", "# settings\n", MAX_SIZE + 1)
    with pytest.raises(GuideError) as raised:
        read_settings(path, {})
    assert "is 65 KB: a settings file may be at most 64 KB" in str(raised.value)
