"""How a link is shown so a reader always sees where it really goes (see ``generator.links``)."""

from __future__ import annotations

from generator.links import LinkView, display_host, link_view, printed_address

__all__ = ["LinkView", "display_host", "link_view", "printed_address"]
