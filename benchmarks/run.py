"""Whole-process timings of the guide tool, side by side with its floor and its alternative.

Run from the project root:  python benchmarks/run.py [--runs N]

Every figure is a fresh process (``python -m generator ...``), run N times; the table shows
the median and the fastest wall time and the largest peak memory of the process. Ratios
are taken between medians measured in this same run, because on a shared machine
absolute times mean little and ratios mean a lot. Before the timed runs each command
runs once untimed, so file caches (Python bytecode, compiled templates) are warm, as they
are on a volunteer's machine from the second run on.

Work at scale is measured too: a batch of 40 guides that differ from each other
(``benchmarks/library.py``: every other one with a picture of its own) against WeasyPrint
making their 40 PDFs (both held to one core), ``guide send`` to 1,000 people into the
outbox, and one more handout in a batch of different guides against Typst's warm compile of
the bundled guide's handout written by hand (benchmarks/handout.typ). Commands compared
with each other take turns, run by run. Beside the times, the batch and the bundled guide
are built with a fixed clock by this checkout and by the previous version (``--previous``,
taken from git), and every file must be byte-identical.

WeasyPrint and Typst need the optional extra: pip install -e ".[bench]".
The ``guide preview`` measurement drives /usr/bin/chromium with Playwright (test extras).
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from library import write_library

ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT / "content" / "meta-ai-objection.md"
TYPST_HANDOUT = ROOT / "benchmarks" / "handout.typ"
FONTS = ROOT / "generator" / "fonts"
PYTHON = sys.executable
FLOOR_IMPORTS = (
    "import click, jinja2, markdown, yaml, babel.dates, pypdfium2, css_inline, "
    "reportlab.platypus, reportlab.pdfbase.ttfonts"
)
ONE_CORE = 0
"""The core both sides of a one-core comparison are held to."""


@dataclass
class Measured:
    """One command's runs."""

    name: str
    seconds: list[float]
    peak_mb: float
    cpu: list[float]
    """Processor time (user and system) of each run, the processes it started included."""

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    @property
    def cpu_median(self) -> float:
        return statistics.median(self.cpu)


def _hold_to(core: int | None) -> Callable[[], None] | None:
    """A function that keeps the new process on one core (where the system allows it)."""
    if core is None or not hasattr(os, "sched_setaffinity"):
        return None
    return lambda: os.sched_setaffinity(0, {core})


def run_once(command: list[str], cwd: Path, core: int | None = None) -> tuple[float, float, float]:
    """Wall time, processor time and peak memory (MB, the largest process) of one command."""
    started = time.perf_counter()
    process = subprocess.Popen(
        command,
        cwd=cwd,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        preexec_fn=_hold_to(core),
    )
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    stderr = process.stderr.read().decode() if process.stderr else ""
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({process.returncode}):\n{stderr}")
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def measure(
    name: str, command: list[str], cwd: Path, runs: int, core: int | None = None
) -> Measured:
    return measure_together([(name, command, core)], cwd, runs)[name]


def measure_together(
    plan: list[tuple[str, list[str], int | None]], cwd: Path, runs: int
) -> dict[str, Measured]:
    """Each command of ``plan`` (name, command, core) ``runs`` times, taking turns.

    Interleaved, a burst of load on a shared machine falls on every command alike instead
    of on whichever was being measured then.
    """
    for _, command, core in plan:
        run_once(command, cwd, core)  # warm file caches; not counted
    results = {name: Measured(name, [], 0.0, []) for name, _, _ in plan}
    for _ in range(runs):
        for name, command, core in plan:
            elapsed, used, mb = run_once(command, cwd, core)
            item = results[name]
            item.seconds.append(elapsed)
            item.cpu.append(used)
            item.peak_mb = max(item.peak_mb, mb)
    return results


def guide_of_40_steps(folder: Path) -> Path:
    """A long guide: 40 steps, each with a paragraph, some with lists and links."""
    lines = [
        "---",
        "title: A long guide of forty steps",
        "summary: Forty steps, to see how the tool copes with a long handout.",
        "checked: 2026-11-20",
        "minutes: 60",
        "---",
        "",
        "## Steps",
        "",
    ]
    for number in range(1, 41):
        lines += [f"### Do thing number {number}", f"Tap the button for thing {number}."]
        if number % 5 == 0:
            lines += ["", "- check the screen", "- then carry on"]
        if number % 10 == 0:
            lines += ["", f"More help is at [example.org](https://example.org/help/{number})."]
        lines.append("")
    lines += ["## Caveats", "", "### Take breaks", "Forty steps is a lot.", ""]
    path = folder / "forty-steps.md"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def list_of_people(folder: Path, count: int) -> Path:
    """``count`` people: a quarter large print, a third on Letter paper."""
    path = folder / f"people-{count}.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["email", "name", "large_print", "paper"])
        for number in range(count):
            writer.writerow(
                [
                    f"person{number:04d}@example.org",
                    f"Person {number}",
                    "yes" if number % 4 == 0 else "no",
                    "letter" if number % 3 == 0 else "a4",
                ]
            )
    return path


def has_module(name: str) -> bool:
    done = subprocess.run([PYTHON, "-c", f"import {name}"], capture_output=True, check=False)
    return done.returncode == 0


# --- guide preview: save to updated page ------------------------------------------------

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PAGE_UPDATED = """
window.updates = [];
new MutationObserver(() => window.updates.push(Date.now())).observe(
    document.body, {attributes: true, attributeFilter: ["data-generation"]});
"""


def preview_timings(runs: int) -> list[tuple[str, bool]]:
    """Save the bundled guide ``runs`` times under a live ``guide preview`` in Chromium.

    Measures, per save, the tool's own rebuild (as ``guide preview`` reports it) and the
    time from the file being written to the page having every new picture in place (from
    the page's clock, the same clock as this process's). Needs Playwright and Chromium.
    """
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return [("preview: Playwright missing (pip install -e '.[test]')", False)]
    if not CHROMIUM.exists():
        return [("preview: /usr/bin/chromium missing", False)]
    work = Path(tempfile.mkdtemp(prefix="guide-bench-preview-"))
    guide = Path(shutil.copy(GUIDE, work / GUIDE.name))
    original = guide.read_text(encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [PYTHON, "-m", "generator", "preview", str(guide), "--port", "0", "--no-open"]
    server = subprocess.Popen(command, cwd=work, env=env, stdout=subprocess.PIPE, text=True)
    rebuilds: list[float] = []
    in_browser: list[float] = []
    try:
        assert server.stdout is not None
        url = server.stdout.readline().rsplit(" at ", 1)[1].strip()
        server.stdout.readline()
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            # The page's own policy forbids evaluated scripts; the measuring hooks need them.
            page = browser.new_page(viewport={"width": 1280, "height": 800}, bypass_csp=True)
            page.goto(url)
            page.wait_for_selector("#pages img")
            page.evaluate(PAGE_UPDATED)
            for number in range(runs + 1):
                title = f"Stop Meta using your posts to train its AI ({number})"
                seen = page.evaluate("window.updates.length")
                written = time.time() * 1000
                guide.write_text(original.replace(original.split("\n")[1], f"title: {title}"))
                page.wait_for_function(f"window.updates.length > {seen}", timeout=10_000)
                updated = page.evaluate(f"window.updates[{seen}]")
                line = server.stdout.readline()
                if number == 0:
                    continue  # the first save also warms the browser's cache
                in_browser.append((updated - written) / 1000)
                rebuilds.append(int(line.rsplit(" in ", 1)[1].split()[0]) / 1000)
                time.sleep(0.3)
            browser.close()
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=15)
        shutil.rmtree(work, ignore_errors=True)
    rebuild, browser_seconds = statistics.median(rebuilds), statistics.median(in_browser)
    print(f"{'guide preview: rebuild after a save':42} {rebuild:8.3f} {min(rebuilds):8.3f}")
    print(
        f"{'guide preview: save to updated page':42} {browser_seconds:8.3f} {min(in_browser):8.3f}"
    )
    return [
        (f"preview rebuild = {rebuild * 1000:.0f} ms (target < 300)", rebuild < 0.3),
        (
            f"preview save to page = {browser_seconds * 1000:.0f} ms (target < 1000)",
            browser_seconds < 1.0,
        ),
    ]


WEASYPRINT_EACH = (
    "import sys; from pathlib import Path; from weasyprint import HTML\n"
    "for page in sorted(Path(sys.argv[1]).glob('*.html')):\n"
    "    HTML(str(page)).write_pdf(str(page.with_suffix('.pdf')))"
)
"""WeasyPrint making a PDF of every HTML file in a folder, in one process."""

TYPST_WARM = """
import statistics, sys, time
import typst
compiler = typst.Compiler(sys.argv[1], font_paths=[sys.argv[2]], ignore_system_fonts=True)
compiler.compile(sys_inputs={"version": "warm-up"})
seconds, cpu = [], []
for number in range(int(sys.argv[3])):
    started, used = time.perf_counter(), time.process_time()
    compiler.compile(sys_inputs={"version": f"{number:08x}"})
    seconds.append(time.perf_counter() - started)
    cpu.append(time.process_time() - used)
print(statistics.median(seconds), statistics.median(cpu))
"""
"""Typst's warm compile: one compiler, each compile a new version stamp; medians of wall
and processor time."""


def measure_batch(work: Path, runs: int) -> dict[str, Measured]:
    """40 different guides, every other one with a picture, all four formats read back,
    against WeasyPrint.

    Both are held to one core: ``--jobs 1`` for ours, one process for WeasyPrint, which
    makes only the 40 PDFs, from the HTML edition ours builds. The two take turns.
    """
    library = write_library(work / "library", 40, pictures=True)
    tool = [PYTHON, "-m", "generator", "build", str(library), "--jobs", "1"]
    run_once([*tool, "--out", str(work / "library-html"), "--format", "html"], ROOT)
    plan: list[tuple[str, list[str], int | None]] = [
        ("batch", [*tool, "--out", str(work / "library-out")], ONE_CORE)
    ]
    if has_module("weasyprint"):
        plan.append(
            (
                "weasyprint batch",
                [PYTHON, "-c", WEASYPRINT_EACH, str(work / "library-html")],
                ONE_CORE,
            )
        )
    results = measure_together(plan, ROOT, runs)
    results["batch"].name = "guide build, 40 guides, --jobs 1, one core"
    if "weasyprint batch" in results:
        results["weasyprint batch"].name = "WeasyPrint: those 40 PDFs, one core"
    return results


def measure_outbox(work: Path, runs: int) -> Measured:
    """``guide send`` to 1,000 people into the outbox, with the default number of jobs."""
    people = list_of_people(work, 1000)
    command = [
        *(PYTHON, "-m", "generator", "send", str(GUIDE), "--to", str(people)),
        *("--from", "Sam <sam@example.org>", "--max", "1000", "--outbox", str(work / "o1000")),
    ]
    return measure("guide send, 1,000 to outbox", command, ROOT, runs)


@dataclass(frozen=True)
class Marginal:
    """What one more handout costs, wall and processor seconds, and the same for Typst."""

    seconds: float
    cpu: float
    typst: tuple[float, float] | None


def measure_one_more_handout(work: Path, runs: int) -> Marginal:
    """Seconds one more handout (read back) adds to a batch, and Typst's warm compile.

    The batch cost is taken between a 40-guide and a one-guide ``--format pdf`` build of
    different guides, both on one core, taking turns, so the process start and imports
    cancel out.
    """
    many = write_library(work / "forty", 40, pictures=False)
    one = write_library(work / "one", 1, pictures=False)
    build = [PYTHON, "-m", "generator", "build", "--format", "pdf", "--jobs", "1"]
    both = measure_together(
        [
            ("forty", [*build, str(many), "--out", str(work / "f")], ONE_CORE),
            ("one", [*build, str(one), "--out", str(work / "s")], ONE_CORE),
        ],
        ROOT,
        runs,
    )
    forty, single = both["forty"], both["one"]
    seconds = (forty.median - single.median) / 39
    cpu = (forty.cpu_median - single.cpu_median) / 39
    if not has_module("typst"):
        return Marginal(seconds, cpu, None)
    done = subprocess.run(
        [PYTHON, "-c", TYPST_WARM, str(TYPST_HANDOUT), str(FONTS), str(max(9, runs * 3))],
        capture_output=True,
        text=True,
        check=True,
        preexec_fn=_hold_to(ONE_CORE),
    )
    wall, used = (float(value) for value in done.stdout.split())
    return Marginal(seconds, cpu, (wall, used))


FIXED_CLOCK = {"SOURCE_DATE_EPOCH": "1798761600", "GUIDE_TODAY": "2027-01-01"}
"""The clock both versions build with, so equal outputs are equal bytes (as corpus.py)."""


def previous_version() -> str:
    """The version outputs are compared with: HEAD when the tool's files have changes not
    yet committed, else the commit before HEAD."""
    changed = subprocess.run(
        ["git", "-C", str(ROOT), "diff", "--quiet", "HEAD", "--", "generator", "pyproject.toml"],
        check=False,
    )
    return "HEAD" if changed.returncode else "HEAD~1"


def outputs_of(source: Path, guides: list[Path], out: Path, work: Path) -> dict[str, str]:
    """Build ``guides`` (all formats) with the tool in ``source``; each file's SHA-256."""
    import hashlib

    env = {**os.environ, **FIXED_CLOCK, "GUIDE_CACHE_DIR": str(work / f"cache-{out.name}")}
    command = [PYTHON, "-m", "generator", "build", *map(str, guides), "--out", str(out)]
    # Run from the tool's own folder: it comes first on the import path.
    done = subprocess.run(command, cwd=source, env=env, capture_output=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{source}: the build failed:\n{done.stderr.decode()}")
    return {
        str(path.relative_to(out)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(out.rglob("*"))
        if path.is_file()
    }


def same_as_previous(work: Path, library: Path, revision: str) -> tuple[str, bool]:
    """Whether this checkout builds the batch and the bundled guide byte for byte as
    ``revision`` does (its ``generator`` taken from git)."""
    import io
    import tarfile

    named = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "--short", revision],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", "--format=tar", revision, "generator"],
        capture_output=True,
        check=True,
    ).stdout
    previous = work / "previous"
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(previous, filter="data")
    guides = [*sorted(library.glob("*.md")), GUIDE]
    now = outputs_of(ROOT, guides, work / "same-now", work)
    then = outputs_of(previous, guides, work / "same-then", work)
    differ = sorted(name for name in now.keys() | then.keys() if now.get(name) != then.get(name))
    if differ:
        return (
            f"outputs of the batch and the bundled guide against {revision} ({named}): "
            f"{len(differ)} of {len(now)} files differ, first {differ[0]}",
            False,
        )
    return (
        f"outputs of the batch and the bundled guide against {revision} ({named}): "
        f"all {len(now)} files byte-identical",
        True,
    )


def _ratio(text: str, ours: Measured, theirs: Measured, goal: float) -> tuple[str, bool]:
    """Theirs over ours, processor and wall time; the goal is judged on processor time."""
    wall = theirs.median / ours.median
    cpu = theirs.cpu_median / ours.cpu_median
    return f"{text} = {cpu:.2f}x processor time ({wall:.2f}x wall; goal >= {goal})", cpu >= goal


def worst_pictures(folder: Path) -> dict[str, list[Path]]:
    """Guides at the picture limits (content/README.md): the builds that need most memory."""
    from PIL import Image

    folder.mkdir(parents=True)
    noise = random.Random(13)
    side = 575  # the largest square of random colours under 1 MB as a PNG
    for name in ("noise-1.png", "noise-2.png"):
        pixels = noise.randbytes(side * side * 3)
        Image.frombytes("RGB", (side, side), pixels).save(folder / name)
    shade = Image.linear_gradient("L").resize((2000, 2000))
    Image.merge("RGBA", (shade, shade.rotate(90), shade, shade.rotate(30))).save(
        folder / "clear.png"
    )
    shade.convert("RGB").save(folder / "photo.jpg", quality=90)
    return {
        "2 MB of random-noise pictures": [folder / "noise-1.png", folder / "noise-2.png"],
        "a 4-million-pixel PNG with transparency": [folder / "clear.png"],
        "a 4-million-pixel JPEG": [folder / "photo.jpg"],
    }


def measure_memory(work: Path) -> list[tuple[str, float]]:
    """Peak memory (MB) of ``guide build``, all formats, of a guide at each picture limit."""
    text = GUIDE.read_text(encoding="utf-8")
    peaks: list[tuple[str, float]] = []
    for number, (name, pictures) in enumerate(worst_pictures(work / "pictures").items()):
        shown = "".join(f"![A picture]({picture.name})\n\n" for picture in pictures)
        guide = work / "pictures" / f"limit-{number}.md"
        guide.write_text(text.replace("### Go to Settings\n", f"### Go to Settings\n{shown}"))
        command = [PYTHON, "-m", "generator", "build", str(guide), "--out", str(work / "m")]
        peaks.append((name, run_once(command, ROOT)[2]))
    return peaks


def goals(results: dict[str, Measured], marginal: Marginal | None) -> list[tuple[str, bool]]:
    """The issue's goals, each with where it stands in this run (those this run measured)."""
    found: list[tuple[str, bool]] = []
    build = results.get("guide build (all formats)")
    if "batch" in results:
        if "weasyprint batch" in results:
            found.append(
                _ratio(
                    "40-guide batch vs WeasyPrint", results["batch"], results["weasyprint batch"], 4
                )
            )
        else:
            found.append(("WeasyPrint not installed: pip install -e '.[bench]'", False))
    if build is not None:
        if "WeasyPrint: HTML edition to PDF" in results:
            found.append(
                _ratio(
                    "cold build vs WeasyPrint cold",
                    build,
                    results["WeasyPrint: HTML edition to PDF"],
                    2.5,
                )
            )
        helped = results["guide --help"]
        ratio = helped.cpu_median / build.cpu_median
        found.append(
            (
                f"--help / cold build = {ratio:.2f} processor time "
                f"({helped.median / build.median:.2f} wall; goal <= 0.33)",
                ratio <= 0.33,
            )
        )
    if "outbox" in results:
        outbox = results["outbox"]
        found.append(
            (
                f"1,000-person outbox = {outbox.median:.2f} s ({outbox.cpu_median:.2f} s processor "
                f"time), {outbox.peak_mb:.0f} MB (goal < 5 s, < 100 MB)",
                outbox.median < 5 and outbox.peak_mb < 100,
            )
        )
    if marginal is not None and marginal.typst is None:
        found.append(("Typst not installed: pip install -e '.[bench]'", False))
    elif marginal is not None and marginal.typst is not None:
        wall, cpu = marginal.typst
        found.append(
            (
                f"one more handout {marginal.cpu * 1000:.1f} ms processor time vs Typst warm "
                f"{cpu * 1000:.1f} ms = {marginal.cpu / cpu:.2f}x Typst (wall "
                f"{marginal.seconds * 1000:.1f} vs {wall * 1000:.1f} ms: "
                f"{marginal.seconds / wall:.2f}x; goal <= 2)",
                marginal.cpu / cpu <= 2,
            )
        )
    return found


def measure_cold(work: Path, runs: int) -> dict[str, Measured]:
    """The single commands and WeasyPrint's cold HTML-to-PDF, taking turns."""
    guide = Path(shutil.copy(GUIDE, work / GUIDE.name))
    long_guide = guide_of_40_steps(work)
    tool = [PYTHON, "-m", "generator"]
    # The HTML edition the WeasyPrint route starts from, built once, untimed.
    run_once([*tool, "build", str(guide), "--out", str(work / "html"), "--format", "html"], ROOT)
    html = work / "html" / f"{guide.stem}.html"
    plan: list[tuple[str, list[str], int | None]] = [
        ("floor: import the libraries", [PYTHON, "-c", FLOOR_IMPORTS], None),
        ("guide --help", [*tool, "--help"], None),
        ("guide check", [*tool, "check", str(guide)], None),
        ("guide build (all formats)", [*tool, "build", str(guide), "--out", str(work / "a")], None),
        (
            "guide build --format pdf",
            [*tool, "build", str(guide), "--out", str(work / "b"), "--format", "pdf"],
            None,
        ),
        (
            "guide build, 40 steps",
            [*tool, "build", str(long_guide), "--out", str(work / "c")],
            None,
        ),
    ]
    if has_module("weasyprint"):
        weasyprint = (
            "import sys; from weasyprint import HTML; HTML(sys.argv[1]).write_pdf(sys.argv[2])"
        )
        plan.append(
            (
                "WeasyPrint: HTML edition to PDF",
                [PYTHON, "-c", weasyprint, str(html), str(work / "w.pdf")],
                None,
            )
        )
    return measure_together(plan, ROOT, runs)


PARTS = ("cold", "batch", "same", "outbox", "marginal", "memory", "preview")
"""What the benchmark can measure; ``--parts`` picks some."""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="timed runs per command (default 5)")
    parser.add_argument(
        "--parts",
        default=",".join(PARTS),
        help=f"what to measure, comma-separated (default all: {','.join(PARTS)})",
    )
    parser.add_argument(
        "--previous",
        default=None,
        help="the git revision whose outputs must be the same (default: HEAD when the tool "
        "has uncommitted changes, else HEAD~1)",
    )
    args = parser.parse_args()
    parts = set(args.parts.split(","))
    if parts - set(PARTS):
        parser.error(f"unknown parts: {', '.join(sorted(parts - set(PARTS)))}")
    heavy = max(1, min(args.runs, 3))
    work = Path(tempfile.mkdtemp(prefix="guide-bench-"))
    os.environ["GUIDE_CACHE_DIR"] = str(work / "cache")
    results: dict[str, Measured] = {}
    marginal: Marginal | None = None
    memory: list[tuple[str, float]] = []
    checks: list[tuple[str, bool]] = []
    try:
        if "cold" in parts:
            results.update(measure_cold(work, args.runs))
            print("  measured the single commands", file=sys.stderr)
        if "batch" in parts:
            results.update(measure_batch(work, heavy))
            print("  measured the 40-guide batch", file=sys.stderr)
        if "same" in parts:
            library = write_library(work / "same-library", 40, pictures=True)
            checks.append(same_as_previous(work, library, args.previous or previous_version()))
            print("  compared the outputs with the previous version", file=sys.stderr)
        if "outbox" in parts:
            results["outbox"] = measure_outbox(work, heavy)
            print("  measured the 1,000-person outbox", file=sys.stderr)
        if "marginal" in parts:
            marginal = measure_one_more_handout(work, heavy)
            print("  measured one more handout and Typst", file=sys.stderr)
        if "memory" in parts:
            memory = measure_memory(work)
            print("  measured builds at the picture limits", file=sys.stderr)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    print(f"{'command':46} {'median':>8} {'fastest':>8} {'cpu':>8} {'peak MB':>8}")
    for item in results.values():
        print(
            f"{item.name:46} {item.median:8.3f} {min(item.seconds):8.3f} "
            f"{item.cpu_median:8.3f} {item.peak_mb:8.1f}"
        )
    if marginal is not None:
        print(
            f"{'one more handout in a batch (pdf, read back)':46} {marginal.seconds:8.4f} "
            f"{'':8} {marginal.cpu:8.4f}"
        )
        if marginal.typst is not None:
            print(
                f"{'Typst warm compile of benchmarks/handout.typ':46} {marginal.typst[0]:8.4f} "
                f"{'':8} {marginal.typst[1]:8.4f}"
            )
    if "cold" in parts:
        build = results["guide build (all formats)"]
        floor = results["floor: import the libraries"]
        print(
            f"\ncold build / import floor = {build.cpu_median / floor.cpu_median:.2f} processor "
            f"time ({build.median / floor.median:.2f} wall)\n"
        )
    print("Goals (judged on processor time, the steadier figure on a shared machine):")
    checks = goals(results, marginal) + checks
    checks.extend(
        (f"build with {name} = {peak:.0f} MB (goal < 100 MB)", peak < 100) for name, peak in memory
    )
    if "preview" in parts:
        checks.extend(preview_timings(args.runs))
    for text, passed in checks:
        print(f"{'MET ' if passed else 'NOT '}  {text}")
    return 0 if all(passed for _, passed in checks) else 1


if __name__ == "__main__":
    raise SystemExit(main())
