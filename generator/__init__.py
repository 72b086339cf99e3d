"""Turn short step-by-step digital-safety guides into handouts, emails and workshop packs."""

import sys

__version__ = "0.1.0"

# An editable install has no compiled modules until Python writes them on import, and with
# PYTHONDONTWRITEBYTECODE it never does: every run compiled the tool's ninety modules again,
# about half of a cold build. The tool's own modules are kept compiled beside their source,
# as an installer keeps them; libraries installed by pip already are.
sys.dont_write_bytecode = False
