"""A build loads only what it uses: every library it imports is paid for on every cold start."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from helpers.guides import ROOT

from generator import clock

BUNDLED = ROOT / "tests" / "data" / "meta-ai-objection.md"
WITH_LINKS = ROOT / "tests" / "data" / "rich.md"
UNUSED = ("pypdf", "reportlab.graphics.barcode", "importlib.metadata")
"""Joining PDFs (workshops only), ReportLab's QR encoder, the installed-package scan."""


def loaded_by(args: list[str], cwd: Path) -> set[str]:
    """The modules a real ``guide`` command has imported by its end."""
    code = (
        "import sys, runpy\n"
        f"sys.argv = ['guide', *{args!r}]\n"
        "try:\n"
        "    runpy.run_module('generator', run_name='__main__')\n"
        "except SystemExit as exit:\n"
        "    assert not exit.code, exit.code\n"
        "print(' '.join(sorted(sys.modules)), file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=True,
        # Its own ledger too: a send recorded in the user's would be skipped, reading nothing.
        env={
            "PYTHONPATH": str(ROOT),
            "PATH": "/usr/bin:/bin",
            "GUIDE_CACHE_DIR": str(cwd),
            "GUIDE_STATE_DIR": str(cwd / "state"),
            clock.TODAY: os.environ[clock.TODAY],
        },
    )
    return set(done.stderr.strip().splitlines()[-1].split())


@pytest.mark.parametrize("guide", [BUNDLED, WITH_LINKS], ids=["no links", "links"])
def test_a_build_reads_its_pdf_back_without_pypdf(guide: Path, tmp_path: Path) -> None:
    loaded = loaded_by(["build", str(guide), "--out", str(tmp_path / "out")], tmp_path)
    assert "pypdfium2" in loaded
    assert not loaded & set(UNUSED)
    # The QR encoder is loaded only for a handout that has a link to print as a code.
    assert ("segno" in loaded) == (guide == WITH_LINKS)


def test_guide_send_reads_its_messages_back_without_pypdf(tmp_path: Path) -> None:
    people = tmp_path / "people.csv"
    people.write_text("email\nmum@example.com\n", encoding="utf-8")
    command = ["send", str(BUNDLED), "--to", str(people), "--from", "anna@example.net"]
    loaded = loaded_by([*command, "--outbox", str(tmp_path / "outbox")], tmp_path)
    assert "pypdfium2" in loaded
    assert not loaded & set(UNUSED)
