"""Every layout ends, soon, with a good PDF or an error naming what does not fit.

A phone screenshot in a caveat once made a large-print booklet run for ever (a "continued"
line was carried from page to page while the picture never fitted, memory growing past
6 GB). Now a picture is made smaller to fit the page, a part that no page can hold stops the
layout at once with ``path:line: error:`` naming it and the page, and ``guide check`` says
so first (a warning when only a booklet or two-up pack would refuse it).
"""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from helpers.guides import ROOT
from helpers.workshop import half_texts
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

CAVEAT = "The screen looks different on each phone"
ALT = "The security screen of a phone"

GUIDE = """\
---
title: Lock your phone
summary: A screen lock keeps your phone private if you lose it.
checked: 2026-11-01
---
{intro}
## Steps

### Open the settings
Open Settings and tap Security.
{step}
## Caveats

### {caveat}
Your phone's menus may look like this one, or not.
{in_caveat}
## Questions

### What if I forget the code?
Ask at the library desk: they can help you reset it.
{question}"""

PLACES = ("intro", "step", "in_caveat", "question")


def write_guide(
    folder: Path, place: str, alt: str, size: tuple[int, int], address: int = 0
) -> tuple[Path, int]:
    """A guide with one picture of ``size`` pixels in ``place`` (and a link with an address of
    ``address`` characters, if not 0); its path and the picture's line."""
    from PIL import Image

    Image.new("RGB", size, (200, 220, 240)).save(folder / "phone.png")
    picture = f"\n![{alt}](phone.png)\n"
    if address:
        base = "https://help.example.org/"
        link = base + ("settings/" * 20)[: address - len(base)]
        picture += f"\nSee [the help page]({link}).\n"
    text = GUIDE.format(
        caveat=CAVEAT, **{name: picture if name == place else "" for name in PLACES}
    )
    path = folder / "lock.md"
    path.write_text(text, encoding="utf-8")
    line = text.splitlines().index(picture.strip().splitlines()[0]) + 1
    return path, line


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (3 * 1024**3, 3 * 1024**3))


def guide_command(*args: str, cwd: Path, timeout: float = 240) -> subprocess.CompletedProcess[str]:
    """The guide command in its own process, stopped if it runs past ``timeout`` seconds."""
    return subprocess.run(
        [sys.executable, "-m", "generator", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=timeout,
        preexec_fn=_limit_memory,
        check=False,
    )


@pytest.mark.parametrize("layout", ["booklet", "two-up"])
def test_a_phone_screenshot_in_a_caveat_makes_a_large_print_booklet(
    tmp_path: Path, layout: str
) -> None:
    guide, _ = write_guide(tmp_path, "in_caveat", ALT, (1080, 2400))
    assert guide_command("check", str(guide), cwd=tmp_path).returncode == 0
    done = guide_command(
        "workshop", str(guide), "--layout", layout, "--large-print", "--out", "out", cwd=tmp_path
    )
    assert done.returncode == 0, done.stderr
    assert "too large" not in done.stderr, done.stderr
    pack = tmp_path / "out" / "workshop" / f"attendee-pack-{layout}-large-print.pdf"
    halves = [half for side in half_texts(pack.read_bytes()) for half in side]
    assert any(f"Picture: {ALT}" in " ".join(half.split()) for half in halves)


def test_a_picture_no_booklet_page_can_hold_is_named_with_its_line(tmp_path: Path) -> None:
    long_alt = " ".join([ALT] * 14)
    guide, line = write_guide(tmp_path, "in_caveat", long_alt, (1080, 2400))
    where = (
        f"{guide}:{line}: warning: the picture 'phone.png' in caveat '{CAVEAT}' is too large "
        "for a booklet page (A5, half of A4) in large print"
    )
    checked = guide_command("check", str(guide), cwd=tmp_path)
    assert checked.returncode == 0
    assert where in checked.stderr
    done = guide_command(
        "workshop", str(guide), "--layout", "booklet", "--large-print", "--out", "out", cwd=tmp_path
    )
    assert done.returncode == 1
    assert where.replace(": warning:", ": error:") in done.stderr
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "out").exists()
    # The handout and a regular-print booklet have the room.
    assert guide_command("build", str(guide), "--large-print", cwd=tmp_path).returncode == 0
    assert (
        guide_command(
            "workshop", str(guide), "--layout", "booklet", "--out", "out", cwd=tmp_path
        ).returncode
        == 0
    )


def test_a_link_card_no_booklet_page_can_hold_is_named_with_its_part(tmp_path: Path) -> None:
    """Words and an address at their longest beside a QR code, in a caveat's narrow box."""
    words = ("the page in the app's help centre that says how to do it " * 2)[:100].strip()
    address = "https://help.example.org/" + ("settings/" * 20)[:125]
    guide, _ = write_guide(tmp_path, "in_caveat", ALT, (10, 10))
    text = guide.read_text(encoding="utf-8").replace(
        f"![{ALT}](phone.png)", f"See [{words}]({address})."
    )
    guide.write_text(text, encoding="utf-8")
    heading = text.splitlines().index(f"### {CAVEAT}") + 1
    said = (
        f"{guide}:{heading}: warning: the link card for {address} in caveat '{CAVEAT}' is too "
        "large for a booklet page (A5, half of A4) in large print: shorten the link's words "
        "or its address"
    )
    assert said in guide_command("check", str(guide), cwd=tmp_path).stderr
    done = guide_command(
        "workshop", str(guide), "--layout", "two-up", "--large-print", "--out", "out", cwd=tmp_path
    )
    assert done.returncode == 1
    assert said.replace(": warning:", ": error:") in done.stderr
    assert not (tmp_path / "out").exists()


def test_a_story_that_never_ends_is_stopped_with_its_page_bound(tmp_path: Path) -> None:
    """A template asking for a table of a billion rows gets an error, not pages for ever."""
    from generator.problems import GuideError
    from generator.render.pdf import typeset_story
    from generator.render.pdf.fitting import MOST_PAGES

    story = (
        '<handout><tick-table rows="1000000000"><column>Name</column><column>Done</column>'
        "</tick-table></handout>"
    )
    origin = tmp_path / "workshop" / "progress.xml"
    with deadline(60), pytest.raises(GuideError) as raised:
        typeset_story(story, page="a5", large_print=True, origin=origin, sources=None)
    assert str(raised.value) == (
        f"{origin}: error: the layout was stopped at the table to tick (Name, Done) on a "
        f"booklet page (A5, half of A4) in large print: it would take more than {MOST_PAGES} "
        "pages "
        "(build with --story to see the story)"
    )


# --- a property: every layout of every picture ends, with a PDF or a clear error ----------

LAYOUTS = ("handout", "single", "booklet", "two-up")


@contextmanager
def deadline(seconds: int) -> Iterator[None]:
    """Fail (instead of hanging) if the block runs longer than ``seconds``."""

    def expired(signum: int, frame: object) -> None:
        raise TimeoutError(f"the layout did not end within {seconds} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@settings(
    max_examples=24,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    layout=st.sampled_from(LAYOUTS),
    paper=st.sampled_from(["a4", "letter"]),
    large_print=st.booleans(),
    place=st.sampled_from(PLACES),
    size=st.tuples(st.integers(1, 4000), st.integers(1, 4000)).filter(
        lambda size: size[0] * size[1] <= 4_000_000
    ),
    words=st.integers(1, 60),
    address=st.sampled_from([0, 0, 60, 150]),
)
def test_every_layout_of_a_picture_ends_with_a_pdf_or_a_clear_error(
    tmp_path_factory: pytest.TempPathFactory,
    layout: str,
    paper: str,
    large_print: bool,
    place: str,
    size: tuple[int, int],
    words: int,
    address: int,
) -> None:
    from generator.build import build
    from generator.check import check_paths
    from generator.options import BuildOptions
    from generator.workshop import WorkshopOptions, build_workshop

    folder = tmp_path_factory.mktemp("layout")
    alt = " ".join(["a screen"] * words)
    guide, line = write_guide(folder, place, alt, size, address)
    out = folder / "out"
    with deadline(120):
        if layout == "handout":
            report = build(
                [guide],
                BuildOptions(out=out, formats=("pdf",), paper=paper, large_print=large_print),
            )
            made = out / "lock.pdf"
        else:
            report = build_workshop(
                [guide],
                WorkshopOptions(out=out, paper=paper, large_print=large_print, layout=layout),
            )
            made = out / "workshop"
    if not report.failed:
        assert made.exists()
        return
    # Refused: only for a part too large, named (a picture at its line), nothing written.
    errors = [problem for problem in report.problems if problem.is_error]
    assert errors and not made.exists()
    for problem in errors:
        assert str(problem).startswith(f"{guide}:{line}: error: the picture 'phone.png'") or (
            str(problem).startswith(f"{guide}:")
            and ": error: the link card for https://help.example.org/" in str(problem)
        ), str(problem)
        assert "is too large for" in problem.message
    # And `guide check` said so before (a warning if only a pack on half pages refuses it).
    checked = check_paths([guide])
    said = [problem.message.split(" is too large")[0] for problem in checked.problems]
    assert all(problem.message.split(" is too large")[0] in said for problem in errors), [
        str(problem) for problem in checked.problems
    ]


# --- short lists kept whole and boxes moving whole end too, with every item -----------------


def list_guide(
    folder: Path, place: str, count: int, words: int, picture: tuple[int, int] | None
) -> Path:
    """A guide with a short list of ``count`` items of about ``words`` words in ``place``, a
    picture after its middle item if ``picture`` is given (its size in pixels)."""
    from PIL import Image

    item = " ".join(["tap the menu"] * max(1, words // 3))
    lines = [f"- {item} {number}." for number in range(count)]
    if picture is not None:
        Image.new("RGB", picture, (200, 220, 240)).save(folder / "phone.png")
        lines.insert(count // 2 + 1, f"\n  ![{ALT}](phone.png)\n")
    listing = "\n" + "\n".join(lines) + "\n"
    text = GUIDE.format(
        caveat=CAVEAT, **{name: listing if name == place else "" for name in PLACES}
    )
    path = folder / "lock.md"
    path.write_text(text, encoding="utf-8")
    return path


def assert_every_item_in_order(data: bytes, count: int) -> None:
    from helpers.handouts import flat, page_texts

    text = flat(" ".join(page_texts(data)))
    places = [text.find(f"menu {number}.") for number in range(count)]
    assert -1 not in places and places == sorted(places), places


def test_a_short_list_in_a_caveat_taller_than_its_booklet_page_splits_between_its_items(
    tmp_path: Path,
) -> None:
    """Kept whole, it would move from page to page (or be refused) inside the caveats' box:
    taller than the room a continued box has, it breaks between its items instead."""
    from helpers.handouts import handout

    guide = list_guide(tmp_path, "in_caveat", count=2, words=40, picture=None)
    with deadline(60):
        data = handout(guide, paper="a5", large_print=True)
    assert_every_item_in_order(data, 2)


def test_a_list_taller_than_a_page_whose_first_item_does_not_fit_below_the_title_ends(
    tmp_path: Path,
) -> None:
    """Its first item moves to the next page (or splits there) rather than be refused."""
    from helpers.handouts import handout

    guide = list_guide(tmp_path, "intro", count=2, words=57, picture=None)
    with deadline(60):
        data = handout(guide, paper="half-letter", large_print=True)
    assert_every_item_in_order(data, 2)


def test_a_short_list_with_a_picture_in_a_caveat_ends_on_a_booklet_page(tmp_path: Path) -> None:
    """A kept item of the list, after its box's "continued" line, fits what that page holds."""
    from helpers.handouts import handout

    guide = list_guide(tmp_path, "in_caveat", count=4, words=92, picture=(1070, 567))
    with deadline(60):
        data = handout(guide, paper="a5", large_print=True)
    assert_every_item_in_order(data, 4)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    place=st.sampled_from(PLACES),
    count=st.integers(1, 6),
    words=st.integers(3, 120),
    picture=st.none() | st.tuples(st.integers(50, 1500), st.integers(50, 3000)),
    paper=st.sampled_from(["a4", "letter", "a5", "half-letter"]),
    large_print=st.booleans(),
)
def test_every_short_list_ends_with_every_item_printed(
    tmp_path_factory: pytest.TempPathFactory,
    place: str,
    count: int,
    words: int,
    picture: tuple[int, int] | None,
    paper: str,
    large_print: bool,
) -> None:
    from helpers.handouts import handout

    guide = list_guide(tmp_path_factory.mktemp("list"), place, count, words, picture)
    with deadline(60):
        data = handout(guide, paper=paper, large_print=large_print)
    assert_every_item_in_order(data, count)
