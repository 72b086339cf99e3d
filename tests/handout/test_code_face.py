"""Text marked as code ("type this exactly") prints in a typewriter face, unlike bold."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pypdfium2
from helpers.guides import MINIMAL
from helpers.handouts import font_resources, handout

from generator.check import check_paths


def fonts_of_text(data: bytes, text: str) -> set[str]:
    """The names of the fonts the characters of ``text`` are printed in."""
    document = pypdfium2.PdfDocument(data)
    found: set[str] = set()
    try:
        for page in document:
            textpage = page.get_textpage()
            whole = textpage.get_text_range()
            start = whole.find(text)
            while start != -1:
                for index in range(start, start + len(text)):
                    found.add(_font_name(textpage, index))
                start = whole.find(text, start + 1)
    finally:
        document.close()
    return found


def _font_name(textpage: pypdfium2.PdfTextPage, index: int) -> str:
    import ctypes

    buffer = ctypes.create_string_buffer(128)
    flags = ctypes.c_int()
    pypdfium2.raw.FPDFText_GetFontInfo(textpage.raw, index, buffer, 128, ctypes.byref(flags))
    return buffer.value.decode("utf-8", "replace")


def test_code_prints_in_dejavu_sans_mono_and_bold_does_not(
    write_guide: Callable[..., Path],
) -> None:
    path = write_guide(
        MINIMAL.replace("Like this.", "Type `482913` exactly, then tap **Confirm**.", 1)
    )
    data = handout(path)
    assert any("DejaVuSansMono" in name for name in fonts_of_text(data, "482913"))
    assert not any("Mono" in name for name in fonts_of_text(data, "Confirm"))
    assert any("Bold" in name for name in fonts_of_text(data, "Confirm"))
    embedded = [str(font.get("/BaseFont")) for font in font_resources(data)]
    # The typewriter face is embedded like the others (a subset, so with a prefix).
    assert any(name.endswith("DejaVuSansMono") or "DejaVuSansMono" in name for name in embedded)


def test_guide_check_names_a_character_the_typewriter_face_lacks(
    write_guide: Callable[..., Path],
) -> None:
    # U+0524 (Cyrillic capital pe with descender) is in DejaVu Sans but not in the Mono face.
    path = write_guide(MINIMAL.replace("Like this.", "Type `\u0524` here.", 1))
    problems = [str(p) for p in check_paths([path]).problems]
    assert len(problems) == 1 and "U+0524" in problems[0] and "as code" in problems[0]
