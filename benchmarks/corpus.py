"""Build the layout corpus and record a hash of every file, to compare two versions of the tool.

    python benchmarks/corpus.py build DIR        # every guide in every edition, into DIR
    python benchmarks/corpus.py compare A B      # which files differ between two builds

The corpus: every bundled guide, every test guide, generated guides of 10, 40 and 99 steps,
each as a handout in A4, Letter and large print on both papers (all four formats), and
workshop packs (single and booklet, regular and large print) with their facilitator sheets.
The clock and ``SOURCE_DATE_EPOCH`` are fixed, so two builds of the same tool are identical.
``DIR/manifest.txt`` lists each file's SHA-256; ``DIR/warnings.txt`` the layout warnings.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EPOCH = "1798761600"  # 2027-01-01: the time stamped on every output
TODAY = "2027-01-01"  # the day taken as today, so no guide is ever reported as out of date
EDITIONS = {
    "a4": ["--paper", "a4"],
    "letter": ["--paper", "letter"],
    "a4-large": ["--paper", "a4", "--large-print"],
    "letter-large": ["--paper", "letter", "--large-print"],
}
WORKSHOPS = {
    "single": ["--layout", "single"],
    "booklet": ["--layout", "booklet"],
    "single-large": ["--layout", "single", "--large-print"],
    "booklet-large": ["--layout", "booklet", "--large-print"],
}


def long_guide(steps: int) -> str:
    """A guide of ``steps`` steps, with what you'll need, three caveats and a question."""
    lines = [
        "---",
        f"title: Check {steps} settings on a shared family computer",
        "summary: Go through each setting in turn and tick it off.",
        "checked: 2026-11-20",
        "minutes: 30",
        "applies_to: Windows 11",
        "---",
        "",
        "## What you'll need",
        "",
        "- The computer",
        "- Its password",
        "",
        "## Steps",
        "",
    ]
    for number in range(1, steps + 1):
        lines += [
            f"### Open setting number {number} and look at it",
            f"Find setting {number} in the list and make sure it is switched on.",
            "",
        ]
    lines += [
        "## Caveats",
        "",
        "### Older computers",
        "Some settings may be missing on computers more than five years old.",
        "",
        "### Shared accounts",
        "A change made here applies to everyone who signs in to this computer.",
        "",
        "### Updates",
        "A big update can switch a setting back: check again after one.",
        "",
        "## Questions",
        "",
        "### What if a setting is greyed out?",
        "Ask whoever looks after the computer to change it for you.",
        "",
    ]
    return "\n".join(lines)


def guides(work: Path) -> list[Path]:
    """Every guide of the corpus; the generated ones are written into ``work``."""
    found = sorted((ROOT / "content").glob("*.md"))
    found += sorted((ROOT / "tests" / "data").rglob("*.md"))
    found = [path for path in found if path.name.lower() != "readme.md"]
    for steps in (10, 40, 99):
        path = work / f"steps-{steps}.md"
        path.write_text(long_guide(steps), encoding="utf-8")
        found.append(path)
    return found


def guide(*args: str) -> subprocess.CompletedProcess[str]:
    """Run this checkout's ``guide`` command with a fixed clock."""
    env = dict(os.environ, SOURCE_DATE_EPOCH=EPOCH, GUIDE_TODAY=TODAY, PYTHONPATH=str(ROOT))
    return subprocess.run(
        [sys.executable, "-m", "generator", *args],
        env=env,
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )


def build(out: Path) -> int:
    """Build the whole corpus into ``out``; return the number of commands that failed."""
    if out.exists():
        shutil.rmtree(out)
    work = out / "_guides"
    work.mkdir(parents=True)
    failures = 0
    log: list[str] = []
    corpus = guides(work)
    for edition, options in EDITIONS.items():
        for path in corpus:
            target = out / edition / path.stem
            result = guide("build", str(path), "--out", str(target), *options)
            failures += result.returncode != 0
            log += [f"{edition}/{path.stem}: {line}" for line in result.stderr.splitlines()]
    packs = [ROOT / "content", ROOT / "tests" / "data" / "workshop", work / "steps-10.md"]
    for name, options in WORKSHOPS.items():
        result = guide(
            "workshop",
            *map(str, packs),
            "--out",
            str(out / "workshop" / name),
            "--title",
            "Staying safe online",
            "--start",
            "14:00",
            *options,
        )
        failures += result.returncode != 0
        log += [f"workshop/{name}: {line}" for line in result.stderr.splitlines()]
    shutil.rmtree(work)
    (out / "warnings.txt").write_text("\n".join(log) + "\n", encoding="utf-8")
    manifest = [
        f"{hashlib.sha256(file.read_bytes()).hexdigest()}  {file.relative_to(out)}"
        for file in sorted(out.rglob("*"))
        if file.is_file() and file.name not in {"manifest.txt", "warnings.txt"}
    ]
    (out / "manifest.txt").write_text("\n".join(manifest) + "\n", encoding="utf-8")
    print(f"{len(manifest)} files, {failures} failed commands, {len(log)} lines of warnings")
    return failures


def compare(first: Path, second: Path) -> int:
    """Print the files that differ or exist in one build only; return how many."""

    def read(folder: Path) -> dict[str, str]:
        rows = (line.split("  ", 1) for line in (folder / "manifest.txt").read_text().splitlines())
        return {name: digest for digest, name in rows}

    a, b = read(first), read(second)
    differ = sorted(name for name in a.keys() & b.keys() if a[name] != b[name])
    only = sorted(a.keys() ^ b.keys())
    for name in differ:
        print(f"differs: {name}")
    for name in only:
        print(f"only in {'first' if name in a else 'second'}: {name}")
    print(
        f"{len(a.keys() & b.keys()) - len(differ)} identical, {len(differ)} differ, "
        f"{len(only)} in one only"
    )
    return len(differ) + len(only)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("build").add_argument("out", type=Path)
    both = commands.add_parser("compare")
    both.add_argument("first", type=Path)
    both.add_argument("second", type=Path)
    args = parser.parse_args()
    if args.command == "build":
        return 1 if build(args.out) else 0
    return 1 if compare(args.first, args.second) else 0


if __name__ == "__main__":
    sys.exit(main())
