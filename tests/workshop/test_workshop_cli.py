"""``guide workshop`` as a facilitator runs it: one command, clear errors, nothing half-written."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest
from helpers.cli import run_split
from helpers.guides import FIRST_GUIDE, ROOT
from helpers.handouts import flat, reader
from helpers.workshop import POLISH, SCREEN_LOCK

from generator.verify.outputs import text_of_pdf


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working folder with content/ holding the first guide, its Polish edition and another."""
    content = tmp_path / "content"
    content.mkdir()
    for path in (FIRST_GUIDE, POLISH, SCREEN_LOCK):
        shutil.copy(path, content / path.name)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def names(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir())


def test_one_command_makes_the_folder_for_the_print_shop(project: Path) -> None:
    code, out, err = run_split(
        "workshop",
        "content/meta-ai-objection.md",
        "content/screen-lock.md",
        "--title",
        "Keep your accounts private",
        "--layout",
        "booklet",
    )
    assert code == 0, err
    folder = project / "output" / "workshop"
    assert names(folder) == [
        "attendee-pack-booklet.pdf",
        "facilitator-sheet.pdf",
        "print-instructions.txt",
        "progress-sheet.pdf",
    ]
    lines = out.splitlines()
    assert len(lines) == 4
    pack = folder / "attendee-pack-booklet.pdf"
    pages = 2 * len(reader(pack.read_bytes()).pages)
    assert lines[0] == (
        f"wrote output/workshop/attendee-pack-booklet.pdf ({pack.stat().st_size / 1024:.1f} KB, "
        f"{pages} pages, booklet, {pages // 4} sheets per copy)"
    )
    assert lines[3].startswith("wrote output/workshop/print-instructions.txt (")
    instructions = (folder / "print-instructions.txt").read_text(encoding="utf-8")
    assert f"A folded booklet of {pages} pages. Each copy is {pages // 4} sheets." in instructions
    assert "flipping on the short edge" in instructions


def test_with_no_paths_the_content_folder_makes_the_pack(project: Path) -> None:
    code, _, err = run_split("workshop")
    assert code == 0, err
    text = flat(text_of_pdf((project / "output/workshop/attendee-pack.pdf").read_bytes()))
    assert text.startswith("Staying safe online")
    for path in (FIRST_GUIDE, POLISH, SCREEN_LOCK):
        assert path.read_text(encoding="utf-8").split("title: ")[1].split("\n")[0] in text


def test_a_guide_with_errors_stops_the_workshop_and_nothing_is_written(project: Path) -> None:
    broken = project / "content" / "broken.md"
    broken.write_text(SCREEN_LOCK.read_text(encoding="utf-8").replace("## Steps", "## Stepz"))
    code, out, err = run_split("workshop", "content")
    assert code == 1
    assert f"{Path('content') / 'broken.md'}:" in err and ": error: " in err
    assert "Traceback" not in err and out == ""
    assert not (project / "output").exists()


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--title", "Party \U0001f389"], "--title: error: the character '\U0001f389' (U+1F389"),
        (["--title", "   "], "--title: error: the title is empty"),
        (["--org", "Caf\u00e9 \U0001f375"], "--org: error: the character '\U0001f375'"),
    ],
)
def test_options_that_cannot_be_printed_are_named(
    project: Path, options: list[str], message: str
) -> None:
    code, _, err = run_split("workshop", "content/screen-lock.md", *options)
    assert code == 1
    assert message in err
    assert not (project / "output").exists()


@pytest.mark.parametrize("start", ["half past two", "25:00", "14:60", "1430"])
def test_a_start_time_that_is_not_a_time_is_refused(project: Path, start: str) -> None:
    code, _, err = run_split("workshop", "content/screen-lock.md", "--start", start)
    assert code == 2
    assert f"'{start}' is not a time like 14:00 or 9:30" in err


def test_the_start_time_puts_clock_times_on_the_agenda(project: Path) -> None:
    code, _, err = run_split("workshop", "content/screen-lock.md", "--start", "9:30")
    assert code == 0, err
    sheet = project / "output" / "workshop" / "facilitator-sheet.pdf"
    assert "09:30 to 09:35 1. Lock your phone with a PIN" in flat(text_of_pdf(sheet.read_bytes()))


def test_a_pack_that_would_miss_a_step_is_not_written(project: Path) -> None:
    """A template that leaves a step out fails the read-back; the earlier pack stays as it was."""
    assert run_split("workshop", "content/screen-lock.md")[0] == 0
    folder = project / "output" / "workshop"
    before = {name: (folder / name).read_bytes() for name in names(folder)}
    templates = project / "mine" / "handout"
    templates.mkdir(parents=True)
    (templates / "handout.xml").write_text(
        '{% extends "handout/base.xml" %}\n'
        "{% block steps %}{% for step in guide.steps if step.number != 2 %}"
        '<step number="{{ step.number }}"><step-title>{{ step.title }}</step-title></step>'
        "{% endfor %}{% endblock %}\n",
        encoding="utf-8",
    )
    code, out, err = run_split("workshop", "content/screen-lock.md", "--templates", "mine")
    assert code == 1
    assert (
        "attendee-pack.pdf: error: guide 1 (pages 3 to 3): step 2 'Find the screen lock' "
        "is missing" in err
    )
    assert "wrote" not in out
    assert {name: (folder / name).read_bytes() for name in names(folder)} == before


def test_a_template_that_prints_facilitator_notes_for_attendees_is_caught(
    project: Path,
) -> None:
    templates = project / "mine" / "handout"
    templates.mkdir(parents=True)
    (templates / "handout.xml").write_text(
        '{% extends "handout/base.xml" %}\n'
        "{% block contact %}{{ m.blocks(guide.facilitator) }}{% endblock %}\n",
        encoding="utf-8",
    )
    code, _, err = run_split("workshop", "content/screen-lock.md", "--templates", "mine")
    assert code == 1
    assert "facilitator notes of" in err and "belong on the facilitator sheet only" in err
    assert not (project / "output" / "workshop").exists()


def test_workshop_templates_can_be_replaced(project: Path) -> None:
    templates = project / "mine" / "workshop"
    templates.mkdir(parents=True)
    cover = (ROOT / "generator/templates/workshop/cover.xml").read_text(encoding="utf-8")
    (templates / "cover.xml").write_text(
        cover.replace(
            "{% block notes %}", "<para>Tea and biscuits at half time.</para>\n{% block notes %}"
        ),
        encoding="utf-8",
    )
    code, _, err = run_split("workshop", "content/screen-lock.md", "--templates", "mine")
    assert code == 0, err
    data = (project / "output" / "workshop" / "attendee-pack.pdf").read_bytes()
    assert "Tea and biscuits at half time." in flat(text_of_pdf(data))


def test_a_mistake_in_a_workshop_template_names_its_file_and_line(project: Path) -> None:
    templates = project / "mine" / "workshop"
    templates.mkdir(parents=True)
    (templates / "progress.xml").write_text(
        textwrap.dedent(
            """\
            <?xml version="1.0" encoding="utf-8"?>
            <handout>
            <title>{{ workshop.titel }}</title>
            </handout>
            """
        ),
        encoding="utf-8",
    )
    code, _, err = run_split("workshop", "content/screen-lock.md", "--templates", "mine")
    assert code == 1
    assert f"{templates / 'progress.xml'}:3: error: template error:" in err
    assert "titel" in err
    notes = project / "other" / "workshop" / "notes.xml"
    notes.parent.mkdir(parents=True)
    notes.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<handout><write-lines min="0"/></handout>\n',
        encoding="utf-8",
    )
    code, _, err = run_split("workshop", "content/screen-lock.md", "--templates", "other")
    assert code == 1
    assert f'{notes}: error: <write-lines min="0">: min must be a whole number, 1 or more\n' in err


def test_a_later_run_clears_files_an_earlier_run_left(project: Path) -> None:
    assert run_split("workshop", "content/screen-lock.md", "--layout", "two-up")[0] == 0
    folder = project / "output" / "workshop"
    (folder / "my-own-notes.txt").write_text("keep me", encoding="utf-8")
    code, out, err = run_split("workshop", "content/screen-lock.md", "--large-print")
    assert code == 0, err
    assert (
        f"removed {Path('output/workshop/attendee-pack-two-up.pdf')} (left by an earlier run)"
        in out
    )
    assert names(folder) == [
        "attendee-pack-large-print.pdf",
        "facilitator-sheet-large-print.pdf",
        "my-own-notes.txt",
        "print-instructions.txt",
        "progress-sheet-large-print.pdf",
    ]


def test_guide_toml_holds_workshop_defaults_and_the_command_line_wins(project: Path) -> None:
    (project / "guide.toml").write_text(
        textwrap.dedent(
            """\
            paper = "letter"

            [workshop]
            layout = "booklet"
            title = "Tuesday club"
            start = "10:00"
            """
        ),
        encoding="utf-8",
    )
    code, _, err = run_split("workshop", "content/screen-lock.md")
    assert code == 0, err
    folder = project / "output" / "workshop"
    pack = (folder / "attendee-pack-booklet.pdf").read_bytes()
    assert reader(pack).pages[0].mediabox.width == 792  # Letter, on its side
    facilitator = flat(text_of_pdf((folder / "facilitator-sheet.pdf").read_bytes()))
    assert facilitator.startswith("Tuesday club")
    assert "10:00 to 10:05" in facilitator
    code, _, err = run_split(
        "workshop", "content/screen-lock.md", "--layout", "single", "--title", "Mine"
    )
    assert code == 0, err
    assert (folder / "attendee-pack.pdf").is_file()
    (project / "guide.toml").write_text("[workshop]\nlayuot = 'booklet'\n", encoding="utf-8")
    code, _, err = run_split("workshop", "content/screen-lock.md")
    assert code == 1
    assert "guide.toml:2: error: 'guide workshop' has no option 'layuot'" in err


def test_workshop_help_does_not_load_the_pdf_machinery() -> None:
    import subprocess
    import sys

    from helpers.guides import ROOT

    code = (
        "import sys; from generator.cli import cli\n"
        "try:\n    cli(['workshop', '--help'], prog_name='guide')\n"
        "except SystemExit:\n    pass\n"
        "import generator.workshop\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'reportlab', 'pypdf', 'jinja2'}))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert "--layout [single|booklet|two-up]" in done.stdout
    assert done.stdout.strip().endswith("[]")


def test_a_guide_in_a_script_the_handout_cannot_shape_stops_the_workshop(
    project: Path,
) -> None:
    thai = project / "content" / "screen-lock.th.md"
    thai.write_text(
        SCREEN_LOCK.read_text(encoding="utf-8")
        .replace("lang: en-GB", "lang: th")
        .replace("title: Lock your phone with a PIN", "title: \u0e25\u0e47\u0e2d\u0e01")
        .replace("## What you'll need", "## \u0e2a\u0e34\u0e48\u0e07 {#needs}")
        .replace("## Steps", "## \u0e02\u0e31\u0e49\u0e19 {#steps}")
        .replace("## Caveats", "## \u0e02\u0e49\u0e2d {#caveats}")
        .replace("## Facilitator notes", "## \u0e1a\u0e31\u0e19 {#facilitator}"),
        encoding="utf-8",
    )
    code, out, err = run_split("workshop", "content/screen-lock.md", "content/screen-lock.th.md")
    assert code == 1, out
    assert "guides in Thai ('th') cannot be made yet" in err
    assert not (project / "output").exists()


def test_a_guide_named_twice_is_in_the_pack_once(project: Path) -> None:
    code, out, err = run_split(
        "workshop",
        "content/screen-lock.md",
        "content/../content/screen-lock.md",
        "--layout",
        "two-up",
    )
    assert code == 0, err
    assert "two-up, 3 sheets make two copies" in out
    facilitator = project / "output" / "workshop" / "facilitator-sheet.pdf"
    text = flat(text_of_pdf(facilitator.read_bytes()))
    assert "1. Lock your phone with a PIN" in text
    assert "2. Lock your phone" not in text


def test_a_facilitator_sheet_without_the_notes_is_not_written(project: Path) -> None:
    templates = project / "mine" / "workshop"
    templates.mkdir(parents=True)
    sheet = (ROOT / "generator/templates/workshop/facilitator.xml").read_text(encoding="utf-8")
    (templates / "facilitator.xml").write_text(
        sheet.replace("{% if guide.facilitator %}", "{% if false %}"), encoding="utf-8"
    )
    code, out, err = run_split("workshop", "content/screen-lock.md", "--templates", "mine")
    assert code == 1
    assert "facilitator-sheet.pdf: error: guide 1: its facilitator notes are missing" in err
    assert out == ""
