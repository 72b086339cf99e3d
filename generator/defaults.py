"""Every option's default, written once.

The ``guide`` command's options, the options objects and the commands all read them here.
It imports nothing but ``pathlib``, so ``guide --help`` stays instant.
"""

from __future__ import annotations

from pathlib import Path

CONTENT = Path("content")
"""The folder of guides a command reads when given none."""
OUT = Path("output")
"""The folder outputs are written to."""
SITE_OUT = Path("site")
"""The folder ``guide site`` writes the web edition to."""
FORMATS = ("pdf", "html", "txt", "eml")
"""Every output format, in the order they are built (the .eml attaches the PDF)."""
PAPERS = ("a4", "letter")
"""The papers a handout is printed on."""
PAPER = "a4"
"""The paper when none is chosen."""
LAYOUTS = ("single", "booklet", "two-up")
"""How the attendee pack is printed: page by page, as a folded booklet, or two to a sheet."""
LAYOUT = "single"
"""The workshop layout when none is chosen."""
MAX_AGE = 180
"""Days after its 'checked' date that a guide is called out of date."""
RATE = 20.0
"""Messages a minute ``guide send`` sends at most: well inside what mail accounts allow."""
MAX_MESSAGES = 100
"""Messages one ``guide send`` run sends at most: a slip in a list cannot mail hundreds."""
LANG = "en"
"""The language ``guide new`` starts a guide in."""
PORT = 8000
"""The port ``guide preview`` serves on."""
HOST = "127.0.0.1"
"""The address ``guide preview`` serves on: this computer only."""
