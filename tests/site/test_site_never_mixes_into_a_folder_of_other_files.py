"""`guide site` writes only into a new or empty folder, or one a `guide site` wrote before: never
among the guides themselves or into a folder of someone's other files, where a page could
replace a file of theirs."""

from __future__ import annotations

from pathlib import Path

from helpers.site import build_site, copy_guides


def listing(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_the_folder_of_the_guides_is_refused(tmp_path: Path) -> None:
    content = copy_guides(tmp_path)
    before = listing(content)
    code, printed = build_site(content, content)
    assert code == 1
    assert (
        f"{content}: error: this folder already holds files that 'guide site' did not write"
        in printed
    )
    assert "back-up-your-photos.md" in printed and "give --out a new or empty folder" in printed
    assert listing(content) == before


def test_a_folder_with_a_home_page_of_its_own_is_left_as_it_was(tmp_path: Path) -> None:
    out = tmp_path / "www"
    out.mkdir()
    (out / "index.html").write_text("<p>The library's own home page</p>", encoding="utf-8")
    (out / "opening-hours.html").write_text("<p>Open daily</p>", encoding="utf-8")
    before = listing(out)
    code, printed = build_site(copy_guides(tmp_path), out)
    assert code == 1 and "(index.html, opening-hours.html)" in printed
    assert listing(out) == before
