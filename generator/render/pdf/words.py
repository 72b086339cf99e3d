"""Words broken over lines of a paragraph: where an address breaks, and how it reads back.

ReportLab cuts a word too long for its line (a long web address in running text) wherever
the line is full, even beside a hyphen ("two-step-" / "verification"), which a reader takes
for a word broken in two and leaves out. ``install`` makes it cut an address only where
``generator.parse.links.address_pieces`` allows (between letters, never beside a hyphen,
where no such place fits). A broken word still reads as one: ``broken_words`` says which lines end
inside a word, so the text object ends them without a space and wraps the word in a
replacement text (``tagging.actual_text``).
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from reportlab.pdfbase.pdfmetrics import stringWidth

from generator.parse.links import address_pieces, written_addresses


@dataclass(frozen=True)
class BrokenWord:
    """A word that starts at the end of one line and goes on over the next (or more)."""

    line: int
    """The line (from 0) it starts at the end of."""
    lines: int
    """How many line ends it goes over: 1 for a word on two lines."""
    text: str
    """The whole text of the line it starts on."""
    head: str
    """Its letters on that line."""
    tail: str
    """Its letters at the start of its last line."""
    whole: str
    """The whole word, as it reads back."""


def _plain(text: str) -> str:
    return " ".join(text.split())


def _texts(lines: Any) -> list[str]:
    """Each line's text as drawn, one space between words."""
    if lines.kind == 0:
        return [_plain(" ".join(words)) for _, words in lines.lines]
    return [
        _plain("".join(getattr(frag, "text", "") for frag in line.words)) for line in lines.lines
    ]


def _forced(lines: Any, index: int) -> bool:
    """True when line ``index`` ends at a ``<br/>``, not because it was full."""
    if lines.kind == 0:
        return False
    words = lines.lines[index].words
    return bool(words) and bool(getattr(words[-1], "lineBreak", False))


def _text_of(item: Any) -> str:
    """The text of one of a wrapped paragraph's ``frags``: a run of text, or (once ReportLab
    has broken lines of several styles) a word, with a space if one follows it."""
    if not isinstance(item, list):
        return str(getattr(item, "text", ""))
    from reportlab.platypus.paragraph import _HSFrag

    text = "".join(str(piece[1]) for piece in item[1:])
    return text + " " if isinstance(item, _HSFrag) else text


def broken_words(paragraph: Any) -> list[BrokenWord]:
    """The words a laid-out paragraph's lines break in two (a word too long for a line).

    Found by laying the lines over the paragraph's text: where a line ends and the text has
    no space, the line was cut inside a word. Lines that do not match the text (ReportLab
    changed something) are taken to end at spaces, as they almost always do.
    """
    lines = getattr(paragraph, "blPara", None)
    if lines is None or getattr(lines, "kind", None) not in (0, 1) or len(lines.lines) < 2:
        return []
    original = _plain("".join(_text_of(item) for item in paragraph.frags))
    texts = _texts(lines)
    position = original.find(texts[0]) if texts[0] else -1
    if position < 0:
        return []
    cuts: list[int] = []
    for index, text in enumerate(texts):
        if not original.startswith(text, position):
            return []
        position += len(text)
        inside = position < len(original) and not original[position].isspace()
        if index < len(texts) - 1 and not _forced(lines, index) and inside:
            cuts.append(index)
        if position < len(original) and original[position] == " ":
            position += 1
    found: list[BrokenWord] = []
    for index in cuts:
        # Read as one: the word's letters in the line's last run of text and the next
        # line's first (letters in another run, a full stop after a link, read as drawn).
        tail = _run(lines, index + 1, first=True).split(" ")[0]
        if found and found[-1].line + found[-1].lines == index and texts[index] == found[-1].tail:
            # The word fills this line too and goes on over the next.
            last = found.pop()
            found.append(
                BrokenWord(last.line, last.lines + 1, last.text, last.head, tail, last.whole + tail)
            )
            continue
        head = _run(lines, index, first=False).split(" ")[-1]
        found.append(BrokenWord(index, 1, texts[index], head, tail, head + tail))
    return found


def _run(lines: Any, index: int, first: bool) -> str:
    """The text of a line's first (or last) run of text, one space between words."""
    if lines.kind == 0:
        return _plain(" ".join(lines.lines[index][1]))
    runs = [frag.text for frag in lines.lines[index].words if getattr(frag, "text", "")]
    if not runs:
        return ""
    return _plain(runs[0] if first else runs[-1])


def cuts_in(word: str) -> list[int]:
    """Where a word may be cut: inside each address in it, where ``address_pieces`` allows."""
    places: list[int] = []
    for start, end in written_addresses(word):
        position = start
        for piece in address_pieces(word[start:end])[:-1]:
            position += len(piece)
            places.append(position)
    return places


def cut_lines(word: str, widths: list[float], rooms: list[float]) -> list[int]:
    """Where to cut a word too wide for its line: the end of each piece but the last.

    ``widths`` is each letter's width; ``rooms[0]`` what is left of the current line (its
    piece may be empty: the word starts on the next line), then the room of each following
    line (the last repeats). A cut goes at the last place ``cuts_in`` allows that fits, else
    between two letters, never beside a hyphen.
    """
    allowed = cuts_in(word)
    cuts: list[int] = []
    start = 0

    def room() -> float:
        return rooms[min(len(cuts), len(rooms) - 1)]

    while sum(widths[start:]) > room():
        fits, used = 0, 0.0
        while start + fits < len(word) and used + widths[start + fits] <= room():
            used += widths[start + fits]
            fits += 1
        if fits == 0:
            if cuts or widths[start] > rooms[min(1, len(rooms) - 1)]:
                fits = 1  # not even a letter fits on an empty line: it sticks out
            else:
                cuts.append(start)  # the word starts on the next line
                continue
        end = start + fits
        places = [place for place in allowed if start < place <= end]
        if not places:
            places = [
                place
                for place in range(start + 1, end + 1)
                if "-" not in word[place - 1 : place + 1]
            ]
        start = places[-1] if places else end
        cuts.append(start)
    return cuts


def install() -> None:
    """Make ReportLab cut a long word holding an address with ``cut_lines`` (idempotent)."""
    from reportlab.platypus import paragraph

    if getattr(paragraph._splitWord, "cuts_addresses", False):
        return
    split_word, split_frag_word = paragraph._splitWord, paragraph._splitFragWord

    def rooms(first: float, maxWidths: list[float], lineno: int) -> list[float]:
        return [first, maxWidths[min(len(maxWidths) - 1, lineno + 1)]]

    def _splitWord(
        w: Any,
        lineWidth: float,
        maxWidths: list[float],
        lineno: int,
        fontName: str,
        fontSize: float,
        encoding: str = "utf8",
    ) -> Any:
        text = w.decode(encoding) if isinstance(w, bytes) else str(w)
        if not cuts_in(text):
            return split_word(w, lineWidth, maxWidths, lineno, fontName, fontSize, encoding)
        widths = [stringWidth(char, fontName, fontSize) for char in text]
        left = maxWidths[min(len(maxWidths) - 1, lineno)] - lineWidth
        ends = [0, *cut_lines(text, widths, rooms(left, maxWidths, lineno)), len(text)]
        pieces = [text[a:b] for a, b in pairwise(ends)]
        return [paragraph._SplitWord(piece) for piece in pieces[:-1]] + [
            paragraph._SplitWordEnd(pieces[-1])
        ]

    def _splitFragWord(w: Any, maxWidth: float, maxWidths: list[float], lineno: int) -> Any:
        # A word made of runs of text (a link's address and the full stop after it), each
        # (its frag, its letters); an inline picture is left to ReportLab.
        runs = [(frag, str(text)) for frag, text in w[1:]]
        text = "".join(letters for _, letters in runs)
        if any(hasattr(frag, "cbDefn") for frag, _ in runs) or not cuts_in(text):
            return split_frag_word(w, maxWidth, maxWidths, lineno)
        owners = [frag for frag, letters in runs for _ in letters]
        widths = [
            stringWidth(char, frag.fontName, frag.fontSize)
            for char, frag in zip(text, owners, strict=True)
        ]
        ends = [0, *cut_lines(text, widths, rooms(maxWidth, maxWidths, lineno)), len(text)]
        found = []
        for number, (start, end) in enumerate(pairwise(ends)):
            piece: list[Any] = [sum(widths[start:end])]
            position = start
            while position < end or not piece[1:]:
                frag = owners[position] if position < len(owners) else runs[-1][0]
                stop = position
                while stop < end and owners[stop] is frag:
                    stop += 1
                copy = frag.clone()
                copy.text = text[position:stop]
                piece.append((copy, copy.text))
                position = stop
            kind = (
                paragraph._SplitFrag
                if number < len(ends) - 2
                else paragraph._SplitFragHS
                if isinstance(w, paragraph._HSFrag)
                else paragraph._SplitFragH
            )
            found.append(kind(piece))
        return found

    _splitWord.cuts_addresses = True  # type: ignore[attr-defined]
    # ``__wrapped__`` names the replaced function, so its source stays the one checked
    # against the digest recorded in ``reportlab_hooks``.
    _splitWord.__wrapped__ = split_word  # type: ignore[attr-defined]
    _splitFragWord.__wrapped__ = split_frag_word  # type: ignore[attr-defined]
    paragraph._splitWord = _splitWord
    paragraph._splitFragWord = _splitFragWord
