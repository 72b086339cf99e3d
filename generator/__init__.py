"""Turn short step-by-step digital-safety guides into handouts, emails and workshop packs."""

__version__ = "0.1.0"
