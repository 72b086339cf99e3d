"""The plain-text edition: made from the model, 72 columns, and as complete as the HTML."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.email import rich_guide
from helpers.guides import FIRST_GUIDE

from generator.model import Guide, plain_text
from generator.options import BuildOptions
from generator.parse import load_guide
from generator.render.email import render_email_html, render_email_text
from generator.typography import normalise
from generator.verify.outputs import check_complete, text_of_html

OPTIONS = BuildOptions()


@pytest.fixture
def rich(tmp_path: Path) -> Guide:
    return rich_guide(tmp_path)


def test_lines_are_wrapped_at_72_columns_except_unbreakable_addresses(rich: Guide) -> None:
    for guide in (rich, load_guide(FIRST_GUIDE)):
        text = render_email_text(guide, OPTIONS, note="word " * 60)
        for line in text.split("\n"):
            assert len(line) <= 72 or " " not in line.strip(), line
    assert "\n" + "https://support.example.com/a/very/long/path/that/goes/on/and/on/and/on/" in (
        render_email_text(rich, OPTIONS)
    )


def test_steps_are_numbered_step_n_of_total_in_order() -> None:
    guide = load_guide(FIRST_GUIDE)
    text = render_email_text(guide, OPTIONS)
    assert check_complete(guide, text, Path("x.txt")) == []
    positions = [text.index(f"Step {step.number} of 5: {step.title}") for step in guide.steps]
    assert positions == sorted(positions)


def test_caveats_are_clearly_marked(rich: Guide) -> None:
    text = render_email_text(rich, OPTIONS)
    assert "Things to be aware of\n---------------------\n" in text
    assert "Important: Some sites will sign you out\n\nThat is expected." in text
    assert "Important: Passwords may stay" in text


def test_every_link_is_written_out_in_full(rich: Guide) -> None:
    text = normalise(render_email_text(rich, OPTIONS))
    assert "our guide page (https://myaccount.google.com/)" in text
    assert "Trusted Reviews (https://www.trustedreviews.com/how-to)" in text
    assert "our helpdesk (help@example.org)" in text
    assert "the archive (http://old.example.net/archive)" in text
    assert "a look-alike page (https://google.com.evil.example/)" in text
    assert text.count("https://support.example.com/a/very/long/path") == 1
    assert "Example Org, Browser privacy & you (https://www.example.org/privacy?topic=" in text


def test_pictures_become_their_alt_text(rich: Guide) -> None:
    text = render_email_text(rich, OPTIONS)
    assert "[Picture: The Settings button, a blue bar at the top]" in text
    assert "[Picture: A round red button in the middle]" in text


def test_markup_characters_are_kept_as_written(rich: Guide) -> None:
    text = render_email_text(rich, OPTIONS)
    assert text.startswith("Keep <script> & cookies out\n===========================\n")
    assert "&amp;" not in text and "&lt;" not in text


@pytest.mark.parametrize("which", ["first", "rich"])
def test_text_carries_everything_the_html_carries(which: str, rich: Guide) -> None:
    guide = load_guide(FIRST_GUIDE) if which == "first" else rich
    text = normalise(render_email_text(guide, OPTIONS, handout=f"{guide.name}.pdf"))
    html = normalise(text_of_html(render_email_html(guide, OPTIONS, handout=f"{guide.name}.pdf")))
    expected = [guide.title, guide.summary, f"Guide version {guide.version}"]
    expected += [item.title for item in (*guide.steps, *guide.caveats, *guide.questions)]
    expected += [plain_text(item.body[0].children) for item in guide.questions]  # type: ignore[union-attr]
    expected += [section.title for section in guide.sections]
    expected += [plain_text(need) for need in guide.needs]
    expected += ["Checked on", "The printable copy is attached", "no tracking"]
    assert guide.source is not None
    expected += [guide.source.title, guide.source.publisher or ""]
    for wanted in expected:
        assert normalise(wanted) in text, wanted
        assert normalise(wanted) in html, wanted
    for output in (text, html):
        assert "SECRET FACILITATOR TEXT" not in output
        assert "Ask attendees to bring" not in output


def test_greeting_and_note_come_first_as_wrapped_paragraphs(rich: Guide) -> None:
    text = render_email_text(
        rich, OPTIONS, greeting="Dear Grandad,", note="First line\nsecond line\n\nLove, Sam"
    )
    assert text.startswith("Dear Grandad,\n\nFirst line\nsecond line\n\nLove, Sam\n\n---")
    assert render_email_text(rich, OPTIONS).startswith("Keep <script>")
