"""The email names the attached handout as a reader understands it, with its page count,
and keeps the file name whole (a phone must not break it after "meta-ai-")."""

from __future__ import annotations

from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

from helpers.cli import run_split
from helpers.guides import FIRST_GUIDE
from pypdf import PdfReader

from generator.verify.outputs import text_of_html


def test_the_built_email_says_how_many_pages_the_printable_copy_has(tmp_path: Path) -> None:
    code, _, stderr = run_split("build", "--out", str(tmp_path), str(FIRST_GUIDE))
    assert code == 0, stderr
    pages = len(PdfReader(tmp_path / "meta-ai-objection.pdf").pages)
    message = message_from_bytes(
        (tmp_path / "meta-ai-objection.eml").read_bytes(), policy=policy.default
    )
    assert isinstance(message, EmailMessage)
    html_part, text_part = message.get_body(("html",)), message.get_body(("plain",))
    assert html_part is not None and text_part is not None
    html = str(html_part.get_content())  # type: ignore[attr-defined]
    text = str(text_part.get_content()).replace("\r\n", "\n")  # type: ignore[attr-defined]
    label = f"The printable copy is attached ({pages} pages):"
    assert f"{label} meta-ai-objection.pdf" in " ".join(text_of_html(html).split())
    # The file name sits on a line of its own and never wraps inside itself.
    assert (
        '<span class="file-name" style="font-weight:bold;white-space:nowrap">'
        "meta-ai-objection.pdf</span>"
    ) in html
    assert f"{label}\nmeta-ai-objection.pdf\n" in text
