"""`guide new` starts a guide that `guide check` passes, asks on a terminal, never overwrites."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.cli import invoke, run_on_a_terminal
from helpers.guides import SHIPPED, TODAY

from generator.check import check_paths
from generator.parse import load_guide


def test_a_new_guide_is_written_checked_today_and_passes_check(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = invoke("new", "lock-your-phone", "--title", "Lock your phone")
    assert result.exit_code == 0, result.output
    path = tmp_path / "content" / "lock-your-phone.md"
    assert f"wrote {Path('content') / 'lock-your-phone.md'}" in result.stdout
    assert "guide preview content/lock-your-phone.md" in result.stdout
    guide = load_guide(path)
    assert guide.title == "Lock your phone"
    assert guide.checked == TODAY
    assert (len(guide.steps), len(guide.caveats), len(guide.questions)) == (2, 1, 1)
    assert guide.needs and guide.facilitator
    checked = check_paths([path], today=TODAY)
    assert checked.errors == [] and checked.guides
    # Only the reminders that its example text is still there.
    assert all("example text from 'guide new'" in p.message for p in checked.problems)


@pytest.mark.parametrize("lang", SHIPPED)
def test_the_starter_passes_check_in_every_shipped_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str
) -> None:
    monkeypatch.chdir(tmp_path)
    result = invoke(
        "new", "start", "--title", "Un titre: à vous", "--lang", lang, "--dir", "guides"
    )
    assert result.exit_code == 0, result.output
    path = tmp_path / "guides" / "start.md"
    text = path.read_text(encoding="utf-8")
    assert "{#steps}" in text and "{#caveats}" in text and "{#questions}" in text
    # The words are in the guide's language: no English sentence is left from the starter.
    assert "Tell the reader how they will know" not in text
    checked = check_paths([path], today=TODAY)
    assert checked.errors == []
    # The example text is recognised in the guide's language: one reminder for each part.
    assert len(checked.warnings) == 8
    assert checked.guides[0].title == "Un titre: à vous"
    assert checked.guides[0].lang == lang


def test_an_existing_file_is_never_replaced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    mine = tmp_path / "content" / "lock-your-phone.md"
    mine.parent.mkdir()
    mine.write_text("my own words\n", encoding="utf-8")
    result = invoke("new", "lock-your-phone", "--title", "Another")
    assert result.exit_code == 1
    assert f"{Path('content') / 'lock-your-phone.md'}: error: this file is already there" in (
        result.stderr
    )
    assert mine.read_text(encoding="utf-8") == "my own words\n"
    assert sorted(p.name for p in mine.parent.iterdir()) == ["lock-your-phone.md"]


def test_without_a_terminal_the_title_is_needed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = invoke("new", "lock-your-phone", input="")
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        "error: give the title with --title (there is no terminal to ask on)"
    )
    assert not (tmp_path / "content").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["Lock-Phone", "--title", "T"], "'Lock-Phone' cannot name a guide"),
        (["lock", "--title", "T", "--lang", "english"], "'english' is not a language code"),
        (["lock", "--title", "T", "--lang", "km"], "guides in Khmer cannot be made yet"),
        (
            ["readme", "--title", "T"],
            "'readme' cannot name a guide: every command skips README.md, which holds notes "
            "about a folder, never a guide; pick another name",
        ),
        (["changelog", "--title", "T"], "'changelog' cannot name a guide: every command skips"),
    ],
)
def test_bad_names_and_languages_are_refused_before_writing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], message: str
) -> None:
    monkeypatch.chdir(tmp_path)
    result = invoke("new", *args)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"error: {message}")
    assert not (tmp_path / "content").exists()


def test_on_a_terminal_it_asks_for_the_title_and_language(tmp_path: Path) -> None:
    code, shown = run_on_a_terminal(
        "new", "lock-your-phone", typed=b"Zablokuj telefon\npl\n", cwd=tmp_path
    )
    assert code == 0, shown
    assert "Title:" in shown and "Language code" in shown
    guide = load_guide(tmp_path / "content" / "lock-your-phone.md")
    assert (guide.title, guide.lang) == ("Zablokuj telefon", "pl")


def test_a_mistyped_folder_is_not_made_with_its_parents(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = invoke("new", "lock", "--title", "T", "--dir", "contnet/guides")
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        f"{Path('contnet/guides')}: error: there is no folder contnet to make this folder in: "
        "check the name, or make that folder first"
    )
    assert list(tmp_path.iterdir()) == []
    # One missing folder is made, as mkdir would.
    result = invoke("new", "lock", "--title", "T", "--dir", "guides")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "guides" / "lock.md").is_file()


def test_each_part_still_holding_the_starters_example_text_is_a_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    invoke("new", "lock", "--title", "Lock your phone")
    path = Path("content") / "lock.md"
    result = invoke("check", str(path))
    assert result.exit_code == 0  # a warning, so the starter passes 'guide check' as written
    reminder = "still has the example text from 'guide new': replace it with your own"
    assert result.stderr.splitlines() == [
        f"{path}:3: warning: the summary {reminder}",
        f"{path}:9: warning: the introduction {reminder}",
        f"{path}:13: warning: the section 'What you'll need' {reminder}",
        f"{path}:19: warning: step 1 {reminder}",
        f"{path}:22: warning: step 2 {reminder}",
        f"{path}:27: warning: caveat 1 {reminder}",
        f"{path}:32: warning: question 1 {reminder}",
        f"{path}:36: warning: the section 'Facilitator notes' {reminder}",
    ]
    # Writing one's own words in a part ends its reminder.
    text = (tmp_path / path).read_text(encoding="utf-8")
    text = text.replace(
        "Tell the reader how they will know the step worked.",
        "The padlock at the top of the screen is closed.",
    )
    (tmp_path / path).write_text(text, encoding="utf-8")
    result = invoke("check", str(path))
    assert "step 2" not in result.stderr and "step 1" in result.stderr


@pytest.mark.parametrize(
    ("title", "said"),
    [
        (
            "Lock \u202eyour phone",
            "content/lock-your-phone.md:2: error: an invisible formatting character "
            "(U+202E RIGHT-TO-LEFT OVERRIDE)",
        ),
        (
            "Lock your phone " * 7,
            "error: the title is 111 characters long, more than a page can show: shorten it "
            "to at most 100",
        ),
    ],
)
def test_a_title_check_would_refuse_writes_no_guide(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, title: str, said: str
) -> None:
    monkeypatch.chdir(tmp_path)
    result = invoke("new", "lock-your-phone", "--title", title)
    assert result.exit_code == 1
    assert said in result.stderr
    assert not (tmp_path / "content" / "lock-your-phone.md").exists()


def test_a_language_code_is_quoted_without_its_escape(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = invoke("new", "x", "--title", "T", "--lang", "en\x1b]0;X\x07")
    assert result.exit_code == 1
    assert "'en\\x1b]0;X\\x07' is not a language code" in result.stderr
    assert "\x1b" not in result.stderr


def test_a_folder_named_with_an_escape_is_shown_escaped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = invoke("new", "x", "--title", "T", "--dir", "d\x1b]0;X\x07")
    assert result.exit_code == 0
    assert "wrote d\\x1b]0;X\\x07/x.md" in result.stdout
    assert "\x1b" not in result.stdout


def test_the_longest_name_a_guide_may_have_builds_every_format(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    slug = ("lock-your-phone-" * 7)[:99] + "x"  # 100 characters
    # guide new offers at most 60 characters; a longer name given to a file by hand still builds.
    assert invoke("new", "lock", "--title", "Lock your phone").exit_code == 0
    (tmp_path / "content" / "lock.md").rename(tmp_path / "content" / f"{slug}.md")
    result = invoke("build", f"content/{slug}.md", "--out", "output")
    assert result.exit_code == 0, result.output
    assert len(list((tmp_path / "output").glob(f"{slug}.*"))) == 4
    longer = tmp_path / "content" / f"{slug}z.md"
    (tmp_path / "content" / f"{slug}.md").rename(longer)
    result = invoke("check", str(longer))
    assert result.exit_code == 1
    assert "is 101 characters long before '.md', longer than a guide's name may be" in (
        result.stderr
    )


@pytest.mark.parametrize(("made", "kind"), [("pipe", "a named pipe"), ("device", "a device")])
def test_a_folder_given_that_is_not_a_folder_is_named_for_what_it_is(
    tmp_path: Path, made: str, kind: str
) -> None:
    import os

    given = tmp_path / "guides"
    if made == "pipe":
        os.mkfifo(given)
    else:
        given.symlink_to("/dev/null")
    result = invoke("new", "lock", "--title", "Lock your phone", "--dir", str(given))
    assert result.exit_code == 1
    assert f"'{given}' is {kind}, not a folder" in result.stderr, result.stderr
    assert "File exists" not in result.stderr
