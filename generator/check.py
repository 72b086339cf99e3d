"""The rules behind ``guide check``: everything that must hold before a guide is used."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from generator.errors import GuideError, Problem
from generator.model import Guide, all_blocks, iter_links

DEFAULT_MAX_AGE = 180


@dataclass
class CheckResult:
    """The guides that can be used, and every problem found on the way."""

    guides: list[Guide] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        """The problems that stop a guide being used."""
        return [problem for problem in self.problems if problem.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        """The problems worth a look that do not stop anything."""
        return [problem for problem in self.problems if problem.severity == "warning"]


def content_problems(guide: Guide, today: dt.date, max_age: int) -> list[Problem]:
    """Problems with a parsed guide's content: its dates and its links."""
    problems: list[Problem] = []
    if guide.checked > today:
        problems.append(
            Problem(
                guide.path,
                _key_line(guide.path, "checked"),
                f"'checked' is {guide.checked.isoformat()}, a date in the future: give the day "
                "the steps were really checked",
            )
        )
    elif (today - guide.checked).days > max_age:
        age = (today - guide.checked).days
        problems.append(
            Problem(
                guide.path,
                None,
                f"the steps were last checked {age} days ago ({guide.checked.isoformat()}); "
                "apps change, so follow them again and update 'checked'",
                severity="warning",
            )
        )
    blocks = all_blocks(guide)
    for link in iter_links(blocks + guide.facilitator):
        if link.url.lower().startswith("http://"):
            problems.append(
                Problem(
                    guide.path,
                    None,
                    f"the link {link.url} is not secure (http): use the https address if the "
                    "site has one",
                    severity="warning",
                )
            )
    return problems


def _key_line(path: Path, key: str) -> int | None:
    try:
        lines = path.read_text(encoding="utf-8").split("\n")
    except (OSError, UnicodeDecodeError):
        return None
    for number, line in enumerate(lines, start=1):
        if line.startswith(f"{key}:"):
            return number
    return None


def check_paths(
    paths: list[Path],
    today: dt.date | None = None,
    max_age: int = DEFAULT_MAX_AGE,
    strict: bool = False,
) -> CheckResult:
    """Parse and check every guide named by ``paths``; collect all problems, never raise."""
    from generator.parse import find_guides, load_guide

    today = today or dt.date.today()
    result = CheckResult()
    seen: dict[str, Path] = {}
    files = find_guides(paths)
    if not files:
        for path in paths:
            result.problems.append(
                Problem(path, None, "no guides found here (guides are .md files)")
            )
    for path in files:
        try:
            guide = load_guide(path)
        except GuideError as error:
            result.problems.extend(error.problems)
            continue
        problems = content_problems(guide, today, max_age)
        if guide.name in seen:
            problems.append(
                Problem(
                    path,
                    None,
                    f"the slug '{guide.name}' is already used by {seen[guide.name]}: "
                    "two guides would write the same files; rename one",
                )
            )
        else:
            seen[guide.name] = path
        if strict:
            problems = [Problem(p.path, p.line, p.message) for p in problems]
        result.problems.extend(problems)
        if not any(problem.severity == "error" for problem in problems):
            result.guides.append(guide)
    return result
