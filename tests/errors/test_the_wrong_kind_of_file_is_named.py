"""A file of the wrong kind is named for what it is, with what the command wants instead.

A PDF given to ``guide check`` is not told to be saved as UTF-8, and a spreadsheet given to
``guide build`` is not told to start with front matter.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from helpers.cli import run, run_split
from helpers.guides import FIRST_GUIDE, MINIMAL

from generator.filekinds import Kind, file_kind, sniff

PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< >>\nendobj\n"
PNG = b"\x89PNG\r\n\x1a\n" + bytes(40)
JPEG = b"\xff\xd8\xff\xe0" + bytes(40)
HEIC = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic"
ZIP = b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(20) + b"[Content_Types].xml"
OPENDOCUMENT = b"PK\x03\x04" + bytes(26) + b"mimetypeapplication/vnd.oasis.opendocument.text"
NOT_A_GUIDE = "not a guide: guides are Markdown text files (.md) that start with front matter"


@pytest.fixture
def desk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A volunteer's folder: a guide in content/ and its handout in output/."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "fake-parcel-text.md").write_text(MINIMAL, "utf-8")
    (tmp_path / "output").mkdir()
    (tmp_path / "output" / "fake-parcel-text.pdf").write_bytes(PDF)
    return tmp_path


def test_a_handout_given_to_check_is_named_with_the_guide_it_came_from(desk: Path) -> None:
    code, out, err = run_split("check", "output/fake-parcel-text.pdf")
    assert code == 1 and out == ""
    assert err == (
        "output/fake-parcel-text.pdf: error: this is a PDF document, not a guide: guides are "
        "Markdown text files (.md); did you mean content/fake-parcel-text.md, the guide it was "
        "probably made from?\n"
    )
    assert "UTF-8" not in err


def test_a_handout_given_to_preview_is_refused_before_anything_is_served(
    desk: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def serve(*args: object, **kwargs: object) -> None:
        raise AssertionError("the preview started serving a PDF")

    monkeypatch.setattr("generator.preview.serve_until_interrupted", serve)
    code, out, err = run_split("preview", "output/fake-parcel-text.pdf", "--no-open")
    assert code == 1 and out == ""
    assert err == (
        "output/fake-parcel-text.pdf: error: this is a PDF document, not a guide: guides are "
        "Markdown text files (.md); did you mean content/fake-parcel-text.md, the guide it was "
        "probably made from?\n"
    )


def test_a_named_pipe_given_to_preview_is_refused_before_anything_is_served(
    desk: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def serve(*args: object, **kwargs: object) -> None:
        raise AssertionError("the preview started serving a named pipe")

    monkeypatch.setattr("generator.preview.serve_until_interrupted", serve)
    os.mkfifo("stuck.md")
    code, out, err = run_split("preview", "stuck.md", "--no-open")
    assert code == 1 and out == ""
    assert err == (
        "stuck.md: error: cannot be read: it is a named pipe, not a file: give a file saved on "
        "the disk\n"
    )


def test_a_logo_named_by_its_folder_alone_is_shown_by_that_name(desk: Path) -> None:
    code, output = run("build", "content/fake-parcel-text.md", "--format", "pdf", "--logo", ".")
    assert code == 1
    assert ".: error: the logo '.' is a folder: give a PNG or JPEG picture file\n" in output


def test_a_spreadsheet_given_to_build_is_told_where_a_list_of_people_goes(desk: Path) -> None:
    Path("family.csv").write_text("email,name\nmum@example.com,Mum\n", "utf-8")
    code, out, err = run_split("build", "family.csv")
    assert code == 1 and "wrote" not in out
    assert err == (
        "family.csv: error: this is a CSV table, not a guide: guides are Markdown text files "
        "(.md); a list of people to send a guide to goes after --to, as in "
        "'guide send GUIDE.md --to family.csv'\n"
    )
    assert "front matter" not in err
    assert not any(Path("output").glob("family*"))


@pytest.mark.parametrize(
    ("name", "data", "said"),
    [
        ("photo.png", PNG, f"this is a picture (PNG), {NOT_A_GUIDE}"),
        ("photo.jpg", JPEG, f"this is a picture (JPEG), {NOT_A_GUIDE}"),
        ("IMG_0042.HEIC", HEIC, f"this is a picture (HEIC), {NOT_A_GUIDE}"),
        ("steps.docx", ZIP, f"this is a document (Word), {NOT_A_GUIDE}"),
        ("steps.odt", OPENDOCUMENT, f"this is a document (OpenDocument), {NOT_A_GUIDE}"),
        ("steps.pdf", PDF, f"this is a PDF document, {NOT_A_GUIDE}"),
        (
            "page.html",
            b"<!DOCTYPE html>\n<html><body>Hi</body></html>",
            f"this is a web page (HTML), {NOT_A_GUIDE}",
        ),
        (
            "steps.md",
            "\ufeff---\ntitle: T\n".encode("utf-16-le"),
            "the file is saved as UTF-16 text: save it as UTF-8 in your editor",
        ),
        (
            "steps.md",
            b"",
            "the file is empty: a guide starts with front matter (a line '---', "
            "the title, summary and checked date, then another '---'); 'guide new' writes one to "
            "start from",
        ),
    ],
)
def test_each_command_that_reads_guides_says_what_the_file_is(
    desk: Path, name: str, data: bytes, said: str
) -> None:
    Path(name).write_bytes(data)
    for command in ("check", "build", "list", "workshop"):
        code, output = run(command, name)
        assert code == 1, command
        assert f"{name}: error: {said}\n" in output, (command, output)
        assert "not UTF-8 text" not in output


def test_a_guide_that_is_not_utf8_still_gets_the_editors_advice(desk: Path) -> None:
    Path("latin.md").write_bytes(MINIMAL.replace("thing", "th\xe9ing").encode("latin-1"))
    code, output = run("check", "latin.md")
    assert code == 1
    assert (
        "is not UTF-8 text (a byte that is not UTF-8 is on this line): save it as UTF-8" in output
    )


def send(*args: str) -> tuple[int, str]:
    """``guide send ARGS`` from Anna: the exit status and what it printed as problems."""
    code, _out, err = run_split(
        "send", *args, "--from", "Anna <anna@example.net>", "--outbox", "outbox"
    )
    return code, err


def test_a_folder_given_as_the_guide_to_send_is_named(desk: Path) -> None:
    code, err = send("content", "--to", "Mum <mum@example.com>")
    assert code == 1
    assert err == "content: error: give one guide file to send, not a folder\nNothing was sent.\n"


@pytest.mark.parametrize(
    ("name", "data", "said"),
    [
        (
            "family.xlsx",
            ZIP,
            "this is a spreadsheet (Excel): --to reads CSV files; in your "
            "spreadsheet, save the list as 'CSV UTF-8' and give that file",
        ),
        (
            "family.pdf",
            PDF,
            "this is a PDF document, not a list of people: --to wants a CSV "
            "file (saved from your spreadsheet as 'CSV UTF-8') or one address, like "
            '"Grandad <grandad@example.com>"',
        ),
        (
            "output",
            None,
            "this is a folder, not a list of people: --to wants a CSV file "
            "(saved from your spreadsheet as 'CSV UTF-8') or one address, like "
            '"Grandad <grandad@example.com>"',
        ),
        (
            "content/fake-parcel-text.md",
            None,
            "this is a guide, not a list of people: name "
            "the guide first and the people after --to, as in 'guide send "
            "content/fake-parcel-text.md --to family.csv'",
        ),
    ],
)
def test_a_list_of_people_that_is_not_a_csv_file_is_named(
    desk: Path, name: str, data: bytes | None, said: str
) -> None:
    if data is not None:
        Path(name).write_bytes(data)
    code, err = send(str(FIRST_GUIDE), "--to", name)
    assert code == 1
    assert err == f"{name}: error: {said}\nNothing was sent.\n"
    assert not Path("outbox").exists()


@pytest.mark.parametrize(
    ("name", "data", "said"),
    [
        (
            "note.docx",
            ZIP,
            "this is a document (Word), not a note: --note-file wants a plain "
            "text file (.txt); save your note as plain text (UTF-8)",
        ),
        (
            "output",
            None,
            "this is a folder, not a note: --note-file wants a plain text file "
            "(.txt); save your note as plain text (UTF-8)",
        ),
        (
            "note.txt",
            b"",
            "the note file is empty: write your note in it and save it, or leave out --note-file",
        ),
    ],
)
def test_a_note_file_that_is_not_a_note_is_named(
    desk: Path, name: str, data: bytes | None, said: str
) -> None:
    if data is not None:
        Path(name).write_bytes(data)
    code, err = send(str(FIRST_GUIDE), "--to", "Mum <mum@example.com>", "--note-file", name)
    assert code == 1
    assert err == f"{name}: error: {said}\nNothing was sent.\n"


@pytest.mark.parametrize(
    ("name", "data", "said"),
    [
        ("output", None, "the logo 'output' is a folder: give a PNG or JPEG picture file"),
        (
            "logo.svg",
            b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>',
            "the logo 'logo.svg' is not really a PNG or JPEG image: it is a picture (SVG); open "
            "it in an image editor and save it again as PNG or JPEG",
        ),
        (
            "logo.pdf",
            PDF,
            "the logo 'logo.pdf' is not really a PNG or JPEG image: it is a PDF "
            "document; open it in an image editor and save it again as PNG or JPEG",
        ),
    ],
)
def test_a_logo_that_is_not_a_picture_is_named(
    desk: Path, name: str, data: bytes | None, said: str
) -> None:
    if data is not None:
        Path(name).write_bytes(data)
    code, output = run("build", "content/fake-parcel-text.md", "--format", "pdf", "--logo", name)
    assert code == 1
    assert f"{name}: error: {said}\n" in output
    assert "is a directory" not in output


def test_the_kind_is_told_from_the_first_bytes_only(tmp_path: Path) -> None:
    big = tmp_path / "big.pdf"
    big.write_bytes(PDF + b"x" * 10_000_000)
    assert file_kind(big).kind is Kind.PDF
    assert file_kind(tmp_path).kind is Kind.FOLDER
    assert file_kind(tmp_path / "nothing").kind is Kind.MISSING
    assert sniff(FIRST_GUIDE.read_bytes()[:512], ".md").kind is Kind.GUIDE
    assert sniff(b"email,name\n", ".csv").kind is Kind.CSV
    assert sniff(b"Hello,\nsee you soon\n", ".txt").kind is Kind.TEXT


def test_what_the_file_is_is_said_in_the_users_language(desk: Path) -> None:
    code, output = run("check", "output/fake-parcel-text.pdf", env={"LANGUAGE": "pl"})
    assert code == 1
    assert output == (
        "output/fake-parcel-text.pdf: error: to jest dokument PDF, a nie poradnik: poradniki "
        "to pliki tekstowe Markdown (.md); czy chodziło o content/fake-parcel-text.md, "
        "poradnik, z którego ten plik prawdopodobnie powstał?\n"
    )
