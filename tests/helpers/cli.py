"""The one runner of the ``guide`` command in the tests: in this process, as a user types it."""

from __future__ import annotations

from collections.abc import Mapping

from click.testing import CliRunner, Result

from generator.cli import cli


def invoke(
    *args: str,
    env: Mapping[str, str] | None = None,
    input: str | None = None,
    terminal_width: int | None = None,
) -> Result:
    """Run ``guide ARGS``; a traceback fails the test (bad input must get a message)."""
    runner = CliRunner(env=dict(env) if env else None)
    result = runner.invoke(cli, list(args), input=input, terminal_width=terminal_width)
    assert not isinstance(result.exception, Exception) or isinstance(
        result.exception, SystemExit
    ), result.exception
    return result


def run(
    *args: str, env: Mapping[str, str] | None = None, input: str | None = None
) -> tuple[int, str]:
    """The exit code and everything printed (stdout, then stderr)."""
    result = invoke(*args, env=env, input=input)
    return result.exit_code, result.stdout + result.stderr


def run_split(
    *args: str, env: Mapping[str, str] | None = None, input: str | None = None
) -> tuple[int, str, str]:
    """The exit code, what went to stdout and what went to stderr."""
    result = invoke(*args, env=env, input=input)
    return result.exit_code, result.stdout, result.stderr
