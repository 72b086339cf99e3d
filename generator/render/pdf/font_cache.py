"""The bundled fonts' parsed tables, kept between runs as data.

ReportLab reads a TrueType file's tables (character map, widths, glyph offsets, names) each
time a process registers the font: about 35 ms of every cold build for the three DejaVu
faces. What it reads is plain data (numbers, names, lists and tables of them), so it is kept
in the user's cache folder (``user_cache``: only a folder this user owns and no one else can
write) as JSON and runs of plain numbers, never pickled: a cache file holds nothing that can
run. Each file is named by
the SHA-256 of the font file's bytes and says which ReportLab read it; a file that does not
match, or does not decode to what ReportLab's reading gave when it was written, is not used,
and the font is read as before.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

FORMAT = 1
LARGEST = 4 * 1024 * 1024
"""A cache file larger than this is not read (a DejaVu face's tables take about 400 KB)."""
NOT_KEPT = frozenset({"_ttf_data", "_pdfScale", "filename"})
"""The font file's bytes (read anyway, for the subsets written into each PDF), the scaling
function ReportLab makes from ``unitsPerEm``, and where the file is: set on loading."""


class NotData(ValueError):
    """A value of a type the cache does not keep."""


def load_font(name: str, path: Path) -> Any:
    """ReportLab's ``TTFont(name, path)``, its tables from the cache where they are kept."""
    from reportlab.pdfbase import ttfonts

    data = path.read_bytes()
    file_name = f"{hashlib.sha256(data).hexdigest()}.tables"
    folder = _folder()
    face = _cached_face(folder, file_name, data, path) if folder is not None else None
    if face is None:
        font = ttfonts.TTFont(name, str(path))
        if folder is not None:
            with contextlib.suppress(OSError, ValueError):
                _keep(folder, file_name, font.face)
        return font
    with _faces_given(face):
        return ttfonts.TTFont(name, str(path))


@lru_cache(maxsize=1)
def _folder() -> int | None:
    """The open ``fonts`` folder of this user's cache, or None where none can be kept."""
    from generator.user_cache import cache_root, open_private_folder

    opened = open_private_folder(cache_root() / "fonts")
    return opened if isinstance(opened, int) else None


def _version() -> str:
    from reportlab import Version

    return str(Version)


def _cached_face(folder: int, file_name: str, data: bytes, path: Path) -> Any | None:
    """The face kept for these font bytes by this ReportLab, or None."""
    from reportlab.pdfbase.ttfonts import TTFontFace

    from generator.user_cache import read_private

    kept = read_private(folder, file_name, LARGEST)
    if kept is None:
        return None
    try:
        document, numbers = _parts(kept)
        if document.get("format") != FORMAT or document.get("reportlab") != _version():
            return None
        attributes = decode(document["face"], numbers)
        if not isinstance(attributes, dict) or not all(isinstance(k, str) for k in attributes):
            return None
        face = TTFontFace.__new__(TTFontFace)
        face.__dict__.update(attributes)
        face._ttf_data = data
        face.filename = str(path)
        face._pdfScale = _scale(int(attributes["unitsPerEm"]))
    except (ValueError, KeyError, TypeError, AttributeError):
        return None
    return face


def _scale(units_per_em: int) -> Any:
    """The function ReportLab's reading makes to turn font units into thousandths of an em."""
    if units_per_em == 1000:
        return lambda x: x
    factor = 1000 / units_per_em
    return lambda x: x * factor


def _keep(folder: int, file_name: str, face: Any) -> None:
    """Write a face's tables, if they decode to exactly what ReportLab read."""
    from generator.user_cache import write_private

    attributes = {key: value for key, value in vars(face).items() if key not in NOT_KEPT}
    numbers = _Numbers()
    encoded = encode(attributes, numbers)
    data = _file({"format": FORMAT, "reportlab": _version(), "face": encoded}, numbers)
    document, read = _parts(data)
    if not same(decode(document["face"], read), attributes):
        raise NotData("the tables do not come back as they were read")
    write_private(folder, file_name, data)


@contextlib.contextmanager
def _faces_given(face: Any) -> Iterator[None]:
    """``TTFont`` makes its face with ``TTFontFace(filename, …)``: hand it ``face`` instead."""
    from reportlab.pdfbase import ttfonts

    made = ttfonts.TTFontFace
    ttfonts.TTFontFace = lambda *_, **__: face
    try:
        yield
    finally:
        ttfonts.TTFontFace = made


PLAIN = (int, float, str, bool, type(None))
MAGIC = b"guide font tables 1\n"
"""The first line of every cache file; then the length of its JSON part, the JSON, and the
numbers the JSON points into (little-endian 64-bit integers and floats)."""


def _plain(value: object) -> bool:
    return type(value) in PLAIN


def _all(values: Any, kind: type) -> bool:
    return all(type(value) is kind for value in values)


class _Numbers:
    """The run of numbers a cache file ends with, as it is written or read."""

    def __init__(self, data: bytes = b"") -> None:
        self.data = bytearray(data)

    def put(self, code: str, values: Any) -> list[int]:
        from array import array

        start = len(self.data)
        self.data += array(code, values).tobytes()
        return [start, len(values)]

    def take(self, code: str, where: list[int]) -> list[Any]:
        from array import array

        start, count = where
        numbers = array(code)
        end = start + count * numbers.itemsize
        if start < 0 or end > len(self.data):
            raise ValueError("a table reaches past the end of the file")
        numbers.frombytes(bytes(self.data[start:end]))
        return numbers.tolist()


def encode(value: Any, numbers: _Numbers) -> Any:
    """A value as JSON-ready data, every container tagged with its type and long runs of
    numbers put in ``numbers``; NotData if it is not numbers, text, bytes, names and
    lists, tuples and dicts of them."""
    if _plain(value):
        return value
    kind = type(value)
    if kind is list or kind is tuple:
        tag = "l" if kind is list else "t"
        if value and _all(value, int) and all(-(2**63) <= item < 2**63 for item in value):
            return {tag + "i": numbers.put("q", value)}
        if value and _all(value, float):
            return {tag + "f": numbers.put("d", value)}
        if all(_plain(item) for item in value):
            return {tag + "p": list(value)}
        if _all(value, tuple) and len({len(item) for item in value}) == 1:
            columns = [encode(list(column), numbers) for column in zip(*value, strict=True)]
            return {tag + "c": columns}
        if _all(value, list) and all(_all(item, int) for item in value):
            lengths = [len(item) for item in value]
            flat = [number for item in value for number in item]
            return {tag + "li2": [encode(lengths, numbers), encode(flat, numbers)]}
        return {tag: [encode(item, numbers) for item in value]}
    if kind is dict:
        return {"d": [encode(list(value), numbers), encode(list(value.values()), numbers)]}
    if kind is bytes:
        return {"b": value.decode("latin-1")}
    if kind.__name__ == "TTFNameBytes" and isinstance(value, bytes):
        return {"n": bytes(value).decode("latin-1")}
    raise NotData(f"a {kind.__name__} is not kept")


def decode(value: Any, numbers: _Numbers) -> Any:
    """What ``encode`` was given."""
    if type(value) is not dict:
        return value
    ((tag, inner),) = value.items()
    if tag in ("li", "ti"):
        found: Any = numbers.take("q", inner)
    elif tag in ("lf", "tf"):
        found = numbers.take("d", inner)
    elif tag in ("lp", "tp"):
        found = inner
    elif tag in ("lc", "tc"):
        found = list(zip(*(decode(column, numbers) for column in inner), strict=True))
    elif tag in ("lli2", "tli2"):
        lengths, flat = (decode(part, numbers) for part in inner)
        if all(length == 1 for length in lengths):  # a glyph drawn for one character
            found = list(map(list, zip(flat, strict=True)))
        else:
            found, start = [], 0
            for length in lengths:
                found.append(flat[start : start + length])
                start += length
    elif tag in ("l", "t"):
        found = [decode(item, numbers) for item in inner]
    elif tag == "d":
        keys, values = inner
        return dict(zip(decode(keys, numbers), decode(values, numbers), strict=True))
    elif tag == "b":
        return inner.encode("latin-1")
    elif tag == "n":
        from reportlab.pdfbase.ttfonts import TTFNameBytes

        return TTFNameBytes(inner.encode("latin-1"))
    else:
        raise ValueError(f"unknown tag {tag!r}")
    return tuple(found) if tag.startswith("t") else found


def _file(document: dict[str, Any], numbers: _Numbers) -> bytes:
    """A cache file: the magic line, the JSON part's length and the JSON, then the numbers."""
    text = json.dumps(document).encode("utf-8")
    return MAGIC + len(text).to_bytes(8, "little") + text + bytes(numbers.data)


def _parts(data: bytes) -> tuple[dict[str, Any], _Numbers]:
    """The JSON part and the numbers of a cache file; ValueError if it is not one."""
    if not data.startswith(MAGIC):
        raise ValueError("not a font cache file")
    start = len(MAGIC) + 8
    length = int.from_bytes(data[len(MAGIC) : start], "little")
    document = json.loads(data[start : start + length])
    if not isinstance(document, dict):
        raise ValueError("not a font cache file")
    return document, _Numbers(data[start + length :])


def same(a: Any, b: Any) -> bool:
    """Equal, and of the same types all the way down."""
    if type(a) is not type(b):
        return False
    if type(a) is list or type(a) is tuple:
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    if type(a) is dict:
        return same(list(a), list(b)) and all(same(a[key], b[key]) for key in a)
    return bool(a == b) or (a != a and b != b)  # NaN is NaN
