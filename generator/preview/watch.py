"""Which files a preview depends on, and a thread that rebuilds when one of them changes.

Change events come from ``watchfiles`` (the Rust ``notify`` library: inotify, FSEvents,
ReadDirectoryChangesW), not from polling by hand. Only the folders that hold what the preview
shows are watched, each on its own (never a whole tree): the guides' folder and the folders
under it where pictures may be, the folder of ``guide.toml``, the templates folder and its
folders, the logo's folder. A folder that cannot be read is said (in the terminal and on the
page) and left out; if watching fails altogether it is said, and tried again.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from generator.files import refusal

GUIDE_SUFFIXES = (".md", ".png", ".jpg", ".jpeg")
"""Guides and their pictures."""
MAX_DEPTH = 3
"""Folders below the guides' (or templates') folder that are watched: pictures sit in
``pictures/`` or a folder or two deeper, templates in ``handout/`` or ``email/``."""
MAX_FOLDERS = 100
"""Most folders watched under one folder: enough for any guide kit, never a whole disk."""
RETRY = 2.0
"""Seconds before watching is tried again after it failed."""
SKIPPED = frozenset({"__pycache__", "node_modules", "lost+found", "output"})
"""Folders never holding a guide's picture or a template, never descended into."""


@dataclass(frozen=True)
class Unwatched:
    """A folder the preview cannot follow, and why, in a few words."""

    folder: Path
    reason: str


@dataclass(frozen=True)
class Watched:
    """What a preview depends on: the guides' folder, guide.toml, templates, the logo."""

    guides: Path
    settings: Path
    templates: Path | None
    logo: Path | None

    def folders(self) -> tuple[list[Path], list[Unwatched]]:
        """The folders to watch, each on its own, and those that cannot be (with why)."""
        unwatched: list[Unwatched] = []
        wanted: list[Path] = []
        wanted += _tree(self.guides, unwatched)
        wanted += _one(self.settings.absolute().parent, unwatched)
        if self.templates is not None:
            wanted += _tree(self.templates, unwatched)
        if self.logo is not None:
            wanted += _one(self.logo.absolute().parent, unwatched)
        return sorted(set(wanted)), unwatched

    def matters(self, path: Path) -> bool:
        """True when a change to this file can change the preview."""
        if path.name.startswith((".", "#", "~")) or path.name.endswith("~"):
            return False  # editors' lock, swap and backup files
        if path == _real(self.settings):
            return True
        if self.logo is not None and path == _real(self.logo):
            return True
        if self.templates is not None and path.is_relative_to(_real(self.templates)):
            return True
        return path.is_relative_to(_real(self.guides)) and path.suffix.lower() in (GUIDE_SUFFIXES)


def _real(path: Path) -> Path:
    """Where a path leads, as far as it can be followed (a link in a circle: as it is)."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return path.absolute()


def _one(folder: Path, unwatched: list[Unwatched]) -> list[Path]:
    """A folder to watch on its own (its files only), if it can be read."""
    real = _real(folder)
    if not _utf8(real):
        unwatched.append(Unwatched(folder, _not_utf8()))
        return []
    try:
        with os.scandir(real):
            pass
    except OSError as error:
        unwatched.append(Unwatched(folder, refusal(error)))
        return []
    return [real]


def _tree(root: Path, unwatched: list[Unwatched]) -> list[Path]:
    """A folder and the folders under it, nearest first: ``MAX_DEPTH`` deep, ``MAX_FOLDERS``
    at most.

    Links to folders are not followed (a picture must be inside the guide's own folder, so a
    linked folder elsewhere holds none it may use: a link to ``/proc`` is never entered), nor
    are hidden folders and ``SKIPPED`` ones.
    """
    from collections import deque

    from generator.i18n import ui_gettext as _

    found: list[Path] = []
    waiting = deque([(_real(root), 0)])
    while waiting:
        folder, depth = waiting.popleft()
        if len(found) >= MAX_FOLDERS:
            unwatched.append(
                Unwatched(
                    root,
                    _(
                        "it holds more than {count} folders: only the {count} nearest it are "
                        "followed"
                    ).format(count=MAX_FOLDERS),
                )
            )
            break
        try:
            with os.scandir(folder) as entries:
                children = sorted(
                    Path(entry.path)
                    for entry in entries
                    if depth < MAX_DEPTH
                    and entry.is_dir(follow_symlinks=False)
                    and not entry.name.startswith((".", "_"))
                    and entry.name not in SKIPPED
                )
        except OSError as error:
            unwatched.append(Unwatched(folder, refusal(error)))
            continue
        found.append(folder)
        for child in children:
            if _utf8(child):
                waiting.append((child, depth + 1))
            else:  # the watching library takes only UTF-8 names: said once, the rest watched
                unwatched.append(Unwatched(child, _not_utf8()))
    return found


def _not_utf8() -> str:
    """Why a folder with a name of other bytes is not watched (watchfiles takes UTF-8 only)."""
    from generator.i18n import ui_gettext as _

    return _("its name is not UTF-8 text, which the preview cannot follow: rename the folder")


def _utf8(path: Path) -> bool:
    """True when ``path`` can be written as UTF-8 (a name of other bytes cannot)."""
    try:
        str(path).encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


class Watcher(threading.Thread):
    """Calls ``changed`` with the files of each batch of changes that matter, until stopped.

    ``trouble`` is called with what cannot be followed (an empty list once all is well
    again): a folder that cannot be read, or watching itself failing.
    """

    def __init__(
        self,
        watched: Watched,
        changed: Callable[[set[Path]], None],
        trouble: Callable[[list[Unwatched]], None] = lambda unwatched: None,
    ) -> None:
        super().__init__(name="guide-preview-watcher", daemon=True)
        self.watched = watched
        self.changed = changed
        self.trouble = trouble
        self.stopping = threading.Event()
        self.ready = threading.Event()
        self._said: list[Unwatched] = []

    def run(self) -> None:
        """Watch until ``stop``; each batch of changes that matters calls ``changed`` once.

        The folders are looked at again after each batch (a new ``pictures/`` folder is
        watched from then on); nothing that goes wrong ends the thread unsaid.
        """
        from generator.i18n import ui_gettext as _

        while not self.stopping.is_set():
            folders, unwatched = self.watched.folders()
            try:
                self._say(unwatched)
                self._watch(folders)
            except Exception as error:  # the watcher must never end in silence
                if self.watched.folders()[0] != folders:
                    continue  # a folder went while watching began: watch what is there now
                reason = f"{type(error).__name__}: {error}"[:200]
                self._say(
                    [
                        *unwatched,
                        Unwatched(
                            self.watched.guides,
                            _("{reason}; trying again").format(reason=reason),
                        ),
                    ]
                )
                self.ready.set()
                self._pause(RETRY)

    def _watch(self, folders: list[Path]) -> None:
        """Watch ``folders`` until stopped, or until the folders to watch are not these."""
        import watchfiles

        if not folders:
            self.ready.set()
            self._pause(RETRY)
            return
        # With yield_on_timeout an empty batch comes every rust_timeout ms: the first one says
        # that watching has begun, and each lets the thread notice that it should stop.
        for changes in watchfiles.watch(
            *folders,
            watch_filter=None,
            recursive=False,
            stop_event=self.stopping,
            debounce=400,
            step=30,
            yield_on_timeout=True,
            rust_timeout=200,
            raise_interrupt=False,
            ignore_permission_denied=True,
        ):
            self.ready.set()
            if self.stopping.is_set():
                return
            if not changes:
                continue
            files = {Path(name) for _, name in changes}
            now, unwatched = self.watched.folders()
            # A new folder is rebuilt for too: a picture may have been saved into it before
            # it was watched.
            mattering = {path for path in files if self.watched.matters(path)}
            mattering |= set(now) - set(folders)
            if mattering:
                self.changed(mattering)
            self._say(unwatched)
            if now != folders:
                return  # a folder came or went: watch the new set

    def _pause(self, seconds: float) -> None:
        """Wait ``seconds`` before trying again, or less if the preview stops meanwhile."""
        # Short sleeps, not Event.wait(seconds): a lock's time-out is an absolute time on the
        # monotonic clock, which a shifted clock (faketime) puts out of reach.
        deadline = time.monotonic() + seconds
        while not self.stopping.is_set() and time.monotonic() < deadline:
            time.sleep(0.05)

    def _say(self, unwatched: list[Unwatched]) -> None:
        """Tell ``trouble`` what cannot be followed, when that is not what was said last."""
        if unwatched != self._said:
            self._said = unwatched
            self.trouble(unwatched)

    def stop(self) -> None:
        """Stop watching and wait (a few seconds at most) for the thread to end."""
        self.stopping.set()
        self.join(10)
