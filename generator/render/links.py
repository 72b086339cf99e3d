"""How a link is shown so a reader always sees where it really goes.

A link whose visible text hides its destination is what phishing looks like, so every
output names the real domain (or email address) next to any link that does not already
say it, and only https and mailto addresses are ever made clickable.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from generator.model import Link, plain_text

# A host name written in running text, like "myaccount.google.com" (the last label has letters).
HOST_IN_TEXT = re.compile(r"(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}(?![a-z0-9-])")


@dataclass(frozen=True)
class LinkView:
    """What to show for one link."""

    href: str | None
    """The address to make clickable (https or mailto), or None to show it as text only."""
    note: str | None
    """The domain or email address to write after the visible text, when it does not say it."""
    address: str
    """The address written out in full (for mailto, the email address itself)."""
    address_shown: bool
    """True when the visible text already is the address, so writing it once is enough."""


def _bare(address: str) -> str:
    """An address without its scheme, ``www.`` or trailing slash, for comparing with text."""
    bare = re.sub(r"^[a-z]+:(//)?", "", address.strip().lower())
    return bare.removeprefix("www.").rstrip("/")


def display_host(url: str) -> str:
    """The domain a reader should see for a web address, without ``www.``."""
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.")


def _names_host(visible: str, host: str) -> bool:
    """True when the visible text names this host and no other."""
    named = {found.removeprefix("www.") for found in HOST_IN_TEXT.findall(visible.lower())}
    return named == {host}


def link_view(link: Link) -> LinkView:
    """How to show a link: clickable or not, and what note names its real destination."""
    url = link.url.strip()
    visible = plain_text(link.children)
    scheme = url.split(":", 1)[0].lower()
    if scheme == "mailto":
        address = unquote(url[len("mailto:") :].split("?", 1)[0])
        shown = address.lower() in visible.lower()
        return LinkView(url, None if shown else address, address, _bare(visible) == _bare(address))
    same = _bare(visible) == _bare(url)
    if scheme == "https":
        host = display_host(url)
        named = same or _names_host(visible, host)
        return LinkView(url, None if named else host, url, same)
    # Plain http is never made clickable: the reader sees the whole address instead.
    return LinkView(None, None if same else url, url, same)
