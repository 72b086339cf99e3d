"""A sheet's sections that hold only a heading and facts (the agenda) are not chained to the
next section, so a facilitator sheet of several guides in large print still fits its pages."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from helpers.workshop import PACK_GUIDES

from generator.workshop import WorkshopOptions, build_workshop


def ten_step_guide(folder: Path) -> Path:
    steps = "\n".join(
        f"### Look at setting {n}\nMake sure setting {n} is on.\n" for n in range(1, 11)
    )
    path = folder / "ten-settings.md"
    path.write_text(
        "---\ntitle: Check ten settings on a shared computer\n"
        "summary: Go through each setting and tick it off.\nchecked: 2026-11-20\n---\n\n"
        "## What you'll need\n\n- The computer\n- Its password\n\n## Steps\n\n" + steps,
        encoding="utf-8",
    )
    return path


def test_a_large_print_facilitator_sheet_with_an_agenda_and_four_guides_builds(
    tmp_path: Path,
) -> None:
    options = WorkshopOptions(
        out=tmp_path, title="Staying safe online", large_print=True, start=dt.time(14, 0)
    )
    report = build_workshop([*PACK_GUIDES, ten_step_guide(tmp_path)], options)
    assert not report.failed, [str(p) for p in report.problems]
    assert (tmp_path / "workshop" / "facilitator-sheet-large-print.pdf").exists()
