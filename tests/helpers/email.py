"""Guides and pictures the email tests share."""

from __future__ import annotations

import io
import re
import textwrap
from html.parser import HTMLParser
from pathlib import Path

from generator.model import Guide
from generator.parse import load_guide

RICH = """\
---
title: "Keep <script> & cookies out"
summary: Tidy your browser in three steps & keep what matters.
lang: en-GB
checked: 2026-11-01
minutes: 5
applies_to: [Firefox, Chrome]
region: Worldwide
source:
  title: "Browser privacy & you"
  publisher: Example Org
  url: https://www.example.org/privacy?topic=cookies&lang=en
---

Read this with [our guide page](https://myaccount.google.com/) open, or this one:
<https://support.example.com/a/very/long/path/that/goes/on/and/on/and/on/forever-and-ever/index.html>.

## Before you start

Write to [our helpdesk](mailto:help@example.org). An old site:
[the archive](http://old.example.net/archive).

## Steps

### Open the settings
Tap **Settings** and then *Privacy*. Type `about:preferences` exactly.

![The Settings button, a blue bar at the top](shots/settings.png)

### Choose what to delete
- Cookies
- Another bullet with [Trusted Reviews](https://www.trustedreviews.com/how-to)

### Confirm with the red button
![A round red button in the middle](button.jpg)

See [a look-alike page](https://google.com.evil.example/) for nothing.

## Caveats

### Some sites will sign you out
That is expected.

### Passwords may stay
Unless you tick the box.

## Questions

### Will I lose my passwords?
No, passwords are kept unless you tick **Passwords**.

## After you finish

Tell a friend about this guide.

## Facilitator notes
SECRET FACILITATOR TEXT
"""


def make_picture(path: Path, size: tuple[int, int], kind: str = "PNG") -> Path:
    """Write a small real picture of the given pixel size."""
    from PIL import Image

    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", size, (30, 90, 160)).save(path, kind)
    return path


def write_rich_guide(folder: Path, text: str = RICH, name: str = "rich.md") -> Path:
    """The RICH guide (or another text) with its two pictures, in ``folder``."""
    make_picture(folder / "shots" / "settings.png", (1080, 2340))
    make_picture(folder / "button.jpg", (1600, 900), "JPEG")
    path = folder / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def rich_guide(folder: Path) -> Guide:
    """The RICH guide, parsed."""
    return load_guide(write_rich_guide(folder))


def small_pdf(guide: Guide) -> bytes:
    """A real tagged PDF naming every step and caveat, standing in for the handout."""
    from generator.model import all_blocks, iter_images
    from generator.render.pdf.tagging import StructNode, tagged
    from generator.render.pdf.tagtree import TaggingCanvas

    buffer = io.BytesIO()
    root = StructNode("Document")
    page = TaggingCanvas(buffer, invariant=True, structure=root)
    y = 800
    for item in (*guide.steps, *guide.caveats):
        with tagged(page, root.child("H3")):
            page.drawString(40, y, f"{item.number}. {item.title}")
        y -= 20
    for image in iter_images(all_blocks(guide)):
        with tagged(page, root.child("Figure", alt=image.alt)):
            page.rect(40, y, 10, 10)
        y -= 20
    page.drawString(40, y, f"Version {guide.version}")
    page.save()
    return buffer.getvalue()


class Attributes(HTMLParser):
    """Every (tag, attribute, value) in an HTML document."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.extend((tag, name, value or "") for name, value in attrs)


def attributes(markup: str) -> list[tuple[str, str, str]]:
    """Every (tag, attribute, value) in ``markup``."""
    parser = Attributes()
    parser.feed(markup)
    return parser.found


def font_sizes(markup: str) -> list[int]:
    """Every inline ``font-size`` in pixels, outside the hidden preheader."""
    sizes = []
    for _, name, value in attributes(markup):
        if name == "style" and "display:none" not in value.replace(" ", ""):
            sizes.extend(int(size) for size in re.findall(r"font-size:\s*(\d+)px", value))
    return sizes
