"""The email of a Hebrew or Persian guide shows the tool's English words left to right.

Without a catalog for the guide's language the tool's own words ("The steps", "This email
has no tracking: …") are English. Inside a right-to-left email each of them takes its
direction from its own words (``dir="auto"``, as a browser reads it), so its full stop
ends it at the right; the guide's own words stay right to left, and everything keeps to
the right-hand side, where the page starts.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from html.parser import HTMLParser

import pytest
from helpers.guides import DATA

from generator.options import BuildOptions
from generator.parse import load_guide
from generator.render.email import render_email_html

SCRIPTS = DATA / "scripts"
VOID = {"br", "img", "meta", "hr", "input", "link"}


class _Directions(HTMLParser):
    """Each element's text with the direction and alignment a browser gives it: ``dir``
    inherited, ``dir="auto"`` taken from the element's first strong letter."""

    def __init__(self) -> None:
        super().__init__()
        self.open: list[_Open] = []
        self.found: list[tuple[str, str, str]] = []
        """(text, direction, alignment) of each element with text."""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID:
            return
        found = dict(attrs)
        parent = self.open[-1] if self.open else _Open("ltr", "start", None)
        style = (found.get("style") or "").replace(" ", "")
        align = "right" if "text-align:right" in style else parent.align
        direction = found.get("dir") if found.get("dir") in ("ltr", "rtl") else parent.direction
        self.open.append(_Open(str(direction), align, found.get("dir")))

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID or not self.open:
            return
        element = self.open.pop()
        text = " ".join("".join(element.text).split())
        direction = element.direction
        if element.attribute == "auto":
            direction = _first_strong(text) or direction
        if text:
            self.found.append((text, direction, element.align))
        if self.open:
            self.open[-1].text.append(text)

    def handle_data(self, data: str) -> None:
        if self.open:
            self.open[-1].text.append(data)


@dataclass
class _Open:
    direction: str
    align: str
    attribute: str | None
    text: list[str] = field(default_factory=list)


def _first_strong(text: str) -> str | None:
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind == "L":
            return "ltr"
        if kind in ("R", "AL"):
            return "rtl"
    return None


def directions(markup: str) -> list[tuple[str, str, str]]:
    """Each element's text, its direction and its alignment."""
    parser = _Directions()
    parser.feed(markup)
    parser.close()
    return parser.found


def element_with(found: list[tuple[str, str, str]], words: str) -> tuple[str, str, str]:
    """The innermost element whose text holds ``words``."""
    return min((entry for entry in found if words in entry[0]), key=lambda entry: len(entry[0]))


@pytest.mark.parametrize("name", ["hebrew", "persian"])
def test_the_tools_english_words_run_left_to_right_at_the_right(name: str) -> None:
    guide = load_guide(SCRIPTS / f"{name}.md")
    found = directions(render_email_html(guide, BuildOptions()))
    for words in ("The steps", "This email has no tracking", "Step 1 of 3", "Guide version"):
        text, direction, align = element_with(found, words)
        assert direction == "ltr", (words, text)
        assert align == "right", (words, text)
    # The guide's own words keep the email's direction.
    text, direction, _ = element_with(found, guide.steps[0].title)
    assert direction == "rtl", text


def test_an_arabic_email_keeps_its_translated_words_right_to_left() -> None:
    guide = load_guide(SCRIPTS / "arabic.md")
    found = directions(render_email_html(guide, BuildOptions()))
    text, direction, _ = element_with(found, "الخطوات")
    assert direction == "rtl", text
