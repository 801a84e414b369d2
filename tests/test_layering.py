"""Imports run one way: views never touch the network, keyring or SQLite; models never touch
widgets or the network (STYLE.md §1); and no modules import each other in a circle. Parsed from
the source, so it holds for every module."""

from __future__ import annotations

import ast
import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[1] / "desktop"
IMPORT_GRAPH = ROOT.parent / "scripts" / "import_graph.py"

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


# -- import cycles ------------------------------------------------------------------------------

def _import_graph() -> ModuleType:
    """scripts/import_graph.py, loaded by path: scripts/ is not a package."""
    spec = importlib.util.spec_from_file_location("import_graph", IMPORT_GRAPH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_desktop_has_no_import_cycle() -> None:
    cycles = _import_graph().find_cycles(ROOT)
    assert cycles == [], "modules that import each other: " + "; ".join(
        " <-> ".join(c) for c in cycles)


def _package(tmp_path: Path, files: dict[str, str]) -> Path:
    pkg = tmp_path / "desktop"
    for name, text in {"__init__.py": "", **files}.items():
        (pkg / name).parent.mkdir(parents=True, exist_ok=True)
        (pkg / name).write_text(text, encoding="utf-8")
    return pkg


def test_find_cycles_sees_an_import_inside_a_function(tmp_path: Path) -> None:
    graph = _import_graph()
    pkg = _package(tmp_path, {
        "a.py": "from desktop import b\n",
        "b.py": "def f():\n    from desktop import a\n",
        # never runs: not an edge
        "c.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from desktop import a\n",
        "d.py": "from desktop import c\n",
    })
    assert graph.find_cycles(pkg) == [["desktop.a", "desktop.b"]]


def test_find_cycles_sees_a_relative_import_in_a_method(tmp_path: Path) -> None:
    graph = _import_graph()
    pkg = _package(tmp_path, {
        "views/__init__.py": "",
        "views/window.py": "from desktop.models.store import Store\n",
        "models/__init__.py": "",
        "models/store.py": ("class Store:\n    def show(self):\n"
                            "        from ..views import window\n        return window\n"),
    })
    assert graph.find_cycles(pkg) == [["desktop.models.store", "desktop.views.window"]]
    # the command the test run calls fails on it, and passes once the circle is gone
    assert graph.main(["--quiet", str(pkg)]) == 1
    (pkg / "models" / "store.py").write_text("class Store:\n    pass\n", encoding="utf-8")
    assert graph.main(["--quiet", str(pkg)]) == 0
