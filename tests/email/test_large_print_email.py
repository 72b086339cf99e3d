"""Large-print readers get a large-print email, not only a large-print handout.

Body text 22 px (20 px at the smallest) and larger headings, the same structure and the
same read-back checks; the plain text does not change.
"""

from __future__ import annotations

import re
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

from helpers.cli import run_split
from helpers.guides import FIRST_GUIDE

from generator.options import BuildOptions
from generator.parse import load_guide
from generator.render.email import render_email_html
from generator.send.run import SendRequest, send_guide
from generator.verify.html import WARN_BYTES, font_size_problems
from generator.verify.outputs import text_of_html, verify_output

FONT_SIZE = re.compile(r"font-size:\s*([0-9.]+)px")


def visible_sizes(markup: str) -> list[float]:
    """Every text size a reader can see (the hidden inbox preview line aside)."""
    shown = re.sub(r'<div class="preheader"[^>]*>.*?</div>', "", markup, flags=re.S)
    return [float(size) for size in FONT_SIZE.findall(shown)]


def body_size(markup: str) -> float:
    cell = re.search(r'class="card-cell"[^>]*style="[^"]*font-size:\s*([0-9.]+)px', markup)
    assert cell is not None
    return float(cell.group(1))


def html_part(data: bytes) -> str:
    message = message_from_bytes(data, policy=policy.default)
    assert isinstance(message, EmailMessage)
    part = message.get_body(("html",))
    assert part is not None
    return str(part.get_content())  # type: ignore[attr-defined]


def test_build_large_print_writes_a_large_print_email(tmp_path: Path) -> None:
    regular, large = tmp_path / "regular", tmp_path / "large"
    assert run_split("build", "--out", str(regular), str(FIRST_GUIDE))[0] == 0
    code, _, stderr = run_split("build", "--large-print", "--out", str(large), str(FIRST_GUIDE))
    assert code == 0, stderr
    for html in (
        (large / "meta-ai-objection.html").read_text("utf-8"),
        html_part((large / "meta-ai-objection.eml").read_bytes()),
    ):
        assert body_size(html) >= 20
        assert min(visible_sizes(html)) >= 20
    # The same words in the same order: only the sizes change.
    assert text_of_html((large / "meta-ai-objection.html").read_text("utf-8")) == text_of_html(
        (regular / "meta-ai-objection.html").read_text("utf-8")
    )
    standard = (regular / "meta-ai-objection.html").read_text("utf-8")
    assert body_size(standard) == 18 and min(visible_sizes(standard)) >= 16
    large_h1 = re.search(r'class="h1" style="[^"]*font-size:([0-9]+)px', html)
    assert large_h1 is not None and int(large_h1.group(1)) > body_size(html)
    # The plain text is the same for everyone.
    assert (large / "meta-ai-objection.txt").read_bytes() == (
        regular / "meta-ai-objection.txt"
    ).read_bytes()
    # Still well inside Gmail's clipping limit.
    assert len((large / "meta-ai-objection.html").read_bytes()) < WARN_BYTES


def test_a_large_print_row_in_the_list_gets_the_large_print_email(tmp_path: Path) -> None:
    family = tmp_path / "family.csv"
    family.write_text(
        "email,name,large_print\nmum@example.com,Mum,\ngrandad@example.com,Grandad,yes\n",
        encoding="utf-8",
    )
    outbox = tmp_path / "outbox"
    send_guide(
        SendRequest(
            guide=FIRST_GUIDE,
            to=(str(family),),
            sender="anna@example.net",
            outbox=outbox,
            options=BuildOptions(out=tmp_path / "output"),
        )
    )
    grandad = html_part((outbox / "grandad@example.com.eml").read_bytes())
    mum = html_part((outbox / "mum@example.com.eml").read_bytes())
    assert body_size(grandad) == 22 and min(visible_sizes(grandad)) >= 20
    assert body_size(mum) == 18


def test_the_read_back_refuses_text_too_small_for_the_print_size() -> None:
    guide = load_guide(FIRST_GUIDE)
    large = render_email_html(guide, BuildOptions(large_print=True))
    assert font_size_problems(large) == []
    shrunk = large.replace("font-size:20px", "font-size:18px")
    assert font_size_problems(shrunk) == [
        "the large-print email has 18 px text: every text must be 20 px or larger"
    ]
    findings = verify_output(guide, "html", shrunk.encode(), Path("x.html"))
    assert [f.message for f in findings if f.severity == "error"] == font_size_problems(shrunk)
    regular = render_email_html(guide, BuildOptions())
    assert font_size_problems(regular) == []
    assert font_size_problems(regular.replace("font-size:16px", "font-size:12px")) == [
        "the regular email has 12 px text: every text must be 16 px or larger"
    ]
