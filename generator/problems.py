"""Problems found in a guide, an option or an output, reported as ``where: severity: message``."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path


class Severity(StrEnum):
    """How much a problem matters."""

    ERROR = "error"
    """The guide, option or output must not be used: the command fails."""
    WARNING = "warning"
    """Worth a look; nothing stops (``--strict`` makes it an error)."""
    NOTE = "note"
    """Something left out on purpose, like a README.md named among the guides."""


@dataclass(frozen=True)
class Problem:
    """One problem, as a person should read it: where it is, how much it matters, what to do."""

    path: Path | None
    """The file the problem is in (a guide, a settings file, an output), when it is in one."""
    line: int | None
    """The line it is on, when one line can be named."""
    message: str
    """What is wrong, and what to do about it."""
    severity: Severity = Severity.ERROR
    """Whether it stops the command (see ``Severity``)."""
    option: str | None = None
    """The command-line option it is about, as typed (``--format pdf``), when not a file;
    with ``line``, which of its values (``--to:2``)."""

    def __post_init__(self) -> None:
        # A severity given as text ("warning") is checked and kept as the enum.
        object.__setattr__(self, "severity", Severity(self.severity))

    @classmethod
    def in_option(cls, option: str, message: str, severity: Severity = Severity.ERROR) -> Problem:
        """A problem with a command-line option, like ``--title``."""
        return cls(None, None, message, severity, option)

    @property
    def where(self) -> str:
        """``path:line``, ``path`` or the option: the start of the line a person reads."""
        where = self.path if self.path is not None else self.option
        if where is None:
            return ""
        # A line of an option is which of its values it is (the second --to).
        return f"{where}:{self.line}" if self.line else f"{where}"

    @property
    def is_error(self) -> bool:
        """True when it stops the command."""
        return self.severity is Severity.ERROR

    def as_error(self) -> Problem:
        """The same problem as an error (``--strict`` for a warning)."""
        return Problem(self.path, self.line, self.message, Severity.ERROR, self.option)

    def __str__(self) -> str:
        # Input quoted in a message (a YAML key, a file name) may hold terminal escapes.
        from generator.text import printable

        where = self.where
        return printable(
            f"{where}: {self.severity}: {self.message}"
            if where
            else f"{self.severity}: {self.message}"
        )


def strictly(problems: Iterable[Problem]) -> list[Problem]:
    """``--strict``: every warning becomes an error; notes stay notes."""
    return [
        problem.as_error() if problem.severity is Severity.WARNING else problem
        for problem in problems
    ]


def has_errors(problems: Iterable[Problem]) -> bool:
    """True when any of the problems stops the command."""
    return any(problem.is_error for problem in problems)


class GuideError(Exception):
    """One or more errors that stop a guide from being used."""

    def __init__(self, path: Path | None, line: int | None, message: str) -> None:
        super().__init__(message)
        self.problems: tuple[Problem, ...] = (Problem(path, line, message),)

    @classmethod
    def many(cls, problems: list[Problem]) -> GuideError:
        """One exception carrying several problems (all errors)."""
        first = problems[0]
        error = cls(first.path, first.line, first.message)
        error.problems = tuple(problems)
        return error

    @classmethod
    def in_option(cls, option: str, message: str) -> GuideError:
        """An error in a command-line option, like ``--title``."""
        return cls.many([Problem.in_option(option, message)])

    @property
    def path(self) -> Path | None:
        """The file of the first problem."""
        return self.problems[0].path

    @property
    def line(self) -> int | None:
        """The line of the first problem."""
        return self.problems[0].line

    def __str__(self) -> str:
        return "\n".join(str(problem) for problem in self.problems)
