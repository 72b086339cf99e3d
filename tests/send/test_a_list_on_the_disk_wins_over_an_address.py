"""``--to`` names a list of people or one address: a file that is there is always the list
(even ``family@2024.csv``, which looks like an address), and the run says it read it so; a
name no address can have (ending in .csv, .tsv or .txt) is never someone to write to."""

from __future__ import annotations

import string
from pathlib import Path

import pytest
from click.testing import Result
from helpers.cli import invoke
from helpers.guides import MINIMAL
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.problems import GuideError
from generator.send.recipients import read_recipients

THREE = "email,name\nmum@example.com,Mum\ndad@example.com,Dad\ngran@example.org,Gran\n"


def send_to(tmp_path: Path, *to: str) -> Result:
    (tmp_path / "small.md").write_text(MINIMAL, encoding="utf-8")
    args = [arg for value in to for arg in ("--to", value)]
    return invoke("send", "small.md", "--from", "Anna <anna@example.net>", *args)


def test_an_existing_list_named_like_an_address_is_read_and_said(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "family@2024.csv").write_text(THREE, encoding="utf-8")
    result = send_to(tmp_path, "family@2024.csv")
    assert result.exit_code == 0, result.output
    outbox = tmp_path / "output" / "outbox" / "small"
    assert sorted(p.name for p in outbox.glob("*.eml")) == [
        "dad@example.com.eml",
        "gran@example.org.eml",
        "mum@example.com.eml",
    ]
    assert (
        "family@2024.csv: note: read as the list of people in this file, not as an address, "
        "because a file of this name is here; to write to that address instead, give it as "
        "'Name <address>'"
    ) in result.stderr
    assert "family@2024.csv.eml" not in result.output


def test_a_missing_list_named_like_an_address_is_not_written_to(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    for name in ("family@2024.csv", "family@2024.CSV", "people@club.tsv", "list@home.txt"):
        result = send_to(tmp_path, name)
        assert result.exit_code == 1, result.output
        suffix = Path(name).suffix
        assert result.stderr.startswith(
            f"{name}: error: no such file (a name ending in {suffix} is taken for a list of "
            "people, never an address: check the file's name)"
        ), result.stderr
        assert not (tmp_path / "output" / "outbox").exists()


def test_an_address_asked_for_as_a_name_and_address_is_written_to(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "mum@example.com").write_text(THREE, encoding="utf-8")  # a file of that name
    [mum] = read_recipients(["Mum <mum@example.com>"])
    assert (mum.address, mum.name) == ("mum@example.com", "Mum")


LOCAL = st.text(string.ascii_lowercase + string.digits + ".-_", min_size=1, max_size=12)
DOMAIN = st.text(string.ascii_lowercase + string.digits, min_size=1, max_size=10)
ENDING = st.sampled_from(["com", "org", "pl", "csv", "txt", "tsv", "co.uk"])


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(local=LOCAL, domain=DOMAIN, ending=ENDING, there=st.booleans())
def test_whatever_the_value_a_file_that_is_there_is_the_list(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    local: str,
    domain: str,
    ending: str,
    there: bool,
) -> None:
    monkeypatch.chdir(tmp_path)
    value = f"{local}@{domain}.{ending}"
    path = tmp_path / value
    if path.exists() or path.is_symlink():
        path.unlink()
    if there:
        path.write_text(THREE, encoding="utf-8")
        assert [r.address for r in read_recipients([value])] == [
            "mum@example.com",
            "dad@example.com",
            "gran@example.org",
        ]
        return
    try:
        people = read_recipients([value])
    except GuideError as error:
        said = str(error)
        # A name only a list can have is said to be a missing list; an address that the
        # rules refuse is refused as an address, never read as a file.
        if ending in ("csv", "txt", "tsv"):
            assert said.startswith(f"{value}: error: no such file"), said
        else:
            assert "no such file" not in said, said
        return
    assert ending not in ("csv", "txt", "tsv")
    assert [r.address for r in people] == [value]
