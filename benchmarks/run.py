"""Whole-process timings of the guide tool, side by side with its floor and its alternative.

Run from the project root:  python benchmarks/run.py [--runs N]

Every figure is a fresh process (``python -m generator ...``), run N times; the table shows
the median and the fastest wall time and the largest peak memory of the process. Ratios
are taken between medians measured in this same run, because on a shared machine
absolute times mean little and ratios mean a lot. Before the timed runs each command
runs once untimed, so file caches (Python bytecode, compiled templates) are warm, as they
are on a volunteer's machine from the second run on.

The WeasyPrint comparison needs the optional extra: pip install -e ".[bench]".
The ``guide preview`` measurement drives /usr/bin/chromium with Playwright (test extras).
"""

from __future__ import annotations

import argparse
import csv
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT / "content" / "meta-ai-objection.md"
PYTHON = sys.executable
FLOOR_IMPORTS = (
    "import click, jinja2, markdown, yaml, babel.dates, pypdf, css_inline, "
    "reportlab.platypus, reportlab.graphics.barcode.qr, reportlab.pdfbase.ttfonts"
)


@dataclass
class Measured:
    """One command's runs."""

    name: str
    seconds: list[float]
    peak_mb: float

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)


def run_once(command: list[str], cwd: Path) -> tuple[float, float]:
    """Wall time and peak resident memory (MB) of one process."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    stderr = process.stderr.read().decode() if process.stderr else ""
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({process.returncode}):\n{stderr}")
    return elapsed, usage.ru_maxrss / 1024


def measure(name: str, command: list[str], cwd: Path, runs: int) -> Measured:
    run_once(command, cwd)  # warm file caches; not counted
    seconds: list[float] = []
    peak = 0.0
    for _ in range(runs):
        elapsed, mb = run_once(command, cwd)
        seconds.append(elapsed)
        peak = max(peak, mb)
    return Measured(name, seconds, peak)


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


def list_of_200(folder: Path) -> Path:
    """200 people: a quarter large print, a third on Letter paper."""
    path = folder / "two-hundred.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["email", "name", "large_print", "paper"])
        for number in range(200):
            writer.writerow(
                [
                    f"person{number:03d}@example.org",
                    f"Person {number}",
                    "yes" if number % 4 == 0 else "no",
                    "letter" if number % 3 == 0 else "a4",
                ]
            )
    return path


def has_weasyprint() -> bool:
    done = subprocess.run([PYTHON, "-c", "import weasyprint"], capture_output=True, check=False)
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="timed runs per command (default 5)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="guide-bench-"))
    env_cache = work / "cache"
    os.environ["GUIDE_CACHE_DIR"] = str(env_cache)
    try:
        guide = Path(shutil.copy(GUIDE, work / GUIDE.name))
        long_guide = guide_of_40_steps(work)
        people = list_of_200(work)
        tool = [PYTHON, "-m", "generator"]
        # The HTML edition the WeasyPrint route starts from, built once, untimed.
        run_once(
            [*tool, "build", str(guide), "--out", str(work / "html"), "--format", "html"], ROOT
        )
        html = work / "html" / f"{guide.stem}.html"
        send = [
            *tool,
            "send",
            str(guide),
            "--to",
            str(people),
            "--from",
            "Sam <sam@example.org>",
            "--max",
            "500",
        ]
        plan: list[tuple[str, list[str]]] = [
            ("floor: import the libraries", [PYTHON, "-c", FLOOR_IMPORTS]),
            ("guide --help", [*tool, "--help"]),
            ("guide check", [*tool, "check", str(guide)]),
            ("guide build (all formats)", [*tool, "build", str(guide), "--out", str(work / "a")]),
            (
                "guide build --format pdf",
                [*tool, "build", str(guide), "--out", str(work / "b"), "--format", "pdf"],
            ),
            ("guide build, 40 steps", [*tool, "build", str(long_guide), "--out", str(work / "c")]),
            (
                "guide send, 200 to outbox, --jobs 1",
                [*send, "--outbox", str(work / "o1"), "--jobs", "1"],
            ),
            (
                "guide send, 200 to outbox, --jobs 2",
                [*send, "--outbox", str(work / "o2"), "--jobs", "2"],
            ),
        ]
        if has_weasyprint():
            plan.append(
                (
                    "WeasyPrint: HTML edition to PDF",
                    [
                        PYTHON,
                        "-c",
                        "import sys; from weasyprint import HTML; "
                        "HTML(sys.argv[1]).write_pdf(sys.argv[2])",
                        str(html),
                        str(work / "w.pdf"),
                    ],
                )
            )
        results: dict[str, Measured] = {}
        for name, command in plan:
            results[name] = measure(name, command, ROOT, args.runs)
            print(f"  measured {name}", file=sys.stderr)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    print(f"{'command':42} {'median':>8} {'fastest':>8} {'peak MB':>8}")
    for item in results.values():
        print(f"{item.name:42} {item.median:8.3f} {min(item.seconds):8.3f} {item.peak_mb:8.1f}")
    build = results["guide build (all formats)"].median
    floor = results["floor: import the libraries"].median
    checks: list[tuple[str, bool]] = [
        (f"cold build / import floor = {build / floor:.2f} (target <= 1.5)", build / floor <= 1.5),
        (
            f"--help / cold build = {results['guide --help'].median / build:.2f} (target <= 0.33)",
            results["guide --help"].median <= build / 3,
        ),
    ]
    if "WeasyPrint: HTML edition to PDF" in results:
        weasy = results["WeasyPrint: HTML edition to PDF"].median
        pdf_only = results["guide build --format pdf"].median
        checks.append(
            (
                f"WeasyPrint / guide build = {weasy / build:.2f} "
                f"(PDF only: {weasy / pdf_only:.2f}; target >= 3)",
                weasy / build >= 3,
            )
        )
    else:
        checks.append(("WeasyPrint not installed: pip install -e '.[bench]'", False))
    for jobs in ("1", "2"):
        seconds = results[f"guide send, 200 to outbox, --jobs {jobs}"].median
        checks.append(
            (f"200-person outbox, --jobs {jobs} = {seconds:.2f} s (target < 5)", seconds < 5)
        )
    heaviest = max(results.values(), key=lambda item: item.peak_mb)
    checks.append(
        (
            f"peak memory: {heaviest.peak_mb:.0f} MB in '{heaviest.name}' (target < 100)",
            all(item.peak_mb < 100 for name, item in results.items() if "WeasyPrint" not in name),
        )
    )
    checks.extend(preview_timings(args.runs))
    print()
    for text, passed in checks:
        print(f"{'PASS' if passed else 'FAIL'}  {text}")
    return 0 if all(passed for _, passed in checks) else 1


if __name__ == "__main__":
    raise SystemExit(main())
