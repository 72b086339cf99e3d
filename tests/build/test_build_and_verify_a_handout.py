"""``guide build`` and ``guide verify`` for the PDF handout, as a user runs them."""

from __future__ import annotations

import dataclasses
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from helpers.cli import run_split
from helpers.guides import DATA, FIRST_GUIDE, ROOT
from helpers.handouts import flat, handout, page_texts, reader

import generator.pipeline
from generator.build import build
from generator.options import BuildOptions
from generator.parse import load_guide
from generator.verify.outputs import text_of_pdf


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working folder holding content/ with the first guide, as after a fresh checkout."""
    (tmp_path / "content").mkdir()
    shutil.copy(FIRST_GUIDE, tmp_path / "content" / FIRST_GUIDE.name)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_guide_build_with_no_arguments_writes_the_handout(project: Path) -> None:
    code, out, err = run_split("build")
    assert code == 0, err
    pdf = project / "output" / "meta-ai-objection.pdf"
    assert pdf.is_file()
    pages = len(reader(pdf.read_bytes()).pages)
    size = pdf.stat().st_size / 1024
    assert f"wrote output/meta-ai-objection.pdf ({size:.1f} KB, {pages} pages)" in out
    assert oct(pdf.stat().st_mode & 0o777) == oct(0o666 & ~_umask())
    assert [p.name for p in (project / "output").iterdir() if p.name.endswith(".part")] == []


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_build_then_verify(project: Path) -> None:
    assert run_split("build", "--format", "pdf")[0] == 0
    code, out, err = run_split("verify")
    assert code == 0, err
    assert "output/meta-ai-objection.pdf: ok (all 5 steps in order, 3 caveats)" in out


def test_verify_catches_a_handout_that_is_not_this_guide(project: Path) -> None:
    assert run_split("build", "--format", "pdf")[0] == 0
    other = handout(DATA / "rich.md")
    (project / "output" / "meta-ai-objection.pdf").write_bytes(other)
    code, _, err = run_split("verify")
    assert code == 1
    missing = "step 1 'Open the Facebook or Instagram app' is missing"
    assert f"meta-ai-objection.pdf: error: {missing}" in err


def test_a_handout_missing_a_step_fails_the_build_and_writes_nothing(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import generator.render.pdf as pdf

    real = pdf.render_handout

    def drops_step_three(guide, options, *, paper, large_print):  # type: ignore[no-untyped-def]
        shorter = dataclasses.replace(guide, steps=guide.steps[:2] + guide.steps[3:])
        return real(shorter, options, paper=paper, large_print=large_print)

    monkeypatch.setattr(pdf, "render_handout", drops_step_three)
    code, out, err = run_split("build", "--format", "pdf")
    assert code == 1
    assert "step 3 'Find the Privacy Centre' is missing" in err
    assert "wrote" not in out
    assert not (project / "output").exists()


@pytest.mark.parametrize("where", ["os.fsync", "os.replace"])
def test_an_interrupted_build_leaves_no_half_written_file(
    project: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    out = project / "output"
    out.mkdir()
    old = out / "meta-ai-objection.pdf"
    old.write_bytes(b"the previous good printing")

    def interrupt(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, where.split(".")[1], interrupt)
    with pytest.raises(KeyboardInterrupt):
        build([project / "content"], BuildOptions(out=out, formats=("pdf",)))
    monkeypatch.undo()
    assert sorted(p.name for p in out.iterdir()) == ["meta-ai-objection.pdf"]
    assert old.read_bytes() == b"the previous good printing"


def test_rebuilds_are_byte_identical_anywhere_any_time(project: Path) -> None:
    first = handout(FIRST_GUIDE)
    assert handout(FIRST_GUIDE) == first
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    env["TZ"] = "Pacific/Auckland"
    env["PYTHONPATH"] = str(ROOT)
    done = subprocess.run(
        [sys.executable, "-m", "generator", "build", "--format", "pdf", "--out", "elsewhere"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert (project / "elsewhere" / "meta-ai-objection.pdf").read_bytes() == first


def test_creation_date_is_the_checked_date_unless_source_date_epoch_says(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    checked = reader(handout(FIRST_GUIDE)).metadata.creation_date
    assert checked.isoformat() == "2026-11-20T00:00:00+00:00"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795000000")  # 18 November 2026
    data = handout(FIRST_GUIDE)
    assert reader(data).metadata.creation_date.date().isoformat() == "2026-11-18"
    assert handout(FIRST_GUIDE) == data


def test_branding_from_the_command_line(project: Path) -> None:
    code, _, err = run_split(
        "build",
        "--format",
        "pdf",
        "--org",
        "Kingsbridge Library",
        "--contact",
        "Ask at the desk or call 01234 567890",
        "--logo",
        str(DATA / "settings-screen.png"),
    )
    assert code == 0, err
    data = (project / "output" / "meta-ai-objection.pdf").read_bytes()
    pages = [flat(text) for text in page_texts(data)]
    assert pages[0].startswith("Kingsbridge Library Ask at the desk or call 01234 567890")
    assert all("Kingsbridge Library" in page for page in pages)
    assert "Need help? Kingsbridge Library: Ask at the desk or call 01234 567890" in pages[-1]
    first_page = reader(data).pages[0]
    images = [x.get_object() for x in first_page["/Resources"]["/XObject"].values()]
    assert [(i["/Width"], i["/Height"]) for i in images] == [(360, 640)]


def test_guide_toml_holds_defaults_and_the_command_line_wins(project: Path) -> None:
    (project / "guide.toml").write_text(
        'paper = "letter"\n\n[build]\norg = "Riverside Library"\n', encoding="utf-8"
    )
    assert run_split("build", "--format", "pdf")[0] == 0
    data = (project / "output" / "meta-ai-objection.pdf").read_bytes()
    assert round(float(reader(data).pages[0].mediabox.width)) == 612
    assert "Riverside Library" in text_of_pdf(data)
    assert run_split("build", "--format", "pdf", "--paper", "a4", "--org", "Hill Library")[0] == 0
    data = (project / "output" / "meta-ai-objection.pdf").read_bytes()
    assert round(float(reader(data).pages[0].mediabox.width)) == 595
    assert "Hill Library" in text_of_pdf(data) and "Riverside" not in text_of_pdf(data)


def _templates(root: Path, text: str) -> Path:
    folder = root / "templates"
    (folder / "handout").mkdir(parents=True)
    (folder / "handout" / "handout.xml").write_text(textwrap.dedent(text), encoding="utf-8")
    return folder


def test_a_template_override_brands_every_page(project: Path) -> None:
    folder = _templates(
        project,
        """\
        {% extends "handout/base.xml" %}
        {% block banner %}
        <para style="brand">Printed for you by Kingsbridge Library &amp; friends</para>
        <rule/>
        {% endblock %}
        {% block footer %}
        <footer>
          <line style="strong">
            <left>Kingsbridge Library: {{ guide.title }}</left>
            <right>{{ _("Page {page} of {pages}") }}</right>
          </line>
          <line>
            <left>Checked {{ guide.checked }} · {{ guide.version }}</left>
            <right>Call 01234 567890</right>
          </line>
        </footer>
        {% endblock %}
        """,
    )
    code, _, err = run_split("build", "--format", "pdf", "--templates", str(folder))
    assert code == 0, err
    data = (project / "output" / "meta-ai-objection.pdf").read_bytes()
    pages = [flat(text) for text in page_texts(data)]
    assert pages[0].startswith("Printed for you by Kingsbridge Library & friends")
    version = load_guide(FIRST_GUIDE).version
    for number, text in enumerate(pages, start=1):
        assert "Kingsbridge Library: Stop Meta using your public" in text
        assert f"Page {number} of {len(pages)}" in text
        assert f"Checked 2026-11-20 · {version} Call 01234 567890" in text
    assert run_split("verify")[0] == 0


def test_story_option_writes_the_story_a_template_made(project: Path) -> None:
    assert run_split("build", "--format", "pdf", "--story")[0] == 0
    story = (project / "output" / "meta-ai-objection.story.xml").read_text(encoding="utf-8")
    assert story.startswith('<?xml version="1.0" encoding="utf-8"?>\n<handout lang="en-GB"')
    assert '<step number="3">\n<step-title>Find the Privacy Centre</step-title>' in story
    assert "Trusted Reviews (trustedreviews.com)" in story
    assert "--story" not in run_split("build", "--help")[1]


def test_template_mistakes_are_reported_with_file_and_line(project: Path) -> None:
    folder = _templates(
        project, '{% extends "handout/base.xml" %}\n{% block steps %}\n{{ oops }}\n{% endblock %}\n'
    )
    template = folder / "handout" / "handout.xml"
    code, out, err = run_split("build", "--format", "pdf", "--templates", str(folder))
    assert code == 1
    assert f"{template}:3: error: template error: 'oops' is undefined" in err
    assert "Traceback" not in err and "wrote" not in out

    (folder / "handout" / "handout.xml").write_text(
        '{% extends "handout/base.xml" %}\n{% block steps %}\n{% if %}\n{% endblock %}\n'
    )
    code, _, err = run_split("build", "--format", "pdf", "--templates", str(folder))
    assert code == 1
    assert f"{folder / 'handout' / 'handout.xml'}:3: error: template error:" in err

    (folder / "handout" / "handout.xml").write_text(
        '{% extends "handout/base.xml" %}\n{% block steps %}<marquee>hi</marquee>{% endblock %}\n'
    )
    code, _, err = run_split("build", "--format", "pdf", "--templates", str(folder))
    assert code == 1
    assert (
        f"{folder / 'handout' / 'handout.xml'}: error: <marquee> is not part of the story "
        "vocabulary here (see generator/templates/handout/STORY.md) (build with --story to "
        "see the story)"
    ) in err
    assert not (project / "output" / "meta-ai-objection.pdf").exists()


def test_a_format_that_is_not_installed_is_a_clear_error(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(generator.pipeline.RENDERERS, "html", "generator.render.absent:render")
    code, _, err = run_split("build", "--format", "html")
    assert code == 1
    assert "error: this installation cannot build html yet" in err
    assert "html" not in generator.pipeline.available_formats()
    assert "pdf" in generator.pipeline.available_formats()


@pytest.mark.parametrize(
    "command", [["--help"], ["list"], ["check"], ["new", "--help"], ["preview", "--help"]]
)
def test_help_list_and_check_do_not_load_what_only_rendering_needs(command: list[str]) -> None:
    # Run the real command in a fresh process and see what it imported by the end.
    code = (
        "import sys, runpy\n"
        f"sys.argv = ['guide', *{command!r}]\n"
        "try:\n"
        "    runpy.run_module('generator', run_name='__main__')\n"
        "except SystemExit:\n"
        "    pass\n"
        "heavy = {'reportlab', 'pypdf', 'css_inline', 'PIL', 'babel', 'jinja2', 'pypdfium2',\n"
        "         'watchfiles', 'http'}\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & heavy), file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert done.stderr.strip().splitlines()[-1] == "[]"


def test_a_guide_with_errors_gets_nothing_and_the_others_are_built(project: Path) -> None:
    bad = project / "content" / "broken.md"
    bad.write_text(FIRST_GUIDE.read_text(encoding="utf-8").replace("## Steps", "## Stepz"))
    code, out, err = run_split("build", "--format", "pdf")
    assert code == 1
    assert f"{Path('content') / 'broken.md'}" in err and ": error:" in err
    assert "wrote output/meta-ai-objection.pdf" in out
    assert sorted(p.name for p in (project / "output").iterdir()) == ["meta-ai-objection.pdf"]


def test_a_picture_that_cannot_be_read_is_named(project: Path) -> None:
    guide = project / "content" / "pictured.md"
    guide.write_text(
        (DATA / "rich.md").read_text(encoding="utf-8").replace("settings-screen.png", "bad.png")
    )
    # Starts like a PNG, so only decoding it (in `check`, before any rendering) finds the damage.
    (project / "content" / "bad.png").write_bytes(b"\x89PNG\r\n\x1a\n but damaged after that")
    (project / "logo.png").write_text("nor is this")
    code, out, err = run_split("build", str(guide), "--format", "pdf", "--logo", "logo.png")
    assert code == 1
    assert err.splitlines() == [
        f"{guide}:32: error: the picture 'bad.png' cannot be read as a PNG or JPEG image (it is "
        "damaged): open it in an image editor and save it again as PNG or JPEG",
        f"{guide}:2: warning: the title is too long for one line of the footer of large-print "
        "pages and booklet pages, so it takes two lines there: add a 'short_title:' of about 20 "
        "letters for the footers",
        "logo.png: error: the logo 'logo.png' is not really a PNG or JPEG image: open it in an "
        "image editor and save it again as PNG or JPEG",
    ]
    assert "Traceback" not in err and "wrote" not in out
