"""The guides the tests read (their own, under tests/data/), the day every test runs on, and
the languages shipped."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
"""The checkout."""
DATA = ROOT / "tests" / "data"
"""The test guides, pictures and other inputs."""
FIRST_GUIDE = DATA / "meta-ai-objection.md"
"""The tests' copy of the first shipped guide, checked on 2026-11-20 for good: re-checking
the shipped guide (which the tool asks its authors to do) never changes a test."""
TODAY = dt.date(2026, 12, 1)
"""The day every test runs on, whatever the computer's clock says: after every test guide's
'checked' date, and within 180 days of the newest (2026-11-25)."""

MINIMAL = """\
---
title: A small guide
summary: It shows the smallest guide that works.
checked: 2026-11-01
---

## Steps

### Do the first thing
Like this.
"""
"""The smallest guide that works, checked on 2026-11-01."""

POLISH = FIRST_GUIDE.with_name("meta-ai-objection.pl.md")
"""The Polish edition of the first guide."""
SHIPPED = ("ar", "bn", "cy", "de", "es", "fr", "pl", "uk", "ur")
"""The languages the tool speaks besides English."""
