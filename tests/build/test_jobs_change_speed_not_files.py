"""Spreading work over processes changes how fast, never what is written."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from helpers.cli import invoke
from helpers.guides import FIRST_GUIDE

POLISH = FIRST_GUIDE.with_name("meta-ai-objection.pl.md")


def tree(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def test_a_parallel_build_writes_exactly_what_a_serial_one_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795000000")
    for path in (FIRST_GUIDE, POLISH):
        shutil.copy(path, tmp_path / path.name)
    outputs = {}
    for jobs in ("1", "2"):
        out = tmp_path / f"out-{jobs}"
        result = invoke("build", str(tmp_path), "--out", str(out), "-j", jobs)
        assert result.exit_code == 0, result.output
        outputs[jobs] = (tree(out), result.stdout.replace(str(out), "OUT"))
    assert outputs["1"] == outputs["2"]
    assert len(outputs["1"][0]) == 8, "four formats for each of two guides"


def test_a_parallel_outbox_holds_exactly_the_messages_of_a_serial_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795000000")
    people = tmp_path / "people.csv"
    rows = ["email,name,large_print,paper"]
    rows += [
        f"p{n}@example.org,Person {n},{'yes' if n % 4 == 0 else 'no'},{'letter' if n % 3 else 'a4'}"
        for n in range(20)
    ]
    people.write_text("\n".join(rows) + "\n", encoding="utf-8")
    outboxes = {}
    for jobs in ("1", "2"):
        outbox = tmp_path / f"outbox-{jobs}"
        args = [
            "send",
            str(FIRST_GUIDE),
            "--to",
            str(people),
            "--from",
            "Sam <sam@example.org>",
            "--outbox",
            str(outbox),
            "-j",
            jobs,
        ]
        result = invoke(*args)
        assert result.exit_code == 0, result.output
        outboxes[jobs] = {k: v for k, v in tree(outbox).items() if not k.startswith("journal")}
    assert len(outboxes["1"]) == 20 + 1  # and summary.csv
    assert "summary.csv" in outboxes["1"]
    assert outboxes["1"] == outboxes["2"]
    assert not [name for name in outboxes["2"] if name.endswith(".part")]
