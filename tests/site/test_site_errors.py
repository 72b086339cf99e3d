"""`guide site` refuses bad input with `path:line: error:` and writes nothing at all."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.cli import run
from helpers.site import build_site, copy_guides


def test_a_guide_with_an_error_stops_the_whole_site(tmp_path: Path) -> None:
    content = copy_guides(tmp_path)
    broken = content / "turn-on-two-step-login.md"
    broken.write_text(
        broken.read_text(encoding="utf-8").replace("checked: 2026-11-20", "checked: soon"),
        encoding="utf-8",
    )
    code, printed = build_site(content, tmp_path / "site")
    assert code == 1
    assert f"{broken}:5: error:" in printed
    assert not (tmp_path / "site").exists()


def test_a_broken_guide_leaves_an_earlier_site_as_it_was(tmp_path: Path) -> None:
    content = copy_guides(tmp_path)
    out = tmp_path / "site"
    assert build_site(content, out)[0] == 0
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    (content / "back-up-your-photos.md").write_text("no front matter\n", encoding="utf-8")
    code, printed = build_site(content, out)
    assert code == 1 and "back-up-your-photos.md" in printed and "error:" in printed
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before


@pytest.mark.parametrize(
    ("address", "said"),
    [
        ("http://library.example.org/", "must start with https://"),
        ("https://library.example.org/?page=guides", "cannot have a '?'"),
        ("https://user@library.example.org/", "a trick"),
        ("https://library/", "website name"),
    ],
)
def test_a_base_url_that_cannot_be_printed_is_refused(
    tmp_path: Path, address: str, said: str
) -> None:
    code, printed = run(
        "site", str(copy_guides(tmp_path)), "--out", str(tmp_path / "s"), "--base-url", address
    )
    assert code == 2
    assert "--base-url" in printed and said in printed
    assert not (tmp_path / "s").exists()


def test_without_pagefind_the_site_says_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pagefind.service

    monkeypatch.setattr(pagefind.service, "get_executable", lambda: None)
    code, printed = build_site(copy_guides(tmp_path), tmp_path / "site")
    assert code == 1
    assert "pip install 'pagefind[bin]'" in printed
    assert not (tmp_path / "site").exists()


def build_with_template(tmp_path: Path, name: str, text: str) -> tuple[int, str]:
    """`guide site` of the test guides into tmp_path/site, with one template of our own
    (``site/NAME`` in a --templates folder)."""
    template = tmp_path / "templates" / "site" / name
    template.parent.mkdir(parents=True)
    template.write_text(text, encoding="utf-8")
    return build_site(
        copy_guides(tmp_path), tmp_path / "site", "--templates", str(tmp_path / "templates")
    )


@pytest.mark.parametrize(
    ("added", "said"),
    [
        ('<script src="https://cdn.example.com/track.js"></script>', "points outside the site"),
        ('<img src="//pixel.example.com/p.gif" alt="">', "points outside the site"),
        ("<script>window.track = 1;</script>", "script written inside the page"),
        ('<p style="color: red">Hi</p>', "style attribute"),
        ('<a href="../nowhere/index.html">More</a>', "leads to nothing in the site"),
        ('<a href="#no-such-part">Jump</a>', "names a part (#no-such-part)"),
        ("<style>p { color: red }</style>", "<style> written inside the page"),
        ('<a href="https://example.org/" ping="https://t.example/">A</a>', "ping attribute"),
    ],
)
def test_a_template_that_loads_from_elsewhere_or_links_to_nothing_is_refused(
    tmp_path: Path, added: str, said: str
) -> None:
    code, printed = build_with_template(
        tmp_path,
        "guide.html",
        '{% extends "site/guide_base.html" %}\n'
        "{% block intro %}" + added + "{{ super() }}{% endblock %}\n",
    )
    assert code == 1
    assert "index.html: error:" in printed and said in printed
    assert not (tmp_path / "site").exists()


@pytest.mark.parametrize(
    ("rule", "said"),
    [
        ('@import url("https://fonts.example.com/css?family=Roboto");', "must load nothing from"),
        ("@font-face { font-family: X; src: url('https://fonts.example.com/x.woff2'); }", "from"),
        ("body { background: url(//pixel.example.com/p.png); }", "from elsewhere"),
        ("body { background: url(data:image/png;base64,iVBORw0KGgo=); }", "from elsewhere"),
        ('body { background: url("paper.png"); }', "'paper.png', which is not in the site"),
    ],
)
def test_a_stylesheet_that_loads_from_elsewhere_or_nothing_is_refused(
    tmp_path: Path, rule: str, said: str
) -> None:
    code, printed = build_with_template(
        tmp_path, "assets/site.css", '{% include "site/assets/base.css" %}\n' + rule + "\n"
    )
    assert code == 1
    assert "site.css: error: the stylesheet" in printed and said in printed
    assert not (tmp_path / "site").exists()


def test_a_logo_that_is_not_a_picture_stops_the_site(tmp_path: Path) -> None:
    logo = tmp_path / "logo.png"
    logo.write_bytes(b"not a picture at all")
    out = tmp_path / "site"
    code, printed = build_site(copy_guides(tmp_path), out, "--logo", str(logo))
    assert code == 1
    assert f"{logo}: error:" in printed and "the logo" in printed
    assert not out.exists()
