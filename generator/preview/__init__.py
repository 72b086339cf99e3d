"""``guide preview``: a local web page that shows a guide's handout, email and problems live.

``PreviewRun`` starts the web server and the file watcher in this process and stops both;
every rebuild reuses the warm process. Nothing here is imported until the command runs.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from generator.i18n import ui_gettext as _
from generator.options import BuildOptions
from generator.preview.server import PreviewServer
from generator.preview.state import Previewer
from generator.preview.watch import Unwatched, Watched, Watcher


def is_loopback(host: str) -> bool:
    """True when only this computer can reach an address."""
    import ipaddress

    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class PreviewRun:
    """A running preview: web server, file watcher, and the guides' builds in memory."""

    def __init__(
        self,
        target: Path,
        settings: Callable[[], BuildOptions],
        watched: Watched,
        host: str = "127.0.0.1",
        port: int = 0,
        report: Callable[[str], None] = print,
    ) -> None:
        folder = target if target.is_dir() else target.parent
        self.previewer = Previewer(folder, None if target.is_dir() else target, settings)
        self.report = report
        server_class = PreviewServer6 if ":" in host else PreviewServer
        self.server = server_class((host, port), self.previewer)
        self.server.failed = report
        self.watcher = Watcher(watched, self._changed, self._unwatched)
        # Daemon threads: even a stop that never ran cannot keep the process alive.
        self.serving = threading.Thread(
            target=self.server.serve_forever,
            kwargs={"poll_interval": 0.2},
            name="guide-preview",
            daemon=True,
        )

    @property
    def url(self) -> str:
        """The address to open in a browser, with the run's secret path (``/<token>/``)."""
        address = self.server.server_address
        host = address[0].decode() if isinstance(address[0], bytes) else str(address[0])
        port = address[1]
        shown = f"[{host}]" if ":" in host else host
        return f"http://{shown}:{port}{self.server.root}"

    def start(self) -> PreviewRun:
        """Start serving and watching; returns once changes are being watched.

        Ctrl+C cannot land between starting a thread and knowing it started (the signals wait
        a moment), so ``stop`` always knows what to stop; the wait for the watcher can be
        interrupted.
        """
        with _signals_held():
            self.serving.start()
            self.watcher.start()
        self.watcher.ready.wait(5)
        return self

    def stop(self) -> None:
        """Stop watching and serving; every thread of the preview has ended when this returns.

        Safe whatever ``start`` got to before it was interrupted.
        """
        self.previewer.close()
        if self.watcher.ident is not None:
            self.watcher.stop()
        if self.serving.ident is not None:
            self.server.shutdown()
            self.serving.join()
        self.server.server_close()

    def _unwatched(self, unwatched: list[Unwatched]) -> None:
        """Say in the terminal, and on every page, what changes cannot be followed."""
        from generator.problems import Problem, Severity

        problems = [
            Problem(
                each.folder,
                None,
                _("the preview does not follow changes here ({reason})").format(reason=each.reason),
                Severity.WARNING,
            )
            for each in unwatched
        ]
        for problem in problems:
            self.report(str(problem))
        self.previewer.unwatched(problems)

    def _changed(self, files: set[Path]) -> None:
        for path, entry in self.previewer.refresh(files):
            for problem in entry.problems:
                self.report(str(problem))
            if entry.stale:
                line = _("{path}: preview not updated: fix the problems above and save again")
            else:
                line = _("{path}: preview updated in {milliseconds} ms")
            self.report(line.format(path=path, milliseconds=round(entry.seconds * 1000)))


class PreviewServer6(PreviewServer):
    """The same server on an IPv6 address."""

    address_family = socket.AF_INET6


@contextmanager
def _signals_held() -> Iterator[None]:
    """Hold Ctrl+C and a polite kill until the block ends (where the system allows it)."""
    import signal

    if not hasattr(signal, "pthread_sigmask") or threading.current_thread() is not (
        threading.main_thread()
    ):
        yield
        return
    held = {signal.SIGINT, signal.SIGTERM}
    before = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)


def serve_until_interrupted(
    run: PreviewRun, open_browser: bool, announce: Callable[[], None] = lambda: None
) -> None:
    """Say so with ``announce``, run the preview until Ctrl+C (or a polite kill), then stop it.

    Ctrl+C at any moment after ``announce`` begins, even while the preview is still starting,
    stops it cleanly.
    """
    import signal

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    try:
        # Also SIGINT: a shell that starts a job in the background sets it to be ignored.
        signal.signal(signal.SIGTERM, interrupt)
        signal.signal(signal.SIGINT, interrupt)
        announce()
        run.start()
        if open_browser:
            import webbrowser

            webbrowser.open(run.url)
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass
    finally:
        run.stop()
