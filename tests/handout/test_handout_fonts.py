"""Fonts: only the bundled DejaVu Sans, embedded; every script it covers prints, nothing else."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from helpers.cli import invoke
from helpers.guides import DATA, FIRST_GUIDE, MINIMAL
from helpers.handouts import flat, font_resources, handout, reader

from generator.problems import GuideError
from generator.verify.outputs import text_of_pdf

BUNDLED = {"DejaVuSans", "DejaVuSans-Bold"}
MONO = "DejaVuSansMono"
"""The typewriter face, only in a handout with text marked as code."""


def _font_names(data: bytes) -> set[str]:
    names = set()
    for font in font_resources(data):
        # A subset's name carries a six-letter prefix, like ABCDEF+DejaVuSans.
        names.add(str(font["/BaseFont"]).lstrip("/").split("+")[-1])
    return names


@pytest.mark.parametrize("path", [FIRST_GUIDE, DATA / "rich.md"])
def test_only_the_bundled_fonts_and_all_embedded(path: Path) -> None:
    data = handout(path, org="Kingsbridge Library", contact="01234 567890")
    # rich.md marks an address as code; the bundled guide has no code.
    assert _font_names(data) == (BUNDLED | {MONO} if path.name == "rich.md" else BUNDLED)
    for font in font_resources(data):
        descendants = font.get("/DescendantFonts")
        descriptor = (
            descendants[0].get_object()["/FontDescriptor"]
            if descendants
            else font["/FontDescriptor"]
        ).get_object()
        assert "/FontFile2" in descriptor, font["/BaseFont"]
    assert b"Helvetica" not in data
    assert b"Times" not in data


def test_large_print_and_letter_use_only_bundled_fonts() -> None:
    for data in (handout(FIRST_GUIDE, large_print=True), handout(FIRST_GUIDE, paper="letter")):
        assert _font_names(data) == BUNDLED
        assert b"Helvetica" not in data


def test_polish_ukrainian_greek_and_welsh_print_their_letters(
    write_guide: Callable[..., Path],
) -> None:
    path = write_guide(
        """\
        ---
        title: Zażółć gęślą jaźń
        summary: Їжак ґанок єнот — Ξεσκεπάζω την ψυχοφθόρα βδελυγμία.
        lang: uk
        checked: 2026-11-01
        ---

        Ŵ ŷ â: Mae'r ddraig goch yn chwifio. Größe, Straße, Übermäßig.

        ## Кроки {#steps}

        ### Відкрийте «Налаштування»
        Натисніть **Конфіденційність** і підтвердьте.

        ### Ελέγξτε τις ρυθμίσεις
        Πατήστε «Αποθήκευση».
        """,
        name="letters.md",
    )
    text = flat(text_of_pdf(handout(path)))
    for words in (
        "Zażółć gęślą jaźń",
        "Їжак ґанок єнот — Ξεσκεπάζω την ψυχοφθόρα βδελυγμία.",
        "Ŵ ŷ â: Mae'r ddraig goch yn chwifio. Größe, Straße, Übermäßig.",
        "1 Відкрийте «Налаштування»",
        "Натисніть Конфіденційність і підтвердьте.",
        "2 Ελέγξτε τις ρυθμίσεις",
    ):
        assert words in text
    assert reader(handout(path)).trailer["/Root"]["/Lang"] == "uk"


def test_the_polish_edition_builds(tmp_path: Path) -> None:
    data = handout(DATA / "contract.pl.md")
    assert "Wybierz „Bezpieczeństwo”" in flat(text_of_pdf(data))


def test_a_character_the_fonts_cannot_draw_is_a_clear_error(
    write_guide: Callable[..., Path], tmp_path: Path
) -> None:
    path = write_guide(MINIMAL + "\nThen smile 🙂 and relax.\n", name="emoji.md")
    with pytest.raises(GuideError) as caught:
        handout(path)
    assert str(caught.value) == (
        f"{path}:12: error: the character '🙂' (U+1F642 SLIGHTLY SMILING FACE) cannot be "
        "printed: the handout's font (DejaVu Sans) has no shape for it; replace it with "
        "words or a character it has"
    )
    out = tmp_path / "out"
    result = invoke("build", str(path), "--format", "pdf", "--out", str(out))
    assert result.exit_code == 1
    assert f"{path}:12: error: the character '🙂' (U+1F642" in result.stderr
    assert "Traceback" not in result.output + result.stderr
    assert not out.exists() or list(out.iterdir()) == []


def test_every_missing_character_is_named_with_its_line(write_guide: Callable[..., Path]) -> None:
    path = write_guide(
        MINIMAL.replace("title: A small guide", "title: A small guide 漢")
        + "\n### Then this\nA 𝄞 clef.\n",
        name="several.md",
    )
    with pytest.raises(GuideError) as caught:
        handout(path)
    messages = [(p.line, p.message.split(" cannot")[0]) for p in caught.value.problems]
    assert messages == [
        (2, "the character '漢' (U+6F22 CJK UNIFIED IDEOGRAPH-6F22)"),
        (13, "the character '𝄞' (U+1D11E MUSICAL SYMBOL G CLEF)"),
    ]


def test_a_missing_glyph_in_branding_is_reported_too(tmp_path: Path) -> None:
    result = invoke(
        "build", str(FIRST_GUIDE), "--format", "pdf", "--out", str(tmp_path), "--org", "Café 漢"
    )
    assert result.exit_code == 1
    assert result.stderr.startswith(
        "--org: error: the character '漢' (U+6F22 CJK UNIFIED IDEOGRAPH-6F22) cannot be printed"
    )
    assert list(tmp_path.iterdir()) == []


def test_a_script_the_handout_cannot_shape_is_refused_not_garbled(
    write_guide: Callable[..., Path],
) -> None:
    path = write_guide(
        MINIMAL.replace("checked:", "lang: en\nchecked:").replace("title: ", "title: \u0d85\u0dc3 ")
    )
    with pytest.raises(GuideError, match="is Sinhala script, which the handout cannot print"):
        handout(path)
