"""``guide build`` and ``guide verify`` for the html and txt formats, and their gates."""

from __future__ import annotations

import shutil
from pathlib import Path

from helpers.cli import run_split
from helpers.email import make_picture, write_rich_guide
from helpers.guides import FIRST_GUIDE, MINIMAL

from generator.build import build
from generator.options import BuildOptions
from generator.parse import load_guide
from generator.verify.html import GMAIL_CLIP_BYTES
from generator.verify.outputs import verify_output


def test_build_writes_html_with_its_pictures_and_text(tmp_path: Path) -> None:
    guide = write_rich_guide(tmp_path / "guides")
    out = tmp_path / "out"
    code, stdout, stderr = run_split(
        "build", "--format", "html", "--format", "txt", "--out", str(out), str(guide)
    )
    assert code == 0, stderr
    assert f"wrote {out / 'rich.html'}" in stdout and "2 pictures beside it" in stdout
    assert (out / "rich-pictures" / "settings.png").read_bytes() == (
        tmp_path / "guides" / "shots" / "settings.png"
    ).read_bytes()
    assert (out / "rich-pictures" / "button.jpg").is_file()
    assert 'src="rich-pictures/settings.png"' in (out / "rich.html").read_text("utf-8")
    assert (out / "rich.txt").read_text("utf-8").startswith("Keep <script> & cookies out")
    assert not (out / "rich.eml").exists() and not (out / "rich.pdf").exists()
    code, stdout, _ = run_split("verify", "--out", str(out), str(guide))
    assert code == 0
    assert f"{out / 'rich.html'}: ok (all 3 steps in order, 2 caveats)" in stdout
    assert f"{out / 'rich.txt'}: ok" in stdout


def test_a_picture_over_1_mb_is_an_error_with_advice_and_nothing_is_written(
    tmp_path: Path,
) -> None:
    guide = write_rich_guide(tmp_path)
    big = tmp_path / "button.jpg"
    big.write_bytes(big.read_bytes() + b"\0" * (1024 * 1024))
    out = tmp_path / "out"
    code, _, stderr = run_split("build", "--format", "html", "--out", str(out), str(guide))
    assert code == 1
    line = (
        guide.read_text("utf-8")
        .split("\n")
        .index("![A round red button in the middle](button.jpg)")
    )
    assert f"{guide}:{line + 1}: error: the picture 'button.jpg' is 1.1 MB, too large" in stderr
    assert "crop it" in stderr and "Traceback" not in stderr
    assert not out.exists() or list(out.rglob("*")) == []


def test_a_picture_that_is_not_an_image_is_an_error(tmp_path: Path) -> None:
    guide = write_rich_guide(tmp_path)
    # Starts like a PNG, so it passes the quick check and reaches the email renderer.
    (tmp_path / "shots" / "settings.png").write_bytes(b"\x89PNG\r\n\x1a\n damaged after that")
    report = build([guide], BuildOptions(out=tmp_path / "out", formats=("html", "txt")))
    assert report.failed
    errors = [str(p) for p in report.problems if p.severity == "error"]
    assert len(errors) == 1 and "cannot be read as a PNG or JPEG image" in errors[0]
    assert report.written == []


def test_html_over_gmails_clipping_limit_fails_and_near_it_warns(tmp_path: Path) -> None:
    steps = "\n".join(
        f"### Do thing number {n}\n" + "This sentence makes the guide long. " * 20 + "\n"
        for n in range(1, 100)
    ).replace("long. ", "long and longer. ")
    path = tmp_path / "long.md"
    path.write_text(MINIMAL.replace("### Do the first thing\nLike this.\n", steps), "utf-8")
    out = tmp_path / "out"
    code, _, stderr = run_split(
        "build", "--format", "html", "--format", "txt", "--out", str(out), str(path)
    )
    assert code == 1
    # `check` finds it first, so nothing is rendered to find it out.
    assert f"{path}: error: the email's HTML is" in stderr
    assert "Gmail hides everything after 102 KB" in stderr
    assert not (out / "long.html").exists() and not (out / "long.txt").exists()

    guide = load_guide(FIRST_GUIDE)
    html = tmp_path / "ok.html"
    code, _, _ = run_split("build", "--format", "html", "--out", str(tmp_path), str(FIRST_GUIDE))
    markup = (tmp_path / "meta-ai-objection.html").read_text("utf-8")
    padded = markup.replace("</body>", "<p>" + "x" * (95_000 - len(markup)) + "</p></body>")
    findings = verify_output(guide, "html", padded.encode(), html)
    assert [(f.severity, f.message[:40]) for f in findings] == [
        ("warning", "the email's HTML is 95.0 KB, close to Gm")
    ]
    too_big = padded.replace("</body>", "x" * (GMAIL_CLIP_BYTES - 94_000) + "</body>")
    assert [f.severity for f in verify_output(guide, "html", too_big.encode(), html)] == ["error"]


def test_verify_finds_a_step_missing_from_the_built_html_and_text(tmp_path: Path) -> None:
    guide = tmp_path / FIRST_GUIDE.name
    shutil.copy(FIRST_GUIDE, guide)
    out = tmp_path / "out"
    assert (
        run_split("build", "--format", "html", "--format", "txt", "--out", str(out), str(guide))[0]
        == 0
    )
    html = out / "meta-ai-objection.html"
    html.write_text(html.read_text("utf-8").replace("Find the Privacy Centre", ""), "utf-8")
    text = out / "meta-ai-objection.txt"
    text.write_text(text.read_text("utf-8").replace("Objecting does not stop", "Nope"), "utf-8")
    code, _, stderr = run_split("verify", "--out", str(out), str(guide))
    assert code == 1
    assert f"{html}: error: step 3 'Find the Privacy Centre' is missing" in stderr
    assert f"{text}: error: caveat 'Objecting does not stop everything' is missing" in stderr


def test_a_template_that_loads_from_the_internet_fails_the_build(tmp_path: Path) -> None:
    folder = tmp_path / "mine" / "email"
    folder.mkdir(parents=True)
    (folder / "guide.html").write_text(
        '{% extends "email/base.html" %}{% block footer %}'
        '<img src="https://tracker.example/pixel.gif" alt="">'
        '<a href="http://example.org">x</a>{% endblock %}',
        encoding="utf-8",
    )
    out = tmp_path / "out"
    code, _, stderr = run_split(
        "build", "--format", "html", "--templates", str(tmp_path / "mine"),
        "--out", str(out), str(FIRST_GUIDE),
    )  # fmt: skip
    assert code == 1
    assert "must not load anything from the internet, but it loads " in stderr
    assert "'https://tracker.example/pixel.gif'" in stderr
    assert "a link goes to 'http://example.org' (only https and mailto)" in stderr
    assert not (out / "meta-ai-objection.html").exists()


def test_two_pictures_with_the_same_name_get_two_files(tmp_path: Path) -> None:
    make_picture(tmp_path / "a" / "shot.png", (200, 100))
    make_picture(tmp_path / "b" / "shot.png", (100, 200))
    path = tmp_path / "two.md"
    path.write_text(
        MINIMAL.replace("Like this.", "![First](a/shot.png)\n\n![Second](b/shot.png)\n\n"
                        "![First again](a/shot.png)"),
        encoding="utf-8",
    )  # fmt: skip
    out = tmp_path / "out"
    assert run_split("build", "--format", "html", "--out", str(out), str(path))[0] == 0
    markup = (out / "two.html").read_text("utf-8")
    assert markup.count('src="two-pictures/shot.png"') == 2
    assert markup.count('src="two-pictures/shot-2.png"') == 1
    assert sorted(p.name for p in (out / "two-pictures").iterdir()) == ["shot-2.png", "shot.png"]


def test_steps_titled_like_their_labels_still_verify(tmp_path: Path) -> None:
    steps = "".join(f"### Step {n}\nDo it.\n\n" for n in range(1, 13))
    path = tmp_path / "plain.md"
    path.write_text(MINIMAL.replace("### Do the first thing\nLike this.\n", steps), "utf-8")
    code, _, stderr = run_split(
        "build", "--format", "html", "--format", "txt", "--out", str(tmp_path), str(path)
    )
    assert code == 0, stderr
    assert "Step 12 of 12: Step 12" in (tmp_path / "plain.txt").read_text("utf-8")
