"""Who a guide is sent to: a CSV file or ``--to "Name <address>"`` values, checked strictly.

Every problem is collected with its file and line (``recipients.csv:4: error: ...``) and
the whole list is refused if there is any, so nothing is sent from a half-good list.
"""

from __future__ import annotations

import csv
import difflib
import io
import os
from dataclasses import dataclass
from pathlib import Path

from generator.filekinds import HEAD_BYTES, FileKind, Kind, meant_file, sniff
from generator.i18n import ui_gettext as _
from generator.i18n import ui_ngettext as ngettext
from generator.parse.addresses import (
    address_key,
    address_problem,
    name_problem,
    named_address_problem,
    normal_address,
    split_named_address,
)
from generator.parse.frontmatter import LANG_TAG
from generator.problems import GuideError, Problem, Severity
from generator.text import ONE_LINE, hidden_character

COLUMNS = ("email", "name", "large_print", "paper", "note", "lang")
"""The columns a recipients CSV may have; only ``email`` is required."""
PAPERS = ("a4", "letter")
YES_NO = {"yes": True, "no": False}
TO_OPTION = "--to"
"""Where a recipient given on the command line was listed."""


@dataclass(frozen=True)
class Recipient:
    """One person a guide is sent to."""

    address: str
    """A plain, checked address, its domain in lower case."""
    name: str | None = None
    """How the sender greets them ("Grandad"); None for a neutral greeting."""
    large_print: bool | None = None
    """Their own large-print choice; None to follow the command's option."""
    paper: str | None = None
    """Their own paper size; None to follow the command's option."""
    note: str | None = None
    """A note for this person only, shown with the sender's note."""
    source: Path | None = None
    """The CSV file they were listed in; None for a ``--to`` value."""
    line: int | None = None
    """Their line in that file (or which ``--to`` value they were)."""
    lang: str | None = None
    """The language they read (``pl``, ``uk``…): picks their edition of the guide."""

    @property
    def key(self) -> str:
        """The mailbox, compared without regard to case."""
        return address_key(self.address)

    @property
    def option(self) -> str | None:
        """``--to`` when they were given on the command line, for a problem's place."""
        return TO_OPTION if self.source is None else None

    @property
    def origin(self) -> str:
        """Where they were listed, like ``family.csv:4`` or ``--to:2``."""
        return f"{self.source or TO_OPTION}:{self.line}"


def read_recipients(values: tuple[str, ...] | list[str]) -> list[Recipient]:
    """Every recipient named by ``--to`` values (CSV files or addresses); raise on any problem."""
    recipients: list[Recipient] = []
    problems: list[Problem] = []
    for index, value in enumerate(values, start=1):
        if _is_file(value):
            found, file_problems = _read_csv(Path(value))
            recipients.extend(found)
            problems.extend(file_problems)
        else:
            recipient, problem = _read_named_address(value, index)
            if recipient is not None:
                recipients.append(recipient)
            if problem is not None:
                problems.append(problem)
    problems.extend(_duplicates(recipients))
    if not recipients and not problems:
        problems.append(
            Problem.in_option(
                TO_OPTION, _("nobody to send to: give --to FILE.csv or --to 'Name <address>'")
            )
        )
    if problems:
        problems.extend(list_notes(values))
        # File by file as given, then in line order, whichever check found them.
        order = {path: index for index, path in enumerate(dict.fromkeys(p.path for p in problems))}
        problems.sort(key=lambda p: (order[p.path], p.line or 0))
        raise GuideError.many(problems)
    return recipients


def address_warnings(recipients: list[Recipient]) -> list[Problem]:
    """A warning for each address whose domain looks mistyped (``gmial.com``, ``.con``)."""
    from generator.parse.domains import domain_warning

    return [
        Problem(
            recipient.source,
            recipient.line,
            warning,
            Severity.WARNING,
            option=recipient.option,
        )
        for recipient in recipients
        if (warning := domain_warning(recipient.address))
    ]


MAX_CSV_BYTES = 4 * 1024 * 1024
"""Largest recipients file read (4 MB, about 40,000 people): checked before reading it."""


def too_large(path: Path, size: int, limit: int) -> Problem:
    """``path: error: is 9,000 KB: at most 4,096 KB is read``."""
    return Problem(
        path,
        None,
        _("is %(size)s KB, larger than this file can be (at most %(limit)s KB)")
        % {"size": str(-(-size // 1024)), "limit": str(limit // 1024)},
    )


LIST_SUFFIXES = (".csv", ".tsv", ".txt", ".xlsx", ".xls", ".ods", ".numbers", ".md")
"""Names that are files, there or not: a list, or a spreadsheet or guide given by mistake."""

LIST_NOT_DOMAIN = (".csv", ".tsv", ".txt")
"""Endings of a list's file name that no address can have (no top-level domain is named so)."""


def _exists(value: str) -> bool:
    """True when ``value`` names something on the disk (a file, a folder, a link, a pipe)."""
    try:
        return os.path.lexists(value)
    except (ValueError, OSError):
        return False


def _is_file(value: str) -> bool:
    """Whether a ``--to`` value names a list of people (a file) rather than one address.

    What is on the disk wins: an existing file is always the list, even when its name looks
    like an address (``family@2024.csv``). Otherwise a name without an '@' that ends like a
    list, a spreadsheet or a guide, or is close to a list's name, is a file (missing, it is
    said), and so is a name with an '@' ending in ``.csv``, ``.tsv`` or ``.txt``, which no
    address can end in: a mistyped list's name is never taken for someone to write to.
    """
    if _exists(value):
        return True
    lowered = value.strip().lower()
    if "@" not in value:
        # A spreadsheet or guide given by mistake, or a list's name nearly right, is a file.
        return lowered.endswith(LIST_SUFFIXES) or meant_file(Path(value), ".csv") is not None
    return lowered.endswith(LIST_NOT_DOMAIN)


def list_notes(values: tuple[str, ...] | list[str]) -> list[Problem]:
    """A note for each ``--to`` value read as a file although it could be an address."""
    return [
        Problem(
            Path(value),
            None,
            _(
                "read as the list of people in this file, not as an address, because a file "
                "of this name is here; to write to that address instead, give it as "
                "'Name <address>'"
            ),
            Severity.NOTE,
        )
        for value in values
        if "@" in value and _exists(value) and named_address_problem(value) is None
    ]


def _not_a_list(path: Path, kind: FileKind) -> str | None:
    """Why ``--to`` cannot read this file as a list of people, saying what it is."""
    if kind.kind in (Kind.CSV, Kind.TEXT, Kind.EMPTY, Kind.MISSING, Kind.UTF16):
        return None  # read, and any problem said with its line
    if kind.kind is Kind.SPREADSHEET:
        return _(
            "this is %(kind)s: --to reads CSV files; in your spreadsheet, save the list as "
            "'CSV UTF-8' and give that file"
        ) % {"kind": kind.describe()}
    if kind.kind is Kind.GUIDE:
        return _(
            "this is a guide, not a list of people: name the guide first and the people after "
            "--to, as in 'guide send %(guide)s --to family.csv'"
        ) % {"guide": path}
    return _(
        "this is %(kind)s, not a list of people: --to wants a CSV file (saved from your "
        "spreadsheet as 'CSV UTF-8') or one address, like \"Grandad <grandad@example.com>\""
    ) % {"kind": kind.describe()}


def _read_named_address(value: str, index: int) -> tuple[Recipient | None, Problem | None]:
    if problem := named_address_problem(value):
        return None, Problem(None, index, problem, option=TO_OPTION)
    parts = split_named_address(value)
    assert parts is not None
    name, address = parts
    return Recipient(normal_address(address), name, line=index), None


def _read_csv(path: Path) -> tuple[list[Recipient], list[Problem]]:
    from generator.files import NotAFile, TooLarge, read_file, refusal

    try:
        data = read_file(path, MAX_CSV_BYTES)
        if wrong := _not_a_list(path, sniff(data[:HEAD_BYTES], path.suffix)):
            return [], [Problem(path, None, wrong)]
        text = data.decode("utf-8-sig")
    except TooLarge as error:
        return [], [too_large(path, error.size, MAX_CSV_BYTES)]
    except FileNotFoundError:
        if "@" in path.name:
            why = _(
                "no such file (a name ending in %(suffix)s is taken for a list of people, "
                "never an address: check the file's name)"
            ) % {"suffix": path.suffix}
            return [], [Problem(path, None, why)]
        meant = meant_file(path, ".csv")
        if meant is not None:
            return [], [
                Problem(path, None, _("no such file: did you mean %(path)s?") % {"path": meant})
            ]
        return [], [Problem(path, None, _("no such file"))]
    except NotAFile as error:
        if error.kind == "folder":
            why = _not_a_list(path, FileKind(Kind.FOLDER)) or refusal(error)
            return [], [Problem(path, None, why)]
        return [], [Problem(path, None, _("cannot be read: %(why)s") % {"why": refusal(error)})]
    except OSError as error:
        return [], [
            Problem(path, None, _("cannot be read (%(reason)s)") % {"reason": error.strerror})
        ]
    except UnicodeDecodeError:
        return [], [
            Problem(path, None, _("is not UTF-8 text: in your spreadsheet, save it as 'CSV UTF-8'"))
        ]
    if "\0" in text:
        return [], [Problem(path, None, _("is not a text file (it contains NUL bytes)"))]
    # German, Polish and French spreadsheets save "CSV" with semicolons; some use tabs.
    first_line = text.split("\n", 1)[0]
    delimiter = next(
        (mark for mark in (",", ";", "\t") if mark in first_line),
        ",",
    )
    records, problems = _records(path, text, delimiter)
    if any(problem.line == 1 for problem in problems):
        # Without the header row the other rows' columns cannot be known.
        return [], problems
    # Spreadsheets often save empty rows at the end (",,,," lines): they are not people.
    while records and not any(cell.strip() for cell in records[-1][1]):
        records.pop()
    if not records:
        return [], [
            *problems,
            Problem(
                path, None, _("is empty: the first row must name the columns, like 'email,name'")
            ),
        ]
    header_line, header = records[0]
    columns, header_problems = _columns(path, header_line, header)
    problems.extend(header_problems)
    if columns is None:
        return [], problems
    recipients: list[Recipient] = []
    for line, cells in records[1:]:
        recipient, row_problems = _read_row(path, line, columns, cells, len(header))
        problems.extend(row_problems)
        if recipient is not None:
            recipients.append(recipient)
    if len(records) == 1:
        problems.append(Problem(path, None, _("has a header row but nobody below it")))
    return recipients, problems


def _records(
    path: Path, text: str, delimiter: str
) -> tuple[list[tuple[int, list[str]]], list[Problem]]:
    """Every row of the file with the line it starts on, and a problem for each broken row.

    A stray double quote is reported at the line where it opens. Reading goes on after the
    line the reader found its closing quote on (or with the next line, if none closes it):
    one stray quote neither hides the rest of the file nor turns the rows it swallowed
    into problems of their own.
    """
    lines = io.StringIO(text, newline="").readlines()
    records: list[tuple[int, list[str]]] = []
    problems: list[Problem] = []
    start = 0
    while start < len(lines):
        reader = csv.reader(iter(lines[start:]), delimiter=delimiter, strict=True)
        try:
            cells = next(reader)
        except csv.Error as error:
            problem, start = _broken_row(path, lines, start, reader.line_num, error)
            problems.append(problem)
            continue
        except StopIteration:
            break
        end = start + reader.line_num
        # A value running over lines that look like rows (an address, and the delimiter)
        # has swallowed them; any other line break is reported with its column.
        if any(
            delimiter in line and "@" in line for cell in cells for line in cell.splitlines()[1:]
        ):
            problems.append(_quote_runs_on(path, start + 1, end))
        else:
            records.append((start + 1, cells))
        start = end
    return records, problems


def _broken_row(
    path: Path, lines: list[str], start: int, read: int, error: csv.Error
) -> tuple[Problem, int]:
    """The problem with a row the CSV reader gave up on, and where to read on from."""
    if start + read >= len(lines) and "".join(lines[start:]).count('"') % 2:
        # The quote never closed and swallowed the rest of the file: the rows after it
        # are read on their own.
        message = _(
            "a double quote opened on this line is never closed: close it, or save "
            "the file again from your spreadsheet as CSV"
        )
        return Problem(path, start + 1, message), start + 1
    if read > 1:
        return _quote_runs_on(path, start + 1, start + read), start + read
    message = _("is not valid CSV (%(error)s): save it again from your spreadsheet as CSV") % {
        "error": error
    }
    return Problem(path, start + 1, message), start + 1


def _quote_runs_on(path: Path, first: int, last: int) -> Problem:
    """A quote that opens on ``first`` and swallows the lines down to ``last``."""
    return Problem(
        path,
        first,
        _(
            "a double quote opened on this line closes only on line %(last)d, so lines "
            "%(first)d to %(last)d read as one value: remove the stray quote, or save the "
            "file again from your spreadsheet as CSV"
        )
        % {"first": first, "last": last},
    )


def _columns(
    path: Path, line: int, header: list[str]
) -> tuple[dict[str, int] | None, list[Problem]]:
    """Map each known column to its position; report unknown, repeated and missing ones."""
    problems: list[Problem] = []
    columns: dict[str, int] = {}
    for position, raw in enumerate(header):
        hidden = hidden_character(raw, ONE_LINE)
        name = raw.strip().lower().replace(" ", "_").replace("-", "_")
        if hidden:
            problems.append(
                Problem(
                    path,
                    line,
                    _("the column name %(name)s contains %(character)s")
                    % {"name": repr(raw), "character": hidden[1]},
                )
            )
        elif name not in COLUMNS:
            # "large" means large_print: a column the name begins beats a merely similar one.
            close = [c for c in COLUMNS if name and c.startswith(name)] or (
                difflib.get_close_matches(name, COLUMNS, n=1)
            )
            known = {"column": repr(raw.strip()), "columns": ", ".join(COLUMNS)}
            message = (
                _(
                    "unknown column %(column)s (did you mean '%(close)s'?): the columns are "
                    "%(columns)s"
                )
                % {**known, "close": close[0]}
                if close
                else _("unknown column %(column)s: the columns are %(columns)s") % known
            )
            problems.append(Problem(path, line, message))
        elif name in columns:
            problems.append(
                Problem(path, line, _("the column '%(column)s' is given twice") % {"column": name})
            )
        else:
            columns[name] = position
    if "email" not in columns and not any("email" in p.message for p in problems):
        problems.append(
            Problem(
                path,
                line,
                _(
                    "there is no 'email' column: the first row must "
                    "name the columns, like 'email,name'"
                ),
            )
        )
    if "email" not in columns:
        return None, problems
    return columns, problems


def _read_row(
    path: Path, line: int, columns: dict[str, int], cells: list[str], width: int
) -> tuple[Recipient | None, list[Problem]]:
    """One CSV row as a recipient (None if its address cannot be read), and its problems."""
    problems: list[Problem] = []

    def report(message: str) -> None:
        problems.append(Problem(path, line, message))

    if not any(cell.strip() for cell in cells):
        report(_("this row is empty: delete it"))
        return None, problems
    if len(cells) > width and any(cell.strip() for cell in cells[width:]):
        given = ngettext("%(count)d value", "%(count)d values", len(cells))
        named = ngettext("%(count)d column", "%(count)d columns", width)
        report(
            _(
                "this row has %(values)s but the header names %(columns)s "
                "(a comma in a name or note? put that value in double quotes)"
            )
            % {"values": given % {"count": len(cells)}, "columns": named % {"count": width}}
        )
    values: dict[str, str] = {}
    for column, position in columns.items():
        raw = cells[position] if position < len(cells) else ""
        hidden = hidden_character(raw, ONE_LINE)
        if hidden:
            report(_hidden_in(column, raw, hidden[1]))
            continue
        values[column] = raw.strip()
    address = values.get("email")
    if address is not None:
        if not address:
            report(_("this row has no email address"))
        elif message := address_problem(address):
            report(message)
            address = None
    name = values.get("name") or None
    if name is not None and (message := name_problem(name)):
        report(message)
    large_print: bool | None = None
    if choice := values.get("large_print", "").lower():
        if choice in YES_NO:
            large_print = YES_NO[choice]
        else:
            report(
                _("large_print must be 'yes' or 'no' (or left empty), not %(value)s")
                % {"value": repr(values["large_print"])}
            )
    paper = values.get("paper", "").lower() or None
    if paper is not None and paper not in PAPERS:
        report(
            _("paper must be 'a4' or 'letter' (or left empty), not %(value)s")
            % {"value": repr(values["paper"])}
        )
    lang = values.get("lang") or None
    if lang is not None and not LANG_TAG.match(lang):
        report(
            _("lang must be a language code such as pl, uk or cy (or left empty), not %(value)s")
            % {"value": repr(lang)}
        )
    if not address:
        return None, problems
    # A row with a readable address counts even with other problems, so that it is
    # still found when the same person is listed twice.
    recipient = Recipient(
        normal_address(address),
        name,
        large_print,
        paper,
        values.get("note") or None,
        path,
        line,
        lang,
    )
    return recipient, problems


def _hidden_in(column: str, value: str, character: str) -> str:
    """``the email address '…' contains a tab``, for any column."""
    if column == "email":
        return _("the email address %(address)s contains %(character)s") % {
            "address": repr(value),
            "character": character,
        }
    if column == "name":
        return _("the name %(name)s contains %(character)s") % {
            "name": repr(value),
            "character": character,
        }
    return _("the %(column)s value %(value)s contains %(character)s") % {
        "column": column,
        "value": repr(value),
        "character": character,
    }


def _duplicates(recipients: list[Recipient]) -> list[Problem]:
    """A problem for every recipient listed again after their first appearance."""
    first: dict[str, Recipient] = {}
    problems: list[Problem] = []
    for recipient in recipients:
        earlier = first.setdefault(recipient.key, recipient)
        if earlier is not recipient:
            problems.append(
                Problem(
                    recipient.source,
                    recipient.line,
                    _(
                        "%(address)s is listed twice (first at %(where)s): "
                        "each person gets one message; delete one of them"
                    )
                    % {"address": recipient.address, "where": earlier.origin},
                    option=recipient.option,
                )
            )
    return problems
