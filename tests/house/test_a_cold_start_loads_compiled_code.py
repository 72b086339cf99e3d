"""A cold start runs compiled code: the tool's modules are kept compiled however it is
installed, and the costly patterns of its libraries are compiled only when used."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from helpers.guides import ROOT


def test_the_tools_modules_are_kept_compiled_even_under_pythondontwritebytecode(
    tmp_path: Path,
) -> None:
    # A copy of the package, as an editable install has it: no compiled modules yet.
    shutil.copytree(
        ROOT / "generator",
        tmp_path / "generator",
        ignore=shutil.ignore_patterns("__pycache__", "fonts", "templates", "locale"),
    )
    subprocess.run(
        [sys.executable, "-c", "import generator.cli"],
        cwd=tmp_path,
        env={"PATH": "/usr/bin:/bin", "PYTHONDONTWRITEBYTECODE": "1"},
        check=True,
    )
    kept = {path.name.split(".")[0] for path in (tmp_path / "generator").rglob("*.pyc")}
    assert {"cli", "clock"} <= kept


DEFERRED = """
import re
import generator.render.pdf.document
from reportlab.platypus import paragraph
print(paragraph.uri_pat.compiled is None)
address = "https://example.org/help/a-long-page/about-settings"
eager = re.compile(paragraph.uri_pat.pattern, paragraph.uri_pat.flags)
first = ("https://example.org/help/a-long-page/", "about-settings")
print(paragraph._uri_split_pairs(address)[0] == first
      and eager.match(address).groups() == paragraph.uri_pat.match(address).groups())
"""


def test_reportlabs_address_pattern_is_compiled_only_when_an_address_is_cut() -> None:
    done = subprocess.run(
        [sys.executable, "-c", DEFERRED],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    # Not compiled by loading the typesetter; once used, it matches as ReportLab's own.
    assert done.stdout.split() == ["True", "True"]
