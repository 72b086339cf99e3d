"""Each kind of bad input gives its own clear message on the right line."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from generator.parse import load_guide
from generator.problems import GuideError

HEAD = """\
---
title: T
summary: S
checked: 2026-01-01
---
"""
STEPS = """
## Steps

### One
Do it.
"""

# (name, guide text, expected line, a fragment of the message)
CASES = [
    ("no front matter", "## Steps\n\n### One\n", 1, "must start with front matter"),
    ("unclosed front matter", "---\ntitle: T\n", 1, "never closed"),
    ("bad yaml", "---\ntitle: [T\nsummary: S\n---\n", 3, "not valid YAML"),
    ("missing title", "---\nsummary: S\nchecked: 2026-01-01\n---\n" + STEPS, 1, "needs 'title:'"),
    ("missing checked", "---\ntitle: T\nsummary: S\n---\n" + STEPS, 1, "needs 'checked:'"),
    (
        "unknown key with suggestion",
        "---\ntitle: T\nsumary: S\nsummary: S\nchecked: 2026-01-01\n---\n" + STEPS,
        3,
        "unknown key 'sumary': did you mean 'summary'?",
    ),
    (
        "unknown key far from any",
        "---\ntitle: T\nsummary: S\nchecked: 2026-01-01\ncolour: red\n---\n" + STEPS,
        5,
        "valid keys are",
    ),
    (
        "duplicate key",
        "---\ntitle: T\ntitle: U\nsummary: S\nchecked: 2026-01-01\n---\n" + STEPS,
        3,
        "'title' is given twice",
    ),
    (
        "bad date",
        "---\ntitle: T\nsummary: S\nchecked: last Tuesday\n---\n" + STEPS,
        4,
        "YYYY-MM-DD",
    ),
    (
        "impossible date",
        "---\ntitle: T\nsummary: S\nchecked: 2026-02-30\n---\n" + STEPS,
        4,
        "'checked'",
    ),
    (
        "bad lang",
        "---\ntitle: T\nsummary: S\nchecked: 2026-01-01\nlang: English please\n---\n" + STEPS,
        5,
        "language tag",
    ),
    (
        "bad minutes",
        "---\ntitle: T\nsummary: S\nchecked: 2026-01-01\nminutes: ten\n---\n" + STEPS,
        5,
        "whole number of minutes",
    ),
    (
        "title not text",
        "---\ntitle: [a, b]\nsummary: S\nchecked: 2026-01-01\n---\n" + STEPS,
        2,
        "'title' must be text",
    ),
    (
        "unknown source key",
        "---\ntitle: T\nsummary: S\nchecked: 2026-01-01\nsource:\n  title: A\n  link: x\n---\n"
        + STEPS,
        7,
        "unknown key 'link' under 'source'",
    ),
    ("no steps section", HEAD + "\nIntro.\n", None, "no '## Steps' section"),
    ("steps without items", HEAD + "\n## Steps\n\nJust text.\n", 9, "must belong to a step"),
    ("empty step title", HEAD + "\n## Steps\n\n###\nBody.\n", 9, "has no text"),
    (
        "raw html block in a step",
        HEAD + STEPS + "\n<div>\nhello\n</div>\n",
        12,
        "raw HTML is not allowed",
    ),
    ("inline raw html in intro", HEAD + "\nHello <b>there</b>.\n" + STEPS, 7, "raw HTML"),
    ("html comment", HEAD + STEPS + "\n<!-- secret -->\n", 12, "raw HTML"),
    (
        "raw html in facilitator notes",
        HEAD + STEPS + "\n## Facilitator notes\n\n<script>x()</script>\n",
        14,
        "raw HTML",
    ),
    (
        "javascript link",
        HEAD + "\n## Steps\n\n### One\nTap [here](javascript:alert(1)).\n",
        10,
        "links must be full addresses",
    ),
    ("relative link", HEAD + "\n## Steps\n\n### One\nSee [page](other.md).\n", 10, "links must"),
    (
        "image without alt",
        HEAD + "\n## Steps\n\n### One\n\n![](shot.png)\n",
        11,
        "has no description",
    ),
    ("image missing", HEAD + "\n## Steps\n\n### One\n\n![A shot](nope.png)\n", 11, "not found"),
    (
        "remote image",
        HEAD + "\n## Steps\n\n### One\n\n![A shot](https://x.org/a.png)\n",
        11,
        "is on the web",
    ),
    ("h1 heading", HEAD + "\n# Big title\n" + STEPS, 7, "title goes in the front matter"),
    ("h4 heading", HEAD + STEPS + "\n#### Detail\n", 12, "'####' heading is not allowed"),
    ("h3 in general section", HEAD + STEPS + "\n## More\n\n### Sub\n", 14, "only start steps"),
    ("unknown id", HEAD + "\n## Kroki {#step}\n\n### One\n", 7, "unknown section id '#step'"),
    ("two steps sections", HEAD + STEPS + STEPS, 12, "a second 'Steps' section"),
    ("question without answer", HEAD + STEPS + "\n## Questions\n\n### Why?\n", 14, "has no answer"),
    ("needs not a list", HEAD + "\n## What you'll need\nA phone.\n" + STEPS, 8, "must be a list"),
    ("code block", HEAD + STEPS + "\n    indented code\n", 12, "a code block"),
    ("quote block", HEAD + STEPS + "\n> quoted\n", 12, "a quoted block"),
    ("horizontal rule", HEAD + STEPS + "\n***\n", 12, "a horizontal rule"),
    (
        "link in a step title",
        HEAD + "\n## Steps\n\n### Go to [the site](https://example.org/x)\nNow.\n",
        9,
        "a heading cannot hold a link",
    ),
    (
        "link without a host",
        HEAD + "\n## Steps\n\n### One\nSee [it](https://).\n",
        10,
        "no website",
    ),
    (
        "mailto with hidden recipients",
        HEAD + "\n## Steps\n\n### One\nMail [us](mailto:help@example.org?bcc=x@evil.example).\n",
        10,
        "may only fill in a subject or body, not 'bcc'",
    ),
    (
        "mailto without an address",
        HEAD + "\n## Steps\n\n### One\nMail [us](mailto:help).\n",
        10,
        "needs one email address",
    ),
    (
        "right-to-left override in the text",
        HEAD + "\n## Steps\n\n### One\nTap \u202eereh.\n",
        10,
        "invisible formatting character (U+202E RIGHT-TO-LEFT OVERRIDE)",
    ),
    (
        "zero-width space written as an entity",
        HEAD + "\n## Steps\n\n### One\nTap&#x200B;here.\n",
        10,
        "(U+200B ZERO WIDTH SPACE) is written here as an entity",
    ),
    (
        "formatting character in front matter",
        '---\ntitle: "A \\u202e title"\nsummary: S\nchecked: 2026-01-01\n---\n' + STEPS,
        2,
        "'title' contains an invisible formatting character (U+202E",
    ),
]


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_bad_input_names_the_problem_and_its_line(
    tmp_path: Path, text: str, line: int | None, fragment: str
) -> None:
    path = tmp_path / "bad.md"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(GuideError) as raised:
        load_guide(path)
    problems = raised.value.problems
    matching = [p for p in problems if fragment in p.message]
    assert matching, f"no message with {fragment!r} in: {[str(p) for p in problems]}"
    assert matching[0].line == line, str(matching[0])
    assert str(matching[0]).startswith(f"{path}:{line}: error: " if line else f"{path}: error: ")


def test_every_problem_in_a_file_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "bad.md"
    path.write_text(
        "---\ntitle: T\nsumary: S\nchecked: soon\n---\n\n## Steps\n\n### One\nA <b>b</b>.\n",
        encoding="utf-8",
    )
    with pytest.raises(GuideError) as raised:
        load_guide(path)
    messages = [str(p) for p in raised.value.problems]
    assert len(messages) >= 4, messages
    assert any("'sumary'" in m for m in messages)
    assert any("needs 'summary:'" in m for m in messages)
    assert any("YYYY-MM-DD" in m for m in messages)
    assert any("raw HTML" in m for m in messages)


def test_not_utf8_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "latin.md"
    path.write_bytes(
        textwrap.dedent(HEAD).encode() + "\n## Steps\n\n### Caf\xe9\n".encode("latin-1")
    )
    with pytest.raises(GuideError) as raised:
        load_guide(path)
    assert raised.value.line == 9
    assert "not UTF-8" in str(raised.value)


def test_file_name_must_make_a_usable_slug(tmp_path: Path) -> None:
    path = tmp_path / "My Guide.md"
    path.write_text(HEAD + STEPS, encoding="utf-8")
    with pytest.raises(GuideError, match="lower-case letters"):
        load_guide(path)


def test_image_beside_the_guide_is_accepted(tmp_path: Path) -> None:
    (tmp_path / "shot.png").write_bytes(_tiny_png())
    path = tmp_path / "ok.md"
    path.write_text(
        HEAD + "\n## Steps\n\n### One\n\n![The blue button](shot.png)\n", encoding="utf-8"
    )
    guide = load_guide(path)
    image = guide.steps[0].body[0]
    assert image.alt == "The blue button"  # type: ignore[union-attr]
    assert image.path == tmp_path / "shot.png"  # type: ignore[union-attr]


def _tiny_png() -> bytes:
    import base64

    return base64.b64decode(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
    )


def test_front_matter_with_no_body_at_all_needs_steps(tmp_path: Path) -> None:
    path = tmp_path / "empty.md"
    path.write_text(HEAD, encoding="utf-8")
    with pytest.raises(GuideError, match="no '## Steps' section"):
        load_guide(path)


def test_control_characters_are_refused_with_their_line(tmp_path: Path) -> None:
    path = tmp_path / "ctrl.md"
    path.write_text(HEAD + "\n## Steps\n\n### One\nTap \x1b here.\n", encoding="utf-8")
    with pytest.raises(GuideError) as raised:
        load_guide(path)
    assert raised.value.line == 10
    assert "control character (U+001B)" in str(raised.value)


def test_a_control_character_in_the_front_matter_is_named(tmp_path: Path) -> None:
    path = tmp_path / "control.md"
    path.write_text("---\ntitle: A\x1f title\n---\n", encoding="utf-8")
    with pytest.raises(GuideError) as caught:
        load_guide(path)
    messages = str(caught.value).splitlines()
    assert (
        f"{path}:2: error: an invisible control character (U+001F) is on this line: delete it "
        "(it often comes from copying text out of another program)" in messages
    )
    assert not any("front matter contains the control character" in m for m in messages)


def test_a_hidden_character_does_not_hide_the_other_problems(tmp_path: Path) -> None:
    path = tmp_path / "many.md"
    path.write_text("---\ntitle: A\u200b title\nminutes: lots\n---\n", encoding="utf-8")
    with pytest.raises(GuideError) as raised:
        load_guide(path)
    messages = [p.message for p in raised.value.problems]
    assert any("ZERO WIDTH SPACE" in m for m in messages)
    assert any("needs 'summary:'" in m for m in messages)
    assert any("whole number of minutes" in m for m in messages)
    assert any("no '## Steps' section" in m for m in messages)


@pytest.mark.parametrize("mark", ["\u2022", "1)"])
def test_a_list_pasted_from_a_word_processor_is_pointed_out(tmp_path: Path, mark: str) -> None:
    path = tmp_path / "pasted.md"
    path.write_text(
        HEAD + f"\n## Steps\n\n### One\nYou need:\n{mark} a phone\n{mark} a charger\n",
        encoding="utf-8",
    )
    with pytest.raises(GuideError) as raised:
        load_guide(path)
    assert raised.value.line == 11
    assert f"a line starts with '{mark}'" in str(raised.value)
