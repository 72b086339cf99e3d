"""Today's date and the time stamped on outputs: the one place the tool reads the clock.

``GUIDE_TODAY=YYYY-MM-DD`` makes the tool take that day as today (a guide's age in
``check`` and ``list``, the date ``guide new`` writes): to see what ``guide check`` will say
on another day, and so the tests pass on any day. ``SOURCE_DATE_EPOCH`` (the reproducible
builds convention) fixes the time stamped on outputs instead; it never changes today.
"""

from __future__ import annotations

import datetime as dt
import os
import re

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


LAST_EPOCH = 253402300799
"""The last second ``SOURCE_DATE_EPOCH`` may name: 9999-12-31 23:59:59 UTC, the last a date
can hold (an email's ``Date`` header and a PDF's dates have four-digit years)."""


def fixed_output_time() -> dt.datetime | None:
    """The time ``SOURCE_DATE_EPOCH`` fixes for outputs, or None when it is not set.

    Raises ValueError (with a message a person can act on) when it is set to anything but a
    whole number of seconds, written in the digits 0 to 9, from 0 to ``LAST_EPOCH``: the
    reproducible-builds convention asks a tool to stop rather than guess.
    """
    epoch = os.environ.get(EPOCH, "").strip()
    if not epoch:
        return None
    # str.isdigit() also takes "²" and "٣", which int() then refuses: only ASCII digits count.
    if not re.fullmatch(r"[0-9]{1,12}", epoch) or int(epoch) > LAST_EPOCH:
        raise ValueError(
            f"{EPOCH}={epoch!r} is not a time stamp: it must be a whole number of seconds since "
            f"1970 (like 1798761600), at most {LAST_EPOCH} (the end of 9999); correct it, or "
            "unset it to stamp outputs with the time now"
        )
    return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC)


def build_date() -> dt.datetime:
    """The time stamped on an output: ``SOURCE_DATE_EPOCH`` when set (rebuilds equal), else now."""
    return fixed_output_time() or now()
