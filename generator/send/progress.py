"""The progress line of ``guide send``: who is being sent to now, and how long is left.

``Sending 12 of 40, Grandad (about 2 minutes left)``, rewritten in place on a terminal and
one line per message anywhere else (a log gets lines, never a bar's frames).
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from types import TracebackType

from generator.i18n import ui_gettext as _
from generator.i18n import ui_ngettext as ngettext
from generator.send.recipients import Recipient


def duration(seconds: float) -> str:
    """``9 seconds``, ``1 minute``, ``3 minutes``: a span of time as a person says it."""
    if seconds < 60:
        count = max(1, round(seconds))
        return ngettext("%(count)d second", "%(count)d seconds", count) % {"count": count}
    count = round(seconds / 60)
    return ngettext("%(count)d minute", "%(count)d minutes", count) % {"count": count}


def time_left(seconds: float) -> str:
    """``about 2 minutes left`` (rounded up), or ``less than a minute left``."""
    if seconds < 60:
        return _("less than a minute left")
    count = math.ceil(seconds / 60)
    return ngettext("about %(count)d minute left", "about %(count)d minutes left", count) % {
        "count": count
    }


def progress_line(number: int, total: int, who: str, left: float | None) -> str:
    """``Sending 12 of 40, Grandad (about 2 minutes left)``; no estimate before the first."""
    line = ngettext(
        "Sending %(number)d of %(total)d, %(name)s",
        "Sending %(number)d of %(total)d, %(name)s",
        total,
    ) % {"number": number, "total": total, "name": who}
    if left is None:
        return line
    return f"{line} ({time_left(left)})"


def finished_line(done: int, total: int, elapsed: float) -> str:
    """``Finished 40 of 40 messages in 2 minutes.``: the line the progress ends on.

    A run that stopped before the last message says so: ``Stopped after 3 of 40 messages``.
    """
    if done < total:
        return ngettext(
            "Stopped after %(done)d of %(total)d message, in %(time)s.",
            "Stopped after %(done)d of %(total)d messages, in %(time)s.",
            total,
        ) % {"done": done, "total": total, "time": duration(elapsed)}
    return ngettext(
        "Finished %(done)d of %(total)d message in %(time)s.",
        "Finished %(done)d of %(total)d messages in %(time)s.",
        total,
    ) % {"done": done, "total": total, "time": duration(elapsed)}


class SendProgress:
    """Shows each message as it goes, then how many went in how long."""

    def __init__(
        self,
        total: int,
        write: Callable[[str], None],
        live: bool,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.total = total
        self.write = write
        self.live = live
        self.clock = clock
        self.done = 0
        self.started = 0.0
        self.shown = 0

    def __enter__(self) -> SendProgress:
        self.started = self.clock()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self._show(finished_line(self.done, self.total, self.clock() - self.started))
        if self.live:
            self.write("\n")

    def sending(self, recipient: Recipient) -> None:
        """The next message is going to ``recipient``."""
        elapsed = self.clock() - self.started
        left = elapsed / self.done * (self.total - self.done) if self.done else None
        who = recipient.name or recipient.address
        self._show(progress_line(self.done + 1, self.total, who, left))

    def update(self, n_steps: int) -> None:
        """``n_steps`` more messages are done with."""
        self.done += n_steps

    def _show(self, line: str) -> None:
        if self.live:
            # Rewrite the one line in place, blanking what a longer line left behind.
            self.write("\r" + line.ljust(self.shown))
            self.shown = len(line)
        else:
            self.write(line + "\n")
