"""The one runner of the ``guide`` command in the tests: in this process, as a user types it."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
import time
from collections.abc import Mapping
from pathlib import Path

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


def run_on_a_terminal(*args: str, typed: bytes, cwd: Path) -> tuple[int, str]:
    """``guide ARGS`` in a process of its own on a real terminal (a pty), answering its prompts
    with ``typed``: the exit code and everything the terminal showed."""
    root = Path(__file__).resolve().parents[2]
    controller, terminal = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", *args],
        cwd=cwd,
        env={**os.environ, "PYTHONPATH": str(root), "LANGUAGE": "en"},
        stdin=terminal,
        stdout=terminal,
        stderr=terminal,
    )
    os.close(terminal)
    os.write(controller, typed)
    shown = b""
    deadline = time.monotonic() + TERMINAL_SECONDS
    # A command still waiting at a prompt after that is stopped, so a failing test ends.
    while (left := deadline - time.monotonic()) > 0:
        if not select.select([controller], [], [], left)[0]:
            break
        try:
            chunk = os.read(controller, 4096)
        except OSError:
            break
        if not chunk:
            break
        shown += chunk
    os.close(controller)
    if process.poll() is None:
        process.kill()
    return process.wait(timeout=5), shown.decode(errors="replace")


TERMINAL_SECONDS = 30
"""The longest a command on a terminal may take, prompts answered, before it is stopped."""
