"""Text in another language than the document's is marked with its own /Lang, so a screen
reader reads it with the right voice; the read-back warns of guide text that is not."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pikepdf
import pytest
from helpers.guides import DATA
from helpers.handouts import handout
from helpers.workshop import SCREEN_LOCK

from generator.options import BuildOptions
from generator.parse import load_guide
from generator.render.email import render_email_html
from generator.verify.outputs import verify_output
from generator.verify.pdf import read_pdf
from generator.verify.tags import read_languages
from generator.workshop import WorkshopOptions, build_workshop
from generator.workshop.readback import check_facilitator

POLISH = DATA / "contract.pl.md"


def workshop(out: Path, *guides: Path) -> Path:
    report = build_workshop(list(guides), WorkshopOptions(out=out, title="Safe online"))
    assert not report.failed, [str(p) for p in report.problems]
    return out / "workshop"


def read_as(data: bytes) -> dict[str, str]:
    """The language each paragraph and list item is read in, by its text."""
    reading = read_pdf(data)
    assert reading.elements is not None
    languages = read_languages(reading.elements, reading.lang)
    return {
        " ".join(element.text.split()): lang
        for element, lang in zip(reading.elements, languages, strict=True)
        if element.role in ("P", "H2", "H3", "H4")
    }


@pytest.fixture(scope="module")
def english_sheet(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """The facilitator sheet of an English pack holding a Polish guide."""
    folder = workshop(tmp_path_factory.mktemp("english"), SCREEN_LOCK, POLISH)
    return (folder / "facilitator-sheet.pdf").read_bytes()


def test_the_things_to_bring_are_each_read_in_their_guides_language(english_sheet: bytes) -> None:
    heard = read_as(english_sheet)
    assert heard["Your phone"] == "en-GB"
    assert heard["Telefon"] == "pl"


def test_on_a_polish_sheet_an_english_guides_words_are_read_in_english(tmp_path: Path) -> None:
    folder = workshop(tmp_path, POLISH, SCREEN_LOCK, DATA / "long-address.md")
    heard = read_as((folder / "facilitator-sheet.pdf").read_bytes())
    # The sheet's own words in an English caveat's link card stay Polish.
    instruction = next(text for text in heard if text.startswith("Skieruj aparat telefonu"))
    assert heard[instruction] == "pl"
    assert heard["Keep your phone's number up to date"] == "en-GB"
    assert heard["Telefon"] == "pl"
    assert heard["Your phone"] == "en-GB"
    assert heard["Choose a six-digit PIN"] == "en-GB"
    assert heard["2. Lock your phone with a PIN"] == "en-GB"
    assert heard["Nobody can reset a forgotten PIN for you"] == "en-GB"


def test_a_source_named_in_another_language_is_read_in_it(write_guide: Callable[..., Path]) -> None:
    path = write_guide(
        """\
        ---
        title: Zablokuj telefon kodem PIN
        summary: Krótki kod, który znasz tylko ty, chroni twoje wiadomości.
        lang: pl
        checked: 2026-11-20
        source:
          title: "Set a passcode on your iPhone"
          publisher: Apple Support
          lang: en
        ---

        ## Kroki {#steps}

        ### Otwórz Ustawienia
        Stuknij ikonę z kołem zębatym.
        """,
        "pin.pl.md",
    )
    heard = read_as(handout(path))
    assert heard["Set a passcode on your iPhone, Apple Support."] == "en"
    assert heard["Stuknij ikonę z kołem zębatym."] == "pl"
    guide = load_guide(path)
    assert [
        f for f in verify_output(guide, "pdf", handout(path), path) if "/Lang" in f.message
    ] == []
    # The email says so too.
    html = " ".join(render_email_html(guide, BuildOptions()).split())
    assert '<span lang="en">Apple Support, Set a passcode on your iPhone</span>' in html


def without_lang(data: bytes, role: str) -> bytes:
    """The PDF with the /Lang of every ``role`` element taken away."""

    def walk(node: Any) -> None:
        if str(node.get("/S")) == f"/{role}" and "/Lang" in node:
            del node["/Lang"]
        kids = node.get("/K")
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
            if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                walk(kid)

    with pikepdf.open(io.BytesIO(data)) as pdf:
        walk(pdf.Root.StructTreeRoot.K)
        out = io.BytesIO()
        pdf.save(out)
        return out.getvalue()


def test_the_read_back_warns_of_a_guides_words_in_the_sheets_voice(english_sheet: bytes) -> None:
    guides = [load_guide(SCREEN_LOCK), load_guide(POLISH)]
    assert [
        f for f in check_facilitator(english_sheet, guides, Path("f.pdf")) if "/Lang" in f.message
    ] == []
    found = check_facilitator(without_lang(english_sheet, "LI"), guides, Path("f.pdf"))
    assert [(f.severity, f.message) for f in found if "/Lang" in f.message] == [
        (
            "warning",
            "tags: guide 2's things to bring 'Telefon' is in 'pl' but a screen reader would "
            "read it as 'en-GB': its P has no /Lang pl",
        )
    ]
