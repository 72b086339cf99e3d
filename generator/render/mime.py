"""The standard library's email package as the messages are written with it, and the two
places it is bent to do so faster (its private hooks, in this one module).

``message_bytes`` writes a part's lines in one piece through ``Generator._write_lines``, and
``MESSAGE_POLICY`` makes each header class once by caching ``HeaderRegistry.__getitem__``.
``EMAIL_HOOKS`` records the source of each, which a test compares with the installed Python.
"""

from __future__ import annotations

import io
import re
from email import policy
from email.generator import BytesGenerator
from email.headerregistry import BaseHeader, HeaderRegistry
from email.message import EmailMessage

from generator.render.hooks import Hook

EMAIL_HOOKS = (
    Hook(
        "email.generator:Generator._write_lines",
        "507fbe2e042e8d80",
        "render/mime.py",
        "overridden to write a part's lines in one piece, with the writer's line end _NL",
    ),
    Hook(
        "email.generator:Generator.flatten",
        "234633c12492cdff",
        "render/mime.py",
        "sets the writer's line end (_NL) that the override of _write_lines uses",
    ),
    Hook(
        "email.headerregistry:HeaderRegistry.__getitem__",
        "3acae71d2753e975",
        "render/mime.py",
        "makes a new header class at each call; the policy keeps the first one of each",
    ),
)
"""The email package's private methods this module overrides or relies on."""


class _HeaderClasses(HeaderRegistry):
    """The standard library's header classes, each class made once.

    ``HeaderRegistry`` builds a new class for every header it is asked for; a message
    has forty-odd headers, and a ``guide send`` to hundreds builds tens of thousands.
    """

    def __init__(self) -> None:
        super().__init__()
        self._made: dict[str, type[BaseHeader]] = {}

    def __getitem__(self, name: str) -> type[BaseHeader]:
        key = name.lower()
        if key not in self._made:
            self._made[key] = super().__getitem__(name)
        return self._made[key]


MESSAGE_POLICY = policy.SMTP.clone(header_factory=_HeaderClasses())
"""SMTP's policy (CRLF line ends), with the header classes made once."""


LINE_ENDS = re.compile(r"\r\n|\r|\n")
"""Any line end, as the standard library's writer finds them."""


class _Writer(BytesGenerator):
    """The standard library's message writer, writing a part's lines in one piece.

    The standard writer makes two calls for every line, and a handout attached in base64
    is over a thousand lines; the bytes written are the same (a test compares them).
    """

    def _write_lines(self, lines: str) -> None:
        if lines:
            line_end: str = self._NL  # type: ignore[attr-defined]
            self.write(LINE_ENDS.sub(line_end, lines))  # no list of a thousand lines


def message_bytes(message: EmailMessage) -> bytes:
    """A message as bytes, exactly as ``message.as_bytes()`` gives them."""
    buffer = io.BytesIO()
    _Writer(buffer, mangle_from_=False, policy=message.policy).flatten(message)
    return buffer.getvalue()
