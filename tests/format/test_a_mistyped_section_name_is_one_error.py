"""A known section's name typed wrong is one error at its heading, saying the name meant.

Before, every '###' under '## Cavaets' was an error of its own that never named 'Caveats'.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.cli import run_split

HEAD = """\
---
title: Spot a fake parcel text
summary: How to tell a real delivery message from a fake one.
checked: 2026-11-20
{lang}---

"""
STEPS = """\
## {steps}

### Read who sent it

Look at the number or name it came from.

### Do not tap the link

Open the courier's own app instead.

### Delete the message

Then block the number.

"""
CAVEATS = """\
## {caveats}

### Real couriers send texts too

Check in the courier's own app before you ignore one.

### A fake can use a real name

The sender's name can be made up.
"""


def guide(tmp_path: Path, steps: str, caveats: str, lang: str = "") -> Path:
    path = tmp_path / "fake-parcel-text.md"
    text = HEAD.format(lang=lang) + STEPS.format(steps=steps) + CAVEATS.format(caveats=caveats)
    path.write_text(text, "utf-8")
    return path


def check(path: Path) -> tuple[int, str]:
    code, _out, err = run_split("check", "--max-age", "100000", str(path))
    return code, err


def test_cavaets_is_one_error_naming_caveats(tmp_path: Path) -> None:
    path = guide(tmp_path, "Steps", "Cavaets")
    assert check(path) == (
        1,
        f"{path}:21: error: '## Cavaets' is not a section name the guide format knows, so the "
        "'###' headings under it are not read: did you mean '## Caveats'?\n",
    )


def test_stesp_is_one_error_naming_steps_and_no_more(tmp_path: Path) -> None:
    path = guide(tmp_path, "Stesp", "Caveats")
    # Not also "the guide has no '## Steps' section", nor one error per step.
    assert check(path) == (
        1,
        f"{path}:7: error: '## Stesp' is not a section name the guide format knows, so the "
        "'###' headings under it are not read: did you mean '## Steps'?\n",
    )


def test_in_a_polish_guide_the_name_meant_and_the_message_are_polish(tmp_path: Path) -> None:
    path = guide(tmp_path, "Kroki {#steps}", "Zastrzezenia", lang="lang: pl\n")
    code, err = check(path)
    assert code == 1
    assert err == (
        f"{path}:22: error: '## Zastrzezenia' to nie jest nazwa sekcji znana w formacie "
        "poradnika, więc nagłówki '###' pod nią nie są odczytywane: czy chodziło o "
        "'## Zastrzeżenia {#caveats}'?\n"
    )


def test_a_polish_name_without_its_id_is_told_to_add_it(tmp_path: Path) -> None:
    path = guide(tmp_path, "Kroki", "Zastrzeżenia {#caveats}", lang="lang: pl\n")
    code, err = check(path)
    assert code == 1
    assert err == (
        f"{path}:8: error: '## Kroki' jest czytany jako osobna sekcja, więc nagłówki '###' "
        "pod nim nie są odczytywane: napisz '## Kroki {#steps}' (nagłówek w każdym języku "
        "poza angielskim potrzebuje swojego identyfikatora)\n"
    )


def test_a_mistyped_id_is_one_error_naming_the_id_meant(tmp_path: Path) -> None:
    path = guide(tmp_path, "Kroki {#step}", "Zastrzeżenia {#caveats}", lang="lang: pl\n")
    code, err = check(path)
    assert code == 1
    # Not also "the guide has no '## Steps' section", nor one error per step.
    assert err == (
        f"{path}:8: error: nieznany identyfikator sekcji '#step': czy chodziło o '{{#steps}}'? "
        "(identyfikatory to #needs, #steps, #caveats, #questions, #facilitator)\n"
    )


@pytest.mark.parametrize(
    ("heading", "meant"), [("Question", "Questions"), ("What you need", "What you'll need")]
)
def test_a_section_without_items_is_printed_as_written_with_a_warning(
    tmp_path: Path, heading: str, meant: str
) -> None:
    path = guide(tmp_path, "Steps", "Caveats")
    with path.open("a", encoding="utf-8") as handle:
        handle.write(f"\n## {heading}\n\nAsk at the library desk.\n")
    code, err = check(path)
    assert code == 0
    assert err == (
        f"{path}:31: warning: '## {heading}' is printed as a section of its own, as written: "
        f"did you mean '## {meant}'?\n"
    )


@pytest.mark.parametrize("heading", ["Before you start", "Next steps", "Tips"])
def test_a_section_of_its_own_named_unlike_any_known_one_is_left_alone(
    tmp_path: Path, heading: str
) -> None:
    path = guide(tmp_path, "Steps", "Caveats")
    with path.open("a", encoding="utf-8") as handle:
        handle.write(f"\n## {heading}\n\nAsk at the library desk.\n")
    assert check(path) == (0, "")
