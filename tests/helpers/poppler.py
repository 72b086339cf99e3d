"""Where poppler (``pdftotext -bbox``) finds each word of a PDF, and the lines they make."""

from __future__ import annotations

import html
import re
import subprocess
import unicodedata
from typing import NamedTuple

WORD = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>'
)


class Box(NamedTuple):
    """A word poppler found: its page (from 1), its edges in points from the top left."""

    page: int
    left: float
    top: float
    right: float
    bottom: float
    text: str


def word_boxes(data: bytes, page: int | None = None) -> list[Box]:
    """Every word poppler finds, page by page (only ``page`` if given)."""
    pages = ["-f", str(page), "-l", str(page)] if page is not None else []
    shown = subprocess.run(
        ["pdftotext", "-bbox", *pages, "-", "-"], input=data, capture_output=True, check=True
    ).stdout.decode("utf-8")
    boxes: list[Box] = []
    for number, text in enumerate(shown.split("<page ")[1:], start=page or 1):
        boxes.extend(
            Box(number, float(m[1]), float(m[2]), float(m[3]), float(m[4]), html.unescape(m[5]))
            for m in WORD.finditer(text)
        )
    return boxes


def unmirror(text: str, rtl: bool) -> str:
    """A right-to-left word is stored as it is seen (PDF's convention): read it back."""
    from generator.scripts import visual_text

    classes = {unicodedata.bidirectional(char) for char in text}
    if rtl and classes & {"R", "AL"} and "L" not in classes:
        return visual_text(text)
    return text


def poppler_lines(data: bytes, rtl: bool) -> list[str]:
    """Each line's words as poppler places them, read from the start of the line; words
    that touch (a full stop beside its word) are joined without a space."""
    ordered: list[str] = []
    by_page: dict[int, list[Box]] = {}
    for box in word_boxes(data):
        by_page.setdefault(box.page, []).append(box)
    for boxes in by_page.values():
        # Words whose bottoms are within a few points are one line (fonts differ in depth).
        lines: list[list[Box]] = []
        bottom = -100.0
        for box in sorted(boxes, key=lambda box: (box.bottom, box.left)):
            if box.bottom > bottom + 6:
                lines.append([])
                bottom = box.bottom
            lines[-1].append(box)
        for line in lines:
            line.sort(key=lambda box: box.left, reverse=rtl)
            text = ""
            for index, box in enumerate(line):
                if index:
                    before = line[index - 1]
                    gap = before.left - box.right if rtl else box.left - before.right
                    text += "" if gap < 0.5 else " "
                text += unmirror(box.text, rtl)
            ordered.append(text)
    return ordered
