"""Split a guide into YAML front matter and Markdown body, and read the front matter."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from generator.model import Source
from generator.problems import Problem
from generator.text import hidden_character

REQUIRED_KEYS = ("title", "summary", "checked")
OPTIONAL_KEYS = ("lang", "minutes", "applies_to", "region", "source", "short_title")
SOURCE_KEYS = ("title", "publisher", "url", "lang")
LANG_TAG = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$")
FENCE = re.compile(r"^---[ \t]*$")
END_FENCE = re.compile(r"^(?:---|\.\.\.)[ \t]*$")


@dataclass(frozen=True)
class FrontMatter:
    """The validated metadata of a guide."""

    title: str
    summary: str
    checked: dt.date
    lang: str
    minutes: int | None
    applies_to: tuple[str, ...]
    region: str | None
    source: Source | None
    key_lines: tuple[tuple[str, int], ...] = ()
    short_title: str | None = None


@dataclass(frozen=True)
class SplitSource:
    """A guide's text cut into its two parts."""

    front: str
    """The YAML between the ``---`` fences."""
    body: str
    """The Markdown after the closing fence."""
    body_first_line: int
    """The file line number of the body's first line."""


def split_front_matter(text: str, path: Path, problems: list[Problem]) -> SplitSource | None:
    """Cut the text at its ``---`` fences; report a problem and return None if it has none."""
    lines = text.split("\n")
    if not lines or not FENCE.match(lines[0]):
        problems.append(
            Problem(
                path,
                1,
                "a guide must start with front matter: a line '---', the title, summary "
                "and checked date, then another '---'",
            )
        )
        return None
    for index in range(1, len(lines)):
        if END_FENCE.match(lines[index]):
            return SplitSource(
                front="\n".join(lines[1:index]),
                body="\n".join(lines[index + 1 :]),
                body_first_line=index + 2,
            )
    problems.append(
        Problem(path, 1, "the front matter is never closed: add a line '---' after the last key")
    )
    return None


def _suggest(key: str, valid: tuple[str, ...]) -> str:
    close = difflib.get_close_matches(key, valid, n=1, cutoff=0.6)
    if close:
        return f"did you mean '{close[0]}'?"
    return "valid keys are: " + ", ".join(valid)


class _Reader:
    """Reads one mapping node, collecting every problem rather than stopping at the first."""

    def __init__(
        self, path: Path, first_line: int, problems: list[Problem], front: str = ""
    ) -> None:
        self.path = path
        self.front = front
        self.first_line = first_line
        self.problems = problems

    def error(self, line: int | None, message: str) -> None:
        self.problems.append(Problem(self.path, line, message))

    def mapping(
        self,
        node: yaml.MappingNode,
        valid: tuple[str, ...],
        where: str,
    ) -> tuple[dict[str, Any], dict[str, int]]:
        values: dict[str, Any] = {}
        lines: dict[str, int] = {}
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + self.first_line
            if not isinstance(key_node, yaml.ScalarNode):
                self.error(line, f"a key must be a plain word like 'title'{where}")
                continue
            key = str(key_node.value)
            if key in lines:
                self.error(line, f"'{key}' is given twice{where}; keep one")
                continue
            lines[key] = line
            if key not in valid:
                self.error(line, f"unknown key '{key}'{where}: {_suggest(key, valid)}")
                continue
            tag = _odd_tag(value_node)
            if tag:
                self.error(
                    line,
                    f"'{key}'{where} carries the YAML tag '{tag}': remove it (values are "
                    "read as plain text, in quotes if they look odd)",
                )
            values[key] = _as_written(value_node)
        return values, lines


NULL_WORDS = frozenset({"", "~", "null", "Null", "NULL"})
MAX_DEPTH = 3
"""Deepest nesting the front matter may have ('source:' holds a level; its keys a second)."""
MAX_TEXT = 1000
"""Longest text a front-matter field may hold, in characters, unless ``LONGEST`` says less."""
LONGEST = {"title": 100, "summary": 400, "region": 80, "lang": 35, "publisher": 120}
"""Longest text of some fields: each is printed as one block that must fit on a large-print
page (a source's title goes with the source; the others are checked as ``MAX_TEXT``)."""
MAX_APPLIES_TO = 8
"""Most names 'applies_to' may list."""
MAX_NAME = 40
"""Longest name in 'applies_to'."""
MAX_APPLIES_TEXT = 100
"""Longest 'applies_to' list, its names written one after another (it is printed as one
line of the handout's heading box, which must fit on a half-size large-print page)."""


PLAIN_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}"
    for name in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map", "value")
)
"""Tags YAML gives untagged values by itself; any other was written on purpose (``!!binary``,
``!!python/name:…``, ``!custom``), and dropping it would change what the value means."""


def _odd_tag(node: yaml.Node) -> str | None:
    """The first written tag on a value or its list's items, or None."""
    items = node.value if isinstance(node, yaml.SequenceNode) else []
    for each in (node, *items):
        if isinstance(each, yaml.Node) and each.tag not in PLAIN_TAGS:
            return str(each.tag).replace("tag:yaml.org,2002:", "!!")
    return None


def _as_written(node: yaml.Node) -> Any:
    """A value exactly as written: YAML's guesses (010 → 8, 12:30 → 750, yes → True) are not
    made, so a title or summary is always the text in the file. A mapping stays a node."""
    if isinstance(node, yaml.ScalarNode):
        value = str(node.value)
        if node.style is None and node.tag != "tag:yaml.org,2002:str" and value in NULL_WORDS:
            return None
        return value
    if isinstance(node, yaml.SequenceNode):
        # One level only: a list inside a list is refused, never expanded (aliases could
        # make it grow exponentially).
        return [
            _as_written(item) if isinstance(item, yaml.ScalarNode) else item for item in node.value
        ]
    return node


def nesting_problem(front: str) -> int | None:
    """The line where the front matter nests deeper than ``MAX_DEPTH``, read without recursion."""
    depth = 0
    try:
        for event in yaml.parse(front, Loader=yaml.SafeLoader):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    return int(event.start_mark.line) if event.start_mark else 0
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError:
        return None  # reported, with its line, when the front matter is read
    return None


def _text(reader: _Reader, values: dict[str, Any], lines: dict[str, int], key: str) -> str | None:
    if key not in lines:
        return None
    value = values.get(key)
    if not isinstance(value, str | None):
        reader.error(lines[key], f"'{key}' must be text; put it in quotes if it looks odd")
        return None
    text = " ".join((value or "").split())
    problem = text_problem(text, reader.front, LONGEST.get(key, MAX_TEXT))
    if problem:
        reader.error(lines[key], f"'{key}' {problem}")
        return None
    return text


def text_problem(text: str, written: str = "", longest: int = MAX_TEXT) -> str | None:
    """Why one front-matter text cannot be used (said after its key), or None."""
    hidden = hidden_character(text)
    if hidden:
        # Characters in the file itself are reported apart with their own line; this catches
        # YAML escapes ("\u202e") and anything else that reaches the outputs.
        if written and text[hidden[0]] in written:
            return "contains a character that is not allowed (see the error on its line)"
        return f"contains {hidden[1]}: delete it"
    if not text:
        return "is empty"
    if len(text) > longest:
        return f"is {len(text)} characters long, more than a page can show (at most {longest})"
    return None


def read_front_matter(
    front: str, path: Path, problems: list[Problem], first_line: int = 2
) -> FrontMatter | None:
    """Validate the front matter; return None if any problem stops it being used."""
    before = len(problems)
    reader = _Reader(path, first_line, problems, front)
    try:
        loader = yaml.SafeLoader(front)
    except yaml.reader.ReaderError as exc:
        # YAML refuses control characters before it reads anything; the guide's own check
        # of the whole file has already named an invisible one.
        if hidden_character(front) is not None:
            return None
        line = front[: exc.position].count("\n") + first_line
        reader.error(
            line,
            f"the front matter contains the control character U+{exc.character:04X}, "
            "which is not allowed: delete it",
        )
        return None
    deep = nesting_problem(front)
    if deep is not None:
        loader.dispose()
        reader.error(
            deep + first_line,
            f"the front matter is nested more than {MAX_DEPTH} levels deep here: "
            "a guide's keys hold text, a date, a list of names or the 'source:' lines",
        )
        return None
    try:
        try:
            node = loader.get_single_node()
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            line = mark.line + first_line if mark else first_line
            reason = exc.problem or "not valid YAML"
            reader.error(
                line,
                f"the front matter is not valid YAML ({reason}): write each line as "
                "'key: value', indent with spaces (not tabs), and put a value in double quotes "
                "if it contains ':' or starts with a quote mark",
            )
            return None
        except yaml.YAMLError:
            reader.error(first_line, "the front matter is not valid YAML")
            return None
        if not isinstance(node, yaml.MappingNode):
            reader.error(first_line, "the front matter must be 'key: value' lines")
            return None
        values, lines = reader.mapping(node, REQUIRED_KEYS + OPTIONAL_KEYS, "")
        meta = _build(reader, values, lines, first_line)
    finally:
        loader.dispose()
    if len(problems) > before:
        return None
    return meta


def _build(
    reader: _Reader,
    values: dict[str, Any],
    lines: dict[str, int],
    first_line: int,
) -> FrontMatter | None:
    for key in REQUIRED_KEYS:
        if key not in lines:
            reader.error(first_line - 1, f"the front matter needs '{key}:'")
    title = _text(reader, values, lines, "title")
    summary = _text(reader, values, lines, "summary")
    checked = _date(reader, values, lines)
    lang = "en"
    if "lang" in values:
        lang_text = _text(reader, values, lines, "lang")
        if lang_text is not None and not LANG_TAG.match(lang_text):
            reader.error(
                lines["lang"],
                f"'lang' must be a language tag such as en, en-GB, pl or cy, not '{lang_text}'",
            )
        elif lang_text is not None:
            lang = lang_text
    written = values.get("minutes")
    minutes: int | None = None
    if written is not None:
        if isinstance(written, str) and re.fullmatch(r"[0-9]{1,3}", written.strip()):
            minutes = int(written)
        if minutes is None or not 0 < minutes <= 600:
            reader.error(lines["minutes"], "'minutes' must be a whole number of minutes, like 10")
            minutes = None
    applies_to = _applies_to(reader, values, lines)
    region = _text(reader, values, lines, "region")
    short_title = _text(reader, values, lines, "short_title")
    source = _source(reader, values, lines)
    if title is None or summary is None or checked is None:
        return None
    return FrontMatter(
        title=title,
        summary=summary,
        checked=checked,
        lang=lang,
        minutes=minutes,
        applies_to=applies_to,
        region=region,
        source=source,
        key_lines=tuple(sorted(lines.items(), key=lambda item: item[1])),
        short_title=short_title,
    )


def _date(reader: _Reader, values: dict[str, Any], lines: dict[str, int]) -> dt.date | None:
    if "checked" not in lines:
        return None
    value = values.get("checked")
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    if "checked" in values or value is None:
        reader.error(
            lines["checked"],
            "'checked' must be the date the steps were last checked, as YYYY-MM-DD "
            "(for example 2026-11-20)",
        )
    return None


def _applies_to(reader: _Reader, values: dict[str, Any], lines: dict[str, int]) -> tuple[str, ...]:
    value = values.get("applies_to")
    if value is None:
        return ()
    items = value if isinstance(value, list) else [value]
    if len(items) > MAX_APPLIES_TO:
        reader.error(
            lines["applies_to"],
            f"'applies_to' lists {len(items)} names: at most {MAX_APPLIES_TO} (name the main "
            "ones; the guide says the rest)",
        )
        return ()
    result: list[str] = []
    for item in items:
        if not isinstance(item, str) or not item.strip():
            reader.error(
                lines["applies_to"],
                "'applies_to' must be a list of names, like [Facebook, Instagram]",
            )
            return ()
        name = " ".join(item.split())
        problem = text_problem(name, reader.front, MAX_NAME)
        if problem:
            reader.error(lines["applies_to"], f"'applies_to': the name '{name}' {problem}")
            return ()
        result.append(name)
    if len(", ".join(result)) > MAX_APPLIES_TEXT:
        reader.error(
            lines["applies_to"],
            f"'applies_to' is {len(', '.join(result))} characters long, more than a page can "
            f"show (at most {MAX_APPLIES_TEXT}): name the main ones; the guide says the rest",
        )
        return ()
    return tuple(result)


def _source(reader: _Reader, values: dict[str, Any], lines: dict[str, int]) -> Source | None:
    node = values.get("source")
    if node is None:
        return None
    if not isinstance(node, yaml.MappingNode):
        reader.error(
            lines["source"], "'source' must have indented 'title:', 'publisher:' and 'url:' lines"
        )
        return None
    fields, field_lines = reader.mapping(node, SOURCE_KEYS, " under 'source'")
    title = _text(reader, fields, field_lines, "title")
    if "title" not in field_lines:
        reader.error(lines["source"], "'source' needs a 'title:'")
    publisher = _text(reader, fields, field_lines, "publisher")
    url = _text(reader, fields, field_lines, "url")
    if url is not None:
        from generator.parse.links import link_problem

        problem = (
            "it must be a web address starting with https://"
            if url.lower().startswith("mailto:")
            else link_problem(url, title or "")
        )
        if problem:
            reader.error(field_lines["url"], f"the source 'url' '{url}' cannot be used: {problem}")
            url = None
        elif publisher and (problem := link_problem(url, publisher)):
            # The publisher is printed beside the source's address: it must not name another.
            reader.error(
                field_lines["publisher"],
                f"the source 'publisher' '{publisher}' does not match its 'url': {problem}",
            )
    lang = _text(reader, fields, field_lines, "lang")
    if lang is not None and not LANG_TAG.match(lang):
        reader.error(
            field_lines["lang"],
            f"the source 'lang' must be a language tag such as en, en-GB, pl or cy, not '{lang}'",
        )
        lang = None
    if title is None:
        return None
    return Source(title=title, publisher=publisher, url=url, lang=lang)
