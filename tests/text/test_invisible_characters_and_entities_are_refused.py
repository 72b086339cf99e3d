"""Invisible characters a second review found passing, and entities that vanished unseen.

Unicode's default-ignorable characters that are not formatting marks (the combining grapheme
joiner, variation selectors after a letter, tag-block selectors, Khmer inherent vowels) are
drawn as nothing, so two names that look the same differ; a numeric entity naming a control
character (``&#27;``) was silently dropped from the text.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from helpers.cli import invoke
from helpers.guides import FIRST_GUIDE, ROOT

from generator.parse import load_guide
from generator.parse.addresses import name_problem
from generator.problems import GuideError
from generator.text import hidden_character, printable

HEAD = "---\ntitle: T\nsummary: S\nchecked: 2026-11-20\n---\n\n## Steps\n\n### One\n"


def errors(write_guide: Callable[..., Path], text: str) -> str:
    path = write_guide(text)
    with pytest.raises(GuideError) as raised:
        load_guide(path)
    return "\n".join(str(problem) for problem in raised.value.problems)


@pytest.mark.parametrize(
    "character", ["\u034f", "\ufe0f", "\ufe00", "\U000e0100", "\u17b4", "\u180b", "\ufff0"]
)
def test_an_ignorable_character_after_a_letter_is_refused(
    write_guide: Callable[..., Path], character: str
) -> None:
    front = errors(write_guide, HEAD.replace("title: T", f"title: Fa{character}cebook"))
    assert f":2: error: an invisible formatting character (U+{ord(character):04X}" in front
    body = errors(write_guide, HEAD + f"Open Fa{character}cebook.\n")
    assert f":10: error: an invisible formatting character (U+{ord(character):04X}" in body


def test_an_emoji_keeps_its_emoji_style_selector(write_guide: Callable[..., Path]) -> None:
    path = write_guide(
        HEAD + "Tap the \u2764\ufe0f to like it, \u2139\ufe0f for help, \u203c\ufe0f, "
        "then 1\ufe0f\u20e3.\n"
    )
    assert load_guide(path).steps[0].title == "One"


def test_a_name_on_the_list_is_checked_the_same_way() -> None:
    assert name_problem("An\u034fn") is not None
    assert name_problem("Gran \u2764\ufe0f") is None


@pytest.mark.parametrize("entity", ["&#27;", "&#x1b;", "&#128;", "&#0;", "&#99999999;"])
def test_an_entity_for_a_control_character_is_an_error_not_dropped(
    write_guide: Callable[..., Path], entity: str
) -> None:
    found = errors(write_guide, HEAD + f"Open the app {entity} now.\n")
    assert f":10: error: the entity '{entity}' is a number no text may hold" in found


def test_a_printable_escape_reads_back_as_one_character() -> None:
    assert printable("x\U000e0100y") == "x\\U000e0100y"
    assert hidden_character("plain ASCII text\twith a tab") is None
    assert hidden_character("a\x1bb") == (1, "an invisible control character (U+001B)")


def test_a_picture_in_a_folder_named_with_a_control_character_is_an_error(
    tmp_path: Path,
) -> None:
    # The folder's name goes into the handout's story, which no control character may enter:
    # the build failed blaming the bundled template.
    folder = tmp_path / "pictures\x1b[2J"
    folder.mkdir()
    (folder / "shot.png").write_bytes(
        (ROOT / "tests" / "data" / "settings-screen.png").read_bytes()
    )
    path = folder / "sample.md"
    path.write_text(HEAD + "Do it.\n\n![The screen](shot.png)\n", encoding="utf-8")
    with pytest.raises(GuideError) as raised:
        load_guide(path)
    assert ":12: error: the picture 'shot.png' is in a folder whose name holds an invisible" in (
        str(raised.value)
    )
    assert "\x1b" not in str(raised.value)


def test_a_logo_named_with_a_control_character_is_refused(tmp_path: Path) -> None:

    logo = tmp_path / "logo\x1b[2J.png"
    logo.write_bytes((ROOT / "tests" / "data" / "settings-screen.png").read_bytes())
    result = invoke("build", str(FIRST_GUIDE), "--out", str(tmp_path / "out"), "--logo", str(logo))
    assert result.exit_code == 2
    assert "Invalid value for '--logo'" in result.stderr
    assert "rename the file or folder" in result.stderr
    assert not (tmp_path / "out").exists()


def test_a_preview_host_with_an_escape_is_quoted_escaped() -> None:

    result = invoke(
        "preview", str(FIRST_GUIDE), "--no-open", "--port", "0", "--host", "1\x1b]0;X\x07"
    )
    assert result.exit_code == 1
    assert "warning: serving on 1\\x1b]0;X\\x07: anyone who can reach" in result.stderr
    assert "\x1b" not in result.stderr
