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


def test_renderers_import_neither_the_judge_nor_each_other() -> None:
    """The layers: a renderer reads results and render/text.py, never judge/ nor another format's module."""
    allowed_render = {"planchk.render", "planchk.render.text", "planchk.render.console",  # shared pieces
                      "planchk.render.fit"}
    offenders = []
    for path in (SRC / "render").glob("*.py"):
        for module in re.findall(r"^\s*(?:from|import)\s+(planchk[\w.]*)", path.read_text(encoding="utf-8"), re.M):
            if module.startswith("planchk.judge") or module.startswith("planchk.runs"):
                offenders.append(f"{path.name} imports {module}")
            if module.startswith("planchk.render") and module not in allowed_render:
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
