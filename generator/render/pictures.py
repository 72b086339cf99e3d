"""A guide's pictures as an email carries them: checked for size, measured, named once."""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from generator.model import Guide, Image, all_blocks, iter_images
from generator.parse.pictures import MAX_PICTURE_BYTES as PICTURE_LIMIT
from generator.problems import GuideError

CONTENT_WIDTH = 544
"""Widest a picture is shown, in CSS pixels: the 600 px column less its padding."""
TALLEST = 520
"""Tallest a picture is shown, so a phone screenshot does not fill several screens."""


@dataclass(frozen=True)
class Picture:
    """One picture file of a guide, ready to be shown in an email."""

    image: Image
    """The first place the guide shows it."""
    data: bytes
    """The file's contents."""
    subtype: str
    """``png`` or ``jpeg``, from the file's contents, not its name."""
    file_name: str
    """Where the HTML preview finds it, relative to the .html file."""
    content_id: str
    """Its Content-ID inside an .eml, without angle brackets."""
    width: int
    """Width to show it at, in CSS pixels."""
    height: int
    """Height to show it at, in CSS pixels."""

    def src(self, mode: str) -> str:
        """The ``src`` of the picture: a file beside the HTML, or ``cid:`` inside a message."""
        return f"cid:{self.content_id}" if mode == "cid" else self.file_name


def _shown_size(width: int, height: int) -> tuple[int, int]:
    """The size to show a picture at: never wider than the column or taller than TALLEST."""
    scale = min(1.0, CONTENT_WIDTH / width, TALLEST / height)
    return max(1, round(width * scale)), max(1, round(height * scale))


def _read(guide: Guide, image: Image) -> tuple[bytes, str, int, int]:
    """The picture's bytes, subtype and pixel size; GuideError with advice if unusable."""
    from PIL import Image as PillowImage
    from PIL import UnidentifiedImageError

    from generator.files import TooLarge, read_file, refusal

    try:
        data = read_file(image.path, PICTURE_LIMIT)
    except TooLarge as exc:
        raise GuideError(
            guide.path,
            image.line or None,
            f"the picture '{image.source}' is {-(-exc.size * 10 // 1048576) / 10:.1f} MB, too "
            "large "
            "for an email (at most 1 MB): crop it to the part that matters, or save it as a "
            "JPEG about 1000 pixels wide, and use that file",
        ) from None
    except OSError as exc:
        raise GuideError(
            guide.path,
            image.line or None,
            f"the picture '{image.source}' cannot be read: {refusal(exc)}",
        ) from None
    try:
        with PillowImage.open(io.BytesIO(data)) as opened:
            kind = (opened.format or "").lower()
            width, height = opened.size
    except (UnidentifiedImageError, OSError) as exc:
        raise GuideError(
            guide.path,
            image.line or None,
            f"the picture '{image.source}' cannot be read as a PNG or JPEG image ({exc}): "
            "open it in an image editor and save it again as PNG or JPEG",
        ) from None
    if kind not in ("png", "jpeg"):
        raise GuideError(
            guide.path,
            image.line or None,
            f"the picture '{image.source}' is a {kind.upper() or 'unknown'} file with a "
            f"PNG or JPEG name: save it again as PNG or JPEG",
        )
    return data, kind, width, height


@lru_cache(maxsize=16)
def email_pictures(guide: Guide) -> tuple[Picture, ...]:
    """Every picture the guide's reader sees, once each, in reading order."""
    pictures: list[Picture] = []
    seen: set[object] = set()
    names: set[str] = set()
    for image in iter_images(all_blocks(guide)):
        if image.path in seen:
            continue
        seen.add(image.path)
        data, subtype, width, height = _read(guide, image)
        stem, _, suffix = image.path.name.rpartition(".")
        name, count = image.path.name, 1
        while name.lower() in names:  # two folders may hold pictures of the same name
            count += 1
            name = f"{stem}-{count}.{suffix}"
        names.add(name.lower())
        shown_width, shown_height = _shown_size(width, height)
        pictures.append(
            Picture(
                image=image,
                data=data,
                subtype=subtype,
                file_name=f"{guide.name}-pictures/{name}",
                content_id=f"picture{len(pictures) + 1}.{guide.version}@{guide.slug}",
                width=shown_width,
                height=shown_height,
            )
        )
    return tuple(pictures)


QR_SCALE = 4
"""CSS pixels per module of the QR code of a guide's web address: a 33-module code and its
quiet zone make about 164 px, large enough for a phone's camera to read from a screen."""


@lru_cache(maxsize=16)
def address_picture(guide: Guide, address: str) -> Picture:
    """The QR code of a guide's web address, as a PNG picture the email shows beside it."""
    import io

    import segno

    code = segno.make_qr(address, error="m", boost_error=False)
    data = io.BytesIO()
    code.save(data, kind="png", scale=QR_SCALE, border=4)
    width, height = (int(side) for side in code.symbol_size(scale=QR_SCALE, border=4))
    name = "latest-version-qr.png"
    return Picture(
        # The code stands for the address written beside it: no text of its own to read out.
        image=Image(path=Path(name), alt="", source=name),
        data=data.getvalue(),
        subtype="png",
        file_name=f"{guide.name}-pictures/{name}",
        content_id=f"latest.{guide.version}@{guide.slug}",
        width=width,
        height=height,
    )


def shown_pictures(guide: Guide, address: str | None) -> tuple[Picture, ...]:
    """Every picture an email of the guide carries: the guide's own, then the QR code of its
    web address when it has one."""
    if address is None:
        return email_pictures(guide)
    return (*email_pictures(guide), address_picture(guide, address))
