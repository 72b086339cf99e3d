"""Escaping text for ReportLab's paragraph markup.

``xml.sax.saxutils`` has the same two helpers, but importing it loads urllib, http.client
and ssl, which a handout never needs.
"""

from __future__ import annotations

from html import escape as _escape


def escape(text: str) -> str:
    """Text made safe inside ReportLab's paragraph markup: &, < and > as entities."""
    return _escape(text, quote=False)


def quoteattr(value: str) -> str:
    """A value as a double-quoted markup attribute."""
    return '"' + _escape(value, quote=False).replace('"', "&quot;") + '"'
