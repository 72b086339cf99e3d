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

PRINT_PIXELS = 1200
"""Longest side a picture needs on paper: one is printed at most 170 mm wide (180 dpi) or
120 mm tall (250 dpi). A reduced picture is still larger than the space it is printed in,
so the layout is the same as with the original."""


class _ReleasingReader(ImageReader):  # type: ignore[misc]
    """An ``ImageReader`` that decodes its picture each time it is drawn, keeping only bytes."""

    def __init__(self, data: bytes, name: str) -> None:
        self._compressed = data
        super().__init__(io.BytesIO(data))
        self.fileName = name

    def getRGBData(self) -> Any:
        from PIL import Image as PillowImage

        data = super().getRGBData()
        # Let go of the decoded pixels: a fresh, unread picture is ready for the next draw.
        self._data = None
        self._image = PillowImage.open(io.BytesIO(self._compressed))
        return data


def picture_reader(path: Path) -> ImageReader:
    """A reader for one picture: JPEGs as they are, large PNGs reduced to what paper shows."""
    from PIL import Image as PillowImage

    data = path.read_bytes()
    with PillowImage.open(io.BytesIO(data)) as opened:
        if opened.format == "PNG" and max(opened.size) > PRINT_PIXELS:
            opened.thumbnail((PRINT_PIXELS, PRINT_PIXELS), PillowImage.Resampling.LANCZOS)
            reduced = io.BytesIO()
            opened.save(reduced, "PNG", compress_level=1)
            data = reduced.getvalue()
    return _ReleasingReader(data, str(path))
