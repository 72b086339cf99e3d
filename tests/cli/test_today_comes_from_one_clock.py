"""Today comes from one clock: the computer's, or the day ``GUIDE_TODAY`` names."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from helpers.cli import run
from helpers.guides import MINIMAL, TODAY

from generator import clock


def test_every_test_runs_on_the_same_day() -> None:
    assert clock.today() == TODAY


def test_guide_today_moves_the_day_a_guide_is_aged_from(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "small.md"
    path.write_text(MINIMAL, encoding="utf-8")  # checked on 2026-11-01
    monkeypatch.setenv(clock.TODAY, "2027-06-01")
    code, output = run("check", str(path))
    assert code == 0
    assert f"{path}: warning: the steps were last checked 212 days ago (2026-11-01)" in output
    monkeypatch.setenv(clock.TODAY, "2026-10-31")
    code, output = run("check", str(path))
    assert code == 1
    assert "'checked' is 2026-11-01, a date in the future" in output


def test_guide_new_dates_the_guide_on_that_day(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(clock.TODAY, "2028-02-29")
    code, output = run("new", "lock", "--title", "Lock your phone", "--dir", str(tmp_path))
    assert code == 0, output
    assert "checked: 2028-02-29\n" in (tmp_path / "lock.md").read_text(encoding="utf-8")


def test_a_guide_today_that_is_not_a_date_is_said_before_any_work(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(clock.TODAY, "next tuesday")
    code, output = run("new", "lock", "--title", "Lock your phone", "--dir", str(tmp_path))
    assert code == 1
    assert output == (
        "error: GUIDE_TODAY='next tuesday' is not a date like 2027-01-31: correct it, or unset "
        "it to use the computer's date\n"
    )
    assert list(tmp_path.iterdir()) == []


def test_without_guide_today_it_is_the_computers_date(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(clock.TODAY)
    before = dt.date.today()
    assert clock.today() in (before, dt.date.today())


@pytest.mark.parametrize("epoch", ["253402300800", "²", "٣", "-1", "1.5", "soon", "9" * 5000])
@pytest.mark.parametrize("command", ["build", "send"])
def test_a_source_date_epoch_that_is_not_a_time_stamp_is_said_before_any_work(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, epoch: str, command: str
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "small.md").write_text(MINIMAL, encoding="utf-8")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    more = ["--to", "mum@example.com", "--from", "anna@example.net"] if command == "send" else []
    code, output = run(command, "small.md", *more)
    assert code == 1
    assert output == (
        f"error: SOURCE_DATE_EPOCH={epoch!r} is not a time stamp: it must be a whole number of "
        "seconds since 1970 (like 1798761600), at most 253402300799 (the end of 9999); correct "
        "it, or unset it to stamp outputs with the time now\n"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["small.md"]


def test_the_last_second_of_9999_stamps_every_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "small.md").write_text(MINIMAL, encoding="utf-8")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "253402300799")
    code, output = run("build", "small.md")
    assert code == 0, output
    message = (tmp_path / "output" / "small.eml").read_text(encoding="utf-8")
    assert "Date: Fri, 31 Dec 9999 23:59:59 +0000" in message
