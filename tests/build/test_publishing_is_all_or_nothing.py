"""The files of one build (handout, email, text, message) and of one workshop pack are put in
place all together or not at all: every name is checked before any file is replaced, a
rename that fails puts back what the others replaced, and each message names the real file,
never a temporary ``.part`` one."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from helpers.cli import run_split
from helpers.guides import MINIMAL
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator import publish
from generator.artifacts import Artifact


def contents(folder: Path) -> dict[str, bytes | None]:
    """Every file under ``folder`` and its bytes (None for a folder)."""
    return {
        str(path.relative_to(folder)): None if path.is_dir() else path.read_bytes()
        for path in sorted(folder.rglob("*"))
    }


@pytest.fixture
def built(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """small.md built once into output/, then changed so a new build differs."""
    monkeypatch.chdir(tmp_path)
    guide = tmp_path / "small.md"
    guide.write_text(MINIMAL, encoding="utf-8")
    code, _out, err = run_split("build", "small.md")
    assert code == 0, err
    guide.write_text(MINIMAL.replace("Like this.", "Like this, and then like that."))
    return tmp_path / "output"


@pytest.mark.parametrize("blocked", ["small.txt", "small.pdf", "small.eml"])
def test_a_folder_in_one_outputs_place_stops_the_whole_build(built: Path, blocked: str) -> None:
    (built / blocked).unlink()
    (built / blocked).mkdir()
    before = contents(built)
    code, out, err = run_split("build", "small.md")
    assert code == 1
    assert err.splitlines() == [
        f"{Path('output') / blocked}: error: is a folder where this file must go: move or "
        "rename the folder; nothing was written"
    ]
    assert "wrote" not in out
    assert contents(built) == before  # the other three are the earlier build's, untouched


def test_a_file_where_a_folder_must_go_is_named_with_the_file_it_was_for(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "small.md").write_text(MINIMAL, encoding="utf-8")
    (tmp_path / "output").write_text("a note, not a folder")
    out_folder = str(Path("output") / "handouts")
    code, out, err = run_split("build", "small.md", "--format", "txt", "--out", out_folder)
    assert code == 1
    assert err.splitlines() == [
        "output: error: is a file where a folder of that name must go (for small.txt): move "
        "or rename it; nothing was written"
    ]
    assert ".part" not in err and "wrote" not in out


def test_a_folder_in_one_files_place_stops_the_whole_workshop_pack(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "small.md").write_text(MINIMAL, encoding="utf-8")
    code, _out, err = run_split("workshop", "small.md")
    assert code == 0, err
    folder = tmp_path / "output" / "workshop"
    (folder / "facilitator-sheet.pdf").unlink()
    (folder / "facilitator-sheet.pdf").mkdir()
    before = contents(folder)
    code, out, err = run_split("workshop", "small.md", "--title", "A new title for the pack")
    assert code == 1
    assert err.splitlines() == [
        f"{Path('output/workshop/facilitator-sheet.pdf')}: error: is a folder where this file "
        "must go: move or rename the folder; nothing was written"
    ]
    assert "wrote" not in out
    assert contents(folder) == before  # the attendee pack is not published alone


NAMES = ("small.pdf", "small.html", "small.txt", "small.eml", "small-pictures/screen.png")


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    earlier=st.lists(st.booleans(), min_size=len(NAMES), max_size=len(NAMES)),
    failing=st.integers(0, len(NAMES) - 1),
)
def test_a_rename_that_fails_puts_back_every_file_as_it_was(
    tmp_path_factory: pytest.TempPathFactory, earlier: list[bool], failing: int
) -> None:
    folder = tmp_path_factory.mktemp("out")
    for name, there in zip(NAMES, earlier, strict=True):
        if there:
            (folder / name).parent.mkdir(exist_ok=True)
            (folder / name).write_bytes(b"earlier " + name.encode())
    before = contents(folder)
    artifacts = [Artifact(name, b"new " + name.encode(), None) for name in NAMES]
    real_replace = os.replace
    renames: list[str] = []

    def replace(source: str | Path, target: str | Path) -> None:
        # Only renames onto a final name fail; putting an earlier file back never does.
        if not Path(source).name.startswith(f".{Path(target).name}.") or ".part" not in str(source):
            real_replace(source, target)
            return
        renames.append(Path(target).name)
        if len(renames) == failing + 1:
            raise OSError(5, "Input/output error", str(source), None, str(target))
        real_replace(source, target)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(publish.os, "replace", replace)
        with pytest.raises(OSError) as raised:
            publish.publish(artifacts, folder, lambda artifact, data, final: [])
    assert raised.value.filename == str(folder / NAMES[failing])  # the real name
    assert contents(folder) == before


def test_a_folder_named_like_one_message_keeps_the_whole_outbox_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "small.md").write_text(MINIMAL, encoding="utf-8")
    (tmp_path / "family.csv").write_text(
        "email,name\nmum@example.com,Mum\ndad@example.com,Dad\n", encoding="utf-8"
    )
    send = ("send", "small.md", "--to", "family.csv", "--from", "Anna <anna@example.net>")
    code, _out, err = run_split(*send, "--note", "The first note.")
    assert code == 0, err
    outbox = tmp_path / "output" / "outbox" / "small"
    (outbox / "dad@example.com.eml").unlink()
    (outbox / "dad@example.com.eml").mkdir()
    messages = {name: data for name, data in contents(outbox).items() if ".eml" in name}
    code, _out, err = run_split(*send, "--note", "A second note, which changes every message.")
    assert code == 1
    assert err.splitlines() == [
        f"{outbox.relative_to(tmp_path) / 'dad@example.com.eml'}: error: is a folder where this "
        "file must go: move or rename the folder; nothing was written",
        "Nothing was sent.",
    ]
    # Mum's message is the first run's, not the second's, and nothing else is there.
    assert {name: data for name, data in contents(outbox).items() if "journal" not in name} == (
        messages
    )
