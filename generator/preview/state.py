"""What the preview shows for each guide: the last good build, the problems, and whether it is old.

One ``Previewer`` lives for the whole ``guide preview`` run, so every rebuild reuses the
warm process: imports, fonts, compiled templates and catalogs are loaded once.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from generator import clock
from generator.i18n import ui_gettext as _
from generator.options import BuildOptions
from generator.problems import GuideError, Problem, has_errors

Variant = tuple[str, bool]
"""Paper (``a4`` or ``letter``) and large print: what the handout's page images depend on."""


@dataclass(frozen=True)
class Rendered:
    """One good build of a guide, ready to show."""

    title: str
    pages: tuple[bytes, ...]
    """The handout's pages as PNG images."""
    html: str
    """The email's HTML, its pictures referred to as ``<slug>-pictures/<file>``."""
    text: str
    """The email's plain text."""
    pictures: dict[str, bytes]
    """The email's pictures by their path relative to the HTML."""
    serial: int = 0
    """Different for every good build, so the page reloads pictures only when they change."""


@dataclass
class Entry:
    """The preview of one guide in one paper variant."""

    good: Rendered | None = None
    """The last build that worked, shown even while the guide is broken."""
    problems: tuple[Problem, ...] = ()
    """Problems of the latest attempt: check, read-back and warnings, each with its place."""
    stale: bool = False
    """True when the latest attempt failed, so ``good`` shows an older version."""
    seconds: float = 0.0
    """How long the latest attempt took, in seconds."""
    dirty: bool = True
    """True when something changed on disk since the latest attempt."""


@dataclass
class Previewer:
    """Builds guides on demand and again after every change, and tells waiting pages."""

    folder: Path
    """The folder whose guides can be chosen, or the one guide's folder."""
    only: Path | None
    """The single guide being previewed, when one file was named."""
    settings: Callable[[], BuildOptions]
    """Reads the build options afresh (guide.toml may have changed)."""
    today: Callable[[], dt.date] = clock.today
    generation: int = 0
    """Goes up by one after every rebuild that follows a change."""
    closing: bool = False
    entries: dict[tuple[Path, Variant], Entry] = field(default_factory=dict)
    latest: dict[Path, Variant] = field(default_factory=dict)
    """The variant each guide's page last asked for: the one on screen, rebuilt after a change."""
    changed: threading.Condition = field(default_factory=threading.Condition)
    building: threading.Lock = field(default_factory=threading.Lock)
    builds: int = 0
    """Good builds made so far; numbers each one."""
    watching: tuple[Problem, ...] = ()
    """What the watcher cannot follow (a folder it cannot read): shown on every page."""

    def unwatched(self, problems: Iterable[Problem]) -> None:
        """Say on every page what the watcher cannot follow (nothing: all is followed)."""
        with self.changed:
            self.watching = tuple(problems)
            self.generation += 1
            self.changed.notify_all()

    def guides(self) -> list[Path]:
        """The guide files that can be previewed, as found now."""
        from generator.parse import find_guides

        if self.only is not None:
            return [self.only]
        if not self.folder.is_dir():
            return []
        return find_guides([self.folder])

    def find(self, name: str) -> Path | None:
        """The guide with this file name, if it is one that may be previewed."""
        for path in self.guides():
            if path.name == name:
                return path
        return None

    def default_variant(self) -> Variant:
        """The paper and print size the page starts with: the options', else A4 regular."""
        try:
            options = self.settings()
        except GuideError:
            return ("a4", False)
        return (options.paper, options.large_print)

    def shown(self, path: Path) -> Variant:
        """The variant on screen for a guide: the one its page last asked for."""
        return self.latest.get(path) or self.default_variant()

    def entry(self, path: Path, variant: Variant, chosen: bool = True) -> Entry:
        """The preview of a guide, built now if it was never built or is out of date.

        ``chosen`` is for the page's own request, which says what is on screen; a picture or
        the email asked for by the page leaves that as it is.
        """
        with self.building:
            if chosen:
                self.latest[path] = variant
            entry = self.entries.setdefault((path, variant), Entry())
            if entry.dirty:
                self._rebuild(path, variant, entry)
            return entry

    def refresh(self, changed: Iterable[Path] = ()) -> list[tuple[Path, Entry]]:
        """After a change: rebuild what the open pages show, then wake them.

        A change to guides alone rebuilds only those guides; any other file (a picture,
        guide.toml, a template) rebuilds every guide on screen. Only the variant on screen is
        rebuilt; the others are forgotten and built again if asked for. Returns what was
        rebuilt, in order.
        """
        files = {path.resolve() for path in changed}
        only_guides = bool(files) and all(path.suffix.lower() == ".md" for path in files)

        def affected(path: Path) -> bool:
            return not only_guides or path.resolve() in files

        rebuilt: list[tuple[Path, Entry]] = []
        with self.building:
            for key in list(self.entries):
                path, variant = key
                if not affected(path):
                    continue
                if self.latest.get(path) == variant:
                    self.entries[key].dirty = True
                else:
                    del self.entries[key]
            for path, variant in sorted(self.latest.items()):
                if affected(path):
                    entry = self.entries.setdefault((path, variant), Entry())
                    self._rebuild(path, variant, entry)
                    rebuilt.append((path, entry))
        with self.changed:
            self.generation += 1
            self.changed.notify_all()
        return rebuilt

    def wait(self, seen: int, timeout: float) -> int:
        """Wait until the generation passes ``seen`` (or time runs out, or the run ends)."""
        with self.changed:
            self.changed.wait_for(lambda: self.generation != seen or self.closing, timeout)
            return self.generation

    def close(self) -> None:
        """Wake every waiting page so its connection can end."""
        with self.changed:
            self.closing = True
            self.changed.notify_all()

    def _rebuild(self, path: Path, variant: Variant, entry: Entry) -> None:
        started = time.perf_counter()
        try:
            rendered, problems = build_preview(path, self.settings, variant, self.today())
        except Exception as exc:  # a fault in the tool must not end the live preview
            why = _("the tool failed ({error}); please report this").format(error=repr(exc))
            rendered, problems = None, [Problem(path, None, why)]
        entry.problems = tuple(problems)
        entry.stale = rendered is None
        if rendered is not None:
            self.builds += 1
            entry.good = replace(rendered, serial=self.builds)
        entry.seconds = time.perf_counter() - started
        entry.dirty = False


PREVIEWED = ("pdf", "html", "txt")
"""The formats the preview shows: the handout's pages, the email and its plain text."""


def build_preview(
    path: Path, settings: Callable[[], BuildOptions], variant: Variant, today: dt.date
) -> tuple[Rendered | None, list[Problem]]:
    """Check one guide and render its handout pages, email and text, each read back.

    Returns what to show (None when the guide cannot be built) and every problem found.
    """
    from generator.pipeline import Pipeline
    from generator.preview.pages import page_images

    try:
        options = settings()
    except GuideError as error:
        return None, list(error.problems)
    paper, large_print = variant
    options = replace(options, paper=paper, large_print=large_print, story=False)
    pipeline = Pipeline(options, today)
    result = pipeline.check([path], trial_layout=True)
    problems = list(result.problems)
    if result.errors or not result.guides:
        return None, problems
    guide = result.guides[0]
    try:
        artifacts, found_back = pipeline.outputs(guide, PREVIEWED)
    except GuideError as error:
        return None, [*problems, *error.problems]
    problems.extend(found_back)
    found = {artifact.kind: artifact for artifact in artifacts if artifact.kind}
    if has_errors(problems):
        return None, problems
    pictures = {a.name: a.data for a in artifacts if a.kind is None}
    rendered = Rendered(
        title=guide.title,
        pages=page_images(found["pdf"].data),
        html=found["html"].data.decode("utf-8"),
        text=found["txt"].data.decode("utf-8"),
        pictures=pictures,
    )
    return rendered, problems
