"""The preview's small web server: the standard library's ThreadingHTTPServer.

Routes, all answered from memory (nothing is fetched from the internet); every one but the
first two starts with the run's own secret, ``/<token>/``, a random word made at start:

- ``/``: a browser opening the preview is sent on to ``/<token>/``;
- ``/favicon.ico``: nothing (204): the pages carry their own icon;
- ``/<token>/``: the guide, or the list of guides to choose from;
- ``/<token>/g/<file>/``: the preview page of one guide (inline CSS and script);
- ``/<token>/g/<file>/state?paper=a4&large=0``: what the page shows, as JSON;
- ``/<token>/g/<file>/page-<n>.png?paper=a4&large=0``: a handout page as a picture;
- ``/<token>/g/<file>/email.html`` and ``…/<slug>-pictures/<name>``: the email, its pictures;
- ``/<token>/events``: server-sent events, one ``data: <generation>`` after every rebuild.

Only this server's own pages may use what it sends. A web page open elsewhere in the same
browser cannot load a guide's page picture to learn its name, pages or paper: a request
another site makes (``Sec-Fetch-Site``) is refused, every answer says
``Cross-Origin-Resource-Policy: same-origin``, and without the token no path is found at
all. A file name that is not UTF-8 is served by its bytes (``%FF``) and shown with a
replacement mark.
"""

from __future__ import annotations

import contextlib
import json
import re
import socket
import socketserver
import threading
from collections.abc import Callable
from functools import lru_cache
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from generator.preview.page import guide_list_page, preview_page, url_name
from generator.preview.state import Entry, Previewer, Variant

HEARTBEAT = 10.0
"""Seconds between keep-alive comments on an idle event stream."""

GUIDE_ROUTE = re.compile(r"^/g/([^/]+)/(.*)$")
PAGE_ROUTE = re.compile(r"^page-([1-9][0-9]{0,5})\.png$")
"""A page picture: the number as written by the page (no guide has a million pages)."""
CLOSING_WAIT = 5.0
"""Seconds a request still being answered is waited for when the preview stops."""
SAME_ORIGIN = ("same-origin", "none")
"""``Sec-Fetch-Site`` values of requests this server's own pages (or the person) make."""


class PreviewServer(ThreadingHTTPServer):
    """An HTTP server that knows its previewer; on close every connection is cut and every
    request thread is waited for (a few seconds at most)."""

    daemon_threads = True

    def __init__(self, address: tuple[str, int], previewer: Previewer) -> None:
        import secrets

        self.previewer = previewer
        self.token = secrets.token_urlsafe(16)
        """The run's secret, the first part of every path; a page elsewhere cannot guess it."""
        self.failed: Callable[[str], None] = lambda line: None
        """Where a line goes when answering a request failed (the terminal)."""
        self._open: set[socket.socket] = set()
        self._workers: list[threading.Thread] = []
        self._guard = threading.Lock()
        super().__init__(address, PreviewHandler)

    @property
    def root(self) -> str:
        """The path every page and file of this run is under: ``/<token>/``."""
        return f"/{self.token}/"

    def process_request(self, request: Any, client_address: Any) -> None:
        """Answer in a thread of its own, kept track of so that closing can wait for it."""
        thread = threading.Thread(
            target=self.process_request_thread,
            args=(request, client_address),
            name="guide-preview-request",
            daemon=True,  # a request still stuck after the wait cannot keep the process alive
        )
        with self._guard:
            self._open.add(request)
            self._workers = [worker for worker in self._workers if worker.is_alive()]
            self._workers.append(thread)
        thread.start()

    def shutdown_request(self, request: Any) -> None:
        with self._guard:
            self._open.discard(request)
        super().shutdown_request(request)

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A connection that broke is nothing to say; anything else is one line, not a trace."""
        import sys

        error = sys.exception()
        if isinstance(error, OSError):
            return
        self.failed(f"the preview could not answer a request ({type(error).__name__}: {error})")

    def server_close(self) -> None:
        """Stop listening, cut every open connection (a slow client keeps nothing running)
        and wait a few seconds at most for the requests being answered."""
        import time

        with self._guard:
            for connection in list(self._open):
                with contextlib.suppress(OSError):
                    connection.shutdown(socket.SHUT_RDWR)
        socketserver.TCPServer.server_close(self)
        deadline = time.monotonic() + CLOSING_WAIT
        with self._guard:
            workers = list(self._workers)
        for thread in workers:
            thread.join(max(0.0, deadline - time.monotonic()))


class PreviewHandler(BaseHTTPRequestHandler):
    """Answers the preview page's requests."""

    server: PreviewServer
    timeout = 5.0
    """A connection that sends nothing for this long is closed, so shutting down never hangs."""

    def log_message(self, format: str, *args: Any) -> None:
        """Requests are not logged: the terminal is for the guide's problems."""

    def do_GET(self) -> None:
        """Answer one request; a fault in the tool is one line in the terminal, never a trace."""
        try:
            self._answer()
        except (BrokenPipeError, ConnectionResetError, TimeoutError):
            pass
        except Exception as exc:
            from generator.i18n import ui_gettext as _

            self.server.failed(
                _("the preview could not answer a request ({error}); please report this").format(
                    error=f"{type(exc).__name__}: {exc}"[:200]
                )
            )
            self._send(b"the preview failed", "text/plain; charset=utf-8", HTTPStatus(500))

    def _answer(self) -> None:
        if not self._host_allowed():
            # A web page elsewhere whose name points at 127.0.0.1 must not read the guides.
            self._send(b"wrong host", "text/plain; charset=utf-8", HTTPStatus.FORBIDDEN)
            return
        url = urlsplit(self.path)
        if not self._site_allowed():
            # Another web site open in the same browser (an <img>, a fetch, a frame).
            self._send(b"not from this page", "text/plain; charset=utf-8", HTTPStatus.FORBIDDEN)
            return
        if url.path == "/favicon.ico":
            # The pages carry their own icon; a browser asking anyway gets no error.
            self.send_response(HTTPStatus.NO_CONTENT)
            self.send_header("Cache-Control", "max-age=86400")
            self._common_headers()
            self.end_headers()
            return
        root = self.server.root
        if url.path in ("/", root.rstrip("/")):
            self._redirect(root)
            return
        if not url.path.startswith(root):
            self._send(b"not found", "text/plain; charset=utf-8", HTTPStatus.NOT_FOUND)
            return
        self._route("/" + url.path[len(root) :], parse_qs(url.query))

    def _route(self, path: str, query: dict[str, list[str]]) -> None:
        """Answer a request for ``path`` under the run's root."""
        previewer = self.server.previewer
        root = self.server.root
        if path == "/events":
            self._events()
            return
        if path == "/":
            guides = previewer.guides()
            if len(guides) == 1:
                self._redirect(f"{root}g/{url_name(guides[0].name)}/")
            else:
                page = guide_list_page(guides, previewer.folder, root)
                self._send(page, "text/html; charset=utf-8")
            return
        match = GUIDE_ROUTE.match(path)
        name = unquote(match.group(1), errors="surrogateescape") if match else ""
        found = previewer.find(name) if match else None
        if match is not None and found is None and match.group(2) == "state":
            # The guide was moved or deleted while its page was open: the page says so.
            missing = _missing(previewer.folder / name)
            self._send(missing, "application/json", HTTPStatus.NOT_FOUND)
            return
        if match is None or found is None:
            self._send(b"not found", "text/plain; charset=utf-8", HTTPStatus.NOT_FOUND)
            return
        rest = match.group(2)
        chosen = _variant(query, previewer.default_variant())
        if rest == "":
            page = preview_page(found, chosen, listed=previewer.only is None, root=root)
            self._send(page, "text/html; charset=utf-8")
        elif rest == "state":
            entry = previewer.entry(found, chosen)
            self._send(_state(entry, previewer), "application/json")
        else:
            # Pages and the email name their variant; the email's pictures follow the screen.
            variant = _variant(query, previewer.shown(found))
            self._file(previewer.entry(found, variant, chosen=False), rest)

    def _site_allowed(self) -> bool:
        """True for a request from this server's own pages, or one the person made.

        A request another site makes carries ``Sec-Fetch-Site: cross-site`` (``same-site`` for
        another port of this computer): refused, but for a link followed to the preview, which
        opens it in a tab of its own that the other site cannot read. A browser too old to
        send the header still meets the token and ``Cross-Origin-Resource-Policy``.
        """
        site = self.headers.get("Sec-Fetch-Site")
        if site is None or site.lower() in SAME_ORIGIN:
            return True
        return (
            self.headers.get("Sec-Fetch-Mode", "").lower() == "navigate"
            and self.headers.get("Sec-Fetch-Dest", "").lower() == "document"
        )

    def _host_allowed(self) -> bool:
        bound = str(self.server.server_address[0])
        local = str(self.connection.getsockname()[0])
        port = int(self.server.server_address[1])
        return host_allowed(self.headers.get("Host", ""), bound, local, port)

    def _file(self, entry: Entry, rest: str) -> None:
        good = entry.good
        page = PAGE_ROUTE.match(rest)
        picture = unquote(rest, errors="surrogateescape")
        if good is not None and page and int(page.group(1)) <= len(good.pages):
            self._send(good.pages[int(page.group(1)) - 1], "image/png")
        elif good is not None and rest == "email.html":
            self._send(good.html.encode("utf-8"), "text/html; charset=utf-8")
        elif good is not None and picture in good.pictures:
            kind = "image/png" if rest.lower().endswith(".png") else "image/jpeg"
            self._send(good.pictures[picture], kind)
        else:
            self._send(b"not found", "text/plain; charset=utf-8", HTTPStatus.NOT_FOUND)

    def _events(self) -> None:
        previewer = self.server.previewer
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self._common_headers()
        self.end_headers()
        seen = previewer.generation
        try:
            self.wfile.write(f"data: {seen}\n\n".encode())
            self.wfile.flush()
            while not previewer.closing:
                now = previewer.wait(seen, HEARTBEAT)
                if previewer.closing:
                    break
                # A comment line when nothing happened: finds out that the page has gone.
                line = f"data: {now}\n\n" if now != seen else ": still here\n\n"
                self.wfile.write(line.encode())
                self.wfile.flush()
                seen = now
        except (BrokenPipeError, ConnectionResetError):
            pass

    def _redirect(self, location: str) -> None:
        self.send_response(HTTPStatus.FOUND)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.send_header("Cache-Control", "no-store")
        self._common_headers()
        self.end_headers()

    def _common_headers(self) -> None:
        """What every answer says: only this server's pages may use it, or frame it, and the
        address (which holds the token) goes nowhere with a link followed from the email."""
        self.send_header("Cross-Origin-Resource-Policy", "same-origin")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header("X-Frame-Options", "SAMEORIGIN")

    def _send(self, body: bytes | str, kind: str, status: HTTPStatus = HTTPStatus.OK) -> None:
        data = body.encode("utf-8") if isinstance(body, str) else body
        try:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Cache-Control", "no-store")
            # The page and the email may only use what this server sends.
            self.send_header(
                "Content-Security-Policy",
                "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
                "script-src 'self' 'unsafe-inline'; connect-src 'self'; frame-src 'self'; "
                "frame-ancestors 'self'",
            )
            self._common_headers()
            self.end_headers()
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass


def host_allowed(header: str, bound: str, local: str, port: int) -> bool:
    """True when a request's Host header names this server, not some other web site.

    A page elsewhere whose name points at this computer (DNS rebinding) sends its own name.
    Bound to one address, only that address and localhost are accepted; bound to every
    network (0.0.0.0 or ::), the address the request came in on, this computer's names and
    the addresses they resolve to, and localhost.
    """
    names = {"localhost", "127.0.0.1", "::1", bound}
    if bound in ("0.0.0.0", "::"):
        names.discard(bound)
        names.add(local.removeprefix("::ffff:"))
        names.update(_machine_names())
    allowed = {f"[{name}]" if ":" in name else name for name in names}
    return header.lower() in {f"{name.lower()}:{port}" for name in allowed}


@lru_cache(maxsize=1)
def _machine_names() -> frozenset[str]:
    """This computer's host names and the addresses they resolve to (looked up once)."""
    import socket

    names = {socket.gethostname(), socket.getfqdn()}
    for name in list(names):
        try:
            for *_, address in socket.getaddrinfo(name, None):
                names.add(str(address[0]).split("%")[0])
        except OSError:
            continue
    return frozenset(name for name in names if name)


def _variant(query: dict[str, list[str]], default: Variant) -> Variant:
    paper = query.get("paper", [default[0]])[0]
    large = query.get("large", ["1" if default[1] else "0"])[0] == "1"
    return ("letter" if paper == "letter" else "a4", large)


def _missing(path: Path) -> bytes:
    """What the page is told when its guide is not there any more."""
    from generator.i18n import ui_gettext as _
    from generator.problems import Problem

    problem = Problem(path, None, _("there is no such file or folder"))
    answer = {"missing": True, "problems": [{"severity": "error", "text": str(problem)}]}
    return json.dumps(answer).encode("utf-8")


def _state(entry: Entry, previewer: Previewer) -> bytes:
    good = entry.good
    problems = (*previewer.watching, *entry.problems)
    state = {
        "generation": previewer.generation,
        "title": good.title if good else None,
        "serial": good.serial if good else None,
        "pages": len(good.pages) if good else 0,
        "text": good.text if good else None,
        "stale": entry.stale,
        "seconds": round(entry.seconds, 3),
        "problems": [{"severity": problem.severity, "text": str(problem)} for problem in problems],
    }
    return json.dumps(state).encode("utf-8")
