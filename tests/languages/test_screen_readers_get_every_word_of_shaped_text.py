"""A screen reader walking the structure tree reaches every word of shaped text.

Arabic, Hebrew and Indic words are drawn each with its ``/ActualText``. Each word is a
marked-content sequence of its own, with its own MCID among its element's kids: a sequence
nested inside the element's (with no MCID of its own) ends, for poppler, the element's
content at its first ``EMC``, so a step read out through the tags stopped after one word.
"""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import pikepdf
import pytest
from helpers.guides import DATA
from helpers.handouts import handout
from helpers.structure import struct_tree

from generator.model import Paragraph, plain_text
from generator.parse import load_guide
from generator.scripts import needs_shaping
from generator.typography import normalise
from generator.verify.pdf import read_pdf

SCRIPTS = DATA / "scripts"
MARK = re.compile(rb"/(\w+) <<(.*?)>> BDC|/(\w+) BMC|\bEMC\b", re.S)


def referenced_mcids(data: bytes) -> dict[int, list[int]]:
    """Every MCID the structure tree points at, by page index, each as often as it is."""
    found: dict[int, list[int]] = {}
    with pikepdf.open(io.BytesIO(data)) as pdf:
        pages = {page.objgen: index for index, page in enumerate(pdf.pages)}

        def visit(node: pikepdf.Object, page: int | None) -> None:
            if "/Pg" in node:
                page = pages[node.Pg.objgen]
            kids = node.get("/K")
            for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
                if isinstance(kid, int):
                    assert page is not None
                    found.setdefault(page, []).append(int(kid))
                elif isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                    visit(kid, page)
                elif isinstance(kid, pikepdf.Dictionary) and "/MCID" in kid:
                    owner = pages[kid.Pg.objgen] if "/Pg" in kid else page
                    assert owner is not None
                    found.setdefault(owner, []).append(int(kid.MCID))

        visit(pdf.Root.StructTreeRoot.K, None)
    return found


def shaped_replacement(properties: bytes) -> bool:
    """True for a sequence whose ``/ActualText`` holds a word of a shaped script (a web
    address set apart inside a link, read back whole, is Latin)."""
    found = re.search(rb"/ActualText <([0-9A-F]*)>", properties)
    return found is not None and needs_shaping(bytes.fromhex(found[1].decode()).decode("utf-16"))


def marked_sequences(data: bytes) -> list[tuple[int, int, bool]]:
    """Each marked-content sequence with an MCID: (page, MCID, whether a sequence that is
    not a Latin replacement text is opened inside it)."""
    sequences: list[tuple[int, int, bool]] = []
    with pikepdf.open(io.BytesIO(data)) as pdf:
        for index, page in enumerate(pdf.pages):
            stream = b"".join(
                part.read_bytes()
                for part in (
                    page.Contents if isinstance(page.Contents, pikepdf.Array) else [page.Contents]
                )
            )
            open_: list[list[int | bool] | None] = []
            for match in MARK.finditer(stream):
                if match[0] == b"EMC":
                    ended = open_.pop()
                    if ended is not None:
                        sequences.append((index, int(ended[0]), bool(ended[1])))
                    continue
                properties = match[2] or b""
                mcid = re.search(rb"/MCID (\d+)", properties)
                if mcid or b"/ActualText" not in properties or shaped_replacement(properties):
                    for outer in open_:
                        if outer is not None:
                            outer[1] = True
                open_.append([int(mcid[1]), False] if mcid else None)
    return sequences


@pytest.mark.parametrize("name", ["arabic", "urdu", "bengali"])
def test_each_word_is_a_sequence_of_its_own_that_its_element_points_at(name: str) -> None:
    data = handout(SCRIPTS / f"{name}.md")
    sequences = marked_sequences(data)
    nested = [(page, mcid) for page, mcid, inner in sequences if inner]
    assert nested == [], f"sequences with another inside: {nested[:5]}"
    referenced = referenced_mcids(data)
    for page in {page for page, _, _ in sequences}:
        drawn = sorted(mcid for at, mcid, _ in sequences if at == page)
        assert sorted(referenced.get(page, [])) == drawn, page


@pytest.mark.skipif(shutil.which("pdfinfo") is None, reason="poppler's pdfinfo is not installed")
@pytest.mark.parametrize("name", ["arabic", "hindi"])
def test_poppler_reads_every_word_of_each_step_through_the_tags(name: str, tmp_path: Path) -> None:
    guide = load_guide(SCRIPTS / f"{name}.md")
    tree = struct_tree(handout(SCRIPTS / f"{name}.md"), tmp_path)
    for step in guide.steps:
        at = next(
            index
            for index, element in enumerate(tree)
            if element.role == "H3"
            and [w.strip() for w in element.own_words][:1] == [str(step.number)]
        )
        # poppler shows each word's glyphs (a right-to-left word as it is seen): the number,
        # then every word of the title, then every word of the step's text.
        title = [word for word in tree[at].own_words[1:] if word.strip()]
        assert len(title) == len(step.title.split()), tree[at].own_words
        body = next(element for element in tree[at + 1 :] if element.role == "P")
        said = " ".join(
            plain_text(block.children) for block in step.body if isinstance(block, Paragraph)
        )
        shown = "".join(body.words)
        assert len(shown.split()) == len(said.split()), (said, body.words)


@pytest.mark.parametrize("name", ["arabic", "urdu", "hebrew", "tamil"])
def test_each_element_of_the_tags_holds_its_whole_text(name: str) -> None:
    guide = load_guide(SCRIPTS / f"{name}.md")
    reading = read_pdf(handout(SCRIPTS / f"{name}.md"))
    assert reading.elements is not None
    texts = [normalise(element.text) for element in reading.elements]
    assert normalise(guide.title) in texts
    assert normalise(guide.summary) in texts
    for step in guide.steps:
        assert f"{step.number} {normalise(step.title)}" in texts, texts
