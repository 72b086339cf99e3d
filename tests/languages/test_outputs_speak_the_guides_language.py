"""Outputs speak the guide's language, from the first word to the footer."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from helpers.cli import invoke
from helpers.guides import FIRST_GUIDE, MINIMAL

from generator.check import check_paths
from generator.i18n import format_date, translations_for
from generator.verify.outputs import text_of_html, text_of_pdf

POLISH = FIRST_GUIDE.with_name("meta-ai-objection.pl.md")


@pytest.fixture(scope="module")
def polish_outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    out = tmp_path_factory.mktemp("pl")
    result = invoke("build", str(POLISH), "--out", str(out))
    assert result.exit_code == 0, result.output
    return {
        "pdf": text_of_pdf((out / "meta-ai-objection.pl.pdf").read_bytes()),
        "html": text_of_html((out / "meta-ai-objection.pl.html").read_text("utf-8")),
        "txt": (out / "meta-ai-objection.pl.txt").read_text("utf-8"),
    }


def test_polish_dates_come_from_cldr() -> None:
    assert format_date(dt.date(2026, 11, 20), "pl") == "20 listopada 2026"
    assert format_date(dt.date(2026, 11, 20), "uk") == "20 листопада 2026\u202fр."
    assert format_date(dt.date(2026, 11, 20), "en-GB") == "20 November 2026"


@pytest.mark.parametrize("kind", ["pdf", "html", "txt"])
def test_polish_edition_has_polish_headings_footer_and_date(
    polish_outputs: dict[str, str], kind: str
) -> None:
    text = " ".join(polish_outputs[kind].split())
    polish = translations_for("pl")
    checked = polish.gettext("Checked on %(date)s") % {"date": "20 listopada 2026"}
    assert polish.gettext("What you'll need") != "What you'll need"
    assert polish.gettext("What you'll need") in text
    assert polish.gettext("Things to be aware of") in text
    assert checked in text
    for english in ("What you'll need", "Things to be aware of", "Checked on", "November"):
        assert english not in text, f"{english!r} left in English in the {kind}"


def test_polish_handout_footer_counts_pages_in_polish(polish_outputs: dict[str, str]) -> None:
    footer = translations_for("pl").gettext("Page {page} of {pages}")
    assert footer.replace("{page}", "1").replace("{pages}", "3") in polish_outputs["pdf"]


def test_polish_text_numbers_steps_in_polish(polish_outputs: dict[str, str]) -> None:
    label = translations_for("pl").gettext("Step %(number)s of %(total)s")
    assert label % {"number": 1, "total": 5} in polish_outputs["txt"]


@pytest.mark.parametrize(
    ("lang", "named", "direction"),
    [
        # Lithuanian: not shipped (README's example of adding a language is Italian).
        ("lt", "Lithuanian ('lt')", ""),
        # Hebrew: printed right to left, its English words still read left to right.
        ("he", "Hebrew ('he')", ", left to right on its right-to-left pages"),
    ],
)
def test_a_language_without_a_catalog_falls_back_to_english_with_a_warning(
    lang: str, named: str, direction: str, tmp_path: Path
) -> None:
    path = tmp_path / "italian.md"
    path.write_text(MINIMAL.replace("checked:", f"lang: {lang}\nchecked:"), encoding="utf-8")
    result = check_paths([path], today=dt.date(2026, 11, 26))
    assert [str(p) for p in result.problems] == [
        f"{path}:4: warning: the tool's own words (headings, 'Step 1 of 5', the footer) are not "
        f"translated into {named} yet, so they will be in English{direction}; see README to add "
        "a language"
    ]
    out = tmp_path / "out"
    built = invoke("build", str(path), "--out", str(out), "--format", "txt")
    assert built.exit_code == 0, built.output
    assert "Step 1 of 1" in (out / "italian.txt").read_text("utf-8")


def test_a_guide_in_khmer_is_refused_naming_the_language(tmp_path: Path) -> None:
    path = tmp_path / "khmer.md"
    path.write_text(MINIMAL.replace("checked:", "lang: km\nchecked:"), encoding="utf-8")
    result = invoke("build", str(path), "--out", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert f"{path}:4: error: guides in Khmer ('km') cannot be made yet" in result.stderr
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_nko_letters_in_an_english_guide_are_refused_on_their_line(tmp_path: Path) -> None:
    path = tmp_path / "mixed.md"
    path.write_text(MINIMAL.replace("Like this.", "Type \u07ca\u07d3 here."), encoding="utf-8")
    problems = [str(p) for p in check_paths([path], today=dt.date(2026, 11, 26)).errors]
    assert problems[0] == (
        f"{path}:10: error: '\u07ca' (U+07CA) is N'Ko script, which the handout cannot print "
        "correctly (it needs joining, reordering or right-to-left layout that the handout "
        "does not do): leave it out or describe it in words"
    )


def test_welsh_and_ukrainian_guides_build_in_their_language(tmp_path: Path) -> None:
    for lang, month in (("cy", "Tachwedd"), ("uk", "листопада")):
        path = tmp_path / f"guide-{lang}.md"
        shutil.copy(FIRST_GUIDE, path)
        text = path.read_text("utf-8").replace("lang: en-GB", f"lang: {lang}")
        path.write_text(text, encoding="utf-8")
        out = tmp_path / f"out-{lang}"
        result = invoke("build", str(path), "--out", str(out))
        assert result.exit_code == 0, result.output
        pdf = text_of_pdf((out / f"guide-{lang}.pdf").read_bytes())
        assert month in pdf
        heading = translations_for(lang).gettext("What you'll need")
        assert heading != "What you'll need" and heading in " ".join(pdf.split())


def test_a_date_ending_in_a_full_stop_gets_no_second_one(tmp_path: Path) -> None:
    path = tmp_path / "guide-uk.md"
    shutil.copy(FIRST_GUIDE, path)
    path.write_text(path.read_text("utf-8").replace("lang: en-GB", "lang: uk"), "utf-8")
    out = tmp_path / "out"
    args = ["build", str(path), "--out", str(out), "--format", "txt", "--format", "html"]
    result = invoke(*args)
    assert result.exit_code == 0, result.output
    text = (out / "guide-uk.txt").read_text("utf-8")
    html = text_of_html((out / "guide-uk.html").read_text("utf-8"))
    assert "2026\u202fр." in text
    assert "р.." not in text and "р.." not in html


def test_a_workshop_of_polish_guides_gets_a_polish_default_title() -> None:
    from generator.parse import load_guide
    from generator.workshop import workshop_title

    polish = load_guide(POLISH)
    title = workshop_title([polish, polish], None)
    assert title == translations_for("pl").gettext("Staying safe online")
    assert title != "Staying safe online"


def test_print_instructions_never_end_a_date_with_two_full_stops(tmp_path: Path) -> None:
    path = tmp_path / "guide-uk.md"
    shutil.copy(FIRST_GUIDE, path)
    path.write_text(path.read_text("utf-8").replace("lang: en-GB", "lang: uk"), "utf-8")
    out = tmp_path / "out"
    result = invoke("workshop", str(path), "--out", str(out))
    assert result.exit_code == 0, result.output
    text = (out / "workshop" / "print-instructions.txt").read_text("utf-8")
    assert "2026\u202fр." in text and "р.." not in text


def test_french_plain_text_puts_a_space_before_the_colon(tmp_path: Path) -> None:
    path = tmp_path / "guide-fr.md"
    shutil.copy(FIRST_GUIDE, path)
    path.write_text(path.read_text("utf-8").replace("lang: en-GB", "lang: fr"), "utf-8")
    out = tmp_path / "out"
    result = invoke("build", str(path), "--out", str(out), "--format", "txt")
    assert result.exit_code == 0, result.output
    label = translations_for("fr").gettext("Step %(number)s of %(total)s") % {
        "number": 1,
        "total": 5,
    }
    assert f"{label}\u00a0: Open the Facebook or Instagram app" in (out / "guide-fr.txt").read_text(
        "utf-8"
    )
