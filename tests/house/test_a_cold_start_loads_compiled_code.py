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
