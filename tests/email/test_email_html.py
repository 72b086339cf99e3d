"""The HTML email: complete, escaped, self-contained, readable on a phone and in dark mode."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from helpers.cli import invoke
from helpers.email import attributes, font_sizes, rich_guide, write_rich_guide
from helpers.guides import FIRST_GUIDE

from generator.model import Guide, all_blocks, iter_links, plain_text
from generator.options import BuildOptions
from generator.parse import load_guide
from generator.render.email import render_email_html
from generator.typography import normalise
from generator.verify.outputs import check_complete, text_of_html

OPTIONS = BuildOptions()


@pytest.fixture
def rich(tmp_path: Path) -> Guide:
    return rich_guide(tmp_path)


def visible(markup: str) -> str:
    return normalise(text_of_html(markup))


def test_every_step_in_order_with_its_number_and_every_caveat() -> None:
    guide = load_guide(FIRST_GUIDE)
    markup = render_email_html(guide, OPTIONS)
    assert check_complete(guide, text_of_html(markup), Path("x.html")) == []
    text = visible(markup)
    labels = [f"Step {n} of 5 {step.title}" for n, step in enumerate(guide.steps, start=1)]
    positions = [text.index(normalise(label)) for label in labels]
    assert positions == sorted(positions)
    box = markup[markup.index('class="caveats"') : markup.index("Questions people ask")]
    for caveat in guide.caveats:
        assert caveat.title in box


def test_carries_questions_source_checked_date_and_no_facilitator_notes() -> None:
    guide = load_guide(FIRST_GUIDE)
    text = visible(render_email_html(guide, OPTIONS))
    for question in guide.questions:
        assert normalise(question.title) in text
        assert normalise(plain_text(question.body[0].children)) in text  # type: ignore[union-attr]
    assert "Checked on 20 November 2026" in text
    assert "Source: Trusted Reviews (trustedreviews.com), How to object to Meta" in text
    assert "(trustedreviews.com)" in text
    assert "Ask attendees to bring" not in text
    assert guide.version in text


def test_title_with_script_and_ampersand_shows_as_text(rich: Guide) -> None:
    markup = render_email_html(rich, OPTIONS)
    assert "<script" not in markup
    assert "<title>Keep &lt;script&gt; &amp; cookies out</title>" in markup
    assert ">Keep &lt;script&gt; &amp; cookies out</h1>" in markup
    assert "Keep <script> & cookies out" in visible(markup)


def test_links_only_go_to_the_guides_own_https_and_mailto_addresses(rich: Guide) -> None:
    markup = render_email_html(rich, OPTIONS)
    hrefs = {value for _, name, value in attributes(markup) if name == "href"}
    own = {link.url for link in iter_links(all_blocks(rich))}
    assert rich.source is not None
    assert hrefs == {url for url in own if not url.startswith("http:")} | {rich.source.url}
    assert all(href.startswith(("https://", "mailto:")) for href in hrefs)
    sources = [value for _, name, value in attributes(markup) if name in ("src", "srcset")]
    assert sources == ["rich-pictures/settings.png", "rich-pictures/button.jpg"]
    assert "@import" not in markup and "url(" not in markup


def test_a_plain_http_link_is_shown_as_text_not_made_clickable(rich: Guide) -> None:
    markup = render_email_html(rich, OPTIONS)
    assert 'href="http:' not in markup
    assert "the archive (http://old.example.net/archive)" in visible(markup)


def test_every_link_names_its_real_domain(rich: Guide) -> None:
    text = visible(render_email_html(rich, OPTIONS))
    assert "our guide page (myaccount.google.com)" in text
    assert "Trusted Reviews (trustedreviews.com)" in text
    assert "our helpdesk (help@example.org)" in text
    # Text that does not name the domain gets the real one beside it.
    assert "a look-alike page (google.com.evil.example)" in text
    # Text that already is the address is not repeated.
    long = "https://support.example.com/a/very/long/path"
    assert text.count(long) == 1


def test_language_direction_and_preheader(tmp_path: Path) -> None:
    path = write_rich_guide(tmp_path, name="rich.ar.md")
    text = path.read_text(encoding="utf-8").replace("lang: en-GB", "lang: ar")
    path.write_text(text, encoding="utf-8")
    markup = render_email_html(load_guide(path), OPTIONS)
    assert '<html lang="ar" dir="rtl"' in markup
    assert 'lang="ar"' in markup[markup.index('class="card-cell"') - 200 :]
    preheader = re.search(r'<div class="preheader" style="([^"]*)">([^<]*)</div>', markup)
    assert preheader is not None
    assert "display:none" in preheader.group(1)
    assert preheader.group(2) == "Tidy your browser in three steps &amp; keep what matters."


def test_dark_mode_and_phone_rules_survive_inlining() -> None:
    markup = render_email_html(load_guide(FIRST_GUIDE), OPTIONS)
    style = re.search(r"<style>(.*?)</style>", markup, re.S)
    assert style is not None
    assert "@media (prefers-color-scheme: dark)" in style.group(1)
    assert "@media screen and (max-width: 480px)" in style.group(1)
    assert ".card-cell" in style.group(1) and "!important" in style.group(1)
    assert '<meta name="color-scheme" content="light dark">' in markup
    assert "color-scheme:light dark" in markup[: markup.index("<head>")]
    # Plain rules are inlined: the body text size is on the element itself.
    assert re.search(r'class="card-cell"[^>]*style="[^"]*font-size:18px', markup)
    assert markup.count("<style") == 1


def test_body_text_is_16px_or_more_and_the_column_fits_a_phone(rich: Guide) -> None:
    markup = render_email_html(rich, OPTIONS)
    sizes = font_sizes(markup)
    assert sizes and min(sizes) >= 16
    assert re.search(r'class="card"[^>]*style="[^"]*width:100%;max-width:600px', markup)
    assert 'role="presentation"' in markup
    assert "word-break:break-word" in markup  # long addresses wrap instead of scrolling
    for _, name, value in attributes(markup):
        if name == "width":
            assert int(value) <= 544  # no picture wider than the column
    # Outlook for Windows ignores max-width: a table only it sees keeps the column at 600 px.
    assert '<!--[if mso]><table role="presentation" width="600"' in markup


def test_pictures_have_alt_text_and_a_size_that_fits(rich: Guide) -> None:
    markup = render_email_html(rich, OPTIONS)
    images = re.findall(r"<img [^>]*>", markup)
    assert len(images) == 2
    assert 'alt="The Settings button, a blue bar at the top"' in images[0]
    # A tall phone screenshot is shown smaller; a wide one fills the column.
    assert 'width="240" height="520"' in images[0]
    assert 'width="544" height="306"' in images[1]
    cid = render_email_html(rich, OPTIONS, images="cid")
    assert re.findall(r'src="(cid:[^"]+)"', cid) == [
        f"cid:picture1.{rich.version}@rich",
        f"cid:picture2.{rich.version}@rich",
    ]


def test_greeting_and_note_sit_above_the_guide_escaped(rich: Guide) -> None:
    plain = render_email_html(rich, OPTIONS)
    assert 'class="personal"' not in plain
    markup = render_email_html(
        rich,
        OPTIONS,
        greeting="Dear Grandad,",
        note="I did this on my phone <3\nIt took five minutes.\n\nLove, Sam",
    )
    text = visible(markup)
    assert text.index("Dear Grandad,") < text.index("I did this") < text.index("Keep <script>")
    assert '<p class="p" style="margin:0 0 14px">Dear Grandad,</p>' in markup
    assert "I did this on my phone &lt;3<br>It took five minutes.</p>" in markup
    assert "Love, Sam</p>" in markup


def test_the_handout_line_appears_only_when_a_pdf_is_attached(rich: Guide) -> None:
    assert "printable copy" not in render_email_html(rich, OPTIONS)
    markup = render_email_html(rich, OPTIONS, handout="rich.pdf", handout_pages=3)
    assert "The printable copy is attached (3 pages): rich.pdf" in visible(markup)


def test_a_users_template_folder_overrides_blocks_and_styles(rich: Guide, tmp_path: Path) -> None:
    folder = tmp_path / "mine" / "email"
    folder.mkdir(parents=True)
    (folder / "guide.html").write_text(
        '{% extends "email/base.html" %}\n'
        '{% block footer %}<p class="footer-p">Sent by the Tuesday library club'
        " &amp; {{ guide.title }} ({{ guide.version }})</p>{% endblock %}\n",
        encoding="utf-8",
    )
    (folder / "style.css").write_text(
        '{% include "email/base.css" %}\n.h1 { color: #550000; }\n', encoding="utf-8"
    )
    markup = render_email_html(rich, BuildOptions(templates=tmp_path / "mine"))
    assert "Sent by the Tuesday library club &amp; Keep &lt;script&gt; &amp; cookies out" in markup
    assert "This email has no tracking" not in markup
    assert re.search(r'class="h1" style="[^"]*color:#550000', markup)
    # The rest of the bundled template is still there.
    assert check_complete(rich, text_of_html(markup), Path("x")) == []


def test_a_typo_in_a_template_fails_loudly_at_its_line(rich: Guide, tmp_path: Path) -> None:
    from generator.problems import GuideError

    folder = tmp_path / "mine" / "email"
    folder.mkdir(parents=True)
    (folder / "guide.html").write_text(
        '{% extends "email/base.html" %}\n{% block footer %}{{ guide.titel }}{% endblock %}',
        encoding="utf-8",
    )
    with pytest.raises(GuideError) as raised:
        render_email_html(rich, BuildOptions(templates=tmp_path / "mine"))
    assert str(raised.value).startswith(f"{folder / 'guide.html'}:2: error: template error:")
    assert "titel" in str(raised.value)


def test_a_broken_email_template_stops_the_build_without_a_traceback(tmp_path: Path) -> None:
    from helpers.guides import MINIMAL

    guide = tmp_path / "small.md"
    guide.write_text(MINIMAL, encoding="utf-8")
    folder = tmp_path / "mine" / "email"
    folder.mkdir(parents=True)
    (folder / "guide.txt").write_text('{% extends "email/base.txt" %}{% block footer %', "utf-8")
    out = tmp_path / "out"
    result = invoke("build", str(guide), "--out", str(out), "--templates", str(tmp_path / "mine"))
    assert result.exit_code == 1
    assert f"{folder / 'guide.txt'}:1: error: template error:" in result.stderr
    assert "Traceback" not in result.output + result.stderr
    assert not out.exists() or not list(out.iterdir())
