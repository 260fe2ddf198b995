"""The house rules that keep planchk easy to change: types checked, lint clean, no hidden machinery, and the
process devices of the console entry point never blinding the tools people measure it with."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "planchk"


def _run(*args: str, env: dict[str, str] | None = None, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("COV_CORE")}
    full_env.update({"PLANCHK_LANG": "en", "NO_COLOR": "1", **(env or {})})
    return subprocess.run(args, capture_output=True, text=True, cwd=cwd, env=full_env, timeout=300)


def test_mypy_strict_finds_no_error() -> None:
    result = _run(sys.executable, "-m", "mypy", "--strict", "src/planchk")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Success: no issues found" in result.stdout


def test_ruff_is_clean() -> None:
    """src/ and tests/ (pyproject.toml's [tool.ruff] covers both)."""
    result = _run(sys.executable, "-m", "ruff", "check", "src", "tests")
    assert result.returncode == 0, result.stdout + result.stderr


# A function a reader can hold is at most this many lines, from its `def` to its last line (docstring included).
MAX_FUNCTION_LINES = 80


def long_functions(root: Path, most: int) -> list[str]:
    """`path:name (lines)` for every function under `root` longer than `most` lines."""
    import ast

    from conftest import nodes

    found = []
    for path in sorted(root.rglob("*.py")):
        for node in nodes(path):  # parsed once per session (conftest.parsed)
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                if length > most:
                    found.append(f"{path.relative_to(root).as_posix()}:{node.name} ({length})")
    return found


def test_no_function_is_longer_than_a_reader_can_hold(tmp_path: Path) -> None:
    assert long_functions(SRC, MAX_FUNCTION_LINES) == []
    # the check itself finds a long function (and only that one)
    (tmp_path / "m.py").write_text("def short() -> None:\n    pass\n\n\ndef long() -> None:\n" + "    x = 1\n" * 80)
    assert long_functions(tmp_path, MAX_FUNCTION_LINES) == ["m.py:long (81)"]


def test_no_blanket_type_ignores_and_no_serialised_code() -> None:
    """No `type: ignore` without a code, and nothing that stores or loads code objects (pickle, marshal)."""
    offenders = []
    for path in SRC.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        if re.search(r"type:\s*ignore(?!\[)", text):
            offenders.append(f"{path}: blanket type: ignore")
        if re.search(r"^\s*(import|from)\s+(pickle|marshal|shelve|dill)\b", text, re.M):
            offenders.append(f"{path}: serialises objects")
    assert offenders == []


def test_nothing_cites_a_document_outside_the_repository() -> None:
    places = [*SRC.rglob("*.py"), ROOT / "README.md", *(ROOT / "docs").glob("*.md")]
    offenders = [str(p) for p in places if "BRIEF" in p.read_text(encoding="utf-8")]
    assert offenders == []
    help_text = _run(sys.executable, "-m", "planchk", "--help").stdout
    assert "BRIEF" not in help_text and "Exit codes" in help_text


def test_importing_main_module_runs_nothing() -> None:
    """`import planchk.__main__` must not start the CLI (and so must not end the importing process)."""
    result = _run(sys.executable, "-c", "import planchk.__main__; print('still here')")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "still here"


def test_coverage_run_writes_its_data(tmp_path: Path) -> None:
    pytest.importorskip("coverage")
    data = tmp_path / ".coverage"
    result = _run(sys.executable, "-m", "coverage", "run", f"--data-file={data}", "-m", "planchk", "evaluate",
                  str(ROOT / "data" / "2022.csv"))
    assert result.returncode == 0, result.stderr
    assert "Summary:" in result.stdout
    assert data.exists() and data.stat().st_size > 0


def test_cprofile_prints_a_profile() -> None:
    result = _run(sys.executable, "-m", "cProfile", "-s", "cumulative", "-m", "planchk", "evaluate",
                  str(ROOT / "data" / "2022.csv"))
    assert result.returncode == 0, result.stderr
    assert "Summary:" in result.stdout
    assert "function calls" in result.stdout and "cumulative" in result.stdout


@pytest.mark.parametrize("switch", ["1", "0"])
def test_console_run_is_whole_with_and_without_the_fast_exit(switch: str) -> None:
    """With the devices on (fast exit) or off (PLANCHK_FAST_EXIT=0): the same complete output and exit codes."""
    ok = _run(sys.executable, "-m", "planchk", "evaluate", str(ROOT / "data" / "2022.csv"), "-f", "json",
              env={"PLANCHK_FAST_EXIT": switch})
    assert ok.returncode == 0 and ok.stdout.rstrip().endswith("}")
    bad = _run(sys.executable, "-m", "planchk", "evaluate", str(ROOT / "README.md"), env={"PLANCHK_FAST_EXIT": switch})
    assert bad.returncode == 2 and "not judged (exit 2)" in bad.stderr


def test_devices_are_off_under_a_tracer_or_when_switched_off(monkeypatch: pytest.MonkeyPatch) -> None:
    from planchk.cli.entry import devices_allowed

    monkeypatch.setenv("PLANCHK_FAST_EXIT", "0")
    assert devices_allowed() is False
    monkeypatch.setenv("PLANCHK_FAST_EXIT", "1")
    previous = sys.gettrace()
    sys.settrace(lambda *a: None)
    try:
        assert devices_allowed() is False
    finally:
        sys.settrace(previous)


def test_version_comes_from_the_package_metadata() -> None:
    from importlib.metadata import version

    import planchk

    assert planchk.__version__ == version("planchk")
    # the number is written once, in pyproject.toml
    assert not re.search(r'__version__ = "\d+\.', (SRC / "__init__.py").read_text())


def test_renderers_import_neither_the_plan_nor_the_judge_nor_each_other() -> None:
    """The layers: a renderer reads results and the shared render pieces, never plan/, judge/ or runs.py (what a
    report says is decided in judge/assessment.py), nor another format's module. `plan show` draws the plan
    itself (render/plan_tables.py), `plan coverage` the coverage of its text (render/coverage_*.py), and the
    HTML report's charts and style sheets are its own parts."""
    shared = {"planchk.render", "planchk.render.text", "planchk.render.console", "planchk.render.fit",
              "planchk.render.unit_sections"}  # results by unit (--by-unit), a section of several formats
    own_parts = {"assessment.py": {"planchk.render.charts", "planchk.render.report_style"},
                 "table.py": {"planchk.render.unit_table"}}
    offenders = []
    for path in (SRC / "render").glob("*.py"):
        for module in re.findall(r"^\s*(?:from|import)\s+(planchk[\w.]*)", path.read_text(encoding="utf-8"), re.M):
            if module.startswith(("planchk.judge", "planchk.runs")):
                offenders.append(f"{path.name} imports {module}")
            # `plan coverage` draws the coverage of the plan's text (plan/coverage.py's result) and nothing else
            drawn = "planchk.plan" if path.name == "plan_tables.py" else None
            if path.name.startswith("coverage_"):
                drawn = "planchk.plan.coverage"
            if module.startswith("planchk.plan") and not (drawn and module.startswith(drawn)):
                offenders.append(f"{path.name} imports {module}")
            if module.startswith("planchk.render") and module not in shared | own_parts.get(path.name, set()):
                offenders.append(f"{path.name} imports {module}")
    assert offenders == []


def test_every_label_exists_in_both_languages_with_the_same_placeholders() -> None:
    import string

    from planchk.i18n import LABELS

    assert set(LABELS["zh"]) == set(LABELS["en"])
    for key in LABELS["zh"]:
        fields = [{f for _, f, _, _ in string.Formatter().parse(LABELS[lang][key]) if f} for lang in ("zh", "en")]
        assert fields[0] == fields[1], key


@pytest.mark.parametrize("value", ["zh", "zh_CN", "zh-CN.UTF-8", "ZH_tw"])
def test_planchk_lang_accepts_locale_names(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    from planchk.i18n import default_lang

    monkeypatch.setenv("PLANCHK_LANG", value)
    assert default_lang() == "zh"


def _imports(path: Path) -> set[str]:
    """Every planchk module `path` imports, at the top, inside a function or for type checking alike."""
    import ast

    from conftest import nodes

    found: set[str] = set()
    for node in nodes(path):  # parsed once per session (conftest.parsed)
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("planchk")}
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("planchk"):
            for alias in node.names:  # `from planchk.cli import exits` imports the module planchk.cli.exits
                sub = f"{node.module}.{alias.name}"
                found.add(sub if (SRC.parent / (sub.replace(".", "/") + ".py")).exists() else node.module)
    return found


def test_no_import_cycle() -> None:
    """No module of planchk imports, through any chain, a module that imports it back (the command line's
    app and entry point once did)."""
    graph = {}
    for path in SRC.rglob("*.py"):
        parts = path.relative_to(SRC.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        graph[name] = _imports(path)

    def reaches(start: str, here: str, seen: set[str]) -> bool:
        for nxt in graph.get(here, set()):
            if nxt == start:
                return True
            if nxt not in seen:
                seen.add(nxt)
                if reaches(start, nxt, seen):
                    return True
        return False

    assert [module for module in graph if reaches(module, module, set())] == []


@pytest.mark.parametrize("args, absent", [
    (["--help"], ("pydantic", "yaml", "rich")),  # help is click's plain help in planchk's layout (cli/help_format.py)
    (["evaluate", "{data}/2022.csv", "--format", "json"], ("rich",)),
])
def test_what_a_run_does_not_import(args: list[str], absent: tuple[str, ...]) -> None:
    """The heavy libraries stay out of the runs that do not need them (`--version`: test_cli.py)."""
    code = ("import os, sys, runpy; sys.argv = ['planchk', *sys.argv[1:]]\nreal_exit = os._exit\n"
            "def exit_(code):\n"
            f"    print(sorted(m for m in {absent!r} if m in sys.modules))\n"
            "    sys.stdout.flush()\n    real_exit(code)\n"
            "os._exit = exit_\nrunpy.run_module('planchk', run_name='__main__')")
    proc = _run(sys.executable, "-c", code, *(a.format(data=ROOT / "data") for a in args))
    assert proc.returncode == 0 and proc.stdout.strip().splitlines()[-1] == "[]", proc.stdout[-300:] + proc.stderr
