"""Addresses whose domain was most likely mistyped: one letter from a common mail provider
(``gmial.com``), or a top-level domain that does not exist (``example.con``).

These are warnings, not errors: a real domain can be one letter from a provider's. The
top-level domains are the Public Suffix List's ICANN section as shipped, and kept up to
date, by the ``publicsuffixlist`` package; none is typed in here. ``COMMON_PROVIDERS`` is this
project's own short list of the mail providers most used where the tool's languages are
spoken.
"""

from __future__ import annotations

from functools import lru_cache

from generator.i18n import ui_gettext as _

COMMON_PROVIDERS = (
    "gmail.com",
    "googlemail.com",
    "yahoo.com",
    "yahoo.co.uk",
    "yahoo.fr",
    "yahoo.de",
    "yahoo.es",
    "hotmail.com",
    "hotmail.co.uk",
    "hotmail.fr",
    "hotmail.de",
    "hotmail.es",
    "outlook.com",
    "live.com",
    "live.co.uk",
    "icloud.com",
    "protonmail.com",
    "proton.me",
    "t-online.de",
    "btinternet.com",
    "virginmedia.com",
    "talktalk.net",
    "orange.fr",
    "wanadoo.fr",
    "laposte.net",
    "free.fr",
    "onet.pl",
    "interia.pl",
    "ukr.net",
    "comcast.net",
    "verizon.net",
)
"""Common mail providers (our own list). Names of three letters or fewer (aol.com, gmx.de,
wp.pl) are left out: nearly every one-letter change of them is someone's real domain."""
COMMON_TOP_LEVEL = ("com", "org", "net", "uk", "de", "fr", "pl", "es", "ie", "eu", "info")
"""The top-level domains a mistyped one is most likely meant to be, most used first."""
RESERVED_TOP_LEVEL = frozenset({"example", "invalid", "test", "localhost"})
"""Names kept for examples and tests (RFC 2606): used on purpose, never by a slip."""


def one_letter_apart(typed: str, meant: str) -> bool:
    """True when one letter added, left out, changed, or two side by side swapped turn
    ``typed`` into ``meant`` (``gmial`` and ``gmail``; ``gmai`` and ``gmail``)."""
    if typed == meant or abs(len(typed) - len(meant)) > 1:
        return False
    if len(typed) == len(meant):
        differ = [index for index, (a, b) in enumerate(zip(typed, meant, strict=True)) if a != b]
        if len(differ) == 1:
            return True
        first, second = differ[0], differ[-1]
        return (
            len(differ) == 2
            and second == first + 1
            and (typed[first], typed[second]) == (meant[second], meant[first])
        )
    shorter, longer = sorted((typed, meant), key=len)
    return any(longer[:index] + longer[index + 1 :] == shorter for index in range(len(longer)))


@lru_cache(maxsize=1)
def top_level_domains() -> frozenset[str]:
    """Every top-level domain there is (ASCII and in other scripts), from the shipped list."""
    from publicsuffixlist import PSLFILE

    with open(PSLFILE, encoding="utf-8") as handle:
        text = handle.read()
    icann = text.partition("// ===BEGIN ICANN DOMAINS===")[2].partition(
        "// ===END ICANN DOMAINS==="
    )[0]
    return frozenset(
        rule.lower()
        for line in icann.splitlines()
        if (rule := line.strip()) and not rule.startswith("//") and "." not in rule
    )


def _exists(top_level: str) -> bool:
    if top_level.startswith("xn--"):
        try:
            top_level = top_level.encode("ascii").decode("idna")
        except UnicodeError:
            return False
    return top_level in top_level_domains()


def domain_warning(address: str) -> str | None:
    """Why a good address's domain looks mistyped, with the address most likely meant."""
    local, _at, domain = address.rpartition("@")
    domain = domain.lower()
    top_level = domain.rpartition(".")[2]
    if domain in COMMON_PROVIDERS or top_level in RESERVED_TOP_LEVEL:
        return None
    for provider in COMMON_PROVIDERS:
        if one_letter_apart(domain, provider):
            return _(
                "%(address)s is one letter away from %(provider)s, a common mail provider: "
                "did you mean %(meant)s? If the address is right, leave it as it is"
            ) % {"address": repr(address), "provider": provider, "meant": f"{local}@{provider}"}
    if _exists(top_level):
        return None
    words = {"address": repr(address), "ending": f".{top_level}"}
    for common in COMMON_TOP_LEVEL:
        if one_letter_apart(top_level, common):
            meant = f"{local}@{domain[: -len(top_level)]}{common}"
            return _(
                "%(address)s ends in %(ending)s, which is not a domain on the internet: "
                "did you mean %(meant)s?"
            ) % {**words, "meant": meant}
    return (
        _(
            "%(address)s ends in %(ending)s, which is not a domain on the internet: check the "
            "address"
        )
        % words
    )
