"""Things a volunteer ran into: each now either works or says clearly what to change."""

from __future__ import annotations

from pathlib import Path

from helpers.cli import run_split
from helpers.guides import MINIMAL


def guide(tmp_path: Path, text: str, name: str = "g.md") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_long_word_in_a_title_builds_in_large_print_and_in_a_booklet(tmp_path: Path) -> None:
    path = guide(
        tmp_path,
        MINIMAL.replace(
            "### Do the first thing", "### Zwei-Faktor-Authentifizierungseinstellungen"
        ),
    )
    code, _, err = run_split("build", str(path), "--large-print", "--out", str(tmp_path / "a"))
    assert code == 0, err
    code, _, err = run_split(
        "workshop", str(path), "--layout", "booklet", "--large-print", "--out", str(tmp_path / "b")
    )
    assert code == 0, err


def test_an_address_too_long_to_print_is_refused_by_check(tmp_path: Path) -> None:
    address = "https://example.org/?q=" + "x" * 200
    path = guide(tmp_path, MINIMAL.replace("Like this.", f"Go to <{address}>."))
    code, _, err = run_split("check", "--max-age", "100000", str(path))
    assert code == 1
    assert f"{path}:10: error:" in err and "too long to print in full or scan from paper" in err


def test_the_longest_allowed_address_prints_in_every_layout(tmp_path: Path) -> None:
    address = "https://example.org/?q=" + "x" * 127
    assert len(address) == 150
    path = guide(tmp_path, MINIMAL.replace("Like this.", f"Go to <{address}>."))
    for layout in ("booklet", "two-up"):
        code, _, err = run_split(
            "workshop",
            str(path),
            "--layout",
            layout,
            "--large-print",
            "--paper",
            "letter",
            "--out",
            str(tmp_path / layout),
        )
        assert code == 0, err


def test_a_misspelt_facilitator_heading_cannot_leak_the_notes(tmp_path: Path) -> None:
    for heading in ("Facilitator Notes:", "Notes for facilitators", "Facilitator note"):
        path = guide(tmp_path, MINIMAL + f"\n## {heading}\nSECRET NOTE\n")
        code, _, err = run_split(
            "build", str(path), "--format", "txt", "--out", str(tmp_path / "o")
        )
        assert code == 0, err
        assert "SECRET" not in (tmp_path / "o" / "g.txt").read_text("utf-8")
    path = guide(tmp_path, MINIMAL + "\n## Notes for the facilitating volunteer\nSECRET NOTE\n")
    code, _, err = run_split("check", "--max-age", "100000", str(path))
    assert code == 1
    assert f"{path}:12: error: 'Notes for the facilitating volunteer' looks like notes" in err


def test_a_byte_order_mark_is_not_mistaken_for_arabic(tmp_path: Path) -> None:
    path = tmp_path / "bom.md"
    path.write_bytes(b"\xef\xbb\xbf" + MINIMAL.encode("utf-8"))
    code, _, err = run_split("check", "--max-age", "100000", str(path))
    assert code == 0, err


def test_guide_toml_saved_with_a_byte_order_mark_is_read(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    (tmp_path / "guide.toml").write_bytes(b"\xef\xbb\xbf[check]\nmax-age = 100000\n")
    guide(tmp_path, MINIMAL, "small.md")
    code, _, err = run_split("check", "small.md")
    assert code == 0, err


def test_an_emoji_in_facilitator_notes_is_caught_by_check(tmp_path: Path) -> None:
    path = guide(tmp_path, MINIMAL + "\n## Facilitator notes\nWell done \U0001f44d\n")
    code, _, err = run_split("check", "--max-age", "100000", str(path))
    assert code == 1
    assert f"{path}:13: error: the character '\U0001f44d'" in err


def test_too_many_guides_for_one_workshop_is_explained(tmp_path: Path) -> None:
    paths = [
        str(guide(tmp_path, MINIMAL.replace("A small guide", f"Guide {n}"), f"g{n}.md"))
        for n in range(10)
    ]
    code, _, err = run_split("workshop", *paths, "--out", str(tmp_path / "o"))
    assert code == 1
    assert err.strip() == (
        "guide workshop: error: a pack can hold at most 8 guides on A4 paper: the progress "
        "sheet has a tick column for each; make two workshops"
    )
