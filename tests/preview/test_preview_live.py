"""`guide preview` in a real browser: the page follows the guide on disk without a reload."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from helpers.browser import CHROMIUM
from helpers.preview import guide_command, preview_process, tool_env

# The starter guide `guide new` writes fits on one A4 page.
STARTER_PAGES = 1

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="needs /usr/bin/chromium")

if CHROMIUM.exists():
    from playwright.sync_api import Browser, Page, expect


@pytest.fixture
def new_guide(tmp_path: Path) -> Path:
    """A guide just written by `guide new`, in tmp_path/content/."""
    subprocess.run(
        guide_command("new", "lock-your-phone", "--title", "Lock your phone"),
        cwd=tmp_path,
        env=tool_env(),
        check=True,
        capture_output=True,
    )
    return tmp_path / "content" / "lock-your-phone.md"


def open_page(browser: Browser, url: str) -> Page:
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(url)
    expect(page.locator("#title")).to_have_text("Lock your phone", timeout=15_000)
    # A mark that a reload would wipe out.
    page.evaluate("window.notReloaded = true")
    return page


def test_the_page_follows_edits_breakage_and_the_fix_without_a_reload(
    browser: Browser, new_guide: Path
) -> None:
    with preview_process(new_guide.parent.parent, "content/lock-your-phone.md") as (url, _):
        page = open_page(browser, url)
        expect(page.locator("#pages img")).to_have_count(STARTER_PAGES, timeout=10_000)
        phone = page.frame_locator("#phone")
        expect(phone.locator("body")).to_contain_text("Lock your phone")
        expect(page.locator("#text")).to_contain_text("Step 1 of 2")
        # Not "ready" while the starter's example text is there: each part is named.
        problems = page.locator("#problems")
        expect(problems).to_contain_text(
            "lock-your-phone.md:19: warning: step 1 still has the example text from 'guide new'"
        )
        expect(problems).not_to_contain_text("ready")

        text = new_guide.read_text(encoding="utf-8")
        new_guide.write_text(text.replace("Lock your phone", "Lock your phone with a PIN"))
        expect(page.locator("#title")).to_have_text("Lock your phone with a PIN", timeout=10_000)
        expect(phone.locator("body")).to_contain_text("Lock your phone with a PIN")

        fixed = new_guide.read_text(encoding="utf-8")
        new_guide.write_text(fixed.replace("## Caveats", "#### Caveats"))
        line = fixed.split("\n").index("## Caveats") + 1
        error = page.locator("#problems li.error")
        expect(error).to_contain_text(f"lock-your-phone.md:{line}: error:", timeout=10_000)
        # The last good preview stays, marked out of date.
        expect(page.locator("#stale")).to_be_visible()
        expect(page.locator("#title")).to_have_text("Lock your phone with a PIN")
        expect(page.locator("#pages img")).to_have_count(STARTER_PAGES)

        new_guide.write_text(fixed)
        expect(page.locator("#problems li.error")).to_have_count(0, timeout=10_000)
        expect(page.locator("#stale")).to_be_hidden()
        expect(problems).to_contain_text("step 1 still has the example text")
        assert page.evaluate("window.notReloaded") is True
        page.close()


def test_switches_show_letter_and_large_print_pages(browser: Browser, new_guide: Path) -> None:
    with preview_process(new_guide.parent.parent, "content/lock-your-phone.md") as (url, _):
        page = open_page(browser, url)
        first = page.locator("#pages img").first
        expect(first).to_have_attribute("src", re.compile(r"paper=a4&large=0"), timeout=10_000)
        a4 = page.evaluate("document.querySelector('#pages img').naturalHeight")
        page.check("input[name=paper][value=letter]")
        expect(first).to_have_attribute("src", re.compile(r"paper=letter"), timeout=10_000)
        page.check("input[name=large][value='1']")
        expect(page.locator("#pages img").first).to_have_attribute(
            "src", re.compile(r"paper=letter&large=1"), timeout=10_000
        )
        # The email frames follow the print-size switch: the large-print email's bigger text.
        phone = page.locator("#phone")
        expect(phone).to_have_attribute("src", re.compile(r"paper=letter&large=1"))
        summary = page.frame_locator("#phone").locator("p.summary")
        expect(summary).to_have_css("font-size", "24px", timeout=10_000)
        letter = page.evaluate("document.querySelector('#pages img').naturalHeight")
        # Letter is shorter than A4 (11 in against 11.7 in).
        assert letter < a4
        pages = page.locator("#pages img").count()
        assert pages >= 2  # large print takes more room
        page.close()


@pytest.mark.parametrize("large", [False, True])
def test_on_a_phone_the_preview_is_no_wider_than_the_screen(
    browser: Browser, new_guide: Path, large: bool
) -> None:
    with preview_process(new_guide.parent.parent, "content/lock-your-phone.md") as (url, _):
        page = browser.new_page(viewport={"width": 375, "height": 800})
        errors: list[str] = []
        page.on(
            "console",
            lambda message: errors.append(message.text) if message.type == "error" else None,
        )
        page.goto(url)
        expect(page.locator("#title")).to_have_text("Lock your phone", timeout=15_000)
        if large:
            page.check("input[name=large][value='1']")
        expect(page.locator("#pages img").first).to_have_attribute(
            "src", re.compile(f"large={int(large)}"), timeout=10_000
        )
        expect(page.frame_locator("#desktop").locator("h1")).to_contain_text("Lock your phone")
        # The computer's 600 px email is shown whole, scaled down to the screen.
        page.wait_for_function("document.getElementById('desktop').style.transform !== ''")
        assert page.evaluate("document.documentElement.scrollWidth") <= 375
        for selector in ("#pages img", "#phone", "#desktop", "#text", "header"):
            box = page.locator(selector).first.bounding_box()
            assert box is not None, selector
            assert box["x"] >= 0 and box["x"] + box["width"] <= 375, (selector, box)
        # The desktop email keeps its own width inside the frame: it is not re-flowed.
        inner = page.frame_locator("#desktop").locator("html")
        assert inner.evaluate("element => element.clientWidth") >= 590
        # What a browser asks of the server's front door on its own: no error.
        origin = "/".join(url.split("/")[:3])
        assert page.request.get(origin + "/favicon.ico").status == 204
        assert errors == []
        page.close()


def test_a_folder_lists_its_guides_to_choose_from(
    browser: Browser, new_guide: Path, tmp_path: Path
) -> None:
    shutil.copy(new_guide, new_guide.with_name("second-guide.md"))
    with preview_process(tmp_path) as (url, _):
        page = browser.new_page()
        page.goto(url)
        links = page.locator("li a")
        expect(links).to_have_text(["lock-your-phone.md", "second-guide.md"])
        links.nth(1).click()
        expect(page.locator("#title")).to_have_text("Lock your phone", timeout=15_000)
        expect(page.locator(".file")).to_contain_text("second-guide.md")
        expect(page.locator("#pages img")).to_have_count(STARTER_PAGES, timeout=10_000)
        # Deleting the open guide says so, and marks what is still shown as out of date.
        new_guide.with_name("second-guide.md").unlink()
        expect(page.locator("#problems li.error")).to_have_text(
            f"{Path('content') / 'second-guide.md'}: error: there is no such file or folder",
            timeout=10_000,
        )
        expect(page.locator("#stale")).to_be_visible()
        page.close()


def test_a_page_opened_while_the_guide_is_broken_shows_the_last_good_version(
    browser: Browser, new_guide: Path
) -> None:
    with preview_process(new_guide.parent.parent, "content/lock-your-phone.md") as (url, _):
        first = open_page(browser, url)
        expect(first.locator("#pages img")).to_have_count(STARTER_PAGES, timeout=10_000)
        text = new_guide.read_text(encoding="utf-8")
        new_guide.write_text(text.replace("checked: ", "checked: 20"))
        expect(first.locator("#stale")).to_be_visible(timeout=10_000)
        later = browser.new_page()
        later.goto(url)
        expect(later.locator("#problems li.error")).to_contain_text(
            "lock-your-phone.md:5: error:", timeout=10_000
        )
        expect(later.locator("#stale")).to_be_visible()
        expect(later.locator("#pages img")).to_have_count(STARTER_PAGES, timeout=10_000)
        later.close()
        first.close()


def test_a_guide_broken_from_the_start_shows_its_error_until_fixed(
    browser: Browser, new_guide: Path
) -> None:
    text = new_guide.read_text(encoding="utf-8")
    new_guide.write_text(text.replace("## Steps", "## Stepz"))
    with preview_process(new_guide.parent.parent, "content/lock-your-phone.md") as (url, _):
        page = browser.new_page()
        page.goto(url)
        expect(page.locator("#problems li.error").first).to_contain_text(
            "lock-your-phone.md:16: error: '## Stepz' is not a section name", timeout=15_000
        )
        expect(page.locator("#nothing")).to_be_visible()
        expect(page.locator("#stale")).to_be_hidden()
        new_guide.write_text(text)
        expect(page.locator("#title")).to_have_text("Lock your phone", timeout=10_000)
        expect(page.locator("#nothing")).to_be_hidden()
        expect(page.locator("#pages img")).to_have_count(STARTER_PAGES)
        page.close()


def test_another_site_in_the_same_browser_cannot_show_the_guides_pages(
    browser: Browser, new_guide: Path, tmp_path: Path
) -> None:
    """Even knowing the run's address, a page served elsewhere gets no picture of a page."""
    import functools
    import http.server
    import threading

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    with preview_process(new_guide.parent.parent, "content/lock-your-phone.md") as (url, _):
        own = open_page(browser, url)
        expect(own.locator("#pages img")).to_have_count(STARTER_PAGES, timeout=10_000)
        picture = url + "g/lock-your-phone.md/page-1.png"
        (elsewhere / "index.html").write_text(
            f'<!doctype html><img id="probe" src="{picture}"><p id="done">waiting</p>'
            '<script>const probe = document.getElementById("probe");'
            'probe.onload = () => { document.getElementById("done").textContent = "loaded"; };'
            'probe.onerror = () => { document.getElementById("done").textContent = "refused"; };'
            "</script>"
        )
        handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(elsewhere))
        with http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler) as server:
            threading.Thread(target=server.serve_forever, daemon=True).start()
            # "localhost" is another site than the preview's 127.0.0.1 to the browser.
            other = browser.new_page()
            other.goto(f"http://localhost:{server.server_address[1]}/index.html")
            expect(other.locator("#done")).to_have_text("refused", timeout=10_000)
            assert other.evaluate("document.getElementById('probe').naturalWidth") == 0
            other.close()
            server.shutdown()
        # The preview's own page still shows its pictures.
        expect(own.locator("#pages img").first).to_have_js_property("complete", True)
        assert own.evaluate("document.querySelector('#pages img').naturalWidth") > 0
        own.close()
