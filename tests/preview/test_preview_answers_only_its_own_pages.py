"""The preview's guides are seen by its own pages only: another web site open in the same
browser cannot load a page picture to learn a guide's name, pages or paper; and no address
(a file name that is not UTF-8, a page number of 5,000 digits) gets anything but an answer."""

from __future__ import annotations

import http.client
import os
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest
from helpers.guides import MINIMAL
from helpers.preview import preview_here
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.preview import PreviewRun

FROM_ANOTHER_SITE = {"Sec-Fetch-Site": "cross-site", "Sec-Fetch-Mode": "no-cors"}


@pytest.fixture
def lines() -> list[str]:
    return []


@pytest.fixture
def running(project: Path, lines: list[str]) -> Iterator[PreviewRun]:
    with preview_here(Path("content"), lines) as run:
        yield run


def ask(
    run: PreviewRun, path: str, headers: dict[str, str] | None = None
) -> tuple[int, dict[str, str], bytes]:
    """GET ``path`` as written (not encoded again): status, headers and body."""
    address = urlsplit(run.url)
    connection = http.client.HTTPConnection(address.hostname or "", address.port, timeout=20)
    try:
        connection.request("GET", path, headers=headers or {})
        answer = connection.getresponse()
        return answer.status, dict(answer.getheaders()), answer.read()
    finally:
        connection.close()


def root(run: PreviewRun) -> str:
    return urlsplit(run.url).path


def test_another_site_cannot_load_a_page_picture(running: PreviewRun) -> None:
    picture = f"{root(running)}g/small.md/page-1.png"
    status, headers, body = ask(running, picture, {"Sec-Fetch-Site": "same-origin"})
    assert status == 200 and body.startswith(b"\x89PNG")
    assert headers["Cross-Origin-Resource-Policy"] == "same-origin"
    for site in ("cross-site", "same-site"):  # same-site: another port of this computer
        status, headers, body = ask(running, picture, {**FROM_ANOTHER_SITE, "Sec-Fetch-Site": site})
        assert (status, body) == (403, b"not from this page")
        assert headers["Cross-Origin-Resource-Policy"] == "same-origin"


def test_without_the_runs_own_path_nothing_is_found(running: PreviewRun) -> None:
    """The address printed holds a secret made at start, which no page elsewhere can guess."""
    assert re.fullmatch(r"/[A-Za-z0-9_-]{20,}/", root(running))
    for path in ("/g/small.md/page-1.png", "/g/small.md/state", "/events", "/g/small.md/"):
        status, _headers, body = ask(running, path)
        assert (status, body) == (404, b"not found"), path
    # The person who opens the computer's own address is taken to the run's pages.
    status, headers, _body = ask(running, "/")
    assert status == 302 and headers["Location"] == root(running)


def test_a_link_followed_from_elsewhere_opens_the_preview_in_its_own_tab(
    running: PreviewRun,
) -> None:
    status, _headers, body = ask(
        running,
        f"{root(running)}g/small.md/",
        {
            "Sec-Fetch-Site": "cross-site",
            "Sec-Fetch-Mode": "navigate",
            "Sec-Fetch-Dest": "document",
        },
    )
    assert status == 200 and b"small.md" in body


def test_a_page_number_of_5000_digits_is_not_found(running: PreviewRun, lines: list[str]) -> None:
    for number in ("9" * 5000, "0", "01", "2", "999999"):
        status, _headers, body = ask(running, f"{root(running)}g/small.md/page-{number}.png")
        assert (status, body) == (404, b"not found"), number[:10]
    assert lines == []


def test_a_file_name_that_is_not_utf8_is_listed_and_shown(
    project: Path, running: PreviewRun, lines: list[str]
) -> None:
    odd = os.fsdecode(b"caf\xe9.md")
    (project / "content" / odd).write_text(MINIMAL, encoding="utf-8")
    status, _headers, body = ask(running, root(running))
    assert status == 200
    page = body.decode("utf-8")
    assert "caf\N{REPLACEMENT CHARACTER}.md" in page and "small.md" in page
    link = f"{root(running)}g/caf%E9.md/"
    assert f'href="{link}"' in page
    status, _headers, body = ask(running, link)
    assert status == 200 and "caf\N{REPLACEMENT CHARACTER}.md" in body.decode("utf-8")
    status, _headers, body = ask(running, link + "state")
    assert status == 200
    assert "must be lower-case letters" in body.decode("utf-8")  # said, as 'guide check' says it
    assert lines == []


SEGMENTS = st.one_of(
    st.sampled_from(["g", "small.md", "state", "email.html", "", "..", "%2e%2e", "%ff", "%00"]),
    st.text("0123456789", min_size=1, max_size=8).map(lambda digits: f"page-{digits}.png"),
    st.integers(4000, 6000).map(lambda length: f"page-{'7' * length}.png"),
    st.text(min_size=1, max_size=12).map(lambda text: quote(text, safe="")),
    st.binary(min_size=1, max_size=6).map(lambda data: quote(data, safe="")),
)


def test_no_address_gets_anything_but_an_answer(running: PreviewRun, lines: list[str]) -> None:
    """Whatever is asked, under the run's path or not, the answer is a page, a picture, a
    redirect or 'not found': never a fault of the tool or a connection cut short."""

    @settings(max_examples=150, deadline=None)
    @given(
        under=st.booleans(),
        segments=st.one_of(
            st.lists(SEGMENTS, min_size=1, max_size=4),
            SEGMENTS.map(lambda last: ["g", "small.md", last]),  # one guide's files
        ),
        query=st.sampled_from(["", "?paper=letter&large=1", "?large=%ff", "?paper=" + "x" * 900]),
    )
    def asked(under: bool, segments: list[str], query: str) -> None:
        path = (root(running) if under else "/") + "/".join(segments)
        if path.endswith("/events"):
            return  # a stream that stays open: asked by the tests of the stream
        status, _headers, _body = ask(running, path + query, {"Sec-Fetch-Site": "same-origin"})
        assert status in (200, 302, 404), (status, path[:80])
        assert lines == [], path[:80]

    asked()
