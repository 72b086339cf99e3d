"""A YAML tag written on a front-matter value is an error, never silently dropped.

``region: !!binary aGVsbG8=`` kept ``aGVsbG8=`` and ``!!python/name:os.system`` was called
"empty": a tag changes what a value means, and dropping it quietly shows something else
than the author meant. Tags YAML adds by itself (``!!str 12``) keep the text as written.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from generator.parse import load_guide
from generator.problems import GuideError

FRONT = "---\ntitle: T\nsummary: S\nchecked: 2026-11-20\n{line}\n---\n\n## Steps\n\n### One\n"


@pytest.mark.parametrize(
    ("line", "tag"),
    [
        ("region: !!binary aGVsbG8=", "!!binary"),
        ("region: !custom UK", "!custom"),
        ("region: !!python/name:os.system", "!!python/name:os.system"),
        ('region: !!python/object/apply:os.system ["echo hi"]', "!!python/object/apply"),
        ("applies_to: [Facebook, !x Instagram]", "!x"),
        ("source:\n  title: !!set {a, b}", "!!set"),
    ],
)
def test_a_written_tag_is_an_error_at_its_line(
    write_guide: Callable[..., Path], line: str, tag: str
) -> None:
    path = write_guide(FRONT.format(line=line))
    with pytest.raises(GuideError) as raised:
        load_guide(path)
    found = [str(problem) for problem in raised.value.problems]
    assert any(
        problem.startswith(f"{path}:5: error: ") or problem.startswith(f"{path}:6: error: ")
        for problem in found
        if f"YAML tag '{tag}" in problem
    ), found


def test_a_tag_yaml_adds_itself_keeps_the_text(write_guide: Callable[..., Path]) -> None:
    path = write_guide(FRONT.format(line="region: !!str 010"))
    assert load_guide(path).region == "010"


def test_a_key_that_is_not_a_word_is_named_plainly(write_guide: Callable[..., Path]) -> None:
    path = write_guide(FRONT.format(line="? [a, b]\n: UK"))
    with pytest.raises(GuideError) as raised:
        load_guide(path)
    assert f"{path}:5: error: a key must be a plain word like 'title'" in [
        str(problem) for problem in raised.value.problems
    ]
