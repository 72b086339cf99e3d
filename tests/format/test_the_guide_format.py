"""The content format: the contract example, translations and the first guide."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from helpers.guides import DATA, FIRST_GUIDE

from generator.model import Code, Link, ListBlock, Paragraph, Text, plain_text
from generator.parse import load_guide


def test_contract_example_parses_exactly_as_written() -> None:
    guide = load_guide(DATA / "contract.md")
    assert guide.slug == "contract"
    assert guide.title == "Turn on two-step sign-in for your email"
    assert guide.summary == (
        "A code from your phone keeps your mailbox safe even if someone learns your password."
    )
    assert guide.lang == "en-GB"
    assert guide.checked == dt.date(2026, 11, 20)
    assert guide.minutes == 10
    assert guide.applies_to == ("Gmail",)
    assert guide.region == "Worldwide"
    assert guide.source is not None
    assert guide.source.title == "Turn on 2-Step Verification"
    assert guide.source.publisher == "Google Account Help"
    assert guide.source.url == "https://support.google.com/accounts/answer/185839"
    assert guide.intro == (
        Paragraph(
            (
                Text("Intro paragraphs: everything before the first "),
                Code("##"),
                Text(" heading."),
            )
        ),
    )
    assert [plain_text(need) for need in guide.needs] == ["Your phone", "Your email password"]
    assert [(s.number, s.title) for s in guide.steps] == [
        (1, "Open your account settings"),
        (2, 'Choose "Security"'),
    ]
    assert guide.steps[0].body == (
        Paragraph(
            (
                Text("Go to "),
                Link("https://myaccount.google.com/", (Text("myaccount.google.com"),)),
                Text(" and sign in."),
            )
        ),
    )
    assert guide.steps[1].body == (Paragraph((Text("It is in the menu on the left."),)),)
    assert [c.title for c in guide.caveats] == ["Keep your backup codes safe"]
    assert guide.caveats[0].body == (
        Paragraph((Text("Anyone who finds them can get into your account."),)),
    )
    assert [q.title for q in guide.questions] == ["What if I change my phone number?"]
    assert guide.questions[0].body == (
        Paragraph((Text("Add the new number first, then remove the old one."),)),
    )
    assert guide.facilitator == (
        Paragraph(
            (Text("Only for the person running a workshop; never in the handout or the email."),)
        ),
    )
    assert guide.sections == ()
    assert [s.line for s in guide.steps] == [23, 26]


def test_translated_guide_finds_sections_by_id(tmp_path: Path) -> None:
    shutil.copy(DATA / "contract.pl.md", tmp_path / "contract.pl.md")
    guide = load_guide(tmp_path / "contract.pl.md")
    assert guide.slug == "contract"
    assert guide.edition == "pl"
    assert guide.name == "contract.pl"
    assert [s.title for s in guide.steps] == ["Otwórz ustawienia konta", "Wybierz „Bezpieczeństwo”"]
    assert [c.title for c in guide.caveats] == ["Chroń kody zapasowe"]
    assert [q.title for q in guide.questions] == ["Co jeśli zmienię numer?"]
    assert [plain_text(n) for n in guide.needs] == ["Telefon"]
    assert plain_text(guide.facilitator[0].children) == "Tylko dla prowadzącego."  # type: ignore[union-attr]


def test_first_guide_has_all_five_steps_in_order_and_three_caveats() -> None:
    guide = load_guide(FIRST_GUIDE)
    assert [step.title for step in guide.steps] == [
        "Open the Facebook or Instagram app",
        "Go to Settings",
        "Find the Privacy Centre",
        'Tap "Object"',
        "Type your email address and tap Submit",
    ]
    assert [caveat.title for caveat in guide.caveats] == [
        "One objection only covers linked accounts",
        "Objecting does not stop everything",
        "You cannot control what other people post",
    ]
    assert len(guide.questions) == 3
    assert (
        guide.source is not None
        and guide.source.publisher == "Trusted Reviews (trustedreviews.com)"
    )
    assert guide.facilitator, "the workshop notes are kept for the facilitator sheet"


def test_general_sections_keep_their_place(write_guide) -> None:  # type: ignore[no-untyped-def]
    path = write_guide(
        """\
        ---
        title: T
        summary: S
        checked: 2026-01-01
        ---

        ## Before you start
        Charge your phone.

        ## Steps

        ### One
        Do it.

        ## If it goes wrong
        - Ask a friend
        - Try again *later*
        """
    )
    guide = load_guide(path)
    assert [(s.title, s.before_steps) for s in guide.sections] == [
        ("Before you start", True),
        ("If it goes wrong", False),
    ]
    listing = guide.sections[1].body[0]
    assert isinstance(listing, ListBlock) and not listing.ordered
    assert [plain_text(item[0].children) for item in listing.items] == [  # type: ignore[union-attr]
        "Ask a friend",
        "Try again later",
    ]


def test_list_right_after_a_paragraph_is_a_list(write_guide) -> None:  # type: ignore[no-untyped-def]
    path = write_guide(
        """\
        ---
        title: T
        summary: S
        checked: 2026-01-01
        ---

        ## Steps

        ### One
        You will see:
        1. a button
        2. a menu
        """
    )
    body = load_guide(path).steps[0].body
    assert isinstance(body[1], ListBlock) and body[1].ordered
    assert len(body[1].items) == 2


def test_entities_escapes_and_mail_links_become_plain_text(write_guide) -> None:  # type: ignore[no-untyped-def]
    path = write_guide(
        """\
        ---
        title: Fish &amp; chips
        summary: S
        checked: 2026-01-01
        ---

        ## Steps

        ### Write to us
        Mail <help@example.org> &amp; say \\*hello\\* &copy;
        """
    )
    guide = load_guide(path)
    paragraph = guide.steps[0].body[0]
    assert isinstance(paragraph, Paragraph)
    assert plain_text(paragraph.children) == "Mail help@example.org & say *hello* ©"
    link = paragraph.children[1]
    assert isinstance(link, Link) and link.url == "mailto:help@example.org"
    assert guide.title == "Fish &amp; chips", "front matter is plain text, not Markdown"


def test_version_changes_when_the_guide_changes(write_guide) -> None:  # type: ignore[no-untyped-def]
    from helpers.guides import MINIMAL

    first = load_guide(write_guide(MINIMAL)).version
    second = load_guide(write_guide(MINIMAL.replace("Like this.", "Like that."))).version
    assert first != second and len(first) == 8


def test_braces_that_are_not_attributes_stay_in_a_title(write_guide) -> None:  # type: ignore[no-untyped-def]
    path = write_guide(
        """\
        ---
        title: T
        summary: S
        checked: 2026-01-01
        ---

        ## Steps

        ### Type {your name}
        In the box.

        ### Find it {#not-an-id-here}
        It is there.
        """
    )
    titles = [step.title for step in load_guide(path).steps]
    assert titles == ["Type {your name}", "Find it"]


def test_a_soft_hyphen_is_allowed(write_guide) -> None:  # type: ignore[no-untyped-def]
    from helpers.guides import MINIMAL

    guide = load_guide(write_guide(MINIMAL.replace("Like this.", "Like\u00adthis.")))
    assert guide.steps[0].title == "Do the first thing"
