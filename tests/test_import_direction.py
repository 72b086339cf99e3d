"""Arrows point one way: renderers use what they share from below, never ``guide build``."""

from __future__ import annotations

import ast
from pathlib import Path

RENDER = Path(__file__).resolve().parents[1] / "generator" / "render"


def imported_modules(path: Path) -> set[str]:
    """Every module a source file imports, at the top or inside a function."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def test_no_renderer_imports_the_build_command() -> None:
    offenders = sorted(
        str(path.relative_to(RENDER))
        for path in RENDER.rglob("*.py")
        if "generator.build" in imported_modules(path)
    )
    assert offenders == []


def test_shared_types_are_still_importable_from_build() -> None:
    from generator import artifacts, build

    assert build.BuildOptions is artifacts.BuildOptions
    assert build.Artifact is artifacts.Artifact
    assert build.BuildContext is artifacts.BuildContext
