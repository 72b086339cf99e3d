"""``guide site``: every guide as a web page, with its downloads, an index, search and feed.

The stages are the pipeline's (``generator.pipeline``), as for every command: guides are
checked first, and a guide with an error stops the whole site with nothing written. Each
guide edition's handouts (A4 and Letter, regular and large print) and plain text are
rendered and read back as ``guide build`` renders and reads its own; they are made again
only when the guide or the choices that shape them changed. Every page is made each time
and read back; only files whose bytes changed are published, all of them or none.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from generator import defaults
from generator.artifacts import Artifact
from generator.i18n import has_catalog, primary, shipped_languages
from generator.model import Guide
from generator.options import BuildOptions, HandoutOptions
from generator.parse.web_address import GUIDES_FOLDER
from generator.pipeline import BuildReport, Pipeline
from generator.problems import GuideError, Problem, has_errors
from generator.site.downloads import Made, editions, make_downloads, make_downloads_alone
from generator.site.plan import (
    HANDOUTS,
    Download,
    SitePlan,
    language_file,
    page_file,
    plan_site,
    search_file,
)
from generator.site.state import (
    RECORD,
    Record,
    digest,
    foreign_files,
    read_record,
    record_bytes,
    settings_fingerprint,
    still_there,
    tool_fingerprint,
)

ASSET_FILES = ("assets/site.js", "assets/search.js", "assets/icon.svg")
"""The site's scripts and icon, copied as they are from the template folders."""


@dataclass(frozen=True)
class SiteOptions(HandoutOptions):
    """Everything that changes what ``guide site`` writes: the handout's options (every paper
    and print size is made, whatever ``paper`` says), and more."""

    out: Path = defaults.SITE_OUT
    """The folder the site is written to."""
    title: str | None = None
    """The site's name; a translated "Digital safety guides" when not given."""
    lang: str | None = None
    """The language of the index and the feed; by default, that of most guides."""

    def handout_options(self) -> BuildOptions:
        """The options every download of the site is made with (paper and size vary)."""
        return BuildOptions.made_from(self, out=self.out, formats=("pdf", "txt"))


@dataclass
class SiteResult:
    """What ``guide site`` did."""

    report: BuildReport = field(default_factory=BuildReport)
    """Files written and removed, and every problem."""
    pages: int = 0
    """Pages in the site."""
    files: int = 0
    """Files in the site, pages included."""
    unchanged: int = 0
    """Files already there with the same bytes, left alone."""
    remade: int = 0
    """Guide editions whose downloads were made afresh."""


def build_site(
    paths: list[Path], options: SiteOptions, today: dt.date | None = None, jobs: int = 1
) -> SiteResult:
    """Check the guides, make the site, read it back, then write what changed."""
    from generator.parse.pictures import logo_problem
    from generator.site.search import pagefind_program

    result = SiteResult()
    report = result.report
    if options.lang is not None and not has_catalog(options.lang):
        report.problems.append(
            Problem.in_option(
                "--lang",
                f"the site's own words are not translated into '{options.lang}' yet: choose "
                f"one of {', '.join(shipped_languages())} (README, 'Adding a language', says "
                "how to add one)",
            )
        )
        return result
    foreign = foreign_files(options.out)
    if foreign:
        shown = ", ".join(foreign[:3]) + (", …" if len(foreign) > 3 else "")
        report.problems.append(
            Problem(
                options.out,
                None,
                f"this folder already holds files that 'guide site' did not write ({shown}): "
                "give --out a new or empty folder, so the site is never mixed with them and no "
                "file of yours is replaced",
            )
        )
        return result
    try:
        pagefind_program()
    except GuideError as error:
        report.problems.extend(error.problems)
        return result
    pipeline = Pipeline(options.handout_options(), today)
    # Each handout is laid out when it is made: check's trial layout would only repeat it.
    checked = pipeline.check(paths, trial_layout=False)
    report.problems.extend(checked.problems)
    if checked.errors or not checked.guides:
        return result
    logo = logo_problem(options.logo)
    if logo:
        report.problems.append(logo)
        return result
    try:
        _make(checked.guides, options, pipeline, result, jobs)
    except GuideError as error:
        report.problems.extend(error.problems)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        where = Path(exc.filename) if isinstance(exc.filename, str) else options.out
        report.problems.append(Problem(where, None, f"cannot write the site here ({reason})"))
    return result


def _make(
    guides: list[Guide], options: SiteOptions, pipeline: Pipeline, result: SiteResult, jobs: int
) -> None:
    from generator.site.pages import SitePages, SiteWords

    out = options.out
    plan = plan_site(guides, options.lang)
    earlier = read_record(out)
    record = Record()
    fingerprint = digest(
        tool_fingerprint(),
        settings_fingerprint(
            options.base_url, options.org, options.contact, options.logo, options.templates
        ),
    )
    files: dict[str, bytes] = {}
    downloads: dict[str, list[Download]] = {}
    fresh: dict[str, tuple[Guide, Artifact]] = {}
    to_make: list[Guide] = []
    for guide in plan.guides:
        key = digest(fingerprint, guide.name, guide.version)
        before = earlier.downloads.get(guide.name, {})
        listed = [Download(**entry) for entry in before.get("files", [])]
        if (
            before.get("key") == key
            and len(listed) == len(HANDOUTS) + 1
            and still_there(out, earlier.files, [d.file for d in listed])
        ):
            downloads[guide.name] = listed
            record.downloads[guide.name] = before
            for download in listed:
                record.files[download.file] = earlier.files[download.file]
        else:
            to_make.append(guide)
    for guide, made in zip(to_make, _make_downloads(to_make, pipeline, jobs), strict=True):
        if made.problems:
            raise GuideError.many(made.problems)
        downloads[guide.name] = made.downloads
        for artifact in made.files:
            files[artifact.name] = artifact.data
            fresh[artifact.name] = (guide, artifact)
        record.downloads[guide.name] = {
            "key": digest(fingerprint, guide.name, guide.version),
            "files": [download.__dict__ for download in made.downloads],
        }
    result.remade = len(to_make)

    pages = SitePages(
        plan,
        SiteWords(options.title, options.base_url, options.org, options.contact, options.templates),
    )
    by_language: dict[str, dict[str, bytes]] = {}
    for guide in plan.guides:
        page = pages.guide_page(guide, downloads[guide.name]).encode("utf-8")
        files[page_file(guide)] = page
        by_language.setdefault(primary(guide.lang), {})[page_file(guide)] = page
        files.update(_pictures(guide))
    files["index.html"] = pages.index_page().encode("utf-8")
    for code in plan.languages:
        if plan.in_language(code):
            files[language_file(code)] = pages.language_page(code).encode("utf-8")
        files[search_file(code)] = pages.search_page(code).encode("utf-8")
    files["assets/site.css"] = pages.stylesheet().encode("utf-8")
    for asset in ASSET_FILES:
        files[asset] = _asset(asset, options.templates)
    files["feed.xml"] = pages.feed().encode("utf-8")
    sitemap = pages.sitemap()
    if sitemap is not None:
        files["sitemap.xml"] = sitemap.encode("utf-8")
    _search(by_language, earlier, record, files, out)

    for path, data in files.items():
        record.files[path] = hashlib.sha256(data).hexdigest()
    every = set(record.files)
    changed = {
        path: data
        for path, data in files.items()
        if earlier.files.get(path) != record.files[path] or not _same(out / path, data)
    }
    result.pages = sum(1 for path in every if path.endswith(".html"))
    result.files = len(every)
    result.unchanged = len(every) - len(changed)
    site = _Site(pipeline, plan, options, files, fresh, every)
    _publish(site, changed, earlier, record, result.report)


def _make_downloads(guides: list[Guide], pipeline: Pipeline, jobs: int) -> list[Made]:
    """Every guide's downloads, in that many processes at once."""
    if jobs > 1 and len(guides) > 1:
        from generator.pipeline.workers import worker_pool

        count = len(guides)
        with worker_pool(min(jobs, count)) as pool:
            return list(
                pool.map(
                    make_downloads_alone,
                    guides,
                    [pipeline.options] * count,
                    [pipeline.today] * count,
                )
            )
    printed = editions(pipeline)
    return [make_downloads(guide, pipeline, printed) for guide in guides]


def _pictures(guide: Guide) -> dict[str, bytes]:
    """The guide's pictures, beside its page."""
    from generator.parse.web_address import page_folder
    from generator.render.pictures import email_pictures

    return {page_folder(guide.name) + p.file_name: p.data for p in email_pictures(guide)}


def _asset(name: str, templates: Path | None) -> bytes:
    """A script or picture as it is, from the user's template folder if it has one, else the
    bundled, read as a template is (only from inside its folder)."""
    from generator.render.environment import template_environment, template_text

    return template_text(template_environment(templates), f"site/{name}", templates).encode()


def _search(
    by_language: dict[str, dict[str, bytes]],
    earlier: Record,
    record: Record,
    files: dict[str, bytes],
    out: Path,
) -> None:
    """The search bundles: kept when no guide page changed, else made again."""
    from generator.site.search import search_bundles, search_version

    key = digest(
        search_version(),
        *[
            part
            for code in sorted(by_language)
            for path, page in sorted(by_language[code].items())
            for part in (code, path, page)
        ],
    )
    listed = list(earlier.search.get("files", []))
    if earlier.search.get("key") == key and listed and still_there(out, earlier.files, listed):
        record.search = earlier.search
        for path in listed:
            record.files[path] = earlier.files[path]
        return
    bundles = search_bundles(by_language)
    files.update(bundles)
    record.search = {"key": key, "files": sorted(bundles)}


def _same(path: Path, data: bytes) -> bool:
    """True when ``path`` already holds exactly ``data``."""
    try:
        if path.stat().st_size != len(data):
            return False
        return path.read_bytes() == data
    except OSError:
        return False


class _Site:
    """One run's site, as it will be: reads any of its files back."""

    def __init__(
        self,
        pipeline: Pipeline,
        plan: SitePlan,
        options: SiteOptions,
        files: dict[str, bytes],
        fresh: dict[str, tuple[Guide, Artifact]],
        every: set[str],
    ) -> None:
        from generator.site.readback import read_links

        self.pipeline = pipeline
        self.out = options.out
        self.files = files
        """Every file made in this run, by its path in the site."""
        self.base_url = options.base_url
        self.every = every
        """Every file of the site, those kept from an earlier run included."""
        self.fresh = fresh
        """The downloads made in this run, by path: read back as ``guide build`` reads its."""
        self.guides = {page_file(guide): guide for guide in plan.guides}
        # What each page links to and which parts it has, for the links of the others.
        self.links = {
            path: read_links(data.decode("utf-8"), options.base_url)
            for path, data in files.items()
            if path.endswith(".html")
        }

    def read_back(self, path: str, data: bytes) -> list[Problem]:
        """What reading one file of the site back finds: a page complete and its links all
        leading somewhere inside the site, a download as ``guide build`` reads its outputs."""
        from generator.site.readback import (
            guide_page_problems,
            page_link_problems,
            read_links,
            stylesheet_problems,
        )

        final = self.out / path
        if path.endswith(".html"):
            markup = data.decode("utf-8")
            links = read_links(markup, self.base_url)
            found = page_link_problems(path, links, self.links, self.every, self.out)
            if path in self.guides:
                found += guide_page_problems(self.guides[path], markup, final)
            return found
        if path.endswith(".css"):
            return stylesheet_problems(data.decode("utf-8"), path, self.every, self.out)
        if path in self.fresh:
            guide, artifact = self.fresh[path]
            return self.pipeline.read_back(guide, artifact, data, final)
        return []


def _publish(
    site: _Site,
    changed: dict[str, bytes],
    earlier: Record,
    record: Record,
    report: BuildReport,
) -> None:
    """Read the site back, then publish every changed file through the pipeline: all of them,
    read back from the disk, or none.

    The files already in place are read back first, from memory (they hold the same bytes).
    The record goes into place before any other file, naming every file this run may leave
    (the new ones and the old ones still to remove), so a run stopped at any moment leaves a
    folder the next run recognises as a site and tidies up.
    """
    from generator.publish import sweep_parts, write_atomic

    out = site.out
    # What a stopped run left (it had no time to clean up), wherever in the site it was.
    for folder in sorted({(out / path).parent for path in site.every | set(earlier.files)}):
        sweep_parts(folder)
    # Made again but the same as the file in place: read back from memory, the same bytes.
    kept = [path for path in sorted(site.files) if path not in changed]
    problems = [problem for path in kept for problem in site.read_back(path, site.files[path])]
    if has_errors(problems):
        problems += [p for path in sorted(changed) for p in site.read_back(path, changed[path])]
        report.read_back.extend(problems)
        return
    report.read_back.extend(problems)
    stale = {path: sha for path, sha in earlier.files.items() if path not in site.every}
    naming = Record(record.downloads, record.search, {**stale, **record.files})
    artifacts = [Artifact(RECORD, record_bytes(naming), None)] if changed else []
    artifacts += [
        Artifact(path, changed[path], None, _detail(site, path))
        for path in sorted(changed, key=_renaming_order)
    ]

    def verify(artifact: Artifact, data: bytes, final: Path) -> list[Problem]:
        return [] if artifact.name == RECORD else site.read_back(artifact.name, data)

    staged = BuildReport()
    published = site.pipeline.publish(artifacts, out, verify, staged)
    report.read_back.extend(staged.read_back)
    report.written.extend(w for w in staged.written if w.path.name != RECORD)
    if has_errors(published.problems):
        return
    for path in sorted(stale):
        _remove(out, path, report)
    data = record_bytes(record)
    if not _same(out / RECORD, data):
        write_atomic(out / RECORD, data)


def _detail(site: _Site, path: str) -> str:
    """The few words the summary line gives a download (``3 pages``)."""
    made = site.fresh.get(path)
    return made[1].detail if made else ""


def _renaming_order(path: str) -> tuple[int, str]:
    """Files that others name go into place first: downloads, pictures, the stylesheet and the
    search index's pieces, then the index's entry file, guide pages, and the lists and feeds
    that link to them; a run stopped between two renames leaves no link leading to nothing."""
    if path.endswith("pagefind-entry.json"):
        return 1, path
    if path.startswith(GUIDES_FOLDER + "/") and path.endswith("/index.html"):
        return 2, path
    if path.endswith((".html", ".xml")):
        return 3, path
    return 0, path


def _remove(out: Path, path: str, report: BuildReport) -> None:
    """Remove a file an earlier run wrote that the site no longer has, and emptied folders."""
    target = out / path
    try:
        target.unlink()
    except OSError:
        return
    report.removed.append(target)
    folder = target.parent
    while folder != out and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent
