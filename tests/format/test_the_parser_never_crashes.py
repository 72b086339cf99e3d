"""Arbitrary text never makes the parser raise anything but GuideError."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.parse import parse_guide
from generator.problems import GuideError

FRAGMENTS = st.sampled_from(
    [
        "---\n",
        "title: T\n",
        "summary: S\n",
        "checked: 2026-01-01\n",
        "lang: pl\n",
        "## Steps\n",
        "### One\n",
        "## Caveats\n",
        "## Questions\n",
        "## What you'll need\n",
        "- item\n",
        "1. item\n",
        "<b>x</b>",
        "[a](https://x.org)",
        "![alt](x.png)",
        "**b**",
        "*e*",
        "`c`",
        "{#steps}",
        "\n",
        "    code\n",
        "> q\n",
        "&amp;",
        "<div>\n",
        "#",
        "source:\n  title: X\n",
        "minutes: 5\n",
        "applies_to: [A]\n",
        ": :\n",
        "- [\n",
    ]
)
DOCUMENTS = st.one_of(
    st.text(),
    st.lists(st.one_of(FRAGMENTS, st.text(max_size=8)), max_size=40).map("".join),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(DOCUMENTS)
def test_any_text_parses_or_raises_guide_error(text: str) -> None:
    folder = Path(tempfile.mkdtemp())
    try:
        guide = parse_guide(text, folder / "any.md")
    except GuideError as error:
        assert error.problems
        for problem in error.problems:
            assert problem.message
            assert problem.line is None or problem.line >= 1
    else:
        assert guide.steps, "a guide that parses always has steps"
