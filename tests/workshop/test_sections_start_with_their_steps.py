"""On the facilitator sheet a guide's title and facts never stand at the foot of a page
with its steps on the next; the read-back says when they do."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from helpers.drawn_pages import Text, drawn_pdf, footer, lines

from generator.verify.layout import read_pages, section_start_problems
from generator.workshop import WorkshopOptions, build_workshop


def guide(title: str, steps: int, caveat_sentences: int) -> str:
    body = "Keep this in mind when you do the steps at home. " * caveat_sentences
    numbered = "\n".join(
        f"### Do thing {n} of {title.lower()}\nDo it.\n" for n in range(1, steps + 1)
    )
    return (
        f"---\ntitle: {title}\nsummary: A guide.\nchecked: 2026-11-01\nminutes: 5\n---\n\n"
        f"## Steps\n\n{numbered}\n## Caveats\n\n### Mind this\n{body}\n"
    )


def workshop(folder: Path, caveat_sentences: int, large: bool) -> tuple[list[str], bytes]:
    """The findings of a three-guide workshop, and its facilitator sheet."""
    paths = []
    for index, (title, steps, sentences) in enumerate(
        [
            ("Lock your phone", 4, caveat_sentences),
            ("Check your email settings", 6, 3),
            ("Tidy your passwords", 3, 2),
        ]
    ):
        path = folder / f"guide-{index}.md"
        path.write_text(guide(title, steps, sentences), encoding="utf-8")
        paths.append(path)
    out = folder / "out"
    report = build_workshop(
        paths, WorkshopOptions(out=out, large_print=large), today=dt.date(2026, 11, 25)
    )
    sheet = next(out.glob("workshop/facilitator-sheet*.pdf"))
    return [str(f) for f in report.read_back], sheet.read_bytes()


# Caveats of a length that bring the next guide's title to the foot of a page.
AT_THE_FOOT = [(21, False), (27, False), (1, True), (13, True)]


@pytest.mark.parametrize(("sentences", "large"), AT_THE_FOOT)
def test_a_guide_starts_on_the_page_of_its_first_steps(
    tmp_path: Path, sentences: int, large: bool
) -> None:
    findings, _ = workshop(tmp_path, sentences, large)
    assert findings == []


@pytest.mark.parametrize(("sentences", "large"), AT_THE_FOOT)
def test_the_read_back_finds_a_guide_left_at_the_foot_of_a_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, sentences: int, large: bool
) -> None:
    from generator.render.pdf.story import _Builder

    def flowing(self: _Builder, element: ET.Element) -> list[Any]:
        # A section that only the structure tree sees, as it was: nothing kept together.
        with self.inside(self.tag("Sect")):
            return self.blocks(list(element))

    monkeypatch.setattr(_Builder, "section", flowing)
    findings, _ = workshop(tmp_path, sentences, large)
    assert any("starts at the foot of the page" in finding for finding in findings), findings


def test_section_starts_are_read_from_the_page() -> None:
    first = [
        *lines(["Words of the guide before."] * 20, 57, 760),
        Text("2. Check your email", 57, 150, 19, bold=True),
        *lines(["Time needed About 5 minutes"], 57, 120),
        *footer(1, 2),
    ]
    second = [
        Text("1", 57, 780, 28, bold=True),
        Text("Open the settings", 94, 780, 15, bold=True),
        *footer(2, 2),
    ]
    pages = read_pages(drawn_pdf(first, second))
    found = section_start_problems(pages, [("guide 2", "2. Check your email", "Open the settings")])
    assert [(p.page, p.message.split(":")[0]) for p in found] == [
        (1, "guide 2 starts at the foot of the page")
    ]
    step = [Text("1", 57, 90, 28, bold=True), Text("Open the settings", 94, 90, 15, bold=True)]
    together = read_pages(drawn_pdf([*first[:-3], *step, *footer(1, 1)]))
    assert section_start_problems(together, [("guide 2", "2. Check", "Open the settings")]) == []
