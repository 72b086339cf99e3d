"""The guide command as a user runs it: output lines and exit codes."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from helpers.cli import run_split
from helpers.guides import FIRST_GUIDE, MINIMAL, TODAY


def test_check_reports_every_bad_file_and_exits_1(tmp_path: Path) -> None:
    (tmp_path / "good.md").write_text(MINIMAL, encoding="utf-8")
    (tmp_path / "bad.md").write_text(MINIMAL.replace("title: A small guide\n", ""), "utf-8")
    (tmp_path / "worse.md").write_text(MINIMAL + "\n<div>x</div>\n", encoding="utf-8")
    (tmp_path / "README.md").write_text("# not a guide", encoding="utf-8")
    code, _, err = run_split("check", str(tmp_path))
    assert code == 1
    lines = err.strip().split("\n")
    assert lines == [
        f"{tmp_path / 'bad.md'}:1: error: the front matter needs 'title:'",
        f"{tmp_path / 'worse.md'}:12: error: raw HTML is not allowed in a guide ('<div>x</div>'): "
        "write it in Markdown, or put notes for workshop leaders under '## Facilitator notes'",
    ]
    assert "Traceback" not in err


def test_future_date_is_an_error(tmp_path: Path) -> None:
    tomorrow = (TODAY + dt.timedelta(days=1)).isoformat()
    path = tmp_path / "future.md"
    path.write_text(MINIMAL.replace("2026-11-01", tomorrow), encoding="utf-8")
    code, _, err = run_split("check", str(path))
    assert code == 1
    assert f"{path}:4: error: 'checked' is {tomorrow}, a date in the future" in err


def test_old_guide_warns_and_strict_makes_it_an_error(tmp_path: Path) -> None:
    path = tmp_path / "old.md"
    path.write_text(MINIMAL.replace("2026-11-01", "2020-01-01"), encoding="utf-8")
    code, out, err = run_split("check", str(path))
    assert code == 0
    assert f"{path}: warning: the steps were last checked" in err
    assert "ok (1 step," in out
    code, _, err = run_split("check", "--strict", str(path))
    assert code == 1
    assert f"{path}: error: the steps were last checked" in err
    code, _, err = run_split("check", "--max-age", "100000", str(path))
    assert code == 0 and err == ""


def test_duplicated_slug_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "same.md").write_text(MINIMAL, encoding="utf-8")
    (tmp_path / "b" / "same.md").write_text(MINIMAL, encoding="utf-8")
    code, _, err = run_split("check", str(tmp_path / "a"), str(tmp_path / "b"))
    assert code == 1
    assert "the slug 'same' is already used by" in err


def test_missing_path_and_empty_folder(tmp_path: Path) -> None:
    code, _, err = run_split("check", str(tmp_path / "nope.md"))
    assert code == 1 and f"{tmp_path / 'nope.md'}: error: no such file" in err
    code, _, err = run_split("check", str(tmp_path))
    assert code == 1 and "no guides found here" in err


def test_list_shows_one_row_per_guide(tmp_path: Path) -> None:
    shutil.copy(FIRST_GUIDE, tmp_path / FIRST_GUIDE.name)
    (tmp_path / "small.md").write_text(MINIMAL, encoding="utf-8")
    code, out, _ = run_split("list", str(tmp_path))
    assert code == 0
    header, *rows = out.strip().split("\n")
    assert header.split()[:7] == ["SLUG", "LANG", "EDITIONS", "STEPS", "CAVEATS", "CHECKED", "AGE"]
    assert rows[0].split()[:6] == ["meta-ai-objection", "en-GB", "en-GB", "5", "3", "2026-11-20"]
    assert rows[0].endswith("Stop Meta using your public posts to train its AI")
    assert rows[1].split()[:6] == ["small", "en", "en", "1", "0", "2026-11-01"]


def test_list_shows_the_editions_of_a_translated_guide(tmp_path: Path) -> None:
    for edition in (FIRST_GUIDE, FIRST_GUIDE.with_name("meta-ai-objection.pl.md")):
        shutil.copy(edition, tmp_path / edition.name)
    code, out, _ = run_split("list", str(tmp_path))
    assert code == 0
    rows = out.strip().split("\n")[1:]
    assert [row.split()[:3] for row in rows] == [
        ["meta-ai-objection", "en-GB", "en-GB,pl"],
        ["meta-ai-objection.pl", "pl", "en-GB,pl"],
    ]


def test_python_dash_m_runs_the_same_command() -> None:
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "generator", "check", str(FIRST_GUIDE)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "ok (5 steps" in done.stdout


def test_naming_a_guide_twice_checks_it_once(tmp_path: Path) -> None:
    guide = tmp_path / FIRST_GUIDE.name
    shutil.copy(FIRST_GUIDE, guide)
    code, out, err = run_split("check", str(tmp_path), str(guide))
    assert code == 0, err
    assert out.count("meta-ai-objection.md: ok") == 1


def test_verify_refuses_outputs_built_from_an_older_version(tmp_path: Path) -> None:
    guide = tmp_path / "small.md"
    guide.write_text(MINIMAL, encoding="utf-8")
    out = tmp_path / "out"
    code, _, err = run_split("build", str(guide), "--out", str(out), "--format", "txt")
    assert code == 0, err
    assert run_split("verify", str(guide), "--out", str(out))[0] == 0
    guide.write_text(MINIMAL.replace("Like this.", "Like that."), encoding="utf-8")
    code, _, err = run_split("verify", str(guide), "--out", str(out))
    assert code == 1
    assert "it was built from another version of the guide" in err


def test_check_finds_what_would_stop_the_build(tmp_path: Path) -> None:
    (tmp_path / "fake.png").write_bytes(b"GIF89a not a png at all")
    (tmp_path / "huge.jpg").write_bytes(b"\xff\xd8\xff" + b"\0" * (1024 * 1024 + 10))
    guide = tmp_path / "pictures.md"
    guide.write_text(
        MINIMAL.replace(
            "Like this.",
            "Like this \U0001f984.\n\n![A fake](fake.png)\n\n![A big one](huge.jpg)\n",
        ),
        encoding="utf-8",
    )
    code, _, err = run_split("check", "--max-age", "100000", str(guide))
    assert code == 1
    assert err.splitlines() == [
        f"{guide}:10: error: the character '\U0001f984' (U+1F984 UNICORN FACE) cannot be "
        "printed: the handout's font (DejaVu Sans) has no shape for it; replace it with words "
        "or a character it has",
        f"{guide}:12: error: the picture 'fake.png' is not really a PNG or JPEG image: it is a "
        "picture (GIF); open it in an image editor and save it again as PNG or JPEG",
        f"{guide}:14: error: the picture 'huge.jpg' is 1.1 MB, too large for an email (at most "
        "1 MB): crop it to the part that matters, or save it as a JPEG about 1000 pixels wide, "
        "and use that file",
    ]


def test_a_guide_saved_with_a_capital_md_is_found_and_told_to_rename(tmp_path: Path) -> None:
    (tmp_path / "Two Step.MD").write_text(MINIMAL, encoding="utf-8")
    code, _, err = run_split("check", str(tmp_path))
    assert code == 1
    assert "the file name 'Two Step.MD' must be lower-case letters, digits and hyphens" in err


def test_verify_says_which_of_a_guides_files_are_missing(tmp_path: Path) -> None:
    guide = tmp_path / "small.md"
    guide.write_text(MINIMAL, encoding="utf-8")
    out = tmp_path / "out"
    code, _, err = run_split("build", str(guide), "--out", str(out))
    assert code == 0, err
    (out / "small.html").unlink()
    code, stdout, err = run_split("verify", str(guide), "--out", str(out))
    assert code == 0, err
    assert err.splitlines() == [
        f"{out / 'small.html'}: warning: is missing: it was not built, or was moved or deleted "
        f"since (build it with 'guide build {guide}')"
    ]
    assert [line.split(":")[0] for line in stdout.splitlines()] == [
        str(out / name) for name in ("small.pdf", "small.txt", "small.eml")
    ]
    assert run_split("verify", "--strict", str(guide), "--out", str(out))[0] == 1
    (out / "small.html").mkdir()  # something else in its place is said too
    code, _, err = run_split("verify", str(guide), "--out", str(out))
    assert code == 1
    assert f"{out / 'small.html'}: error: cannot be read: it is a folder, not a file" in err
