"""Guides in Arabic, Urdu, Persian, Hebrew, Bengali, Hindi, Punjabi, Gujarati and Tamil print.

Each test guide (``tests/data/scripts/``) has a few steps and a caveat, a Latin address, a
number and a bold word. The handout must carry the guide's own text in reading order (read
back with PDFium and with poppler), lay right-to-left lines out right to left with the step
numbers at the right, never leak a private-use code point, and pass ``pdfua``.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import unicodedata
from functools import lru_cache
from pathlib import Path

import pikepdf
import pytest
from helpers.cli import run
from helpers.guides import DATA
from helpers.handouts import handout
from helpers.poppler import poppler_lines, unmirror, word_boxes

from generator.model import Paragraph, Text, all_blocks, plain_text
from generator.parse import load_guide
from generator.typography import normalise
from generator.verify.pdf import read_pdf

SCRIPTS = DATA / "scripts"
LANGUAGES = {
    "arabic": "ar",
    "urdu": "ur",
    "persian": "fa",
    "hebrew": "he",
    "bengali": "bn",
    "hindi": "hi",
    "punjabi": "pa",
    "gujarati": "gu",
    "tamil": "ta",
}
RIGHT_TO_LEFT = ("arabic", "urdu", "persian", "hebrew")
POPPLER = shutil.which("pdftotext") is not None


@lru_cache(maxsize=32)
def built(name: str, large: bool = False) -> bytes:
    return handout(SCRIPTS / f"{name}.md", "a4", large)


def guide_texts(name: str) -> list[str]:
    """The guide's own words, as written, in the order the handout prints them."""
    guide = load_guide(SCRIPTS / f"{name}.md")
    texts = [guide.title, guide.summary]
    for block in all_blocks(guide):
        if isinstance(block, Paragraph):
            texts.append(plain_text(block.children))
    for item in (*guide.steps, *guide.caveats):
        texts.append(item.title)
    return [normalise(text) for text in texts]


def private_use(text: str) -> list[str]:
    return [f"U+{ord(c):04X}" for c in text if unicodedata.category(c) == "Co"]


@pytest.mark.parametrize("name", sorted(LANGUAGES))
def test_every_guide_builds_in_every_format_and_reads_back_complete(
    name: str, tmp_path: Path
) -> None:
    for extra in ([], ["--large-print", "--paper", "letter"]):
        code, out = run("build", str(SCRIPTS / f"{name}.md"), "--out", str(tmp_path), *extra)
        assert code == 0, out
        assert "error" not in out, out
    for suffix in ("pdf", "html", "txt", "eml"):
        assert (tmp_path / f"{name}.{suffix}").is_file()


@pytest.mark.parametrize("name", sorted(LANGUAGES))
def test_the_text_inside_the_pdf_is_the_guides_text_in_reading_order(name: str) -> None:
    for large in (False, True):
        reading = read_pdf(built(name, large))
        flat = normalise(reading.text)
        position = 0
        for text in guide_texts(name)[:2]:
            found = flat.find(text, position)
            assert found >= 0, (name, large, text, flat[:300])
            position = found + len(text)
        for text in guide_texts(name):
            assert text in flat, (name, large, text)
        assert private_use(reading.text) == []
        # A screen reader's path: each step a heading with its number, in the tags.
        guide = load_guide(SCRIPTS / f"{name}.md")
        assert reading.elements is not None
        headings = [normalise(e.text) for e in reading.elements if e.role == "H3"]
        for step in guide.steps:
            assert f"{step.number} {normalise(step.title)}" in headings, (name, headings)


@pytest.mark.skipif(not POPPLER, reason="poppler's pdftotext is not installed")
@pytest.mark.parametrize("name", sorted(LANGUAGES))
def test_poppler_finds_each_line_in_reading_order(name: str) -> None:
    data = built(name)
    rtl = name in RIGHT_TO_LEFT
    lines = [normalise(line) for line in poppler_lines(data, rtl)]
    title, summary = guide_texts(name)[:2]
    # Title and summary fit one line each (or two for a long title): words in order.
    joined = " ".join(lines)
    assert title in joined, (title, lines[:4])
    assert summary in joined, (summary, lines[:6])
    steps = load_guide(SCRIPTS / f"{name}.md").steps
    for step in steps:
        assert normalise(step.title) in joined, (step.title, lines)
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=data, capture_output=True, check=True
    ).stdout.decode("utf-8")
    assert private_use(text) == []


@pytest.mark.skipif(not POPPLER, reason="poppler's pdftotext is not installed")
@pytest.mark.parametrize("name", RIGHT_TO_LEFT)
def test_right_to_left_words_are_placed_right_to_left_and_numbers_at_the_right(
    name: str,
) -> None:
    boxes = [(b.left, b.top, b.right, b.text) for b in word_boxes(built(name), page=1)]
    guide = load_guide(SCRIPTS / f"{name}.md")
    # The title's words: the first one read is the rightmost.
    title = guide.title.split()
    placed: dict[str, float] = {}
    for left, _, _, text in boxes:  # the first place a word is found: the title, on top
        placed.setdefault(unmirror(text, True), left)
    lefts = [placed[word] for word in title if word in placed]
    assert len(lefts) >= 2
    assert lefts == sorted(lefts, reverse=True), (title, lefts)
    # The big step number stands right of its step's title.
    first_word = guide.steps[0].title.split()[0]
    number = next(box for box in boxes if box[3] == "1")
    title_box = next(box for box in boxes if unmirror(box[3], True) == first_word)
    assert number[0] > title_box[2], (number, title_box)


@pytest.mark.parametrize("name", ["hindi", "bengali"])
def test_left_to_right_scripts_keep_the_step_number_at_the_left(name: str) -> None:
    number = next(box for box in word_boxes(built(name), page=1) if box.text == "1")
    assert number.left < 80


@pytest.mark.parametrize("name", sorted(LANGUAGES))
def test_pdfua_finds_nothing_and_the_language_is_marked(name: str, tmp_path: Path) -> None:
    from pdfua import validate

    path = tmp_path / f"{name}.pdf"
    path.write_bytes(built(name))
    report = validate(str(path))
    assert [str(finding) for finding in report.findings] == []
    with pikepdf.open(io.BytesIO(built(name))) as pdf:
        assert str(pdf.Root.Lang) == LANGUAGES[name]


def test_only_the_fonts_a_guide_needs_are_embedded() -> None:
    def fonts(data: bytes) -> set[str]:
        return {m.split("+")[-1] for m in re.findall(r"/BaseFont /(\S+)", data.decode("latin-1"))}

    assert {"NotoNastaliqUrdu-Regular", "NotoNastaliqUrdu-Bold"} <= fonts(built("urdu"))
    assert not any(name.startswith("NotoSansArabic") for name in fonts(built("urdu")))
    assert not any(name.startswith("Noto") for name in fonts(handout(DATA / "contract.md")))
    hindi = fonts(built("hindi"))
    assert any(name.startswith("NotoSansDevanagari") for name in hindi)
    assert not any("Bengali" in name or "Arabic" in name for name in hindi)


def test_a_letter_the_font_lacks_is_an_error_naming_the_font(tmp_path: Path) -> None:
    # U+0750 (an Arabic letter for other languages) is not in the Nastaliq font.
    path = tmp_path / "urdu.md"
    text = (SCRIPTS / "urdu.md").read_text(encoding="utf-8")
    path.write_text(text.replace("مرکزی", "مرکزی \u0750"), encoding="utf-8")
    code, out = run("build", str(path), "--out", str(tmp_path / "out"))
    assert code == 1
    assert (
        f"{path}:16: error: the character '\u0750' (U+0750 ARABIC LETTER BEH WITH THREE DOTS "
        "HORIZONTALLY BELOW) cannot be printed: the handout's font (Noto Nastaliq Urdu) has no "
        "shape for it"
    ) in out
    assert not (tmp_path / "out").exists()


def test_persian_joiners_are_spelling_but_a_joiner_between_latin_letters_is_hidden(
    tmp_path: Path,
) -> None:
    code, out = run("check", str(SCRIPTS / "persian.md"))
    assert code == 0, out
    assert "\u200c" in (SCRIPTS / "persian.md").read_text(encoding="utf-8")
    path = tmp_path / "joined.md"
    path.write_text(
        (DATA / "contract.md").read_text(encoding="utf-8").replace("Intro ", "Int\u200cro "),
        encoding="utf-8",
    )
    code, out = run("check", str(path))
    assert code == 1
    assert "U+200C ZERO WIDTH NON-JOINER" in out


def test_a_mark_on_a_letter_of_another_script_is_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "mixed.md"
    text = (SCRIPTS / "hindi.md").read_text(encoding="utf-8")
    path.write_text(text.replace("आपका फ़ोन", "आपका फ़ोन a\u093f"), encoding="utf-8")
    code, out = run("check", str(path))
    assert code == 0, out
    assert (
        f"{path}:11: warning: the mark '\u093f' (U+093F) belongs to Devanagari script but "
        "follows the Latin letter 'a'"
    ) in out


def test_arabic_branding_prints_in_reading_order_on_an_english_handout(tmp_path: Path) -> None:
    org = "مكتبة الحي"
    contact = "اسأل في المكتب أو اتصل بالرقم 01234 567890"
    data = handout(DATA / "contract.md", org=org, contact=contact)
    flat = normalise(read_pdf(data).text)
    assert org in flat
    assert normalise(contact) in flat
    assert private_use(read_pdf(data).text) == []


@pytest.mark.parametrize(
    ("option", "value"),
    [("--org", "\u07ca\u07d3 library"), ("--contact", "Call \u07ca\u07d3")],
)
def test_nko_in_the_branding_is_refused_naming_the_script(
    tmp_path: Path, option: str, value: str
) -> None:
    code, out = run(
        "build", str(DATA / "contract.md"), "--format", "pdf", "--out", str(tmp_path), option, value
    )
    assert code == 1
    assert (
        f"{option}: error: the character '\u07ca' (U+07CA NKO LETTER A) is N'Ko script, which "
        "the handout cannot print"
    ) in out
    assert list(tmp_path.iterdir()) == []


def test_nko_in_a_workshop_title_is_refused_and_arabic_is_printed(tmp_path: Path) -> None:
    guide = str(DATA / "workshop" / "screen-lock.md")
    code, out = run("workshop", guide, "--out", str(tmp_path), "--title", "\u07ca\u07d3")
    assert code == 1
    assert "--title: error: the character '\u07ca' (U+07CA NKO LETTER A) is N'Ko script" in out
    title = "ورشة الأمان على الإنترنت"
    code, out = run("workshop", guide, "--out", str(tmp_path), "--title", title)
    assert code == 0, out
    cover = read_pdf((tmp_path / "workshop" / "attendee-pack.pdf").read_bytes())
    assert title in normalise(cover.text)


def test_an_arabic_guide_joins_an_english_workshop_pack(tmp_path: Path) -> None:
    code, out = run(
        "workshop",
        str(DATA / "workshop" / "screen-lock.md"),
        str(SCRIPTS / "arabic.md"),
        "--out",
        str(tmp_path),
    )
    assert code == 0, out
    pack = read_pdf((tmp_path / "workshop" / "attendee-pack.pdf").read_bytes())
    assert normalise(load_guide(SCRIPTS / "arabic.md").title) in normalise(pack.text)


def test_a_latin_handout_loads_no_shaping_library() -> None:
    code = (
        "import sys; from pathlib import Path;"
        "from generator.cli import cli;"
        "from click.testing import CliRunner;"
        f"r = CliRunner().invoke(cli, ['build', {str(DATA / 'contract.md')!r}, '--format', 'pdf',"
        " '--out', sys.argv[1]]);"
        "assert r.exit_code == 0, r.output;"
        "print(sorted(n for n in ('uharfbuzz', 'bidi') if sys.modules.get(n) is not None))"
    )
    import sys
    import tempfile

    with tempfile.TemporaryDirectory() as out:
        result = subprocess.run(
            [sys.executable, "-c", code, out], capture_output=True, text=True, check=True
        )
    assert result.stdout.strip() == "[]"


def test_plain_text_helper_is_the_models() -> None:
    # The test reads paragraphs with the model's own helper: a sanity check of the fixture.
    assert plain_text((Text("a"), Text("b"))) == "ab"


def test_a_large_print_booklet_of_shaped_guides_reads_back_complete(tmp_path: Path) -> None:
    code, out = run(
        "workshop",
        str(SCRIPTS / "arabic.md"),
        str(SCRIPTS / "hindi.md"),
        "--out",
        str(tmp_path),
        "--layout",
        "booklet",
        "--large-print",
    )
    assert code == 0, out
    assert "error" not in out, out


@pytest.mark.parametrize(
    ("name", "direction", "font"),
    [
        ("urdu", "rtl", "Noto Nastaliq Urdu"),
        ("hebrew", "rtl", "Arial Hebrew"),
        ("tamil", "ltr", "Tamil Sangam MN"),
    ],
)
def test_the_email_has_its_direction_language_and_system_fonts(
    name: str, direction: str, font: str, tmp_path: Path
) -> None:
    code, out = run(
        "build", str(SCRIPTS / f"{name}.md"), "--out", str(tmp_path), "--format", "html"
    )
    assert code == 0, out
    markup = (tmp_path / f"{name}.html").read_text(encoding="utf-8")
    lang = LANGUAGES[name]
    assert f'<html lang="{lang}" dir="{direction}"' in markup
    assert f"'{font}'" in markup
    assert "@font-face" not in markup and "fonts.googleapis" not in markup
    # The plain text is in reading order: the guide's own sentences, as written.
    text = (tmp_path / f"{name}.html").with_suffix(".txt")
    code, out = run("build", str(SCRIPTS / f"{name}.md"), "--out", str(tmp_path), "--format", "txt")
    assert code == 0, out
    plain = normalise(text.read_text(encoding="utf-8"))
    for sentence in guide_texts(name):
        if "example.org" not in sentence:  # the text edition writes a link's address out
            assert sentence in plain, sentence
