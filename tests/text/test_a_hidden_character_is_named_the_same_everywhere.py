"""One text policy: a hidden character is found by one rule and named in the same words in a
guide, a link, an email address, a recipients list and an option."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from helpers.cli import run
from helpers.guides import FIRST_GUIDE
from helpers.links import refused

from generator.parse.addresses import address_problem, name_problem
from generator.text import FREE_TEXT, ONE_LINE, address_character, describe, hidden_character

RTL = "\u202e"
NAMED = "an invisible formatting character (U+202E RIGHT-TO-LEFT OVERRIDE)"


def test_one_description_for_each_kind_of_character() -> None:
    assert describe(RTL) == NAMED
    assert describe("\x1b") == "an invisible control character (U+001B)"
    assert describe("\t") == "a tab"
    assert describe("\r") == "a line break (CR)"
    assert describe("\u00ad") == "an invisible formatting character (U+00AD SOFT HYPHEN)"
    # A character that is not hidden is named so a person can find it (the fonts lack some).
    assert describe("\u0928") == "'\u0928' (U+0928 DEVANAGARI LETTER NA)"


def test_the_allow_sets_say_what_each_kind_of_text_may_hold() -> None:
    assert hidden_character("two\tcolumns\nand lines", FREE_TEXT) is None
    assert hidden_character("a\tname", ONE_LINE) == (1, "a tab")
    assert hidden_character(f"Mum{RTL}", ONE_LINE) == (3, NAMED)
    # An address may hold no space and no soft hyphen either: both hide where it goes.
    assert address_character("https://example.org/a b") == "a space"
    assert address_character("https://exa\u00admple.org/") == describe("\u00ad")
    assert address_character("https://example.org/\u3164") == (
        "an invisible formatting character (U+3164 HANGUL FILLER)"
    )
    assert address_character("https://example.org/caf\u00e9") is None


def test_the_same_words_in_a_guide_a_link_an_address_and_an_option(
    write_guide: Callable[..., Path], tmp_path: Path
) -> None:
    guide = write_guide(f"---\ntitle: Lock{RTL} it\nsummary: S\nchecked: 2026-11-20\n---\n")
    code, output = run("check", str(guide))
    assert code == 1 and f"{guide}:2: error: {NAMED} is on this line: delete it" in output
    assert f"a link address cannot contain {NAMED}" in refused(
        write_guide, f"[the bank](https://example.org/{RTL}gpj.exe)"
    )
    assert f"contains {NAMED}" in (address_problem(f"mum{RTL}@example.com") or "")
    assert f"contains {NAMED}" in (name_problem(f"Mum{RTL}") or "")
    people = tmp_path / "people.csv"
    people.write_text(f"email,name\nmum@example.com,Mum{RTL}\n", encoding="utf-8")
    code, output = run("send", str(FIRST_GUIDE), "--to", str(people), "--from", "a@example.org")
    assert code == 1 and f"{people}:2: error: " in output and f"contains {NAMED}" in output
    code, output = run("build", str(guide), "--org", f"Library{RTL}")
    assert code == 2 and f"contains {NAMED}: delete it" in output


@pytest.mark.parametrize("character", ["\u3164", "\u2800", "\ufe0f", "\u034f"])
def test_a_blank_or_ignorable_character_in_a_link_is_refused(
    write_guide: Callable[..., Path], character: str
) -> None:
    assert "a link address cannot contain an invisible" in refused(
        write_guide, f"[the bank](https://example.org/pay{character})"
    )
