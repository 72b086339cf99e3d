"""Large print uses paper well: when a guide's pages would nearly fit in one fewer, the
tighter layouts narrow the margins (never below 12 mm) as well as the spacing, so a long
guide takes no more pages on Letter than on A4 and no last page holds only a few lines."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from helpers.handouts import handout

from generator.parse import load_guide
from generator.verify.layout import handout_problems, read_pages
from generator.verify.pdftext import page_texts

TWELVE = "\n".join(
    [
        "---",
        "title: Go through twelve settings of the computer you all share",
        "summary: Look at each setting, change it if need be, and tick it off.",
        "checked: 2026-11-01",
        "minutes: 30",
        "---",
        "",
        "## What you'll need",
        "",
        "- The shared computer",
        "- The password it asks for",
        "",
        "## Steps",
        "",
        *(
            f"### Look at setting number {n} and change it\n"
            f"Find setting {n} on the list and check that it is turned on.\n"
            for n in range(1, 13)
        ),
        "## Caveats",
        "",
        "### Old computers",
        "A computer bought more than five years ago may not have every setting.",
        "",
        "### Everyone's account",
        "What you change here changes it for each person who uses this computer.",
        "",
        "## Questions",
        "",
        "### A setting cannot be changed: why?",
        "The person who looks after the computer may have locked it: ask them.",
    ]
)

POLISH = """\
---
title: Ustaw kod blokady w telefonie
summary: Sześć cyfr, które znasz tylko ty, chroni zdjęcia i wiadomości w telefonie.
lang: pl
checked: 2026-11-01
minutes: 10
applies_to: [Android, iPhone]
---

## Co będzie potrzebne {#needs}

- Twój telefon
- Coś do pisania i kartka

## Kroki {#steps}

### Znajdź w Ustawieniach blokadę ekranu
Na ekranie głównym stuknij ikonę Ustawień z kołem zębatym. W Androidzie jest w menu, a w \
iPhonie od razu na ekranie. Przewiń w dół i stuknij pozycję o nazwie Ekran blokady.

### Wymyśl kod z sześciu cyfr
Wybierz sześć cyfr, które łatwo zapamiętasz, a których nikt nie zgadnie. Nie bierz daty \
urodzenia ani numeru mieszkania i nie wpisuj cyfr po kolei.

### Wpisz kod i potwierdź go
Telefon poprosi o kod i o jego powtórzenie. Wpisuj go powoli i zobacz, czy nikt nie patrzy \
Ci przez ramię, a potem stuknij Gotowe.

### Sprawdź, czy kod działa
Naciśnij przycisk z boku i ekran zgaśnie. Naciśnij go jeszcze raz i wpisz swój kod.

## Zastrzeżenia {#caveats}

### Schowaj zapisany kod
Kartkę z kodem trzymaj w domu, z dala od telefonu i od portfela.

### Kod jest tylko dla ciebie
Nikt z banku ani z sieci komórkowej nie zapyta Cię o kod do telefonu.

## Pytania {#questions}

### Co będzie, gdy zapomnę kod?
Telefon trzeba będzie wyczyścić i ustawić od nowa, więc zdjęcia i kontakty trzymaj \
w kopii zapasowej.
"""


def pages(path: Path, paper: str) -> int:
    return len(page_texts(handout(path, paper=paper, large_print=True)))


def designed_margins_only(monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.render.pdf import styles

    monkeypatch.setattr(
        styles, "TIGHTENINGS", tuple(replace(t, margin=1.0) for t in styles.TIGHTENINGS)
    )
    styles.stylesheet.cache_clear()


def test_twelve_steps_take_no_more_pages_on_letter_than_on_a4(
    write_guide: Callable[..., Path],
) -> None:
    path = write_guide(TWELVE)
    assert pages(path, "letter") == pages(path, "a4") == 4


def test_with_the_designed_margins_letter_needed_a_fifth_page(
    write_guide: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    designed_margins_only(monkeypatch)
    try:
        assert pages(write_guide(TWELVE), "letter") == 5
    finally:
        monkeypatch.undo()
        from generator.render.pdf import styles

        styles.stylesheet.cache_clear()


def test_a_four_step_polish_guide_fills_three_pages_not_four(
    write_guide: Callable[..., Path],
) -> None:
    path = write_guide(POLISH)
    data = handout(path, paper="a4", large_print=True)
    assert len(page_texts(data)) == 3
    assert handout_problems(load_guide(path), read_pages(data)) == []


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_no_margin_is_narrower_than_12_mm(write_guide: Callable[..., Path], paper: str) -> None:
    from reportlab.lib.units import mm

    from generator.render.pdf.styles import PAGE_SIZES
    from generator.render.text_width import text_width

    width = PAGE_SIZES[paper][0]
    for path in (write_guide(TWELVE), write_guide(POLISH, name="pl.md")):
        for page in read_pages(handout(path, paper=paper, large_print=True)):
            # (Spaces are left out: a wrapped line ends in an invisible one, for the tags.)
            shapes = [s for line in page.lines for s in line.shapes if not s.char.isspace()]
            assert min(shape.x for shape in shapes) >= 12 * mm - 0.5
            right = max(s.x + text_width(s.char, s.size, bold=s.bold) for s in shapes)
            assert right <= width - 12 * mm + 0.5
