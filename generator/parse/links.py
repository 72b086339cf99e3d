"""Link addresses, read the way a browser reads them, and shown so a reader sees where they go.

Every link (in a guide's body and its ``source: url:``) is read here and nowhere else.
Addresses are parsed with the WHATWG URL standard (``ada-url``, the parser in Node.js), so
the host we check and show is the host a browser opens. Tricks that make an address look
like another are refused: backslashes, invisible characters, a user name or password before
the host, hosts that mix alphabets, and visible text naming a different address than the
link opens. Only https and mailto addresses are ever made clickable.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import parse_qsl, unquote

from generator.model import Link, plain_text
from generator.text import FREE_TEXT, ONE_LINE, address_character, hidden_character

LINK_SCHEMES = ("http://", "https://", "mailto:")
MAX_LINK_LENGTH = 150
"""Longest address, in characters: longer ones overflow a large-print page and make QR codes
hard to scan. Far below what the handout's QR code holds at its error-correction level M
(2,331 bytes at version 40), so every address ``check`` passes also fits in a QR code."""
QR_CAPACITY_M = 2331
"""Bytes a QR code holds at error-correction level M (version 40, byte mode)."""
MAILTO_FIELDS = frozenset({"subject", "body"})

URL_IN_TEXT = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://[^\s<>\"']+")
EMAIL_IN_TEXT = re.compile(r"[^\s@<>()\[\]\"',;:]+@[^\s@<>()\[\]\"',;:]+")
HOST_IN_TEXT = re.compile(r"(?<![\w@.-])(?:[^\W_](?:[\w-]*[^\W_])?\.)+[^\W\d_]{2,}(?![\w-])")
"""A host name in running text, like "myaccount.google.com", in any alphabet."""
ADDRESS_IN_TEXT = re.compile(
    rf"{URL_IN_TEXT.pattern}|{EMAIL_IN_TEXT.pattern}|{HOST_IN_TEXT.pattern}(?:/[^\s<>\"']*)?"
)
"""A web or email address written out in running text (its trailing punctuation included:
``written_addresses`` leaves that out)."""
ADDRESS_BREAK = re.compile(r"(?<=/)(?!/)|(?=[.?#&=])")
"""Where a written-out address may go on to the next line: after a ``/`` (not between the
two of ``//``), or before ``.``, ``?``, ``#``, ``&`` or ``=``. So a line of an address ends
with a letter or a slash, never with a dot that passes for a full stop, and never at a
hyphen, which a reader takes for a word broken in two and leaves out when typing it."""
OTHER_DOTS = str.maketrans(dict.fromkeys("\u3002\uff0e\uff61\u2024\ufe52\u0589\u06d4\u0701", "."))
"""Full stops of other scripts, and marks drawn like a full stop, read as dots in text."""
CJK = frozenset({"CJK", "HIRAGANA", "KATAKANA", "HANGUL", "BOPOMOFO"})


@dataclass(frozen=True)
class Address:
    """A link address that passed every check."""

    scheme: str
    """``https``, ``http`` or ``mailto``."""
    host: str
    """The host a browser opens (ASCII, punycode for other alphabets), or the email's domain."""
    email: str | None
    """For mailto, the email address with its domain in ASCII."""

    @property
    def international(self) -> bool:
        """True when the host is written in another alphabet (and shown in punycode)."""
        return any(label.startswith("xn--") for label in self.host.split("."))


def _scripts(label: str) -> set[str]:
    """The alphabets a host label's letters come from."""
    scripts: set[str] = set()
    for character in label:
        if character.isalpha():
            script = unicodedata.name(character, "UNKNOWN").split()[0]
            scripts.add("CJK" if script in CJK else script)
    return scripts


def ascii_host(host: str) -> str | None:
    """A host name as a browser sends it (lower case, punycode), or None if it is not one."""
    import ada_url

    try:
        parsed = ada_url.URL(f"https://{host}/")
    except ValueError:
        return None
    return str(parsed.hostname).rstrip(".").lower()


def _host_problem(host: str) -> str | None:
    """Why a host (as a browser reads it) cannot be trusted, or None."""
    import ada_url

    if not host or host.startswith("[") or re.fullmatch(r"[0-9.]+", host):
        return "links must name a website (like example.org), not a number"
    if "." not in host.strip("."):
        return "the address has no website name after the '//' (like example.org)"
    for label in host.split("."):
        if not label.startswith("xn--"):
            continue
        try:
            unicode_label = ada_url.idna.decode(label.encode("ascii"))
        except (ValueError, UnicodeError):
            unicode_label = ""
        if isinstance(unicode_label, bytes):
            unicode_label = unicode_label.decode("utf-8", "replace")
        if not unicode_label or unicode_label == label:
            return f"the website name '{host}' is not a valid international name"
        marks = [c for c in unicode_label if unicodedata.category(c)[0] in "PSZC" and c != "-"]
        if marks:
            return (
                f"the website name '{unicode_label}' has the mark '{marks[0]}' "
                f"(U+{ord(marks[0]):04X}) in it, which looks like a dot or slash but is not one: "
                "check the address"
            )
        scripts = _scripts(unicode_label)
        if len(scripts) > 1:
            names = " and ".join(sorted(name.title() for name in scripts))
            return (
                f"the website name '{unicode_label}' mixes letters of different alphabets "
                f"({names}), a trick to imitate another site's name: check the address"
            )
    return None


def read_address(url: str) -> Address | str:
    """The checked address of a link, or a sentence saying why it cannot be used."""
    import ada_url

    lowered = url.lower()
    if not lowered.startswith(LINK_SCHEMES):
        return "links must be full addresses starting with https://, http:// or mailto:"
    hidden = address_character(url)
    if hidden:
        return f"a link address cannot contain {hidden}"
    if "\\" in url:
        return (
            "a link address cannot contain a backslash '\\': browsers read it as '/', so the "
            "link would open a different site than it seems to"
        )
    if len(url) > MAX_LINK_LENGTH:
        return (
            f"the address is {len(url)} characters long, too long to print in full or scan "
            f"from paper (at most {MAX_LINK_LENGTH}): link to the page's shorter address"
        )
    if lowered.startswith("mailto:"):
        return _read_mailto(url)
    authority = re.split(r"[/?#]", url.split("//", 1)[1], maxsplit=1)[0]
    if not authority.split(":")[0]:
        return "the address has no website name after the '//' (like example.org)"
    if "@" in authority:
        return (
            "the address has a name and '@' before the website (like https://name@site), "
            "a trick that makes it look like another site: link to the site's own address"
        )
    try:
        parsed = ada_url.URL(url)
    except ValueError:
        return "this is not an address a web browser can open: check it for typing mistakes"
    host = str(parsed.hostname).rstrip(".").lower()
    problem = _host_problem(host)
    if problem:
        return problem
    return Address(scheme=lowered.split(":", 1)[0], host=host, email=None)


def _read_mailto(url: str) -> Address | str:
    one = "a mailto: link needs one email address, like mailto:help@example.org"
    target, _, query = url[len("mailto:") :].partition("?")
    address = unquote(target)
    if address_character(address) or "\\" in address:
        return "the email address in this mailto: link contains a space or invisible character"
    local, at, domain = address.rpartition("@")
    if not at or not local or "@" in local or any(mark in address for mark in ',;<>"()'):
        return one
    pairs = parse_qsl(query, keep_blank_values=True)
    for name, value in pairs:
        if hidden_character(value, allow=FREE_TEXT if name.lower() == "body" else ONE_LINE):
            return (
                f"the mailto: link's {name.lower()} contains an invisible or control character "
                "(written with %): delete it"
            )
    fields = {name.lower() for name, _ in pairs}
    extra = sorted(fields - MAILTO_FIELDS)
    if extra:
        return (
            "a mailto: link may only fill in a subject or body, not "
            + ", ".join(f"'{name}'" for name in extra)
            + " (hidden extra recipients are a phishing trick)"
        )
    host = ascii_host(domain)
    if host is None or "." not in host.strip("."):
        return one
    problem = _host_problem(host)
    if problem:
        return problem
    return Address(scheme="mailto", host=host, email=f"{local.lower()}@{host}")


def _same_host(named: str, host: str) -> bool:
    return named.removeprefix("www.") == host.removeprefix("www.")


def _named(visible: str) -> tuple[list[str], list[str]]:
    """The hosts (ASCII) and email addresses that visible text names, in order."""
    hosts: list[str] = []
    emails: list[str] = []
    # Compatibility forms (full-width letters, U+2024 ONE DOT LEADER) read as what they look like.
    visible = unicodedata.normalize("NFKC", visible).translate(OTHER_DOTS)
    rest = visible
    for found in URL_IN_TEXT.findall(visible):
        rest = rest.replace(found, " ")
        host = ascii_host(found.split("//", 1)[1].split("/", 1)[0].split("@")[-1])
        hosts.append(host or found)
    for found in EMAIL_IN_TEXT.findall(rest):
        rest = rest.replace(found, " ")
        local, _, domain = found.rstrip(".").rpartition("@")
        domain_host = ascii_host(domain) or domain.lower()
        emails.append(f"{local.lower()}@{domain_host}")
    for found in HOST_IN_TEXT.findall(rest):
        hosts.append(ascii_host(found) or found.lower())
    return hosts, emails


def text_problem(visible: str, address: Address) -> str | None:
    """Why visible text would mislead about where a link goes, or None when it is honest."""
    hosts, emails = _named(visible)
    if address.email is not None:
        for email in emails:
            if email != address.email:
                return (
                    f"the text shows the email address {email} but the link writes to "
                    f"{address.email}: make them the same"
                )
        for host in hosts:
            if not _same_host(host, address.host):
                return (
                    f"the text names {host} but the link writes to {address.email}: "
                    "make them the same"
                )
        return None
    if emails:
        return (
            f"the text shows the email address {emails[0]} but the link opens a web page on "
            f"{address.host}: use mailto:{emails[0]}, or say what the page is"
        )
    for host in hosts:
        if not _same_host(host, address.host):
            return (
                f"the text names {host} but the link opens {address.host}: make the text "
                "name the real site, or describe the page in words"
            )
    return None


def link_problem(url: str, visible: str = "") -> str | None:
    """Why a link cannot be printed or sent as it is, or None when it can."""
    address = read_address(url)
    if isinstance(address, str):
        return address
    return text_problem(visible, address)


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


def address_pieces(address: str) -> list[str]:
    """A written-out address cut where it may go on to the next line (``ADDRESS_BREAK``)."""
    return [piece for piece in ADDRESS_BREAK.split(address) if piece]


def written_addresses(text: str) -> list[tuple[int, int]]:
    """Where web and email addresses are written out in some text: (start, end) of each,
    without the punctuation that ends a sentence after one."""
    found: list[tuple[int, int]] = []
    for match in ADDRESS_IN_TEXT.finditer(text):
        end = match.end()
        while end > match.start() and text[end - 1] in ".,;:!?)]}'\"":
            end -= 1
        if end > match.start():
            found.append((match.start(), end))
    return found


def display_host(url: str) -> str:
    """The domain a reader should see for a web address (punycode if not Latin), no ``www.``."""
    address = read_address(url.strip())
    host = address.host if isinstance(address, Address) else ""
    return host.removeprefix("www.")


def printed_address(url: str) -> str:
    """An address as printed for a reader: a host in another alphabet in its ``xn--`` form.

    Written out in Unicode, a Cyrillic name can read as apple.com; only the ASCII form shows
    it is another site. Other addresses are printed as written.
    """
    address = read_address(url.strip())
    if not isinstance(address, Address) or not address.international:
        return url
    if address.email is not None:
        _, mark, query = url.partition("?")
        return f"mailto:{address.email}{mark}{query}"
    import ada_url

    scheme, _, rest = url.strip().partition("//")
    tail = re.split(r"([/?#])", rest, maxsplit=1)
    return f"{scheme}//{ada_url.URL(url.strip()).host}{''.join(tail[1:])}"


def link_view(link: Link) -> LinkView:
    """How to show a link: clickable or not, and what note names its real destination."""
    url = link.url.strip()
    visible = plain_text(link.children)
    address = read_address(url)
    if isinstance(address, str):  # pragma: no cover - the parser refuses such links
        return LinkView(None, url, url, False)
    if address.email is not None:
        email = unquote(url[len("mailto:") :].split("?", 1)[0])
        shown = email.lower() in visible.lower() and not address.international
        note = None if shown else address.email
        printed = address.email if address.international else email
        return LinkView(url, note, printed, _bare(visible) == _bare(email))
    same = _bare(visible) == _bare(url)
    host = address.host.removeprefix("www.")
    hosts, _ = _named(visible)
    named = (same or (bool(hosts) and all(_same_host(h, host) for h in hosts))) and (
        not address.international
    )
    printed = printed_address(url)
    if address.scheme == "https":
        return LinkView(url, None if named else host, printed, same)
    # Plain http is never made clickable: the reader sees the whole address instead.
    return LinkView(None, None if same else printed, printed, same)
