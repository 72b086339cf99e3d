"""Front matter keeps exactly what was written: YAML never turns text into numbers.

``summary: 010`` used to print as 8, ``region: 12:30`` as 750, ``0x1F`` as 31 and ``3.10``
as 3.1. Numbers and dates are read only where a number or a date is meant.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.parse import load_guide
from generator.problems import GuideError


def front(**fields: str) -> str:
    values = {"title": "T", "summary": "S", "checked": "2026-11-20", **fields}
    lines = "".join(f"{key}: {value}\n" for key, value in values.items())
    return f"---\n{lines}---\n\n## Steps\n\n### One\nDo it.\n"


@pytest.mark.parametrize(
    "written", ["010", "12:30", "0x1F", "3.10", "1e3", "yes", "No", "on", ".inf", "0o17", "1_000"]
)
def test_text_fields_keep_what_was_written(write_guide: Callable[..., Path], written: str) -> None:
    guide = load_guide(write_guide(front(summary=written, region=written, title=written)))
    assert (guide.title, guide.summary, guide.region) == (written, written, written)


def test_list_items_and_the_source_keep_what_was_written(
    write_guide: Callable[..., Path],
) -> None:
    text = front(applies_to="[010, 3.10, yes, 12:30]").replace(
        "---\n\n", "source:\n  title: 2024\n  publisher: 0x1F\n---\n\n", 1
    )
    guide = load_guide(write_guide(text))
    assert guide.applies_to == ("010", "3.10", "yes", "12:30")
    assert guide.source is not None
    assert (guide.source.title, guide.source.publisher) == ("2024", "0x1F")


def test_the_language_no_is_norwegian_not_false(write_guide: Callable[..., Path]) -> None:
    assert load_guide(write_guide(front(lang="no"))).lang == "no"


@pytest.mark.parametrize("written", ["1:30", "0x1F", "10.0", "yes", "-5", "010.5"])
def test_minutes_must_be_a_plain_whole_number(
    write_guide: Callable[..., Path], written: str
) -> None:
    with pytest.raises(GuideError, match="'minutes' must be a whole number of minutes"):
        load_guide(write_guide(front(minutes=written)))


def test_aliases_cannot_make_the_front_matter_explode(write_guide: Callable[..., Path]) -> None:
    lines = ["region: &l0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"source{n}: &l{n} [" + ", ".join([f"*l{n - 1}"] * 10) + "]" for n in range(1, 12)]
    text = front().replace("---\n\n", "\n".join(lines) + "\napplies_to: [*l11]\n---\n\n", 1)
    started = time.monotonic()
    with pytest.raises(GuideError) as raised:
        load_guide(write_guide(text))
    assert time.monotonic() - started < 5  # 10**12 names, were they ever expanded
    assert "'applies_to' must be a list of names" in str(raised.value)
