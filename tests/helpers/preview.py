"""A real ``guide preview`` process on 127.0.0.1 and a real Chromium to look at it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from helpers.guides import ROOT


def guide_command(*args: str) -> list[str]:
    """The tool from this checkout, as a fresh process."""
    return [sys.executable, "-m", "generator", *args]


def tool_env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT), "LANGUAGE": "en"}


@contextmanager
def preview_process(folder: Path, *args: str) -> Iterator[tuple[str, subprocess.Popen[str]]]:
    """Start ``guide preview ARGS --port 0 --no-open`` in ``folder``; yield its address.

    On leaving, the process gets Ctrl+C and must stop by itself, cleanly, within seconds.
    """
    process = subprocess.Popen(
        guide_command("preview", *args, "--port", "0", "--no-open"),
        cwd=folder,
        env=tool_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        first = process.stdout.readline()
        assert " at http://127.0.0.1:" in first, first + (
            process.stderr.read() if process.stderr else ""
        )
        yield first.rsplit(" at ", 1)[1].strip(), process
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=15)
        finally:
            if process.returncode is None:
                process.kill()
                process.wait()
            for stream in (process.stdout, process.stderr):
                if stream is not None:
                    stream.close()
