"""Limits on a guide body's shape, checked before and after Python-Markdown reads it.

Python-Markdown reads nested lists by recursion, and its time grows with the square of a
paragraph's length, of the '[' in a paragraph and of all '<' in a document. These limits
keep every guide far from Python's stack limit and quick to read, and each message says
its limit. Both checks work without recursion.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

MAX_PARAGRAPH = 10000
"""Longest run of lines without a blank line (about 1,700 words), in characters."""
MAX_ANGLES = 300
"""Most '<' in a guide's body (an <address> link has one)."""
MAX_BRACKETS = 60
"""Most '[' in one paragraph (links and pictures): a paragraph with more links than this
cannot be read on paper anyway."""
MAX_LIST_DEPTH = 4
"""Lists inside lists: at most four levels."""
MAX_INLINE_DEPTH = 4
"""Bold, emphasis, links and code inside each other: at most four levels."""
BLOCK_NESTING = re.compile(r"(?:[ \t]*(?:[*+-]|\d+[.)]|>)(?=[ \t]))+")
"""The marks that open a list or quote at a line's start; several on one line nest."""
INLINE_TAGS = frozenset({"strong", "em", "a", "code", "span", "b", "i"})


def source_problem(lines: list[str]) -> tuple[int | None, str] | None:
    """The line index and message of the first limit the body's text goes over, if any."""
    brackets, size, start, angles = 0, 0, 0, 0
    for index, line in enumerate(lines):
        angles += line.count("<")
        if angles > MAX_ANGLES:
            return index, (
                f"the guide has more than {MAX_ANGLES} '<' (each <address> link has one): "
                f"at most {MAX_ANGLES}"
            )
        if not line.strip():
            brackets, size, start = 0, 0, index + 1
            continue
        brackets += line.count("[")
        size += len(line) + 1
        if brackets > MAX_BRACKETS:
            return start, (
                f"this paragraph has more than {MAX_BRACKETS} '[' (each link or picture has "
                f"one): at most {MAX_BRACKETS} in one paragraph; split it"
            )
        if size > MAX_PARAGRAPH:
            return start, (
                f"this paragraph is more than {MAX_PARAGRAPH} characters long (with no blank "
                "line): split it with blank lines into shorter ones"
            )
        indent = len(line) - len(line.lstrip(" \t"))
        marks = BLOCK_NESTING.match(line)
        depth = line[:indent].expandtabs(4).count("    ") + (
            len(re.findall(r"[*+-]|\d+[.)]|>", marks.group())) if marks else 0
        )
        if depth > MAX_LIST_DEPTH + 1:
            return index, (
                f"this line is nested {depth} levels deep (indented, or marks like '- - -' or "
                f"'> >'): lists inside lists may go at most {MAX_LIST_DEPTH} levels deep"
            )
    return None


def tree_problem(root: ET.Element) -> tuple[str, str] | None:
    """Words to find the place by, and a message, for nesting deeper than the limits."""
    stack: list[tuple[ET.Element, int, int]] = [(root, 0, 0)]
    while stack:
        element, lists, inlines = stack.pop()
        lists += element.tag in ("ul", "ol")
        inlines += element.tag in INLINE_TAGS
        if lists > MAX_LIST_DEPTH:
            return "", (
                f"a list is nested more than {MAX_LIST_DEPTH} levels deep: a reader cannot "
                "follow it; make it flatter"
            )
        if inlines > MAX_INLINE_DEPTH:
            words = " ".join("".join(element.itertext()).split())[:40]
            return words, (
                f"bold, emphasis and links are nested more than {MAX_INLINE_DEPTH} levels deep "
                "here ('*' or '_' inside each other): use at most one or two"
            )
        stack.extend((child, lists, inlines) for child in element)
    return None
