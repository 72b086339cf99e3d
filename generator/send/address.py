"""Strict checks of email addresses, names and free text typed by a sender.

``email.utils.parseaddr`` accepts almost anything (comments, several addresses, quoted
local parts, addresses inside names); a message to a relative must go to exactly the one
plain address the sender meant, so only a plain ``local@domain.tld`` is accepted here.
"""

from __future__ import annotations

import re
import unicodedata

MAX_ADDRESS = 254
MAX_LOCAL = 64
MAX_NAME = 100

_ATEXT = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
_LOCAL = re.compile(rf"{_ATEXT}(?:\.{_ATEXT})*")
_LABEL = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?")
_TOP_LEVEL = re.compile(r"[a-z]{2,63}|xn--[a-z0-9-]{1,59}")

# Invisible characters that reorder or hide text: a name could display as something else.
_INVISIBLE = {
    "\u061c",
    "\u200b",
    "\u200e",
    "\u200f",
    "\u2028",
    "\u2029",
    "\u202a",
    "\u202b",
    "\u202c",
    "\u202d",
    "\u202e",
    "\u2066",
    "\u2067",
    "\u2068",
    "\u2069",
    "\ufeff",
}
_NAMED = {"\r": "a line break (CR)", "\n": "a line break (LF)", "\t": "a tab"}


def hidden_character(text: str, allow_newlines: bool = False) -> str | None:
    """Describe the first control or invisible character in ``text``, or None if there is none."""
    for char in text:
        if allow_newlines and char == "\n":
            continue
        if unicodedata.category(char) == "Cc" or char in _INVISIBLE:
            return _NAMED.get(char, f"an invisible control character (U+{ord(char):04X})")
    return None


def address_problem(address: str) -> str | None:
    """What is wrong with a plain email address, in words a sender can act on; None if good."""
    if not address:
        return "the email address is empty"
    hidden = hidden_character(address)
    if hidden:
        return f"the email address {address!r} contains {hidden}"
    if "," in address or ";" in address:
        return f"{address!r} holds more than one address: give one address per recipient"
    if "<" in address or ">" in address:
        return (
            f"{address!r} is not a plain address: put the name in the 'name' column and "
            "only the address (like mum@example.com) in 'email'"
        )
    if "(" in address or ")" in address:
        return f"the email address {address!r} contains a comment in brackets: remove it"
    if '"' in address or "\\" in address:
        return f"the email address {address!r} contains quotes: give a plain address"
    if any(char.isspace() for char in address):
        return f"the email address {address!r} contains a space"
    if address.count("@") != 1:
        return (
            f"{address!r} is not an email address (it has no '@')"
            if "@" not in address
            else f"the email address {address!r} has more than one '@'"
        )
    if len(address) > MAX_ADDRESS:
        return f"the email address {address[:40]!r}... is longer than {MAX_ADDRESS} characters"
    local, domain = address.split("@")
    return _local_problem(address, local) or _domain_problem(address, domain)


def _local_problem(address: str, local: str) -> str | None:
    if not local:
        return f"the email address {address!r} has nothing before the '@'"
    if not local.isascii():
        return (
            f"the email address {address!r} has letters outside plain ASCII before the '@'; "
            "most mail servers cannot deliver to it"
        )
    if local.startswith(".") or local.endswith(".") or ".." in local:
        return f"the email address {address!r} has a misplaced dot before the '@'"
    if len(local) > MAX_LOCAL:
        return f"the part before the '@' of {address!r} is longer than {MAX_LOCAL} characters"
    if not _LOCAL.fullmatch(local):
        return f"the email address {address!r} has a character that is not allowed before the '@'"
    return None


def _domain_problem(address: str, domain: str) -> str | None:
    if not domain:
        return f"the email address {address!r} has nothing after the '@'"
    if domain.startswith("["):
        return f"{address!r} is sent to an IP address: give an address at a domain name"
    if not domain.isascii():
        try:
            ascii_form = domain.encode("idna").decode("ascii")
        except UnicodeError:
            return f"the domain of {address!r} has characters that are not allowed"
        return (
            f"the domain of {address!r} has letters outside plain ASCII (a look-alike letter?); "
            f"if it is really right, write it as {ascii_form!r}"
        )
    lowered = domain.lower()
    if lowered.endswith("."):
        return f"the email address {address!r} ends with a dot"
    labels = lowered.split(".")
    if len(labels) < 2:
        return f"the domain of {address!r} has no dot (like example.com)"
    if any(not label for label in labels):
        return f"the domain of {address!r} has a misplaced dot"
    for label in labels:
        if not _LABEL.fullmatch(label):
            return f"the domain of {address!r} has a part that is not allowed ({label!r})"
    if not _TOP_LEVEL.fullmatch(labels[-1]):
        return f"the domain of {address!r} does not end like a real domain ({labels[-1]!r})"
    return None


def normal_address(address: str) -> str:
    """The address with its domain in lower case (domains ignore case)."""
    local, _, domain = address.rpartition("@")
    return f"{local}@{domain.lower()}"


def address_key(address: str) -> str:
    """The form two addresses are compared in: one mailbox, however it is capitalised."""
    return address.casefold()


def name_problem(name: str) -> str | None:
    """What is wrong with a recipient's display name; None if good."""
    hidden = hidden_character(name)
    if hidden:
        return f"the name {name!r} contains {hidden}"
    if "@" in name or "<" in name or ">" in name:
        return (
            f"the name {name!r} contains an address or '<', '>', '@': a name that looks like "
            "an address can mislead; give just the name"
        )
    if len(name) > MAX_NAME:
        return f"the name {name[:40]!r}... is longer than {MAX_NAME} characters"
    return None


def split_named_address(value: str) -> tuple[str | None, str] | None:
    """Split ``Name <address>`` or a bare address into (name, address); None if malformed."""
    text = value.strip()
    if "<" not in text and ">" not in text:
        return None, text
    match = re.fullmatch(r"([^<>]*)<([^<>]*)>", text)
    if match is None:
        return None
    name = match.group(1).strip()
    if len(name) >= 2 and name[0] == name[-1] == '"':
        name = name[1:-1].strip()
    return (name or None), match.group(2).strip()
