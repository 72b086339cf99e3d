"""Every count the tool prints agrees with its number, in English and in each catalog:
"1 step", "2 steps"; Polish "5 kroków"; Welsh's five forms."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from helpers.cli import run_split
from helpers.email import make_picture
from helpers.guides import FIRST_GUIDE

import generator
from generator.i18n import translations_for

ONE_OF_EACH = """\
---
title: One of each
summary: A guide with one step, one caveat and one question.
checked: 2026-11-20
---

![A blue square](square.png)

## Steps

### Do the one thing

Do it.

## Caveats

### Mind this

Carefully.

## Questions

### Why?

Because.
"""


def one_of_each(tmp_path: Path) -> Path:
    make_picture(tmp_path / "square.png", (200, 200))
    path = tmp_path / "one.md"
    path.write_text(ONE_OF_EACH, encoding="utf-8")
    return path


def test_check_says_1_step_1_caveat_1_question(tmp_path: Path) -> None:
    code, out, err = run_split("check", "--max-age", "100000", str(one_of_each(tmp_path)))
    assert code == 0, err
    assert out.endswith("ok (1 step, 1 caveat, 1 question)\n")


def test_build_says_1_picture_beside_it(tmp_path: Path) -> None:
    out = tmp_path / "out"
    code, stdout, err = run_split(
        "build", "--format", "html", "--out", str(out), str(one_of_each(tmp_path))
    )
    assert code == 0, err
    assert "1 picture beside it)" in stdout


def test_polish_counts_take_their_own_forms(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANGUAGE", "pl")
    code, out, _ = run_split("check", "--max-age", "100000", str(FIRST_GUIDE))
    assert code == 0
    assert out.endswith("w porządku (5 kroków, 3 zastrzeżenia, 3 pytania)\n")


@pytest.mark.parametrize(
    ("count", "welsh"),
    [(1, "1 dudalen"), (2, "2 dudalen"), (3, "3 tudalen"), (6, "6 thudalen"), (7, "7 tudalen")],
)
def test_welsh_pages_follow_its_five_plural_forms(count: int, welsh: str) -> None:
    form = translations_for("cy").ngettext("%(count)d page", "%(count)d pages", count)
    assert form % {"count": count} == welsh


def test_no_count_is_made_plural_by_adding_an_s() -> None:
    # The English-only trick ("1 questions", "1 pictures") must not come back.
    package = Path(generator.__file__).parent
    offenders = [
        f"{path.relative_to(package)}:{number}"
        for path in sorted(package.rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if re.search(r"""else\s+["']s["']""", line)
    ]
    assert offenders == []
