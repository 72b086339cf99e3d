"""Read-back checks of what a listener and a copy get: each text in its language, addresses whole.

A screen reader chooses its voice from the ``/Lang`` of the element it reads (or the nearest
one above it, or the document's): a Polish guide's words on an English facilitator sheet
read with the English voice are gibberish. A web address broken over two lines must come
back whole from the tagged text and from text extraction (copy and paste): an address read
or pasted with a space inside goes nowhere.

Both are promises of the layout, reported as warnings (errors with ``guide verify
--strict``), with the text they are about.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from generator.model import (
    Block,
    Guide,
    ListBlock,
    Paragraph,
    all_blocks,
    iter_links,
    plain_text,
)
from generator.typography import squash

if TYPE_CHECKING:
    from generator.verify.pdf import Element, PdfReading

SHORTEST = 6
"""Texts shorter than this (spaces left out) could turn up inside other words by chance."""


@dataclass(frozen=True)
class Run:
    """A text printed from a guide, and the language it is written in."""

    text: str
    lang: str
    name: str
    """How a person would call it: ``the title of guide 2``."""


def _blocks_text(blocks: tuple[Block, ...]) -> list[str]:
    """The text of each paragraph in some blocks (list items' paragraphs included)."""
    found: list[str] = []
    for block in blocks:
        match block:
            case Paragraph(children):
                found.append(plain_text(children))
            case ListBlock(items=items):
                for item in items:
                    found.extend(_blocks_text(item))
    return found


def language_runs(guide: Guide, where: str = "") -> list[Run]:
    """The texts of a guide any printout may carry, each with the language it is in.

    ``where`` names the guide in messages (``guide 2's``); by default "the guide's".
    """
    owner = where or "the guide's"
    runs = [Run(guide.title, guide.lang, f"{owner} title")]
    runs += [Run(step.title, guide.lang, f"{owner} step {step.number}") for step in guide.steps]
    runs += [Run(item.title, guide.lang, f"{owner} caveat") for item in guide.caveats]
    runs += [Run(item.title, guide.lang, f"{owner} question") for item in guide.questions]
    runs += [Run(plain_text(need), guide.lang, f"{owner} things to bring") for need in guide.needs]
    runs += [
        Run(text, guide.lang, f"{owner} facilitator notes")
        for text in _blocks_text(guide.facilitator)
    ]
    source = guide.source
    if source is not None:
        lang = source.lang or guide.lang
        runs.append(Run(source.title, lang, f"{owner} source"))
        if source.publisher:
            runs.append(Run(source.publisher, lang, f"{owner} source's publisher"))
    return runs


def _primary(lang: str) -> str:
    from generator.i18n import primary

    return primary(lang)


def read_languages(elements: Sequence[Element], document: str) -> list[str]:
    """The language each element is read in: its own, else its nearest ancestor's, else the
    document's."""
    found: list[str] = []
    above: list[tuple[int, str]] = []
    for element in elements:
        while above and above[-1][0] >= element.depth:
            above.pop()
        lang = element.lang or (above[-1][1] if above else document)
        above.append((element.depth, lang))
        found.append(lang)
    return found


def language_problems(
    elements: Sequence[Element] | None, document: str, runs: Sequence[Run]
) -> list[str]:
    """Each text read in another language than its own: the innermost element holding it
    has no ``/Lang`` of that language (nor has any element above it)."""
    if not elements:
        return []
    read_as = read_languages(elements, document)
    texts = [squash(element.text) for element in elements]
    ends: list[int] = []
    for index, element in enumerate(elements):
        end = index + 1
        while end < len(elements) and elements[end].depth > element.depth:
            end += 1
        ends.append(end)
    problems: list[str] = []
    reported: set[str] = set()
    for run in runs:
        wanted = squash(run.text)
        if len(wanted) < SHORTEST or wanted in reported:
            continue
        holders = [index for index, text in enumerate(texts) if wanted in text]
        for position, index in enumerate(holders):
            if position + 1 < len(holders) and holders[position + 1] < ends[index]:
                continue  # an element inside this one holds it too
            if _primary(read_as[index]) != _primary(run.lang):
                problems.append(
                    f"tags: {run.name} '{_short(run.text)}' is in '{run.lang}' but a screen "
                    f"reader would read it as '{read_as[index]}': its "
                    f"{elements[index].role} has no /Lang {run.lang}"
                )
                reported.add(wanted)
                break
    return problems


def printed_addresses(guide: Guide) -> list[str]:
    """Every web and email address a guide's printouts write out in full."""
    from generator.parse.links import printed_address

    found: list[str] = []
    urls = [link.url for link in iter_links(all_blocks(guide) + guide.facilitator)]
    if guide.source is not None and guide.source.url:
        urls.append(guide.source.url)
    for url in urls:
        shown = printed_address(url.strip())
        shown = shown.split("?", 1)[0] if shown.lower().startswith("mailto:") else shown
        shown = shown.removeprefix("mailto:")
        if shown not in found:
            found.append(shown)
    return found


def _spaced(address: str) -> re.Pattern[str]:
    """An address as it may come back with spaces or line breaks between its characters."""
    return re.compile(r"\s*".join(re.escape(char) for char in address))


def address_problems(reading: PdfReading, addresses: Sequence[str]) -> list[str]:
    """Each address that comes back with a space or line break inside, from the tagged text
    (what a screen reader reads) or from the page's text (what copy and paste give)."""
    problems: list[str] = []
    tagged = " ".join(element.text for element in reading.elements or ())
    for address in addresses:
        pattern = _spaced(address)
        for what, text in (("the tagged text", tagged), ("the text copied from the page", None)):
            texts = [text] if text is not None else list(reading.pages)
            broken = next(
                (
                    found.group(0)
                    for page in texts
                    for found in pattern.finditer(page)
                    if any(char.isspace() for char in found.group(0))
                ),
                None,
            )
            if broken is not None:
                shown = " ".join(broken.split())
                problems.append(
                    f"{'tags' if what == 'the tagged text' else 'text'}: the address "
                    f"{address} reads '{shown}' in {what}: a space inside it breaks it"
                )
    return problems


def reading_problems(
    reading: PdfReading, runs: Sequence[Run], addresses: Sequence[str] = ()
) -> list[str]:
    """Every text read in the wrong language and every address read back broken."""
    return language_problems(reading.elements, reading.lang, runs) + address_problems(
        reading, addresses
    )


def guides_problems(reading: PdfReading, guides: Sequence[Guide]) -> list[str]:
    """``reading_problems`` for a file printing several guides (a workshop's)."""
    from generator.i18n import translations_for

    # The file's own words around a guide's (what to do with a link's code) are read in its
    # language, not the guide's.
    _ = translations_for(reading.lang or "en").gettext
    runs = [
        Run(words, reading.lang, "the file's own words")
        for words in (
            _("Point your phone's camera at the square, or type this address:"),
            _("Point your phone's camera at the square to write an email, or use this address:"),
        )
    ]
    addresses: list[str] = []
    for number, guide in enumerate(guides, start=1):
        runs += language_runs(guide, f"guide {number}'s")
        addresses += [found for found in printed_addresses(guide) if found not in addresses]
    return reading_problems(reading, runs, addresses)


def _short(text: str, most: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= most else text[: most - 1] + "\u2026"
