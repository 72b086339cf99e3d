"""The read-back walks the structure tree: a handout whose tags disagree with its text fails.

Each case changes only the tags of a good handout (the printed text stays right), so the
text check alone would pass it; a screen-reader user would not get the guide.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pikepdf
from helpers.guides import DATA, FIRST_GUIDE
from helpers.handouts import handout

from generator.parse import load_guide
from generator.verify.outputs import check_complete, text_of_pdf, verify_output

RICH = DATA / "rich.md"


def retagged(data: bytes, change: Callable[[pikepdf.Pdf], None]) -> bytes:
    with pikepdf.open(io.BytesIO(data)) as pdf:
        change(pdf)
        out = io.BytesIO()
        pdf.save(out)
    return out.getvalue()


def elements(pdf: pikepdf.Pdf, role: str) -> list[pikepdf.Dictionary]:
    found: list[pikepdf.Dictionary] = []

    def walk(node: pikepdf.Object) -> None:
        if not isinstance(node, pikepdf.Dictionary) or node.get("/Type") != "/StructElem":
            return
        if str(node.S) == "/" + role:
            found.append(node)
        kids = node.get("/K")
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
            walk(kid)

    walk(pdf.Root.StructTreeRoot.K)
    return found


def messages(path: Path, data: bytes) -> list[str]:
    guide = load_guide(path)
    # The printed text is untouched: only the tags can be wrong.
    assert check_complete(guide, text_of_pdf(data), Path("x.pdf")) == []
    return [finding.message for finding in verify_output(guide, "pdf", data, Path("x.pdf"))]


def test_a_good_handout_passes_with_its_tags() -> None:
    assert messages(FIRST_GUIDE, handout(FIRST_GUIDE)) == []
    assert messages(RICH, handout(RICH)) == []


def steps_section(parent: pikepdf.Dictionary) -> pikepdf.Dictionary:
    """The section holding the steps (each an H3), among an element's children."""
    return next(
        kid
        for kid in parent.K
        if str(kid.S) == "/Sect"
        and isinstance(kid.K, pikepdf.Array)
        and any(str(step.S) == "/H3" for step in kid.K)
    )


def test_a_step_tagged_as_a_paragraph_instead_of_a_heading_fails() -> None:
    def demote(pdf: pikepdf.Pdf) -> None:
        elements(pdf, "H3")[1].S = pikepdf.Name.P

    found = messages(FIRST_GUIDE, retagged(handout(FIRST_GUIDE), demote))
    assert found == ["tags: the heading of step 2 'Go to Settings' is missing"]


def test_steps_in_the_wrong_order_in_the_tree_fail() -> None:
    def swap(pdf: pikepdf.Pdf) -> None:
        kids = steps_section(pdf.Root.StructTreeRoot.K).K
        one, two = [index for index, kid in enumerate(kids) if kid.S == pikepdf.Name.H3][:2]
        kids[one], kids[two] = kids[two], kids[one]

    found = messages(FIRST_GUIDE, retagged(handout(FIRST_GUIDE), swap))
    assert "tags: the heading of step 2 'Go to Settings' is out of order" in found


def test_a_caveat_whose_heading_points_at_other_text_fails() -> None:
    guide = load_guide(FIRST_GUIDE)

    def misplace(pdf: pikepdf.Pdf) -> None:
        # Every caveat's heading (the H3s after the steps') marks the summary's text instead.
        summary = elements(pdf, "P")[0]
        for heading in elements(pdf, "H3")[len(guide.steps) :]:
            heading.K = summary.K
            heading.Pg = summary.Pg

    found = messages(FIRST_GUIDE, retagged(handout(FIRST_GUIDE), misplace))
    assert found == [f"tags: caveat '{caveat.title}' is not a heading" for caveat in guide.caveats]


def test_a_picture_without_its_alt_text_fails() -> None:
    def strip_alt(pdf: pikepdf.Pdf) -> None:
        del elements(pdf, "Figure")[0].Alt

    found = messages(RICH, retagged(handout(RICH), strip_alt))
    assert found == [
        "tags: the picture 'settings-screen.png' is not a figure with its alt text",
        "tags: a figure has no alt text",
    ]


def test_an_untagged_handout_fails() -> None:
    def untag(pdf: pikepdf.Pdf) -> None:
        del pdf.Root.StructTreeRoot

    found = messages(FIRST_GUIDE, retagged(handout(FIRST_GUIDE), untag))
    assert found == [
        "it is not tagged: a screen reader would get no headings, lists or picture "
        "descriptions; build it again"
    ]


def test_the_pack_read_back_walks_each_guides_tags() -> None:
    from helpers.workshop import PACK_GUIDES, TITLE

    from generator.workshop import WorkshopOptions
    from generator.workshop.pack import PackRequest, make_pack
    from generator.workshop.readback import check_pack

    guides = tuple(load_guide(path) for path in PACK_GUIDES)
    request = PackRequest(guides, TITLE, "a4", "single", None, WorkshopOptions().handout_options())
    pack = make_pack(request)
    assert check_pack(pack.data, pack.data, pack.parts, guides, None, Path("p.pdf")) == []

    def demote(pdf: pikepdf.Pdf) -> None:
        # The Polish guide's second step stops being a heading.
        polish = next(part for part in pdf.Root.StructTreeRoot.K.K if part.get("/Lang") == "pl")
        headings = [kid for kid in steps_section(polish).K if str(kid.S) == "/H3"]
        headings[1].S = pikepdf.Name.P

    wrong = retagged(pack.data, demote)
    part = next(part for part in pack.parts if part.guide == 1)
    step = guides[1].steps[1]
    assert [
        finding.message
        for finding in check_pack(wrong, pack.data, pack.parts, guides, None, Path("p.pdf"))
    ] == [
        f"guide 2 (pages {part.first} to {part.last}): tags: the heading of step 2 "
        f"'{step.title}' is missing"
    ]


def test_a_step_titled_with_a_digit_of_its_own_number_is_found_in_its_place(
    tmp_path: Path,
) -> None:
    """Step 12 titled "2" (a key of the keyboard) is read as "12 2": the title is the second
    "2", not the one inside the number."""
    keys = [*"1234567890", "Esc", "2"]
    steps = "\n".join(f"### {key}\nFind the key marked {key} and press it once.\n" for key in keys)
    guide = tmp_path / "keys.md"
    guide.write_text(
        "---\ntitle: Find the keys\nsummary: Twelve keys, one after the other.\n"
        f"checked: 2026-11-01\n---\n\n## Steps\n\n{steps}",
        encoding="utf-8",
    )
    assert messages(guide, handout(guide)) == []
