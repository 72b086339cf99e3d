"""The web edition as readers and checkers see it: the Nu HTML checker, axe-core in Chromium at
phone and desktop widths in light and dark, a crawl that stays inside the site, the search,
reflow at 320 px, the larger-text switch, tick boxes without JavaScript, and printing."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from helpers.browser import CHROMIUM, opened
from helpers.handouts import page_texts
from helpers.site import AXE, BASE_URL, SITE_GUIDES, VNU, build_site, search_from, serve

from generator.parse import load_guide
from generator.verify.outputs import check_complete

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="needs /usr/bin/chromium")

if CHROMIUM.exists():
    from playwright.sync_api import Browser, Page

GUIDE = "lock-your-phone"
PAGES = {"index": "index.html", "guide": f"guides/{GUIDE}/index.html"}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("web") / "site"
    code, printed = build_site(SITE_GUIDES, out, "--base-url", BASE_URL)
    assert code == 0, printed
    return out


@pytest.fixture(scope="module")
def address(site: Path) -> Iterator[str]:
    with serve(site) as url:
        yield url


@pytest.mark.skipif(not VNU.exists(), reason="run: npm ci --prefix tests/web")
def test_the_nu_html_checker_finds_no_error_on_any_page(site: Path) -> None:
    pages = sorted(str(path) for path in site.rglob("*.html"))
    done = subprocess.run(
        [
            "java",
            "-jar",
            str(VNU),
            "--errors-only",
            "--also-check-css",
            "--format",
            "json",
            *pages,
            str(site / "assets" / "site.css"),
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    messages = json.loads(done.stderr or done.stdout)["messages"]
    assert [m for m in messages if m.get("type") == "error"] == [], messages
    assert len(pages) == 11


@pytest.mark.skipif(not AXE.exists(), reason="run: npm ci --prefix tests/web")
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("which", sorted(PAGES))
def test_axe_finds_no_violation(
    browser: Browser, address: str, which: str, width: int, scheme: str
) -> None:
    # axe is injected as a script of the test's own: the page's policy would refuse it.
    with opened(browser, viewport={"width": width, "height": 900}, bypass_csp=True) as page:
        page.emulate_media(color_scheme=scheme)  # type: ignore[arg-type]
        page.goto(address + PAGES[which])
        page.add_script_tag(path=str(AXE))
        result = page.evaluate(
            "axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa',"
            " 'best-practice']})"
        )
        violations = [(v["id"], [n["target"] for n in v["nodes"]]) for v in result["violations"]]
        assert violations == []


def test_a_crawl_from_the_index_reaches_everything_and_never_leaves_the_site(
    browser: Browser, address: str, site: Path
) -> None:
    requests: list[str] = []
    with opened(browser) as page:
        page.context.on("request", lambda request: requests.append(request.url))
        seen: set[str] = set()
        queue = [address + "index.html"]
        broken: list[str] = []
        while queue:
            url = queue.pop()
            if url in seen:
                continue
            seen.add(url)
            if not url.endswith(".html"):
                # A download is fetched, not shown: the browser's own PDF viewer is no page of ours.
                if not page.context.request.get(url).ok:
                    broken.append(url)
                continue
            response = page.goto(url)
            if response is None or not response.ok:
                broken.append(url)
                continue
            links = page.eval_on_selector_all(
                "a[href], link[href], script[src], img[src], form[action]",
                "els => els.map(e => e.href || e.src || e.action)",
            )
            for link in links:
                target = urljoin(url, link).split("#")[0].split("?")[0]
                if target.startswith(address) and target not in seen:
                    queue.append(target)
    assert broken == []
    files = {path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_file()}
    wanted = {f for f in files if f.endswith((".html", ".pdf", ".txt", ".png", ".css", ".js"))}
    wanted -= {f for f in wanted if f.startswith("pagefind/")}  # fetched by the search, below
    reached = {urlsplit(url).path.lstrip("/") for url in seen}
    assert wanted - reached == set()
    outside = [url for url in requests if not url.startswith(address)]
    assert outside == []


def test_the_search_finds_a_guide_by_a_word_from_one_of_its_steps(
    browser: Browser, address: str
) -> None:
    requests: list[str] = []
    with opened(browser) as page:
        page.context.on("request", lambda request: requests.append(request.url))
        titles = search_from(page, address + "index.html", "burglary")
        assert titles == ["Keep a copy of your photos"]
        # A Polish word finds the Polish guide from the English search page.
        page.goto(address + "languages/en/search.html?q=zębatego")
        page.wait_for_selector("#search-results li a", timeout=15_000)
        assert page.locator("#search-results li a").all_inner_texts() == [
            "Ustaw blokadę ekranu w telefonie"
        ]
        assert page.locator("#search-results li").first.get_attribute("lang") == "pl"
    assert [url for url in requests if not url.startswith(address)] == []


def no_sideways_scroll(page: Page) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"))


@pytest.mark.parametrize("which", sorted(PAGES))
def test_pages_reflow_at_320_pixels_and_in_larger_text(
    browser: Browser, address: str, which: str
) -> None:
    # 320 CSS pixels wide is a 1280-pixel window at 400% zoom (WCAG 1.4.10).
    with opened(browser, viewport={"width": 320, "height": 640}) as page:
        page.goto(address + PAGES[which])
        assert no_sideways_scroll(page)
        page.click("label[for=large-text]")
        assert no_sideways_scroll(page)


def body_px(page: Page) -> float:
    return float(page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)"))


def test_larger_text_is_20_pixels_or_more_and_is_remembered(browser: Browser, address: str) -> None:
    with opened(browser) as page:
        page.goto(address + PAGES["guide"])
        regular = body_px(page)
        page.click("label[for=large-text]")
        assert body_px(page) >= 20 > regular
        page.goto(address + "index.html")
        assert body_px(page) >= 20
        assert page.is_checked("#large-text")
        page.click("label[for=large-text]")
        page.reload()
        assert body_px(page) == regular


def test_without_javascript_boxes_tick_and_larger_text_works(
    browser: Browser, address: str
) -> None:
    with opened(browser, java_script_enabled=False) as page:
        page.goto(address + PAGES["guide"])
        page.click("label[for=done-2]")
        assert page.is_checked("#done-2") and not page.is_checked("#done-1")
        regular = body_px(page)
        page.click("label[for=large-text]")
        assert body_px(page) >= 20 > regular


def test_ticks_are_remembered_for_this_version_of_the_guide(browser: Browser, address: str) -> None:
    with opened(browser) as page:
        page.goto(address + PAGES["guide"])
        page.click("label[for=done-1]")
        page.click("label[for=done-3]")
        page.reload()
        assert [page.is_checked(f"#done-{n}") for n in (1, 2, 3, 4)] == [True, False, True, False]


def test_the_page_obeys_its_own_content_security_policy(browser: Browser, address: str) -> None:
    with opened(browser) as page:
        messages: list[str] = []
        page.on("console", lambda message: messages.append(message.text))
        for url in (PAGES["guide"], "languages/pl/search.html?q=telefon"):
            page.goto(address + url)
            page.wait_for_load_state("networkidle")
        assert [m for m in messages if "Content Security Policy" in m] == []
        assert page.locator("#search-results li").count() >= 1


def test_a_printed_page_has_every_step_in_order_and_no_site_furniture(
    browser: Browser, address: str
) -> None:
    guide = load_guide(SITE_GUIDES / f"{GUIDE}.md")
    with opened(browser) as page:
        page.goto(address + PAGES["guide"])
        page.emulate_media(media="print")
        data = page.pdf(format="A4")
    text = "\n".join(page_texts(data))
    assert check_complete(guide, text, Path("printed.pdf")) == []
    assert "Search the guides" not in text and "Handout for A4 paper" not in text


def test_the_search_box_keeps_the_words_searched_for(browser: Browser, address: str) -> None:
    with opened(browser) as page:
        search_from(page, address + "index.html", "burglary")
        assert page.input_value("#search-words") == "burglary"


def test_opened_from_a_disk_the_search_page_says_it_cannot_search(
    browser: Browser, site: Path
) -> None:
    with opened(browser) as page:
        page.goto((site / "languages" / "en" / "search.html").as_uri() + "?q=phone")
        page.wait_for_load_state("load")
        status = page.inner_text("#search-status")
    assert status.startswith("The search could not start in this browser.")


def test_a_step_with_a_tall_picture_still_prints_on_the_first_page(
    browser: Browser, address: str
) -> None:
    # Step 1 of the guide has a phone screenshot taller than what is left of the first page.
    with opened(browser) as page:
        page.goto(address + PAGES["guide"])
        page.emulate_media(media="print")
        data = page.pdf(format="A4")
    first = " ".join(page_texts(data)[0].split())
    assert "Step 1 of 4 Open Settings" in first and "I have done step 1" in first


@pytest.mark.parametrize("path", ["index.html", "guides/lock-your-phone.pl/index.html"])
def test_on_a_wide_screen_the_search_box_sits_beside_the_links_in_every_language(
    browser: Browser, address: str, path: str
) -> None:
    # The Polish links are longer than the English; the header must look the same.
    with opened(browser, viewport={"width": 1280, "height": 800}) as page:
        page.goto(address + path)
        links = page.locator(".site-nav ul").bounding_box()
        search = page.locator(".search-form").bounding_box()
    assert links is not None and search is not None
    assert search["x"] > links["x"] + links["width"]
