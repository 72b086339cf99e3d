"""Ctrl+C stops `guide preview` within seconds, even while a slow or silent client of this
computer holds a connection open half-way through a request."""

from __future__ import annotations

import signal
import socket
import subprocess
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

from helpers.guides import MINIMAL
from helpers.preview import preview_process


def _trickle(client: socket.socket) -> None:
    try:
        while True:
            time.sleep(1)
            client.sendall(b"x")
    except OSError:
        return  # cut by the preview stopping, or closed by the test


def test_ctrl_c_stops_the_preview_while_slow_clients_hold_connections(tmp_path: Path) -> None:
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "small.md").write_text(MINIMAL, encoding="utf-8")
    clients: list[socket.socket] = []
    with preview_process(tmp_path) as (address, process):
        url = urlsplit(address)
        try:
            for start in (
                b"GET ",  # a request line that never ends
                f"GET {url.path} HTTP/1.1\r\nHost: {url.netloc}\r\n".encode(),  # nor its headers
                f"GET {url.path}events HTTP/1.1\r\nHost: {url.netloc}\r\n\r\n".encode(),
            ):
                client = socket.create_connection((url.hostname or "", url.port or 0), timeout=5)
                client.sendall(start)
                clients.append(client)
            for client in clients[:2]:
                # Still there, and still slow: a byte a second, within any wait for a silent one.
                threading.Thread(target=_trickle, args=(client,), daemon=True).start()
            time.sleep(1.5)
            process.send_signal(signal.SIGINT)
            asked = time.monotonic()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                raise AssertionError("still running 10 s after Ctrl+C") from None
            took = time.monotonic() - asked
        finally:
            for client in clients:
                client.close()
        assert process.stderr is not None
        errors = process.stderr.read()
        assert "Traceback" not in errors, errors
        assert process.returncode == 0, errors
        assert took < 3, f"{took:.1f} s after Ctrl+C"
