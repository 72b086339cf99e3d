"""Compiled templates are kept between runs, and an edited template is never served stale."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from helpers.guides import ROOT


def build_text(guide: Path, out: Path, cache: Path, templates: Path) -> str:
    env = {**os.environ, "GUIDE_CACHE_DIR": str(cache)}
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "generator",
            "build",
            str(guide),
            "--out",
            str(out),
            "--format",
            "txt",
            "--templates",
            str(templates),
        ],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return (out / "small.txt").read_text("utf-8")


def test_cache_is_filled_and_an_edited_template_is_used_at_once(tmp_path: Path) -> None:
    from helpers.guides import MINIMAL

    guide = tmp_path / "small.md"
    guide.write_text(MINIMAL, encoding="utf-8")
    templates = tmp_path / "templates" / "email"
    templates.mkdir(parents=True)
    override = templates / "guide.txt"
    override.write_text(
        '{% extends "email/base.txt" %}{% block footer %}FIRST {{ guide.version }}{% endblock %}'
    )
    cache = tmp_path / "cache"
    assert "FIRST" in build_text(guide, tmp_path / "a", cache, tmp_path / "templates")
    assert list((cache / "templates").glob("*.cache")), "compiled templates were not kept"
    override.write_text(
        '{% extends "email/base.txt" %}{% block footer %}SECOND {{ guide.version }}{% endblock %}'
    )
    text = build_text(guide, tmp_path / "b", cache, tmp_path / "templates")
    assert "SECOND" in text and "FIRST" not in text


def test_an_unwritable_cache_folder_is_not_a_failure(tmp_path: Path) -> None:
    from helpers.guides import MINIMAL

    guide = tmp_path / "small.md"
    guide.write_text(MINIMAL, encoding="utf-8")
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder would go")
    templates = tmp_path / "none"
    templates.mkdir()
    assert "Step 1 of 1" in build_text(guide, tmp_path / "out", blocker, templates)
