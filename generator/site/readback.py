"""Read the web edition back before it is published: every guide page complete, nothing
loaded from elsewhere, and every link inside the site leading to a file that is there."""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from generator.model import Guide
from generator.problems import Problem
from generator.verify.outputs import check_complete, text_of_html

ADDRESS_ATTRIBUTES = frozenset({"href", "src", "action", "srcset", "poster", "data", "formaction"})
"""Attributes that make a browser fetch or go somewhere."""
FORBIDDEN_TAGS = frozenset({"iframe", "object", "embed", "base", "frame", "applet", "portal"})
"""Elements a page of ours never has: each would load or frame something."""


@dataclass
class PageLinks:
    """What one page links to, and what it can be linked to."""

    problems: list[str] = field(default_factory=list)
    """Everything in the page that would load from elsewhere, run inline or break the policy."""
    targets: list[str] = field(default_factory=list)
    """Every address inside the site it links to or loads, as written."""
    ids: set[str] = field(default_factory=set)
    """Every ``id`` in it, for links to a part of it (``#downloads``)."""
    policy: bool = False
    """True when it carries a Content-Security-Policy."""


class _Reader(HTMLParser):
    def __init__(self, base_url: str | None) -> None:
        super().__init__(convert_charrefs=True)
        self.base_url = base_url
        self.found = PageLinks()
        self.in_script = False
        self.in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = self.found
        values = {name: value or "" for name, value in attrs}
        if tag in FORBIDDEN_TAGS:
            found.problems.append(f"it has a <{tag}> element")
        if tag == "script":
            self.in_script = "src" not in values
        if tag == "style":
            self.in_style = True
        if tag == "meta" and values.get("http-equiv", "").lower() == "content-security-policy":
            found.policy = "default-src 'none'" in values.get("content", "")
        if tag == "meta" and values.get("http-equiv", "").lower() == "refresh":
            found.problems.append("a <meta> tag would reload or redirect the page")
        if "id" in values:
            found.ids.add(values["id"])
        for name, value in values.items():
            if name.startswith("on"):
                found.problems.append(f"<{tag}> has a script attribute '{name}'")
            elif name == "ping":
                found.problems.append(f"<{tag}> has a ping attribute, which reports every click")
            elif name == "style":
                found.problems.append(f"<{tag}> has a style attribute (the policy forbids it)")
            elif name in ADDRESS_ATTRIBUTES:
                self._address(tag, name, value, values.get("rel", ""))

    def _address(self, tag: str, name: str, value: str, rel: str) -> None:
        found = self.found
        parts = urlsplit(value.strip())
        if not parts.scheme and not parts.netloc:
            if name == "srcset":
                found.problems.append(f"<{tag}> has a srcset")
            else:
                found.targets.append(value.strip())
            return
        if tag == "a" and name == "href" and parts.scheme in ("https", "mailto", "http"):
            return  # a link the reader chooses to follow, shown with where it goes
        if (
            tag == "link"
            and rel in ("canonical", "alternate")
            and self.base_url
            and value.startswith(self.base_url)
        ):
            return  # the page's own address on the web, which loads nothing
        found.problems.append(f'<{tag} {name}="{value}"> points outside the site')

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self.in_script = False
        if tag == "style":
            self.in_style = False

    def handle_data(self, data: str) -> None:
        if self.in_script and data.strip():
            self.found.problems.append("it has a script written inside the page")
        if self.in_style and data.strip():
            self.found.problems.append(
                "it has a <style> written inside the page (the policy forbids it: put the "
                "rules in site/assets/site.css)"
            )


def read_links(markup: str, base_url: str | None) -> PageLinks:
    """What a page links to and loads, and what in it would load from elsewhere."""
    reader = _Reader(base_url)
    reader.feed(markup)
    reader.close()
    return reader.found


def guide_page_problems(guide: Guide, markup: str, path: Path) -> list[Problem]:
    """A guide's page read back: every step in order with its number, every caveat, the stamp."""
    return check_complete(guide, text_of_html(markup), path)


def resolve(page: str, target: str) -> tuple[str, str]:
    """The file a link on ``page`` leads to inside the site, and the part (``#id``) it names."""
    parts = urlsplit(target)
    if not parts.path:
        return page, unquote(parts.fragment)
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(page), unquote(parts.path)))
    if parts.path.endswith("/"):
        joined += "/index.html"
    return joined, unquote(parts.fragment)


def page_link_problems(
    page: str, links: PageLinks, pages: dict[str, PageLinks], files: set[str], out: Path
) -> list[Problem]:
    """What is wrong with one page's links (``links``): anything loaded from elsewhere, or a
    link leading to nothing among ``files`` or to a part the page it names (in ``pages``)
    lacks."""
    path = out / page
    found = [
        Problem(path, None, f"the page must load nothing from elsewhere, but {problem}")
        for problem in links.problems
    ]
    if not links.policy:
        found.append(Problem(path, None, "the page has no Content-Security-Policy"))
    for target in links.targets:
        file, part = resolve(page, target)
        if file.startswith("../") or file not in files:
            found.append(Problem(path, None, f"the link '{target}' leads to nothing in the site"))
        elif part and file in pages and part not in pages[file].ids:
            found.append(
                Problem(path, None, f"the link '{target}' names a part (#{part}) the page lacks")
            )
    return found


def link_problems(pages: dict[str, PageLinks], files: set[str], out: Path) -> list[Problem]:
    """Every problem the pages' links have: outside the site, or leading to nothing."""
    return [
        problem
        for page, links in sorted(pages.items())
        for problem in page_link_problems(page, links, pages, files, out)
    ]


CSS_COMMENT = re.compile(r"/\*.*?\*/", re.S)
CSS_ADDRESS = re.compile(
    r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^)'"\s]*))\s*\)|@import\s+(?:"([^"]*)"|'([^']*)')"""
)
"""Every address a stylesheet loads: ``url(…)``, quoted or not, and ``@import "…"``."""


def stylesheet_problems(css: str, sheet: str, files: set[str], out: Path) -> list[Problem]:
    """A stylesheet read back: everything it loads must be a file of the site (a picture or a
    font from elsewhere would tell another server who reads the guides, and the policy blocks
    it anyway, so it would silently not show)."""
    findings: list[Problem] = []
    for match in CSS_ADDRESS.finditer(CSS_COMMENT.sub("", css)):
        address = next(part for part in match.groups() if part is not None).strip()
        if not address or address.startswith("#"):
            continue
        parts = urlsplit(address)
        if parts.scheme or parts.netloc:
            findings.append(
                Problem(
                    out / sheet,
                    None,
                    f"the stylesheet must load nothing from elsewhere, but it loads '{address}'",
                )
            )
        elif resolve(sheet, address)[0] not in files:
            findings.append(
                Problem(
                    out / sheet, None, f"the stylesheet loads '{address}', which is not in the site"
                )
            )
    return findings
