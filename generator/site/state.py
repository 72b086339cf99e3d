"""What an earlier ``guide site`` wrote into a folder, so the next one redoes only what changed.

The record (``.guide-site.json`` in the site's folder) holds checksums only: of each file
written, and of what each guide's downloads and the search index were made from. A file the
record does not list is never touched; a file it lists that the new site no longer has is
removed.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import generator
from generator import clock

RECORD = ".guide-site.json"
"""The record's file name inside the site's folder."""
FORMAT = 1
"""The record's layout; a record of another layout is ignored (everything is made again)."""


def digest(*parts: bytes | str) -> str:
    """A SHA-256 of some parts, each length-prefixed so two different lists never collide."""
    hasher = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        hasher.update(len(data).to_bytes(8, "big"))
        hasher.update(data)
    return hasher.hexdigest()


def _tree(folder: Path) -> list[bytes | str]:
    """Every file under a folder (but compiled Python), as name and contents, in order."""
    parts: list[bytes | str] = []
    for path in sorted(folder.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            parts += [path.relative_to(folder).as_posix(), path.read_bytes()]
    return parts


def tool_fingerprint() -> str:
    """A checksum of this tool's own code, templates, fonts and catalogs: a new version of the
    tool makes every file again."""
    return digest(*_tree(Path(generator.__file__).resolve().parent))


def settings_fingerprint(
    base_url: str | None,
    org: str | None,
    contact: str | None,
    logo: Path | None,
    templates: Path | None,
) -> str:
    """A checksum of every choice that changes a guide's handouts."""
    parts: list[bytes | str] = [
        base_url or "",
        org or "",
        contact or "",
        str(clock.fixed_output_time() or ""),
        logo.read_bytes() if logo else b"",
    ]
    if templates is not None:
        parts += _tree(templates)
    return digest(*parts)


@dataclass
class Record:
    """What a site's folder holds from the last run."""

    downloads: dict[str, dict[str, Any]] = field(default_factory=dict)
    """By guide edition: ``key`` (what the downloads were made from) and ``files``, a list of
    ``{file, kind, size, pages}``."""
    search: dict[str, Any] = field(default_factory=dict)
    """``key`` (what the index was made from) and ``files`` (its paths)."""
    files: dict[str, str] = field(default_factory=dict)
    """Every file written, by its path in the site, with its SHA-256."""


def read_record(out: Path) -> Record:
    """The record of the site in ``out``; an empty one if there is none or it is unreadable."""
    try:
        data = json.loads((out / RECORD).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return Record()
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return Record()
    return Record(
        downloads=dict(data.get("downloads", {})),
        search=dict(data.get("search", {})),
        files=dict(data.get("files", {})),
    )


def record_bytes(record: Record) -> bytes:
    """The record as written: sorted, so the same site always writes the same record."""
    data = {
        "format": FORMAT,
        "downloads": record.downloads,
        "search": record.search,
        "files": record.files,
    }
    return (json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n").encode()


def still_there(out: Path, files: dict[str, str], paths: list[str]) -> bool:
    """True when every one of ``paths`` is in ``out`` as the record says it was written."""
    for path in paths:
        expected = files.get(path)
        try:
            data = (out / path).read_bytes()
        except OSError:
            return False
        if expected is None or hashlib.sha256(data).hexdigest() != expected:
            return False
    return True


def foreign_files(out: Path) -> list[str]:
    """What a folder holds when no ``guide site`` recorded it as its own: the names at its
    top, sorted (a stopped run's temporary files aside).

    A folder with a record is a site: anything else in it is the user's and left alone. Every
    run writes the record before anything else, so a stopped first run leaves one too.
    """
    from generator.publish import PART

    if (out / RECORD).is_file():
        return []
    try:
        names = sorted(child.name for child in out.iterdir())
    except OSError:
        return []
    return [name for name in names if not PART.match(name)]
