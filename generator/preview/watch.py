"""Which files a preview depends on, and a thread that rebuilds when one of them changes.

Change events come from ``watchfiles`` (the Rust ``notify`` library: inotify, FSEvents,
ReadDirectoryChangesW), not from polling by hand.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

GUIDE_SUFFIXES = (".md", ".png", ".jpg", ".jpeg")
"""Guides and their pictures."""


@dataclass(frozen=True)
class Watched:
    """What a preview depends on: the guides' folder, guide.toml, templates, the logo."""

    guides: Path
    settings: Path
    templates: Path | None
    logo: Path | None

    def roots(self) -> list[Path]:
        """The folders to watch: as few as cover everything (the working folder if it can)."""
        guides = self.guides.resolve()
        settings_folder = self.settings.resolve().parent
        wanted = [guides, settings_folder]
        if self.templates is not None:
            wanted.append(self.templates.resolve())
        if self.logo is not None:
            wanted.append(self.logo.resolve().parent)
        roots: list[Path] = []
        for folder in sorted(set(wanted), key=lambda path: len(path.parts)):
            if not any(folder.is_relative_to(root) for root in roots):
                roots.append(folder)
        return roots

    def matters(self, path: Path) -> bool:
        """True when a change to this file can change the preview."""
        if path.name.startswith((".", "#", "~")) or path.name.endswith("~"):
            return False  # editors' lock, swap and backup files
        if path == self.settings.resolve():
            return True
        if self.logo is not None and path == self.logo.resolve():
            return True
        if self.templates is not None and path.is_relative_to(self.templates.resolve()):
            return True
        return path.is_relative_to(self.guides.resolve()) and path.suffix.lower() in (
            GUIDE_SUFFIXES
        )


class Watcher(threading.Thread):
    """Calls ``changed`` with the files of each batch of changes that matter, until stopped."""

    def __init__(self, watched: Watched, changed: Callable[[set[Path]], None]) -> None:
        super().__init__(name="guide-preview-watcher", daemon=True)
        self.watched = watched
        self.changed = changed
        self.stopping = threading.Event()
        self.ready = threading.Event()

    def run(self) -> None:
        """Watch until ``stop``; each batch of changes that matter calls ``changed`` once."""
        import watchfiles

        def relevant(change: watchfiles.Change, name: str) -> bool:
            return self.watched.matters(Path(name))

        roots = [root for root in self.watched.roots() if root.is_dir()]
        # With yield_on_timeout an empty batch comes every rust_timeout ms: the first one says
        # that watching has begun, and each lets the thread notice that it should stop.
        for changes in watchfiles.watch(
            *roots,
            watch_filter=relevant,
            stop_event=self.stopping,
            debounce=400,
            step=30,
            yield_on_timeout=True,
            rust_timeout=200,
            raise_interrupt=False,
        ):
            self.ready.set()
            if self.stopping.is_set():
                return
            if changes:
                self.changed({Path(name) for _, name in changes})

    def stop(self) -> None:
        """Stop watching and wait for the thread to end."""
        self.stopping.set()
        self.join()
