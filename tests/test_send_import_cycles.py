"""The modules behind ``guide send`` point one way: no two of them import each other."""

from __future__ import annotations

import ast
from pathlib import Path

import generator

PACKAGE = Path(generator.__file__).parent


def _imports(path: Path) -> set[str]:
    """Every ``generator`` module a file imports anywhere (top level, lazily or for typing)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {name for name in found if name.startswith("generator.")}


def test_no_two_send_modules_import_each_other() -> None:
    modules = {
        f"generator.send.{path.stem}": _imports(path)
        for path in sorted((PACKAGE / "send").glob("*.py"))
    }
    mutual = sorted(
        (first, second)
        for first, imported in modules.items()
        for second in imported
        if second in modules and first < second and first in modules[second]
    )
    assert mutual == []


def test_compose_and_outbox_share_the_message_type_from_below() -> None:
    compose = _imports(PACKAGE / "send" / "compose.py")
    outbox = _imports(PACKAGE / "send" / "outbox.py")
    assert "generator.send.outbox" not in compose
    assert "generator.send.compose" not in outbox
    assert "generator.send.composed" in compose & outbox
