"""Private parts of the libraries the renderers rely on, each recorded with its source.

ReportLab offers no public way to tag marked content or to hold pages back for their
footers, the standard library's email writer none to write a part in one piece, and
Jinja's sandbox none to say in its own words what it refused, so the renderers override or
read a few of their private methods and attributes. Those may change in any release. Each
library's hooks are listed in one module (``render/pdf/reportlab_hooks.py``,
``render/mime.py``, ``render/sandbox.py``) with a digest of each hooked
method's source as it was last checked; ``tests/house/test_library_hooks_are_unchanged.py``
compares them with the installed libraries and names what changed and who relies on it.
"""

from __future__ import annotations

import hashlib
import importlib
import inspect
from dataclasses import dataclass


@dataclass(frozen=True)
class Hook:
    """One private method of a library that the tool overrides, calls or relies on."""

    place: str
    """``module:Class.method`` (or ``module:function``)."""
    digest: str
    """The first 16 hex digits of the SHA-256 of its source, as last checked."""
    used_in: str
    """The module of ours that relies on it."""
    why: str
    """What it is used for, in a few words."""


@dataclass(frozen=True)
class Attributes:
    """Private attributes of a library's object that the tool reads or sets."""

    place: str
    """``module:Class`` whose instances carry them, or ``module`` for module globals."""
    names: tuple[str, ...]
    used_in: str
    why: str


def source_digest(place: str) -> str | None:
    """The digest of the installed library's source for ``place``; None if it is gone."""
    module_name, _, qualified = place.partition(":")
    found: object = importlib.import_module(module_name)
    for part in qualified.split("."):
        found = getattr(found, part, None)
        if found is None:
            return None
    try:
        source = inspect.getsource(found)  # type: ignore[arg-type]
    except (OSError, TypeError):
        return None
    return hashlib.sha256(source.encode("utf-8")).hexdigest()[:16]


def changed(hooks: tuple[Hook, ...], version: str) -> list[str]:
    """A sentence for every hook whose installed source differs from the one recorded."""
    said: list[str] = []
    for hook in hooks:
        digest = source_digest(hook.place)
        if digest is None:
            said.append(
                f"{hook.place} is gone in version {version}: {hook.used_in} relies on it "
                f"({hook.why})"
            )
        elif digest != hook.digest:
            said.append(
                f"{hook.place} changed in version {version} (source digest {digest}, "
                f"recorded {hook.digest}): {hook.used_in} relies on it ({hook.why}); read "
                "the new source, adapt the hook if needed, then record the new digest"
            )
    return said
