"""A note that opens with its own greeting ("Hi all,") opens the message itself.

The tool's "Dear Grandad," steps aside, so nobody gets "Dear Grandad, / I'll come round on
Sunday / Hi all,", and the run says so before anything is sent.
"""

from __future__ import annotations

from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

import pytest
from helpers.guides import FIRST_GUIDE

from generator.options import BuildOptions
from generator.send.greeting import own_greeting
from generator.send.report import SendReport
from generator.send.run import SendRequest, send_guide

FAMILY = """\
email,name,note
mum@example.com,Mum,
grandad@example.com,Grandad,I'll come round on Sunday to help.
"""
NOTE = "Hi all,\n\nI did this for my own account; it took ten minutes.\n\nLove, Anna\n"


def dry_run(tmp_path: Path, family: str, note: str) -> tuple[SendReport, dict[str, str]]:
    (tmp_path / "family.csv").write_text(family, encoding="utf-8")
    (tmp_path / "note.txt").write_text(note, encoding="utf-8")
    report = send_guide(
        SendRequest(
            guide=FIRST_GUIDE,
            to=(str(tmp_path / "family.csv"),),
            sender="anna@example.net",
            note_file=tmp_path / "note.txt",
            outbox=tmp_path / "outbox",
            options=BuildOptions(out=tmp_path / "output"),
        )
    )
    texts = {}
    for path in sorted((tmp_path / "outbox").glob("*.eml")):
        message = message_from_bytes(path.read_bytes(), policy=policy.default)
        assert isinstance(message, EmailMessage)
        body = message.get_body(("plain",))
        assert isinstance(body, EmailMessage)
        texts[path.stem] = str(body.get_content()).replace("\r\n", "\n")
    return report, texts


def test_a_note_with_its_own_greeting_opens_every_message(tmp_path: Path) -> None:
    report, texts = dry_run(tmp_path, FAMILY, NOTE)
    mum, grandad = texts["mum@example.com"], texts["grandad@example.com"]
    assert mum.startswith("Hi all,\n\nI did this for my own account")
    assert "Dear" not in mum.split("---")[0]
    # The person's own line follows the note for everyone, like a postscript.
    assert grandad.startswith("Hi all,\n\nI did this")
    assert grandad.index("Love, Anna") < grandad.index("I'll come round on Sunday")
    assert "Dear Grandad" not in grandad
    [warning] = [str(w) for w in report.warnings if "greeting" in w.message]
    assert warning == (
        f"{tmp_path / 'note.txt'}: warning: the note opens with its own greeting ('Hi all,'), "
        "so it starts 2 messages instead of the usual greeting by name"
    )


def test_a_note_without_a_greeting_keeps_the_greeting_by_name(tmp_path: Path) -> None:
    report, texts = dry_run(tmp_path, FAMILY, "I did this for my own account.\n")
    assert texts["mum@example.com"].startswith("Dear Mum,\n\nI did this")
    assert texts["grandad@example.com"].startswith(
        "Dear Grandad,\n\nI'll come round on Sunday to help.\n\nI did this"
    )
    assert not [w for w in report.warnings if "greeting" in w.message]


def test_a_persons_own_note_with_a_greeting_is_named_at_its_row(tmp_path: Path) -> None:
    family = FAMILY.replace(
        "I'll come round on Sunday to help.", '"Dear Dad, I\'ll come round on Sunday to help."'
    )
    report, texts = dry_run(tmp_path, family, "I did this for my own account.\n")
    assert texts["grandad@example.com"].startswith("Dear Dad, I'll come round on Sunday")
    assert texts["mum@example.com"].startswith("Dear Mum,")
    [warning] = [str(w) for w in report.warnings if "greeting" in w.message]
    assert warning.startswith(f"{tmp_path / 'family.csv'}:3: warning: this person's note opens")


@pytest.mark.parametrize(
    ("note", "greeting"),
    [
        ("Hi all,\nsee below", "Hi all,"),
        ("Hello everyone! Here it is.", "Hello everyone!"),
        ("Dear Grandad,", "Dear Grandad,"),
        ("Annwyl bawb,", "Annwyl bawb,"),
        ("Liebe Familie,", "Liebe Familie,"),
        ("Bonjour à tous,", "Bonjour à tous,"),
        ("Hola a todos,", "Hola a todos,"),
        ("Cześć wszystkim,", "Cześć wszystkim,"),
        ("Привіт усім!", "Привіт усім!"),
        ("Hiking is fun, isn't it?", None),
        ("Dearly as I love my phone, this matters.", None),
        ("I did this for my own account.", None),
    ],
)
def test_greetings_are_recognised_in_every_shipped_language(note: str, greeting: str) -> None:
    assert own_greeting(note) == greeting
