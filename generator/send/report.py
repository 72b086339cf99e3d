"""What a ``guide send`` run did: one line per recipient, and whether everyone was reached."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from generator.model import Guide
from generator.problems import Problem
from generator.send.recipients import Recipient


class Progress(Protocol):
    """Something that shows who is being sent to and how many messages are done."""

    def sending(self, recipient: Recipient) -> None: ...

    def update(self, n_steps: int) -> None: ...


ProgressFactory = Callable[[int], AbstractContextManager[Progress]]


@dataclass(frozen=True)
class Line:
    """One recipient's row in the summary."""

    recipient: Recipient
    result: str
    """``in outbox``, ``sent``, ``failed``, ``uncertain``, ``skipped`` or ``not sent``."""
    detail: str
    """The server's reason, which handout, or why they were skipped."""
    reached: bool
    """True when they have (or, in a dry run, will be sent) the guide."""


@dataclass
class SendReport:
    """What a run did for each recipient."""

    guide: Guide
    outbox: Path
    sent_mode: bool
    lines: list[Line] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    """Warnings about the guide, such as steps not checked for a long time."""
    stopped: str | None = None
    """Why the run stopped before the end, if it did."""
    interrupted: bool = False
    """True when the sender pressed Ctrl-C."""
    table: Path | None = None
    """The file holding every row of the summary, once written."""

    @property
    def complete(self) -> bool:
        """True when everyone has the guide (or, in a dry run, when every message is ready)."""
        return (
            self.stopped is None
            and not self.interrupted
            and all(line.reached for line in self.lines)
        )

    def count(self, result: str) -> int:
        """How many recipients ended with ``result``."""
        return sum(1 for line in self.lines if line.result == result)
