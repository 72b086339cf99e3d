"""The web edition's sizes, in one place: ``site/assets/base.css`` reads them as ``size.<name>``.

The root size is a percentage of the reader's own browser setting (usually 16 px), so the
page follows their text size and zoom; every other size is in rem, relative to it.
"""

from __future__ import annotations

SITE_SIZES: dict[str, float] = {
    "root": 112.5,
    "root_large": 137.5,
    "h1": 1.9,
    "h2": 1.5,
    "h3": 1.2,
    "summary": 1.1,
    "column": 42,
}
"""``root``: body text, 18 px at the browser's usual 16 px; ``root_large``: with "Larger text",
22 px (WCAG's large print starts at 18 pt, 24 px; the switch is for the page, the browser's
own zoom goes further). Headings and the column width (``column``) are in rem."""
