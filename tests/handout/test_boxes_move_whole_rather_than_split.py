"""A box (the caveats) that fits whole on the next page moves there rather than split with
"(continued)", unless that leaves the page more than 40% empty; the read-back says when a
box was split that should have moved."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from helpers.handouts import handout

from generator.parse import load_guide
from generator.verify.layout import handout_problems, read_pages
from generator.verify.pdftext import page_texts


def guide(sentences: int) -> str:
    """Four steps of ``sentences`` sentences each, then three caveats."""
    steps = "\n".join(
        f"### Step number {n}\nDo this part of the job. "
        + "Read the screen and then tap the button. " * sentences
        + "\n"
        for n in range(1, 5)
    )
    return f"""\
---
title: Keep your email account safe
summary: Three things to know before you change your settings.
checked: 2026-11-01
---

## Steps

{steps}
## Caveats

### Your phone number must be current
If the number is old, you cannot get the codes. Check it first in the settings of your account.

### Codes arrive by text message
A text can take a minute to arrive. Wait before you ask for another code, or the first one stops.

### Backup codes are a key
Anyone who has them can get in. Keep them at home, away from your phone and your bag.
"""


# Steps of a length that bring the caveats to a page with a little room left.
AT_THE_FOOT = [("a4", False, 2), ("letter", False, 14), ("letter", True, 15)]


@pytest.mark.parametrize(("paper", "large", "sentences"), AT_THE_FOOT)
def test_a_box_that_fits_on_the_next_page_moves_there_whole(
    write_guide: Callable[..., Path], paper: str, large: bool, sentences: int
) -> None:
    path = write_guide(guide(sentences))
    data = handout(path, paper=paper, large_print=large)
    texts = page_texts(data)
    assert not any("(continued)" in text for text in texts)
    (page,) = [text for text in texts if "Things to be aware of" in text]
    assert all(title in page for title in ("phone number", "Codes arrive", "Backup codes"))
    assert handout_problems(load_guide(path), read_pages(data)) == []


@pytest.mark.parametrize(("paper", "large", "sentences"), AT_THE_FOOT)
def test_the_read_back_finds_a_box_split_that_should_have_moved(
    write_guide: Callable[..., Path],
    monkeypatch: pytest.MonkeyPatch,
    paper: str,
    large: bool,
    sentences: int,
) -> None:
    from generator.render.pdf import story

    monkeypatch.setattr(story, "BOX_MOVES", 0.0)
    path = write_guide(guide(sentences))
    data = handout(path, paper=paper, large_print=large)
    assert any("(continued)" in text for text in page_texts(data))
    messages = [p.message for p in handout_problems(load_guide(path), read_pages(data))]
    assert any(m.startswith("a box is split over pages") for m in messages), messages


def test_a_box_that_would_leave_most_of_a_page_empty_splits(
    write_guide: Callable[..., Path],
) -> None:
    # With short steps the caveats start high on a page: splitting them is the better page.
    caveats = "\n".join(
        f"### Caveat number {n}\n" + "Keep this in mind when you do the steps. " * 12 + "\n"
        for n in range(1, 7)
    )
    text = guide(1).split("## Caveats")[0] + "## Caveats\n\n" + caveats
    path = write_guide(text)
    data = handout(path)
    assert any("(continued)" in page for page in page_texts(data))
    assert handout_problems(load_guide(path), read_pages(data)) == []


def test_a_box_splits_when_moving_it_whole_would_cost_a_page(
    write_guide: Callable[..., Path],
) -> None:
    intro = "Your email holds the keys to your other accounts, so it is worth a few minutes."
    steps = "\n".join(
        f"### Step number {n}\nDo this part of the job. "
        + "Read the screen and then tap the button. " * 4
        + "\n"
        for n in range(1, 6)
    )
    caveats = "\n".join(
        f"### Caveat number {n}\n" + "Keep this in mind when you do the steps at home. " * 3 + "\n"
        for n in range(1, 4)
    )
    questions = "\n".join(
        f"### Question number {n}?\n" + "The answer is short and plain. " * 2 + "\n"
        for n in range(1, 4)
    )
    path = write_guide(
        "---\ntitle: Keep your email safe\nsummary: A few settings.\nchecked: 2026-11-01\n---\n\n"
        f"{intro}\n\n## Steps\n\n{steps}\n## Caveats\n\n{caveats}\n## Questions\n\n{questions}"
    )
    data = handout(path, paper="a4", large_print=True)
    texts = page_texts(data)
    # Moved whole, the box would push the questions on to a fourth page.
    assert len(texts) == 3
    assert any("(continued)" in text for text in texts)
    assert handout_problems(load_guide(path), read_pages(data)) == []
