"""What README.md shows the tool printing is what it prints: every command after a ``$`` in a
``console`` example is run on the shipped guides, and its sizes and page counts must match.
A line ``…`` in an example stands for one or more lines left out.

Like ``test_shipped_guides_build.py``, this reads content/ (the README's examples are of the
shipped guides), taking as today the newest 'checked' date there.
"""

from __future__ import annotations

import re
import shlex
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from helpers.cli import run_split
from helpers.guides import ROOT

from generator import clock
from generator.parse import find_guides, load_guide

README = ROOT / "README.md"
CONSOLE = re.compile(r"^```console\n(.*?)^```$", re.MULTILINE | re.DOTALL)


@dataclass(frozen=True)
class Example:
    """One command shown in README.md and the lines shown after it."""

    line: int
    command: list[str]
    shown: list[str]


def examples() -> list[Example]:
    """Every ``$`` command of README.md's console blocks, with the output shown under it."""
    text = README.read_text(encoding="utf-8")
    found: list[Example] = []
    for block in CONSOLE.finditer(text):
        first_line = text[: block.start(1)].count("\n") + 1
        lines = block.group(1).splitlines()
        index = 0
        while index < len(lines):
            if not lines[index].startswith("$ "):
                index += 1
                continue
            start = index
            command = lines[index][2:]
            while command.endswith("\\"):
                index += 1
                command = command[:-1] + lines[index].strip()
            index += 1
            shown: list[str] = []
            while index < len(lines) and not lines[index].startswith("$ "):
                shown.append(lines[index])
                index += 1
            found.append(Example(first_line + start, shlex.split(command), shown))
    return found


@pytest.fixture
def shipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder holding a copy of content/, on the day its newest guide was checked."""
    shutil.copytree(ROOT / "content", tmp_path / "content")
    newest = max(load_guide(path).checked for path in find_guides([ROOT / "content"]))
    monkeypatch.setenv(clock.TODAY, newest.isoformat())
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1790000000")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def matches(printed: list[str], shown: list[str]) -> bool:
    """True when ``printed`` is ``shown``, each ``…`` line standing for one or more lines."""
    if not shown:
        return not printed
    if shown[0] == "…":
        return any(matches(printed[skip:], shown[1:]) for skip in range(1, len(printed) + 1))
    return bool(printed) and printed[0] == shown[0] and matches(printed[1:], shown[1:])


def test_the_readme_shows_commands_with_their_output() -> None:
    shown = [" ".join(example.command[:2]) for example in examples()]
    assert shown == ["guide build", "guide workshop", "guide site"]


def test_a_left_out_line_stands_for_one_or_more() -> None:
    assert matches(["a", "b", "c", "d"], ["a", "…", "d"])
    assert not matches(["a", "d"], ["a", "…", "d"])
    assert not matches(["a", "b", "c"], ["a", "…", "d"])


@pytest.mark.parametrize("example", examples(), ids=lambda example: f"README.md:{example.line}")
def test_each_command_prints_what_the_readme_shows(shipped: Path, example: Example) -> None:
    assert example.command[0] == "guide"
    code, out, err = run_split(*example.command[1:])
    assert code == 0, err
    printed = out.splitlines()
    assert matches(printed, example.shown), (
        f"README.md:{example.line}: the tool now prints, for {shlex.join(example.command)}:\n"
        + "\n".join(printed)
    )


def test_the_page_counts_and_email_sizes_the_readme_states(shipped: Path) -> None:
    text = " ".join(README.read_text(encoding="utf-8").split())
    pages = re.search(
        r"Measured on the bundled guide: (\d+) pages on A4 and on Letter, (\d+) in large print "
        r"on both\.",
        text,
    )
    html = re.search(
        r"The bundled guide's HTML is ([\d.]+) KB in either print size \((\d+) bytes more in "
        r"large print\)",
        text,
    )
    assert pages and html
    sizes: dict[bool, int] = {}
    for large in (False, True):
        for paper in ("a4", "letter"):
            out = shipped / f"out-{paper}-{large}"
            options = ["--large-print"] if large else []
            code, printed, err = run_split(
                "build", "content/meta-ai-objection.md", "--paper", paper, *options,
                "--format", "pdf", "--format", "html", "--out", str(out),
            )  # fmt: skip
            assert code == 0, err
            wanted = pages.group(2) if large else pages.group(1)
            assert f", {wanted} pages)" in printed.splitlines()[0], (paper, large, printed)
            sizes[large] = (out / "meta-ai-objection.html").stat().st_size
    assert f"{sizes[False] / 1024:.1f}" == html.group(1) == f"{sizes[True] / 1024:.1f}"
    assert sizes[True] - sizes[False] == int(html.group(2))
