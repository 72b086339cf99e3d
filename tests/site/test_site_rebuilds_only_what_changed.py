"""A second `guide site` writes nothing when nothing changed, and one changed guide remakes only
its own page and downloads, the lists, the feed and the search; the same input always gives
the same bytes."""

from __future__ import annotations

import hashlib
from pathlib import Path

from helpers.site import build_site, copy_guides


def snapshot(folder: Path) -> dict[str, tuple[str, int]]:
    """Every file's checksum and modification time, by its path in the site."""
    return {
        path.relative_to(folder).as_posix(): (
            hashlib.sha256(path.read_bytes()).hexdigest(),
            path.stat().st_mtime_ns,
        )
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_a_second_run_with_nothing_changed_writes_nothing(tmp_path: Path) -> None:
    content = copy_guides(tmp_path)
    out = tmp_path / "site"
    assert build_site(content, out)[0] == 0
    before = snapshot(out)
    code, printed = build_site(content, out)
    assert code == 0, printed
    assert "wrote " not in printed
    assert "0 written" in printed
    assert snapshot(out) == before


def test_one_changed_guide_remakes_its_own_files_and_the_shared_ones(tmp_path: Path) -> None:
    content = copy_guides(tmp_path)
    out = tmp_path / "site"
    assert build_site(content, out)[0] == 0
    before = snapshot(out)
    guide = content / "back-up-your-photos.md"
    guide.write_text(
        guide.read_text(encoding="utf-8").replace(
            "A second copy of your photos", "Another copy of your photos"
        ),
        encoding="utf-8",
    )
    code, printed = build_site(content, out)
    assert code == 0, printed
    after = snapshot(out)
    changed = {path for path in after if before.get(path) != after[path]}
    own = {path for path in changed if path.startswith("guides/back-up-your-photos/")}
    assert len(own) == 6  # its page, four handouts and its text
    others = changed - own
    assert not [path for path in others if path.startswith("guides/")]
    # The summary is on the index, the English list and in the feed; not on the Polish list.
    assert {"index.html", "languages/en/index.html", "feed.xml"} <= others
    assert "languages/pl/index.html" not in others
    assert any(path.startswith("pagefind/en/") for path in others)
    assert not any(path.startswith("pagefind/pl/") for path in others)


def test_the_same_guides_make_the_same_bytes_in_any_folder(tmp_path: Path) -> None:
    content = copy_guides(tmp_path)
    assert build_site(content, tmp_path / "one")[0] == 0
    assert build_site(content, tmp_path / "two")[0] == 0
    one = {path: sums for path, (sums, _) in snapshot(tmp_path / "one").items()}
    two = {path: sums for path, (sums, _) in snapshot(tmp_path / "two").items()}
    assert one == two


def test_a_guide_taken_away_takes_its_files_and_leaves_the_users_own(tmp_path: Path) -> None:
    content = copy_guides(tmp_path)
    out = tmp_path / "site"
    assert build_site(content, out)[0] == 0
    (out / "notes-for-staff.txt").write_text("Kept by the library.", encoding="utf-8")
    (content / "spot-a-fake-parcel-text.pl.md").unlink()
    code, printed = build_site(content, out)
    assert code == 0, printed
    assert not (out / "guides" / "spot-a-fake-parcel-text.pl").exists()
    assert "removed" in printed
    assert (out / "notes-for-staff.txt").read_text(encoding="utf-8") == "Kept by the library."
    english = (out / "guides" / "spot-a-fake-parcel-text" / "index.html").read_text("utf-8")
    assert "spot-a-fake-parcel-text.pl" not in english
