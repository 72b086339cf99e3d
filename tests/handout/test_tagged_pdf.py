"""Every PDF a reader gets is tagged (PDF/UA-1): what a screen reader finds in it.

Handouts in every paper and size, the copy attached to the email, the facilitator and
progress sheets and the single-layout attendee pack: a structure tree in reading order,
nothing drawn outside a tagged or artifact sequence, headings, lists, links and figures.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import pikepdf
import pytest
from helpers.guides import DATA, FIRST_GUIDE
from helpers.handouts import handout
from helpers.workshop import make_workshop

from generator.build import build
from generator.options import BuildOptions
from generator.parse import load_guide
from generator.render.pdf.tagging import MarkRef
from generator.typography import plain_quotes
from generator.verify.outputs import parse_message
from generator.verify.pdf import read_pdf

POLISH = FIRST_GUIDE.with_name("meta-ai-objection.pl.md")
RICH = DATA / "rich.md"


@pytest.fixture(scope="module")
def workshop(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_workshop(tmp_path_factory.mktemp("tagged-workshop"))


@pytest.fixture(scope="module")
def corpus(workshop: Path) -> dict[str, bytes]:
    """The bundled guides (English and Polish), a guide with pictures and links, on A4 and
    Letter in regular and large print, and the workshop's files a reader gets."""
    files = {
        "guide a4": handout(FIRST_GUIDE),
        "guide letter large": handout(FIRST_GUIDE, "letter", True),
        "polish a4": handout(POLISH),
        "polish letter large": handout(POLISH, "letter", True),
        "rich a4": handout(RICH),
        "rich a4 large": handout(RICH, "a4", True),
        "rich letter": handout(RICH, "letter"),
        "branded": handout(
            RICH,
            org="Kingsbridge Library",
            logo=DATA / "settings-screen.png",
            contact="Ask at the desk",
        ),
    }
    for name in ("attendee-pack.pdf", "facilitator-sheet.pdf", "progress-sheet.pdf"):
        files[name] = (workshop / name).read_bytes()
    return files


def test_pdfua_finds_nothing_in_any_pdf_a_reader_gets(
    corpus: dict[str, bytes], tmp_path: Path
) -> None:
    from pdfua import validate

    for name, data in corpus.items():
        with pikepdf.open(io.BytesIO(data)) as pdf:
            assert pdf.pdf_version == "1.7", name
        path = tmp_path / f"{name.replace(' ', '-')}.pdf"
        path.write_bytes(data)
        report = validate(str(path))
        assert [str(finding) for finding in report.findings] == [], name
        assert not report.skipped, (name, report.skipped)


PAINTING = {
    b"Tj", b"TJ", b"'", b'"', b"S", b"s", b"f", b"F", b"f*", b"B", b"B*", b"b", b"b*",
    b"Do", b"sh", b"BI",
}  # fmt: skip


def test_nothing_is_drawn_outside_a_tagged_or_artifact_sequence(
    corpus: dict[str, bytes],
) -> None:
    for name, data in corpus.items():
        with pikepdf.open(io.BytesIO(data)) as pdf:
            for number, page in enumerate(pdf.pages, start=1):
                depth = 0
                kinds: list[str] = []
                for operands, operator in pikepdf.parse_content_stream(page):
                    op = bytes(operator)
                    if op in (b"BDC", b"BMC"):
                        depth += 1
                        kinds.append(str(operands[0]))
                    elif op == b"EMC":
                        assert depth > 0, (name, number, "EMC without a start")
                        depth -= 1
                        kinds.pop()
                    elif op in PAINTING:
                        assert depth > 0, (name, number, op)
                assert depth == 0, (name, number, "a sequence left open")


def _elements(data: bytes) -> list[tuple[int, str, str, str | None]]:
    reading = read_pdf(data)
    assert reading.elements is not None
    return [
        (element.depth, element.role, " ".join(element.text.split()), element.alt)
        for element in reading.elements
    ]


def test_the_title_facts_headings_and_steps_come_in_reading_order() -> None:
    guide = load_guide(FIRST_GUIDE)
    elements = _elements(handout(FIRST_GUIDE))
    assert elements[0][:2] == (0, "Document")
    assert elements[1] == (1, "H1", guide.title, None)
    roles = [role for _, role, _, _ in elements]
    assert roles[2:4] == ["P", "Table"]
    headers = [text for _, role, text, _ in elements if role == "TH"]
    assert headers == ["Time needed", "For", "Where", "Checked on"]
    steps = [text for _, role, text, _ in elements if role == "H3"][: len(guide.steps)]
    # A heading has the language's own quotation marks: “Object”.
    assert [plain_quotes(step) for step in steps] == [
        f"{step.number} {step.title}" for step in guide.steps
    ]
    h2 = [text for _, role, text, _ in elements if role == "H2"]
    assert h2[:2] == ["What you'll need", "Steps"]
    assert "Things to be aware of" in h2
    caveats = [text for _, role, text, _ in elements if role == "H3"][len(guide.steps) :]
    for caveat in guide.caveats:
        assert caveat.title in caveats


def test_a_list_is_a_list_of_items_each_with_its_bullet_and_body() -> None:
    elements = _elements(handout(FIRST_GUIDE))
    start = next(index for index, element in enumerate(elements) if element[1] == "L")
    depth = elements[start][0]
    items = []
    for element in elements[start + 1 :]:
        if element[0] <= depth:
            break
        items.append(element[:3])
    assert items[:4] == [
        (depth + 1, "LI", items[0][2]),
        (depth + 2, "Lbl", "•"),
        (depth + 2, "LBody", items[3][2]),
        (depth + 3, "P", items[3][2]),
    ]
    assert items[3][2] == "Your phone or tablet with the Facebook or Instagram app on it"


def test_links_are_link_elements_holding_their_annotations_with_contents() -> None:
    data = handout(RICH)
    reading = read_pdf(data)
    assert reading.elements is not None
    links = [element for element in reading.elements if element.role == "Link"]
    assert links and all(link.links >= 1 for link in links)
    # A link card: the words, then the address as a Link with the address's and the code's
    # annotations; the QR code itself is an artifact (its address is printed beside it).
    card = [" ".join(link.text.split()) for link in links if link.links == 2]
    assert "https://www.facebook.com/help/audience" in card
    with pikepdf.open(io.BytesIO(data)) as pdf:
        tree_links = 0
        for page in pdf.pages:
            assert page.get("/Tabs") == pikepdf.Name.S or "/Annots" not in page
            for annotation in page.get("/Annots", []):
                uri = str(annotation.A.URI)
                # A description a screen reader can say, not the bare address.
                assert str(annotation.Contents) == (
                    f"Email to {uri.removeprefix('mailto:')}"
                    if uri.startswith("mailto:")
                    else "Link to facebook.com"
                )
                parent = pdf.Root.StructTreeRoot.ParentTree.Nums
                keys = [int(key) for key in parent[::2]]
                owner = parent[2 * keys.index(int(annotation.StructParent)) + 1]
                assert str(owner.S) == "/Link"
                assert any(
                    isinstance(kid, pikepdf.Dictionary)
                    and kid.get("/Type") == pikepdf.Name.OBJR
                    and kid.Obj.objgen == annotation.objgen
                    for kid in (owner.K if isinstance(owner.K, pikepdf.Array) else [owner.K])
                )
                tree_links += 1
        # PDFium shows no element that holds nothing printed: a link inside a paragraph (a
        # Link holding only its annotation, as checked above) is counted on the paragraph.
        assert tree_links == sum(element.links for element in reading.elements)


def test_a_picture_is_a_figure_described_by_its_alt_text() -> None:
    figures = [element for element in _elements(handout(RICH)) if element[1] == "Figure"]
    assert figures == [
        (
            2,
            "Figure",
            "Picture: The Settings screen with Privacy Centre framed",
            "The Settings screen with Privacy Centre framed",
        )
    ]


def test_the_document_says_its_language_title_and_that_it_is_pdf_ua() -> None:
    with pikepdf.open(io.BytesIO(handout(POLISH))) as pdf:
        assert str(pdf.Root.Lang) == "pl"
        assert pdf.Root.MarkInfo.Marked is True
        assert pdf.Root.ViewerPreferences.DisplayDocTitle is True
        xmp = pdf.Root.Metadata.read_bytes().decode("utf-8")
        assert "<pdfuaid:part>1</pdfuaid:part>" in xmp
        assert load_guide(POLISH).title in xmp


def test_the_pack_keeps_each_part_tagged_in_its_own_language(workshop: Path) -> None:
    data = (workshop / "attendee-pack.pdf").read_bytes()
    with pikepdf.open(io.BytesIO(data)) as pdf:
        parts = list(pdf.Root.StructTreeRoot.K.K)
        assert {str(part.S) for part in parts} == {"/Part"}
        polish = [part for part in parts if part.get("/Lang") == "pl"]
        assert len(polish) == 1
    titles = [text for depth, role, text, _ in _elements(data) if role == "H1" and depth == 2]
    assert titles[1:] == [load_guide(path).title for path in (FIRST_GUIDE, POLISH)] + [titles[-1]]


def test_every_page_of_the_pack_points_at_its_tags(workshop: Path) -> None:
    # A reader finds a page's tags through its /StructParents (PDFium, so Chrome, does).
    # A notes page has nothing to read (lines to write on): it has no tags to point at.
    data = (workshop / "attendee-pack.pdf").read_bytes()
    with pikepdf.open(io.BytesIO(data)) as pdf:
        nums = pdf.Root.StructTreeRoot.ParentTree.Nums
        entries = {int(key): value for key, value in zip(nums[::2], nums[1::2], strict=True)}
        tagged = 0
        for number, page in enumerate(pdf.pages, start=1):
            if b"/MCID" not in page.Contents.read_bytes():
                assert "/StructParents" not in page, number
                continue
            tagged += 1
            assert "/StructParents" in page, number
            assert isinstance(entries[int(page.StructParents)], pikepdf.Array), number
        assert tagged < len(pdf.pages)


def test_the_booklet_is_for_printing_and_stays_untagged(tmp_path: Path) -> None:
    folder = make_workshop(tmp_path, layout="booklet")
    with pikepdf.open(folder / "attendee-pack-booklet.pdf") as pdf:
        assert "/StructTreeRoot" not in pdf.Root


def test_the_handout_attached_to_the_email_is_the_tagged_one(tmp_path: Path) -> None:
    build([FIRST_GUIDE], BuildOptions(out=tmp_path, formats=("pdf", "eml")))
    message = parse_message((tmp_path / "meta-ai-objection.eml").read_bytes())
    attached = next(
        part.get_payload(decode=True)
        for part in message.walk()
        if part.get_content_type() == "application/pdf"
    )
    assert attached == (tmp_path / "meta-ai-objection.pdf").read_bytes()
    assert read_pdf(attached).elements is not None


@pytest.mark.skipif(shutil.which("pdfinfo") is None, reason="poppler's pdfinfo is not installed")
def test_poppler_reads_the_headings_in_reading_order(tmp_path: Path) -> None:
    path = tmp_path / "guide.pdf"
    path.write_bytes(handout(FIRST_GUIDE))
    shown = subprocess.run(
        ["pdfinfo", "-struct-text", str(path)], capture_output=True, text=True, check=True
    ).stdout
    lines = [line.strip() for line in shown.splitlines()]
    guide = load_guide(FIRST_GUIDE)
    headings = [
        re.sub(r"\s+", " ", lines[index + 1][1:-1]).strip()
        for index, line in enumerate(lines)
        if re.fullmatch(r"H\d \(block\)", line)
    ]
    # The title wraps onto two lines: a reader still gets a space between the lines' words.
    assert headings[0] == guide.title
    numbered = [plain_quotes(heading) for heading in headings if heading[:1].isdigit()]
    assert numbered == [f"{step.number} {step.title}" for step in guide.steps]


def test_a_picture_with_nothing_to_say_what_it_shows_is_refused() -> None:
    from generator.render.pdf.story import StoryError, parse_story
    from generator.render.pdf.styles import stylesheet

    picture = DATA / "settings-screen.png"
    with pytest.raises(StoryError, match="needs an alt attribute or a caption"):
        parse_story(
            f'<handout><image src="{picture}"/></handout>', stylesheet("a4", False), sources=None
        )
    parsed = parse_story(
        f'<handout><image src="{picture}" alt="The settings screen"/></handout>',
        stylesheet("a4", False),
        sources=None,
    )
    figure = parsed.structure.kids[0]
    assert not isinstance(figure, MarkRef) and figure.role == "Figure"
    assert figure.alt == "The settings screen"
