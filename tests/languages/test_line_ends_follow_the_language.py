"""Typographic finish: in Polish, Czech and Slovak no line ends with a one-letter word; no
line starts with a dash; no heading's last line holds one word alone; headings use the
language's own quotation marks. Text that keeps these rules prints as it always did, and
the read-back finds a page that breaks them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from helpers.guides import MINIMAL
from helpers.handouts import handout

from generator.parse import load_guide
from generator.typography import ends_with_one_letter_word, starts_with_dash
from generator.verify.layout import handout_problems, read_pages
from generator.verify.pdftext import page_texts

POLISH = """\
---
title: Włącz weryfikację dwuetapową w poczcie i w banku
summary: Kod z telefonu chroni konto, nawet gdy ktoś pozna hasło.
lang: pl
checked: 2026-11-01
---

## Kroki {#steps}

### Otwórz ustawienia konta w telefonie
Wejdź w ustawienia i znajdź zakładkę o nazwie Bezpieczeństwo. Stuknij ją i przewiń w dół, \
a zobaczysz pozycję z napisem Weryfikacja dwuetapowa. Włącz ją i wpisz kod z wiadomości, \
a potem zapisz zmiany i wróć do ekranu głównego. Zrób to w domu, a nie w pociągu, i miej \
pod ręką kartkę z hasłem.
"""

CZECH = """\
---
title: Zapněte dvoufázové ověření v poště
summary: Kód z telefonu chrání účet, i když někdo zná heslo.
lang: cs
checked: 2026-11-01
---

## Kroky {#steps}

### Otevřete nastavení účtu v telefonu
Jděte do nastavení a najděte kartu Zabezpečení. Klepněte na ni a posuňte se dolů, k položce \
s názvem Dvoufázové ověření. Zapněte ji a zadejte kód ze zprávy, v klidu a s heslem po ruce, \
a pak uložte změny a vraťte se k hlavní obrazovce. Udělejte to doma a v klidu, s telefonem \
v ruce a s papírem u sebe.
"""

DASHES = MINIMAL.replace(
    "Like this.",
    " ".join(["Open the word app – the one with the blue square – and look at the top."] * 4),
)

HEADING = MINIMAL.replace("### Do the first thing", "### Type your email address and tap Submit")


def rules_off(monkeypatch: pytest.MonkeyPatch) -> None:
    """Lay paragraphs out as they come, as the handout did before these rules."""
    from generator.render.pdf.finish import FinishedParagraph
    from generator.render.pdf.tagging import TaggedParagraph

    monkeypatch.setattr(FinishedParagraph, "wrap", TaggedParagraph.wrap)


def lines_of(data: bytes) -> list[str]:
    return [line.text for page in read_pages(data) for line in page.lines]


@pytest.mark.parametrize(("text", "lang"), [(POLISH, "pl"), (CZECH, "cs")])
@pytest.mark.parametrize(("paper", "large"), [("a4", False), ("letter", True), ("a5", True)])
def test_no_line_ends_with_a_one_letter_word(
    write_guide: Callable[..., Path], text: str, lang: str, paper: str, large: bool
) -> None:
    path = write_guide(text)
    data = handout(path, paper=paper, large_print=large)
    assert [line for line in lines_of(data) if ends_with_one_letter_word(line, lang)] == []
    assert handout_problems(load_guide(path), read_pages(data)) == []


@pytest.mark.parametrize(("text", "name"), [(POLISH, "Polish"), (CZECH, "Czech")])
def test_the_read_back_finds_a_one_letter_word_at_a_line_end(
    write_guide: Callable[..., Path], monkeypatch: pytest.MonkeyPatch, text: str, name: str
) -> None:
    rules_off(monkeypatch)
    path = write_guide(text)
    found = []
    for paper, large in (("a4", False), ("letter", True), ("a5", True)):
        data = handout(path, paper=paper, large_print=large)
        found += [p.message for p in handout_problems(load_guide(path), read_pages(data))]
    assert any(f"(in {name} it goes to the next line" in message for message in found), found


def test_no_line_starts_with_a_dash(
    write_guide: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_guide(DASHES)
    for paper in ("a4", "letter"):
        data = handout(path, paper=paper, large_print=True)
        assert not any(starts_with_dash(line) for line in lines_of(data))
        assert handout_problems(load_guide(path), read_pages(data)) == []
    rules_off(monkeypatch)
    data = handout(path, paper="a4", large_print=True)
    found = [p.message for p in handout_problems(load_guide(path), read_pages(data))]
    assert any(message.startswith("a line starts with a dash") for message in found), found


def test_a_heading_never_ends_with_one_word_alone(
    write_guide: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_guide(HEADING)
    for paper in ("a4", "letter", "a5"):
        data = handout(path, paper=paper, large_print=True)
        assert "tap Submit" in " ".join(lines_of(data)), paper
        assert handout_problems(load_guide(path), read_pages(data)) == []
    rules_off(monkeypatch)
    data = handout(path, paper="a4", large_print=True)
    messages = [p.message for p in handout_problems(load_guide(path), read_pages(data))]
    assert any("leaves one word alone on its last line ('Submit')" in m for m in messages)


QUOTED = {
    "en": "Tap \u201cObject\u201d",
    "cy": "Tap \u201cObject\u201d",
    "pl": "Tap \u201eObject\u201d",
    "de": "Tap \u201eObject\u201c",
    "fr": "Tap \u00ab\u00a0Object\u00a0\u00bb",
    "es": "Tap \u00abObject\u00bb",
    "uk": "Tap \u00abObject\u00bb",
}


@pytest.mark.parametrize("lang", sorted(QUOTED))
def test_headings_use_the_language_s_own_quotation_marks(
    write_guide: Callable[..., Path], lang: str
) -> None:
    text = MINIMAL.replace("checked:", f"lang: {lang}\nchecked:").replace(
        "### Do the first thing\nLike this.", '### Tap "Object"\nThe word "Object" is a link.'
    )
    text = text.replace("## Steps", "## Steps {#steps}")
    path = write_guide(text)
    data = handout(path)
    printed = " ".join("\n".join(page_texts(data)).split())
    assert " ".join(QUOTED[lang].split()) in printed
    # Body text keeps the quotes as written; the read-back still finds the step.
    assert 'The word "Object" is a link.' in printed
    from generator.verify.outputs import verify_output

    assert verify_output(load_guide(path), "pdf", data, path) == []


def test_text_that_keeps_the_rules_prints_as_it_always_did(
    write_guide: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_guide(MINIMAL)
    finished = [handout(path, paper=paper) for paper in ("a4", "letter")]
    rules_off(monkeypatch)
    assert [handout(path, paper=paper) for paper in ("a4", "letter")] == finished
