"""The preview's small web server: the standard library's ThreadingHTTPServer.

Routes, all answered from memory (nothing is fetched from the internet):

- ``/``: the guide, or the list of guides to choose from;
- ``/g/<file>/``: the preview page of one guide (inline CSS and script);
- ``/g/<file>/state?paper=a4&large=0``: what the page shows, as JSON;
- ``/g/<file>/page-<n>.png?paper=a4&large=0``: a handout page as a picture;
- ``/g/<file>/email.html`` and ``/g/<file>/<slug>-pictures/<name>``: the email and its pictures;
- ``/events``: server-sent events, one ``data: <generation>`` after every rebuild;
- ``/favicon.ico``: nothing (204): the pages carry their own icon.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, quote, unquote, urlsplit

from generator.preview.page import guide_list_page, preview_page
from generator.preview.state import Entry, Previewer, Variant

HEARTBEAT = 10.0
"""Seconds between keep-alive comments on an idle event stream."""

GUIDE_ROUTE = re.compile(r"^/g/([^/]+)/(.*)$")
PAGE_ROUTE = re.compile(r"^page-(\d+)\.png$")


class PreviewServer(ThreadingHTTPServer):
    """An HTTP server that knows its previewer; every request thread is joined on close."""

    daemon_threads = False
    block_on_close = True

    def __init__(self, address: tuple[str, int], previewer: Previewer) -> None:
        self.previewer = previewer
        super().__init__(address, PreviewHandler)


class PreviewHandler(BaseHTTPRequestHandler):
    """Answers the preview page's requests."""

    server: PreviewServer
    timeout = 5.0
    """A connection that sends nothing for this long is closed, so shutting down never hangs."""

    def log_message(self, format: str, *args: Any) -> None:
        """Requests are not logged: the terminal is for the guide's problems."""

    def do_GET(self) -> None:
        """Answer one request."""
        if not self._host_allowed():
            # A web page elsewhere whose name points at 127.0.0.1 must not read the guides.
            self._send(b"wrong host", "text/plain; charset=utf-8", HTTPStatus.FORBIDDEN)
            return
        url = urlsplit(self.path)
        query = parse_qs(url.query)
        previewer = self.server.previewer
        if url.path == "/events":
            self._events()
            return
        if url.path == "/favicon.ico":
            # The pages carry their own icon; a browser asking anyway gets no error.
            self.send_response(HTTPStatus.NO_CONTENT)
            self.send_header("Cache-Control", "max-age=86400")
            self.end_headers()
            return
        if url.path == "/":
            guides = previewer.guides()
            if len(guides) == 1:
                self._redirect(f"/g/{quote(guides[0].name, safe='')}/")
            else:
                self._send(guide_list_page(guides, previewer.folder), "text/html; charset=utf-8")
            return
        match = GUIDE_ROUTE.match(url.path)
        path = previewer.find(unquote(match.group(1))) if match else None
        if match is not None and path is None and match.group(2) == "state":
            # The guide was moved or deleted while its page was open: the page says so.
            missing = _missing(previewer.folder / unquote(match.group(1)))
            self._send(missing, "application/json", HTTPStatus.NOT_FOUND)
            return
        if match is None or path is None:
            self._send(b"not found", "text/plain; charset=utf-8", HTTPStatus.NOT_FOUND)
            return
        rest = match.group(2)
        chosen = _variant(query, previewer.default_variant())
        if rest == "":
            page = preview_page(path, chosen, listed=previewer.only is None)
            self._send(page, "text/html; charset=utf-8")
        elif rest == "state":
            entry = previewer.entry(path, chosen)
            self._send(_state(entry, previewer.generation), "application/json")
        else:
            # Pages and the email name their variant; the email's pictures follow the screen.
            variant = _variant(query, previewer.shown(path))
            self._file(previewer.entry(path, variant, chosen=False), rest)

    def _host_allowed(self) -> bool:
        bound = str(self.server.server_address[0])
        local = str(self.connection.getsockname()[0])
        port = int(self.server.server_address[1])
        return host_allowed(self.headers.get("Host", ""), bound, local, port)

    def _file(self, entry: Entry, rest: str) -> None:
        good = entry.good
        page = PAGE_ROUTE.match(rest)
        if good is not None and page and 1 <= int(page.group(1)) <= len(good.pages):
            self._send(good.pages[int(page.group(1)) - 1], "image/png")
        elif good is not None and rest == "email.html":
            self._send(good.html.encode("utf-8"), "text/html; charset=utf-8")
        elif good is not None and unquote(rest) in good.pictures:
            kind = "image/png" if rest.lower().endswith(".png") else "image/jpeg"
            self._send(good.pictures[unquote(rest)], kind)
        else:
            self._send(b"not found", "text/plain; charset=utf-8", HTTPStatus.NOT_FOUND)

    def _events(self) -> None:
        previewer = self.server.previewer
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
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
        self.end_headers()

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
                "script-src 'self' 'unsafe-inline'; connect-src 'self'; frame-src 'self'",
            )
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


def _state(entry: Entry, generation: int) -> bytes:
    good = entry.good
    state = {
        "generation": generation,
        "title": good.title if good else None,
        "serial": good.serial if good else None,
        "pages": len(good.pages) if good else 0,
        "text": good.text if good else None,
        "stale": entry.stale,
        "seconds": round(entry.seconds, 3),
        "problems": [
            {"severity": problem.severity, "text": str(problem)} for problem in entry.problems
        ],
    }
    return json.dumps(state).encode("utf-8")
