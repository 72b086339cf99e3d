"""`guide site`: a page per guide and language, complete, with its downloads, an index, a page
per language, a feed and (with --base-url) a sitemap; nothing on any page loads from elsewhere."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree
from html.parser import HTMLParser
from pathlib import Path

import pytest
from helpers.handouts import page_texts
from helpers.site import BASE_URL, SITE_GUIDES, build_site

from generator.parse import load_guide


class Elements(HTMLParser):
    """Every start tag of a page with its attributes, and its visible text."""

    def __init__(self, markup: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.text: list[str] = []
        self.feed(markup)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {name: value or "" for name, value in attrs}))

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def all(self, tag: str, **wanted: str) -> list[dict[str, str]]:
        return [
            attrs
            for name, attrs in self.tags
            if name == tag and all(attrs.get(k.replace("_", "-")) == v for k, v in wanted.items())
        ]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site") / "site"
    code, printed = build_site(
        SITE_GUIDES, out, "--base-url", BASE_URL, "--org", "Kingsbridge Library"
    )
    assert code == 0, printed
    return out


def page(site: Path, name: str) -> str:
    return (site / "guides" / name / "index.html").read_text(encoding="utf-8")


def test_every_guide_edition_has_a_complete_page_in_its_own_language(site: Path) -> None:
    for source in sorted(SITE_GUIDES.glob("*.md")):
        guide = load_guide(source)
        markup = page(site, guide.name)
        found = Elements(markup)
        assert found.all("html")[0]["lang"] == guide.lang
        assert found.all("html")[0]["dir"] == "ltr"
        # Every step in order, each a list item of one ordered list with its number and a box.
        steps = re.findall(r'<li class="step" id="step-(\d+)">\s*<h3>(.*?)</h3>', markup, re.S)
        assert [int(number) for number, _ in steps] == [s.number for s in guide.steps]
        for (number, heading), step in zip(steps, guide.steps, strict=True):
            assert step.title in heading and number in heading
        boxes = found.all("input", type="checkbox")
        labels = {attrs["for"] for attrs in found.all("label")}
        assert {f"done-{s.number}" for s in guide.steps} <= {b["id"] for b in boxes} & labels
        for caveat in guide.caveats:
            assert caveat.title in markup
        assert len(found.all("main")) == 1 and found.all("a", href="#main")
        assert guide.version in "".join(found.text)
        # "Checked on" comes before the first step.
        assert markup.index("Checked on" if guide.lang != "pl" else "Sprawdzono") < markup.index(
            'class="step"'
        )


def test_editions_of_one_guide_link_to_each_other_with_hreflang(site: Path) -> None:
    english = Elements(page(site, "lock-your-phone"))
    alternates = {
        a["hreflang"]: a["href"] for a in english.all("link", rel="alternate") if "hreflang" in a
    }
    assert alternates == {
        "en-GB": BASE_URL + "guides/lock-your-phone/",
        "pl": BASE_URL + "guides/lock-your-phone.pl/",
    }
    switch = english.all("a", hreflang="pl")
    assert switch == [
        {"href": "../../guides/lock-your-phone.pl/index.html", "hreflang": "pl", "lang": "pl"}
    ]
    alone = Elements(page(site, "back-up-your-photos"))
    assert not [a for a in alone.all("link", rel="alternate") if "hreflang" in a]


def test_a_page_says_what_a_shared_link_shows(site: Path) -> None:
    found = Elements(page(site, "spot-a-fake-parcel-text.pl"))
    meta = {a.get("property") or a.get("name"): a.get("content") for a in found.all("meta")}
    assert meta["og:title"] == "Rozpoznaj fałszywy SMS o paczce"
    assert meta["og:description"].startswith("Trzy sprawdzenia")
    assert meta["description"] == meta["og:description"]
    assert meta["og:url"] == BASE_URL + "guides/spot-a-fake-parcel-text.pl/"
    assert meta["og:locale"] == "pl_PL"


def test_every_page_forbids_loading_anything_from_elsewhere(site: Path) -> None:
    pages = sorted(site.rglob("*.html"))
    assert len(pages) == 6 + 1 + 2 * 2  # guides, index, a page and a search page per language
    for path in pages:
        found = Elements(path.read_text(encoding="utf-8"))
        policy = found.all("meta", http_equiv="Content-Security-Policy")[0]["content"]
        assert "default-src 'none'" in policy and "script-src 'self'" in policy
        for tag, attrs in found.tags:
            assert "style" not in attrs, (path, tag)
            for name in ("src", "href", "action"):
                value = attrs.get(name, "")
                if value.startswith(("http:", "https:", "//")):
                    # Only links a reader follows, and the page's own address on the web.
                    assert tag == "a" or value.startswith(BASE_URL), (path, tag, value)


def test_downloads_are_every_handout_and_the_text_each_complete(site: Path) -> None:
    guide = load_guide(SITE_GUIDES / "lock-your-phone.pl.md")
    folder = site / "guides" / guide.name
    names = sorted(path.name for path in folder.iterdir() if path.is_file())
    assert names == [
        "index.html",
        "lock-your-phone.pl-a4-large-print.pdf",
        "lock-your-phone.pl-a4.pdf",
        "lock-your-phone.pl-letter-large-print.pdf",
        "lock-your-phone.pl-letter.pdf",
        "lock-your-phone.pl.txt",
    ]
    markup = page(site, guide.name)
    for name in names[1:]:
        assert f'href="{name}"' in markup
    large = "\n".join(page_texts((folder / "lock-your-phone.pl-a4-large-print.pdf").read_bytes()))
    for step in guide.steps:
        assert step.title in " ".join(large.split())
    assert (folder / "lock-your-phone-pictures" / "lock-screen.png").is_file() is False
    assert (folder / "lock-your-phone.pl-pictures" / "lock-screen.png").is_file()


def test_the_index_lists_every_guide_by_language_and_each_language_has_a_page(site: Path) -> None:
    index = (site / "index.html").read_text(encoding="utf-8")
    english, polish = index.split('id="lang-pl"')
    assert english.count("guides/") >= 4 and "Keep a copy of your photos" in english
    assert "Rozpoznaj fałszywy SMS o paczce" in polish and "Keep a copy" not in polish
    assert "About 15 minutes" in english and "For: Windows 11" in english
    assert "Checked on 14 September 2026" in english
    polish_page = (site / "languages" / "pl" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="pl"' in polish_page and "Poradniki" in polish_page
    assert "Put a screen lock" not in polish_page


def test_the_feed_lists_every_edition_newest_check_first(site: Path) -> None:
    atom = "{http://www.w3.org/2005/Atom}"
    feed = ElementTree.parse(site / "feed.xml").getroot()
    entries = feed.findall(f"{atom}entry")
    assert len(entries) == 6
    updated = [entry.findtext(f"{atom}updated") for entry in entries]
    assert updated == sorted(updated, reverse=True)
    assert feed.findtext(f"{atom}updated") == updated[0]
    links = [entry.find(f"{atom}link").get("href") for entry in entries]  # type: ignore[union-attr]
    assert BASE_URL + "guides/turn-on-two-step-login/" in links


def test_the_sitemap_has_every_page_address_with_a_base_url(site: Path) -> None:
    sitemap = ElementTree.parse(site / "sitemap.xml").getroot()
    where = [loc.text for loc in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert where[0] == BASE_URL
    assert BASE_URL + "guides/lock-your-phone.pl/" in where
    assert BASE_URL + "languages/pl/" in where
    assert all(str(address).startswith(BASE_URL) for address in where)


def test_without_a_base_url_there_is_no_sitemap_and_it_says_so(tmp_path: Path) -> None:
    code, printed = build_site(SITE_GUIDES, tmp_path / "site")
    assert code == 0, printed
    assert not (tmp_path / "site" / "sitemap.xml").exists()
    assert "no sitemap.xml" in printed and "--base-url" in printed
    # Every address inside the site is relative, so the folder works anywhere.
    assert "https://library" not in (tmp_path / "site" / "index.html").read_text(encoding="utf-8")


def test_the_site_speaks_the_language_asked_for_even_with_no_guide_in_it(tmp_path: Path) -> None:
    code, printed = build_site(
        SITE_GUIDES / "back-up-your-photos.md", tmp_path / "s", "--lang", "cy"
    )
    assert code == 0, printed
    index = Elements((tmp_path / "s" / "index.html").read_text(encoding="utf-8"))
    assert index.all("html")[0]["lang"] == "cy"
    assert "Canllawiau diogelwch digidol" in "".join(index.text)
    assert index.all("form", action="languages/cy/search.html")
    assert (tmp_path / "s" / "languages" / "cy" / "search.html").is_file()
    # The English guide is listed under its own language, marked as English.
    assert index.all("li", lang="en-GB")
