"""A real SMTP server (aiosmtpd) on 127.0.0.1 with an ephemeral port, scripted to misbehave."""

from __future__ import annotations

import asyncio
import email
import gc
import socket
import ssl
import threading
import warnings
from collections import Counter
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.policy import default as default_policy
from typing import Any

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword


@dataclass(frozen=True)
class Received:
    """One message the server accepted (or swallowed before dropping the line)."""

    mail_from: str
    rcpt_tos: tuple[str, ...]
    data: bytes

    @property
    def message(self) -> EmailMessage:
        parsed = email.message_from_bytes(self.data, policy=default_policy)
        assert isinstance(parsed, EmailMessage)
        return parsed


@dataclass
class Mailbox:
    """The server's behaviour and everything it received.

    ``refuse`` answers RCPT for an address with a fixed reply; ``data_replies`` answers the
    first DATA transactions in turn (then 250); ``drop_at_mail``, ``drop_at_data`` and
    ``drop_after_content`` name the MAIL command, DATA command (cut before its 354) or
    message (counting from 1) at which the connection is cut. With ``down_after_drop`` the
    server then refuses every new connection until ``down`` is set back to False.
    """

    refuse: dict[str, str] = field(default_factory=dict)
    data_replies: list[str] = field(default_factory=list)
    drop_at_mail: set[int] = field(default_factory=set)
    drop_at_data: set[int] = field(default_factory=set)
    drop_after_content: set[int] = field(default_factory=set)
    down_after_drop: bool = False
    down: bool = False
    hang_after_content: set[int] = field(default_factory=set)
    received: list[Received] = field(default_factory=list)
    logins: list[tuple[str, bytes]] = field(default_factory=list)
    transcript: list[str] = field(default_factory=list)
    mails: int = 0
    data_commands: int = 0
    contents: int = 0
    refused_connections: int = 0

    def copies(self) -> Counter[str]:
        """How many messages each address received."""
        return Counter(rcpt for message in self.received for rcpt in message.rcpt_tos)

    def to(self, address: str) -> EmailMessage:
        """The one message received by an address."""
        found = [m for m in self.received if address in m.rcpt_tos]
        assert len(found) == 1, f"{address} received {len(found)} messages"
        return found[0].message

    async def handle_MAIL(
        self, server: SMTP, session: Any, envelope: Any, address: str, options: list[str]
    ) -> str:
        self.mails += 1
        self.transcript.append(f"MAIL {address}")
        if self.mails in self.drop_at_mail:
            self.cut(server)
            return "421 gone"
        envelope.mail_from = address
        envelope.mail_options.extend(options)
        return "250 OK"

    async def handle_RCPT(
        self, server: SMTP, session: Any, envelope: Any, address: str, options: list[str]
    ) -> str:
        self.transcript.append(f"RCPT {address}")
        if address in self.refuse:
            return self.refuse[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: SMTP, session: Any, envelope: Any) -> str:
        self.contents += 1
        number = self.contents
        self.transcript.append(f"DATA {number}")
        if self.data_replies:
            reply = self.data_replies.pop(0)
            if not reply.startswith("250"):
                return reply
        self.received.append(
            Received(envelope.mail_from, tuple(envelope.rcpt_tos), bytes(envelope.content))
        )
        if number in self.drop_after_content:
            self.cut(server)
        if number in self.hang_after_content:
            await asyncio.sleep(3600)
        return f"250 2.0.0 Ok: queued as {number}"

    def cut(self, server: SMTP) -> None:
        """Drop the connection at once, and go down if scripted to."""
        assert server.transport is not None
        server.transport.abort()
        self.down = self.down or self.down_after_drop


class ScriptedSMTP(SMTP):
    """aiosmtpd's server, able to drop the line before DATA's 354 and to refuse connections."""

    def __init__(self, mailbox: Mailbox, **options: Any) -> None:
        super().__init__(mailbox, **options)
        self.mailbox = mailbox

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        fresh = self.transport is None
        super().connection_made(transport)
        if fresh and self.mailbox.down:
            self.mailbox.refused_connections += 1
            transport.abort()

    async def smtp_DATA(self, arg: str) -> None:
        self.mailbox.data_commands += 1
        if self.mailbox.data_commands in self.mailbox.drop_at_data:
            self.mailbox.transcript.append(f"DATA command {self.mailbox.data_commands} cut")
            self.mailbox.cut(self)
            return
        await super().smtp_DATA(arg)


class MailServer:
    """Runs an aiosmtpd server in a thread until ``stop()``."""

    def __init__(
        self,
        mailbox: Mailbox,
        *,
        tls: ssl.SSLContext | None = None,
        implicit_tls: bool = False,
        password: str | None = None,
        auth_require_tls: bool = True,
    ) -> None:
        self.mailbox = mailbox
        self.tls = tls
        self.implicit_tls = implicit_tls
        self.password = password
        self.auth_require_tls = auth_require_tls
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen()
        self.port: int = self.sock.getsockname()[1]
        self._ready = threading.Event()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stop: asyncio.Event | None = None
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _authenticate(
        self, server: SMTP, session: Any, envelope: Any, mechanism: str, data: Any
    ) -> AuthResult:
        assert isinstance(data, LoginPassword)
        self.mailbox.logins.append((data.login.decode(), data.password))
        expected = (self.password or "").encode("utf-8", "surrogateescape")
        ok = data.login == b"me@example.com" and data.password == expected
        return AuthResult(success=ok, handled=False)

    def _run(self) -> None:
        asyncio.run(self._serve())
        # aiosmtpd leaves the socket of a failed TLS handshake to the garbage collector;
        # collect it here, quietly, rather than in whichever test runs next.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ResourceWarning)
            gc.collect()

    async def _serve(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._stop = asyncio.Event()

        def factory() -> SMTP:
            return ScriptedSMTP(
                self.mailbox,
                hostname="mail.test",
                tls_context=None if self.implicit_tls else self.tls,
                require_starttls=self.tls is not None and not self.implicit_tls,
                authenticator=self._authenticate if self.password is not None else None,
                auth_required=self.password is not None,
                auth_require_tls=self.auth_require_tls,
                loop=self._loop,
            )

        server = await self._loop.create_server(
            factory, sock=self.sock, ssl=self.tls if self.implicit_tls else None
        )
        self._ready.set()
        await self._stop.wait()
        server.close()

    def start(self) -> MailServer:
        self._thread.start()
        assert self._ready.wait(5), "the test mail server did not start"
        return self

    def stop(self) -> None:
        if self._thread.is_alive() and self._loop is not None and self._stop is not None:
            self._loop.call_soon_threadsafe(self._stop.set)
            self._thread.join(5)
