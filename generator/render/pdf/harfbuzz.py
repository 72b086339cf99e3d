"""HarfBuzz (``uharfbuzz``), loaded only for text that needs shaping.

ReportLab imports ``uharfbuzz`` as soon as it is installed (about 110 ms), to shape text
its own way, which maps shaped glyphs to private code points. This tool shapes with its
own code and only for the scripts that need it, so ReportLab is kept from loading it:
a Latin handout costs what it cost before HarfBuzz was a dependency.
"""

from __future__ import annotations

import sys
from types import ModuleType


def hold_back() -> None:
    """Keep ReportLab from importing HarfBuzz (call before ReportLab is first imported)."""
    if "uharfbuzz" not in sys.modules:
        sys.modules["uharfbuzz"] = None  # type: ignore[assignment]


def harfbuzz() -> ModuleType:
    """The ``uharfbuzz`` module, imported now if it was held back."""
    if sys.modules.get("uharfbuzz", False) is None:
        del sys.modules["uharfbuzz"]
    import uharfbuzz  # noqa: F401  (registers it in sys.modules)

    return sys.modules["uharfbuzz"]
