"""Where each guide lives on the web edition, so paper and email can point to it.

``guide site`` writes a guide's page to ``guides/<name>/index.html``; with a base address
(``--base-url``) that page's address is printed on every handout and email of the guide.
It reads the base address as ``links`` reads every other one, and sits below the renderers
and the site, so both compute the same address.
"""

from __future__ import annotations

import re

GUIDES_FOLDER = "guides"
"""The folder of the site that holds one folder per edition of a guide."""
FOLDER = re.compile(r"/[A-Za-z0-9._~/-]*")
"""The folder part of a base address: only what a browser keeps as it is."""
LONGEST_BASE_URL = 100
"""Longest ``--base-url``, in characters: a guide's address must still print on one or two
lines and fit the link rules (``links.MAX_LINK_LENGTH``) with the guide's name after it."""


def page_folder(name: str) -> str:
    """The folder of a guide edition's page inside the site, like ``guides/lock-your-phone/``."""
    return f"{GUIDES_FOLDER}/{name}/"


def page_address(base_url: str, name: str) -> str:
    """The web address of a guide edition's page, from the site's base address."""
    return base_url + page_folder(name)


def guide_address(base_url: str | None, name: str) -> str | None:
    """The web address of a guide edition's page, or None without a base address."""
    return page_address(base_url, name) if base_url else None


def base_url_problem(url: str) -> str | None:
    """Why an address cannot be the site's base address (``--base-url``), or None."""
    from generator.parse.links import Address, read_address

    if not url.lower().startswith("https://"):
        return (
            "the site's address must start with https:// (it is printed on paper, and a "
            "phone should open it safely)"
        )
    if len(url) > LONGEST_BASE_URL:
        return (
            f"it is {len(url)} characters long: at most {LONGEST_BASE_URL}, so each guide's "
            "address still fits on the page"
        )
    if any(mark in url for mark in "?#"):
        return "the site's address cannot have a '?' or '#' part: give the folder's address"
    found = read_address(url)
    if not isinstance(found, Address):
        return found
    folder = "/" + url.split("//", 1)[1].partition("/")[2]
    segments = folder[1:].split("/")
    if segments[-1] == "":
        segments.pop()  # the folder's own closing '/'
    if not FOLDER.fullmatch(folder) or any(part in ("", ".", "..") for part in segments):
        return (
            f"the folder part of the address ('{folder}') may hold only plain letters (a-z, "
            "A-Z), digits, '-', '_', '.', '~' and single '/': a browser rewrites anything else, "
            "so the address printed on the handouts would not be the page's"
        )
    return None


def normal_base_url(url: str) -> str:
    """A base address as a browser writes it (``https`` and the host in lower case), ending
    in ``/`` so a page's folder can be put after it."""
    host, _, folder = url.split("//", 1)[1].partition("/")
    folder = folder if not folder or folder.endswith("/") else folder + "/"
    return f"https://{host.lower()}/{folder}"
