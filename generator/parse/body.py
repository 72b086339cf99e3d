"""Turn a guide's Markdown body into the model, reading Python-Markdown's element tree."""

from __future__ import annotations

import difflib
import html
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

import markdown
from markdown.extensions.attr_list import AttrListExtension
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import AMP_SUBSTITUTE, HTML_PLACEHOLDER_RE

from generator.model import (
    Block,
    Code,
    Emphasis,
    Image,
    Inline,
    Item,
    LineBreak,
    Link,
    ListBlock,
    Paragraph,
    Section,
    Strong,
    Text,
    plain_text,
)
from generator.parse.limits import (
    MAX_INLINE_DEPTH,
    MAX_LIST_DEPTH,
    source_problem,
    tree_problem,
)
from generator.parse.links import link_problem
from generator.parse.pictures import locate_picture
from generator.problems import Problem
from generator.text import hidden_character

SECTION_IDS = ("needs", "steps", "caveats", "questions", "facilitator")
SECTION_NAMES = {
    "what you'll need": "needs",
    "what you will need": "needs",
    "you'll need": "needs",
    "you will need": "needs",
    "steps": "steps",
    "caveats": "caveats",
    "questions": "questions",
    "facilitator notes": "facilitator",
    "facilitator note": "facilitator",
    "facilitator's notes": "facilitator",
    "facilitators' notes": "facilitator",
    "notes for facilitators": "facilitator",
    "notes for the facilitator": "facilitator",
}
ITEM_SECTIONS = ("steps", "caveats", "questions")
MAX_ITEMS = 99
"""Most steps (or caveats, or questions) a guide may have: a longer one should be split, and
two-digit numbers read back the same in every language (no "1,000" against "1000")."""
MAX_HEADING = 120
"""Longest heading (a step's title, a section's name), printed large on one block."""
MAX_LINK_TEXT = 100
"""Longest text of a link: it is printed beside the link's QR code, on one block."""
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg")
ATX_HEADING = re.compile(r"^(#{1,6})(.*?)$")
# Only "{: ...}", "{#id}" or "{.class}" are attributes; "{your name}" is words to keep.
TRAILING_ATTRS = re.compile(r"\s*\{(?::\s*([^}\n]*)|\s*([#.][^}\n]*))\}\s*$")
SETEXT_UNDERLINE = re.compile(r"^ {0,3}(?:=+|-+)[ \t]*$")
LIST_START = re.compile(r"^(?:[*+-]|\d+\.)[ \t]+\S")
PASTED_LIST = re.compile(r"(?m)^\s*([\u2022\u25e6\u25aa\u2023\u25cf\u2043]|\d+\))\s")
"""A line that starts like a word processor's list item: a bullet character or "1)"."""
ENTITY = re.compile(r"^&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);$")


def section_id(title: str) -> str | None:
    """The known section a ``##`` heading names, or None for a general section."""
    key = " ".join(title.replace("\u2019", "'").lower().split()).rstrip(":.").strip()
    return SECTION_NAMES.get(key)


STARTER_HEADINGS = {
    "needs": "What you'll need",
    "steps": "Steps",
    "caveats": "Caveats",
    "questions": "Questions",
    "facilitator": "Facilitator notes",
}
"""Each known section's heading as ``guide new`` writes it (translated in the catalogs)."""
CLOSE_NAME = 0.8
"""How alike a heading must be to a known section's name to be taken for a typing mistake
('Cavaets', 'Stesp' and 'Question' are; 'Tips' and 'Next steps' are not)."""


def meant_section(title: str, lang: str) -> tuple[str, str] | None:
    """The known section a ``##`` heading that names none was likely meant to be.

    Returns its id and the heading to write instead: the English name in an English guide,
    else the name in the guide's language with its id (``Kroki {#steps}``), which is also
    what is suggested for that name written without its id.
    """
    from generator.i18n import catalog_words, primary

    key = " ".join(title.replace("\u2019", "'").lower().split()).rstrip(":.").strip()
    if not key or "facilitat" in key:
        return None  # a facilitator's heading has its own error, naming the right one
    candidates: dict[str, tuple[str, str]] = {
        name: (kind, STARTER_HEADINGS[kind]) for name, kind in SECTION_NAMES.items()
    }
    if primary(lang) != "en":
        # The catalog read without Babel: checking a guide stays light.
        words = catalog_words(lang)
        for kind, heading in STARTER_HEADINGS.items():
            translated = words.get(heading, heading)
            candidates.setdefault(translated.lower(), (kind, f"{translated} {{#{kind}}}"))
    if key in candidates:
        return candidates[key]
    close = difflib.get_close_matches(key, list(candidates), n=1, cutoff=CLOSE_NAME)
    return candidates[close[0]] if close else None


SECTION_HINTS = (
    ("caveats", ("aware", "careful", "caution", "warning", "watch out", "important")),
    ("questions", ("question", "faq", "ask", "q&a")),
    ("steps", ("step", "how to", "instructions", "what to do")),
)
"""Words in a section's title that say which item section was probably meant."""


def _item_section_hint(where: str) -> str:
    """A hint for a '###' heading in a general section: which heading makes items."""
    lowered = where.lower()
    if not where.startswith("'") or section_id(where.strip("'")) is not None:
        # Inside an item, or a known section such as the facilitator's notes.
        return ""
    for kind, words in SECTION_HINTS:
        if any(word in lowered for word in words):
            return (
                f"; if these are {kind}, name the section '## {kind.capitalize()}' "
                f"or end its heading with {{#{kind}}}"
            )
    return (
        "; to make them items, name the section '## Steps', '## Caveats' or "
        "'## Questions', or end its heading with {#steps}, {#caveats} or {#questions}"
    )


@dataclass
class Body:
    """The parts of a body, before they become a Guide."""

    intro: tuple[Block, ...] = ()
    needs: tuple[tuple[Inline, ...], ...] = ()
    steps: tuple[Item, ...] = ()
    caveats: tuple[Item, ...] = ()
    questions: tuple[Item, ...] = ()
    sections: tuple[Section, ...] = ()
    facilitator: tuple[Block, ...] = ()
    images: list[Image] = field(default_factory=list)


class _LineTagger(Preprocessor):
    """Tags every ATX heading with its source line, so errors can name the line."""

    def __init__(
        self, md: markdown.Markdown, first_line: int, problems: list[Problem], path: Path
    ) -> None:
        super().__init__(md)
        self.first_line = first_line
        self.problems = problems
        self.path = path

    def run(self, lines: list[str]) -> list[str]:
        tagged: list[str] = []
        previous = ""
        for index, line in enumerate(lines):
            number = index + self.first_line
            if (
                SETEXT_UNDERLINE.match(line)
                and tagged
                and previous.strip()
                and not previous.startswith((" ", "\t", "#"))
                and not LIST_START.match(previous)
                and (index < 2 or not lines[index - 2].strip())
            ):
                # "Title" underlined with === or --- is a heading too: written as '#' or '##'
                # so it is tagged with its line like any other.
                level = "#" if line.lstrip().startswith("=") else "##"
                tagged.pop()
                line, number = f"{level} {previous}", number - 1
            match = ATX_HEADING.match(line)
            if match:
                hashes, text = match.group(1), match.group(2).strip()
                text = re.sub(r"(?:^|\s+)#+$", "", text).strip()
                attrs = ""
                attr_match = TRAILING_ATTRS.search(text)
                if attr_match:
                    attrs = (attr_match.group(1) or attr_match.group(2) or "").strip() + " "
                    text = text[: attr_match.start()].strip()
                if not text:
                    self.problems.append(
                        Problem(
                            self.path,
                            number,
                            f"the heading '{hashes}' has no text: give it a title",
                        )
                    )
                    text = "untitled"
                # Literal braces are escaped so only the line tag below reads as attributes.
                text = re.sub(r"(?<!\\)([{}])", r"\\\1", text)
                line = f'{hashes} {text} {{: {attrs}data-line="{number}" }}'
            elif (
                LIST_START.match(line)
                and previous.strip()
                and not LIST_START.match(previous)
                and not previous.startswith((" ", "\t"))
            ):
                # Python-Markdown needs a blank line before a list; writers rarely leave one.
                tagged.append("")
            tagged.append(line)
            previous = line
        return tagged


class _TreeGrabber(Treeprocessor):
    """Keeps the finished element tree for the model builder."""

    root: ET.Element | None = None

    def run(self, root: ET.Element) -> None:
        self.root = root


class BodyParser:
    """Builds the model's blocks from the Markdown body of one guide."""

    def __init__(
        self, path: Path, body: str, first_line: int, problems: list[Problem], lang: str = "en"
    ) -> None:
        self.path = path
        self.lang = lang
        self.lines = body.split("\n")
        self.source = body
        self.first_line = first_line
        self.problems = problems
        # An instance, not the name: a name makes Markdown search every installed package's
        # entry points (importlib.metadata), 50 ms of every run.
        self.md = markdown.Markdown(extensions=[AttrListExtension()])
        self.md.preprocessors.register(
            _LineTagger(self.md, first_line, problems, path), "guide_lines", 25
        )
        self.grabber = _TreeGrabber(self.md)
        self.md.treeprocessors.register(self.grabber, "guide_grab", -10)
        self.images: list[Image] = []

    # -- locating things in the source --------------------------------------

    def error(self, line: int | None, message: str) -> None:
        self.problems.append(Problem(self.path, line, message))

    def locate(self, needle: str, start: int) -> int:
        """The first line at or after ``start`` that contains ``needle`` (else ``start``)."""
        for index in range(max(start - self.first_line, 0), len(self.lines)):
            if needle and needle in self.lines[index]:
                return index + self.first_line
        return start

    def locate_re(self, pattern: str, start: int) -> int:
        compiled = re.compile(pattern)
        for index in range(max(start - self.first_line, 0), len(self.lines)):
            if compiled.search(self.lines[index]):
                return index + self.first_line
        return start

    # -- text ------------------------------------------------------------------

    def unstash(self, text: str) -> str:
        """``text`` as written: Python-Markdown's placeholders put back, for messages."""

        def raw(match: re.Match[str]) -> str:
            block = self.md.htmlStash.rawHtmlBlocks[int(match.group(1))]
            return block if isinstance(block, str) else ET.tostring(block, encoding="unicode")

        return HTML_PLACEHOLDER_RE.sub(raw, text).replace(AMP_SUBSTITUTE, "&")

    def clean_text(self, text: str | None, line: int) -> str:
        """Resolve entities and stashed raw HTML in a text run; raw HTML is an error."""
        if not text:
            return ""

        def replace(match: re.Match[str]) -> str:
            raw = self.md.htmlStash.rawHtmlBlocks[int(match.group(1))]
            raw_text = raw if isinstance(raw, str) else ET.tostring(raw, encoding="unicode")
            if ENTITY.match(raw_text.strip()):
                entity = raw_text.strip()
                value = html.unescape(entity)
                number = re.fullmatch(r"&#([xX]?)([0-9a-fA-F]+);?", entity)
                code = int(number.group(2), 16 if number.group(1) else 10) if number else 0
                if number and (code > 0x10FFFF or value != chr(code)):
                    # html.unescape drops a control character's number, or changes it.
                    self.error(
                        self.locate(entity, line),
                        f"the entity '{entity}' is a number no text may hold (a control "
                        "character or none at all): remove it",
                    )
                    return ""
                return value
            snippet = raw_text.strip().split("\n")[0][:40]
            self.error(
                self.locate(snippet, line),
                f"raw HTML is not allowed in a guide ('{snippet}'): write it in Markdown, "
                "or put notes for workshop leaders under '## Facilitator notes'",
            )
            return ""

        text = HTML_PLACEHOLDER_RE.sub(replace, text)
        text = html.unescape(text.replace(AMP_SUBSTITUTE, "&"))
        hidden = hidden_character(text)
        if hidden and text[hidden[0]] not in self.source:
            # Brought in by an entity such as &#x202E;: the file's own text is checked apart.
            self.error(
                self.locate("&#", line), f"{hidden[1]} is written here as an entity: remove it"
            )
        return text

    def inlines(self, element: ET.Element, line: int) -> tuple[Inline, ...]:
        """The inline children of an element, text and tails included."""
        nodes: list[Inline] = []
        if element.text:
            nodes.append(Text(self.clean_text(element.text, line)))
        for child in element:
            node = self.inline(child, line)
            if node is not None:
                nodes.append(node)
            if child.tail:
                nodes.append(Text(self.clean_text(child.tail, line)))
        return _merge_text(nodes)

    def inline(self, element: ET.Element, line: int) -> Inline | None:
        tag = element.tag
        if tag == "strong":
            return Strong(self.inlines(element, line))
        if tag == "em":
            return Emphasis(self.inlines(element, line))
        if tag == "code":
            return Code(html.unescape((element.text or "").replace(AMP_SUBSTITUTE, "&")))
        if tag == "br":
            return LineBreak()
        if tag == "a":
            url = self.clean_text(element.get("href", ""), line).strip()
            children = self.inlines(element, line)
            problem = link_problem(url, plain_text(children))
            shown = plain_text(children)
            if not problem and len(shown) > MAX_LINK_TEXT and shown.strip() != url:
                problem = (
                    f"its text is {len(plain_text(children))} characters long, more than a "
                    f"page can show beside its QR code (at most {MAX_LINK_TEXT})"
                )
            if problem:
                # Written as [text](address) or as <address>: find whichever it was.
                # An entity (&#9;) is decoded in ``url``: look for the part before it too.
                plain = re.split(r"[^!-~]", url, maxsplit=1)[0]
                where = next(
                    (
                        found
                        for needle in (f"({url}", f"<{url}", url, f"({plain}", f"<{plain}")
                        if url and (found := self.locate(needle, line)) != line
                    ),
                    self.locate("](", line),
                )
                self.error(where, f"the link '{plain_text(children)}' goes to '{url}': {problem}")
            return Link(url, children)
        if tag == "img":
            self.error(
                self.locate("![", line),
                "a picture must stand on a line of its own, with a blank line before and after",
            )
            return None
        self.error(line, f"'<{tag}>' is not part of the guide format")
        return None

    # -- blocks ---------------------------------------------------------------

    def blocks(self, elements: list[ET.Element], line: int, where: str) -> tuple[Block, ...]:
        result: list[Block] = []
        for element in elements:
            block = self.block(element, line, where)
            if block is not None:
                result.append(block)
        return tuple(result)

    def block(self, element: ET.Element, line: int, where: str) -> Block | None:
        tag = element.tag
        if tag == "p":
            children = list(element)
            if (
                len(children) == 1
                and children[0].tag == "img"
                and not (element.text or "").strip()
                and not (children[0].tail or "").strip()
            ):
                return self.image(children[0], line)
            paragraph = Paragraph(self.inlines(element, line))
            text = plain_text(paragraph.children)
            if not text.strip() and not element.findall(".//a"):
                return None
            pasted = PASTED_LIST.search(text)
            if pasted:
                # Lists pasted from a word processor would print as one run-on line.
                mark = pasted.group(1)
                self.error(
                    self.locate(mark, line),
                    f"a line starts with '{mark}', which makes a list in a word processor but "
                    "not here: start each item with '- ' (or '1. ' for numbered steps)",
                )
            return paragraph
        if tag in ("ul", "ol"):
            items = tuple(self.list_item(li, line, where) for li in element if li.tag == "li")
            start = _number(element.get("start"), 1) if tag == "ol" else 1
            return ListBlock(ordered=tag == "ol", items=items, start=start)
        if tag in ("h3", "h4", "h5", "h6"):
            heading_line = _number(element.get("data-line"), line)
            self.error(
                heading_line,
                f"a '{'#' * int(tag[1])}' heading is not allowed in {where}: '###' headings "
                f"only start steps, caveats and questions{_item_section_hint(where)}",
            )
            return None
        names = {
            "blockquote": ("a quoted block ('>')", r"^\s*>"),
            "pre": ("a code block (indented by four spaces)", r"^(    |\t)\S"),
            "hr": ("a horizontal rule ('---')", r"^\s*([-*_]\s*){3,}$"),
            "table": ("a table", r"\|"),
        }
        name, pattern = names.get(tag, (f"'<{tag}>'", r"$^"))
        self.error(
            self.locate_re(pattern, line),
            f"{name} is not part of the guide format: use paragraphs and lists",
        )
        return None

    def list_item(self, element: ET.Element, line: int, where: str) -> tuple[Block, ...]:
        """A list item: loose inline text becomes a paragraph, nested blocks follow."""
        blocks: list[Block] = []
        inline_part = ET.Element("p")
        inline_part.text = element.text
        block_tags = {"p", "ul", "ol", "blockquote", "pre", "hr", "h3", "h4", "h5", "h6", "table"}
        rest: list[ET.Element] = []
        for child in element:
            if rest or child.tag in block_tags:
                rest.append(child)
            else:
                inline_part.append(child)
        if (inline_part.text or "").strip() or len(inline_part):
            paragraph = self.block(inline_part, line, where)
            if paragraph is not None:
                blocks.append(paragraph)
        for child in rest:
            block = self.block(child, line, where)
            if block is not None:
                blocks.append(block)
            if child.tail and child.tail.strip():
                blocks.append(Paragraph((Text(self.clean_text(child.tail, line)),)))
        return tuple(blocks)

    def image(self, element: ET.Element, line: int) -> Image | None:
        source = element.get("src", "")
        alt = " ".join(self.clean_text(element.get("alt", ""), line).split())
        where = self.locate(f"]({source}", line)
        if where == line:  # written as ](<file>) or as a reference: find the picture's line
            where = self.locate(source, line) if source else where
            where = self.locate("![", line) if where == line else where
        if not alt:
            self.error(
                where,
                f"the picture '{source}' has no description: write what it shows between "
                "the brackets, like ![The Settings button](settings.png)",
            )
        if source.lower().startswith(("http:", "https:", "//", "data:")):
            self.error(
                where,
                f"the picture '{source}' is on the web: save it beside the guide and give "
                "its file name, so every handout and email works without the internet",
            )
            return None
        if not source.lower().endswith(IMAGE_SUFFIXES):
            self.error(where, f"the picture '{source}' must be a .png or .jpg file")
            return None
        found = locate_picture(self.path, source)
        if isinstance(found, str):
            self.error(where, found)
            return None
        path = found
        image = Image(path=path, alt=alt, source=source, line=where)
        self.images.append(image)
        return image

    # -- sections ---------------------------------------------------------------

    def parse(self) -> Body:
        found = source_problem(self.lines)
        if found is not None:
            self.error(found[0] + self.first_line if found[0] is not None else None, found[1])
            return Body()
        try:
            self.md.convert("\n".join(self.lines))
        except RecursionError:
            self.error(
                None,
                f"the text is nested too deeply to read (lists inside lists at most "
                f"{MAX_LIST_DEPTH} levels, bold or emphasis inside each other at most "
                f"{MAX_INLINE_DEPTH}): simplify it",
            )
            return Body()
        root = self.grabber.root
        deep = tree_problem(root) if root is not None else None
        if deep is not None:
            words, message = deep
            self.error(self.locate(words, self.first_line) if words else None, message)
            return Body()
        # Python-Markdown skips its tree processors when the body is blank.
        return self.sections(list(root) if root is not None else [])

    def sections(self, elements: list[ET.Element]) -> Body:
        body = Body()
        chunks: list[tuple[ET.Element | None, list[ET.Element]]] = [(None, [])]
        line = self.first_line
        for element in elements:
            if element.tag == "h1":
                self.error(
                    _number(element.get("data-line"), line),
                    "a '#' heading is not used: the title goes in the front matter, "
                    "and sections start with '##'",
                )
                continue
            if element.tag == "h2":
                chunks.append((element, []))
            else:
                chunks[-1][1].append(element)
        intro_heading, intro_elements = chunks[0]
        del intro_heading
        body.intro = self.blocks(intro_elements, self.first_line, "the introduction")
        seen: dict[str, int] = {}
        general: list[Section] = []
        steps_seen = False
        mistyped: set[str] = set()
        for heading, content in chunks[1:]:
            assert heading is not None
            line = _number(heading.get("data-line"), line)
            title = self.heading_text(heading, line)
            explicit = heading.get("id")
            if explicit is not None and explicit not in SECTION_IDS:
                meant_id = self.unknown_id(explicit, line)
                if _has_items(content):
                    # One error for the heading, not one more for each '###' under it.
                    mistyped.add(meant_id or "")
                    continue
            kind = self.kind(explicit, title, line)
            if kind is not None and kind in seen:
                self.error(
                    line,
                    f"a second '{title}' section (the first is on line {seen[kind]}): "
                    "merge them into one",
                )
                continue
            if kind is not None:
                seen[kind] = line
            if kind in ITEM_SECTIONS:
                items = self.items(content, line, title, kind or "")
                if kind == "steps":
                    body.steps = items
                    steps_seen = True
                elif kind == "caveats":
                    body.caveats = items
                else:
                    body.questions = items
            elif kind == "needs":
                body.needs = self.needs(content, line, title)
            elif kind == "facilitator":
                body.facilitator = self.blocks(content, line, f"'{title}'")
            else:
                meant = meant_section(title, self.lang) if explicit is None else None
                if meant is not None and self.mistyped_section(title, line, meant[1], content):
                    mistyped.add(meant[0])
                    continue
                general.append(
                    Section(
                        title=title,
                        body=self.blocks(content, line, f"'{title}'"),
                        before_steps=not steps_seen,
                        line=line,
                    )
                )
        body.sections = tuple(general)
        if "steps" not in seen and "steps" not in mistyped:
            self.error(
                None,
                "the guide has no '## Steps' section: add one, with a '###' heading for each step",
            )
        elif "steps" in seen and not body.steps:
            self.error(seen["steps"], "the steps section has no steps: start each with '###'")
        body.images = self.images
        return body

    def unknown_id(self, explicit: str, line: int) -> str | None:
        """One error, in the guide's language, for a section id the format does not know;
        the id most likely meant (``#cavaets`` → ``caveats``), if one is close."""
        from generator.i18n import translations_for

        _ = translations_for(self.lang).gettext
        close = difflib.get_close_matches(explicit.lower(), SECTION_IDS, n=1, cutoff=CLOSE_NAME)
        names = {
            "id": self.unstash(explicit),
            "ids": ", ".join(f"#{name}" for name in SECTION_IDS),
            "meant": close[0] if close else "",
        }
        if close:
            message = _(
                "unknown section id '#%(id)s': did you mean '{#%(meant)s}'? (the ids are %(ids)s)"
            )
        else:
            message = _("unknown section id '#%(id)s': the ids are %(ids)s")
        self.error(line, message % names)
        return close[0] if close else None

    def kind(self, explicit: str | None, title: str, line: int) -> str | None:
        if explicit is not None:
            # An id the format does not know was reported by ``unknown_id``.
            return explicit if explicit in SECTION_IDS else None
        found = section_id(title)
        if found is None and "facilitat" in title.lower():
            # Notes meant only for the workshop leader must never print for everyone.
            self.error(
                line,
                f"'{title}' looks like notes for the facilitator, but only '## Facilitator "
                "notes' (or a heading ending in {#facilitator}) keeps them out of the handout "
                "and the email: use one of those",
            )
        return found

    def mistyped_section(
        self, title: str, line: int, meant: str, content: list[ET.Element]
    ) -> bool:
        """One error, in the guide's language, for a mistyped known section with items under it.

        Its '###' headings would otherwise each be refused on their own; True when the error
        was given (the section is left out). A section without them is printed as written
        (``guide check`` asks whether the known one was meant).
        """
        if not _has_items(content):
            return False
        from generator.i18n import translations_for

        _ = translations_for(self.lang).gettext
        names = {"heading": title, "meant": meant}
        if meant.lower().startswith(f"{title.lower()} {{#"):
            message = _(
                "'## %(heading)s' is read as a section of its own, so the '###' headings under "
                "it are not read: write '## %(meant)s' (a heading in any language but English "
                "needs its id)"
            )
        else:
            message = _(
                "'## %(heading)s' is not a section name the guide format knows, so the '###' "
                "headings under it are not read: did you mean '## %(meant)s'?"
            )
        self.error(line, message % names)
        return True

    def items(
        self, content: list[ET.Element], line: int, title: str, kind: str
    ) -> tuple[Item, ...]:
        items: list[Item] = []
        current: tuple[str, int, list[ET.Element]] | None = None
        singular = {"steps": "step", "caveats": "caveat", "questions": "question"}[kind]

        def close() -> None:
            if current is None:
                return
            item_title, item_line, elements = current
            body = self.blocks(elements, item_line, f"{singular} '{item_title}'")
            if kind == "questions" and not body:
                self.error(
                    item_line, f"the question '{item_title}' has no answer: write one below it"
                )
            items.append(Item(number=len(items) + 1, title=item_title, body=body, line=item_line))

        for element in content:
            if element.tag == "h3" and len(items) + (current is not None) >= MAX_ITEMS:
                self.error(
                    _number(element.get("data-line"), line),
                    f"'{title}' has more than {MAX_ITEMS} {kind}: at most {MAX_ITEMS} fit in a "
                    "handout a reader can follow; split the guide into several",
                )
                return tuple(items)
            if element.tag == "h3":
                close()
                item_line = _number(element.get("data-line"), line)
                item_title = " ".join(self.heading_text(element, item_line).split())
                current = (item_title, item_line, [])
            elif current is None:
                self.error(
                    self.first_content_line(line),
                    f"text under '{title}' must belong to a {singular}: start each {singular} "
                    "with a '###' heading, or move this text into the introduction",
                )
                current = None
            else:
                current[2].append(element)
        close()
        return tuple(items)

    def heading_text(self, heading: ET.Element, line: int) -> str:
        """A heading's plain text; a link in a heading is refused, since titles print as text."""
        inlines = self.inlines(heading, line)
        if heading.findall(".//a"):
            self.error(
                line,
                "a heading cannot hold a link (its address would be lost in the handout "
                "and the email): put the link in the text below the heading",
            )
        text = plain_text(inlines).strip()
        if len(text) > MAX_HEADING:
            self.error(
                line,
                f"the heading is {len(text)} characters long, more than a page can show "
                f"(at most {MAX_HEADING}): shorten it and say the rest below it",
            )
        return text

    def first_content_line(self, heading_line: int) -> int:
        for index in range(heading_line - self.first_line + 1, len(self.lines)):
            if self.lines[index].strip():
                return index + self.first_line
        return heading_line

    def needs(
        self, content: list[ET.Element], line: int, title: str
    ) -> tuple[tuple[Inline, ...], ...]:
        needs: list[tuple[Inline, ...]] = []
        for element in content:
            if element.tag not in ("ul", "ol"):
                self.error(
                    self.first_content_line(line),
                    f"'{title}' must be a list, one thing per line starting with '- '",
                )
                return ()
            for li in element:
                for block in self.list_item(li, line, f"'{title}'"):
                    if isinstance(block, Paragraph):
                        needs.append(block.children)
                    else:
                        self.error(
                            line, f"'{title}' must be a simple list, without lists inside it"
                        )
        if not needs:
            self.error(line, f"'{title}' is empty: list what a reader needs, or remove the heading")
        return tuple(needs)


def _number(value: str | None, default: int) -> int:
    """A number Python-Markdown wrote into an attribute, or ``default`` if it is not one.

    A writer's own attribute list (``{: data-line="x" }``) can put anything there.
    """
    if value is not None and value.isascii() and value.isdigit() and len(value) < 7:
        return int(value)
    return default


def _has_items(content: list[ET.Element]) -> bool:
    """True when a section holds '###' (or smaller) headings, as items would start."""
    return any(element.tag in ("h3", "h4", "h5", "h6") for element in content)


def _merge_text(nodes: list[Inline]) -> tuple[Inline, ...]:
    merged: list[Inline] = []
    for node in nodes:
        if isinstance(node, Text):
            if not node.text:
                continue
            if merged and isinstance(merged[-1], Text):
                merged[-1] = Text(merged[-1].text + node.text)
                continue
        merged.append(node)
    return tuple(merged)


def parse_body(
    path: Path, body: str, first_line: int, problems: list[Problem], lang: str = "en"
) -> Body:
    """Read the Markdown body into the model's parts, adding any problems found.

    ``lang`` is the guide's language, for what is said in it (a mistyped section's name).
    """
    return BodyParser(path, body, first_line, problems, lang).parse()
