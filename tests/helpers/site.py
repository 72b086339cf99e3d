"""A web edition built from the test guides in tests/data/site/, and a loopback server for it."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from helpers.cli import run
from helpers.guides import DATA, ROOT

if TYPE_CHECKING:
    from playwright.sync_api import Page

SITE_GUIDES = DATA / "site"
"""Six guides in two languages (two with a Polish edition), one with a picture."""
BASE_URL = "https://library.example.org/safety/"
WEB = ROOT / "tests" / "web" / "node_modules"
"""Where .ci/run installs the Nu HTML checker and axe-core (tests/web/package.json)."""
VNU = WEB / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE = WEB / "axe-core" / "axe.min.js"


def copy_guides(folder: Path) -> Path:
    """The test guides copied into ``folder``/content, to change one without touching the data."""
    content = folder / "content"
    shutil.copytree(SITE_GUIDES, content)
    return content


def build_site(content: Path, out: Path, *extra: str) -> tuple[int, str]:
    """``guide site CONTENT --out OUT EXTRA...``: its exit code and everything it printed."""
    return run("site", str(content), "--out", str(out), "--jobs", "1", *extra)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Serve ``folder`` on 127.0.0.1 (any free port) while inside; yields its address."""
    handler = functools.partial(_Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def search_from(page: Page, address: str, words: str) -> list[str]:
    """Type words into the search box of the page at ``address`` and press Search: the titles
    of the guides found."""
    page.goto(address)
    page.fill("#search-words", words)
    page.click("form[role=search] button")
    page.wait_for_selector("#search-results li a", timeout=15_000)
    return page.locator("#search-results li a").all_inner_texts()
