"""A site whose own language has no guide in it (a Welsh library's site of English guides) has
no empty list of guides and no link to one, and its search, from any page, finds the guides."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.browser import CHROMIUM, opened
from helpers.site import BASE_URL, SITE_GUIDES, build_site, search_from, serve

if CHROMIUM.exists():
    from playwright.sync_api import Browser


@pytest.fixture(scope="module")
def welsh_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("welsh") / "site"
    code, printed = build_site(SITE_GUIDES, out, "--lang", "cy", "--base-url", BASE_URL)
    assert code == 0, printed
    return out


def test_there_is_no_empty_list_of_guides_and_no_link_to_one(welsh_site: Path) -> None:
    assert not (welsh_site / "languages" / "cy" / "index.html").exists()
    assert (welsh_site / "languages" / "cy" / "search.html").is_file()
    for page in sorted(welsh_site.rglob("*.html")):
        assert "languages/cy/index.html" not in page.read_text(encoding="utf-8"), page
    sitemap = (welsh_site / "sitemap.xml").read_text(encoding="utf-8")
    assert BASE_URL + "languages/cy/" not in sitemap and BASE_URL + "languages/pl/" in sitemap


@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs /usr/bin/chromium")
def test_the_search_from_the_index_finds_a_guide_in_another_language(
    browser: Browser, welsh_site: Path
) -> None:
    with serve(welsh_site) as address, opened(browser) as page:
        titles = search_from(page, address + "index.html", "burglary")
        assert titles == ["Keep a copy of your photos"]
        # Every language's search page finds it too.
        assert search_from(page, address + "languages/pl/index.html", "burglary") == titles
