"""The printed handout as a reader gets it: complete, in order, legible, scannable."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from helpers.guides import DATA, FIRST_GUIDE, MINIMAL
from helpers.handouts import (
    flat,
    handout,
    ink_extent,
    link_targets,
    page_texts,
    qr_payloads,
    reader,
    text_runs,
)

from generator.model import all_blocks, iter_links
from generator.parse import load_guide
from generator.render.pdf.styles import TIGHTENINGS, stylesheet
from generator.typography import plain_quotes
from generator.verify.outputs import check_complete, text_of_pdf

RICH = DATA / "rich.md"


@pytest.fixture(scope="module")
def first_pdf() -> bytes:
    return handout(FIRST_GUIDE)


def test_first_guide_prints_every_step_in_order_with_its_number(first_pdf: bytes) -> None:
    guide = load_guide(FIRST_GUIDE)
    text = flat(text_of_pdf(first_pdf))
    assert check_complete(guide, text, FIRST_GUIDE) == []
    # A heading has the language's own quotation marks: “Object”.
    positions = [plain_quotes(text).index(f"{step.number} {step.title}") for step in guide.steps]
    assert positions == sorted(positions)
    assert [step.number for step in guide.steps] == [1, 2, 3, 4, 5]


def test_first_guide_prints_every_caveat_inside_its_section(first_pdf: bytes) -> None:
    guide = load_guide(FIRST_GUIDE)
    text = flat(text_of_pdf(first_pdf))
    section = text.index("Things to be aware of")
    for caveat in guide.caveats:
        assert text.index(caveat.title) > section
    assert "do all five steps again for that account too" in text


def test_title_block_summary_facts_and_questions(first_pdf: bytes) -> None:
    first_page = flat(page_texts(first_pdf)[0])
    assert first_page.startswith("Stop Meta using your public posts to train its AI")
    for words in (
        "Five short steps in the Facebook or Instagram app",
        "Time needed About 10 minutes",
        "For Facebook, Instagram",
        "Where UK",
        "Checked on 20 November 2026",
        "What you'll need",
    ):
        assert words in first_page
    text = flat(text_of_pdf(first_pdf))
    assert "Does Meta read my private messages for this? No." in text
    assert text.index("Questions people ask") > text.index("Things to be aware of")
    assert text.rindex("Trusted Reviews") > text.index("Whose posts are affected?")


def test_facilitator_notes_never_reach_the_handout(first_pdf: bytes) -> None:
    assert "charged phone" not in text_of_pdf(first_pdf)
    assert "SECRET FACILITATOR NOTE" not in text_of_pdf(handout(RICH))


def test_every_page_has_the_footer(first_pdf: bytes) -> None:
    guide = load_guide(FIRST_GUIDE)
    pages = [flat(text) for text in page_texts(first_pdf)]
    assert len(pages) >= 2
    for number, text in enumerate(pages, start=1):
        assert guide.title in text
        assert f"Page {number} of {len(pages)}" in text
        assert "Checked on 20 November 2026" in text
        assert f"Version {guide.version}" in text


def test_general_sections_keep_their_place() -> None:
    text = flat(text_of_pdf(handout(RICH)))
    assert text.index("Before you start") < text.index("1 Open the settings")
    assert text.index("If something goes wrong") > text.index("Can my friends still share")


def test_pictures_are_printed_with_their_description() -> None:
    data = handout(RICH)
    assert "Picture: The Settings screen with Privacy Centre framed" in flat(text_of_pdf(data))
    pictures = [
        xobject.get_object()
        for page in reader(data).pages
        for xobject in (page["/Resources"].get("/XObject") or {}).values()
        if xobject.get_object().get("/Subtype") == "/Image"
    ]
    assert [(p["/Width"], p["/Height"]) for p in pictures] == [(360, 640)]


def test_every_link_is_written_out_scannable_and_clickable() -> None:
    guide = load_guide(RICH)
    data = handout(RICH)
    addresses = {link.url for link in iter_links(all_blocks(guide))}
    assert guide.source is not None and guide.source.url is not None
    addresses.add(guide.source.url)
    text = flat(text_of_pdf(data))
    for address in addresses:
        assert address.removeprefix("mailto:") in text.replace("https:// www", "https://www")
    assert set(qr_payloads(data)) == addresses
    assert addresses <= set(link_targets(data))


def test_qr_codes_decode_to_exactly_the_address(write_guide: Callable[..., Path]) -> None:
    address = "https://example.org/a/long/path?with=query&and=more#part"
    path = write_guide(
        MINIMAL + f"\nGo to [the page]({address}) or write to <mailto:someone@example.org>.\n"
    )
    assert qr_payloads(handout(path)) == [address, "mailto:someone@example.org"]


def test_guide_text_cannot_inject_markup(write_guide: Callable[..., Path]) -> None:
    path = write_guide(
        """\
        ---
        title: "Fish & chips <b>not bold</b> \\"quoted\\""
        summary: Use 'single' & "double" quotes, </para> and &amp; safely.
        checked: 2026-11-01
        ---

        Intro with a & b < c > d and &lt;font size=40&gt; as text.

        ## Steps

        ### Wait for "OK" & then 'Go' > next
        Type `<br/><b>x</b>` & press Go.
        """
    )
    data = handout(path)
    text = flat(text_of_pdf(data))
    for words in (
        "Fish & chips <b>not bold</b> \u201cquoted\u201d",
        "Use 'single' & \"double\" quotes, </para> and &amp; safely.",
        "a & b < c > d and <font size=40> as text",
        "1 Wait for \u201cOK\u201d & then 'Go' > next",
        "Type <br/><b>x</b> & press Go.",
    ):
        assert words in text
    assert reader(data).metadata.title == 'Fish & chips <b>not bold</b> "quoted"'


def test_a4_and_letter_pages() -> None:
    a4 = reader(handout(FIRST_GUIDE, paper="a4")).pages[0].mediabox
    letter = reader(handout(FIRST_GUIDE, paper="letter")).pages[0].mediabox
    assert (round(float(a4.width)), round(float(a4.height))) == (595, 842)
    assert (round(float(letter.width)), round(float(letter.height))) == (612, 792)


def _sizes(data: bytes, footer_below: float) -> tuple[list[float], list[float]]:
    """Font sizes of the text above the footer, and of the footer."""
    body: list[float] = []
    footer: list[float] = []
    for page in text_runs(data):
        for run in page:
            (footer if run.y < footer_below else body).append(run.size)
    return body, footer


def test_regular_print_is_12_point_or_more(first_pdf: bytes) -> None:
    body, footer = _sizes(first_pdf, footer_below=80)
    assert min(body) >= 12
    assert min(footer) >= 12
    assert max(body) >= 24  # the title stands out


def test_large_print_is_really_larger() -> None:
    regular = handout(FIRST_GUIDE)
    large = handout(FIRST_GUIDE, large_print=True)
    body, footer = _sizes(large, footer_below=95)
    assert min(body) >= 18
    assert min(footer) >= 18  # every character, footer included
    regular_body, _ = _sizes(regular, footer_below=80)
    assert sorted(body)[len(body) // 2] >= 1.35 * sorted(regular_body)[len(regular_body) // 2]
    assert len(reader(large).pages) > len(reader(regular).pages)
    assert check_complete(load_guide(FIRST_GUIDE), text_of_pdf(large), FIRST_GUIDE) == []


def test_document_properties(first_pdf: bytes) -> None:
    pdf = reader(first_pdf)
    guide = load_guide(FIRST_GUIDE)
    info = pdf.metadata
    assert info.title == guide.title
    assert info.subject == guide.summary
    assert info.creator == "guide 0.1.0"
    root = pdf.trailer["/Root"]
    assert root["/Lang"] == "en-GB"
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"]) is True
    assert root["/PageMode"] == "/UseOutlines"


def test_bookmarks_for_the_sections_and_steps(first_pdf: bytes) -> None:
    def titles(outline: list) -> list:  # type: ignore[type-arg]
        return [titles(item) if isinstance(item, list) else item.title for item in outline]

    assert titles(reader(first_pdf).outline) == [
        "Stop Meta using your public posts to train its AI",
        "What you'll need",
        "Steps",
        [
            "1. Open the Facebook or Instagram app",
            "2. Go to Settings",
            "3. Find the Privacy Centre",
            "4. Tap \u201cObject\u201d",  # the language's own quotation marks, as on the page
            "5. Type your email address and tap Submit",
        ],
        "Things to be aware of",
        "Questions people ask",
        "Where this information comes from",
    ]


def test_each_bookmark_opens_the_page_its_heading_is_on(first_pdf: bytes) -> None:
    pdf = reader(first_pdf)
    pages = [flat(text) for text in page_texts(first_pdf)]

    def entries(outline: list) -> list:  # type: ignore[type-arg]
        found = []
        for item in outline:
            found.extend(entries(item) if isinstance(item, list) else [item])
        return found

    opened = {item.title: pdf.get_destination_page_number(item) for item in entries(pdf.outline)}
    assert len(set(opened.values())) == len(pages) >= 3
    for title, page in opened.items():
        words = title.split(". ", 1)[-1]
        first = next(index for index, text in enumerate(pages) if words in text)
        assert page == first, title


def test_a_step_title_always_stands_with_its_first_lines(
    write_guide: Callable[..., Path],
) -> None:
    steps = "\n".join(
        f"### Do thing number {n} carefully\n"
        f"Body{n} starts here. " + "It goes on with more words to wrap. " * (n % 7 + 1) + "\n"
        for n in range(1, 41)
    )
    path = write_guide(MINIMAL.split("## Steps")[0] + "## Steps\n\n" + steps, name="long.md")
    for paper, large in (("a4", False), ("letter", False), ("a4", True)):
        data = handout(path, paper=paper, large_print=large)
        pages = [flat(text) for text in page_texts(data)]
        assert len(pages) > 5
        for n in range(1, 41):
            holding = [text for text in pages if f"{n} Do thing number {n} carefully" in text]
            assert len(holding) == 1, (paper, large, n)
            assert f"Body{n} starts here." in holding[0], (paper, large, n)
        assert check_complete(load_guide(path), "\n".join(pages), path) == []


def test_a_heading_never_ends_a_page(write_guide: Callable[..., Path]) -> None:
    headings = re.compile(
        r"^(Steps|Things to be aware of|Questions people ask|A caveat|A question\?|\d+|Step \d+)$"
    )
    for count in range(6, 22):
        steps = "\n".join(f"### Step {n}\nDo it.\n" for n in range(1, count + 1))
        path = write_guide(
            MINIMAL.split("## Steps")[0]
            + "Some words to start with.\n\n" * (count % 4)
            + "## Steps\n\n"
            + steps
            + "\n## Caveats\n\n### A caveat\nMind it.\n\n"
            + "## Questions\n\n### A question?\nAn answer.\n"
        )
        for large in (False, True):
            for text in page_texts(handout(path, large_print=large))[:-1]:
                lines = [line.strip() for line in text.split("\n") if line.strip()]
                # The footer starts with the guide's title, after everything else on the page.
                body = lines[: len(lines) - lines[::-1].index("A small guide") - 1]
                assert not headings.match(body[-1]), (count, large, body[-3:])


def test_half_size_pages_for_booklets() -> None:
    from generator.options import BuildOptions
    from generator.render.pdf import handout_story, typeset_story

    guide = load_guide(FIRST_GUIDE)
    story, origin = handout_story(guide, BuildOptions(), paper="a5", large_print=False)
    for page, size in (("a5", (420, 595)), ("half-letter", (396, 612))):
        typeset = typeset_story(story, page=page, large_print=False, origin=origin, sources=None)
        box = reader(typeset.data).pages[0].mediabox
        assert (round(float(box.width)), round(float(box.height))) == size
        assert typeset.pages == len(reader(typeset.data).pages)
        assert check_complete(guide, text_of_pdf(typeset.data), FIRST_GUIDE) == []


def test_a_long_caveats_box_says_it_continues(write_guide: Callable[..., Path]) -> None:
    caveats = "\n".join(
        f"### Caveat number {n}\n" + "Something to keep in mind here. " * 6 + "\n"
        for n in range(1, 16)
    )
    path = write_guide(MINIMAL + "\n## Caveats\n\n" + caveats)
    pages = [flat(text) for text in page_texts(handout(path))]
    assert len(pages) >= 3
    assert pages[0].count("Things to be aware of") == 1
    for text in pages[1:]:
        assert text.startswith("Things to be aware of (continued) Caveat number")
    assert check_complete(load_guide(path), " ".join(pages), path) == []


def test_text_stays_inside_margins_safe_for_home_printers(
    write_guide: Callable[..., Path],
) -> None:
    long_step = "A long step that goes on and on so that it must break across a page. " * 90
    address = "https://www.example.org/a/rather/long/address/that-goes/on-and-on?page=2&x=1"
    path = write_guide(
        MINIMAL
        + f"\n### A step with a lot to say\n{long_step}\n\n### The next step\nSee <{address}>.\n"
    )
    mm = 72 / 25.4
    for source in (path, RICH, FIRST_GUIDE):
        for paper in ("a4", "letter", "a5", "half-letter"):
            for large in (False, True):
                data = handout(source, paper=paper, large_print=large)
                width = float(reader(data).pages[0].mediabox.width)
                height = float(reader(data).pages[0].mediabox.height)
                # A tighter layout, saving a page, may narrow the margin to LEAST_MARGIN.
                margin = stylesheet(paper, large, len(TIGHTENINGS) - 1).margins.right
                for left, bottom, right, top in ink_extent(data):
                    # Home printers cannot print the outer 5 to 7 mm; keep 10 mm clear.
                    assert left >= 10 * mm and bottom >= 10 * mm, (source, paper, large)
                    assert right <= width - 10 * mm and top <= height - 10 * mm
                    # The text column's own right edge: nothing spills past it.
                    assert right <= width - margin + 0.5, (source, paper, large)


def test_a_link_in_what_youll_need_is_written_out_with_a_qr_code(write_guide) -> None:  # type: ignore[no-untyped-def]
    from generator.options import BuildOptions
    from generator.parse import load_guide
    from generator.render.pdf import render_handout
    from generator.verify.outputs import text_of_pdf

    path = write_guide(
        "---\ntitle: T\nsummary: S\nchecked: 2026-01-01\n---\n\n"
        "## What you'll need\n- An account at [the portal](https://portal.example.org/signup)\n\n"
        "## Steps\n\n### One\nDo it.\n"
    )
    data = render_handout(load_guide(path), BuildOptions(), paper="a4", large_print=False)
    assert "https://portal.example.org/signup" in " ".join(text_of_pdf(data).split())
    assert qr_payloads(data) == ["https://portal.example.org/signup"]
