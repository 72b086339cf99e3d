"""Sending a guide to a family, end to end against a real SMTP server.

Each test reads what the server received: exactly one message per person, greeted by
name, the sender's note on top, the handout that fits them attached.
"""

from __future__ import annotations

import io
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from helpers.guides import FIRST_GUIDE, MINIMAL
from helpers.mailserver import Mailbox
from helpers.sending import (
    A4_WIDTH,
    ADDRESSES,
    LETTER_WIDTH,
    NOTE,
    Crash,
    CrashingMailer,
    Start,
    attachment,
    bodies,
    page_width,
    request_for,
    results,
    send_with,
    states,
)
from pypdf import PdfReader

from generator.options import BuildOptions
from generator.problems import GuideError
from generator.send.run import send_guide
from generator.send.smtp import Mailer, SmtpSettings
from generator.verify.outputs import text_of_html


def test_everyone_gets_one_message_greeted_by_name_with_their_handout(
    tmp_path: Path, family: Path, mail_server: Start, monkeypatch: pytest.MonkeyPatch
) -> None:
    import generator.render.pdf as pdf

    built: list[tuple[str, bool]] = []
    real = pdf.render_handout

    def counting(guide, options, *, paper, large_print, **rest):  # type: ignore[no-untyped-def]
        built.append((paper, large_print))
        return real(guide, options, paper=paper, large_print=large_print, **rest)

    monkeypatch.setattr(pdf, "render_handout", counting)
    server = mail_server()
    report, slept = send_with(request_for(tmp_path, family, server))
    mailbox = server.mailbox
    assert report.complete
    assert results(report) == [(address, "sent") for address in ADDRESSES]
    assert mailbox.copies() == dict.fromkeys(ADDRESSES, 1)
    # Three distinct handouts for four people: each built once.
    assert sorted(built) == [("a4", False), ("a4", True), ("letter", False)]
    for address, greeting in zip(
        ADDRESSES, ("Dear Mum,", "Dear Dad,", "Dear Grandad,", "Hello,"), strict=True
    ):
        text, html = bodies(mailbox, address)
        assert text.startswith(greeting), text[:80]
        assert greeting in html
        assert NOTE in text and NOTE in html
        assert text.index(NOTE) < text.index("Stop Meta using your public posts")
        message = mailbox.to(address)
        assert message["From"] == "Anna <anna@example.net>"
        assert message["To"].addresses[0].addr_spec == address
        assert str(message["Message-ID"]).endswith("@example.net>")
    text, _ = bodies(mailbox, "grandad@example.com")
    assert "I'll come round on Sunday to help." in text
    assert "Sunday" not in bodies(mailbox, "mum@example.com")[0]
    assert page_width(attachment(mailbox, "dad@example.com")) == LETTER_WIDTH
    assert page_width(attachment(mailbox, "mum@example.com")) == A4_WIDTH
    large = attachment(mailbox, "grandad@example.com")
    assert page_width(large) == A4_WIDTH
    standard = attachment(mailbox, "mum@example.com")
    assert len(PdfReader(io.BytesIO(large)).pages) > len(PdfReader(io.BytesIO(standard)).pages)
    assert attachment(mailbox, "aunt.jo@example.org") == standard
    assert mailbox.received[0].mail_from == "anna@example.net"
    assert slept == []
    # Sent messages leave the outbox for sent/; the journal says sent for everyone.
    outbox = tmp_path / "outbox"
    assert sorted(p.name for p in (outbox / "sent").glob("*.eml")) == sorted(
        f"{a}.eml" for a in ADDRESSES
    )
    assert list(outbox.glob("*.eml")) == []
    assert states(outbox) == dict.fromkeys(ADDRESSES, "sent")


def test_the_dry_run_fills_the_outbox_with_what_would_be_sent(
    tmp_path: Path, family: Path, mail_server: Start
) -> None:
    report, _ = send_with(request_for(tmp_path, family))
    outbox = tmp_path / "outbox"
    assert results(report) == [(address, "in outbox") for address in ADDRESSES]
    files = sorted(p.name for p in outbox.glob("*.eml"))
    assert files == sorted(f"{a}.eml" for a in ADDRESSES)
    assert "large print, A4" in report.lines[2].detail
    assert states(outbox) == {}
    # Then sending delivers the same messages: same Message-IDs, same handouts.
    drafts = {p.name: p.read_bytes() for p in outbox.glob("*.eml")}
    server = mail_server()
    send_with(request_for(tmp_path, family, server))
    for address in ADDRESSES:
        draft = drafts[f"{address}.eml"]
        sent = server.mailbox.to(address)
        assert f"Message-ID: {sent['Message-ID']}".encode() in draft


def test_a_dry_run_leaves_the_senders_other_mail_in_the_outbox_alone(
    tmp_path: Path, family: Path
) -> None:
    outbox = tmp_path / "outbox"
    outbox.mkdir()
    letter = b"From: anna@example.net\r\nMessage-ID: <x1@mail.example.net>\r\n\r\nDear bank,\r\n"
    (outbox / "letter-to-bank.eml").write_bytes(letter)
    # Another guide's messages in the same folder, as `guide send other.md --outbox` made them.
    other = tmp_path / "other-guide.md"
    other.write_text(MINIMAL, encoding="utf-8")
    send_with(request_for(tmp_path, family, guide=other, to=("Mum <mum@example.com>",)))
    assert (outbox / "mum@example.com.eml").exists()
    (outbox / "mum@example.com.eml").rename(outbox / "other-guide-for-mum.eml")
    # An earlier dry run of this guide for someone since taken off the list.
    send_with(request_for(tmp_path, family, to=("Uncle <uncle@example.com>",)))
    report, _ = send_with(request_for(tmp_path, family))
    assert [line.result for line in report.lines] == ["in outbox"] * 4
    assert (outbox / "letter-to-bank.eml").read_bytes() == letter
    assert (outbox / "other-guide-for-mum.eml").exists()
    assert not (outbox / "uncle@example.com.eml").exists()
    assert sorted(p.name for p in outbox.glob("*.eml")) == sorted(
        ["letter-to-bank.eml", "other-guide-for-mum.eml", *(f"{a}.eml" for a in ADDRESSES)]
    )


def test_running_again_sends_nobody_a_second_copy(
    tmp_path: Path, family: Path, mail_server: Start
) -> None:
    server = mail_server()
    send_with(request_for(tmp_path, family, server))
    report, _ = send_with(request_for(tmp_path, family, server))
    assert [line.result for line in report.lines] == ["skipped"] * 4
    assert report.lines[0].detail.startswith("already sent on 20")
    assert report.complete
    assert server.mailbox.copies() == dict.fromkeys(ADDRESSES, 1)
    dry, _ = send_with(request_for(tmp_path, family))
    assert [line.result for line in dry.lines] == ["skipped"] * 4


def test_a_550_for_one_address_is_recorded_and_the_run_goes_on(
    tmp_path: Path, family: Path, mail_server: Start
) -> None:
    server = mail_server(
        Mailbox(refuse={"dad@example.com": "550 5.1.1 <dad@example.com>: no such user"})
    )
    report, _ = send_with(request_for(tmp_path, family, server))
    assert results(report)[1] == ("dad@example.com", "failed")
    assert report.lines[1].detail == "550 5.1.1 <dad@example.com>: no such user"
    assert not report.complete
    assert server.mailbox.copies() == {a: 1 for a in ADDRESSES if a != "dad@example.com"}
    assert (tmp_path / "outbox" / "dad@example.com.eml").exists()
    # Fixed on the server's side, a second run sends to Dad only.
    server.mailbox.refuse.clear()
    again, _ = send_with(request_for(tmp_path, family, server))
    assert results(again)[1] == ("dad@example.com", "sent")
    assert server.mailbox.copies() == dict.fromkeys(ADDRESSES, 1)


def test_451_then_250_is_delivered_once_after_a_backoff(
    tmp_path: Path, family: Path, mail_server: Start
) -> None:
    server = mail_server(Mailbox(data_replies=["451 4.7.1 Greylisted, please try again"]))
    report, slept = send_with(request_for(tmp_path, family, server))
    assert report.complete
    assert slept == [10.0]
    assert server.mailbox.copies() == dict.fromkeys(ADDRESSES, 1)


def test_a_refused_login_stops_the_run_before_anything_is_sent(
    tmp_path: Path, family: Path, mail_server: Start
) -> None:
    server = mail_server(password="right", auth_require_tls=False)
    request = request_for(tmp_path, family, server)
    assert request.smtp is not None
    smtp = replace(request.smtp, user="me@example.com", password="wrong")
    report, _ = send_with(replace(request, smtp=smtp))
    assert report.stopped is not None and "refused the login" in report.stopped
    assert [line.result for line in report.lines] == ["not sent"] * 4
    assert server.mailbox.mails == 0
    assert set(states(tmp_path / "outbox").values()) == {"pending"}


def test_a_dropped_connection_is_reopened_and_a_message_cut_off_is_left_alone(
    tmp_path: Path, family: Path, mail_server: Start
) -> None:
    # The line drops before the 2nd message and again just after the 3rd was handed over.
    server = mail_server(Mailbox(drop_at_mail={2}, drop_after_content={3}))
    report, _ = send_with(request_for(tmp_path, family, server))
    assert results(report) == [
        ("mum@example.com", "sent"),
        ("dad@example.com", "sent"),
        ("grandad@example.com", "uncertain"),
        ("aunt.jo@example.org", "sent"),
    ]
    assert "may or may not have arrived" in report.lines[2].detail
    assert not report.complete
    again, _ = send_with(request_for(tmp_path, family, server))
    assert results(again)[2] == ("grandad@example.com", "uncertain")
    assert "--resend-uncertain" in again.lines[2].detail
    assert server.mailbox.copies() == dict.fromkeys(ADDRESSES, 1)
    # Asked to, it sends again with the same Message-ID, so mail programs can tell.
    first_id = server.mailbox.to("grandad@example.com")["Message-ID"]
    send_with(request_for(tmp_path, family, server, resend_uncertain=True))
    repeats = [m.message for m in server.mailbox.received if "grandad@example.com" in m.rcpt_tos]
    assert [m["Message-ID"] for m in repeats] == [first_id, first_id]


def test_a_crash_between_messages_then_a_resume_sends_exactly_one_each(
    tmp_path: Path, family: Path, mail_server: Start
) -> None:
    server = mail_server()
    request = request_for(tmp_path, family, server)
    assert request.smtp is not None
    with pytest.raises(Crash):
        send_with(request, CrashingMailer(request.smtp, crash_at=3, after_server_ok=False))
    assert server.mailbox.copies() == {"mum@example.com": 1, "dad@example.com": 1}
    report, _ = send_with(request)
    assert [line.result for line in report.lines] == ["skipped", "skipped", "sent", "sent"]
    assert server.mailbox.copies() == dict.fromkeys(ADDRESSES, 1)


def test_a_crash_after_the_server_accepted_leaves_that_one_uncertain(
    tmp_path: Path, family: Path, mail_server: Start
) -> None:
    server = mail_server()
    request = request_for(tmp_path, family, server)
    assert request.smtp is not None
    with pytest.raises(Crash):
        send_with(request, CrashingMailer(request.smtp, crash_at=2, after_server_ok=True))
    assert states(tmp_path / "outbox")["dad@example.com"] == "sending"
    report, _ = send_with(request)
    assert results(report) == [
        ("mum@example.com", "skipped"),
        ("dad@example.com", "uncertain"),
        ("grandad@example.com", "sent"),
        ("aunt.jo@example.org", "sent"),
    ]
    assert "the run stopped while this message was being handed" in report.lines[1].detail
    assert server.mailbox.copies() == dict.fromkeys(ADDRESSES, 1)


def test_the_cap_sends_some_and_a_second_run_the_rest(
    tmp_path: Path, family: Path, mail_server: Start
) -> None:
    server = mail_server()
    report, _ = send_with(request_for(tmp_path, family, server, limit=3))
    assert [line.result for line in report.lines] == ["sent", "sent", "sent", "not sent"]
    assert "over the limit of 3 a run (--max)" in report.lines[3].detail
    assert not report.complete
    report, _ = send_with(request_for(tmp_path, family, server, limit=3))
    assert [line.result for line in report.lines] == ["skipped"] * 3 + ["sent"]
    assert server.mailbox.copies() == dict.fromkeys(ADDRESSES, 1)


def test_the_rate_spaces_the_messages(tmp_path: Path, family: Path, mail_server: Start) -> None:
    server = mail_server()
    now = [100.0]

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        now[0] += seconds

    slept: list[float] = []
    send_guide(request_for(tmp_path, family, server, rate=30), sleep=sleep, clock=lambda: now[0])
    assert slept == [2.0, 2.0, 2.0]


def test_an_updated_guide_is_not_sent_again_unless_asked(
    tmp_path: Path, family: Path, mail_server: Start
) -> None:
    server = mail_server()
    guide = tmp_path / "meta-ai-objection.md"
    shutil.copy(FIRST_GUIDE, guide)
    send_with(request_for(tmp_path, family, server, guide=guide, to=("Mum <mum@example.com>",)))
    guide.write_text(
        guide.read_text(encoding="utf-8").replace(
            "the app you already use", "the app you use every day"
        ),
        "utf-8",
    )
    report, _ = send_with(request_for(tmp_path, family, server, guide=guide))
    assert results(report)[0] == ("mum@example.com", "skipped")
    assert "got an earlier version on" in report.lines[0].detail
    assert server.mailbox.copies()["mum@example.com"] == 1
    send_with(request_for(tmp_path, family, server, guide=guide, resend_updated=True))
    assert server.mailbox.copies() == {**dict.fromkeys(ADDRESSES, 1), "mum@example.com": 2}


def test_a_hostile_list_sends_nothing_and_writes_nothing(
    tmp_path: Path, mail_server: Start
) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text(
        'email,name\nmum@example.com,Mum\n"dad@example.com\r\nBcc: all@example.com",Dad\n',
        encoding="utf-8",
    )
    server = mail_server()
    with pytest.raises(GuideError) as caught:
        send_with(request_for(tmp_path, bad, server))
    assert str(caught.value).startswith(f"{bad}:3: error: the email address")
    assert not (tmp_path / "outbox").exists()
    assert server.mailbox.mails == 0


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"sender": None}, "--from: error: give your own address with --from"),
        ({"sender": "anna@example"}, "--from: error: the domain of 'anna@example' has no dot"),
        ({"sender": "bank@example.com <anna@example.net>"}, "a name that looks like an address"),
        ({"note": "Hi\x1b[31m"}, "--note: error: the note contains an invisible control"),
        ({"smtp": SmtpSettings("smtp.example.com", 25, "plain", "anna", "pw")}, "unencrypted"),
        ({"smtp": None}, "--smtp-host: error: give your mail server with --smtp-host"),
    ],
)
def test_bad_settings_send_nothing(
    tmp_path: Path, family: Path, mail_server: Start, changes: dict[str, object], expected: str
) -> None:
    server = mail_server()
    with pytest.raises(GuideError, match=expected.replace("[", r"\[")):
        send_with(request_for(tmp_path, family, server, **changes))
    assert server.mailbox.mails == 0
    assert not (tmp_path / "outbox").exists()


class InterruptedMailer(Mailer):
    """The sender presses Ctrl-C while the N-th message is being handed over."""

    def __init__(self, settings: SmtpSettings, at: int) -> None:
        super().__init__(settings, sleep=lambda seconds: None)
        self.at = at
        self.count = 0

    def deliver(self, data, sender, recipient, before_content, not_taken):  # type: ignore[no-untyped-def]
        self.count += 1
        if self.count != self.at:
            return super().deliver(data, sender, recipient, before_content, not_taken)

        def then_interrupt() -> None:
            before_content()
            raise KeyboardInterrupt

        return super().deliver(data, sender, recipient, then_interrupt, not_taken)


def test_ctrl_c_marks_the_message_in_flight_uncertain_and_stops(
    tmp_path: Path, family: Path, mail_server: Start
) -> None:
    server = mail_server()
    request = request_for(tmp_path, family, server)
    assert request.smtp is not None
    report, _ = send_with(request, InterruptedMailer(request.smtp, at=2))
    assert report.interrupted and not report.complete
    assert [line.result for line in report.lines] == ["sent", "uncertain", "not sent", "not sent"]
    assert states(tmp_path / "outbox")["dad@example.com"] == "uncertain"
    again, _ = send_with(request)
    assert [line.result for line in again.lines] == ["skipped", "uncertain", "sent", "sent"]
    assert server.mailbox.copies() == {a: 1 for a in ADDRESSES if a != "dad@example.com"}


def test_the_progress_bar_moves_once_per_message(
    tmp_path: Path, family: Path, mail_server: Start
) -> None:
    server = mail_server()
    shown: list[int] = []

    class Bar:
        def __init__(self, total: int) -> None:
            shown.append(total)

        def __enter__(self) -> Bar:
            return self

        def __exit__(self, *exc: object) -> None:
            shown.append(-1)

        def sending(self, recipient: object) -> None:
            shown.append(0)

        def update(self, n_steps: int) -> None:
            shown.append(n_steps)

    send_guide(request_for(tmp_path, family, server), progress=Bar)
    assert shown == [4, 0, 1, 0, 1, 0, 1, 0, 1, -1]


def test_names_with_commas_accents_and_quotes_reach_the_right_person(
    tmp_path: Path, family: Path, mail_server: Start
) -> None:
    server = mail_server()
    to = ('"Smith, Jo" <jo@example.com>', "Zoë <zoe@example.com>", 'Bob "Nan" Lee <n@example.com>')
    report, _ = send_with(request_for(tmp_path, family, server, to=to))
    assert report.complete
    assert server.mailbox.to("jo@example.com")["To"].addresses[0].display_name == "Smith, Jo"
    assert bodies(server.mailbox, "jo@example.com")[0].startswith("Dear Smith, Jo,")
    assert bodies(server.mailbox, "zoe@example.com")[0].startswith("Dear Zoë,")
    assert 'Dear Bob "Nan" Lee,' in text_of_html(bodies(server.mailbox, "n@example.com")[1])


def test_a_message_that_reads_back_incomplete_is_never_sent(
    tmp_path: Path, family: Path, mail_server: Start
) -> None:
    # A user's template that leaves out the steps must stop the run, not reach Grandad.
    templates = tmp_path / "templates" / "email"
    templates.mkdir(parents=True)
    (templates / "guide.txt").write_text(
        '{% extends "email/base.txt" %}{% block steps %}{% endblock %}', encoding="utf-8"
    )
    server = mail_server()
    options = BuildOptions(out=tmp_path / "output", templates=tmp_path / "templates")
    with pytest.raises(GuideError) as caught:
        send_with(request_for(tmp_path, family, server, options=options))
    assert "the plain-text part: step 1 'Open the Facebook or Instagram app' is missing" in str(
        caught.value
    )
    assert server.mailbox.mails == 0
    assert list((tmp_path / "outbox").glob("*.eml")) == []


def test_a_note_so_long_that_gmail_would_hide_the_steps_stops_the_run(
    tmp_path: Path, family: Path, mail_server: Start
) -> None:
    server = mail_server()
    long_note = "This is a long note. " * 4000  # about 84 KB of HTML on top of the guide
    report, _ = send_with(request_for(tmp_path, family, note=long_note))
    [warning] = report.warnings
    assert warning.severity == "warning"
    assert "close to Gmail's 102 KB limit" in warning.message
    assert [line.result for line in report.lines] == ["in outbox"] * 4
    with pytest.raises(GuideError, match="Gmail hides everything after 102 KB"):
        send_with(request_for(tmp_path, family, server, note=long_note * 2))
    assert server.mailbox.mails == 0


def test_a_drop_before_the_content_then_no_reconnect_leaves_that_person_to_send_again(
    tmp_path: Path, family: Path, mail_server: Start
) -> None:
    # The line drops at Dad's DATA command, before the server's 354, and the server stays down.
    server = mail_server(Mailbox(drop_at_data={2}, down_after_drop=True))
    report, slept = send_with(request_for(tmp_path, family, server))
    assert report.stopped is not None and "cannot reach 127.0.0.1" in report.stopped
    assert [line.result for line in report.lines] == ["sent", "not sent", "not sent", "not sent"]
    assert server.mailbox.refused_connections == 3 and slept == [10.0, 20.0, 40.0]
    # None of Dad's message reached the server: the journal must not call it uncertain.
    assert states(tmp_path / "outbox")["dad@example.com"] == "pending"
    server.mailbox.down = False
    again, _ = send_with(request_for(tmp_path, family, server))
    assert results(again) == [
        ("mum@example.com", "skipped"),
        ("dad@example.com", "sent"),
        ("grandad@example.com", "sent"),
        ("aunt.jo@example.org", "sent"),
    ]
    assert server.mailbox.copies() == dict.fromkeys(ADDRESSES, 1)


def test_a_refusal_after_the_content_then_no_reconnect_is_not_uncertain(
    tmp_path: Path, family: Path, mail_server: Start
) -> None:
    # Dad's content gets a definite 421 (not taken); the line closes and stays down.
    server = mail_server(
        Mailbox(data_replies=["250 ok", "421 4.3.2 Shutting down"], down_after_drop=True)
    )
    server.mailbox.drop_at_mail = {3}
    report, _ = send_with(request_for(tmp_path, family, server))
    assert [line.result for line in report.lines] == ["sent", "not sent", "not sent", "not sent"]
    assert states(tmp_path / "outbox")["dad@example.com"] == "pending"
    server.mailbox.down = False
    again, _ = send_with(request_for(tmp_path, family, server))
    assert [line.result for line in again.lines] == ["skipped", "sent", "sent", "sent"]
    assert server.mailbox.copies() == dict.fromkeys(ADDRESSES, 1)
