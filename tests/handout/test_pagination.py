"""Where pages break: list items and pictures with their lines stay whole on one page."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from helpers.guides import DATA, MINIMAL
from helpers.handouts import flat, handout, page_texts


def pages_holding(pages: list[str], words: str) -> list[int]:
    return [index for index, text in enumerate(pages) if words in text]


def test_a_list_item_is_never_split_across_pages(write_guide: Callable[..., Path]) -> None:
    items = "\n".join(
        f"{n}. Start{n} of a list item that goes on for a few lines, "
        + "with more words to wrap it onto the next line. " * 3
        + f"End{n}."
        for n in range(1, 13)
    )
    for padding in range(0, 4):
        text = MINIMAL.replace(
            "Like this.", "Some words before the list. " * (padding * 9) + "\n\n" + items
        )
        path = write_guide(text, name=f"list{padding}.md")
        for large in (False, True):
            pages = [flat(page) for page in page_texts(handout(path, large_print=large))]
            for n in range(1, 13):
                start, end = pages_holding(pages, f"Start{n} "), pages_holding(pages, f"End{n}.")
                assert start == end and len(start) == 1, (padding, large, n, start, end)


def test_a_picture_stays_with_the_line_that_introduces_it(tmp_path: Path) -> None:
    shutil.copy(DATA / "settings-screen.png", tmp_path / "settings-screen.png")
    original = (DATA / "rich.md").read_text(encoding="utf-8")
    intro = "Open the app and tap Menu, then Settings and privacy."
    for padding in (0, 4, 6, 9):
        path = tmp_path / f"pictured{padding}.md"
        path.write_text(
            original.replace(
                "Everything you share has an **audience**",
                "A sentence to move the picture down the page. " * (padding * 6)
                + "\n\nEverything you share has an **audience**",
            ),
            encoding="utf-8",
        )
        for large in (False, True):
            pages = [flat(page) for page in page_texts(handout(path, large_print=large))]
            caption = pages_holding(pages, "Picture: The Settings screen")
            assert len(caption) == 1 and pages_holding(pages, intro) == caption, (padding, large)
