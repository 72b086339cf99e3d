"""Problems found in a guide, reported as ``path:line: error: message``."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    """One problem found in a guide, as a person should read it."""

    path: Path
    """The file the problem is in."""
    line: int | None
    """The line it is on, when one line can be named."""
    message: str
    """What is wrong, and what to do about it."""
    severity: str = "error"
    """``error`` (stops the build) or ``warning``."""

    def __str__(self) -> str:
        # Input quoted in a message (a YAML key, a file name) may hold terminal escapes.
        from generator.text import printable

        where = f"{self.path}:{self.line}" if self.line else f"{self.path}"
        return printable(f"{where}: {self.severity}: {self.message}")


class GuideError(Exception):
    """One or more errors that stop a guide from being used."""

    def __init__(self, path: Path, line: int | None, message: str) -> None:
        super().__init__(message)
        self.problems: tuple[Problem, ...] = (Problem(path, line, message),)

    @classmethod
    def many(cls, problems: list[Problem]) -> GuideError:
        """One exception carrying several problems (all errors)."""
        first = problems[0]
        error = cls(first.path, first.line, first.message)
        error.problems = tuple(problems)
        return error

    @property
    def path(self) -> Path:
        """The file of the first problem."""
        return self.problems[0].path

    @property
    def line(self) -> int | None:
        """The line of the first problem."""
        return self.problems[0].line

    def __str__(self) -> str:
        return "\n".join(str(problem) for problem in self.problems)
