"""A web address printed over two lines reads back whole: to a screen reader (the tagged
text), to text extraction (pdftotext, PDFium) and to copy and paste. The read-back warns
of an address that comes back with a space or a line break inside."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pikepdf
import pytest
from helpers.guides import DATA
from helpers.handouts import handout, page_texts
from helpers.structure import struct_tree

from generator.parse import load_guide
from generator.verify.outputs import verify_output
from generator.verify.pdf import read_pdf

GUIDE = DATA / "long-address.md"
WRAPPED = {
    # The source's address, printed in its link card only.
    "https://support.google.com/accounts/answer/a5538339?lang=en&intendedLocale=en": 1,
    # In a step's running text, and again in its link card.
    "https://myaccount.google.com/signinoptions/two-step-verification-enrolment-flow/start": 2,
}


@pytest.fixture(scope="module", params=[False, True], ids=["regular", "large"])
def printed(request: pytest.FixtureRequest) -> bytes:
    return handout(GUIDE, "a4", request.param)


def test_each_wrapped_address_is_one_replacement_text(printed: bytes) -> None:
    with pikepdf.open(io.BytesIO(printed)) as pdf:
        replaced = [
            str(operands[1].get("/ActualText"))
            for page in pdf.pages
            for operands, operator in pikepdf.parse_content_stream(page)
            if operator == pikepdf.Operator("BDC") and str(operands[0]) == "/Span"
        ]
    for address, times in WRAPPED.items():
        assert replaced.count(address) == times, (address, replaced)


def test_pdfium_reads_each_address_whole_in_the_text_and_in_the_tags(printed: bytes) -> None:
    reading = read_pdf(printed)
    assert reading.elements is not None
    links = [" ".join(e.text.split()) for e in reading.elements if e.role == "Link"]
    for address, times in WRAPPED.items():
        assert reading.text.count(address) == times, address
        assert links.count(address) == times, (address, links)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler")
def test_pdftotext_and_popplers_tags_read_each_address_whole(
    printed: bytes, tmp_path: Path
) -> None:
    path = tmp_path / "handout.pdf"
    path.write_bytes(printed)
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    links = [element.text for element in struct_tree(printed, tmp_path) if element.role == "Link"]
    for address, times in WRAPPED.items():
        assert text.count(address) == times, address
        assert links.count(address) == times, (address, links)


def test_the_read_back_finds_nothing_wrong_with_the_addresses(printed: bytes) -> None:
    found = verify_output(load_guide(GUIDE), "pdf", printed, Path("h.pdf"))
    assert [f.message for f in found if "address" in f.message] == []


def without_replacement_texts(data: bytes) -> bytes:
    """The handout as it was before: each wrapped address drawn as two plain lines."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            stream = page.Contents.read_bytes()
            page.Contents.write(
                re.sub(rb"/Span <</ActualText <[0-9A-F]*>>> BDC", b"/Span BMC", stream)
            )
        out = io.BytesIO()
        pdf.save(out)
        return out.getvalue()


def test_the_read_back_warns_of_an_address_read_with_a_line_break_inside(printed: bytes) -> None:
    found = verify_output(
        load_guide(GUIDE), "pdf", without_replacement_texts(printed), Path("h.pdf")
    )
    warned = [f.message for f in found if f.severity == "warning" and "address" in f.message]
    for address in WRAPPED:
        assert any(
            message.startswith(f"text: the address {address} reads '") for message in warned
        ), warned
        assert any(
            message.startswith(f"tags: the address {address} reads '") for message in warned
        ), warned


def test_any_word_too_long_for_its_line_reads_back_whole(
    write_guide: Callable[..., Path],
) -> None:
    word = "Datenschutzgrundverordnungsbeschwerdeformularausfüllhilfeseitenverzeichnis"
    path = write_guide(
        f"""\
        ---
        title: Eine Beschwerde einreichen
        summary: So reichen Sie eine Beschwerde beim Datenschutz ein.
        lang: de
        checked: 2026-11-20
        ---

        ## Schritte {{#steps}}

        ### Das Formular öffnen
        Suchen Sie im Menü das {word} und öffnen Sie es.
        """,
        "beschwerde.de.md",
    )
    printed = handout(path, "a4", True)
    assert word not in "".join(page_texts(printed))  # on paper it is cut in two
    reading = read_pdf(printed)
    assert reading.elements is not None
    assert word in reading.text
    assert any(word in element.text.split() for element in reading.elements)
