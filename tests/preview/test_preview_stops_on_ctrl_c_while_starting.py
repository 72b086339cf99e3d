"""Ctrl+C stops `guide preview` at any moment, even while it is still starting."""

from __future__ import annotations

import signal
import subprocess
import time
from pathlib import Path

from helpers.guides import MINIMAL
from helpers.preview import guide_command, tool_env


def test_ctrl_c_just_after_the_prompt_stops_the_preview_cleanly(tmp_path: Path) -> None:
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "small.md").write_text(MINIMAL, encoding="utf-8")
    # The first moments after the prompt are when the server and watcher are being started.
    for delay in (0.0, 0.03, 0.1):
        process = subprocess.Popen(
            guide_command("preview", "--port", "0", "--no-open"),
            cwd=tmp_path,
            env=tool_env(),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert process.stdout is not None and process.stderr is not None
        lines = [process.stdout.readline(), process.stdout.readline()]
        assert lines[1].strip() == "Press Ctrl+C to stop.", lines
        time.sleep(delay)
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
            raise AssertionError(
                f"still running 10 s after Ctrl+C (sent after {delay} s)"
            ) from None
        finally:
            errors = process.stderr.read()
            process.stdout.close()
            process.stderr.close()
        assert "Traceback" not in errors, errors
        assert process.returncode == 0, (delay, errors)
