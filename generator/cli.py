"""The ``guide`` command: each subcommand parses its options and calls one function.

Heavy modules are imported inside the command that needs them, so ``guide --help``
stays instant.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from generator import __version__, clock, defaults

if TYPE_CHECKING:
    from generator.options import BuildOptions, HandoutOptions, Settings
    from generator.pipeline import BuildReport

DEFAULT_CONTENT = defaults.CONTENT
Command = TypeVar("Command", bound=Callable[..., None])


def _paths(paths: tuple[Path, ...]) -> list[Path]:
    return list(paths) if paths else [DEFAULT_CONTENT]


def _fail(problems: list[str]) -> None:
    from generator.text import printable

    for problem in problems:
        # Quoted input (a language code, a slug) must not reach the terminal as an escape.
        click.echo("\n".join(printable(line) for line in problem.split("\n")), err=True)
    sys.exit(1)


def _kind(option: click.Option) -> str:
    """What a guide.toml value for this option must be."""
    if option.is_flag:
        return "flag"
    if option.multiple:
        return "list"
    if isinstance(option.type, click.types.IntParamType | click.types.FloatParamType):
        kind = "int" if isinstance(option.type, click.types.IntParamType) else "float"
        if isinstance(option.type, click.IntRange | click.FloatRange):
            # The same bounds as on the command line, so guide.toml can name the line.
            low, high = option.type.min, option.type.max
            return f"{kind}:{'' if low is None else low}:{'' if high is None else high}"
        return kind
    if isinstance(option.type, click.Choice):
        return "choice:" + "|".join(str(choice) for choice in option.type.choices)
    if isinstance(option.type, click.Path) and option.type.exists:
        if not option.type.file_okay:
            return "path:folder"
        return "path:file" if not option.type.dir_okay else "path"
    return "text"


def _toml_names(command: click.Command) -> dict[str, tuple[str, str]]:
    """The keys guide.toml may use for a command: ``format`` for ``--format``, and so on."""
    names: dict[str, tuple[str, str]] = {}
    for param in command.params:
        if isinstance(param, click.Option) and param.name:
            entry = (param.name, _kind(param))
            names[param.name] = entry
            for flag in param.opts:
                if flag.startswith("--"):
                    names[flag[2:].replace("-", "_")] = entry
    return names


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="guide")
@click.pass_context
def cli(ctx: click.Context) -> None:
    """Turn step-by-step digital-safety guides into handouts, emails and workshop packs.

    Defaults for any option can be kept in guide.toml in the current folder.
    """
    try:
        # A GUIDE_TODAY or a SOURCE_DATE_EPOCH that cannot be used is said once, before any work.
        clock.today()
        clock.fixed_output_time()
    except ValueError as error:
        _fail([f"error: {error}"])
    config = Path("guide.toml")
    if config.exists() or config.is_symlink():
        # A folder, a pipe or a broken link named guide.toml is said, never passed over.
        from generator.problems import GuideError

        try:
            settings = _settings(config)
        except GuideError as error:
            _fail([str(error)])
        ctx.default_map = settings.defaults
        ctx.meta[SETTINGS] = settings


SETTINGS = "guide.settings"
"""Where the command group keeps guide.toml as read, for a check to name a value's line."""


_FROM_SETTINGS = click.core.ParameterSource.DEFAULT_MAP
"""Where click says a value came from when guide.toml gave it."""


def _from_settings(check: Callable[[click.Context, click.Parameter, Any], Any]) -> Any:
    """An option's check that names guide.toml and the line when it refuses a value from there.

    Click says only "Invalid value for '--start'", as though it had been typed; a value kept in
    guide.toml is reported as ``guide.toml:7: error: 'start': …`` instead.
    """

    def checked(context: click.Context, parameter: click.Parameter, value: Any) -> Any:
        try:
            return check(context, parameter, value)
        except click.BadParameter as error:
            name = str(parameter.name)
            if context.get_parameter_source(name) is not _FROM_SETTINGS:
                raise
            settings = context.find_root().meta.get(SETTINGS)
            line = settings.where(str(context.info_name), name) if settings else None
            key = next((o[2:] for o in parameter.opts if o.startswith("--")), name)
            where = f"guide.toml:{line}" if line else "guide.toml"
            _fail([f"{where}: error: '{key}': {error.message}"])
            raise  # pragma: no cover - _fail exits

    return checked


def _settings(config: Path) -> Settings:
    """guide.toml read for every command (GuideError at a bad line): the one reader."""
    from generator.options import read_settings

    return read_settings(config, {name: _toml_names(each) for name, each in cli.commands.items()})


@cli.command(short_help="Check guides and report every problem with its file and line.")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--max-age",
    type=click.IntRange(min=0),
    default=defaults.MAX_AGE,
    show_default=True,
    help="Warn when a guide's 'checked' date is older than this many days.",
)
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
def check(paths: tuple[Path, ...], max_age: int, strict: bool) -> None:
    """Check guides (files or folders; default: content/) and report every problem."""
    from generator.check import check_paths

    result = check_paths(_paths(paths), today=clock.today(), max_age=max_age, strict=strict)
    for problem in result.problems:
        click.echo(str(problem), err=True)
    if result.errors:
        sys.exit(1)
    from generator.i18n import ui_gettext as _
    from generator.i18n import ui_ngettext as ngettext

    for guide in result.guides:
        counts = (
            ngettext("%(count)d step", "%(count)d steps", len(guide.steps)),
            ngettext("%(count)d caveat", "%(count)d caveats", len(guide.caveats)),
            ngettext("%(count)d question", "%(count)d questions", len(guide.questions)),
        )
        numbers = (len(guide.steps), len(guide.caveats), len(guide.questions))
        parts = ", ".join(text % {"count": n} for text, n in zip(counts, numbers, strict=True))
        click.echo(_("%(path)s: ok (%(counts)s)") % {"path": _shown(guide.path), "counts": parts})


@cli.command(
    name="list", short_help="List guides: language, steps, caveats, checked date and title."
)
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
def list_guides(paths: tuple[Path, ...]) -> None:
    """List guides: slug, language, title, steps, caveats and when they were checked."""
    from generator.check import check_paths

    result = check_paths(_paths(paths), today=clock.today())
    for problem in [*result.notes, *result.errors]:
        click.echo(str(problem), err=True)
    if not result.guides:
        # Nothing to list: the errors say why, and an empty table would only add noise.
        sys.exit(1 if result.errors else 0)
    from generator.i18n import ui_ngettext as ngettext

    today = clock.today()
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
                ngettext("%(count)d day", "%(count)d days", age) % {"count": age},
                guide.title,
            )
        )
    widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]) - 1)]
    for row in rows:
        cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
        click.echo("  ".join([*cells, row[-1]]).rstrip())
    if result.errors:
        sys.exit(1)


@cli.command(name="new", short_help="Start a new guide from the bundled starter.")
@click.argument("slug")
@click.option("--title", help="The guide's title (asked for on a terminal when not given).")
@click.option(
    "--lang",
    default=defaults.LANG,
    show_default=True,
    help="The guide's language code, like en-GB, cy or pl.",
)
@click.option(
    "--dir",
    "folder",
    type=click.Path(file_okay=False, path_type=Path),
    default=DEFAULT_CONTENT,
    show_default=True,
    help="Folder to write the guide into.",
)
def new(slug: str, title: str | None, lang: str, folder: Path) -> None:
    """Start a new guide, SLUG.md, from the bundled starter (it passes 'guide check').

    Every section is there with a line saying what goes in it. An existing file is never
    replaced.
    """
    from generator.i18n import ui_gettext as _
    from generator.new import NewGuide, settle_new_guide, write_new_guide
    from generator.problems import GuideError

    context = click.get_current_context()
    given = {
        name: context.get_parameter_source(name) is not click.core.ParameterSource.DEFAULT
        for name in ("lang", "folder")
    }
    asked = NewGuide(slug, title, lang, folder, given["lang"], given["folder"])
    settled, problems = settle_new_guide(asked, ask=sys.stdin.isatty() and sys.stdout.isatty())
    if problems or settled.title is None:
        _fail(problems)
    assert settled.title is not None
    slug, title, lang = settled.slug, settled.title, settled.lang
    try:
        path = write_new_guide(folder, slug, title, lang, clock.today())
    except GuideError as error:
        _fail([str(error)])
    shown = _shown(path)  # a folder's name may hold a control character: never sent raw
    click.echo(_("wrote {path}").format(path=shown))
    click.echo(_("Next:"))
    click.echo(
        "  1. "
        + _("Open {path} in a text editor; replace each line with your own words.").format(
            path=shown
        )
    )
    click.echo(
        "  2. "
        + _("Run 'guide preview {path}' to see the handout and the email as you save.").format(
            path=shown
        )
    )
    click.echo(
        "  3. "
        + _("Run 'guide build {path}' to make the handout when it is ready.").format(path=shown)
    )


def _email_address(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """Refuse an address the .eml could not carry, before anything is built."""
    if value is None:
        return None
    from generator.render.message import parse_address

    try:
        parse_address(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None
    return value


def _web_base(value: str) -> str:
    """The web edition's address as a browser writes it; ValueError saying what is wrong.

    https, a real host, nothing hidden, a folder a browser keeps as it is; ends in ``/``.
    """
    from generator.parse.web_address import base_url_problem, normal_base_url
    from generator.text import ONE_LINE, hidden_character, printable

    value = value.strip()
    hidden = hidden_character(value, allow=ONE_LINE)
    if hidden:
        raise ValueError(f"{printable(repr(value))} contains {hidden[1]}: delete it")
    problem = base_url_problem(value)
    if problem:
        raise ValueError(f"{printable(value)}: {problem}")
    return normal_base_url(value)


def _base_url(context: click.Context, parameter: click.Parameter, value: str | None) -> Any:
    """``--base-url`` (typed, or from guide.toml), as ``_web_base`` writes it."""
    if value is None:
        return None
    try:
        return _web_base(value)
    except ValueError as error:
        raise click.BadParameter(str(error)) from None


HANDOUT_OPTIONS = [
    click.option(
        "--paper",
        type=click.Choice(defaults.PAPERS, case_sensitive=False),
        default=defaults.PAPER,
        show_default=True,
        help="Paper size to print on.",
    ),
    click.option("--large-print", is_flag=True, help="Large print (18 pt and up)."),
    click.option(
        "--templates",
        type=click.Path(file_okay=False, exists=True, path_type=Path),
        callback=_from_settings(lambda c, p, v: _path_of_kind(v, "folder")),
        help="Folder of templates searched before the bundled ones.",
    ),
    click.option(
        "--org",
        callback=_from_settings(lambda c, p, v: _plain_text(c, p, v)),
        help="Organisation name to print on every page.",
    ),
    click.option(
        "--logo",
        type=click.Path(exists=True, path_type=Path),
        callback=_from_settings(lambda c, p, v: _plain_path(c, p, v)),
        help="Organisation logo (PNG or JPEG).",
    ),
    click.option(
        "--contact",
        callback=_from_settings(lambda c, p, v: _plain_text(c, p, v)),
        help="Contact line to print (phone, email or address).",
    ),
    click.option(
        "--base-url",
        callback=_from_settings(lambda c, p, v: _base_url(c, p, v)),
        metavar="URL",
        help="Address the web edition ('guide site') is published at, like "
        "https://example.org/guides/: every handout and email then gives its guide's "
        "address there, with a QR code.",
    ),
]
"""The options that shape a handout, shared by every command that makes one."""
PRINTED_ON = 2
"""The first two of ``HANDOUT_OPTIONS`` (``--paper``, ``--large-print``) choose one handout;
``guide site`` offers every paper and size, so it takes only the rest."""


def _with_handout(
    command: Callable[..., None], options: list[Callable[..., Any]]
) -> Callable[..., None]:
    """``command`` with ``options`` added, getting them (and the defaults of the handout
    options it lacks) as one ``handout`` argument."""

    def with_handout(**params: Any) -> None:
        from generator.options import HandoutOptions

        given = {name: params.pop(name) for name in HANDOUT_NAMES if name in params}
        command(handout=HandoutOptions.from_values(given), **params)

    functools.update_wrapper(with_handout, command)
    decorated: Callable[..., None] = with_handout
    for option in reversed(options):
        decorated = option(decorated)
    return decorated


def handout_options(command: Callable[..., None]) -> Callable[..., None]:
    """Add the handout options to a command, which gets them as one ``handout`` argument.

    ``--help`` lists them in the order of ``HANDOUT_OPTIONS``; ``HandoutOptions`` is made from
    them in one place, whichever command it is.
    """
    return _with_handout(command, HANDOUT_OPTIONS)


def branding_options(command: Callable[..., None]) -> Callable[..., None]:
    """The handout options but paper and print size (``--templates``, ``--org``, ``--logo``,
    ``--contact``, ``--base-url``), as one ``handout`` argument with the default paper."""
    return _with_handout(command, HANDOUT_OPTIONS[PRINTED_ON:])


HANDOUT_NAMES = ("paper", "large_print", "templates", "org", "logo", "contact", "base_url")
"""The parameters of ``HANDOUT_OPTIONS``: the fields of ``HandoutOptions``."""
FORMAT_CHOICE = click.Choice(defaults.FORMATS, case_sensitive=False)


def _jobs_option(command: Command) -> Command:
    return click.option(
        "--jobs",
        "-j",
        type=click.IntRange(min=1),
        help="Processes to spread the work over (default: one per core). "
        "The files are the same whatever the number.",
    )(command)


def _jobs(jobs: int | None) -> int:
    """The number of processes to use: as asked, else one per core."""
    import os

    return jobs or os.cpu_count() or 1


def _out_option(
    default: Path = defaults.OUT, help: str = "Folder to write into."
) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """``--out``: the folder a command writes into (or reads from), ``default`` if not given."""
    return click.option(
        "--out",
        type=click.Path(file_okay=False, path_type=Path),
        default=default,
        show_default=True,
        help=help,
    )


def _report(report: BuildReport) -> None:
    """Print what a build did, problems first; exit 1 if it failed."""
    from generator.i18n import ui_gettext as _

    for problem in report.problems:
        click.echo(str(problem), err=True)
    for written in report.written:
        click.echo(str(written))
    for removed in report.removed:
        click.echo(_("removed %(path)s (left by an earlier run)") % {"path": removed})
    for problem in report.read_back:
        click.echo(str(problem), err=True)
    if report.failed:
        sys.exit(1)


@cli.command(short_help="Build each guide's handout, HTML and text email, and .eml.")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@_out_option()
@click.option(
    "--format",
    "formats",
    multiple=True,
    type=FORMAT_CHOICE,
    help="Build only this format (repeat for several). Default: every format installed.",
)
@handout_options
@click.option(
    "--from",
    "sender",
    callback=_from_settings(_email_address),
    help="From address of the .eml, like 'Ann <ann@example.org>' "
    "(default: Guide sender <sender@example.invalid>).",
)
@click.option(
    "--to",
    "recipient",
    callback=_from_settings(_email_address),
    help="To address of the .eml (default: Reader <reader@example.invalid>).",
)
@click.option(
    "--story",
    is_flag=True,
    hidden=True,
    help="Also write the handout's intermediate XML story (for template authors).",
)
@_jobs_option
def build(
    paths: tuple[Path, ...],
    out: Path,
    formats: tuple[str, ...],
    handout: HandoutOptions,
    sender: str | None,
    recipient: str | None,
    story: bool,
    jobs: int | None,
) -> None:
    """Build handouts and emails for guides (files or folders; default: content/)."""
    from generator.build import build as run_build
    from generator.options import BuildOptions
    from generator.pipeline import available_formats

    options = BuildOptions.made_from(
        handout,
        out=out,
        formats=tuple(f.lower() for f in formats) or available_formats(),
        sender=sender,
        recipient=recipient,
        story=story,
    )
    _report(run_build(_paths(paths), options, today=clock.today(), jobs=_jobs(jobs)))


def _shown(path: Path) -> str:
    """A path as printed: control characters in a folder's name written as escapes."""
    from generator.text import printable

    return printable(str(path))


def _plain_path(context: click.Context, parameter: click.Parameter, value: Path | None) -> Any:
    """A file printed on a handout: not a pipe or a device, and its path holds no control
    character (XML cannot)."""
    from generator.text import ONE_LINE, hidden_character, printable

    hidden = hidden_character(str(value.resolve()) if value else "", allow=ONE_LINE)
    if hidden:
        raise click.BadParameter(
            f"{printable(str(value))}: the path contains {hidden[1]}: rename the file or folder"
        )
    typed = context.get_parameter_source(str(parameter.name)) is not _FROM_SETTINGS
    if typed and value is not None and value.is_dir():
        return value  # the logo's own check says a folder is not a picture, and what to give
    return _path_of_kind(value, "file")


def _path_of_kind(value: Path | None, wanted: str) -> Path | None:
    """The path, when it is the ``folder`` or the ``file`` wanted (a device is neither)."""
    from generator.options import path_kind_problem
    from generator.text import printable

    wrong = path_kind_problem(value, wanted) if value is not None else None
    if wrong:
        raise click.BadParameter(printable(wrong))
    return value


LONGEST_OPTION = {"org": 100, "title": 100, "contact": 200}
"""Longest --org, --title and --contact, in characters: each is printed on a line or two of
every page, which longer ones would fill (and build would refuse the whole guide for)."""


def _plain_text(context: click.Context, parameter: click.Parameter, value: str | None) -> Any:
    """Text printed on a handout: no control characters or invisible marks (U+202E)."""
    from generator.text import ONE_LINE, hidden_character, printable

    hidden = hidden_character(value or "", allow=ONE_LINE)
    if hidden:
        raise click.BadParameter(f"{printable(repr(value))} contains {hidden[1]}: delete it")
    longest = LONGEST_OPTION.get(str(parameter.name), 0)
    if value and longest and len(value) > longest:
        raise click.BadParameter(
            f"it is {len(value)} characters long: at most {longest} fit on the page"
        )
    return value


MIN_RATE = 0.1
"""Fewest messages a minute (one every ten minutes) a rate may ask for, 0 aside."""


def _rate(context: click.Context, parameter: click.Parameter, value: float) -> float:
    """A sending rate: 0 (no limit) or a real number of messages a minute, not nan or 1e-300."""
    import math

    if not math.isfinite(value) or 0 < value < MIN_RATE:
        raise click.BadParameter(
            f"{value} is not a rate: give 0 for no limit, or messages a minute from {MIN_RATE} up"
        )
    return value


def _start_time(context: click.Context, parameter: click.Parameter, value: str | None) -> Any:
    if value is None:
        return None
    match = re.fullmatch(r"\s*(\d{1,2})[:.](\d{2})\s*", value)
    if match and int(match.group(1)) < 24 and int(match.group(2)) < 60:
        return dt.time(int(match.group(1)), int(match.group(2)))
    raise click.BadParameter(f"{value!r} is not a time like 14:00 or 9:30")


@cli.command(short_help="Make a workshop pack: attendee pack and facilitator sheets.")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--title",
    callback=_from_settings(lambda c, p, v: _plain_text(c, p, v)),
    help="The workshop's title, for the cover and the sheets.",
)
@_out_option()
@handout_options
@click.option(
    "--layout",
    type=click.Choice(defaults.LAYOUTS, case_sensitive=False),
    default=defaults.LAYOUT,
    show_default=True,
    help="single: page by page; booklet: half-size pages to fold; two-up: two copies per sheet.",
)
@click.option(
    "--start",
    callback=_from_settings(_start_time),
    help="When the session starts (like 14:00), for the agenda.",
)
def workshop(
    paths: tuple[Path, ...],
    title: str | None,
    out: Path,
    handout: HandoutOptions,
    layout: str,
    start: dt.time | None,
) -> None:
    """Make a workshop pack from guides (files or folders; default: content/).

    Writes OUT/workshop/: the attendee pack (a cover, then each guide from a right-hand
    page), the facilitator sheet, the progress sheet and printing instructions.
    """
    from generator.workshop import WorkshopOptions, build_workshop

    options = WorkshopOptions.made_from(
        handout, out=out, title=title, layout=layout.lower(), start=start
    )
    _report(build_workshop(_paths(paths), options, today=clock.today()))


def _language_code(context: click.Context, parameter: click.Parameter, value: str | None) -> Any:
    """A language code like ``en``, ``en-GB`` or ``cy``."""
    if value is None:
        return None
    from generator.parse.frontmatter import LANG_TAG

    if not LANG_TAG.match(value):
        from generator.text import printable

        raise click.BadParameter(
            f"{printable(repr(value))} is not a language code: use one like en, en-GB, cy or pl"
        )
    return value


@cli.command(short_help="Make a website of every guide: pages, downloads, index and search.")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@_out_option(defaults.SITE_OUT, "Folder to write the site into (upload it as it is).")
@click.option(
    "--title",
    callback=lambda c, p, v: _plain_text(c, p, v),
    help="The site's name, on every page (default: 'Digital safety guides', translated).",
)
@click.option(
    "--lang",
    callback=lambda c, p, v: _language_code(c, p, v),
    help="Language of the index and the feed, like en or cy (default: that of most guides).",
)
@branding_options
@_jobs_option
def site(
    paths: tuple[Path, ...],
    out: Path,
    title: str | None,
    lang: str | None,
    handout: HandoutOptions,
    jobs: int | None,
) -> None:
    """Make a website of guides (files or folders; default: content/), ready to upload.

    One page per guide and language, with its handouts (A4, Letter, large print) and plain
    text to download, an index, a page per language, a search, an Atom feed and (with
    --base-url) a sitemap. A second run writes only what changed.
    """
    from generator.i18n import ui_gettext as _
    from generator.site import SiteOptions, build_site

    options = SiteOptions.made_from(handout, out=out, title=title, lang=lang)
    result = build_site(_paths(paths), options, today=clock.today(), jobs=_jobs(jobs))
    _report(result.report)  # exits 1 if anything failed: nothing was changed then
    click.echo(
        _("%(out)s: %(pages)s pages, %(files)s files; %(written)s written, %(same)s unchanged")
        % {
            "out": _shown(out),
            "pages": result.pages,
            "files": result.files,
            "written": len(result.report.written),
            "same": result.unchanged,
        }
    )
    if not options.base_url:
        click.echo(
            _("note: no sitemap.xml: a sitemap needs the site's address (give --base-url)"),
            err=True,
        )


@cli.command(short_help="Read built outputs back: every step and caveat, in order.")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@_out_option(help="Folder the outputs were built into.")
@click.option("--strict", is_flag=True, help="Treat warnings (like page-layout ones) as errors.")
def verify(paths: tuple[Path, ...], out: Path, strict: bool) -> None:
    """Read built outputs back: every step in order and every caveat must be there."""
    from generator.check import check_paths
    from generator.problems import strictly
    from generator.verify.outputs import verify_built

    result = check_paths(_paths(paths), today=clock.today())
    failed = bool(result.errors)
    for problem in result.errors:
        click.echo(str(problem), err=True)
    for guide in result.guides:
        checked, findings = verify_built(guide, out)
        if strict:
            findings = strictly(findings)
        bad = {finding.path for finding in findings if finding.is_error}
        for path in checked:
            if path not in bad:
                click.echo(
                    f"{_shown(path)}: ok (all {len(guide.steps)} steps in order, "
                    f"{len(guide.caveats)} caveats)"
                )
        for finding in findings:
            click.echo(str(finding), err=True)
        failed = failed or bool(bad)
    if failed:
        sys.exit(1)


@cli.command(short_help="Email a guide to each person on a list, the handout attached.")
@click.argument("guide_file", metavar="GUIDE", type=click.Path(path_type=Path))
@click.option(
    "--to",
    "to",
    metavar="CSV|ADDRESS",
    multiple=True,
    required=True,
    help='A CSV file of recipients, or one "Name <address>" (repeat for several).',
)
@click.option("--from", "sender", help='Your own address, like "Anna Smith <anna@example.com>".')
@click.option("--note", help="A short note of your own, shown above the guide.")
@click.option(
    "--note-file",
    type=click.Path(path_type=Path),
    help="A text file holding your note (blank lines between paragraphs).",
)
@click.option(
    "--outbox",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for the messages and the journal. Default: output/outbox/<guide>/.",
)
@click.option(
    "--send", "deliver", is_flag=True, help="Send them; without it, only fill the outbox."
)
@click.option("--smtp-host", help="Your mail server, like smtp.example.com.")
@click.option(
    "--smtp-port",
    type=click.IntRange(1, 65535),
    help="Its port (default: 587 with --starttls, 465 with --ssl, else 25).",
)
@click.option("--starttls", is_flag=True, help="Encrypt with STARTTLS (usually port 587).")
@click.option("--ssl", is_flag=True, help="Encrypt from the start (usually port 465).")
@click.option(
    "--smtp-user",
    help="Your login at the mail server. The password is read from GUIDE_SMTP_PASSWORD "
    "or asked for.",
)
@click.option(
    "--rate",
    type=click.FloatRange(min=0),
    callback=_from_settings(_rate),
    default=defaults.RATE,
    show_default=True,
    help="Messages a minute at most (0: no limit).",
)
@click.option(
    "--max",
    type=click.IntRange(min=1),
    default=defaults.MAX_MESSAGES,
    show_default=True,
    help="Messages a run at most; run again for the rest.",
)
@click.option(
    "--resend-uncertain",
    is_flag=True,
    help="Send again to those whose message may or may not have arrived.",
)
@click.option(
    "--resend-updated",
    is_flag=True,
    help="Send this version to those who got an earlier version of the guide.",
)
@handout_options
@_jobs_option
def send(
    guide_file: Path,
    to: tuple[str, ...],
    sender: str | None,
    note: str | None,
    note_file: Path | None,
    outbox: Path | None,
    deliver: bool,
    smtp_host: str | None,
    smtp_port: int | None,
    starttls: bool,
    ssl: bool,
    smtp_user: str | None,
    rate: float,
    max: int,
    resend_uncertain: bool,
    resend_updated: bool,
    handout: HandoutOptions,
    jobs: int | None,
) -> None:
    """Email a guide to each person on a list, greeted by name, the handout attached.

    Without --send the messages are only written to the outbox, to open and check in your
    mail program. With --send they are delivered, and a journal makes sure nobody ever
    gets two copies: run the same command again at any time to reach those not yet sent.
    """
    from generator.i18n import ui_gettext as _
    from generator.options import BuildOptions
    from generator.send.run import SendRequest
    from generator.send.smtp import DEFAULT_PORTS, SmtpSettings
    from generator.send.terminal import send_from_terminal

    if click.get_current_context().get_parameter_source("deliver") is (
        click.core.ParameterSource.DEFAULT_MAP
    ):
        why = _("'send' cannot be a default: type --send each time you mean it")
        _fail([f"guide.toml: error: {why}"])
    if starttls and ssl:
        why = _("give --starttls or --ssl, not both")
        _fail([f"error: {why}"])
    security = "ssl" if ssl else "starttls" if starttls else "plain"
    smtp = (
        SmtpSettings(smtp_host, smtp_port or DEFAULT_PORTS[security], security, smtp_user)
        if smtp_host
        else None
    )
    request = SendRequest(
        guide=guide_file,
        to=to,
        sender=sender,
        note=note,
        note_file=note_file,
        outbox=outbox,
        send=deliver,
        smtp=smtp,
        rate=rate,
        limit=max,
        resend_uncertain=resend_uncertain,
        resend_updated=resend_updated,
        options=BuildOptions.made_from(handout),
        jobs=_jobs(jobs),
    )
    sys.exit(send_from_terminal(request))


def _preview_settings(typed: dict[str, Any]) -> Callable[[], BuildOptions]:
    """Build options read afresh for each rebuild, so the preview shows what 'guide build' makes.

    guide.toml's settings for ``guide build`` (top-level keys and ``[build]``), then a
    ``[preview]`` table's where there is one, then the options typed.
    """
    import dataclasses

    from generator.options import BuildOptions, Settings
    from generator.problems import GuideError

    def settings() -> BuildOptions:
        config = Path("guide.toml")
        read = _settings(config) if config.exists() or config.is_symlink() else Settings()
        handout = read.handout_for_preview(typed)
        if handout.base_url and "base_url" not in typed:
            # Typed, click checked it; from guide.toml it is checked here, as 'guide build' does.
            try:
                base_url = _web_base(handout.base_url)
            except ValueError as error:
                raise GuideError(config, None, f"base-url: {error}") from None
            handout = dataclasses.replace(handout, base_url=base_url)
        return BuildOptions.made_from(handout)

    return settings


@cli.command(short_help="Show a guide's handout and email in the browser, live.")
@click.argument("path", required=False, type=click.Path(path_type=Path))
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=defaults.PORT,
    show_default=True,
    help="Port to serve on (0: any free one).",
)
@click.option(
    "--host",
    default=defaults.HOST,
    show_default=True,
    help="Address to serve on. Anything but 127.0.0.1 lets other computers see your guides.",
)
@click.option("--no-open", is_flag=True, help="Do not open a browser; only print the address.")
@handout_options
def preview(
    path: Path | None,
    port: int,
    host: str,
    no_open: bool,
    handout: HandoutOptions,
) -> None:
    """Show a guide (or a folder of guides; default: content/) in the browser, live.

    The page shows the handout's pages, the email at phone and computer widths, the plain
    text, and every problem with its file and line. Each save updates it. Ctrl+C stops.
    """
    from generator.i18n import ui_gettext as _
    from generator.preview import PreviewRun, is_loopback, serve_until_interrupted
    from generator.preview.watch import Watched

    target = path or DEFAULT_CONTENT
    if not target.exists():
        from generator.parse import no_such_guide

        _fail([f"{target}: error: {no_such_guide(target)}"])
    if not target.is_file() and not target.is_dir():
        from generator.files import NotAFile, kind_of, refusal

        # A pipe or a device is refused here as every other command refuses it.
        special = NotAFile(target, kind_of(target.stat().st_mode) or "other")
        _fail([f"{target}: error: cannot be read: {refusal(special)}"])
    if target.is_file():
        from generator.filekinds import Kind, file_kind
        from generator.parse import why_not_a_guide

        kind = file_kind(target)
        # An empty file, or one saved as UTF-16, can become a guide while the preview runs.
        wrong = why_not_a_guide(target, kind) if kind.kind not in (Kind.EMPTY, Kind.UTF16) else None
        if wrong:
            _fail([f"{target}: error: {wrong}"])
    context = click.get_current_context()
    typed = {
        name: value
        for name, value in context.params.items()
        if name in HANDOUT_NAMES
        and context.get_parameter_source(name) is click.core.ParameterSource.COMMANDLINE
    }
    settings = _preview_settings(typed)
    options = settings()
    watched = Watched(
        guides=target if target.is_dir() else target.parent,
        settings=Path("guide.toml"),
        templates=options.templates,
        logo=options.logo,
    )
    from generator.text import printable

    if not is_loopback(host):
        warning = _(
            "serving on {host}: anyone who can reach this computer can see your guides"
        ).format(host=host)
        click.echo(printable(f"warning: {warning}"), err=True)
    try:
        run = PreviewRun(target, settings, watched, host=host, port=port, report=click.echo)
    except OSError as exc:
        why = _("cannot serve on {host} port {port} ({reason}): try another --port").format(
            host=host, port=port, reason=exc.strerror or exc
        )
        _fail([f"error: {why}"])

    def announce() -> None:
        click.echo(printable(_("Previewing {path} at {url}").format(path=target, url=run.url)))
        click.echo(_("Press Ctrl+C to stop."))

    serve_until_interrupted(run, open_browser=not no_open, announce=announce)


def main() -> None:
    """Entry point of the ``guide`` console script."""
    cli(prog_name="guide")
