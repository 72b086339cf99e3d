"""A login without --starttls or --ssl is allowed only to a server on this computer,
where the password never crosses a network; README says so."""

from __future__ import annotations

import pytest
from helpers.guides import ROOT

from generator.send.smtp import SmtpSettings, settings_problem

README = ROOT / "README.md"


@pytest.mark.parametrize("host", ["localhost", "127.0.0.1", "::1", "LOCALHOST"])
def test_a_plain_login_to_this_computer_is_allowed(host: str) -> None:
    assert settings_problem(SmtpSettings(host, 25, "plain", "me", "pw")) is None


@pytest.mark.parametrize("host", ["smtp.example.com", "192.168.1.10", "127.0.0.1.example.com"])
def test_a_plain_login_anywhere_else_is_refused(host: str) -> None:
    problem = settings_problem(SmtpSettings(host, 25, "plain", "me", "pw"))
    assert problem is not None and "unencrypted" in problem and "--starttls" in problem


def test_the_readme_says_where_unencrypted_logins_are_allowed() -> None:
    text = " ".join(README.read_text(encoding="utf-8").split())
    assert "A login without either is refused, except to a server on your own computer" in text
    assert "(`localhost`, `127.0.0.1` or `::1`" in text
