"""Link tricks a second, fresh-eyes review found beyond the first set.

Marks drawn like a full stop in a link's text, marks drawn like a dot or slash inside a
site's name, a mailto: subject carrying an invisible character, and a site name in another
alphabet printed in Unicode on paper (where Cyrillic letters spell what reads as apple.com).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from helpers.handouts import flat, handout, page_texts
from helpers.links import HEAD, refused

from generator.options import BuildOptions
from generator.parse import load_guide
from generator.problems import GuideError
from generator.render.email import render_email_text

APPLE = "\u0430\u0440\u0440\u04cf\u0435.com"
"""Cyrillic letters only: it passes the mixed-alphabet check and looks like apple.com."""


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        # U+2024 ONE DOT LEADER and U+FE52 SMALL FULL STOP look exactly like a full stop.
        ("[paypal\u2024com](https://evil.net/)", "the text names paypal.com"),
        ("[paypal\ufe52com](https://evil.net/)", "the text names paypal.com"),
        # The Armenian and Arabic full stops, too.
        ("[paypal\u0589com](https://evil.net/)", "the text names paypal.com"),
        ("[www\u06d4paypal\u06d4com](https://evil.net/)", "the text names www.paypal.com"),
        # A browser opens these: the host has one label "com" + U+2215 DIVISION SLASH + "login".
        ("[Google](https://google.com\u2215login.evil.net/)", "U+2215"),
        ("[PayPal](https://paypal.com\u2044.evil.net/)", "U+2044"),
        ("[PayPal](https://www.paypal\u0589com/)", "U+0589"),
        # A subject that reverses its words in the reader's mail program.
        ("[help@bank.com](mailto:help@bank.com?subject=%E2%80%AEhi)", "subject"),
        ("[help@bank.com](mailto:help@bank.com?subject=hi%0D%0Abcc:x@evil.net)", "subject"),
    ],
)
def test_a_look_alike_is_refused(write_guide: Callable[..., Path], line: str, reason: str) -> None:
    assert reason in refused(write_guide, line)


@pytest.mark.parametrize(
    "line",
    [
        "[Caf\u00e9 Shop](https://caf\u00e9-shop.example.org/)",
        "[Stra\u00dfe](https://stra\u00dfe.de/)",
    ],
)
def test_an_international_name_with_a_hyphen_passes(
    write_guide: Callable[..., Path], line: str
) -> None:
    assert load_guide(write_guide(HEAD + line + "\n")).steps[0].title == "One"


def test_a_body_may_keep_its_line_breaks(write_guide: Callable[..., Path]) -> None:
    path = write_guide(HEAD + "[help@bank.com](mailto:help@bank.com?body=Hello%0A%0AAnn)\n")
    assert load_guide(path).steps[0].title == "One"


def test_a_site_in_another_alphabet_is_printed_in_its_xn_form(
    write_guide: Callable[..., Path],
) -> None:
    path = write_guide(
        HEAD + f"Open [the page](https://{APPLE}/x) or <https://{APPLE}/y>.\n"
        f"Write to [the shop](mailto:help@{APPLE}).\n"
    )
    text = render_email_text(load_guide(path), BuildOptions())
    printed = flat(" ".join(page_texts(handout(path))))
    assert APPLE not in text
    for shown in (text, printed):
        assert "https://xn--80ak6aa92e.com/x" in shown
        assert "https://xn--80ak6aa92e.com/y" in shown
        assert "help@xn--80ak6aa92e.com" in shown


@pytest.mark.parametrize(
    ("publisher", "refused"),
    [("paypal.com", True), ("PayPal (www.paypal.com)", True), ("Facebook Help Centre", False)],
)
def test_a_source_publisher_names_the_site_its_url_opens(
    write_guide: Callable[..., Path], publisher: str, refused: bool
) -> None:
    path = write_guide(
        "---\ntitle: T\nsummary: S\nchecked: 2026-11-20\nsource:\n  title: Help\n"
        f"  publisher: {publisher}\n  url: https://www.facebook.com/help\n---\n\n"
        "## Steps\n\n### One\nDo it.\n"
    )
    if not refused:
        assert load_guide(path).source is not None
        return
    with pytest.raises(GuideError) as raised:
        load_guide(path)
    assert f"{path}:7: error: the source 'publisher' '{publisher}' does not match its 'url'" in (
        str(raised.value)
    )
