"""README's quick start is two commands that work on a fresh Debian or Ubuntu machine, where
``pip install`` outside a virtual environment is refused, and CI runs that very text."""

from __future__ import annotations

import subprocess

from helpers.guides import ROOT


def quick_start() -> list[str]:
    """The commands CI runs, as ``.ci/quick-start`` takes them from README.md."""
    printed = subprocess.run(
        ["bash", str(ROOT / ".ci" / "quick-start"), "--print"],
        capture_output=True,
        text=True,
        check=True,
    )
    return printed.stdout.splitlines()


def test_the_quick_start_is_two_commands_that_install_into_a_virtual_environment() -> None:
    first, second = quick_start()
    steps = [step.strip() for step in first.split("&&")]
    # A virtual environment, made and entered before anything is installed.
    assert steps[:2] == ["python3 -m venv .venv", ". .venv/bin/activate"]
    assert steps[2:] == ["pip install .", "guide build"]
    assert second == 'pip install -e ".[test]" && pytest'
    for command in (first, second):
        assert "--break-system-packages" not in command and "sudo" not in command


def test_ci_runs_the_readme_text_from_a_fresh_clone() -> None:
    run = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert 'step bash .ci/quick-start "$clone"' in run
    script = (ROOT / ".ci" / "quick-start").read_text(encoding="utf-8")
    assert 'git clone -q . "$folder"' in script
    # Nothing in CI installs the project any other way first.
    assert "pip install" not in run
