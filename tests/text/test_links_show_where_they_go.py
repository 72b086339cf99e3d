"""A link never hides where it goes: addresses are read as a browser reads them (WHATWG URL).

Each case is a trick that makes a link look like it goes somewhere else; each must be an
error at its line, never a link a reader could follow by mistake.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from helpers.links import HEAD, refused

from generator.model import Link, Text
from generator.parse import load_guide
from generator.parse.links import MAX_LINK_LENGTH, QR_CAPACITY_M, link_problem, link_view
from generator.problems import GuideError


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        # Python's urlsplit reads paypal.com here; a browser opens evil.net.
        ("[https://paypal.com/](https://evil.net\\@paypal.com/)", "backslash"),
        ("[the bank](https://paypal.com\\evil.net/)", "backslash"),
        ("[https://paypal.com/](https://paypal.com@evil.net/)", "name and '@' before"),
        ("[the bank](https://user:secret@example.org/)", "name and '@' before"),
        ("[the bank](https://@example.org/)", "name and '@' before"),
        ("[the bank](https://evil.net%5C@paypal.com/)", "name and '@' before"),
        ("[the bank](https://exa&#9;mple.org/)", "a link address cannot contain a tab"),
        (
            "[the bank](https://example.org/&#x202E;gpj.exe)",
            "invisible formatting character (U+202E",
        ),
        ("[the bank](https://0x7f.1/)", "not a number"),
        ("[the bank](https://[::1]/)", "not a number"),
        ("[the bank](https://xn--zz.com/)", "not a valid international name"),
        # A Cyrillic "a" (U+0430) in a Latin name: it looks like paypal.com and is not.
        ("[p\u0430ypal.com](https://p\u0430ypal.com/)", "mixes letters of different alphabets"),
        ("[the bank](https://xn--pypal-4ve.com/)", "mixes letters of different alphabets"),
    ],
)
def test_an_address_that_opens_another_site_is_refused(
    write_guide: Callable[..., Path], line: str, reason: str
) -> None:
    assert reason in refused(write_guide, line)


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        (
            "[paypal.com](https://evil.net/)",
            "the text names paypal.com but the link opens evil.net",
        ),
        ("[https://paypal.com/login](https://evil.net/)", "names paypal.com"),
        ("[www.paypal.com](https://paypal.com.evil.net/)", "opens paypal.com.evil.net"),
        ("[Go to PayPal.com now](https://evil.net/)", "names paypal.com"),
        ("[paypal.com](https://p\u0430ypal.com.example/)", "mixes letters"),
        ("[paypal\u3002com](https://evil.net/)", "names paypal.com"),
        ("[\uff50\uff41\uff59\uff50\uff41\uff4c.com](https://evil.net/)", "names paypal.com"),
        ("[help@bank.com](mailto:help@bank.co)", "shows the email address help@bank.com"),
        ("[write to help@bank.com](mailto:other@bank.com)", "writes to other@bank.com"),
        ("[bank.com](mailto:help@evil.net)", "names bank.com"),
        ("[help@bank.com](https://bank.com/)", "opens a web page"),
    ],
)
def test_text_that_names_another_address_is_refused(
    write_guide: Callable[..., Path], line: str, reason: str
) -> None:
    assert reason in refused(write_guide, line)


@pytest.mark.parametrize(
    "line",
    [
        "[mail us](mailto:help@example.org?CC=x@evil.example)",
        "[mail us](mailto:help@example.org?subject=Hi&Bcc=x@evil.example)",
        "[mail us](mailto:a@example.org,b@example.org)",
        "[mail us](mailto:a@example.org%2Cb@example.org)",
        "[mail us](mailto:a@example.org;b@example.org)",
    ],
)
def test_a_mailto_link_writes_to_one_visible_address(
    write_guide: Callable[..., Path], line: str
) -> None:
    refused(write_guide, line)


@pytest.mark.parametrize(
    "line",
    [
        "[paypal.com](https://www.paypal.com/signin)",
        "[PayPal's help](https://www.paypal.com/help)",
        "<https://www.paypal.com/help>",
        "[help@bank.com](mailto:HELP@Bank.com?subject=Hello)",
        "[Settings](https://support.example.org/a-b_c?x=1#top)",
    ],
)
def test_honest_links_pass(write_guide: Callable[..., Path], line: str) -> None:
    path = write_guide(HEAD + line + "\n")
    assert load_guide(path).steps


def test_a_name_in_another_alphabet_is_shown_in_the_form_no_one_can_fake() -> None:
    # A Cyrillic name is allowed, but the reader sees the punycode a look-alike cannot copy.
    view = link_view(Link("https://пример.рф/", (Text("пример.рф"),)))
    assert view.note == "xn--e1afmkfd.xn--p1ai"
    latin = link_view(Link("https://example.org/", (Text("example.org"),)))
    assert latin.note is None


def test_the_source_url_is_checked_like_any_link(write_guide: Callable[..., Path]) -> None:
    path = write_guide(
        "---\ntitle: T\nsummary: S\nchecked: 2026-11-20\nsource:\n  title: paypal.com\n"
        "  url: https://evil.net\\@paypal.com/\n---\n\n## Steps\n\n### One\nDo it.\n"
    )
    with pytest.raises(GuideError) as raised:
        load_guide(path)
    assert [str(p) for p in raised.value.problems] == [
        f"{path}:7: error: the source 'url' 'https://evil.net\\@paypal.com/' cannot be used: a "
        "link address cannot contain a backslash '\\': browsers read it as '/', so the link "
        "would open a different site than it seems to"
    ]


def test_every_address_check_passes_fits_in_the_handouts_qr_code() -> None:
    from generator.render.pdf.flowables import qr_modules

    # The longest address, in characters that take the most bytes, still fits at level M.
    longest = "https://example.org/" + "\u00e9" * (MAX_LINK_LENGTH - len("https://example.org/"))
    assert link_problem(longest) is None
    assert len(longest.encode("utf-8")) < QR_CAPACITY_M
    assert qr_modules(longest)
    assert "at most 150" in (link_problem(longest + "x") or "")
