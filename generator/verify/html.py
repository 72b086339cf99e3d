"""Gates on an email's HTML: small enough that Gmail shows all of it, and nothing remote.

Gmail hides everything after the first 102 KB of a message's HTML behind a "View entire
message" link, so a long guide could silently lose its last steps and caveats.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from generator.problems import Severity

GMAIL_CLIP_BYTES = 102_000
"""Gmail clips HTML larger than this (102 KB): the build fails above it."""
WARN_BYTES = 90_000
"""Above this (90 KB) the build warns: a greeting and a note could push it over."""

SMALLEST_TEXT_PX = {"regular": 16, "large": 20}
"""The smallest text an email may have, in px: large print when it says
``<meta name="guide-print" content="large">``."""
LARGE_PRINT_MARK = re.compile(r'<meta\s+name="guide-print"\s+content="large"\s*/?>', re.I)
FONT_SIZE = re.compile(r"font-size\s*:\s*([0-9.]+)px", re.I)
HIDDEN = re.compile(r'style="[^"]*display\s*:\s*none[^"]*"', re.I)

CSS_URL = re.compile(r"url\(\s*['\"]?\s*(?!cid:)[a-z][a-z0-9+.-]*:|url\(\s*['\"]?\s*//", re.I)
SCHEME = re.compile(r"^\s*([a-z][a-z0-9+.-]*):", re.I)


def size_problems(size: int) -> list[tuple[Severity, str]]:
    """(severity, message) about an HTML body of ``size`` bytes and Gmail's clipping."""
    shown = f"{size / 1000:.1f} KB"
    if size > GMAIL_CLIP_BYTES:
        return [
            (
                Severity.ERROR,
                f"the email's HTML is {shown}: Gmail hides everything after 102 KB, so readers "
                "would miss the last steps; shorten the guide or split it into two",
            )
        ]
    if size > WARN_BYTES:
        return [
            (
                Severity.WARNING,
                f"the email's HTML is {shown}, close to Gmail's 102 KB limit: a long personal "
                "note could get the end of the guide hidden",
            )
        ]
    return []


def font_size_problems(markup: str) -> list[str]:
    """Text smaller than the email's print size allows (hidden text, like the preheader, aside)."""
    kind = "large" if LARGE_PRINT_MARK.search(markup) else "regular"
    smallest = SMALLEST_TEXT_PX[kind]
    shown = HIDDEN.sub("", markup)
    sizes = sorted({float(size) for size in FONT_SIZE.findall(shown)})
    too_small = [size for size in sizes if size < smallest]
    if not too_small:
        return []
    what = "large-print" if kind == "large" else "regular"
    return [
        f"the {what} email has {too_small[0]:g} px text: every text must be {smallest} px or larger"
    ]


ALLOWED_TAGS = frozenset(
    [
        "html",
        "head",
        "meta",
        "title",
        "style",
        "body",
        "table",
        "thead",
        "tbody",
        "tfoot",
        "tr",
        "td",
        "th",
        "caption",
        "colgroup",
        "col",
        "div",
        "span",
        "p",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "ul",
        "ol",
        "li",
        "dl",
        "dt",
        "dd",
        "strong",
        "b",
        "em",
        "i",
        "u",
        "code",
        "pre",
        "blockquote",
        "br",
        "wbr",
        "hr",
        "img",
        "a",
        "small",
        "sub",
        "sup",
        "center",
        "font",
        "abbr",
    ]
)
"""Tags an email may contain: plain structure and text, nothing that loads or runs."""
ADDRESS_ATTRIBUTES = {"a": "href", "img": "src"}
"""The one attribute of each tag that may hold an address; no other attribute may."""


class _Resources(HTMLParser):
    """Collects everything in an HTML document that could load or run something.

    It works from what is allowed (tags, and addresses only in ``a href`` and ``img src``)
    rather than from a list of known tricks, so a template cannot slip a new one past it.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.sources: list[str] = []
        self.in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ALLOWED_TAGS:
            self.problems.append(f"it contains a <{tag}> element")
        self.in_style = tag == "style"
        for name, value in attrs:
            value = value or ""
            if name == ADDRESS_ATTRIBUTES.get(tag):
                self._address(tag, value)
            elif name.startswith("on"):
                self.problems.append(f"it has a script attribute '{name}'")
            elif name == "style":
                if CSS_URL.search(value) or "url(" in value.lower():
                    self.problems.append("a style attribute loads a url()")
            elif name == "http-equiv" and value.strip().lower() == "refresh":
                self.problems.append("a <meta> tag would reload or redirect the message")
            elif name in (
                "href",
                "src",
                "srcset",
                "ping",
                "background",
                "poster",
                "data",
                "action",
                "formaction",
                "xlink:href",
                "cite",
                "longdesc",
                "usemap",
                "dynsrc",
                "lowsrc",
                "manifest",
                "codebase",
            ) or _looks_like_address(value):
                self.problems.append(f'<{tag} {name}="{value}"> points somewhere')

    def _address(self, tag: str, value: str) -> None:
        scheme = SCHEME.match(value)
        if tag == "a":
            if not scheme or scheme.group(1).lower() not in ("https", "mailto"):
                self.problems.append(f"a link goes to '{value}' (only https and mailto)")
            return
        self.sources.append(value)
        if value.startswith("//") or (scheme and scheme.group(1).lower() != "cid"):
            self.problems.append(f"it loads '{value}' from elsewhere")

    def handle_endtag(self, tag: str) -> None:
        if tag == "style":
            self.in_style = False

    def handle_data(self, data: str) -> None:
        if self.in_style and (CSS_URL.search(data) or "@import" in data.lower()):
            self.problems.append("its <style> loads something from elsewhere")


def _looks_like_address(value: str) -> bool:
    """True for an attribute value that is a web address or a script."""
    lowered = value.strip().lower()
    return "://" in lowered or lowered.startswith(("//", "javascript:", "data:"))


def resource_parser() -> _Resources:
    """A parser collecting ``problems`` and ``sources`` as ``resource_problems`` reports them."""
    return _Resources()


def resource_problems(markup: str) -> tuple[list[str], list[str]]:
    """What in the HTML would load from the internet or run, and every picture's ``src``."""
    parser = _Resources()
    parser.feed(markup)
    parser.close()
    return parser.problems, parser.sources
