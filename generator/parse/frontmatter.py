"""Split a guide into YAML front matter and Markdown body, and read the front matter."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from generator.errors import Problem
from generator.model import Source
from generator.parse.characters import hidden_character

REQUIRED_KEYS = ("title", "summary", "checked")
OPTIONAL_KEYS = ("lang", "minutes", "applies_to", "region", "source", "short_title")
SOURCE_KEYS = ("title", "publisher", "url")
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
        loader: yaml.SafeLoader,
        node: yaml.MappingNode,
        valid: tuple[str, ...],
        where: str,
    ) -> tuple[dict[str, Any], dict[str, int]]:
        values: dict[str, Any] = {}
        lines: dict[str, int] = {}
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + self.first_line
            if not isinstance(key_node, yaml.ScalarNode):
                self.error(line, f"{where}: a key must be a plain word like 'title'")
                continue
            key = str(key_node.value)
            if key in lines:
                self.error(line, f"'{key}' is given twice{where}; keep one")
                continue
            lines[key] = line
            if key not in valid:
                self.error(line, f"unknown key '{key}'{where}: {_suggest(key, valid)}")
                continue
            if isinstance(value_node, yaml.MappingNode):
                values[key] = value_node
                continue
            try:
                values[key] = loader.construct_object(value_node, deep=True)
            except (yaml.YAMLError, ValueError, TypeError):
                self.error(line, f"'{key}' has a value that cannot be read; check its spelling")
        return values, lines


def _text(reader: _Reader, values: dict[str, Any], lines: dict[str, int], key: str) -> str | None:
    value = values.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        reader.error(lines[key], f"'{key}' must be text; put it in quotes if it looks odd")
        return None
    text = " ".join(str(value).split())
    hidden = hidden_character(text)
    if hidden and text[hidden[0]] not in reader.front:
        # Written as a YAML escape ("\u202e"); characters in the file itself are reported apart.
        reader.error(lines[key], f"'{key}' contains {hidden[1]}: delete it")
        return None
    if not text:
        reader.error(lines[key], f"'{key}' is empty")
        return None
    return text


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
        values, lines = reader.mapping(loader, node, REQUIRED_KEYS + OPTIONAL_KEYS, "")
        meta = _build(reader, loader, values, lines, first_line)
    finally:
        loader.dispose()
    if len(problems) > before:
        return None
    return meta


def _build(
    reader: _Reader,
    loader: yaml.SafeLoader,
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
    minutes = values.get("minutes")
    if minutes is not None and (
        isinstance(minutes, bool) or not isinstance(minutes, int) or not 0 < minutes <= 600
    ):
        reader.error(lines["minutes"], "'minutes' must be a whole number of minutes, like 10")
        minutes = None
    applies_to = _applies_to(reader, values, lines)
    region = _text(reader, values, lines, "region")
    short_title = _text(reader, values, lines, "short_title")
    source = _source(reader, loader, values, lines)
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
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
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
    result: list[str] = []
    for item in items:
        if isinstance(item, bool) or not isinstance(item, str | int | float) or not str(item):
            reader.error(
                lines["applies_to"],
                "'applies_to' must be a list of names, like [Facebook, Instagram]",
            )
            return ()
        result.append(" ".join(str(item).split()))
    return tuple(result)


def _source(
    reader: _Reader, loader: yaml.SafeLoader, values: dict[str, Any], lines: dict[str, int]
) -> Source | None:
    node = values.get("source")
    if node is None:
        return None
    if not isinstance(node, yaml.MappingNode):
        reader.error(
            lines["source"], "'source' must have indented 'title:', 'publisher:' and 'url:' lines"
        )
        return None
    fields, field_lines = reader.mapping(loader, node, SOURCE_KEYS, " under 'source'")
    title = _text(reader, fields, field_lines, "title")
    if "title" not in field_lines:
        reader.error(lines["source"], "'source' needs a 'title:'")
    publisher = _text(reader, fields, field_lines, "publisher")
    url = _text(reader, fields, field_lines, "url")
    if url is not None and not re.match(r"^https?://[^\s/]+\.[^\s]+$", url):
        reader.error(
            field_lines["url"], f"the source 'url' must be a full web address, not '{url}'"
        )
        url = None
    if title is None:
        return None
    return Source(title=title, publisher=publisher, url=url)
