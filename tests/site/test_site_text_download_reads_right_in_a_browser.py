"""The plain text a guide's page offers reads right when a browser opens it from a web host that
does not say the file is UTF-8 (most hosts, and Python's own server, say only text/plain)."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.browser import CHROMIUM
from helpers.site import SITE_GUIDES, build_site, serve

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="needs /usr/bin/chromium")

if CHROMIUM.exists():
    from playwright.sync_api import Browser


def test_a_polish_text_download_shows_its_own_letters(browser: Browser, tmp_path: Path) -> None:
    out = tmp_path / "site"
    code, printed = build_site(SITE_GUIDES / "lock-your-phone.pl.md", out)
    assert code == 0, printed
    with serve(out) as address:
        page = browser.new_page()
        try:
            response = page.goto(address + "guides/lock-your-phone.pl/lock-your-phone.pl.txt")
            assert response is not None
            assert "charset" not in response.headers["content-type"]
            shown = page.inner_text("body")
        finally:
            page.close()
    assert shown.startswith("Ustaw blokadę ekranu w telefonie\n")
    assert "Sprawdzono 5 października 2026" in shown
