"""Deliver one message at a time over SMTP: retries, backoff, reconnection and a steady pace.

Each message goes through MAIL, RCPT and DATA by hand (public ``smtplib`` calls) so the
caller can be told the moment before the message's content is handed over: a connection
lost before that point is safe to retry, one lost after it leaves the message uncertain.
"""

from __future__ import annotations

import re
import smtplib
import socket
import ssl
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from generator.i18n import ui_gettext as _
from generator.i18n import ui_ngettext as ngettext

SECURITY = ("plain", "starttls", "ssl")
DEFAULT_PORTS = {"plain": 25, "starttls": 587, "ssl": 465}
LOCAL_HOSTS = ("localhost", "127.0.0.1", "::1")


@dataclass(frozen=True)
class SmtpSettings:
    """How to reach and log in to the sender's mail server."""

    host: str
    """The server's host name, like ``smtp.example.com``."""
    port: int = 587
    """The server's port."""
    security: str = "starttls"
    """``starttls`` (upgrade to TLS), ``ssl`` (TLS from the start) or ``plain``."""
    user: str | None = None
    """The login name, or None for a server that needs no login."""
    password: str | None = field(default=None, repr=False)
    """The password; never printed, logged or stored."""
    timeout: float = 60.0
    """Seconds to wait for the server before the connection counts as lost."""
    tls_context: ssl.SSLContext | None = field(default=None, repr=False)
    """Certificates to trust; None for the system's."""


class DeliveryStopped(Exception):
    """A problem with the server or the account: nothing more can be sent in this run."""


def settings_problem(settings: SmtpSettings) -> str | None:
    """Why these settings must not be used (a password sent in the clear); None if fine."""
    if settings.security not in SECURITY:
        return _("unknown security %(security)s: use starttls, ssl or plain") % {
            "security": repr(settings.security)
        }
    try:
        settings.host.encode("idna")
    except UnicodeError:
        return _("%(host)s is not a host name: give your mail server's, like smtp.example.com") % {
            "host": repr(settings.host)
        }
    if (
        settings.user is not None
        and settings.security == "plain"
        and settings.host.lower() not in LOCAL_HOSTS
    ):
        return _(
            "logging in to %(host)s without --starttls or --ssl would send the "
            "password unencrypted: add --starttls (port 587) or --ssl (port 465)"
        ) % {"host": settings.host}
    return None


@dataclass(frozen=True)
class Outcome:
    """What became of one message."""

    state: str
    """``sent``, ``failed`` (the server refused it) or ``uncertain``."""
    reason: str
    """The server's answer, or what went wrong."""
    tries: int
    """How many times it was tried in this run."""


@dataclass(frozen=True)
class _Reply:
    kind: str  # sent, temporary, permanent, dropped, unreachable or uncertain
    reason: str


def explain_failure(error: BaseException) -> str:
    """A short, plain description of a network or SMTP error."""
    if isinstance(error, smtplib.SMTPServerDisconnected):
        # smtplib reports a timeout while reading a reply as a disconnection.
        timed_out = "timed out" in str(error)
        return (
            _("the server stopped answering")
            if timed_out
            else _("the server closed the connection")
        )
    if isinstance(error, TimeoutError):
        return _("the server stopped answering")
    if isinstance(error, ConnectionRefusedError):
        return _("the connection was refused")
    if isinstance(error, socket.gaierror):
        return _("the host name was not found")
    if isinstance(error, smtplib.SMTPResponseException):
        return _reply_text(error.smtp_code, error.smtp_error)
    from generator.text import printable

    return printable(str(error)) or type(error).__name__


def _reply_text(code: int, reply: bytes | str) -> str:
    """A server's reply as shown and recorded: a hostile server's terminal escapes escaped."""
    from generator.text import printable

    text = reply.decode("utf-8", "replace") if isinstance(reply, bytes) else reply
    return printable(f"{code} {' '.join(text.split())}".strip())


def _wire_form(data: bytes) -> bytes:
    """The message as DATA content: CRLF line ends, leading dots doubled, then the end mark."""
    data = re.sub(rb"\r\n|\r|\n", b"\r\n", data)
    data = re.sub(rb"(?m)^\.", b"..", data)
    if not data.endswith(b"\r\n"):
        data += b"\r\n"
    return data + b".\r\n"


class Pace:
    """Keep sends at most ``per_minute`` a minute (0 for no limit)."""

    def __init__(
        self,
        per_minute: float,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.interval = 60.0 / per_minute if per_minute > 0 else 0.0
        self.clock = clock
        self.sleep = sleep
        self._last: float | None = None

    def wait(self) -> None:
        """Sleep until the next message may go."""
        if self._last is not None and self.interval:
            remaining = self._last + self.interval - self.clock()
            if remaining > 0:
                self.sleep(remaining)
        self._last = self.clock()


class Mailer:
    """One connection to the server, reopened when it drops, sending one message at a time."""

    def __init__(
        self,
        settings: SmtpSettings,
        *,
        retries: int = 3,
        backoff: float = 10.0,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.settings = settings
        self.retries = retries
        self.backoff = backoff
        self.sleep = sleep
        self._smtp: smtplib.SMTP | None = None

    def open(self) -> None:
        """Connect and log in, or raise ``DeliveryStopped`` saying why not."""
        if self._smtp is None:
            try:
                self._smtp = self._connect()
            except _Unreachable as error:
                raise _stopped_unreachable(str(error)) from None

    def close(self) -> None:
        """Say goodbye to the server, if still connected."""
        if self._smtp is not None:
            try:
                self._smtp.quit()
            except (smtplib.SMTPException, OSError):
                self._smtp.close()
            self._smtp = None

    def deliver(
        self,
        data: bytes,
        sender: str,
        recipient: str,
        before_content: Callable[[], None],
        not_taken: Callable[[], None] = lambda: None,
    ) -> Outcome:
        """Send one message to one recipient; 4xx and dropped connections are retried.

        ``before_content`` is called just before the message's content starts going out;
        ``not_taken`` when it then turns out the server did not take it (a refusal, or the
        line dropped before a single byte of it was written).
        """
        tries = 0
        while True:
            tries += 1
            reply = self._attempt(data, sender, recipient, before_content, not_taken)
            if reply.kind == "sent":
                return Outcome("sent", reply.reason, tries)
            if reply.kind == "permanent":
                return Outcome("failed", reply.reason, tries)
            if reply.kind == "uncertain":
                return Outcome("uncertain", reply.reason, tries)
            if tries > self.retries:
                if reply.kind == "unreachable":
                    raise _stopped_unreachable(_tried(reply.reason, tries))
                return Outcome("failed", _tried(reply.reason, tries), tries)
            self.sleep(self.backoff * 2 ** (tries - 1))

    def _attempt(
        self,
        data: bytes,
        sender: str,
        recipient: str,
        before_content: Callable[[], None],
        not_taken: Callable[[], None],
    ) -> _Reply:
        try:
            smtp = self._connection()
        except _Unreachable as error:
            return _Reply("unreachable", str(error))
        try:
            options = ["BODY=8BITMIME"] if not data.isascii() and smtp.has_extn("8bitmime") else []
            code, text = smtp.mail(sender, options)
            if code == 250:
                code, text = smtp.rcpt(recipient)
            if code in (250, 251):
                code, text = smtp.docmd("DATA")
            if code != 354:
                return self._refused(smtp, code, text)
        except (smtplib.SMTPException, OSError) as error:
            # Nothing of the message has gone out yet: safe to try again.
            self._discard()
            return _Reply("dropped", explain_failure(error))
        try:
            before_content()
        except BaseException:
            # Never finish a message whose sending could not be recorded.
            self._discard()
            raise
        wire = memoryview(_wire_form(data))
        written = 0
        try:
            if smtp.sock is None:
                raise smtplib.SMTPServerDisconnected("not connected")
            while written < len(wire):
                written += smtp.sock.send(wire[written:])
            code, text = smtp.getreply()
        except (smtplib.SMTPException, OSError) as error:
            self._discard()
            if not written:
                not_taken()
                return _Reply("dropped", explain_failure(error))
            return _Reply(
                "uncertain",
                _(
                    "the connection was lost after the message was handed over (%(error)s): "
                    "it may or may not have arrived"
                )
                % {"error": explain_failure(error)},
            )
        if code == 250:
            return _Reply("sent", _reply_text(code, text))
        not_taken()
        return self._refused(smtp, code, text)

    def _refused(self, smtp: smtplib.SMTP, code: int, text: bytes) -> _Reply:
        reason = _reply_text(code, text)
        if code == 530:
            raise DeliveryStopped(
                _("%(host)s wants a login before it sends mail (%(reason)s): give --smtp-user")
                % {"host": self.settings.host, "reason": reason}
            )
        if code == 421:
            self._discard()
        else:
            try:
                smtp.rset()
            except (smtplib.SMTPException, OSError):
                self._discard()
        return _Reply("temporary" if 400 <= code < 500 else "permanent", reason)

    def _connection(self) -> smtplib.SMTP:
        if self._smtp is None:
            self._smtp = self._connect()
        return self._smtp

    def _discard(self) -> None:
        if self._smtp is not None:
            self._smtp.close()
            self._smtp = None

    def _connect(self) -> smtplib.SMTP:
        """A connected, secured and logged-in session; ``_Unreachable`` if the network fails."""
        settings = self.settings
        where = f"{settings.host}:{settings.port}"
        context = settings.tls_context or ssl.create_default_context()
        smtp: smtplib.SMTP | None = None
        try:
            if settings.security == "ssl":
                smtp = smtplib.SMTP_SSL(
                    settings.host, settings.port, timeout=settings.timeout, context=context
                )
            else:
                smtp = smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout)
            smtp.ehlo()
            if settings.security == "starttls":
                smtp.starttls(context=context)
                smtp.ehlo()
            if settings.user is not None:
                _login_or_stop(smtp, settings.host, settings.user, settings.password or "")
            return smtp
        except DeliveryStopped:
            _close(smtp)
            raise
        except smtplib.SMTPAuthenticationError as error:
            _close(smtp)
            raise DeliveryStopped(
                _(
                    "%(host)s refused the login for %(user)s (%(reason)s): check the user name "
                    "and password; nothing more was sent"
                )
                % {
                    "host": settings.host,
                    "user": settings.user,
                    "reason": _reply_text(error.smtp_code, error.smtp_error),
                }
            ) from None
        except smtplib.SMTPNotSupportedError as error:
            _close(smtp)
            raise DeliveryStopped(
                _("%(server)s cannot do what was asked: %(error)s")
                % {"server": where, "error": error}
            ) from None
        except ssl.SSLCertVerificationError as error:
            _close(smtp)
            raise DeliveryStopped(
                _(
                    "the certificate of %(host)s could not be checked (%(reason)s): this may "
                    "not be your mail server"
                )
                % {"host": settings.host, "reason": error.verify_message}
            ) from None
        except ssl.SSLError as error:
            _close(smtp)
            raise DeliveryStopped(
                _(
                    "could not set up encryption with %(server)s (%(reason)s): is "
                    "'--%(security)s' right for port %(port)d?"
                )
                % {
                    "server": where,
                    "reason": error.reason or error,
                    "security": settings.security,
                    "port": settings.port,
                }
            ) from None
        except (smtplib.SMTPException, OSError, ValueError) as error:
            _close(smtp)
            raise _Unreachable(
                _("cannot reach %(server)s: %(reason)s")
                % {"server": where, "reason": explain_failure(error)}
            ) from None


class _Unreachable(Exception):
    """The server could not be reached (a network problem, maybe passing)."""


def _stopped_unreachable(reason: str) -> DeliveryStopped:
    """The run's stop for a server that cannot be reached, saying what to check."""
    return DeliveryStopped(
        _(
            "%(reason)s. Check that this computer is online, and that --smtp-host and "
            "--smtp-port are the ones your mail provider gives"
        )
        % {"reason": reason}
    )


def _login_or_stop(smtp: smtplib.SMTP, host: str, user: str, password: str) -> None:
    """Log in; anything but a network or SMTP error stops the run with a plain message.

    Such an error's own words are never shown, nor printed as the cause of what is raised:
    an encoding error, for one, quotes the character it failed on and where, which may be
    a letter of the password.
    """
    try:
        _login(smtp, user, password)
    except (smtplib.SMTPException, OSError):
        raise
    except Exception as error:
        kind = type(error)
        name = kind.__qualname__
        if kind.__module__ != "builtins":
            name = f"{kind.__module__}.{name}"
        raise DeliveryStopped(
            _(
                "logging in to %(host)s as %(user)s failed in a way this tool does not "
                "know (%(kind)s): nothing more was sent; check the user name and password, "
                "and the server's settings"
            )
            % {
                "host": host,
                "user": user,
                "kind": name,
            }
        ) from None


def _login(smtp: smtplib.SMTP, user: str, password: str) -> None:
    """Log in; a user name or password beyond ASCII is sent as UTF-8 (RFC 4616, RFC 6531).

    ``smtplib`` encodes credentials as ASCII and would fail on "Zoë" or "hasło".
    """
    if user.isascii() and password.isascii():
        smtp.login(user, password)
        return
    import base64

    def encoded(text: str | bytes) -> str:
        # A password from a terminal or environment in another encoding keeps its bytes.
        data = text.encode("utf-8", "surrogateescape") if isinstance(text, str) else text
        return base64.b64encode(data).decode("ascii")

    smtp.ehlo_or_helo_if_needed()
    methods = smtp.esmtp_features.get("auth", "").upper().split()
    if "PLAIN" in methods:
        code, reply = smtp.docmd("AUTH", "PLAIN " + encoded(f"\0{user}\0{password}"))
    elif "LOGIN" in methods:
        code, reply = smtp.docmd("AUTH", "LOGIN " + encoded(user))
        if code == 334:
            code, reply = smtp.docmd(encoded(password))
    else:
        raise smtplib.SMTPNotSupportedError(
            "the server offers no way to log in with a name or password beyond plain ASCII "
            "letters (PLAIN or LOGIN)"
        )
    if code not in (235, 503):
        raise smtplib.SMTPAuthenticationError(code, reply)


def _close(smtp: smtplib.SMTP | None) -> None:
    if smtp is not None:
        smtp.close()


def _tried(reason: str, count: int) -> str:
    """The server's last reason and how often it was tried."""
    return ngettext(
        "%(reason)s (tried %(count)d time)", "%(reason)s (tried %(count)d times)", count
    ) % {
        "reason": reason,
        "count": count,
    }
