"""Read built outputs back and confirm every step is there, in order, and every caveat.

This is the tool's promise: what is printed or sent is complete and in order.
"""

from __future__ import annotations

import re
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING

from generator.model import Guide, all_blocks, iter_images
from generator.problems import Problem, Severity
from generator.typography import normalise

if TYPE_CHECKING:
    from email.message import Message

    from generator.verify.cache import ReadCache
    from generator.verify.pdf import Element, PdfReading

KINDS = ("pdf", "html", "txt", "eml")
MAX_OUTPUT_BYTES = 64 * 1024 * 1024
"""Largest built file read back by ``guide verify`` (a handout with the most pictures a guide
may have, attached to its email, is under 10 MB)."""


@lru_cache(maxsize=256)
def _title_pattern(title: str) -> re.Pattern[str]:
    """A title as it may come back from a page: a narrow column may break a long word."""
    letters = [re.escape(char) for char in normalise(title) if char != " "]
    return re.compile(r"\s?".join(letters))


def check_complete(guide: Guide, text: str, path: Path, numbered: bool = True) -> list[Problem]:
    """Every step title in order (each with its number nearby), every caveat title, the stamp."""
    findings: list[Problem] = []
    flat = normalise(text)
    position = 0
    for step in guide.steps:
        pattern = _title_pattern(step.title)
        match = pattern.search(flat, position)
        if match is None:
            if pattern.search(flat) is None:
                findings.append(
                    Problem(path, None, f"step {step.number} '{step.title}' is missing")
                )
            else:
                findings.append(
                    Problem(path, None, f"step {step.number} '{step.title}' is out of order")
                )
            continue
        if numbered:
            # A title like "Step 2" also matches a label "Step 2 of 5": take the first
            # occurrence that has the step's number before it.
            labelled: re.Match[str] | None = match
            while labelled is not None and not _number_before(flat, labelled.start(), step.number):
                labelled = pattern.search(flat, labelled.start() + 1)
            if labelled is None:
                findings.append(
                    Problem(
                        path,
                        None,
                        f"step {step.number} '{step.title}' is not shown with its number",
                    )
                )
            else:
                match = labelled
        position = match.end()
    for caveat in guide.caveats:
        if _title_pattern(caveat.title).search(flat) is None:
            findings.append(Problem(path, None, f"caveat '{caveat.title}' is missing"))
    if guide.version not in flat:
        findings.append(
            Problem(
                path,
                None,
                f"the version stamp {guide.version} of {guide.path.name} is not in it: it was "
                "built from another version of the guide (or a template leaves the stamp out); "
                "build it again",
            )
        )
    return findings


def _number_before(flat: str, index: int, number: int) -> bool:
    """True when the step's number stands just before its title (within a few words)."""
    window = flat[max(0, index - 40) : index]
    return re.search(rf"(?<!\d){number}(?!\d)", window) is not None


class _TextOfHtml(HTMLParser):
    """The visible text of an HTML document (no scripts, styles or hidden preheader)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("style", "script", "head", "title"):
            self.skip += 1
        if tag in ("p", "div", "li", "h1", "h2", "h3", "h4", "br", "td", "tr"):
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "script", "head", "title") and self.skip:
            self.skip -= 1

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)


def text_of_html(markup: str) -> str:
    """The text a reader sees in an HTML document."""
    parser = _TextOfHtml()
    parser.feed(markup)
    parser.close()
    return "".join(parser.parts)


class _Both(HTMLParser):
    """One reading of an HTML document, handed to two parsers: its text and its resources."""

    def __init__(self, *parsers: HTMLParser) -> None:
        super().__init__(convert_charrefs=True)
        self.parsers = parsers

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for parser in self.parsers:
            parser.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        for parser in self.parsers:
            parser.handle_endtag(tag)

    def handle_data(self, data: str) -> None:
        for parser in self.parsers:
            parser.handle_data(data)


def _read_html(markup: str) -> tuple[str, tuple[list[str], list[str]]]:
    """An HTML document's text, and what in it would load or run (``resource_problems``)."""
    from generator.verify.html import resource_parser

    text, resources = _TextOfHtml(), resource_parser()
    both = _Both(text, resources)
    both.feed(markup)
    both.close()
    return "".join(text.parts), (resources.problems, resources.sources)


def text_of_pdf(data: bytes) -> str:
    """The text of every page of a PDF, in page order."""
    from generator.verify.pdftext import page_texts

    return "\n".join(page_texts(data))


def _is_heading(role: str) -> bool:
    return len(role) == 2 and role[0] == "H" and role[1].isdigit()


def check_tags(guide: Guide, elements: tuple[Element, ...] | None, path: Path) -> list[Problem]:
    """What a screen reader gets: every step a heading with its number, in order; every caveat
    a heading; every picture a figure described by its alt text."""
    if elements is None:
        return [
            Problem(
                path,
                None,
                "it is not tagged: a screen reader would get no headings, lists or picture "
                "descriptions; build it again",
            )
        ]
    findings: list[Problem] = []
    headings = [normalise(element.text) for element in elements if _is_heading(element.role)]
    position = 0
    for step in guide.steps:
        pattern = _title_pattern(step.title)
        found = None
        for index in range(position, len(headings)):
            # A title like "2" also matches inside its own number, "28": try every place.
            match = pattern.search(headings[index])
            while match and not _number_before(headings[index], match.start(), step.number):
                match = pattern.search(headings[index], match.start() + 1)
            if match:
                found = index
                break
        if found is None:
            where = "out of order" if any(pattern.search(h) for h in headings) else "missing"
            findings.append(
                Problem(
                    path, None, f"tags: the heading of step {step.number} '{step.title}' is {where}"
                )
            )
            continue
        position = found + 1
    for caveat in guide.caveats:
        if not any(_title_pattern(caveat.title).search(heading) for heading in headings):
            findings.append(Problem(path, None, f"tags: caveat '{caveat.title}' is not a heading"))
    figures = [element for element in elements if element.role == "Figure"]
    described = {normalise(figure.alt or "") for figure in figures}
    for image in iter_images(all_blocks(guide)):
        if normalise(image.alt) not in described:
            findings.append(
                Problem(
                    path,
                    None,
                    f"tags: the picture '{image.source}' is not a figure with its alt text",
                )
            )
    if any(not (figure.alt or "").strip() for figure in figures):
        findings.append(Problem(path, None, "tags: a figure has no alt text"))
    return findings


def layout_findings(guide: Guide, reading: PdfReading, path: Path) -> list[Problem]:
    """Warnings for every page-layout promise a handout breaks (``generator.verify.layout``)."""
    from generator.verify.layout import handout_problems, pages_of

    return [
        Problem(path, None, f"page {broken.page}: {broken.message}", Severity.WARNING)
        for broken in handout_problems(guide, pages_of(reading))
    ]


def verify_output(
    guide: Guide,
    kind: str,
    data: bytes,
    path: Path,
    reads: ReadCache | None = None,
    web_address: str | None = None,
) -> list[Problem]:
    """Check one built output (given as its bytes) for completeness.

    ``reads``: the run's read-back so far (a PDF many messages attach is read once).
    ``web_address``: the guide's page on the web edition (``--base-url``), which the output
    must give (and a handout print whole), or None.
    """
    if kind == "pdf":
        from generator.verify.cache import ReadCache
        from generator.verify.tags import language_runs, printed_addresses, reading_problems

        # One pass reads the text, the tags and the layout (its characters' sizes and places).
        reading = (reads or ReadCache()).pdf(data, glyphs=True)
        addresses = printed_addresses(guide) + ([web_address] if web_address else [])
        heard = reading_problems(reading, language_runs(guide), addresses)
        return (
            _verify_pdf(guide, reading, path, web_address)
            + layout_findings(guide, reading, path)
            + [Problem(path, None, message, Severity.WARNING) for message in heard]
        )
    if kind == "html":
        markup = data.decode("utf-8")
        text, resources = _read_html(markup)
        return (
            check_complete(guide, text, path)
            + check_web_address(text, web_address, path)
            + _email_html_gates(markup, path, resources)
        )
    if kind == "txt":
        # The web edition's text starts with a byte-order mark; it is no part of the text.
        text = data.decode("utf-8-sig")
        return check_complete(guide, text, path) + check_web_address(text, web_address, path)
    if kind == "eml":
        return verify_message(guide, parse_message(data), path, reads, web_address)
    raise ValueError(f"unknown output kind {kind!r}")


def check_web_address(text: str, address: str | None, path: Path) -> list[Problem]:
    """With ``--base-url``, an output must give the guide's address on the web (a template
    may leave its block out); wherever its lines break."""
    if address is None or address in "".join(text.split()):
        return []
    return [
        Problem(
            path,
            None,
            f"it does not give the guide's address on the web ({address}), which --base-url "
            "asks for: a template may leave out the block that prints it",
        )
    ]


def _verify_pdf(
    guide: Guide, reading: PdfReading, path: Path, web_address: str | None = None
) -> list[Problem]:
    return (
        check_complete(guide, reading.text, path)
        + check_web_address(reading.text, web_address, path)
        + check_tags(guide, reading.elements, path)
    )


def _email_html_gates(
    markup: str,
    path: Path,
    resources: tuple[list[str], list[str]],
    content_ids: set[str] | None = None,
) -> list[Problem]:
    """Gmail's size limit, nothing remote, and (in a message) every ``cid:`` picture present.

    ``resources`` is what ``resource_problems`` finds in ``markup``.
    """
    from generator.verify.html import font_size_problems, size_problems

    findings = [
        Problem(path, None, message, severity)
        for severity, message in size_problems(len(markup.encode("utf-8")))
    ]
    findings.extend(Problem(path, None, message) for message in font_size_problems(markup))
    problems, sources = resources
    findings.extend(
        Problem(path, None, f"the HTML must not load anything from the internet, but {problem}")
        for problem in problems
    )
    if content_ids is not None:
        for source in sources:
            if source.lower().startswith("cid:") and source[4:] not in content_ids:
                findings.append(
                    Problem(path, None, f"the picture '{source}' is not in the message")
                )
    return findings


def parse_message(data: bytes) -> Message:
    """A message's bytes parsed into its parts.

    The headers are kept as text (the ``compat32`` policy): the read-back looks at the
    parts' types and contents, and parsing every header into objects took half its time.
    """
    from email import policy
    from email.parser import BytesFeedParser

    # Fed in pieces: parsing a whole message at once holds about seven copies of it.
    parser = BytesFeedParser(policy=policy.compat32)
    for start in range(0, len(data), 65536):
        parser.feed(data[start : start + 65536])
    return parser.close()


def part_text(part: Message) -> str:
    """A text part's content, decoded from its transfer encoding and its charset."""
    payload = part.get_payload(decode=True)
    assert isinstance(payload, bytes)
    return payload.decode(part.get_content_charset("ascii"), errors="replace")


def verify_message(
    guide: Guide,
    message: Message,
    path: Path,
    reads: ReadCache | None = None,
    web_address: str | None = None,
) -> list[Problem]:
    """Check a parsed message: every part complete, its HTML within email limits.

    ``reads``: the run's read-back so far (the messages of a run attach the same handouts).
    ``web_address``: the guide's page on the web edition, which every part must give.
    """
    from generator.verify.cache import ReadCache

    reads = reads or ReadCache()
    findings: list[Problem] = []
    seen = {"text/plain": False, "text/html": False, "application/pdf": False}
    content_ids = {
        str(part["Content-ID"]).strip().strip("<>")
        for part in message.walk()
        if part["Content-ID"] is not None
    }
    for part in message.walk():
        content_type = part.get_content_type()
        if content_type not in seen or part.is_multipart():
            continue
        if content_type == "application/pdf":
            found = _verify_pdf(guide, reads.pdf(reads.attachment(part)), path, web_address)
            label = "the attached handout"
        else:
            content = part_text(part)
            if content_type == "text/html":
                text, resources = _read_html(content)
                found = check_complete(guide, text, path)
                found += check_web_address(text, web_address, path)
                found += _email_html_gates(content, path, resources, content_ids)
            else:
                found = check_complete(guide, content, path)
                found += check_web_address(content, web_address, path)
            label = "the HTML part" if content_type == "text/html" else "the plain-text part"
        seen[content_type] = True
        findings.extend(Problem(f.path, None, f"{label}: {f.message}", f.severity) for f in found)
    for content_type, present in seen.items():
        if not present:
            findings.append(Problem(path, None, f"the message has no {content_type} part"))
    return findings


def verify_built(guide: Guide, out: Path) -> tuple[list[Path], list[Problem]]:
    """Verify every output of a guide found in ``out``; say so if none was built."""
    from generator.files import read_file, refusal
    from generator.i18n import ui_gettext as _
    from generator.verify.cache import ReadCache

    reads = ReadCache()
    checked: list[Path] = []
    findings: list[Problem] = []
    missing: list[Path] = []
    for kind in KINDS:
        path = out / f"{guide.name}.{kind}"
        if not path.exists() and not path.is_symlink():
            missing.append(path)
            continue
        checked.append(path)
        try:
            data = read_file(path, MAX_OUTPUT_BYTES)
        except OSError as exc:  # a folder, a pipe or a file too large where an output was
            findings.append(
                Problem(path, None, _("cannot be read: %(why)s") % {"why": refusal(exc)})
            )
            continue
        try:
            findings.extend(verify_output(guide, kind, data, path, reads))
        except Exception as exc:  # a damaged file of any kind is a finding, not a crash
            findings.append(
                Problem(path, None, f"cannot be read back ({type(exc).__name__}: {exc})")
            )
    if not checked:
        findings.append(
            Problem(out / f"{guide.name}.*", None, f"nothing has been built for {guide.path} yet")
        )
    else:
        # Some of the guide's files are there: each one that is not is said, not skipped.
        findings.extend(
            Problem(
                path,
                None,
                _(
                    "is missing: it was not built, or was moved or deleted since (build it "
                    "with 'guide build %(guide)s')"
                )
                % {"guide": guide.path},
                Severity.WARNING,
            )
            for path in missing
        )
    return checked, findings
