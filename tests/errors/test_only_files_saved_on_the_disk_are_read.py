"""A guide, a list of people, a note, a settings file, a logo or a picture that is not a file
saved on the disk (a named pipe, a device, a folder) is refused at once, by name, and what is
read is never more than its limit and one byte, whatever the file says its size is."""

from __future__ import annotations

import contextlib
import os
import re
import resource
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from unittest import mock

import pytest
from click.testing import Result
from helpers.cli import invoke
from helpers.guides import MINIMAL, ROOT
from hypothesis import given, settings
from hypothesis import strategies as st

from generator import files

SENDER = "Anna <anna@example.net>"
PICTURED = MINIMAL.replace("Like this.", "Like this.\n\n![The settings screen](screen.png)\n")


def _pipe(path: Path) -> None:
    os.mkfifo(path)


def _device(path: Path) -> None:
    path.symlink_to("/dev/null")  # a device that reads as empty: taken for an empty file once


def _folder(path: Path) -> None:
    path.mkdir()


KINDS: dict[str, tuple[Callable[[Path], None], str]] = {
    "pipe": (_pipe, "a named pipe, not a file"),
    "device": (_device, "a device, not a file"),
    "folder": (_folder, "a folder"),
}


def _unblock(folder: Path) -> None:
    """Let a reader stuck opening a named pipe under ``folder`` go: it then reads nothing."""
    for path in folder.rglob("*"):
        if path.is_fifo():
            with contextlib.suppress(OSError):
                os.close(os.open(path, os.O_WRONLY | os.O_NONBLOCK))


def within(seconds: float, folder: Path, *args: str) -> Result:
    """``guide ARGS``, which must end within ``seconds`` (waiting on a pipe fails the test)."""
    done: list[Result] = []
    worker = threading.Thread(target=lambda: done.append(invoke(*args)), daemon=True)
    worker.start()
    worker.join(seconds)
    if not done:
        _unblock(folder)
        worker.join(5)
        pytest.fail(f"'guide {' '.join(args)}' was still waiting after {seconds} s")
    return done[0]


def _guide_read(tmp_path: Path, name: str) -> tuple[str, ...]:
    return ("check", name)


def _list_read(tmp_path: Path, name: str) -> tuple[str, ...]:
    (tmp_path / "small.md").write_text(MINIMAL, encoding="utf-8")
    return ("send", "small.md", "--from", SENDER, "--to", name, "--outbox", "outbox")


def _note_read(tmp_path: Path, name: str) -> tuple[str, ...]:
    (tmp_path / "small.md").write_text(MINIMAL, encoding="utf-8")
    return ("send", "small.md", "--from", SENDER, "--to", "mum@example.com", "--note-file", name)


def _settings_read(tmp_path: Path, name: str) -> tuple[str, ...]:
    (tmp_path / "guide.toml").symlink_to(name)
    (tmp_path / "small.md").write_text(MINIMAL, encoding="utf-8")
    return ("list", "small.md")


def _logo_read(tmp_path: Path, name: str) -> tuple[str, ...]:
    (tmp_path / "small.md").write_text(MINIMAL, encoding="utf-8")
    return ("build", "small.md", "--logo", name, "--format", "pdf", "--out", "output")


def _picture_read(tmp_path: Path, name: str) -> tuple[str, ...]:
    (tmp_path / "pictured.md").write_text(PICTURED.replace("screen.png", name), encoding="utf-8")
    return ("check", "pictured.md")


READERS: dict[str, tuple[Callable[[Path, str], tuple[str, ...]], str, str]] = {
    # What reads the file, the file's name, and the file each message names.
    "guide": (_guide_read, "holder.md", "holder.md"),
    "list of people": (_list_read, "family.csv", "family.csv"),
    "note": (_note_read, "note.txt", "note.txt"),
    "settings": (_settings_read, "settings.toml", "guide.toml"),
    "logo": (_logo_read, "logo.png", "--logo"),
    "picture": (_picture_read, "screen.png", "pictured.md"),
}


@pytest.mark.parametrize(
    ("reader", "kind"),
    # A folder named where a guide goes is searched for guides: it is not in this list.
    [(r, k) for r in sorted(READERS) for k in sorted(KINDS) if (r, k) != ("guide", "folder")],
)
def test_what_is_not_a_file_is_refused_at_once_by_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, reader: str, kind: str
) -> None:
    make, words = KINDS[kind]
    command, name, where = READERS[reader]
    monkeypatch.chdir(tmp_path)
    make(tmp_path / name)
    args = command(tmp_path, name)
    result = within(20, tmp_path, *args)
    said = result.stdout + result.stderr
    assert result.exit_code != 0, said
    assert "Traceback" not in said
    if (reader, kind) == ("logo", "folder"):  # the logo's own check names a folder given
        where = name
    if "Invalid value for '--" in said:  # an option's value is refused as click refuses any
        words = "is a directory" if kind == "folder" else words
    elif reader == "picture" and kind == "device":  # a link to /dev is outside the guide's folder
        words = "is outside the guide's folder"
    else:  # named by the path given, never by where a link leads
        assert re.search(rf"^{re.escape(where)}(:[0-9]+)?: error: ", said, re.MULTILINE), said
    assert words in said, said


def test_a_named_pipe_among_a_folders_guides_is_said_not_waited_on(tmp_path: Path) -> None:
    (tmp_path / "small.md").write_text(MINIMAL, encoding="utf-8")
    os.mkfifo(tmp_path / "stuck.md")
    result = within(20, tmp_path, "check", str(tmp_path))
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        f"{tmp_path / 'stuck.md'}: error: cannot be read: it is a named pipe, not a file: "
        "give a file saved on the disk"
    )


def _limited(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """``guide ARGS`` in a process that may use at most 1 GB of memory and 30 seconds."""

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))

    return subprocess.run(
        [sys.executable, "-m", "generator", *args],
        cwd=cwd,
        env={**os.environ, "PYTHONPATH": str(ROOT), "LANGUAGE": "en"},
        capture_output=True,
        text=True,
        timeout=30,
        preexec_fn=limit,
        check=False,
    )


@pytest.mark.parametrize(
    ("reader", "name"),
    [("guide", "zero.md"), ("list of people", "zero.csv"), ("note", "zero.txt")],
)
def test_a_link_to_an_endless_device_is_refused_not_read(
    tmp_path: Path, reader: str, name: str
) -> None:
    """``/dev/zero`` says its size is 0 and never ends: it is refused before any of it is read."""
    (tmp_path / name).symlink_to("/dev/zero")
    command, _name, _where = READERS[reader]
    done = _limited(*command(tmp_path, name), cwd=tmp_path)
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr and "MemoryError" not in done.stderr
    assert f"{name}: error: cannot be read: it is a device, not a file" in done.stderr


def test_guide_check_of_a_shared_folder_holding_such_a_link_ends(tmp_path: Path) -> None:
    (tmp_path / "small.md").write_text(MINIMAL, encoding="utf-8")
    (tmp_path / "zero.md").symlink_to("/dev/zero")
    done = _limited("check", *sorted(p.name for p in tmp_path.iterdir()), cwd=tmp_path)
    assert done.returncode == 1, done.stderr
    assert done.stderr.startswith("zero.md: error: cannot be read: it is a device, not a file")


@contextlib.contextmanager
def _counting_reads() -> Iterator[list[int]]:
    """The number of bytes each ``os.read`` of the block returned."""
    counted: list[int] = []
    real = os.read

    def read(descriptor: int, size: int) -> bytes:
        data = real(descriptor, size)
        counted.append(len(data))
        return data

    with mock.patch.object(files.os, "read", read):
        yield counted


@settings(max_examples=60, deadline=None)
@given(size=st.integers(0, 4096), limit=st.integers(0, 4096))
def test_a_file_is_read_whole_up_to_its_limit_and_never_past_one_byte_more(
    size: int, limit: int
) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "file"
        path.write_bytes(b"x" * size)
        with _counting_reads() as counted:
            if size <= limit:
                assert files.read_file(path, limit) == b"x" * size
            else:
                with pytest.raises(files.TooLarge) as raised:
                    files.read_file(path, limit)
                assert raised.value.size == size and raised.value.limit == limit
        assert sum(counted) <= limit + 1


def test_a_file_that_grows_past_its_limit_while_read_is_cut_at_one_byte_more(
    tmp_path: Path,
) -> None:
    """A file whose size said it fitted, but that holds more by the time it is read."""
    path = tmp_path / "growing"
    path.write_bytes(b"x" * 10)
    real_fstat = os.fstat

    def fstat(descriptor: int) -> os.stat_result:
        status = real_fstat(descriptor)
        path.write_bytes(b"x" * 10_000)  # grows between the look and the read
        return status

    with (
        mock.patch.object(files.os, "fstat", fstat),
        _counting_reads() as counted,
        pytest.raises(files.TooLarge),
    ):
        files.read_file(path, 100)
    assert sum(counted) == 101
