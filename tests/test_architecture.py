"""The core stays free of MkDocs so that other front ends (a CLI, an exporter, ProperDocs, Zensical) stay possible."""

from __future__ import annotations

import ast
from pathlib import Path

import mkdocs_profiles

PACKAGE = Path(mkdocs_profiles.__file__).parent
#: Front ends that may talk to MkDocs; everything else is core.
ADAPTERS = {"plugin.py", "config.py", "cli.py"}


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def test_core_modules_do_not_import_mkdocs() -> None:
    core = [p for p in PACKAGE.rglob("*.py") if p.name not in ADAPTERS]
    assert len(core) >= 10, "the core modules were not found"
    offenders = {
        p.name: sorted(m for m in _imported_modules(p) if m == "mkdocs" or m.startswith(("mkdocs.", "material")))
        for p in core
    }
    offenders = {name: mods for name, mods in offenders.items() if mods}
    assert offenders == {}


def test_the_adapter_does_import_mkdocs() -> None:
    # Guards the scan above: if it could not see imports, this would fail too.
    assert any(m.startswith("mkdocs") for m in _imported_modules(PACKAGE / "plugin.py"))
