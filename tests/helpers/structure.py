"""Read a tagged PDF's structure tree the way a screen reader walks it."""

from __future__ import annotations

import io
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pikepdf


@dataclass
class Tagged:
    """One element as poppler shows it: its role, its words (its children's included), and
    how many annotations (``Object n 0``) it holds itself."""

    role: str
    depth: int
    words: list[str] = field(default_factory=list)
    objects: int = 0
    own_words: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join(" ".join(self.words).split())


def struct_tree(data: bytes, folder: Path) -> list[Tagged]:
    """The structure tree of a PDF, flattened in reading order, as poppler reads it."""
    path = folder / "read.pdf"
    path.write_bytes(data)
    shown = subprocess.run(
        ["pdfinfo", "-struct-text", str(path)], capture_output=True, text=True, check=True
    ).stdout
    elements: list[Tagged] = []
    open_: list[Tagged] = []
    for line in shown.splitlines():
        depth = (len(line) - len(line.lstrip(" "))) // 2
        content = line.strip()
        if not content or content.startswith("/"):
            continue
        while open_ and open_[-1].depth >= depth:
            open_.pop()
        if content.startswith('"'):
            for element in open_:
                element.words.append(content[1:-1])
            if open_:
                open_[-1].own_words.append(content[1:-1])
        elif content.startswith("Object "):
            if open_:
                open_[-1].objects += 1
        else:
            element = Tagged(content.split()[0].rstrip(":"), depth)
            elements.append(element)
            open_.append(element)
    return elements


@dataclass(frozen=True)
class Element:
    """One structure element as stored in the PDF: its role, ``/Lang`` and child elements."""

    role: str
    lang: str | None
    kids: tuple[Element, ...]


def elements(data: bytes) -> Element:
    """The ``Document`` element of a tagged PDF, with every element below it."""

    def read(node: Any) -> Element:
        raw = node.get("/K")
        kids = list(raw) if isinstance(raw, pikepdf.Array) else [raw]
        return Element(
            str(node.S)[1:],
            str(node.Lang) if "/Lang" in node else None,
            tuple(read(kid) for kid in kids if isinstance(kid, pikepdf.Dictionary) and "/S" in kid),
        )

    with pikepdf.open(io.BytesIO(data)) as pdf:
        return read(pdf.Root.StructTreeRoot.K)
