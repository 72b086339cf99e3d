"""Everyday use of the command line: whole summaries in --help, completion, empty folders."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from helpers.cli import invoke
from helpers.guides import ROOT

from generator.cli import cli


def test_help_shows_every_command_summary_in_full() -> None:
    result = invoke("--help", terminal_width=80)
    commands = result.output.split("Commands:\n", 1)[1].splitlines()
    assert [line.split()[0] for line in commands] == sorted(cli.commands)
    for line in commands:
        name = line.split()[0]
        assert "..." not in line
        assert line.split(None, 1)[1] == cli.commands[name].get_short_help_str(limit=1000)
        assert len(line) <= 80


def test_the_shell_completes_command_names_and_options() -> None:
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "_GUIDE_COMPLETE": "bash_complete",
        "COMP_WORDS": "guide pre",
        "COMP_CWORD": "1",
    }
    done = subprocess.run(
        [sys.executable, "-m", "generator"], env=env, capture_output=True, text=True, check=True
    )
    assert done.stdout.split() == ["plain,preview"]


def test_list_on_an_empty_folder_says_so_in_one_line(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    result = invoke("list", str(tmp_path / "empty"))
    assert result.exit_code == 1
    assert result.stdout == ""  # no table header with nothing under it
    assert result.stderr.splitlines() == [
        f"{tmp_path / 'empty'}: error: no guides found here (guides are .md files)"
    ]
