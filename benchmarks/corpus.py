"""Build the layout corpus and record a hash of every file, to compare two versions of the tool.

    python benchmarks/corpus.py build DIR        # every guide in every edition, into DIR
    python benchmarks/corpus.py compare A B      # which files differ between two builds
    python benchmarks/corpus.py count DIR        # the warnings of a build, kind by kind

The corpus: every bundled guide, every test guide (the tests' copies of the bundled guides
built into folders of their own, ``tests-data-…``), generated guides of 10, 12, 40 and 99
steps (three caveats each), a four-step Polish guide and a guide whose long title wraps in
every footer, each as a handout in A4, Letter and large print on both papers (all four
formats), and workshop packs (single and booklet, regular and large print) with their
facilitator sheets, two more packs under a long workshop title, and a pack in Polish
holding English guides. Today (``GUIDE_TODAY``) and ``SOURCE_DATE_EPOCH`` are fixed, so
two builds of the same tool are identical.
``DIR/manifest.txt`` lists each file's SHA-256; ``DIR/warnings.txt`` the warnings of
``guide build`` and ``guide workshop`` (the layout read-back's among them).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
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
LONG_WORKSHOPS = {
    "long-booklet": ["--layout", "booklet", "--paper", "letter"],
    "long-single-large": ["--layout", "single", "--large-print"],
}
"""Packs of the Polish, long-title and 12-step guides, under a title that wraps."""
LONG_WORKSHOP_TITLE = (
    "Staying safe online: parcels, passwords and the settings of a shared computer"
)

POLISH = """\
---
title: Włącz blokadę ekranu w telefonie i w tablecie
summary: Kod, który znasz tylko ty, chroni wiadomości i zdjęcia, gdy zgubisz telefon.
lang: pl
checked: 2026-11-20
minutes: 10
applies_to: [Android, iPhone]
---

## Co będzie potrzebne {#needs}

- Telefon albo tablet
- Kartka i długopis

## Kroki {#steps}

### Otwórz Ustawienia i znajdź ekran blokady
Na ekranie głównym stuknij ikonę z kołem zębatym. W Androidzie znajdziesz ją w menu, a w \
iPhonie na pierwszym ekranie. Przewiń listę w dół i stuknij pozycję o nazwie Ekran blokady \
albo Face ID i kod.

### Wybierz kod z sześciu cyfr
Wybierz sześć cyfr, które zapamiętasz, ale których nikt nie zgadnie. Nie wpisuj daty \
urodzenia ani numeru domu i nie używaj cyfr po kolei, a zwłaszcza 123456.

### Wpisz kod dwa razy
Telefon poprosi o kod i o jego powtórzenie. Wpisz go powoli i sprawdź, czy nikt nie patrzy \
Ci przez ramię, a potem stuknij Gotowe.

### Zablokuj telefon i sprawdź kod
Naciśnij przycisk z boku telefonu, a ekran zgaśnie. Naciśnij go znowu i wpisz kod. Jeśli \
telefon się otworzy, wszystko działa i możesz go używać w domu i w podróży.

## Zastrzeżenia {#caveats}

### Zapisz kod w bezpiecznym miejscu
Zapisz kod na kartce i schowaj ją w domu, z dala od telefonu i od torebki.

### Nie mów nikomu swojego kodu
Nikt z banku ani z sieci komórkowej nie poprosi Cię o kod do telefonu.

### Telefon może poprosić o kod po aktualizacji
To normalne: po każdej aktualizacji telefon prosi o kod, a potem działa jak wcześniej.

## Pytania {#questions}

### Co zrobić, gdy zapomnę kod?
Trzeba będzie wyczyścić telefon i ustawić go od nowa, więc zdjęcia i kontakty zachowaj \
w kopii zapasowej.
"""
"""A four-step Polish guide, full of one-letter words (w, z, i, a, o) to keep off line ends."""

LONG_TITLE = """\
---
title: Spot a fake parcel-delivery text before you tap any link in it
summary: A text saying a parcel is waiting is often a trick to get your card number.
checked: 2026-11-20
minutes: 5
---

## What you'll need

- Your phone
- The text message
- A pen

## Steps

### Read who the text is from
A delivery firm writes from its own name, not from a long mobile number.

### Look at the link before you tap it
Press and hold the link to see the whole address without opening it.

### Check your parcel on the firm's own site
Type the address of the firm's site yourself and enter the tracking number there.

## Caveats

### A real firm never asks for a card number by text
If the message asks for a payment to "release" a parcel, it is a trick.
"""
"""A guide with no short title whose title wraps in every footer narrower than a page's."""


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
    found += sorted(DATA.rglob("*.md"))
    found = [path for path in found if path.name.lower() != "readme.md"]
    for steps in (10, 12, 40, 99):
        path = work / f"steps-{steps}.md"
        path.write_text(long_guide(steps), encoding="utf-8")
        found.append(path)
    for name, text in (("screen-lock-pl.md", POLISH), ("parcel-text.md", LONG_TITLE)):
        path = work / name
        path.write_text(text, encoding="utf-8")
        found.append(path)
    return found


def folders(corpus: list[Path]) -> dict[Path, str]:
    """The folder each guide is built into: its name, or, for the tests' copy of a shipped
    guide (the same name), its place in the checkout (``tests-data-meta-ai-objection``)."""
    named: dict[Path, str] = {}
    for path in corpus:
        name = path.stem
        if name in named.values():
            name = "-".join(path.relative_to(ROOT).with_suffix("").parts)
        named[path] = name
    return named


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
    corpus = folders(guides(work))
    for edition, options in EDITIONS.items():
        for path, name in corpus.items():
            target = out / edition / name
            result = guide("build", str(path), "--out", str(target), *options)
            failures += result.returncode != 0
            log += [f"{edition}/{name}: {line}" for line in result.stderr.splitlines()]
    packs = [ROOT / "content", DATA / "workshop", work / "steps-10.md"]
    long_packs = [work / "screen-lock-pl.md", work / "parcel-text.md", work / "steps-12.md"]
    # A pack in Polish (its first guide's language) holding English guides: its sheets
    # carry text in both languages.
    mixed = [DATA / "contract.pl.md", DATA / "workshop", DATA / "long-address.md"]
    runs = [
        *(
            (name, packs, ["--title", "Staying safe online", "--start", "14:00", *options])
            for name, options in WORKSHOPS.items()
        ),
        *(
            (name, long_packs, ["--title", LONG_WORKSHOP_TITLE, *options])
            for name, options in LONG_WORKSHOPS.items()
        ),
        *(
            (
                f"polish-{name}",
                mixed,
                ["--title", "Staying safe online", "--start", "14:00", *WORKSHOPS[name]],
            )
            for name in ("single", "booklet-large")
        ),
    ]
    for name, members, options in runs:
        target = str(out / "workshop" / name)
        result = guide("workshop", *map(str, members), "--out", target, *options)
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


KINDS = (
    ("number touching its title", r"touches its title"),
    ("short list split", r"a list of \d+ items is split"),
    ("heading ending a page", r"ends the page, apart from"),
    ("section starting at a page's foot", r"starts at the foot of the page"),
    ("box split though it fits", r"a box is split over pages"),
    ("lone word ending a heading", r"the heading .* leaves one word alone"),
    ("lone word in a footer", r"the footer leaves one word alone"),
    ("one-letter word ending a line", r"a one-letter word ends a line"),
    ("line starting with a dash", r"a line starts with a dash"),
    ("unit split though it fits", r"is split over pages .* though it would fit on one page"),
    ("nearly empty last page", r"the last page is nearly empty"),
    ("page left half empty", r"empty, though what starts page"),
    ("footer too long (guide check)", r"footer"),
)
"""Kinds of warning, each with a pattern of its message; the first that matches counts."""


def count(out: Path) -> int:
    """Print the warnings of a build kind by kind, the pages of each edition, and the
    headings printed with straight double quotes."""
    sys.path.insert(0, str(ROOT))
    from generator.verify.layout import _body_size, _heading_groups, read_pages

    lines = [line for line in (out / "warnings.txt").read_text().splitlines() if line.strip()]
    kinds: Counter[str] = Counter()
    for line in lines:
        if ": warning: " not in line and ": error: " not in line:
            continue
        kind = next((name for name, pattern in KINDS if re.search(pattern, line)), "other")
        kinds[kind] += 1
    for name, _ in (*KINDS, ("other", "")):
        print(f"{kinds[name]:5d}  {name}")
    pages: Counter[str] = Counter()
    quoted = 0
    for pdf in sorted(out.rglob("*.pdf")):
        facts = read_pages(pdf.read_bytes())
        edition = str(pdf.relative_to(out).parts[0])
        if edition == "workshop":
            edition = f"workshop/{pdf.relative_to(out).parts[1]}/{pdf.stem}"
        pages[edition] += len(facts)
        size = _body_size(facts)
        for page in facts:
            for group in _heading_groups(page.lines, size):
                quoted += any('"' in line.text for line in group)
    print(f"{quoted:5d}  heading printed with straight double quotes")
    for edition, number in sorted(pages.items()):
        # Booklet files count sheet sides, two pages each.
        print(f"{number:5d}  pages: {edition}")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("build").add_argument("out", type=Path)
    both = commands.add_parser("compare")
    both.add_argument("first", type=Path)
    both.add_argument("second", type=Path)
    commands.add_parser("count").add_argument("out", type=Path)
    args = parser.parse_args()
    if args.command == "build":
        return 1 if build(args.out) else 0
    if args.command == "count":
        return count(args.out)
    return 1 if compare(args.first, args.second) else 0


if __name__ == "__main__":
    sys.exit(main())
