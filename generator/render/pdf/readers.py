"""Pictures handed to ReportLab so that a build holds at most one decoded picture at a time.

ReportLab's ``ImageReader`` keeps a picture's decoded pixels (and a raw copy) for as long as
the page story lives, so ten large screenshots would take hundreds of megabytes. Here a PNG
larger than paper needs is reduced first and kept compressed, and the pixels are let go as
soon as ReportLab has copied them into the PDF.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from reportlab.lib.utils import ImageReader

STRIP_ROWS = 64
"""Rows of a picture turned into bytes at a time (see ``_pixel_bytes``)."""
PRINT_PIXELS = 1200
"""Longest side a picture needs on paper: one is printed at most 170 mm wide (180 dpi) or
120 mm tall (250 dpi). A reduced picture is still larger than the space it is printed in,
so the layout is the same as with the original."""


class _ReleasingReader(ImageReader):  # type: ignore[misc]
    """An ``ImageReader`` that decodes its picture each time it is drawn, keeping only bytes."""

    _data: bytes | None
    _image: Any

    def __init__(self, data: bytes, name: str) -> None:
        self._compressed = data
        super().__init__(io.BytesIO(data))
        self.fileName = name

    def getRGBData(self) -> Any:
        from PIL import Image as PillowImage

        if self._data is None and self._image.mode in ("L", "RGB", "CMYK"):
            # What ReportLab does for these modes, with one copy of the pixels at a time.
            self._dataA = None
            self.mode = self._image.mode
            pixels = _pixel_bytes(self._image)
            self._image = PillowImage.open(io.BytesIO(self._compressed))
            self._data = bytes(pixels)
            del pixels
        data = super().getRGBData()
        # Let go of the decoded pixels: a fresh, unread picture is ready for the next draw.
        self._data = None
        self._image = PillowImage.open(io.BytesIO(self._compressed))
        return data


def _pixel_bytes(image: Any) -> bytearray:
    """The picture's pixels as ``Image.tobytes()`` gives them, made a strip at a time.

    ``tobytes`` gathers the whole picture in pieces and then joins them, so for a moment it
    holds the pixels twice beside the decoded picture: 24 MB more for a 4-million-pixel JPEG.
    """
    width, height = image.size
    row = width * len(image.getbands())
    pixels = bytearray(row * height)
    for top in range(0, height, STRIP_ROWS):
        bottom = min(height, top + STRIP_ROWS)
        pixels[top * row : bottom * row] = image.crop((0, top, width, bottom)).tobytes()
    return pixels


def picture_reader(path: Path) -> ImageReader:
    """A reader for one picture: JPEGs as they are, large PNGs reduced to what paper shows."""
    from generator.files import read_file_status
    from generator.parse.pictures import MAX_PICTURE_BYTES

    data, status = read_file_status(path, MAX_PICTURE_BYTES)
    key = (str(path), status.st_dev, status.st_ino, status.st_mtime_ns, status.st_size)
    return _ReleasingReader(_print_bytes(key, data), str(path))


PRINTED_KEPT = 4
"""Pictures kept reduced between layouts (the handout is laid out several times)."""
_printed: dict[tuple[str, int, int, int, int], bytes] = {}


def _print_bytes(key: tuple[str, int, int, int, int], data: bytes) -> bytes:
    """The picture file's bytes, a large PNG reduced: once per file as it is on the disk,
    though the handout is laid out several times (each decoding of a large picture adds to
    the memory a build needs)."""
    from PIL import Image as PillowImage

    if key in _printed:
        return _printed[key]
    with PillowImage.open(io.BytesIO(data)) as opened:
        if opened.format == "PNG" and max(opened.size) > PRINT_PIXELS:
            data = _reduced(opened)
    while len(_printed) >= PRINTED_KEPT:
        del _printed[next(iter(_printed))]
    _printed[key] = data
    return data


def _reduced(opened: Any) -> bytes:
    """A PNG reduced to ``PRINT_PIXELS``, as ``thumbnail`` reduces it, saved as PNG.

    For a picture with transparency ``thumbnail`` works on a premultiplied copy while the
    decoded original is still held; here the original is let go first (16 MB less for a
    4-million-pixel picture), and the result is the same, pixel for pixel and byte for byte.
    """
    from PIL import Image as PillowImage

    box = (PRINT_PIXELS, PRINT_PIXELS)
    lanczos = PillowImage.Resampling.LANCZOS
    premultiplied = {"LA": "La", "RGBA": "RGBa"}.get(opened.mode)
    if premultiplied is None:
        opened.thumbnail(box, lanczos)
        result = opened
    else:
        working = opened.convert(premultiplied)
        mode, info = opened.mode, dict(opened.info)
        opened.close()  # its decoded pixels are let go
        working.thumbnail(box, lanczos)
        result = working.convert(mode)
        result.info = info
    reduced = io.BytesIO()
    result.save(reduced, "PNG", compress_level=1)
    return reduced.getvalue()
