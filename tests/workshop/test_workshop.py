"""``guide workshop``: the folder a facilitator takes to the print shop, and what is in it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from helpers.guides import FIRST_GUIDE
from helpers.handouts import flat, page_texts, reader, text_runs
from helpers.workshop import (
    PACK_GUIDES,
    POLISH,
    SCREEN_LOCK,
    TITLE,
    half_texts,
    make_workshop,
    page_number,
)

from generator.i18n import translations_for
from generator.parse import load_guide
from generator.verify.outputs import check_complete, text_of_pdf
from generator.workshop.plan import booklet_sides

A4_LANDSCAPE = (842, 595)
LETTER_LANDSCAPE = (792, 612)


@pytest.fixture(scope="module")
def guides() -> list:  # type: ignore[type-arg]
    return [load_guide(path) for path in PACK_GUIDES]


@pytest.fixture(scope="module")
def single(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_workshop(tmp_path_factory.mktemp("single"), start=dt.time(14, 0))


@pytest.fixture(scope="module")
def single_pages(single: Path) -> list[str]:
    return [flat(text) for text in page_texts((single / "attendee-pack.pdf").read_bytes())]


def size_of(data: bytes, index: int = 0) -> tuple[int, int]:
    box = reader(data).pages[index].mediabox
    return round(float(box.width)), round(float(box.height))


# --- the attendee pack, page by page ------------------------------------------------


def test_the_folder_holds_the_pack_the_sheets_and_how_to_print_them(single: Path) -> None:
    assert sorted(path.name for path in single.iterdir()) == [
        "attendee-pack.pdf",
        "facilitator-sheet.pdf",
        "print-instructions.txt",
        "progress-sheet.pdf",
    ]
    instructions = (single / "print-instructions.txt").read_text(encoding="utf-8")
    assert "Keep your accounts private" in instructions
    assert "attendee-pack.pdf" in instructions and "facilitator-sheet.pdf" in instructions
    assert "on A4 paper, at actual size (100%)" in instructions
    assert "flipping on the long edge" in instructions


def test_the_cover_lists_every_guide_with_its_time_and_first_page(
    single_pages: list[str],
    guides: list,  # type: ignore[type-arg]
) -> None:
    cover = single_pages[0]
    assert cover.startswith(TITLE)
    assert "In this pack" in cover and "Notes" in cover
    positions = [cover.index(guide.title) for guide in guides]
    assert positions == sorted(positions)
    for guide in guides:
        after = cover[cover.index(guide.title) + len(guide.title) :]
        minutes, page = after.split("Starts on page ", 1)[0], after.split("Starts on page ")[1]
        assert f"About {guide.minutes} minutes." in minutes
        first = int(page.split(".")[0])
        # The page the cover names is the page the guide's title opens.
        assert single_pages[first - 1].startswith(guide.title)


def test_each_guide_starts_on_a_right_hand_page_after_a_notes_page_if_need_be(
    single_pages: list[str],
    guides: list,  # type: ignore[type-arg]
) -> None:
    firsts = [
        next(index for index, text in enumerate(single_pages) if text.startswith(guide.title))
        for guide in guides
    ]
    assert all(index % 2 == 0 for index in firsts)  # page 1, 3, 5, ...: the front of a sheet
    for index, guide in zip(firsts, guides, strict=True):
        # The back of the sheet before holds the end of what came before, or notes.
        assert guide.version not in single_pages[index - 1]
    notes = [text for text in single_pages if text.startswith("Notes")]
    assert notes, "three guides of odd lengths need a notes page somewhere"
    assert len(single_pages) % 2 == 0


def test_pages_are_numbered_as_one_run_with_each_guides_own_footer(
    single_pages: list[str],
    guides: list,  # type: ignore[type-arg]
) -> None:
    total = len(single_pages)
    for number, text in enumerate(single_pages, start=1):
        assert page_number(text) == (number, total)
    for guide in guides:
        pages = [text for text in single_pages if guide.version in text]
        # The footer names the guide by its title, or its short title where that is too long.
        names = (guide.title[:25], guide.short_title or guide.title)
        assert pages and all(any(name in text for name in names) for text in pages)


def test_every_guide_in_the_pack_is_complete_and_in_order(
    single: Path,
    guides: list,  # type: ignore[type-arg]
) -> None:
    pages = page_texts((single / "attendee-pack.pdf").read_bytes())
    for guide in guides:
        own = "\n".join(text for text in pages if guide.version in text)
        assert check_complete(guide, own, Path("pack")) == []
        heading = translations_for(guide.lang).gettext("Questions people ask")
        assert heading in own or not guide.questions


def test_the_pack_bookmarks_each_guide_at_its_first_page(single: Path) -> None:
    data = (single / "attendee-pack.pdf").read_bytes()
    pdf = reader(data)
    pages = [flat(text) for text in page_texts(data)]
    tops = [item for item in pdf.outline if not isinstance(item, list)]
    titles = [item.title for item in tops]
    assert titles[0] == TITLE
    for number, path in enumerate(PACK_GUIDES, start=1):
        guide = load_guide(path)
        item = tops[titles.index(f"{number}. {guide.title}")]
        assert pages[pdf.get_destination_page_number(item)].startswith(guide.title)
    assert pdf.metadata.title == TITLE
    assert pdf.trailer["/Root"]["/Lang"] == "en-GB"


def test_links_in_the_pack_still_work(single: Path) -> None:
    data = (single / "attendee-pack.pdf").read_bytes()
    targets = [
        str(annotation.get_object()["/A"]["/URI"])
        for page in reader(data).pages
        for annotation in page.get("/Annots") or []
    ]
    assert "https://library.example.org/pin-tips" in targets


# --- booklet and two-up -------------------------------------------------------------


def assert_marked_down_the_middle(data: bytes) -> None:
    """Short marks show where to fold or cut, and nothing is printed across that line."""
    import pypdfium2

    document = pypdfium2.PdfDocument(data)
    try:
        image = document[0].render(scale=150 / 72).to_pil().convert("L")
    finally:
        document.close()
    width, height = image.size
    mm = 150 / 25.4
    column = [
        min(image.getpixel((x, y)) for x in range(width // 2 - 2, width // 2 + 3))
        for y in range(height)
    ]
    dark = [y for y, value in enumerate(column) if value < 128]
    assert any(y < 12 * mm for y in dark) and any(y > height - 12 * mm for y in dark)
    assert all(y < 12 * mm or y > height - 12 * mm for y in dark)


@pytest.fixture(scope="module")
def booklet_a4(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    folder = make_workshop(tmp_path_factory.mktemp("booklet-a4"), layout="booklet")
    return (folder / "attendee-pack-booklet.pdf").read_bytes()


@pytest.fixture(scope="module")
def booklet_letter(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    folder = make_workshop(
        tmp_path_factory.mktemp("booklet-letter"), layout="booklet", paper="letter"
    )
    return (folder / "attendee-pack-booklet.pdf").read_bytes()


@pytest.mark.parametrize(
    ("which", "sheet"), [("booklet_a4", A4_LANDSCAPE), ("booklet_letter", LETTER_LANDSCAPE)]
)
def test_a_booklet_folds_into_pages_in_order(
    request: pytest.FixtureRequest, which: str, sheet: tuple[int, int]
) -> None:
    data: bytes = request.getfixturevalue(which)
    assert_marked_down_the_middle(data)
    sides = half_texts(data)
    assert all(size_of(data, index) == sheet for index in range(len(sides)))
    total = 2 * len(sides)
    assert total % 4 == 0
    # Sheet 1 front: the back cover on the left, the cover on the right; then inwards.
    assert page_number(sides[0][0]) == (total, total)
    assert page_number(sides[0][1]) == (1, total)
    assert flat(sides[0][1]).startswith(TITLE)
    assert page_number(sides[1][0]) == (2, total)
    assert page_number(sides[1][1]) == (total - 1, total)
    found = [(page_number(left), page_number(right)) for left, right in sides]
    expected = [((left, total), (right, total)) for left, right in booklet_sides(total)]
    assert found == expected


def test_a_booklet_keeps_every_guide_complete_in_reading_order(
    booklet_a4: bytes,
    guides: list,  # type: ignore[type-arg]
) -> None:
    halves = half_texts(booklet_a4)
    by_page: dict[int, str] = {}
    for left, right in halves:
        for text in (left, right):
            number = page_number(text)
            assert number is not None
            by_page[number[0]] = text
    reading = [by_page[number] for number in sorted(by_page)]
    for guide in guides:
        own = "\n".join(text for text in reading if guide.version in text)
        assert check_complete(guide, own, Path("booklet")) == []


def test_booklet_pages_are_typeset_at_half_size_not_shrunk(
    booklet_a4: bytes, tmp_path: Path
) -> None:
    sizes = [run.size for page in text_runs(booklet_a4) for run in page]
    assert min(sizes) >= 12
    assert max(sizes) >= 25  # a guide's title keeps its full size on an A5 page
    large = make_workshop(tmp_path, layout="booklet", large_print=True)
    data = (large / "attendee-pack-booklet-large-print.pdf").read_bytes()
    assert size_of(data) == A4_LANDSCAPE
    assert min(run.size for page in text_runs(data) for run in page) >= 16


@pytest.mark.parametrize(("paper", "sheet"), [("a4", A4_LANDSCAPE), ("letter", LETTER_LANDSCAPE)])
def test_two_up_prints_each_page_twice_to_cut_in_half(
    tmp_path: Path, paper: str, sheet: tuple[int, int]
) -> None:
    folder = make_workshop(tmp_path, layout="two-up", paper=paper)
    data = (folder / "attendee-pack-two-up.pdf").read_bytes()
    sides = half_texts(data)
    total = len(sides)
    assert total % 2 == 0
    for number, (left, right) in enumerate(sides, start=1):
        assert size_of(data, number - 1) == sheet
        assert page_number(left) == page_number(right) == (number, total)
        assert flat(left) == flat(right)
    assert_marked_down_the_middle(data)
    instructions = (folder / "print-instructions.txt").read_text(encoding="utf-8")
    assert "Cut the sheets in half" in instructions
    assert "Print half as many copies as there are attendees" in instructions


# --- the facilitator and progress sheets ------------------------------------------------


def test_the_facilitator_sheet_has_the_agenda_what_to_bring_and_each_guide(
    single: Path,
    guides: list,  # type: ignore[type-arg]
) -> None:
    data = (single / "facilitator-sheet.pdf").read_bytes()
    text = flat(text_of_pdf(data))
    assert size_of(data) == (595, 842)
    agenda = text[text.index("Agenda") : text.index("Ask attendees to bring")]
    assert f"14:00 to 14:10 1. {guides[0].title}" in agenda
    assert f"14:10 to 14:20 2. {guides[1].title}" in agenda
    assert f"14:20 to 14:25 3. {guides[2].title}" in agenda
    assert "Altogether About 25 minutes" in agenda
    bring = text[text.index("Ask attendees to bring") : text.index(f"1. {guides[0].title}", 200)]
    assert bring.count("The email address you use for that account") == 1
    # The Polish edition of the first guide adds nothing: its needs are the same things.
    assert "Your phone" in bring and "Telefon lub tablet" not in bring
    for number, guide in enumerate(guides, start=1):
        assert check_complete(guide, text, Path("facilitator")) == [], number
    assert "Have a spare phone ready" in text
    assert "Ask attendees to bring a charged phone" in text


def test_the_progress_sheet_has_a_column_to_tick_for_each_guide(
    single: Path,
    guides: list,  # type: ignore[type-arg]
) -> None:
    data = (single / "progress-sheet.pdf").read_bytes()
    text = flat(text_of_pdf(data))
    assert len(reader(data).pages) == 1
    for number, guide in enumerate(guides, start=1):
        assert f"{number}. {guide.title}" in text
    assert "Name 1 2 3" in text


# --- facilitator notes: on the facilitator sheet and nowhere else ------------------------


NOTES = [
    "Ask attendees to bring a charged phone",
    "Have a spare phone ready",
    "Poproś uczestników",
]


def test_facilitator_notes_are_only_on_the_facilitator_sheet(
    single: Path, booklet_a4: bytes
) -> None:
    polish = load_guide(POLISH)
    assert polish.facilitator, "the Polish edition has facilitator notes to leave out"
    facilitator = flat(text_of_pdf((single / "facilitator-sheet.pdf").read_bytes()))
    outputs = {
        "attendee pack": text_of_pdf((single / "attendee-pack.pdf").read_bytes()),
        "progress sheet": text_of_pdf((single / "progress-sheet.pdf").read_bytes()),
        "booklet": "\n".join(left + right for left, right in half_texts(booklet_a4)),
        "instructions": (single / "print-instructions.txt").read_text(encoding="utf-8"),
    }
    for note in NOTES:
        assert note in facilitator, note
        for name, text in outputs.items():
            assert note not in flat(text), (name, note)


def test_facilitator_notes_never_reach_a_handout_or_an_email() -> None:
    from generator.artifacts import BuildContext
    from generator.model import all_blocks
    from generator.options import BuildOptions
    from generator.pipeline import available_formats, renderer_for
    from generator.render.glyphs import printed_text

    for path in (FIRST_GUIDE, POLISH, SCREEN_LOCK):
        guide = load_guide(path)
        assert guide.facilitator
        # The model's reader-facing views leave the notes out ...
        assert not set(guide.facilitator) & set(all_blocks(guide))
        assert not any(
            "spare phone" in text or "charged phone" in text for text in printed_text(guide)
        )
        # ... and so does every output a reader gets.
        context = BuildContext(BuildOptions())
        for fmt in available_formats():
            for artifact in renderer_for(fmt)(guide, context):
                text = artifact.data.decode("utf-8", "replace")
                if artifact.kind == "pdf":
                    text = text_of_pdf(artifact.data)
                for note in NOTES:
                    assert note not in flat(text), (path.name, fmt, note)


# --- speed and reproducibility ---------------------------------------------------------


def test_rebuilding_a_workshop_gives_the_same_bytes(single: Path, tmp_path: Path) -> None:
    again = make_workshop(tmp_path, start=dt.time(14, 0))
    for name in ("attendee-pack.pdf", "facilitator-sheet.pdf", "progress-sheet.pdf"):
        assert (again / name).read_bytes() == (single / name).read_bytes(), name


def test_the_read_back_catches_a_page_on_the_wrong_half(guides: list) -> None:  # type: ignore[type-arg]
    from generator.workshop import WorkshopOptions
    from generator.workshop.pack import PackRequest, make_pack
    from generator.workshop.pdfs import impose
    from generator.workshop.readback import check_pack

    request = PackRequest(
        tuple(guides), TITLE, "a4", "booklet", None, WorkshopOptions().handout_options()
    )
    pack = make_pack(request)
    sides = booklet_sides(pack.pages)
    right = impose(pack.data, sides, A4_LANDSCAPE)
    assert check_pack(right, pack.data, pack.parts, guides, sides, Path("b.pdf")) == []
    swapped = [(b, a) for a, b in sides[:1]] + sides[1:]
    wrong = impose(pack.data, swapped, A4_LANDSCAPE)
    messages = [
        f.message for f in check_pack(wrong, pack.data, pack.parts, guides, sides, Path("b.pdf"))
    ]
    assert (
        f"page {pack.pages} is not on the left half of sheet side 1, where the layout needs it"
        in messages
    )
    assert "page 1 is not on the right half of sheet side 1, where the layout needs it" in messages
    missing = impose(pack.data, [*sides[:3], (None, None), *sides[4:]], A4_LANDSCAPE)
    messages = [
        f.message for f in check_pack(missing, pack.data, pack.parts, guides, sides, Path("b.pdf"))
    ]
    left = sides[3][0]
    assert (
        f"page {left} is not on the left half of sheet side 4, where the layout needs it"
        in messages
    )
    assert any(message.startswith("guide ") for message in messages)
