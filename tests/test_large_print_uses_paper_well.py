"""Large print uses paper well: when a guide's pages would nearly fit in one fewer, the
tighter layouts narrow the margins (never below 12 mm) as well as the spacing, so a long
guide takes no more pages on Letter than on A4 and no last page holds only a few lines."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from handout_tools import handout

from generator.layout_check import handout_problems, read_pages
from generator.parse import load_guide
from generator.pdftext import page_texts

TWELVE = "\n".join(
    [
        "---",
        "title: Check twelve settings on a shared family computer",
        "summary: Go through each setting in turn and tick it off.",
        "checked: 2026-11-01",
        "minutes: 30",
        "---",
        "",
        "## What you'll need",
        "",
        "- The computer",
        "- Its password",
        "",
        "## Steps",
        "",
        *(
            f"### Open setting number {n} and look at it\n"
            f"Find setting {n} in the list and make sure it is switched on.\n"
            for n in range(1, 13)
        ),
        "## Caveats",
        "",
        "### Older computers",
        "Some settings may be missing on computers more than five years old.",
        "",
        "### Shared accounts",
        "A change made here applies to everyone who signs in to this computer.",
        "",
        "## Questions",
        "",
        "### What if a setting is greyed out?",
        "Ask whoever looks after the computer to change it for you.",
    ]
)

POLISH = """\
---
title: Zablokuj telefon kodem
summary: Kod, który znasz tylko ty, chroni wiadomości i zdjęcia, gdy zgubisz telefon.
lang: pl
checked: 2026-11-01
minutes: 10
applies_to: [Android, iPhone]
---

## Co będzie potrzebne {#needs}

- Telefon albo tablet
- Kartka i długopis

## Kroki {#steps}

### Otwórz Ustawienia i znajdź ekran blokady
Na ekranie głównym stuknij ikonę z kołem zębatym. W Androidzie znajdziesz ją w menu, a w \
iPhonie na pierwszym ekranie. Przewiń listę w dół i stuknij pozycję o nazwie Ekran blokady.

### Wybierz kod z sześciu cyfr
Wybierz sześć cyfr, które zapamiętasz, ale których nikt nie zgadnie. Nie wpisuj daty \
urodzenia ani numeru domu i nie używaj cyfr po kolei.

### Wpisz kod dwa razy
Telefon poprosi o kod i o jego powtórzenie. Wpisz go powoli i sprawdź, czy nikt nie patrzy \
Ci przez ramię, a potem stuknij Gotowe.

### Zablokuj telefon i sprawdź kod
Naciśnij przycisk z boku telefonu, a ekran zgaśnie. Naciśnij go znowu i wpisz kod.

## Zastrzeżenia {#caveats}

### Zapisz kod w bezpiecznym miejscu
Zapisz kod na kartce i schowaj ją w domu, z dala od telefonu i od torebki.

### Nie mów nikomu swojego kodu
Nikt z banku ani z sieci komórkowej nie poprosi Cię o kod do telefonu.

## Pytania {#questions}

### Co zrobić, gdy zapomnę kod?
Trzeba będzie wyczyścić telefon i ustawić go od nowa, więc zdjęcia i kontakty zachowaj \
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

    width = PAGE_SIZES[paper][0]
    for path in (write_guide(TWELVE), write_guide(POLISH, name="pl.md")):
        for page in read_pages(handout(path, paper=paper, large_print=True)):
            # (Spaces are left out: a wrapped line ends in an invisible one, for the tags.)
            shapes = [s for line in page.lines for s in line.shapes if not s.char.isspace()]
            assert min(shape.x for shape in shapes) >= 12 * mm - 0.5
            assert max(shape.x + 0.7 * shape.size for shape in shapes) <= width - 12 * mm + 0.5
