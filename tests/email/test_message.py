"""The .eml: a real MIME message any mail program opens, read back with ``email.parser``."""

from __future__ import annotations

import datetime as dt
import re
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path

import pytest
from helpers.email import rich_guide, small_pdf
from helpers.guides import FIRST_GUIDE

from generator.artifacts import BuildContext
from generator.model import Guide
from generator.options import BuildOptions
from generator.parse import load_guide
from generator.render.email import render_email_html, render_email_text
from generator.render.message import build_message, parse_address, render_eml_artifact
from generator.render.mime import message_bytes
from generator.verify.outputs import check_complete, text_of_html, verify_output

OPTIONS = BuildOptions()
WHEN = dt.datetime(2026, 11, 21, 9, 30, tzinfo=dt.UTC)


def message_of(
    guide: Guide, *, recipient: str = "Grandad <grandad@example.org>", **kwargs: object
) -> EmailMessage:
    """Build a message the way issue 5 will, then parse its bytes back."""
    built = build_message(
        guide,
        OPTIONS,
        html=render_email_html(guide, OPTIONS, images="cid", handout=f"{guide.name}.pdf"),
        text=render_email_text(guide, OPTIONS, handout=f"{guide.name}.pdf"),
        pdf=small_pdf(guide),
        sender="Sam Smith <sam@family.example>",
        recipient=recipient,
        date=WHEN,
        **kwargs,  # type: ignore[arg-type]
    )
    parsed = BytesParser(policy=policy.default).parsebytes(built.as_bytes())
    assert isinstance(parsed, EmailMessage)
    return parsed


def tree(part: EmailMessage) -> object:
    """The MIME structure as nested content types."""
    if part.is_multipart():
        children = [tree(child) for child in part.iter_parts()]  # type: ignore[arg-type]
        return [part.get_content_type(), children]
    return part.get_content_type()


@pytest.fixture
def rich(tmp_path: Path) -> Guide:
    return rich_guide(tmp_path)


def test_mime_tree_is_mixed_alternative_related_with_the_pdf_attached(rich: Guide) -> None:
    message = message_of(rich)
    assert tree(message) == [
        "multipart/mixed",
        [
            [
                "multipart/alternative",
                [
                    "text/plain",
                    ["multipart/related", ["text/html", "image/png", "image/jpeg"]],
                ],
            ],
            "application/pdf",
        ],
    ]


def test_a_guide_without_pictures_keeps_the_same_structure() -> None:
    message = message_of(load_guide(FIRST_GUIDE))
    assert tree(message) == [
        "multipart/mixed",
        [
            ["multipart/alternative", ["text/plain", ["multipart/related", ["text/html"]]]],
            "application/pdf",
        ],
    ]


def test_headers_name_sender_recipient_title_date_and_language() -> None:
    guide = load_guide(FIRST_GUIDE)
    message = message_of(guide)
    assert message["From"] == "Sam Smith <sam@family.example>"
    assert message["To"] == "Grandad <grandad@example.org>"
    assert message["Subject"] == guide.title
    assert message["Date"].datetime == WHEN
    assert message["MIME-Version"] == "1.0"
    assert message["Content-Language"] == "en-GB"
    assert message["Message-ID"].startswith(f"<meta-ai-objection.{guide.version}.")
    assert message["Message-ID"].endswith("@family.example>")
    assert message["X-Mailer"] is None


def test_message_id_is_stable_per_guide_version_and_recipient(rich: Guide) -> None:
    first = message_of(rich)["Message-ID"]
    assert message_of(rich)["Message-ID"] == first
    assert message_of(rich, recipient="gran@example.org")["Message-ID"] != first
    assert message_of(rich, message_id="<given@family.example>")["Message-ID"] == (
        "<given@family.example>"
    )


def test_same_inputs_give_byte_identical_messages(rich: Guide) -> None:
    def raw() -> bytes:
        return build_message(
            rich,
            OPTIONS,
            html=render_email_html(rich, OPTIONS, images="cid"),
            text=render_email_text(rich, OPTIONS),
            pdf=b"%PDF-1.4 stand-in",
            sender="a@b.example",
            recipient="c@d.example",
            date=WHEN,
        ).as_bytes()

    assert raw() == raw()


def test_the_pdf_is_attached_with_the_guides_name(rich: Guide) -> None:
    message = message_of(rich)
    attachments = list(message.iter_attachments())
    assert [part.get_filename() for part in attachments] == ["rich.pdf"]
    assert attachments[0].get_content() == small_pdf(rich)  # type: ignore[attr-defined]


def test_pictures_are_inline_by_the_content_id_the_html_names(rich: Guide) -> None:
    message = message_of(rich)
    html_part = message.get_body(preferencelist=("html",))
    assert html_part is not None
    html = html_part.get_content()  # type: ignore[attr-defined]
    related = [p for p in message.walk() if p.get_content_maintype() == "image"]
    for number, part in enumerate(related, start=1):
        cid = f"picture{number}.{rich.version}@rich"
        assert part["Content-ID"] == f"<{cid}>"
        assert part.get_content_disposition() == "inline"
        assert f'src="cid:{cid}"' in html
    assert (
        related[0].get_payload(decode=True)
        == (rich.path.parent / "shots" / "settings.png").read_bytes()
    )


def test_both_bodies_read_back_complete(rich: Guide) -> None:
    message = message_of(rich)
    text_part = message.get_body(preferencelist=("plain",))
    html_part = message.get_body(preferencelist=("html",))
    assert text_part is not None and html_part is not None
    text = text_part.get_content()  # type: ignore[attr-defined]
    html = html_part.get_content()  # type: ignore[attr-defined]
    assert check_complete(rich, text, Path("x")) == []
    assert check_complete(rich, text_of_html(html), Path("x")) == []
    assert "Keep <script> & cookies out" in text
    assert "The printable copy is attached:\nrich.pdf" in text.replace("\r\n", "\n")


def test_verify_checks_the_message_parts_and_its_pictures(rich: Guide) -> None:
    good = message_of(rich).as_bytes()
    assert verify_output(rich, "eml", good, Path("rich.eml")) == []
    html = render_email_html(rich, OPTIONS, images="cid")
    broken = build_message(
        rich,
        OPTIONS,
        html=html.replace("Choose what to delete", "Something else"),
        text=render_email_text(rich, OPTIONS),
        pdf=small_pdf(rich),
        sender="a@b.example",
        recipient="c@d.example",
        images=(),
    ).as_bytes()
    messages = [f.message for f in verify_output(rich, "eml", broken, Path("rich.eml"))]
    assert "the HTML part: step 2 'Choose what to delete' is missing" in messages
    assert any("the picture 'cid:picture1." in m and "is not in the message" in m for m in messages)


def test_non_ascii_titles_and_names_are_encoded_properly(tmp_path: Path) -> None:
    path = tmp_path / "zolw.md"
    path.write_text(
        FIRST_GUIDE.read_text("utf-8").replace(
            "title: Stop Meta using your public posts to train its AI",
            'title: "Zażółć gęślą jaźń: Meta i SI"',
        ),
        encoding="utf-8",
    )
    guide = load_guide(path)
    message = message_of(guide, recipient="Józef Wąsik <jozef@example.org>")
    assert message["Subject"] == "Zażółć gęślą jaźń: Meta i SI"
    assert message["To"] == "Józef Wąsik <jozef@example.org>"
    raw = build_message(
        guide,
        OPTIONS,
        html="<p>x</p>",
        text="x",
        pdf=None,
        sender="a@b.example",
        recipient="Józef <j@example.org>",
        date=WHEN,
    ).as_bytes()
    assert raw.isascii()  # 7-bit clean: every header and body is encoded


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("not an address", "the email address 'not an address' contains a space"),
        ("", "the email address is empty"),
        ("a@", "the email address 'a@' has nothing after the '@'"),
        ("Ann <ann@example.org>\nBcc: x@evil.example", "contains a line break (LF)"),
        # parseaddr keeps the first and silently drops the second.
        ("Mum <mum@example.com>, evil@x.com", "is not one address"),
        # parseaddr turns the comment into the display name: To: "evil@x.com" <mum@...>.
        ("mum@example.com (evil@x.com)", "contains a comment in brackets"),
        ("mum@ex..com", "the domain of 'mum@ex..com' has a misplaced dot"),
        ("mum@localhost", "the domain of 'mum@localhost' has no dot"),
        ("evil@x.com <mum@example.com>", "a name that looks like an address can mislead"),
    ],
)
def test_something_that_is_not_one_plain_address_is_refused(text: str, problem: str) -> None:
    with pytest.raises(ValueError, match=re.escape(problem)):
        parse_address(text)


def test_a_quoted_name_is_read_as_rfc_5322_reads_it() -> None:
    address = parse_address('"Smith, \\"Jo\\"" <jo@example.com>')
    assert (address.display_name, address.addr_spec) == ('Smith, "Jo"', "jo@example.com")


def test_build_writes_a_reproducible_eml_with_defaults(
    monkeypatch: pytest.MonkeyPatch, rich: Guide
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795000000")
    context = BuildContext(OPTIONS)
    context.pdf_cache[(rich.name, "a4", False)] = small_pdf(rich)
    [first] = render_eml_artifact(rich, context)
    [second] = render_eml_artifact(rich, context)
    assert first.name == "rich.eml" and first.kind == "eml"
    assert first.data == second.data
    message = BytesParser(policy=policy.default).parsebytes(first.data)
    assert message["From"] == "Guide sender <sender@example.invalid>"
    assert message["To"] == "Reader <reader@example.invalid>"
    assert message["Date"].datetime == dt.datetime.fromtimestamp(1795000000, tz=dt.UTC)
    assert message["X-Unsent"] == "1"
    assert verify_output(rich, "eml", first.data, Path("rich.eml")) == []


@pytest.mark.parametrize(
    ("option", "value", "problem"),
    [
        ("--to", "grandad at home", "the email address 'grandad at home' contains a space"),
        ("--to", "Mum <mum@example.com>, evil@x.com", "is not one address"),
        ("--to", "mum@example.com (evil@x.com)", "contains a comment in brackets"),
        ("--to", "mum@ex..com", "has a misplaced dot"),
        ("--from", "me@localhost", "the domain of 'me@localhost' has no dot"),
    ],
)
def test_cli_refuses_a_bad_address_before_building(
    tmp_path: Path, option: str, value: str, problem: str
) -> None:
    from helpers.cli import invoke

    result = invoke("build", option, value, "--out", str(tmp_path), str(FIRST_GUIDE))
    assert result.exit_code == 2
    assert f"Invalid value for '{option}'" in result.stderr
    assert problem in result.stderr
    assert "Traceback" not in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_guide_build_attaches_the_very_handout_it_wrote(tmp_path: Path) -> None:
    from helpers.cli import run_split

    code, stdout, stderr = run_split(
        "build", "--out", str(tmp_path), "--from", "Sam <sam@family.example>",
        "--to", "gran@family.example", str(FIRST_GUIDE),
    )  # fmt: skip
    assert code == 0, stderr
    assert "meta-ai-objection.eml" in stdout and "attaches meta-ai-objection.pdf" in stdout
    message = BytesParser(policy=policy.default).parsebytes(
        (tmp_path / "meta-ai-objection.eml").read_bytes()
    )
    [attachment] = list(message.iter_attachments())
    pdf = attachment.get_payload(decode=True)
    assert pdf == (tmp_path / "meta-ai-objection.pdf").read_bytes()
    assert message["From"] == "Sam <sam@family.example>"
    assert message["To"] == "gran@family.example"
    code, stdout, _ = run_split("verify", "--out", str(tmp_path), str(FIRST_GUIDE))
    assert code == 0 and f"{tmp_path / 'meta-ai-objection.eml'}: ok" in stdout


@pytest.mark.parametrize("recipient", ["Grandad <grandad@example.org>", "Łucja <l@example.pl>"])
def test_a_message_is_written_exactly_as_the_standard_library_writes_it(
    rich: Guide, recipient: str
) -> None:
    built = build_message(
        rich,
        OPTIONS,
        html=render_email_html(rich, OPTIONS, images="cid", handout=f"{rich.name}.pdf"),
        text=render_email_text(rich, OPTIONS, greeting="Dear Łucja,", handout=f"{rich.name}.pdf"),
        pdf=small_pdf(rich),
        sender="Sam Smith <sam@family.example>",
        recipient=recipient,
        date=WHEN,
    )
    assert message_bytes(built) == built.as_bytes()
