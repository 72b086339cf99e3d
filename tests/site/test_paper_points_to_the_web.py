"""With --base-url, every handout and email of a guide gives the address of its page on the web
with a QR code, so a reader holding an old printout can find the current one; without it,
nothing changes."""

from __future__ import annotations

import datetime as dt
import email
import io
import itertools
from pathlib import Path

import pytest
from helpers.cli import run
from helpers.handouts import handout, page_texts, qr_payloads
from helpers.site import BASE_URL, SITE_GUIDES

GUIDE = SITE_GUIDES / "turn-on-two-step-login.md"
ADDRESS = BASE_URL + "guides/turn-on-two-step-login/"


def build(out: Path, *extra: str) -> None:
    code, printed = run("build", str(GUIDE), "--out", str(out), *extra)
    assert code == 0, printed


def test_the_handout_prints_the_guide_address_and_a_code_that_scans_to_it(tmp_path: Path) -> None:
    build(tmp_path, "--format", "pdf", "--base-url", BASE_URL)
    data = (tmp_path / "turn-on-two-step-login.pdf").read_bytes()
    text = " ".join(" ".join(page_texts(data)).split())
    assert "The latest version of this guide" in text
    # PDFium reads the hyphen the address breaks after, at a line's end, as U+FFFE.
    assert ADDRESS in text.replace(" ", "").replace("\ufffe", "-")
    assert ADDRESS in qr_payloads(data)


def test_the_email_gives_the_address_with_its_qr_code(tmp_path: Path) -> None:
    build(tmp_path, "--base-url", BASE_URL.rstrip("/"))  # the last slash is added
    html = (tmp_path / "turn-on-two-step-login.html").read_text(encoding="utf-8")
    assert f'href="{ADDRESS}"' in html
    assert 'src="turn-on-two-step-login-pictures/latest-version-qr.png"' in html
    text = (tmp_path / "turn-on-two-step-login.txt").read_text(encoding="utf-8")
    assert "The latest version of this guide" in text and ADDRESS in text
    import zxingcpp
    from PIL import Image

    picture = tmp_path / "turn-on-two-step-login-pictures" / "latest-version-qr.png"
    assert [code.text for code in zxingcpp.read_barcodes(Image.open(picture))] == [ADDRESS]
    message = email.message_from_bytes((tmp_path / "turn-on-two-step-login.eml").read_bytes())
    parts = {part.get_filename(): part for part in message.walk()}
    qr = parts["latest-version-qr.png"].get_payload(decode=True)
    assert isinstance(qr, bytes)
    assert [c.text for c in zxingcpp.read_barcodes(Image.open(io.BytesIO(qr)))] == [ADDRESS]


def test_the_web_page_carries_the_version_stamp_of_the_handout(tmp_path: Path) -> None:
    code, printed = run("site", str(GUIDE), "--out", str(tmp_path / "site"), "--base-url", BASE_URL)
    assert code == 0, printed
    folder = tmp_path / "site" / "guides" / "turn-on-two-step-login"
    handout = " ".join(page_texts((folder / "turn-on-two-step-login-a4.pdf").read_bytes()))
    stamp = handout.split("Version ")[1].split()[0]
    page = (folder / "index.html").read_text(encoding="utf-8")
    assert f"<dd>{stamp}</dd>" in page
    assert ADDRESS in qr_payloads(
        (folder / "turn-on-two-step-login-letter-large-print.pdf").read_bytes()
    )


@pytest.mark.parametrize("where", ["option", "guide.toml"])
def test_a_base_url_in_guide_toml_works_like_the_option(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    monkeypatch.chdir(tmp_path)
    if where == "guide.toml":
        (tmp_path / "guide.toml").write_text(f'base-url = "{BASE_URL}"\n', encoding="utf-8")
        build(tmp_path / "out", "--format", "txt")
    else:
        build(tmp_path / "out", "--format", "txt", "--base-url", BASE_URL)
    assert ADDRESS in (tmp_path / "out" / "turn-on-two-step-login.txt").read_text("utf-8")


def test_the_preview_refuses_a_base_url_in_guide_toml_as_the_option_would(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator.cli import _preview_settings
    from generator.preview.state import build_preview

    monkeypatch.chdir(tmp_path)
    (tmp_path / "guide.toml").write_text('base-url = "javascript:alert(1)"\n', encoding="utf-8")
    shown, problems = build_preview(
        GUIDE, _preview_settings({}), ("a4", False), dt.date(2026, 12, 1)
    )
    assert shown is None
    assert [str(p) for p in problems] == [
        "guide.toml: error: base-url: javascript:alert(1): the site's address must start with "
        "https:// (it is printed on paper, and a phone should open it safely)"
    ]


def test_an_address_is_printed_as_a_browser_writes_it(tmp_path: Path) -> None:
    build(tmp_path, "--format", "txt", "--base-url", "HTTPS://Library.Example.ORG/safety")
    text = (tmp_path / "turn-on-two-step-login.txt").read_text(encoding="utf-8")
    assert ADDRESS in text


@pytest.mark.parametrize(
    "folder", ["caf\u00e9/", "a%20b/", 'say"hi"/', "<b>/", "../other/", "a//b/", "a/./b/"]
)
def test_a_base_url_whose_folder_a_browser_would_rewrite_is_refused(
    tmp_path: Path, folder: str
) -> None:
    code, printed = run(
        "build", str(GUIDE), "--out", str(tmp_path), "--base-url", "https://example.org/" + folder
    )
    assert code == 2
    assert "may hold only plain letters" in printed
    assert not list(tmp_path.iterdir())


def test_without_a_base_url_nothing_points_to_the_web(tmp_path: Path) -> None:
    build(tmp_path)
    for name in ("turn-on-two-step-login.html", "turn-on-two-step-login.txt"):
        assert "latest version" not in (tmp_path / name).read_text(encoding="utf-8")
    assert not (tmp_path / "turn-on-two-step-login-pictures").exists()
    data = (tmp_path / "turn-on-two-step-login.pdf").read_bytes()
    assert "latest version" not in " ".join(page_texts(data))


LONG_BASE_URL = "https://library.example.org/digital-safety/help-for-older-readers/"
"""A base address long enough that the guide's address takes two or three printed lines."""


def beside_a_hyphen(before: str, after: str) -> bool:
    return before.endswith("-") or after.startswith("-")


@pytest.mark.parametrize(("paper", "large"), [("a4", False), ("letter", True)])
def test_the_latest_version_stays_with_its_heading_and_its_address_breaks_only_after_a_slash(
    paper: str, large: bool
) -> None:
    address = LONG_BASE_URL + "guides/turn-on-two-step-login/"
    pages = page_texts(handout(GUIDE, paper, large, base_url=LONG_BASE_URL))
    (page,) = [text for text in pages if "The latest version of this guide" in text]
    lines = [line.strip() for line in page.splitlines() if line.strip()]
    pieces = [line for line in lines if line in address and len(line) > 1]
    assert "".join(pieces) == address  # on the heading's page, in order, nothing added
    assert len(pieces) >= 2
    for before, after in itertools.pairwise(pieces):
        assert not beside_a_hyphen(before, after), (before, after)
        assert before.endswith("/") or after.startswith("."), (before, after)


def test_a_long_address_reads_back_whole_to_a_screen_reader_and_when_copied() -> None:
    from generator.verify.pdf import read_pdf

    address = LONG_BASE_URL + "guides/turn-on-two-step-login/"
    reading = read_pdf(handout(GUIDE, "a4", True, base_url=LONG_BASE_URL))
    assert address in " ".join(element.text for element in reading.elements or ())
    assert any(address in text for text in reading.pages)


def test_a_template_that_leaves_out_the_address_is_refused_when_base_url_asks_for_it(
    tmp_path: Path,
) -> None:
    kit = tmp_path / "kit"
    (kit / "handout").mkdir(parents=True)
    (kit / "handout" / "handout.xml").write_text(
        '{% extends "handout/base.xml" %}{% block web %}{% endblock %}', encoding="utf-8"
    )
    (kit / "email").mkdir()
    (kit / "email" / "guide.txt").write_text(
        '{% extends "email/base.txt" %}{% block latest %}{% endblock %}', encoding="utf-8"
    )
    out = tmp_path / "out"
    code, printed = run(
        "build", str(GUIDE), "--out", str(out), "--format", "pdf", "--format", "txt",
        "--templates", str(kit), "--base-url", BASE_URL,
    )  # fmt: skip
    assert code == 1
    for name in ("turn-on-two-step-login.pdf", "turn-on-two-step-login.txt"):
        assert (
            f"{out / name}: error: it does not give the guide's address on the web ({ADDRESS})"
        ) in printed
    assert not out.exists()
    # Without --base-url the same kit builds: nothing asks for an address.
    code, printed = run(
        "build", str(GUIDE), "--out", str(out), "--format", "pdf", "--templates", str(kit)
    )
    assert code == 0, printed
