"""A link's own words belong to its ``Link`` element, not only to the paragraph around it.

PDF/UA-1 and screen readers need a ``Link`` to hold the words a reader follows as well as the
annotation: a screen reader says "link, the audience help page", and jumping from link to
link reads each one's words. The words still come in the paragraph's reading order.
Read with poppler's ``pdfinfo -struct-text``, as a tagged-PDF reader walks the tree.
"""

from __future__ import annotations

import io
import shutil
import subprocess
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path

import pikepdf
import pytest
from conftest import DATA
from handout_tools import handout

RICH = DATA / "rich.md"

pytestmark = pytest.mark.skipif(
    shutil.which("pdfinfo") is None, reason="poppler's pdfinfo is not installed"
)


@dataclass
class Tagged:
    """One element as poppler shows it: its role, its words (its children's included), and
    how many annotations (``Object n 0``) it holds itself."""

    role: str
    depth: int
    words: list[str] = field(default_factory=list)
    objects: int = 0
    own_words: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join(" ".join(self.words).split())


def struct_tree(data: bytes, folder: Path) -> list[Tagged]:
    """The structure tree of a PDF, flattened in reading order, as poppler reads it."""
    path = folder / "read.pdf"
    path.write_bytes(data)
    shown = subprocess.run(
        ["pdfinfo", "-struct-text", str(path)], capture_output=True, text=True, check=True
    ).stdout
    elements: list[Tagged] = []
    open_: list[Tagged] = []
    for line in shown.splitlines():
        depth = (len(line) - len(line.lstrip(" "))) // 2
        content = line.strip()
        if not content or content.startswith("/"):
            continue
        while open_ and open_[-1].depth >= depth:
            open_.pop()
        if content.startswith('"'):
            for element in open_:
                element.words.append(content[1:-1])
            if open_:
                open_[-1].own_words.append(content[1:-1])
        elif content.startswith("Object "):
            if open_:
                open_[-1].objects += 1
        else:
            element = Tagged(content.split()[0].rstrip(":"), depth)
            elements.append(element)
            open_.append(element)
    return elements


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
