"""Arrows point one way: every module of ``generator`` imports only its own part or the layers
below it, imports inside functions and for type checking included, and no modules import
each other in a circle.

The layers, from the bottom (see README, "Development"):
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import generator

PACKAGE = Path(generator.__file__).resolve().parent

LAYERS: tuple[tuple[str, ...], ...] = (
    ("generator", "generator.clock", "generator.defaults", "generator.i18n"),
    ("generator.scripts",),
    ("generator.text", "generator.typography", "generator.filekinds", "generator.files"),
    ("generator.problems", "generator.model"),
    ("generator.options",),
    ("generator.artifacts",),
    ("generator.parse",),
    ("generator.render",),
    ("generator.verify",),
    ("generator.check",),
    ("generator.publish",),
    ("generator.pipeline",),
    (
        "generator.build",
        "generator.new",
        "generator.workshop",
        "generator.send",
        "generator.preview",
        "generator.site",
    ),
    ("generator.cli",),
    ("generator.__main__",),
)
"""Each layer's parts, lowest first. A module may import anything in its own part (its own
package, or itself) and in the layers below; never a layer above, nor another part of its
own layer (the commands never use each other)."""
__doc__ = (__doc__ or "") + "".join(f"\n{', '.join(layer)}" for layer in LAYERS)


def modules() -> dict[str, Path]:
    """Every module of the package by its dotted name."""
    found: dict[str, Path] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def imports(name: str, path: Path, known: dict[str, Path]) -> Iterator[tuple[str, int]]:
    """Every module of the package that ``name`` imports anywhere, with the line it does it on."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            # ``from generator.verify import outputs`` imports a module; a name is a module's.
            targets = [f"{base}.{alias.name}" for alias in node.names] + [base]
        else:
            continue
        found: set[str] = set()
        for target in targets:
            while target and target not in known:
                target = target.rpartition(".")[0]
            if target and target != name and target not in found:
                found.add(target)
                yield target, node.lineno


def part_of(name: str) -> tuple[int, str]:
    """The layer a module is in and the part of it (the longest prefix that names one)."""
    best: tuple[int, str] | None = None
    for level, layer in enumerate(LAYERS):
        for part in layer:
            if (name == part or name.startswith(part + ".")) and (
                best is None or len(part) > len(best[1])
            ):
                best = (level, part)
    assert best is not None, f"{name} is in no layer: add it to LAYERS"
    return best


def graph() -> dict[str, dict[str, int]]:
    """Each module and the modules it imports, with a line where it does."""
    known = modules()
    edges: dict[str, dict[str, int]] = {}
    for name, path in known.items():
        edges[name] = {}
        for target, line in imports(name, path, known):
            edges[name].setdefault(target, line)
    return edges


def test_every_module_is_in_a_layer() -> None:
    for name in modules():
        part_of(name)


def test_no_module_imports_a_layer_above_it_or_a_neighbour() -> None:
    wrong: list[str] = []
    known = modules()
    for name, targets in graph().items():
        level, part = part_of(name)
        for target, line in targets.items():
            target_level, target_part = part_of(target)
            where = f"{known[name].relative_to(PACKAGE.parent)}:{line}"
            if target_level > level:
                wrong.append(f"{where}: {name} imports {target}, a layer above it")
            elif target_level == level and target_part != part:
                wrong.append(f"{where}: {name} imports {target}, beside it in the same layer")
    assert wrong == []


def test_no_modules_import_each_other_in_a_circle() -> None:
    edges = graph()
    circles: list[list[str]] = []
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(name: str) -> None:
        state[name] = 1
        path.append(name)
        for target in sorted(edges[name]):
            if state.get(target) == 1:
                circles.append([*path[path.index(target) :], target])
            elif target not in state:
                visit(target)
        path.pop()
        state[name] = 2

    for name in sorted(edges):
        if name not in state:
            visit(name)
    assert [" -> ".join(circle) for circle in circles] == []


def test_the_check_finds_an_import_inside_a_function(tmp_path: Path) -> None:
    source = tmp_path / "late.py"
    source.write_text("def later() -> None:\n    from generator.cli import cli\n", encoding="utf-8")
    known = {**modules(), "generator.model.late": source}
    assert list(imports("generator.model.late", source, known)) == [("generator.cli", 2)]
