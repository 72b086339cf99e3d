"""A real ``guide preview`` process on 127.0.0.1 and a real Chromium to look at it, or a
preview served from this process."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from helpers.guides import ROOT

if TYPE_CHECKING:
    from generator.preview import PreviewRun


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


@contextmanager
def preview_here(target: Path, lines: list[str] | None = None) -> Iterator[PreviewRun]:
    """A preview of ``target`` (a guide or ``content``) served and watched in this process,
    from the current folder (``content/`` and ``guide.toml`` in it); stopped on leaving."""
    from generator.cli import _preview_settings
    from generator.preview import PreviewRun
    from generator.preview.watch import Watched

    said = lines if lines is not None else []
    watched = Watched(Path("content"), Path("guide.toml"), None, None)
    run = PreviewRun(target, _preview_settings({}), watched, port=0, report=said.append).start()
    try:
        yield run
    finally:
        run.stop()
