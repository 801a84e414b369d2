"""Imports run one way: views never touch the network, keyring or SQLite; models never touch
widgets or the network (STYLE.md §1). Parsed from the source, so it holds for every module."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1] / "desktop"

FORBIDDEN = {
    "views": ("httpx", "httpcore", "keyring", "sqlite3", "sqlite_utils",
              "desktop.services.http", "desktop.services.connectors.reference",
              "desktop.services.connectors.wordpress"),
    "models": ("httpx", "httpcore", "keyring", "PySide6.QtWidgets", "PySide6.QtGui",
               "desktop.views", "desktop.services.http", "desktop.services.credentials",
               "desktop.services.desk", "desktop.services.sync"),
    "services": ("PySide6.QtWidgets", "desktop.views"),
}


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{a.name}" for a in node.names)
    return names


CASES = [(layer, p) for layer in FORBIDDEN for p in sorted((ROOT / layer).rglob("*.py"))]


@pytest.mark.parametrize(("layer", "path"), CASES,
                         ids=[str(p.relative_to(ROOT)) for _, p in CASES])
def test_layer_imports(layer: str, path: Path) -> None:
    bad = sorted(
        name for name in _imports(path)
        if any(name == f or name.startswith(f + ".") for f in FORBIDDEN[layer])
    )
    assert not bad, f"{path.relative_to(ROOT)} imports {bad}"


def test_every_layer_has_modules() -> None:
    assert all(any((ROOT / layer).rglob("*.py")) for layer in FORBIDDEN)
