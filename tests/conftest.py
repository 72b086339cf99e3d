"""Shared fixtures: a frozen today, small guides written to a temporary folder."""

from __future__ import annotations

import datetime as dt
import os
import ssl
import tempfile
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from helpers.guides import TODAY
from helpers.mailserver import Mailbox, MailServer

# Compiled templates go to a throwaway folder, not the user's cache.
os.environ["GUIDE_CACHE_DIR"] = tempfile.mkdtemp(prefix="guide-cache-")
# The ledger of deliveries too: never the user's own, and (below) a fresh one for each test.
os.environ["GUIDE_STATE_DIR"] = tempfile.mkdtemp(prefix="guide-state-")


@pytest.fixture(autouse=True)
def frozen_today(monkeypatch: pytest.MonkeyPatch) -> dt.date:
    """Every test, and every ``guide`` process it starts, takes TODAY as today."""
    from generator import clock

    monkeypatch.setenv(clock.TODAY, TODAY.isoformat())
    return TODAY


@pytest.fixture(autouse=True)
def state_folder(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test starts with an empty ledger of deliveries, outside its own tmp_path."""
    folder = tmp_path_factory.mktemp("state")
    monkeypatch.setenv("GUIDE_STATE_DIR", str(folder))
    return folder


@pytest.fixture
def write_guide(tmp_path: Path) -> Callable[..., Path]:
    """Write guide text (dedented) to tmp_path/<name> and return its path."""

    def write(text: str, name: str = "sample.md") -> Path:
        path = tmp_path / name
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    return write


@pytest.fixture(scope="session")
def tls() -> tuple[ssl.SSLContext, ssl.SSLContext]:
    """A throwaway certificate for 127.0.0.1: (server context, client context trusting it)."""
    import trustme

    authority = trustme.CA()
    server = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    authority.issue_cert("127.0.0.1", "localhost").configure_cert(server)
    client = ssl.create_default_context()
    authority.configure_trust(client)
    return server, client


@pytest.fixture
def mail_server() -> Iterator[Callable[..., MailServer]]:
    """Start aiosmtpd servers on ephemeral ports; all are stopped after the test."""
    started: list[MailServer] = []

    def start(mailbox: Mailbox | None = None, **options: Any) -> MailServer:
        server = MailServer(mailbox or Mailbox(), **options).start()
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Debian's Chromium driven by Playwright (``helpers.browser``), one per test module; the
    test is skipped where /usr/bin/chromium is missing."""
    from helpers.browser import CHROMIUM, chromium

    if not CHROMIUM.exists():
        pytest.skip("needs /usr/bin/chromium")
    with chromium() as started:
        yield started
