"""The package's layout: a module map that lists every module, no import cycle, and old import paths
that still work (with a warning) for a term."""

from __future__ import annotations

import ast
import importlib
import subprocess
import sys
import warnings
from pathlib import Path

import networkx as nx
import pytest

import syrialev
from syrialev._moved import MOVED, MovedWarning

PACKAGE = Path(syrialev.__file__).parent


def _modules(package: Path = PACKAGE) -> dict[str, Path]:
    """Every module of the package by dotted name (shims and private helpers included)."""
    found = {}
    for path in package.rglob("*.py"):
        if "_book" in path.parts:
            continue
        parts = list(path.relative_to(package.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def test_module_map_lists_every_module():
    doc = syrialev.__doc__
    missing = [name for name in _modules()
               if name not in MOVED and name != "syrialev" and not name.rsplit(".", 1)[-1].startswith("_")
               and name.rsplit(".", 1)[-1] not in doc]
    assert not missing, f"modules missing from the module map in syrialev/__init__.py: {missing}"


def _imports(name: str, path: Path, modules: dict) -> set[str]:
    """Package modules that ``name`` imports, at the top or inside a function (a lazy import still
    ties two modules together); imports for type annotations only are left out."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    out = set()
    for node in tree.body:
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.dump(node.test):
            continue
        for sub in ast.walk(node):
            if isinstance(sub, ast.ImportFrom):
                base = sub.module or ""
                if sub.level:
                    anchor = package.split(".")[: len(package.split(".")) - sub.level + 1]
                    base = ".".join(anchor + ([base] if base else []))
                top = name.split(".")[0]
                if not base.startswith(top):
                    continue
                for alias in sub.names:
                    candidate = f"{base}.{alias.name}"
                    out.add(candidate if candidate in modules else base)
            elif isinstance(sub, ast.Import):
                out |= {a.name for a in sub.names if a.name.split(".")[0] == name.split(".")[0]}
    return out


def _cycles(package: Path) -> list:
    modules = _modules(package)
    graph = nx.DiGraph()
    for name, path in modules.items():
        for target in _imports(name, path, modules):
            # a package imports its own submodules; that is not a cycle between roles
            if target != name and not target.startswith(name + ".") and not name.startswith(target + "."):
                graph.add_edge(name, target)
    return list(nx.simple_cycles(graph))


def test_no_import_cycle():
    cycles = _cycles(PACKAGE)
    assert not cycles, f"import cycles: {cycles}"


def test_the_cycle_check_sees_a_lazy_cycle(tmp_path):
    """The layout the package had: ``base`` imported ``offline`` inside a method, ``offline``
    imported ``base`` at the top."""
    pkg = tmp_path / "pkg"
    (pkg / "explorers").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "explorers" / "__init__.py").write_text("")
    (pkg / "explorers" / "base.py").write_text("class E:\n    def offline(self):\n"
                                                "        from .offline import O\n        return O(self)\n")
    (pkg / "explorers" / "offline.py").write_text("from .base import E\n\nclass O:\n    pass\n")
    assert len(_cycles(pkg)) == 1


@pytest.mark.parametrize("old", sorted(MOVED))
def test_old_import_paths_still_work_and_warn(old):
    code = (f"import warnings; warnings.simplefilter('error', FutureWarning)\n"
            f"try:\n    import {old}\nexcept FutureWarning as w:\n    print('warned:', w)\n")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert f"warned: {old} has moved to {MOVED[old]}" in proc.stdout
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        sys.modules.pop(old, None)
        module = importlib.import_module(old)
    assert any(issubclass(w.category, MovedWarning) for w in caught)
    new = importlib.import_module(MOVED[old])
    assert module is new or all(getattr(module, n) is getattr(new, n) for n in getattr(module, "__all__", ()))
