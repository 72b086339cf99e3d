"""Today's date and the time stamped on outputs: the one place the tool reads the clock.

``GUIDE_TODAY=YYYY-MM-DD`` makes the tool take that day as today (a guide's age in
``check`` and ``list``, the date ``guide new`` writes): to see what ``guide check`` will say
on another day, and so the tests pass on any day. ``SOURCE_DATE_EPOCH`` (the reproducible
builds convention) fixes the time stamped on outputs instead; it never changes today.
"""

from __future__ import annotations

import datetime as dt
import os

TODAY = "GUIDE_TODAY"
"""The environment variable that names the day the tool takes as today."""
EPOCH = "SOURCE_DATE_EPOCH"
"""The environment variable that fixes the time written into outputs, in seconds since 1970."""


def today() -> dt.date:
    """Today: ``GUIDE_TODAY`` when it is set, else the computer's date.

    Raises ValueError (with a message a person can act on) when ``GUIDE_TODAY`` is not a date.
    """
    given = os.environ.get(TODAY, "").strip()
    if not given:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(given)
    except ValueError:
        raise ValueError(
            f"{TODAY}={given!r} is not a date like 2027-01-31: correct it, or unset it to use "
            "the computer's date"
        ) from None


def now() -> dt.datetime:
    """The time now, in UTC, to the second."""
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def fixed_output_time() -> dt.datetime | None:
    """The time ``SOURCE_DATE_EPOCH`` fixes for outputs, or None when it is not set."""
    epoch = os.environ.get(EPOCH, "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC)
    return None


def build_date() -> dt.datetime:
    """The time stamped on an output: ``SOURCE_DATE_EPOCH`` when set (rebuilds equal), else now."""
    return fixed_output_time() or now()
