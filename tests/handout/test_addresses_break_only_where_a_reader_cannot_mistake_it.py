"""A web address too long for its line breaks after a / or before a . ? # & =, never at a
hyphen, on paper and in the email; and the characters a reader copies stay the address."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest
from helpers.browser import CHROMIUM
from helpers.guides import DATA
from helpers.handouts import handout, page_texts
from markupsafe import Markup

from generator.options import BuildOptions
from generator.parse import load_guide
from generator.parse.links import address_pieces
from generator.render.email import render_email_html
from generator.render.environment import breakable_addresses
from generator.render.pdf.flowables import break_address
from generator.render.pdf.fonts import MONO, register_fonts

GUIDE = DATA / "long-address.md"
ADDRESSES = (
    "https://support.google.com/accounts/answer/a5538339?lang=en&intendedLocale=en",
    "https://myaccount.google.com/signinoptions/two-step-verification-enrolment-flow/start",
    "https://www.royalmail.com/receiving/missed-delivery",
    "royalmail-redelivery.info",
)


def beside_a_hyphen(before: str, after: str) -> bool:
    """True when a line ending with ``before`` and going on with ``after`` breaks at a hyphen."""
    return before.endswith("-") or after.startswith("-")


def test_an_address_is_cut_after_a_slash_or_before_a_dot_and_never_at_a_hyphen() -> None:
    assert address_pieces(ADDRESSES[0]) == [
        "https://",
        "support",
        ".google",
        ".com/",
        "accounts/",
        "answer/",
        "a5538339",
        "?lang",
        "=en",
        "&intendedLocale",
        "=en",
    ]
    assert address_pieces("royalmail-redelivery.info") == ["royalmail-redelivery", ".info"]
    for address in ADDRESSES:
        pieces = address_pieces(address)
        assert "".join(pieces) == address
        for before, after in itertools.pairwise(pieces):
            assert not beside_a_hyphen(before, after), (before, after)
            assert not before.endswith("."), before


@pytest.mark.parametrize("width", [60.0, 90.0, 140.0, 220.0])
def test_a_link_cards_address_never_breaks_at_a_hyphen(width: float) -> None:
    register_fonts()
    for address in ADDRESSES:
        lines = break_address(address, MONO, 12, width)
        assert "".join(lines) == address
        for before, after in itertools.pairwise(lines):
            assert not beside_a_hyphen(before, after), (width, before, after)


def test_on_paper_a_long_address_in_running_text_breaks_where_a_reader_cannot_mistake_it() -> None:
    for large in (False, True):
        # The lines as printed: pypdf reads the glyphs, not the replacement text.
        lines = [
            line.split()
            for text in page_texts(handout(GUIDE, "a4", large))
            for line in text.splitlines()
            if line.split()
        ]
        inside = [
            (before[-1], after[0])
            for before, after in itertools.pairwise(lines)
            if any(before[-1] + after[0] in address for address in ADDRESSES)
        ]
        assert len(inside) >= 2, large  # a link card's and the running text's
        for before, after in inside:
            assert not beside_a_hyphen(before, after), (large, before, after)
            assert not before.endswith("."), (large, before, after)


def test_the_emails_address_markup_adds_no_character_and_holds_each_hyphen() -> None:
    address = "https://myaccount.google.com/signinoptions/two-step-verification-enrolment-flow"
    markup = breakable_addresses(f"Go to {address} and sign in.")
    assert isinstance(markup, Markup)
    text = re.sub(r"<[^>]+>", "", str(markup))
    assert text == f"Go to {address} and sign in."
    # Breaks are offered only after a slash or before a dot; each hyphen is held to the
    # letters beside it.
    assert "https://<wbr>myaccount<wbr>.google<wbr>.com/<wbr>signinoptions/<wbr>" in str(markup)
    for held in re.findall(r'<span class="nobreak">([^<]*)</span>', str(markup)):
        assert re.fullmatch(r"\w-\w", held), held
    assert str(markup).count("-") == address.count("-")
    # A short address fits on a phone's line: it is never broken.
    assert str(breakable_addresses("royalmail-redelivery.info")) == (
        '<span class="nobreak">royalmail-redelivery.info</span>'
    )


if CHROMIUM.exists():
    from playwright.sync_api import Browser


LINE_BREAKS = """
() => {
  // Where each address's text goes on to a new line: the characters either side.
  const found = [];
  for (const holder of document.querySelectorAll("a, code, .address")) {
    const text = holder.textContent;
    const walker = document.createTreeWalker(holder, NodeFilter.SHOW_TEXT);
    const tops = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (let i = 0; i < node.length; i++) {
        const range = document.createRange();
        range.setStart(node, i);
        range.setEnd(node, i + 1);
        const rects = range.getClientRects();
        tops.push(rects.length ? rects[0].top : null);
      }
    }
    for (let i = 1; i < text.length; i++) {
      if (tops[i] !== null && tops[i - 1] !== null && tops[i] > tops[i - 1] + 2) {
        found.push([text.slice(Math.max(0, i - 12), i), text.slice(i, i + 12)]);
      }
    }
  }
  return found;
}
"""


@pytest.mark.parametrize("large", [False, True])
def test_on_a_phone_the_email_breaks_no_address_at_a_hyphen(
    browser: Browser, large: bool, tmp_path: Path
) -> None:
    html = render_email_html(load_guide(GUIDE), BuildOptions(large_print=large))
    for width in (320, 375, 600):
        page = browser.new_page(viewport={"width": width, "height": 900})
        page.set_content(html)
        breaks = page.evaluate(LINE_BREAKS)
        page.close()
        assert breaks, width  # the long addresses do go over lines at these widths
        for before, after in breaks:
            if " " in before[-1:] or " " in after[:1]:
                continue  # a break between words
            assert not beside_a_hyphen(before, after), (width, before, after)
            assert not before.endswith("."), (width, before, after)
