"""Warnings for a guide that still holds the example text of ``guide new``'s starter.

The starter (``templates/new/guide.md``) passes ``guide check`` as written, so a new guide
can be previewed at once; these warnings keep it from being called ready until the example
lines are replaced, in whatever language it was started in.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from generator.i18n import primary
from generator.i18n import ui_gettext as _
from generator.model import Guide
from generator.problems import GuideError, Problem, Severity

STARTER_FOLDER = Path(__file__).resolve().parent.parent / "templates" / "new"
STARTER = "guide.md"
"""The starter ``guide new`` writes a guide from, in ``STARTER_FOLDER``."""

MESSAGE = re.compile(r'_\("([^"]*)"\)')
"""A ``_("…")`` in the starter: the words of one example."""


@lru_cache(maxsize=8)
def _examples(lang: str) -> tuple[frozenset[str], str]:
    """The starter's example lines of the body in ``lang``, and its example summary.

    Read from the starter's own ``_("…")`` words (no Jinja), so ``guide check`` stays light.
    """
    from generator.i18n import catalog_words

    translated = catalog_words(lang) if primary(lang) != "en" else {}
    examples: set[str] = set()
    summary = ""
    for line in (STARTER_FOLDER / STARTER).read_text(encoding="utf-8").split("\n"):
        words = [translated.get(text) or text for text in MESSAGE.findall(line)]
        if line.startswith("summary:"):
            summary = words[0]
        elif not line.startswith(("#", "title:")):
            examples.update(words)
    return frozenset(examples), summary


def starter_leftovers(guide: Guide) -> list[Problem]:
    """A warning for each part of a guide that still holds the starter's example text.

    The starter passes ``guide check`` as written, so that a new guide can be previewed at
    once; these warnings keep it from being called ready while its placeholder words remain.
    """
    from generator.parse import read_text

    try:
        text = read_text(guide.path)
    except GuideError:
        return []
    examples, summary = _examples(guide.lang)
    advice = _("replace it with your own")
    problems: list[Problem] = []
    if guide.summary.strip() == summary:
        what = _("the summary still has the example text from 'guide new'")
        problems.append(_leftover(guide, guide.key_line("summary"), what, advice))
    items = {item.line: ("step", item.number) for item in guide.steps}
    items.update({item.line: ("caveat", item.number) for item in guide.caveats})
    items.update({item.line: ("question", item.number) for item in guide.questions})
    lines = text.split("\n")
    start = lines.index("---", 1) + 1 if lines and lines[0] == "---" and "---" in lines[1:] else 0
    part: tuple[str, object] = ("intro", None)
    reported: set[tuple[str, object]] = set()
    for number, line in enumerate(lines[start:], start=start + 1):
        stripped = line.strip()
        if stripped.removeprefix("- ") in examples and part not in reported:
            reported.add(part)
            problems.append(_leftover(guide, number, _part_words(*part), advice))
        elif stripped.startswith("### "):
            part = items.get(number, part)
        elif stripped.startswith("## "):
            part = ("section", re.sub(r"\s*\{#[^}]*\}\s*$", "", stripped[3:]).strip())
    return problems


def _part_words(kind: str, which: object) -> str:
    forms = {
        "intro": _("the introduction still has the example text from 'guide new'"),
        "section": _("the section '{title}' still has the example text from 'guide new'"),
        "step": _("step {number} still has the example text from 'guide new'"),
        "caveat": _("caveat {number} still has the example text from 'guide new'"),
        "question": _("question {number} still has the example text from 'guide new'"),
    }
    return forms[kind].format(title=which, number=which)


def _leftover(guide: Guide, line: int | None, what: str, advice: str) -> Problem:
    return Problem(guide.path, line, f"{what}: {advice}", severity=Severity.WARNING)
