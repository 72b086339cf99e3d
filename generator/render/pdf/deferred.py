"""ReportLab's pattern for web addresses, compiled the first time a paragraph needs it.

``reportlab.platypus.paragraph`` compiles one pattern when it is imported: a case-blind
pattern over most of Unicode that recognises web addresses, about 30 ms (a twentieth of a
cold build). Its one use is ``_uri_split_pairs``, when a long address must be cut at a line's
end, which most handouts never need. A finder in front of Python's own loads that module with
the pattern standing in for itself until first used; every other pattern, and the module,
are as ReportLab makes them.
"""

from __future__ import annotations

import re
import sys
from importlib.abc import Loader, MetaPathFinder
from importlib.machinery import ModuleSpec, PathFinder
from types import ModuleType
from typing import Any

MODULE = "reportlab.platypus.paragraph"
MARK = "|localhost))"
"""A piece of the address pattern (``uri_pat``) that no other pattern of the module holds."""


class DeferredPattern:
    """A compiled pattern made on first use: each attribute is the compiled pattern's."""

    def __init__(self, pattern: str, flags: int) -> None:
        self.pattern = pattern
        self.flags = flags
        self.compiled: re.Pattern[str] | None = None

    def __getattr__(self, name: str) -> Any:
        if self.compiled is None:
            self.compiled = re.compile(self.pattern, self.flags)
        return getattr(self.compiled, name)


class _DeferringLoader(Loader):
    """Runs the paragraph module with its address pattern deferred."""

    def __init__(self, loader: Loader) -> None:
        self.loader = loader

    def create_module(self, spec: ModuleSpec) -> ModuleType | None:
        return self.loader.create_module(spec)

    def exec_module(self, module: ModuleType) -> None:
        compile_now = re.compile

        def compile_later(pattern: Any, flags: int = 0) -> Any:
            if isinstance(pattern, str) and MARK in pattern:
                return DeferredPattern(pattern, flags)
            return compile_now(pattern, flags)

        re.compile = compile_later
        try:
            self.loader.exec_module(module)
        finally:
            re.compile = compile_now

    def __getattr__(self, name: str) -> Any:  # get_source, get_code…: the real loader's
        return getattr(self.loader, name)


class _Finder(MetaPathFinder):
    """Finds ReportLab's paragraph module as Python would, to load it with ``_DeferringLoader``."""

    def find_spec(
        self, fullname: str, path: Any = None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        if fullname != MODULE:
            return None
        spec = PathFinder.find_spec(fullname, path)
        if spec is not None and spec.loader is not None:
            spec.loader = _DeferringLoader(spec.loader)
        return spec


def defer_address_pattern() -> None:
    """Have ReportLab's address pattern compiled on first use (if its module is not loaded)."""
    if MODULE in sys.modules or any(isinstance(f, _Finder) for f in sys.meta_path):
        return
    sys.meta_path.insert(0, _Finder())
