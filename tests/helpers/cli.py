"""Running the `guide` command in-process and reading what a user would see."""

from __future__ import annotations

from click.testing import CliRunner

from generator.cli import cli


def run(*args: str) -> tuple[int, str]:
    """The exit code and everything printed (stdout, then stderr); a traceback fails the test."""
    result = CliRunner().invoke(cli, list(args))
    assert not isinstance(result.exception, Exception) or isinstance(
        result.exception, SystemExit
    ), result.exception
    return result.exit_code, result.stdout + result.stderr
