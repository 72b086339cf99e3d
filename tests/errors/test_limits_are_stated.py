"""Deep nesting, oversized files and overlong guides are refused up front, limit in the message.

None of these may reach Python's recursion limit, read a huge file into memory, or pass
``check`` and then fail in ``build``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from helpers.cli import run

from generator.parse import load_guide
from generator.problems import GuideError

FRONT = "---\ntitle: T\nsummary: S\nchecked: 2026-11-20\n---\n"
HEAD = FRONT + "\n## Steps\n\n### One\n"


def refusal(path: Path) -> str:
    with pytest.raises(GuideError) as raised:
        load_guide(path)
    return "\n".join(str(problem) for problem in raised.value.problems)


@pytest.mark.parametrize(
    ("body", "said"),
    [
        ("".join("    " * level + "- item\n" for level in range(60)), "at most 4 levels deep"),
        ("- " * 1000 + "item\n", "nested 1000 levels deep"),
        ("1. " * 50 + "item\n", "at most 4 levels deep"),
        ("- a\n" + "\t" * 40 + "- b\n", "at most 4 levels deep"),
        ("*" * 2000 + "word" + "*" * 2000 + "\n", "nested more than 4 levels"),
        ("_" * 2000 + "word" + "_" * 2000 + "\n", "nested more than 4 levels"),
        ("*_" * 500 + "word" + "_*" * 500 + "\n", None),
        ("[" * 3000 + "x" + "]" * 3000 + "\n", "at most 60 in one paragraph"),
        ("<" * 3000 + "\n", "at most 300"),
        ("\n\n".join(["<http://a"] * 400) + "\n", "more than 300 '<'"),
        ("word " * 2100 + "\n", "more than 10000 characters long"),
    ],
)
def test_deep_nesting_in_the_body_is_an_error_with_its_limit(
    write_guide: Callable[..., Path], body: str, said: str | None
) -> None:
    path = write_guide(HEAD + "Do it.\n\n" + body)
    try:
        guide = load_guide(path)
    except GuideError as error:
        assert said is None or said in str(error), str(error)
    else:
        assert said is None, f"{guide} passed"


@pytest.mark.parametrize(
    "value",
    ["[" * 1000 + "]" * 1000, "{a: " * 1000 + "1" + "}" * 1000, "[[[[x]]]]"],
)
def test_deep_nesting_in_the_front_matter_is_an_error(
    write_guide: Callable[..., Path], value: str
) -> None:
    path = write_guide(f"---\ntitle: T\nsummary: S\nchecked: 2026-11-20\nregion: {value}\n---\n")
    assert f"{path}:5: error: the front matter is nested more than 3 levels deep" in refusal(path)


def test_deep_nesting_in_guide_toml_is_an_error(
    tmp_path: Path, write_guide: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_guide(HEAD + "Do it.\n")
    (tmp_path / "guide.toml").write_text("org = " + "[" * 2000 + "]" * 2000 + "\n")
    monkeypatch.chdir(tmp_path)
    code, output = run("check", str(path))
    assert code != 0
    assert "guide.toml: error: is nested more than 3 levels deep" in output


def test_a_huge_guide_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "huge.md"
    with path.open("wb") as handle:
        handle.truncate(10 * 1024 * 1024)  # sparse: 10 MB that take no time to write
    code, output = run("check", str(path))
    assert code == 1
    assert output == (
        f"{path}: error: the file is 10,240 KB, too large for a guide (at most 256 KB): a "
        "guide is a few pages; split it into several\n"
    )


def test_huge_settings_recipients_and_notes_are_refused_before_they_are_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator.send.inputs import read_note
    from generator.send.recipients import read_recipients

    monkeypatch.chdir(tmp_path)
    for name in ("guide.toml", "people.csv", "note.txt"):
        with (tmp_path / name).open("wb") as handle:
            handle.truncate(50 * 1024 * 1024)
    code, output = run("check", str(tmp_path))
    assert code != 0
    assert "guide.toml: error: is 51200 KB: a settings file may be at most 64 KB" in output
    (tmp_path / "guide.toml").unlink()
    with pytest.raises(GuideError) as raised:
        read_recipients([str(tmp_path / "people.csv")])
    assert "is 51200 KB, larger than this file can be (at most 4096 KB)" in str(raised.value)
    with pytest.raises(GuideError) as raised:
        read_note(None, tmp_path / "note.txt")
    assert "(at most 64 KB)" in str(raised.value)


def test_a_guide_of_1200_steps_gets_one_error_naming_the_limit(
    write_guide: Callable[..., Path],
) -> None:
    steps = "".join(f"### Step {n}\nDo thing {n}.\n\n" for n in range(1, 1201))
    path = write_guide(FRONT + "\n## Steps\n\n" + steps)
    assert refusal(path) == (
        f"{path}:306: error: 'Steps' has more than 99 steps: at most 99 fit in a handout a "
        "reader can follow; split the guide into several"
    )


@pytest.mark.parametrize(
    ("front", "said"),
    [
        ("title: " + "Word " * 30, "'title' is 149 characters long, more than a page can show"),
        ("summary: " + "word " * 100, "(at most 400)"),
        ("applies_to: [" + ", ".join(f"App {n}" for n in range(9)) + "]", "at most 8"),
        ("applies_to: [" + ", ".join("W" * 30 for _ in range(4)) + "]", "(at most 100)"),
        ("region: " + "R" * 81, "(at most 80)"),
    ],
)
def test_texts_too_long_for_a_page_are_refused_by_check(
    write_guide: Callable[..., Path], front: str, said: str
) -> None:
    fields = {"title": "T", "summary": "S", "checked": "2026-11-20"}
    key, _, value = front.partition(": ")
    fields[key] = value
    lines = "".join(f"{name}: {written}\n" for name, written in fields.items())
    path = write_guide(f"---\n{lines}---\n\n## Steps\n\n### One\nDo it.\n")
    assert said in refusal(path)


@pytest.mark.parametrize(
    ("body", "said"),
    [
        ("### " + "Word " * 30 + "\nDo.\n", "the heading is 149 characters long"),
        ("### One\nSee [" + "word " * 30 + "](https://example.org/).\n", "(at most 100)"),
    ],
)
def test_headings_and_link_texts_too_long_for_a_page_are_refused_by_check(
    write_guide: Callable[..., Path], body: str, said: str
) -> None:
    path = write_guide(FRONT + "\n## Steps\n\n" + body)
    assert said in refusal(path)


def test_a_guide_at_every_limit_that_check_passes_builds_in_large_print(
    tmp_path: Path, write_guide: Callable[..., Path]
) -> None:
    def words(length: int, longest: int = 20) -> str:
        out: list[str] = []
        while sum(len(word) + 1 for word in out) < length:
            out.append("W" * min(longest, length - sum(len(word) + 1 for word in out)))
        return " ".join(out)[:length]

    front = (
        f"---\ntitle: {words(100, 50)}\nsummary: {words(400)}\nchecked: 2026-11-20\n"
        f"region: {words(80)}\nminutes: 600\napplies_to: [{', '.join([words(22)] * 4)}]\n"
        f"source:\n  title: {words(100)}\n  publisher: {words(120)}\n"
        f"  url: https://example.org/{'a' * 130}\n---\n\n"
    )
    body = (
        f"## Steps\n\n### {'W' * 120}\nGo to [{'W' * 100}](https://example.org/x).\n\n"
        f"### {words(120)}\nOr <https://example.org/?q={'x' * 127}>.\n\n"
        f"## Caveats\n\n### {words(120)}\nC.\n"
    )
    path = write_guide(front + body, name="maxed.md")
    code, output = run("check", str(path))
    assert code == 0, output
    for paper in ("a4", "letter"):
        code, output = run(
            "build", str(path), "--large-print", "--paper", paper, "--out", str(tmp_path / paper)
        )
        assert code == 0, output


def test_a_step_taller_than_a_large_print_page_passes_check_and_builds(
    write_guide: Callable[..., Path], tmp_path: Path
) -> None:
    """Three long-address cards in one step outgrow a large-print page: the step breaks
    between its blocks, so check and build agree that it prints."""
    links = " or ".join(f"<https://example.org/{n}?q={'x' * 120}>" for n in range(3))
    path = write_guide(FRONT + f"\n## Steps\n\n### One\nGo to {links}.\n")
    code, output = run("check", str(path))
    assert code == 0, output
    for paper in ("a4", "letter"):
        code, output = run(
            "build", str(path), "--large-print", "--paper", paper, "--out", str(tmp_path / paper)
        )
        assert code == 0, output
