"""Debian's Chromium, driven by Playwright (never a downloaded browser: no `playwright install`).

The ``browser`` fixture (``tests/conftest.py``) starts one for each test module that asks for
it, and skips the module's browser tests where ``/usr/bin/chromium`` is missing.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@contextmanager
def chromium() -> Iterator[Browser]:
    """Chromium, started for as long as the block runs."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@contextmanager
def opened(browser: Browser, **options: Any) -> Iterator[Page]:
    """A page in a browser context of its own (fresh storage, these options), closed after."""
    context = browser.new_context(**options)
    try:
        yield context.new_page()
    finally:
        context.close()
