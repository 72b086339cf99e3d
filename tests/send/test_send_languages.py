"""A recipient list in several languages: each person gets their own edition, once."""

from __future__ import annotations

from pathlib import Path

from helpers.sending import Start, bodies, request_for, results, send_with

from generator.i18n import translations_for

MIXED = """\
email,name,lang
mum@example.com,Mum,
babcia@example.pl,Babcia,pl
dziadek@example.pl,Dziadek,pl-PL
tia@example.es,Tía Carmen,es
"""
POLISH_TITLE = "Nie pozwól, by Meta używała Twoich publicznych postów do uczenia swojej AI"
ENGLISH_TITLE = "Stop Meta using your public posts to train its AI"


def test_each_person_gets_the_edition_of_their_language(tmp_path: Path, mail_server: Start) -> None:
    people = tmp_path / "mixed.csv"
    people.write_text(MIXED, encoding="utf-8")
    server = mail_server()
    report, _ = send_with(request_for(tmp_path, people, server))
    assert results(report) == [
        ("mum@example.com", "sent"),
        ("babcia@example.pl", "sent"),
        ("dziadek@example.pl", "sent"),
        ("tia@example.es", "sent"),
    ]
    mailbox = server.mailbox
    assert mailbox.copies() == {
        "mum@example.com": 1,
        "babcia@example.pl": 1,
        "dziadek@example.pl": 1,
        "tia@example.es": 1,
    }
    polish = translations_for("pl")
    for address, name in (("babcia@example.pl", "Babcia"), ("dziadek@example.pl", "Dziadek")):
        message = mailbox.to(address)
        assert message["Subject"] == POLISH_TITLE
        assert message["Content-Language"] == "pl"
        text, html = bodies(mailbox, address)
        greeting = polish.gettext("Dear %(name)s,") % {"name": name}
        assert greeting != f"Dear {name},"
        assert text.startswith(greeting)
        assert "Otwórz aplikację Facebook lub Instagram" in text
        assert polish.gettext("Things to be aware of") in html
    for address in ("mum@example.com", "tia@example.es"):
        assert mailbox.to(address)["Subject"] == ENGLISH_TITLE
    # Nobody was left to guess why Tía Carmen got English.
    assert [str(w) for w in report.warnings if "edition" in w.message] == [
        f"{people}:5: warning: there is no 'es' edition of meta-ai-objection, so 1 person "
        "gets the en-GB edition instead"
    ]


def test_changing_a_persons_language_does_not_send_them_a_second_copy(
    tmp_path: Path, mail_server: Start
) -> None:
    people = tmp_path / "mixed.csv"
    people.write_text("email,name,lang\nbabcia@example.pl,Babcia,pl\n", encoding="utf-8")
    server = mail_server()
    send_with(request_for(tmp_path, people, server))
    people.write_text("email,name,lang\nbabcia@example.pl,Babcia,en\n", encoding="utf-8")
    report, _ = send_with(request_for(tmp_path, people, server))
    assert results(report) == [("babcia@example.pl", "skipped")]
    assert server.mailbox.copies() == {"babcia@example.pl": 1}
    # Said as it is: she has the Polish edition, not an earlier version of the English one.
    detail = report.lines[0].detail
    assert detail.startswith("got another language's edition, meta-ai-objection.pl.md, on ")
    assert detail.endswith(" (--resend-updated sends this one too)")
    report, _ = send_with(request_for(tmp_path, people, server, resend_updated=True))
    assert results(report) == [("babcia@example.pl", "sent")]
    subjects = [m.message["Subject"] for m in server.mailbox.received]
    assert subjects == [POLISH_TITLE, ENGLISH_TITLE]


def test_a_bad_language_code_is_refused_with_its_row(tmp_path: Path) -> None:
    import pytest

    from generator.problems import GuideError

    people = tmp_path / "mixed.csv"
    people.write_text("email,lang\nmum@example.com,Polish please\n", encoding="utf-8")
    with pytest.raises(GuideError) as raised:
        send_with(request_for(tmp_path, people))
    assert str(raised.value) == (
        f"{people}:2: error: lang must be a language code such as pl, uk or cy (or left empty), "
        "not 'Polish please'"
    )
