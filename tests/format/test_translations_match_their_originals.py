"""A translation sits beside its original and must match it item for item."""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
from pathlib import Path

from helpers.guides import FIRST_GUIDE

from generator.check import check_paths
from generator.parse import load_guide

TODAY = dt.date(2026, 11, 26)
POLISH = FIRST_GUIDE.with_name("meta-ai-objection.pl.md")


def copy_pair(tmp_path: Path) -> tuple[Path, Path]:
    original = Path(shutil.copy(FIRST_GUIDE, tmp_path / FIRST_GUIDE.name))
    polish = Path(shutil.copy(POLISH, tmp_path / POLISH.name))
    return original, polish


def messages(tmp_path: Path, *paths: Path) -> list[str]:
    result = check_paths(list(paths) or [tmp_path], today=TODAY)
    return [str(problem) for problem in result.problems]


def test_the_bundled_polish_edition_matches_its_original() -> None:
    original, polish = load_guide(FIRST_GUIDE), load_guide(POLISH)
    assert polish.slug == original.slug and polish.edition == "pl" and polish.lang == "pl"
    assert len(polish.steps) == len(original.steps) == 5
    assert len(polish.caveats) == len(original.caveats) == 3
    assert len(polish.questions) == len(original.questions)
    # The same source; the Polish edition says its title is in English.
    assert polish.source is not None and polish.source.lang == "en"
    assert dataclasses.replace(polish.source, lang=None) == original.source
    assert messages(FIRST_GUIDE.parent, FIRST_GUIDE, POLISH) == []


def test_a_missing_step_names_the_step(tmp_path: Path) -> None:
    _, polish = copy_pair(tmp_path)
    text = polish.read_text(encoding="utf-8")
    start = text.index("### Wpisz adres e-mail")
    end = text.index("## Zastrzeżenia")
    polish.write_text(text[:start] + text[end:], encoding="utf-8")
    found = messages(tmp_path)
    assert found == [
        f"{polish}: error: this translation has 4 steps but the original "
        f"{tmp_path / FIRST_GUIDE.name} has 5: missing step 5 "
        "'Type your email address and tap Submit'"
    ]


def test_an_extra_caveat_is_reported_on_its_line(tmp_path: Path) -> None:
    _, polish = copy_pair(tmp_path)
    text = polish.read_text(encoding="utf-8")
    text = text.replace(
        "## Pytania {#questions}", "### Dodatkowe\nTekst.\n\n## Pytania {#questions}"
    )
    polish.write_text(text, encoding="utf-8")
    line = text.split("\n").index("### Dodatkowe") + 1
    assert any(
        m.startswith(f"{polish}:{line}: error: this translation has 4 caveats")
        for m in messages(tmp_path)
    )


def test_links_must_match_the_original(tmp_path: Path) -> None:
    _, polish = copy_pair(tmp_path)
    text = polish.read_text(encoding="utf-8")
    polish.write_text(
        text.replace("Stuknij ją.", "Stuknij [ją](https://example.org/)."), encoding="utf-8"
    )
    assert any("not in the original: https://example.org/" in m for m in messages(tmp_path))


def test_a_translation_older_than_its_original_is_a_warning(tmp_path: Path) -> None:
    original, _ = copy_pair(tmp_path)
    text = original.read_text(encoding="utf-8")
    original.write_text(text.replace("checked: 2026-11-20", "checked: 2026-11-25"), "utf-8")
    found = messages(tmp_path)
    assert len(found) == 1
    assert "warning: the original was checked on 2026-11-25, after this translation" in found[0]


def test_a_translation_needs_its_original(tmp_path: Path) -> None:
    polish = Path(shutil.copy(POLISH, tmp_path / POLISH.name))
    assert messages(tmp_path) == [
        f"{polish}: error: this is a translation of {tmp_path / FIRST_GUIDE.name}, which is "
        "missing or has errors: a translation needs its original beside it"
    ]


def test_checking_a_translation_alone_still_compares_it(tmp_path: Path) -> None:
    _, polish = copy_pair(tmp_path)
    text = polish.read_text(encoding="utf-8")
    polish.write_text(text.replace("### Czyich postów to dotyczy?", "Czyich?"), "utf-8")
    assert any("has 2 questions" in m for m in messages(tmp_path, polish))


def test_file_name_language_must_match_front_matter(tmp_path: Path) -> None:
    shutil.copy(FIRST_GUIDE, tmp_path / FIRST_GUIDE.name)
    wrong = tmp_path / "meta-ai-objection.de.md"
    shutil.copy(POLISH, wrong)
    assert any(
        "says this is the 'de' edition but its lang is 'pl'" in m for m in messages(tmp_path)
    )
