"""A link's own words belong to its ``Link`` element, not only to the paragraph around it.

PDF/UA-1 and screen readers need a ``Link`` to hold the words a reader follows as well as the
annotation: a screen reader says "link, the audience help page", and jumping from link to
link reads each one's words. The words still come in the paragraph's reading order.
Read with poppler's ``pdfinfo -struct-text``, as a tagged-PDF reader walks the tree.
"""

from __future__ import annotations

import io
import shutil
from itertools import pairwise
from pathlib import Path

import pikepdf
import pytest
from helpers.guides import DATA
from helpers.handouts import handout
from helpers.structure import struct_tree

RICH = DATA / "rich.md"

pytestmark = pytest.mark.skipif(
    shutil.which("pdfinfo") is None, reason="poppler's pdfinfo is not installed"
)


def test_each_inline_link_holds_its_words_and_its_annotation(tmp_path: Path) -> None:
    elements = struct_tree(handout(RICH), tmp_path)
    inline = [
        (paragraph, link)
        for paragraph, link in pairwise(elements)
        if link.role == "Link" and paragraph.role == "P" and paragraph.own_words
        and "Point your phone" not in paragraph.text
    ]  # fmt: skip
    assert [(link.text, link.objects) for _, link in inline] == [
        ("help@library.example", 1),
        ("the audience help page", 1),
        ("https://www.facebook.com/help/audience", 1),
    ]
    # The paragraph around each link still reads whole, the link's words in their place.
    assert [paragraph.text.replace(" .", ".") for paragraph, _ in inline] == [
        "Have your phone charged. If you get stuck, ask at the library desk or write to "
        "help@library.example.",
        "Go to the audience help page or look for these, in order:",
        "Open one of your old posts and look at the small picture under your name: two "
        "people means friends only. See https://www.facebook.com/help/audience again if "
        "unsure.",
    ]


def test_no_link_is_left_without_words(tmp_path: Path) -> None:
    for paper, large in (("a4", False), ("letter", True)):
        links = [e for e in struct_tree(handout(RICH, paper, large), tmp_path) if e.role == "Link"]
        assert links and all(link.text and link.objects for link in links), (paper, large)
        # (Where an address wraps, a reader gets a space at the line's end.)
        addresses = ["".join(link.text.split()) for link in links]
        assert addresses.count("https://www.facebook.com/help/audience") == 3, (paper, large)


def test_the_link_words_are_marked_content_inside_the_text_object() -> None:
    """Link words get their own MCID, nested properly in the text object (never BDC … BT …
    EMC … ET), and every MCID on a page belongs to exactly one element."""
    with pikepdf.open(io.BytesIO(handout(RICH, "letter", True))) as pdf:
        parents = pdf.Root.StructTreeRoot.ParentTree.Nums
        keys = [int(key) for key in parents[::2]]
        for number, page in enumerate(pdf.pages, start=1):
            stack: list[bytes] = []
            mcids: list[int] = []
            for operands, operator in pikepdf.parse_content_stream(page):
                op = bytes(operator)
                if op in (b"BT", b"BDC", b"BMC"):
                    stack.append(op)
                    properties = operands[1] if op == b"BDC" else None
                    if isinstance(properties, pikepdf.Dictionary) and "/MCID" in properties:
                        mcids.append(int(properties.MCID))
                elif op == b"ET":
                    assert stack.pop() == b"BT", (number, "ET inside a marked sequence")
                elif op == b"EMC":
                    assert stack.pop() != b"BT", (number, "EMC inside a text object")
            assert not stack, number
            assert sorted(mcids) == list(range(len(mcids))), number
            owners = parents[2 * keys.index(int(page.StructParents)) + 1]
            assert len(owners) == len(mcids), number


def test_a_paragraph_that_is_all_one_link_is_all_the_links_words(tmp_path: Path) -> None:
    # ReportLab draws a paragraph in one style without saying where its link begins.
    text = RICH.read_text(encoding="utf-8").replace(
        "- Your phone\n", "- [Your phone](https://example.org/phone)\n"
    )
    guide = tmp_path / "rich.md"
    guide.write_text(text, encoding="utf-8")
    shutil.copy(DATA / "settings-screen.png", tmp_path)
    elements = struct_tree(handout(guide), tmp_path)
    index = next(i for i, e in enumerate(elements) if e.role == "Link" and e.text == "Your phone")
    assert (elements[index - 1].role, elements[index - 1].own_words) == ("P", [])
    assert elements[index].objects == 1


def test_a_link_cards_name_and_what_to_do_are_read_apart(tmp_path: Path) -> None:
    elements = struct_tree(handout(RICH), tmp_path)
    index = next(
        i for i, e in enumerate(elements) if e.role == "P" and e.text == "the audience help page"
    )
    name, instruction = elements[index], elements[index + 1]
    assert name.role == instruction.role == "P"
    assert instruction.text.startswith("Point your phone's camera at the square")
    assert elements[index + 2].role == "Link"
