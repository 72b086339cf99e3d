"""A guide's picture files: found inside the guide's own folder, small, and really pictures.

Checked when the guide is read, before anything is decoded in full, so ``guide check``
refuses every picture that ``guide build`` would, and no build holds a huge picture in
memory: the file size is read from the disk, the pixel count from the header.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

from generator.problems import Problem
from generator.text import ONE_LINE, hidden_character

MAX_PICTURE_BYTES = 1024 * 1024
"""Largest picture file (1 MB): bigger ones make the email slow or bounce."""
MAX_PIXELS = 4_000_000
"""Most pixels a picture may have (4 million; a large phone's screenshot has 3.6 million).
Decoding one for the handout takes up to 16 MB, which keeps a whole build under 100 MB of
memory (measured with ``/usr/bin/time -v``; see README)."""
MAX_GUIDE_PICTURES = 2 * 1024 * 1024
"""Most bytes all of one guide's pictures may take together (2 MB): the email carries them
all, and the handout attached to it too."""
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
JPEG_SIGNATURE = b"\xff\xd8\xff"
SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def locate_picture(guide_path: Path, source: str) -> Path | str:
    """The picture file a guide names, or why it cannot be used.

    The file must be inside the guide's own folder after following symbolic links: a guide
    must never carry a file from elsewhere on the author's disk into an email.
    """
    if source.startswith(("/", "\\", "~")) or SCHEME.match(source) or "\\" in source:
        return (
            f"the picture '{source}' must be a file in the guide's folder, named relative to "
            "it (like 'settings.png' or 'pictures/settings.png')"
        )
    try:
        folder = guide_path.parent.resolve()
        path = (folder / source).resolve(strict=True)
        if hidden_character(str(path), allow=ONE_LINE):
            # A control character cannot be written into the handout's story (XML) at all.
            return (
                f"the picture '{source}' is in a folder whose name holds an invisible or "
                f"control character ({path.parent}): rename the folder"
            )
    except FileNotFoundError:
        return f"the picture '{source}' was not found next to the guide"
    except (OSError, RuntimeError):
        return (
            f"the picture '{source}' cannot be opened: it is a link that points in a circle "
            "or cannot be followed"
        )
    if not path.is_relative_to(folder):
        return (
            f"the picture '{source}' is outside the guide's folder ({folder}): copy the "
            "picture into the folder and name the copy"
        )
    from generator.files import kind_of, kind_words

    try:
        kind = kind_of(path.stat().st_mode)
    except OSError:
        return f"the picture '{source}' was not found next to the guide"
    if kind is not None:
        return f"the picture '{source}' cannot be used: {kind_words(kind)}"
    return path


def picture_problem(path: Path, source: str, what: str = "the picture") -> str | None:
    """Why a picture file cannot be printed or emailed, or None when it can.

    Checks in order of cost: file size, the first bytes, the header's pixel count, then the
    file's structure (a PNG's chunks and checksums, a JPEG's end marker) without decoding
    pixels, so checking a picture takes almost no memory.
    """
    import warnings

    from PIL import Image as PillowImage

    from generator.filekinds import HEAD_BYTES, Kind, sniff
    from generator.files import NotAFile, TooLarge, read_file, refusal

    try:
        data = read_file(path, MAX_PICTURE_BYTES)
    except TooLarge as exc:
        tenths = -(-exc.size * 10 // (1024 * 1024))  # rounded up: 1 MB and a byte is 1.1 MB
        return (
            f"{what} '{source}' is {tenths / 10:.1f} MB, too large for an "
            f"email (at most {MAX_PICTURE_BYTES // (1024 * 1024)} MB): crop it to the part "
            "that matters, or save it as a JPEG about 1000 pixels wide, and use that file"
        )
    except OSError as exc:
        if isinstance(exc, NotAFile) and exc.kind == "folder":
            return f"{what} '{source}' is a folder: give a PNG or JPEG picture file"
        return f"{what} '{source}' cannot be read: {refusal(exc)}"
    if not data.startswith((PNG_SIGNATURE, JPEG_SIGNATURE)):
        # Said in English, as every other picture problem is: a PDF, an SVG, a phone's HEIC.
        found = sniff(data[:HEAD_BYTES], path.suffix)
        known = found.kind not in (Kind.TEXT, Kind.BINARY, Kind.MISSING)
        shown = f": it is {found.describe(lambda words: words)};" if known else ":"
        return (
            f"{what} '{source}' is not really a PNG or JPEG image{shown} open it in an "
            "image editor and save it again as PNG or JPEG"
        )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PillowImage.DecompressionBombWarning)
        try:
            with PillowImage.open(io.BytesIO(data)) as opened:
                width, height = opened.size
                if width * height > MAX_PIXELS:
                    return (
                        f"{what} '{source}' has too many pixels ({width} by {height}, "
                        f"at most {MAX_PIXELS // 1_000_000} million): save a smaller copy, "
                        "about 1000 pixels wide"
                    )
                kind = opened.format
            if not _complete(data, kind):
                return (
                    f"{what} '{source}' is cut off (the file ends before the picture "
                    "does): copy or save it again"
                )
            if kind == "PNG":
                # Reads every chunk and its checksum without decoding a pixel.
                with PillowImage.open(io.BytesIO(data)) as opened:
                    opened.verify()
        except PillowImage.DecompressionBombError:
            return (
                f"{what} '{source}' has too many pixels (at most "
                f"{MAX_PIXELS // 1_000_000} million): save a smaller copy, about 1000 pixels wide"
            )
        except Exception:
            return (
                f"{what} '{source}' cannot be read as a PNG or JPEG image (it is damaged): "
                "open it in an image editor and save it again as PNG or JPEG"
            )
    return None


def _complete(data: bytes, kind: str | None) -> bool:
    """True when the file ends as its format ends (PNG: an IEND chunk; JPEG: an EOI marker)."""
    tail = data[-64:]
    if kind == "PNG":
        return b"IEND" in tail[-12:]
    return b"\xff\xd9" in tail


def logo_problem(logo: Path | None) -> Problem | None:
    """Why the organisation's logo (``--logo``) cannot be printed, or None (and for no logo)."""
    if logo is None:
        return None
    problem = picture_problem(logo, logo.name or str(logo), "the logo")  # "." has no name
    return Problem(logo, None, problem) if problem else None
