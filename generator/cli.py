"""The ``guide`` command: each subcommand parses its options and calls one function.

Heavy modules are imported inside the command that needs them, so ``guide --help``
stays instant.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from generator import __version__

DEFAULT_CONTENT = Path("content")


def _paths(paths: tuple[Path, ...]) -> list[Path]:
    return list(paths) if paths else [DEFAULT_CONTENT]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="guide")
def cli() -> None:
    """Turn step-by-step digital-safety guides into handouts, emails and workshop packs."""


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--max-age",
    type=click.IntRange(min=0),
    default=180,
    show_default=True,
    help="Warn when a guide's 'checked' date is older than this many days.",
)
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
def check(paths: tuple[Path, ...], max_age: int, strict: bool) -> None:
    """Check guides (files or folders; default: content/) and report every problem."""
    from generator.check import check_paths

    result = check_paths(_paths(paths), today=dt.date.today(), max_age=max_age, strict=strict)
    for problem in result.problems:
        click.echo(str(problem), err=True)
    if result.errors:
        sys.exit(1)
    for guide in result.guides:
        click.echo(
            f"{guide.path}: ok ({len(guide.steps)} steps, {len(guide.caveats)} caveats, "
            f"{len(guide.questions)} questions)"
        )


@cli.command(name="list")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
def list_guides(paths: tuple[Path, ...]) -> None:
    """List guides: slug, language, title, steps, caveats and when they were checked."""
    from generator.check import check_paths

    result = check_paths(_paths(paths), today=dt.date.today())
    for problem in result.errors:
        click.echo(str(problem), err=True)
    today = dt.date.today()
    editions: dict[str, list[str]] = {}
    for guide in result.guides:
        editions.setdefault(guide.slug, []).append(guide.lang)
    rows = [("SLUG", "LANG", "EDITIONS", "STEPS", "CAVEATS", "CHECKED", "AGE", "TITLE")]
    for guide in sorted(result.guides, key=lambda g: (g.slug, g.edition or "")):
        age = (today - guide.checked).days
        rows.append(
            (
                guide.name,
                guide.lang,
                ",".join(editions[guide.slug]),
                str(len(guide.steps)),
                str(len(guide.caveats)),
                guide.checked.isoformat(),
                f"{age} day" + ("" if age == 1 else "s"),
                guide.title,
            )
        )
    widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]) - 1)]
    for row in rows:
        cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
        click.echo("  ".join([*cells, row[-1]]).rstrip())
    if result.errors:
        sys.exit(1)


def main() -> None:
    """Entry point of the ``guide`` console script."""
    cli(prog_name="guide")
