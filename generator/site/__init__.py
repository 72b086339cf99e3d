"""``guide site``: every guide as a web page, with its downloads, an index, search and feed.

Guides are checked first; a guide with an error stops the whole site and nothing is written.
Each guide edition's handouts (A4 and Letter, regular and large print) and plain text are
made by the build's renderers and read back like any build; they are made again only when
the guide or the choices that shape them changed. Every page is made each time and read
back; only files whose bytes changed are written, all of them at once at the end.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path

from generator.artifacts import BuildOptions
from generator.errors import GuideError, Problem
from generator.i18n import has_catalog, primary, shipped_languages
from generator.model import Guide
from generator.site.downloads import Made, make_downloads, make_downloads_alone
from generator.site.outputs import BuildReport, Finding, Written, flush_to_disk, stage
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
from generator.web_address import GUIDES_FOLDER

ASSET_FILES = ("assets/site.js", "assets/search.js", "assets/icon.svg")
"""The site's scripts and icon, copied as they are from the template folders."""


@dataclass(frozen=True)
class SiteOptions:
    """Everything that changes what ``guide site`` writes."""

    out: Path = Path("site")
    """The folder the site is written to."""
    base_url: str | None = None
    """The address the site is published at, ending in ``/``; handouts point there."""
    title: str | None = None
    """The site's name; a translated "Digital safety guides" when not given."""
    lang: str | None = None
    """The language of the index and the feed; by default, that of most guides."""
    templates: Path | None = None
    """A folder searched before the bundled templates."""
    org: str | None = None
    """The organisation's name, on every page and handout."""
    logo: Path | None = None
    """The organisation's logo, on every handout."""
    contact: str | None = None
    """How to reach the organisation, on every page and handout."""

    def handout_options(self) -> BuildOptions:
        """The options every handout of the site is made with (paper and size vary)."""
        return BuildOptions(
            out=self.out,
            formats=("pdf", "txt"),
            templates=self.templates,
            org=self.org,
            logo=self.logo,
            contact=self.contact,
            base_url=self.base_url,
        )


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
    from generator.check import check_paths
    from generator.site.search import pagefind_program

    result = SiteResult()
    report = result.report
    if options.lang is not None and not has_catalog(options.lang):
        report.problems.append(
            Problem(
                Path("--lang"),
                None,
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
    checked = check_paths(paths, today=today, trial_layout=False)
    report.problems.extend(checked.problems)
    if checked.errors or not checked.guides:
        return result
    from generator.parse.pictures import logo_problem

    logo = logo_problem(options.logo)
    if logo:
        report.problems.append(logo)
        return result
    try:
        _make(checked.guides, options, result, jobs)
    except GuideError as error:
        report.problems.extend(error.problems)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        where = Path(exc.filename) if isinstance(exc.filename, str) else options.out
        report.problems.append(Problem(where, None, f"cannot write the site here ({reason})"))
    return result


def _make(guides: list[Guide], options: SiteOptions, result: SiteResult, jobs: int) -> None:
    from generator.site.pages import SitePages, SiteWords

    out = options.out
    plan = plan_site(guides, options.lang)
    earlier = read_record(out)
    record = Record()
    handouts = options.handout_options()
    fingerprint = digest(
        tool_fingerprint(),
        settings_fingerprint(
            options.base_url, options.org, options.contact, options.logo, options.templates
        ),
    )
    files: dict[str, bytes] = {}
    downloads: dict[str, list[Download]] = {}
    fresh: set[str] = set()
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
    for guide, made in zip(to_make, _make_downloads(to_make, handouts, jobs), strict=True):
        if made.problems:
            raise GuideError.many(made.problems)
        downloads[guide.name] = made.downloads
        files.update(made.files)
        fresh.update(made.files)
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
    _publish(plan, options, changed, files, fresh, every, earlier, record, result)


def _make_downloads(guides: list[Guide], options: BuildOptions, jobs: int) -> list[Made]:
    """Every guide's downloads, in that many processes at once."""
    if jobs > 1 and len(guides) > 1:
        from generator.workers import worker_pool

        with worker_pool(min(jobs, len(guides))) as pool:
            return list(pool.map(make_downloads_alone, guides, [options] * len(guides)))
    return [make_downloads(guide, options) for guide in guides]


def _pictures(guide: Guide) -> dict[str, bytes]:
    """The guide's pictures, beside its page."""
    from generator.render.pictures import email_pictures
    from generator.web_address import page_folder

    return {page_folder(guide.name) + p.file_name: p.data for p in email_pictures(guide)}


def _asset(name: str, templates: Path | None) -> bytes:
    """A script as it is, from the user's template folder if it has one, else the bundled."""
    from generator.render.environment import BUNDLED

    for folder in (templates, BUNDLED):
        if folder is not None and (folder / "site" / name).is_file():
            return (folder / "site" / name).read_bytes()
    raise GuideError(BUNDLED / "site" / name, None, "the site's script is missing")


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


def _publish(
    plan: SitePlan,
    options: SiteOptions,
    changed: dict[str, bytes],
    files: dict[str, bytes],
    fresh: set[str],
    every: set[str],
    earlier: Record,
    record: Record,
    result: SiteResult,
) -> None:
    """Stage every changed file, read the site back, then rename them all into place.

    The record is written first, naming every file this run may leave (the new ones and the
    old ones still to remove), so a run stopped at any moment leaves a folder the next run
    recognises as a site and tidies up; it is put back as it was if nothing is published.
    """
    from generator.site.outputs import sweep_parts, verify_output
    from generator.site.readback import (
        PageLinks,
        guide_page_findings,
        link_findings,
        read_links,
        stylesheet_findings,
    )

    out = options.out
    report = result.report
    staged: dict[str, Path] = {}
    # Folders made only to stage files go again if nothing is published.
    folders = {(out / path).parent for path in changed} | {out}
    missing = sorted(
        {f for folder in folders for f in (folder, *folder.parents) if not f.exists()},
        key=lambda folder: len(folder.parts),
        reverse=True,
    )
    before = _read(out / RECORD)
    stale = {path: digest for path, digest in earlier.files.items() if path not in every}
    renaming = published = False
    try:
        # What a stopped run left (it had no time to clean up), wherever in the site it was.
        for folder in sorted({(out / path).parent for path in every | set(earlier.files)}):
            sweep_parts(folder)
        _write_record(out, Record(record.downloads, record.search, {**stale, **record.files}))
        for path, data in sorted(changed.items()):
            staged[path] = stage(out / path, data, durable=False)
        findings: list[Finding] = []
        links: dict[str, PageLinks] = {}
        guides = {page_file(guide): guide for guide in plan.guides}
        for path in sorted(every):
            if not path.endswith(".html"):
                continue
            data = staged[path].read_bytes() if path in staged else files[path]
            markup = data.decode("utf-8")
            links[path] = read_links(markup, options.base_url)
            if path in guides:
                findings += guide_page_findings(guides[path], markup, out / path)
        for guide in plan.guides:
            for download in _downloads_of(record, guide):
                if download.file in fresh:
                    kind = "txt" if download.kind == "txt" else "pdf"
                    data = (
                        staged[download.file].read_bytes()
                        if download.file in staged
                        else files[download.file]
                    )
                    findings += verify_output(guide, kind, data, out / download.file)
                    findings += _address_findings(guide, options, kind, data, out / download.file)
        findings += link_findings(links, every, out)
        for path in sorted(every):
            if path.endswith(".css"):
                data = staged[path].read_bytes() if path in staged else files[path]
                findings += stylesheet_findings(data.decode("utf-8"), path, every, out)
        report.findings.extend(findings)
        if any(finding.severity == "error" for finding in findings):
            return
        flush_to_disk(list(staged.values()))
        renaming = True
        for path in sorted(staged, key=_renaming_order):
            os.replace(staged[path], out / path)
            report.written.append(Written(out / path, len(changed[path]), ""))
        published = True
    finally:
        for temp in staged.values():
            temp.unlink(missing_ok=True)
        if not renaming:
            _put_back(out / RECORD, before)
            import contextlib

            for folder in missing:
                with contextlib.suppress(OSError):
                    folder.rmdir()
    if published:
        for path in sorted(stale):
            _remove(out, path, report)
        _write_record(out, record)


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


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


def _write_record(out: Path, record: Record) -> None:
    """Write the record unless it already says exactly this."""
    data = record_bytes(record)
    if not _same(out / RECORD, data):
        os.replace(stage(out / RECORD, data), out / RECORD)


def _put_back(path: Path, data: bytes | None) -> None:
    """The record as it was before this run (none, if there was none)."""
    if data is None:
        path.unlink(missing_ok=True)
    elif not _same(path, data):
        os.replace(stage(path, data), path)


def _downloads_of(record: Record, guide: Guide) -> list[Download]:
    return [Download(**entry) for entry in record.downloads[guide.name]["files"]]


def _address_findings(
    guide: Guide, options: SiteOptions, kind: str, data: bytes, path: Path
) -> list[Finding]:
    """With a base address, a download must print the guide's address on the web."""
    if not options.base_url:
        return []
    from generator.site.outputs import text_of_pdf

    address = options.handout_options().web_address(guide.name) or ""
    text = text_of_pdf(data) if kind == "pdf" else data.decode("utf-8-sig")
    # PDFium reports a hyphen that ends a line as U+FFFE; the address breaks after one.
    if address in "".join(text.replace("\ufffe", "-").split()):
        return []
    return [
        Finding(
            path,
            f"it does not give the guide's address on the web ({address}): a template may "
            "leave out the 'web' block",
        )
    ]


def _remove(out: Path, path: str, report: BuildReport) -> None:
    """Remove a file an earlier run wrote that the site no longer has, and emptied folders."""
    target = out / path
    try:
        target.unlink()
    except FileNotFoundError:
        return
    except OSError:
        return
    report.removed.append(target)
    folder = target.parent
    while folder != out and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent
