"""The layers docs/architecture.md states, checked on every import in src/planchk (top-level, inside functions and
under TYPE_CHECKING alike): cli → runs → judge → reading → plan, results between reading and judge, render
reading only results and the shared modules, and the shared modules importing none of the layers."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from conftest import nodes

SRC = Path(__file__).resolve().parents[1] / "src" / "planchk"

# Modules every layer may use; they import only each other.
SHARED = {"planchk", "planchk._version", "planchk.lang", "planchk.numbers", "planchk.sanitize", "planchk.cjk",
          "planchk.formats", "planchk.bounded", "planchk.i18n", "planchk.messages", "planchk.diagnostics",
          "planchk.output", "planchk.encodings"}
# The pieces of render/ any format may use; a format never imports another format.
RENDER_SHARED = {"planchk.render", "planchk.render.text", "planchk.render.console", "planchk.render.fit",
                 "planchk.render.unit_sections"}
# A report's Markdown/HTML are drawn with its charts and its style sheet.
# The table draws results by unit (--by-unit) with its own part, render/unit_table.py.
RENDER_PARTS = {"planchk.render.assessment": {"planchk.render.charts", "planchk.render.report_style"},
                "planchk.render.table": {"planchk.render.unit_table"}}


def _in(module: str, *prefixes: str) -> bool:
    return any(module == p or module.startswith(p + ".") for p in prefixes)


def allowed(importer: str, imported: str) -> bool:
    """Whether the layering lets `importer` import `imported` (both planchk modules)."""
    if imported in SHARED or imported == importer:
        return True
    if importer in SHARED:
        return False
    if _in(importer, "planchk.cli") or importer == "planchk.__main__":
        return True
    if _in(importer, "planchk.render"):
        if imported in RENDER_SHARED or imported in RENDER_PARTS.get(importer, set()):
            return True
        if imported == "planchk.results":
            return True
        # `plan show` draws the plan itself, `plan coverage` the plan's text: the renderers whose subject is the plan
        if importer == "planchk.render.plan_tables":
            return _in(imported, "planchk.plan")
        return importer.startswith("planchk.render.coverage_") and imported == "planchk.plan.coverage"
    below = {
        "planchk.plan": ("planchk.plan",),
        "planchk.reading": ("planchk.reading", "planchk.plan"),
        "planchk.results": ("planchk.reading.rows", "planchk.plan"),
        "planchk.judge": ("planchk.judge", "planchk.results", "planchk.reading.rows", "planchk.plan"),
        "planchk.runs": ("planchk.judge", "planchk.results", "planchk.reading", "planchk.plan"),
        # several plans side by side: the files chosen for each plan, each plan's run (runs.py) put together
        "planchk.plans": ("planchk.runs", "planchk.judge", "planchk.results", "planchk.reading", "planchk.plan"),
        "planchk.template": ("planchk.judge", "planchk.results", "planchk.plan"),
        "planchk.template_xlsx": ("planchk.template", "planchk.judge", "planchk.results", "planchk.plan"),
    }
    for layer, may in below.items():
        if _in(importer, layer):
            return _in(imported, *may)
    raise AssertionError(f"{importer} is in no layer: add it to docs/architecture.md and to this test")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(["planchk", *parts])


def planchk_imports(source: str | Path, package: str) -> set[str]:
    """Every planchk module `source` (a module of `package`: its text, or its file, parsed once per session by
    conftest.parsed) imports, wherever the import statement stands."""
    found: set[str] = set()
    for node in nodes(source) if isinstance(source, Path) else ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if _in(a.name, "planchk")}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([node.module] if node.module else []))
            if not _in(base, "planchk"):
                continue
            found.add(base)
            # `from planchk.plan import load` imports the module planchk.plan.load
            found |= {f"{base}.{a.name}" for a in node.names}
    return found


MODULES = {module_name(p): p for p in sorted(SRC.rglob("*.py"))}


def violations() -> list[str]:
    out = []
    for importer, path in MODULES.items():
        package = importer if path.name == "__init__.py" else importer.rpartition(".")[0]
        for imported in sorted(planchk_imports(path, package)):
            if imported in MODULES and not allowed(importer, imported):
                out.append(f"{importer} imports {imported}")
    return out


def test_every_import_follows_the_layers() -> None:
    assert violations() == []


@pytest.mark.parametrize(
    ("importer", "imported"),
    [
        ("planchk.plan.load", "planchk.judge.items"),  # plan below judge
        ("planchk.reading.grid", "planchk.judge.compare"),  # reading below judge
        ("planchk.judge.items", "planchk.runs"),  # judge below runs
        ("planchk.runs", "planchk.render.table"),  # runs never renders
        ("planchk.render.table", "planchk.judge.items"),  # a renderer reads results only
        ("planchk.render.table", "planchk.plan.model"),
        ("planchk.render.markdown", "planchk.render.json"),  # a format never imports another
        ("planchk.messages", "planchk.plan.model"),  # shared modules import no layer
        ("planchk.judge.items", "planchk.cli.app"),
    ],
)
def test_the_check_refuses_an_upward_import(importer: str, imported: str) -> None:
    assert not allowed(importer, imported)


def test_the_check_sees_every_kind_of_import() -> None:
    source = (
        "from __future__ import annotations\n"
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from planchk.runs import Run\n"
        "def f():\n    from planchk.judge import items\n    import planchk.render.table\n"
        "from ..plan import load\n"
    )
    found = planchk_imports(source, "planchk.reading")
    assert {"planchk.runs", "planchk.judge.items", "planchk.render.table", "planchk.plan.load"} <= found
