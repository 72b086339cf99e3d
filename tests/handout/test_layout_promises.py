"""Page layout promises: no step split that fits on a page, no half-empty or nearly empty
pages, no cut-off footers, no type under the promised size; checked by reading PDFs back."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from helpers.guides import DATA, FIRST_GUIDE
from helpers.handouts import handout

from generator.parse import load_guide
from generator.verify.layout import (
    Broken,
    Line,
    PageFacts,
    Unit,
    handout_problems,
    layout_problems,
    read_pages,
)

POLISH = FIRST_GUIDE.with_name("meta-ai-objection.pl.md")
RICH = DATA / "rich.md"
SCREEN_LOCK = DATA / "workshop" / "screen-lock.md"

# Guides in our own words, to sweep scripts and languages the bundled ones do not have.
UKRAINIAN = """\
---
title: Захистіть свій телефон PIN-кодом, щоб ніхто чужий не читав ваших повідомлень
short_title: PIN-код на телефоні
summary: Короткий номер, який знаєте тільки ви, не дає стороннім відкрити ваш телефон.
lang: uk
checked: 2026-11-02
minutes: 5
---

## Кроки {{#steps}}

{steps}

## Застереження {{#caveats}}

### Не записуйте код на телефоні
Якщо хтось знайде записаний код разом із телефоном, код не допоможе.

## Запитання {{#questions}}

### Що робити, якщо я забуду код?
Телефон попросить пароль від облікового запису. Тримайте його в надійному місці.
"""

WELSH = """\
---
title: Cloi eich ffôn gyda rhif PIN er mwyn i neb arall ddarllen eich negeseuon
short_title: Rhif PIN i'r ffôn
summary: Mae rhif byr mai dim ond chi sy'n ei wybod yn atal pobl eraill rhag agor eich ffôn.
lang: cy
checked: 2026-11-02
minutes: 5
---

## Camau {{#steps}}

{steps}

## Pethau i'w cofio {{#caveats}}

### Peidiwch ag ysgrifennu'r rhif ar y ffôn
Os bydd rhywun yn dod o hyd i'r rhif gyda'r ffôn, ni fydd y rhif yn helpu.

## Cwestiynau {{#questions}}

### Beth os anghofiaf y rhif?
Bydd y ffôn yn gofyn am gyfrinair eich cyfrif. Cadwch hwnnw'n ddiogel.
"""


def uk_step(n: int) -> str:
    return (
        f"### Крок про налаштування номер {n}\n"
        "Відкрийте **Налаштування** і знайдіть розділ «Безпека». "
        + "Прочитайте, що написано на екрані, і натисніть кнопку. " * ((3 * n) % 7 + 1)
        + "\n"
    )


def cy_step(n: int) -> str:
    return (
        f"### Cam gosod rhif {n}\n"
        "Agorwch **Gosodiadau** a chwiliwch am yr adran Diogelwch. "
        + "Darllenwch beth sydd ar y sgrin a thapiwch y botwm. " * ((5 * n) % 6 + 1)
        + "\n"
    )


def forty_steps() -> str:
    """A guide of 40 steps of different lengths, some with lists, under a long title."""
    steps = []
    for n in range(1, 41):
        body = f"Do part {n} of the job. " + "Read the screen, then tap the button. " * (n % 9)
        if n % 5 == 0:
            body += "\n\n1. First tap **Menu**\n2. Then tap **Settings**\n3. Then tap `Privacy`\n"
        if n % 7 == 0:
            body += "\n\nAnother paragraph to read before the next step. " * 3
        steps.append(f"### Step about thing number {n} and what it does\n{body}\n")
    return (
        "---\ntitle: A very long guide of forty steps that checks every setting you have on "
        "every app\nsummary: Forty steps.\nchecked: 2026-11-01\n---\n\n## Steps\n\n"
        + "\n".join(steps)
        + "\n## Caveats\n\n### Take a break\nForty steps is a lot. "
        + "Stop when you are tired and come back later. " * 4
        + "\n\n## Questions\n\n### Is this all?\nYes.\n"
    )


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    folder = tmp_path_factory.mktemp("corpus")
    made = {
        "forty.md": forty_steps(),
        "phone-uk.md": UKRAINIAN.format(steps="\n".join(uk_step(n) for n in range(1, 9))),
        "phone-cy.md": WELSH.format(steps="\n".join(cy_step(n) for n in range(1, 9))),
    }
    paths = []
    for name, text in made.items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    # The picture guide, with the picture beside it.
    shutil.copy(RICH, folder / "rich.md")
    shutil.copy(DATA / "settings-screen.png", folder / "settings-screen.png")
    return [FIRST_GUIDE, POLISH, folder / "rich.md", *paths]


def _problems(path: Path, paper: str, large: bool) -> list[Broken]:
    data = handout(path, paper=paper, large_print=large)
    return handout_problems(load_guide(path), read_pages(data))


@pytest.mark.parametrize("large", [False, True], ids=["regular", "large-print"])
@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_every_handout_in_the_corpus_keeps_its_layout_promises(
    corpus: list[Path], paper: str, large: bool
) -> None:
    found = {path.name: _problems(path, paper, large) for path in corpus}
    assert {name: problems for name, problems in found.items() if problems} == {}


@pytest.mark.parametrize("layout", ["single", "booklet", "two-up"])
def test_every_workshop_layout_keeps_its_layout_promises(
    layout: str, tmp_path: Path, corpus: list[Path]
) -> None:
    from generator.workshop import WorkshopOptions, build_workshop

    # Regular print on A4 and large print on Letter: both papers, both sizes, every layout.
    for paper, large in (("a4", False), ("letter", True)):
        options = WorkshopOptions(
            out=tmp_path / f"{paper}-{large}", paper=paper, large_print=large, layout=layout
        )
        guides = [FIRST_GUIDE, POLISH, SCREEN_LOCK, corpus[-1]]
        report = build_workshop(guides, options, today=dt.date(2026, 11, 25))
        assert [str(f) for f in report.read_back] == [], (paper, large)
        assert report.written


Row = tuple[str, float, float]


def page(*groups: list[Row]) -> PageFacts:
    """An A4 page of lines given as (text, baseline, size), top to bottom."""
    rows = [row for group in groups for row in group]
    return PageFacts(842, tuple(Line(text, y, size, size) for text, y, size in rows))


def footer(number: int, total: int, size: float = 12) -> list[tuple[str, float, float]]:
    return [(f"A guide Page {number} of {total}", 60, size), ("Checked on 1 May", 44, size)]


def body(top: float, bottom: float, step: float = 19) -> list[tuple[str, float, float]]:
    lines = []
    y = top
    while y >= bottom:
        lines.append(("words of a step", y, 13))
        y -= step
    return lines


UNITS = [Unit("step 1 'Open it'", "Open it"), Unit("step 2 'Close it'", "Close it")]


def test_a_step_split_that_would_fit_on_one_page_is_found() -> None:
    pages = [
        page(
            [("1 Open it", 780, 15), *body(760, 420), ("2 Close it", 400, 15), *body(380, 110)],
            footer(1, 2),
        ),
        page([*body(780, 700), ("Questions people ask", 680, 19), *body(650, 500)], footer(2, 2)),
    ]
    problems = layout_problems(pages, UNITS, separators=["Questions people ask"])
    assert [(p.page, p.message) for p in problems] == [
        (1, "step 2 'Close it' is split over pages 1 and 2, though it would fit on one page")
    ]


def test_a_step_taller_than_a_page_may_split() -> None:
    pages = [
        page([("1 Open it", 780, 15), *body(760, 110)], footer(1, 3)),
        page([*body(780, 110)], footer(2, 3)),
        page([*body(780, 400), ("2 Close it", 380, 15), *body(360, 110)], footer(3, 3)),
    ]
    assert layout_problems(pages, UNITS) == []


def test_a_nearly_empty_last_page_a_cut_footer_and_small_type_are_found() -> None:
    units = [*UNITS, Unit("step 3 'Lock it'", "Lock it")]
    pages = [
        page([("1 Open it", 780, 15), *body(760, 110)], footer(1, 3)),
        # The second page has room for what the last one holds.
        page([("2 Close it", 780, 15), *body(760, 300)], footer(2, 3)),
        page(
            [("3 Lock it", 780, 15), *body(760, 700)],
            footer(3, 3)[:1],
            [("Checked on 1 May 2026, a long line that was cu\u2026", 44, 11)],
        ),
    ]
    messages = [
        (p.page, p.message.split(" (")[0].split(":")[0]) for p in layout_problems(pages, units)
    ]
    assert messages == [
        (3, "the footer is cut short"),
        (3, "text at 11 pt, smaller than the 12 pt promised"),
        (3, "the last page is nearly empty"),
    ]


def test_a_page_left_half_empty_when_the_next_step_would_fit_is_found() -> None:
    units = [*UNITS, Unit("step 3 'Lock it'", "Lock it")]
    pages = [
        page([("1 Open it", 780, 15), *body(760, 500)], footer(1, 2)),
        page(
            [("2 Close it", 780, 15), *body(760, 700), ("3 Lock it", 680, 15), *body(660, 110)],
            footer(2, 2),
        ),
    ]
    problems = layout_problems(pages, units)
    assert [p.page for p in problems] == [1]
    assert "empty, though what starts page 2 would have fitted" in problems[0].message


def test_the_check_notices_steps_split_when_the_layout_does_not_keep_them(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from generator.render.pdf import layout

    # Without the rule, step 2 breaks mid-sentence on Letter in large print.
    monkeypatch.setattr(layout.Inset, "fits_a_page", lambda self, width, page: False)
    problems = _problems(FIRST_GUIDE, "letter", True)
    assert any("step 2 'Go to Settings' is split" in p.message for p in problems)


def test_guide_verify_strict_fails_on_a_layout_warning(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, write_guide: Callable[..., Path]
) -> None:
    from helpers.cli import invoke

    from generator.render.pdf import layout

    monkeypatch.setattr(layout.Inset, "fits_a_page", lambda self, width, page: False)
    out = tmp_path / "out"
    args = ["--paper", "letter", "--large-print", "--out", str(out), str(FIRST_GUIDE)]
    built = invoke("build", "--format", "pdf", *args[:3], *args[3:])
    assert built.exit_code == 0
    assert "warning: page 2: step 2 'Go to Settings' is split" in built.output
    plain = invoke("verify", "--out", str(out), str(FIRST_GUIDE))
    assert plain.exit_code == 0 and "warning: page 2" in plain.output
    strict = invoke("verify", "--strict", "--out", str(out), str(FIRST_GUIDE))
    assert strict.exit_code == 1 and "error: page 2: step 2" in strict.output


def test_a_one_item_list_that_does_not_fit_moves_on_whole(tmp_path: Path) -> None:
    from generator.workshop import WorkshopOptions, build_workshop

    # The cover's one-guide contents list meets the foot of a half-size large-print page.
    options = WorkshopOptions(out=tmp_path, large_print=True, layout="booklet")
    report = build_workshop([FIRST_GUIDE], options, today=dt.date(2026, 11, 25))
    assert [str(p) for p in report.problems] == []
    assert [str(f) for f in report.read_back] == []
    assert report.written


def test_a_page_saved_by_tighter_spacing_is_the_same_on_every_rebuild() -> None:
    from helpers.handouts import reader

    # On Letter the designed spacing leaves two lines on a fourth page; tighter spacing
    # saves it, and the choice is made the same way every time.
    first = handout(FIRST_GUIDE, paper="letter")
    assert len(reader(first).pages) == 3
    assert handout(FIRST_GUIDE, paper="letter") == first
    # In large print its six pages would nearly fit in five: tighter spacing makes it five.
    large = handout(FIRST_GUIDE, paper="letter", large_print=True)
    assert len(reader(large).pages) == 5
    assert handout(FIRST_GUIDE, paper="letter", large_print=True) == large
