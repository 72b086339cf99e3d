"""Pictures come only from the guide's own folder, and are refused by what is wrong with them.

A guide must never carry a file from elsewhere on the author's disk into an email; and a
picture is judged from its size on disk and its header before anything is decoded, so a
tiny file claiming billions of pixels costs no memory.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from helpers.guides import ROOT
from PIL import Image

from generator.build import build
from generator.options import BuildOptions
from generator.parse import load_guide
from generator.problems import GuideError

HEAD = "---\ntitle: T\nsummary: S\nchecked: 2026-11-20\n---\n\n## Steps\n\n### One\nDo it.\n\n"


def png(width: int = 40, height: int = 30, mode: str = "RGB") -> bytes:
    data = io.BytesIO()
    Image.new(mode, (width, height)).save(data, "PNG")
    return data.getvalue()


def guide_showing(folder: Path, source: str) -> Path:
    path = folder / "guide" / "pictured.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(HEAD + f"![A screenshot]({source})\n", encoding="utf-8")
    return path


def refusal(path: Path) -> str:
    with pytest.raises(GuideError) as raised:
        load_guide(path)
    return "\n".join(str(problem) for problem in raised.value.problems)


@pytest.mark.parametrize(
    "source",
    ["../secret/passport.png", "sub/../../secret/passport.png", "{secret}/passport.png"],
)
def test_a_picture_outside_the_folder_is_refused(tmp_path: Path, source: str) -> None:
    (tmp_path / "secret").mkdir()
    (tmp_path / "secret" / "passport.png").write_bytes(png())
    path = guide_showing(tmp_path, source.replace("{secret}", str(tmp_path / "secret")))
    (path.parent / "sub").mkdir()
    message = refusal(path)
    assert message.startswith(f"{path}:12: error: the picture ")
    assert "outside the guide's folder" in message or "named relative to it" in message


@pytest.mark.parametrize("source", ["file:///etc/x.png", "~/x.png", "C:\\x.png", "\\\\host\\x.png"])
def test_a_picture_named_any_other_way_is_refused(tmp_path: Path, source: str) -> None:
    path = guide_showing(tmp_path, source)
    assert "must be a file in the guide's folder" in refusal(path)


def test_a_link_pointing_out_of_the_folder_is_refused_and_nothing_is_built(
    tmp_path: Path,
) -> None:
    (tmp_path / "secret").mkdir()
    (tmp_path / "secret" / "passport.png").write_bytes(png())
    path = guide_showing(tmp_path, "shot.png")
    (path.parent / "shot.png").symlink_to(tmp_path / "secret" / "passport.png")
    assert "outside the guide's folder" in refusal(path)
    out = tmp_path / "out"
    report = build([path], BuildOptions(out=out))
    assert report.failed
    assert not out.exists()


def test_a_link_inside_the_folder_is_fine(tmp_path: Path) -> None:
    path = guide_showing(tmp_path, "shot.png")
    (path.parent / "pictures").mkdir()
    (path.parent / "pictures" / "real.png").write_bytes(png())
    (path.parent / "shot.png").symlink_to(path.parent / "pictures" / "real.png")
    assert load_guide(path).steps


def test_a_link_that_points_in_a_circle_is_refused(tmp_path: Path) -> None:
    path = guide_showing(tmp_path, "loop.png")
    (path.parent / "loop.png").symlink_to(path.parent / "loop2.png")
    (path.parent / "loop2.png").symlink_to(path.parent / "loop.png")
    assert "a link that points in a circle" in refusal(path)


def check_output(*args: str) -> tuple[int, str]:
    result = subprocess.run(
        [sys.executable, "-m", "generator", "check", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    return result.returncode, result.stderr


PEAK = """
import runpy, sys
sys.argv = ["guide", *sys.argv[1:]]
try:
    runpy.run_module("generator", run_name="__main__")
finally:
    status = open("/proc/self/status").read()
    peak = next(line for line in status.splitlines() if line.startswith("VmHWM"))
    print(peak, file=sys.stderr)
"""


def bomb_png(width: int, height: int) -> bytes:
    """A 1-bit PNG of blank rows, compressed row by row (never held in memory whole)."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    packer = zlib.compressobj(9)
    row = bytes(1 + (width + 7) // 8)
    data = b"".join(packer.compress(row) for _ in range(height)) + packer.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data) + chunk(b"IEND", b"")
    )


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads /proc (Linux)")
def test_a_tiny_file_with_a_huge_picture_is_refused_from_its_header(tmp_path: Path) -> None:
    # 10 KB on disk, 88 million pixels: decoding it would take most of a gigabyte.
    path = guide_showing(tmp_path, "bomb.png")
    (path.parent / "bomb.png").write_bytes(bomb_png(9400, 9400))
    assert (path.parent / "bomb.png").stat().st_size < 200_000
    result = subprocess.run(
        [sys.executable, "-c", PEAK, "check", str(path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert result.returncode == 1
    message, peak = result.stderr.splitlines()
    assert message == (
        f"{path}:12: error: the picture 'bomb.png' has too many pixels (9400 by 9400, at most "
        "4 million): save a smaller copy, about 1000 pixels wide"
    )
    assert int(peak.split()[1]) < 100 * 1024, peak  # kB


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (lambda: png(2001, 2000), "has too many pixels (2001 by 2000, at most 4 million)"),
        (lambda: png(3000, 3000)[:-200], "has too many pixels"),
        (lambda: png()[: len(png()) // 2], "is cut off (the file ends before the picture does)"),
        (lambda: png()[:-12], "is cut off"),
        (lambda: b"GIF89a" + bytes(40), "is not really a PNG or JPEG image"),
        (lambda: b"\x89PNG\r\n\x1a\n" + bytes(40), "cannot be read as a PNG or JPEG image (it is"),
        (lambda: bytes(2 * 1024 * 1024), "is 2.0 MB, too large for an email (at most 1 MB)"),
    ],
)
def test_a_bad_picture_is_named_for_what_is_wrong_with_it(
    write_guide: Callable[..., Path], make: Callable[[], bytes], reason: str
) -> None:
    path = write_guide(HEAD + "![A screenshot](shot.png)\n")
    (path.parent / "shot.png").write_bytes(make())
    code, err = check_output(str(path))
    assert code == 1
    assert err.startswith(f"{path}:12: error: the picture 'shot.png' {reason}"), err


def test_a_cut_off_jpeg_is_named(write_guide: Callable[..., Path]) -> None:
    data = io.BytesIO()
    Image.new("RGB", (300, 200), (200, 10, 10)).save(data, "JPEG")
    path = write_guide(HEAD + "![A screenshot](shot.jpg)\n")
    (path.parent / "shot.jpg").write_bytes(data.getvalue()[:-300])
    assert "is cut off" in check_output(str(path))[1]


def test_all_of_a_guides_pictures_together_have_a_limit(write_guide: Callable[..., Path]) -> None:
    pictures = "".join(f"![Picture {n}](p{n}.png)\n\n" for n in range(3))
    path = write_guide(HEAD + pictures)
    for n in range(3):
        # Random bytes do not compress: each file is about 900 KB, under the 1 MB limit.
        noise = Image.frombytes("L", (950, 950), os.urandom(950 * 950))
        noise.save(path.parent / f"p{n}.png")
    code, err = check_output(str(path))
    assert code == 1
    assert "with the picture 'p2.png' the guide's pictures take 2.6 MB" in err
    assert "(at most 2 MB together)" in err
