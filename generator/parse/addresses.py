"""Strict checks of email addresses, names and free text typed by a sender.

``email.utils.parseaddr`` accepts almost anything (comments, several addresses, quoted
local parts, addresses inside names); a message to a relative must go to exactly the one
plain address the sender meant, so only a plain ``local@domain.tld`` is accepted here.
"""

from __future__ import annotations

import re

from generator.i18n import ui_gettext as _
from generator.text import ADDRESS, ONE_LINE, hidden_character

MAX_ADDRESS = 254
MAX_LOCAL = 64
MAX_NAME = 100

_ATEXT = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
_LOCAL = re.compile(rf"{_ATEXT}(?:\.{_ATEXT})*")
_LABEL = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?")
_TOP_LEVEL = re.compile(r"[a-z]{2,63}|xn--[a-z0-9-]{1,59}")


def address_problem(address: str) -> str | None:
    """What is wrong with a plain email address, in words a sender can act on; None if good."""
    if not address:
        return _("the email address is empty")
    quoted = {"address": repr(address)}
    hidden = hidden_character(address, ADDRESS)
    if hidden:
        return _("the email address %(address)s contains %(character)s") % {
            **quoted,
            "character": hidden[1],
        }
    if "," in address or ";" in address:
        return _("%(address)s holds more than one address: give one address per recipient") % quoted
    if any(char.isspace() for char in address) and (parts := name_and_address(address)):
        return _(
            "%(address)s is a name and an address: put %(name)s in the 'name' column and "
            "only %(plain)s in 'email'"
        ) % {**quoted, "name": repr(parts[0]), "plain": repr(parts[1])}
    if "<" in address or ">" in address:
        return (
            _(
                "%(address)s is not a plain address: put the name in the 'name' column and "
                "only the address (like mum@example.com) in 'email'"
            )
            % quoted
        )
    if "(" in address or ")" in address:
        return _("the email address %(address)s contains a comment in brackets: remove it") % quoted
    if '"' in address or "\\" in address:
        return _("the email address %(address)s contains quotes: give a plain address") % quoted
    if any(char.isspace() for char in address):
        return _("the email address %(address)s contains a space") % quoted
    if "@" not in address:
        return _("%(address)s is not an email address (it has no '@')") % quoted
    if address.count("@") > 1:
        return _("the email address %(address)s has more than one '@'") % quoted
    if len(address) > MAX_ADDRESS:
        return _("the email address %(start)s... is longer than %(limit)d characters") % {
            "start": repr(address[:40]),
            "limit": MAX_ADDRESS,
        }
    local, domain = address.split("@")
    return _local_problem(address, local) or _domain_problem(address, domain)


def _local_problem(address: str, local: str) -> str | None:
    quoted = {"address": repr(address)}
    if not local:
        return _("the email address %(address)s has nothing before the '@'") % quoted
    if not local.isascii():
        return (
            _(
                "the email address %(address)s has letters outside plain ASCII before the '@'; "
                "most mail servers cannot deliver to it"
            )
            % quoted
        )
    if local.startswith(".") or local.endswith(".") or ".." in local:
        return _("the email address %(address)s has a misplaced dot before the '@'") % quoted
    if len(local) > MAX_LOCAL:
        return _("the part before the '@' of %(address)s is longer than %(limit)d characters") % {
            **quoted,
            "limit": MAX_LOCAL,
        }
    if not _LOCAL.fullmatch(local):
        return (
            _("the email address %(address)s has a character that is not allowed before the '@'")
            % quoted
        )
    return None


def _domain_problem(address: str, domain: str) -> str | None:
    quoted = {"address": repr(address)}
    if not domain:
        return _("the email address %(address)s has nothing after the '@'") % quoted
    if domain.startswith("["):
        return _("%(address)s is sent to an IP address: give an address at a domain name") % quoted
    if not domain.isascii():
        try:
            ascii_form = domain.encode("idna").decode("ascii")
        except UnicodeError:
            return _("the domain of %(address)s has characters that are not allowed") % quoted
        return _(
            "the domain of %(address)s has letters outside plain ASCII (a look-alike letter?); "
            "if it is really right, write it as %(ascii)s"
        ) % {**quoted, "ascii": repr(ascii_form)}
    lowered = domain.lower()
    if lowered.endswith("."):
        return _("the email address %(address)s ends with a dot") % quoted
    labels = lowered.split(".")
    if len(labels) < 2:
        return _("the domain of %(address)s has no dot (like example.com)") % quoted
    if any(not label for label in labels):
        return _("the domain of %(address)s has a misplaced dot") % quoted
    for label in labels:
        if not _LABEL.fullmatch(label):
            return _("the domain of %(address)s has a part that is not allowed (%(part)s)") % {
                **quoted,
                "part": repr(label),
            }
    if not _TOP_LEVEL.fullmatch(labels[-1]):
        return _("the domain of %(address)s does not end like a real domain (%(part)s)") % {
            **quoted,
            "part": repr(labels[-1]),
        }
    return None


def normal_address(address: str) -> str:
    """The address with its domain in lower case (domains ignore case)."""
    local, _at, domain = address.rpartition("@")
    return f"{local}@{domain.lower()}"


def address_key(address: str) -> str:
    """The form two addresses are compared in: one mailbox, however it is capitalised."""
    return address.casefold()


def name_problem(name: str) -> str | None:
    """What is wrong with a recipient's display name; None if good."""
    quoted = {"name": repr(name)}
    hidden = hidden_character(name, ONE_LINE)
    if hidden:
        return _("the name %(name)s contains %(character)s") % {**quoted, "character": hidden[1]}
    if "@" in name or "<" in name or ">" in name:
        return (
            _(
                "the name %(name)s contains an address or '<', '>', '@': a name that looks like "
                "an address can mislead; give just the name"
            )
            % quoted
        )
    if len(name) > MAX_NAME:
        return _("the name %(start)s... is longer than %(limit)d characters") % {
            "start": repr(name[:40]),
            "limit": MAX_NAME,
        }
    return None


def split_named_address(value: str) -> tuple[str | None, str] | None:
    """Split ``Name <address>`` or a bare address into (name, address); None if malformed.

    A name in double quotes loses them and its backslash escapes, as RFC 5322 reads it.
    """
    text = value.strip()
    if "<" not in text and ">" not in text:
        return None, text
    match = re.fullmatch(r"([^<>]*)<([^<>]*)>", text)
    if match is None:
        return None
    name = match.group(1).strip()
    if len(name) >= 2 and name[0] == name[-1] == '"':
        name = re.sub(r"\\(.)", r"\1", name[1:-1]).strip()
    return (name or None), match.group(2).strip()


def name_and_address(text: str) -> tuple[str, str] | None:
    """A name and a good address written side by side, as ``Grandad grandad@example.com``,
    ``grandad@example.com Grandad``, ``Grandad, grandad@example.com``,
    ``Grandad (grandad@example.com)`` or with the closing ``>`` left off; None when the text
    is not that."""
    words = text.replace("<", " ").replace(">", " ").replace(",", " ").split()
    for address, name_words in ((words[-1:], words[:-1]), (words[:1], words[1:])):
        name = " ".join(name_words)
        if name.startswith("(") and name.endswith(")") and name.count("(") == 1:
            name = name[1:-1].strip()  # 'grandad@example.com (Grandad)'
        plain = address[0].removeprefix("(").removesuffix(")") if address else ""
        if plain and name and address_problem(plain) is None and name_problem(name) is None:
            return name, plain
    return None


def named_address_problem(value: str) -> str | None:
    """What is wrong with ``Name <address>`` or a bare address; None if it is one good address."""
    if hidden := hidden_character(value, ONE_LINE):
        return _("%(value)s contains %(character)s") % {
            "value": repr(value),
            "character": hidden[1],
        }
    together = name_and_address(value) if value.count("<") + value.count(">") < 2 else None
    if together is not None:
        return _('%(value)s is a name and an address: write it as "%(name)s <%(address)s>"') % {
            "value": repr(value),
            "name": together[0],
            "address": together[1],
        }
    parts = split_named_address(value)
    if parts is None:
        return _('%(value)s is not one address: write "Name <address>" or just the address') % {
            "value": repr(value)
        }
    name, address = parts
    if name is not None and (problem := name_problem(name)):
        return problem
    return address_problem(address)
