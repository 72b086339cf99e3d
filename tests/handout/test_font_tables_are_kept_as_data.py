"""The fonts' parsed tables are kept between runs as data, never as code, in a folder of our
own, and a handout made from them is the same, byte for byte, as one made without them."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

from helpers.guides import MINIMAL, ROOT

from generator.render.pdf.font_cache import MAGIC
from generator.render.pdf.fonts import FONT_FILES, MONO_FILE


def _handout(folder: Path, cache: Path, name: str) -> bytes:
    """A fresh process's handout of the smallest guide, with ``cache`` as the cache folder."""
    guide = folder / "small.md"
    guide.write_text(MINIMAL, encoding="utf-8")
    out = folder / name
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "generator",
            "build",
            str(guide),
            "--out",
            str(out),
            "--format",
            "pdf",
        ],
        capture_output=True,
        text=True,
        env={**os.environ, "GUIDE_CACHE_DIR": str(cache), "SOURCE_DATE_EPOCH": "1798761600"},
        cwd=ROOT,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return (out / "small.pdf").read_bytes()


def test_a_handout_from_kept_tables_is_the_one_made_from_the_fonts(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = _handout(tmp_path, cache, "first")  # reads the fonts, keeps their tables
    kept = sorted((cache / "fonts").iterdir())
    fonts = [*FONT_FILES.values(), MONO_FILE]
    assert [path.name for path in kept] == sorted(
        f"{hashlib.sha256(font.read_bytes()).hexdigest()}.tables" for font in fonts
    )
    for path in kept:
        data = path.read_bytes()
        # A line that says what the file is, then JSON (and the numbers it points into).
        assert data.startswith(MAGIC)
        length = int.from_bytes(data[len(MAGIC) : len(MAGIC) + 8], "little")
        header = json.loads(data[len(MAGIC) + 8 : len(MAGIC) + 8 + length])
        assert header["format"] == 1 and "face" in header
        assert path.stat().st_mode & 0o777 == 0o600
    assert os.stat(cache / "fonts").st_mode & 0o777 == 0o700
    second = _handout(tmp_path, cache, "second")  # takes the kept tables
    assert second == first
    # A run that cannot keep anything (its cache folder cannot be made) reads the fonts.
    unusable = tmp_path / "a-file"
    unusable.write_text("not a folder")
    assert _handout(tmp_path, unusable, "none") == first


def test_a_damaged_or_foreign_tables_file_is_read_again_from_the_font(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = _handout(tmp_path, cache, "first")
    kept = sorted((cache / "fonts").iterdir())
    kept[0].write_bytes(kept[0].read_bytes()[:1000])  # cut short
    kept[1].write_bytes(MAGIC + b"garbage")
    os.chmod(kept[2], 0o666)  # anyone could have written it: never read
    assert _handout(tmp_path, cache, "second") == first
    # The damaged files are written again whole.
    assert all(path.read_bytes().startswith(MAGIC) for path in kept[:2])
    assert len(kept[0].read_bytes()) > 1000
