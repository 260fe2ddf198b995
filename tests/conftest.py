from __future__ import annotations

import ast
import atexit
import gc
import json
import os
import shutil
import stat
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import Any

import pytest
import typer
import typer.main
import typer.testing
from typer.testing import CliRunner

import planchk.plan.load
from planchk.cli.app import app
from planchk.plan.model import Plan

ROOT = Path(__file__).resolve().parents[1]
# Examples per property-based test (README, "Set up and run the whole test suite"): a few by default, so the
# suite stays near a minute of CPU; PLANCHK_FUZZ_EXAMPLES=1000 for the long run.
FUZZ_EXAMPLES = int(os.environ.get("PLANCHK_FUZZ_EXAMPLES", "20"))
DATA = ROOT / "data"
# The first three sample years, which most tests were written against; 2024.csv (GB18030, a title line) and
# 2025.csv (the final year) have tests of their own and the README's final evaluation.
EARLY_YEARS = [DATA / f"{year}.csv" for year in (2021, 2022, 2023)]
SOURCE_TEXT = ROOT / "plan" / "source" / "dadukou-education-14th-fyp.zh.txt"


# The processes the suite starts (`python -m planchk`, bench/run.py, mypy) share one bytecode folder for the
# session: with PYTHONDONTWRITEBYTECODE=1 (set in some shells and CI images) every such process would compile
# planchk's modules from source again, a fifth of its start. The folder is the session's own, outside the
# project, and removed at the end; what the processes do is otherwise unchanged.
_BYTECODE_SETTINGS = ("PYTHONPYCACHEPREFIX", "PYTHONDONTWRITEBYTECODE")
_BYTECODE_BEFORE = {name: os.environ.get(name) for name in _BYTECODE_SETTINGS}
_BYTECODE = tempfile.mkdtemp(prefix="planchk-tests-pycache-")
atexit.register(shutil.rmtree, _BYTECODE, ignore_errors=True)
os.environ["PYTHONPYCACHEPREFIX"] = _BYTECODE
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
# The terminal's size is each test's to set: a shell or runner that exports COLUMNS or LINES (pytest-xdist's
# workers export 80×24) would narrow every planchk process a test starts, and piped output would wrap.
for _name in ("COLUMNS", "LINES"):
    os.environ.pop(_name, None)


def own_bytecode(env: dict[str, str]) -> dict[str, str]:
    """`env` with Python's bytecode settings as the session found them: for processes that run installed code
    with bytecode of its own (pip, an installed wheel), which the shared folder would compile again."""
    out = {k: v for k, v in env.items() if k not in _BYTECODE_SETTINGS}
    out.update({k: v for k, v in _BYTECODE_BEFORE.items() if v is not None})
    return out


# The cyclic garbage collector, for the test process. The suite runs planchk in-process over a thousand times and
# keeps what it may (the click app, plans, parsed sources) alive: with Python's default thresholds a full
# collection ran every few tests, scanning a few hundred thousand long-lived objects each time, about a sixth of
# the in-process CPU, and freed almost nothing (a run builds few cycles; the console entry point switches the
# collector off altogether, cli/entry.py). Here it stays on, collecting every 10 000 allocations instead of every
# 700, and what the collected test modules import is frozen out of its scans (pytest_collection_finish). Only
# the test process: every planchk the suite starts as a process keeps Python's own settings. Off, as planchk's
# own process devices are, with PLANCHK_FAST_EXIT=0 (for a run that looks for a leak or a cycle).
_GC_TUNED = os.environ.get("PLANCHK_FAST_EXIT", "1").strip() not in ("0", "no", "false", "off")
if _GC_TUNED:
    gc.set_threshold(10_000, 10, 10)


def pytest_collection_finish(session: pytest.Session) -> None:
    if _GC_TUNED:
        gc.collect()
        gc.freeze()


_load_plan = planchk.plan.load.load_plan
_bundled: dict[tuple[int, ...], Plan] = {}


def _bundled_plan_once(directory: Path | None = None) -> Plan:
    """load_plan, with the bundled plan parsed once per test session instead of once per CLI run.

    The suite runs planchk in-process hundreds of times on the same bundled plan; parsing and validating it
    is most of such a run's CPU. A plan is a frozen value and loading has no side effects, so the same
    object serves every run. Keyed on the files' size and mtime, so a change to plan/ is read again; any
    other directory (--plan, the fixture plans, drafts) is kept by its files' contents (`_plan_once`). Loading
    the bundled plan is itself tested by the first run and by tests/test_plan.py."""
    bundled = planchk.plan.load.bundled_plan_dir()
    if directory is not None and Path(directory).resolve() != bundled.resolve():
        return _plan_once(Path(directory))
    key = tuple(n for f in ("targets.yaml", "projects.yaml", "units.yaml") for n in _stamp(bundled / f))
    if key not in _bundled:
        _bundled.clear()
        _bundled[key] = _load_plan(bundled)
    return _bundled[key]


def _stamp(path: Path) -> tuple[int, int]:
    info = path.stat()
    return info.st_size, info.st_mtime_ns


_PLAN_FILES = ("targets.yaml", "projects.yaml", "units.yaml")
_loaded: dict[tuple[str, tuple[bytes | None, ...]], Plan] = {}


def _plan_once(directory: Path) -> Plan:
    """Any other plan directory (a fixture plan, a copy of the bundled plan with one change, a draft), loaded
    once per session for the same path and the same bytes in the files the loader reads: many tests write a
    plan and run several commands on it. Keyed on the files' contents, not their mtimes (a test may rewrite a
    file within the clock's tick). Only a plan that loads is kept: a plan with problems is loaded, and refused,
    on every run, so each test of a loading error still loads."""
    try:
        contents = tuple(_content(directory / name) for name in _PLAN_FILES)
    except OSError:  # not a folder, or a file that is no regular file: loaded as always
        return _load_plan(directory)
    key = (str(directory), contents)
    if key not in _loaded:
        plan = _load_plan(directory)
        if len(_loaded) >= 64:
            _loaded.clear()
        _loaded[key] = plan
    return _loaded[key]


def _content(path: Path) -> bytes | None:
    """The file's bytes, read with os.read (outside the `work` fixture's count of what a run reads); None for
    no such file. Anything but a regular file raises OSError."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return None
    if not stat.S_ISREG(mode):
        raise OSError(f"{path} is no regular file")
    fd = os.open(path, os.O_RDONLY)
    try:
        chunks = []
        while chunk := os.read(fd, 1 << 20):
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


planchk.plan.load.load_plan = _bundled_plan_once
load_plan = _bundled_plan_once


def _command_once(typer_app: typer.Typer) -> Any:
    """typer's get_command, built once per test session and help language instead of on every CliRunner.invoke
    (a third of an in-process run). The app puts its help texts in as it is built, in default_lang()
    (cli/help_format.py), and for Typer's Rich help or click's (typer.core.HAS_RICH and DEFAULT_MARKUP_MODE,
    from TYPER_USE_RICH), so these are the key; click commands hold no state between invocations."""
    import typer.core

    from planchk.lang import default_lang

    key = (id(typer_app), default_lang(), bool(typer.core.HAS_RICH), typer.core.DEFAULT_MARKUP_MODE)
    if key not in _commands:
        _commands[key] = _get_command(typer_app)
    return _commands[key]


_commands: dict[tuple[int, str, bool, str | None], Any] = {}
_get_command = typer.main.get_command
typer.testing._get_command = _command_once  # type: ignore[attr-defined]


@pytest.fixture(scope="session")
def plan() -> Plan:
    return load_plan()


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch):
    """Run the real Typer app; English labels and no colour unless a test says otherwise."""
    monkeypatch.setenv("PLANCHK_LANG", "en")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv("COLUMNS", raising=False)
    runner = CliRunner()

    def run(*args: str | Path):
        return runner.invoke(app, [str(a) for a in args], catch_exceptions=False)

    return run


def read_yaml(path: Path) -> Any:
    """A YAML file as plain data, parsed by libyaml where PyYAML has it (as planchk's own loader does): the pure
    Python parser takes seconds over the bundled plan, which several tests read as written."""
    import yaml

    return yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def write_csv(path: Path, rows: dict[str, object], header: str = "id,value", encoding: str = "utf-8") -> Path:
    lines = [header] + [f"{k},{v}" for k, v in rows.items()]
    path.write_bytes(("\n".join(lines) + "\n").encode(encoding))
    return path


def milestone_values(plan: Plan, year: int) -> dict[str, float]:
    """The plan's own value for every indicator in a named year."""
    out = {}
    for ind in plan.indicators:
        if year == plan.meta.baseline_year:
            out[ind.id] = ind.baseline.value
        else:
            out[ind.id] = next(t.value for t in ind.targets if t.year == year)
    return out


def as_json(result) -> dict:
    return json.loads(result.stdout)


def one_file(result) -> dict:
    """The one evaluation of a single-file `evaluate --format json` run (every run writes `files`)."""
    report = as_json(result)
    assert len(report["files"]) == 1, [f["source"]["file"] for f in report["files"]]
    return report["files"][0]


def by_id(report: dict) -> dict[str, dict]:
    """Every indicator, item and named-list entry of one file's evaluation by id."""
    out = {r["id"]: r for r in report["indicators"]}
    for p in report["programmes"]:
        for item in p["items"]:
            out[item["id"]] = item
            out.update({e["id"]: e for e in item.get("entries", [])})
    return out


# ── the source, parsed once ─────────────────────────────────────────────────────────────────────────────
_parsed: dict[tuple[Path, str], tuple[ast.Module, tuple[ast.AST, ...]]] = {}


def parsed(path: Path) -> ast.Module:
    """The module at `path` as ast parses it, once per test session for the same text: several tests read the
    whole of src/ (message keys, layers, import cycles, function lengths), and parsing it is most of their CPU.
    The tree is shared: read it, never change it."""
    return _parse(path)[0]


def nodes(path: Path) -> tuple[ast.AST, ...]:
    """Every node of `parsed(path)`, in ast.walk's order, listed once for the same text."""
    return _parse(path)[1]


def _parse(path: Path) -> tuple[ast.Module, tuple[ast.AST, ...]]:
    key = (Path(path), Path(path).read_text(encoding="utf-8"))
    if key not in _parsed:
        tree = ast.parse(key[1])
        _parsed[key] = (tree, tuple(ast.walk(tree)))
    return _parsed[key]


# ── bounds on the work a run does (instead of the wall-clock time it takes) ──────────────────────────────
class WorkBudgetExceeded(BaseException):
    """Raised inside a run that made more Python calls than its budget: a BaseException, so that planchk's
    own `except Exception` (exit 3) cannot turn it into an ordinary exit code."""


class Work:
    """What the runs in one test read, counted around the real CLI run in-process: bytes read from each file
    opened for reading (by path), and bytes inflated out of ZIP members. A guard that refuses input before
    reading it shows here whatever the machine's speed, and the count rises if the guard is removed."""

    def __init__(self) -> None:
        self.read: dict[Path, int] = {}
        self.inflated = 0
        self.last: Work | None = None  # what the latest `counting()` block read

    def read_from(self, path: Path) -> int:
        return self.read.get(Path(path).resolve(), 0)

    @contextmanager
    def counting(self) -> Iterator[None]:
        """Count what the code inside reads (a CLI run, not the test's own reading) into `self.last`."""
        read, inflated = dict(self.read), self.inflated
        try:
            yield
        finally:
            self.last = Work()
            self.last.read = {k: n - read.get(k, 0) for k, n in self.read.items() if n != read.get(k, 0)}
            self.last.inflated = self.inflated - inflated


@pytest.fixture
def work(monkeypatch: pytest.MonkeyPatch) -> Work:
    import builtins
    import io
    import zipfile

    counted = Work()
    real_open = io.open

    class CountingFileIO(io.FileIO):
        def readinto(self, buffer: Any) -> int | None:
            n = super().readinto(buffer)
            self._count(n or 0)
            return n

        def readall(self) -> bytes:
            data = super().readall()
            self._count(len(data))
            return data

        def read(self, size: int | None = -1) -> bytes | None:
            data = super().read(size)
            self._count(len(data or b""))
            return data

        def _count(self, n: int) -> None:
            key = Path(str(self.name)).resolve()
            counted.read[key] = counted.read.get(key, 0) + n

    def counting_open(file: Any, mode: str = "r", buffering: int = -1, encoding: str | None = None,
                      errors: str | None = None, newline: str | None = None, closefd: bool = True,
                      opener: Any = None) -> Any:
        if not isinstance(file, (str, bytes, os.PathLike)) or set(mode) & set("wax+") or opener is not None:
            return real_open(file, mode, buffering, encoding, errors, newline, closefd, opener)
        raw = CountingFileIO(file, "r", closefd)
        binary = io.BufferedReader(raw) if buffering != 0 else raw
        return binary if "b" in mode else io.TextIOWrapper(binary, encoding, errors, newline)

    real_read, real_read1 = zipfile.ZipExtFile.read, zipfile.ZipExtFile.read1

    def inflating_read(self: zipfile.ZipExtFile, n: int | None = -1) -> bytes:
        data = real_read(self, n)
        counted.inflated += len(data)
        return data

    def inflating_read1(self: zipfile.ZipExtFile, n: int) -> bytes:
        data = real_read1(self, n)
        counted.inflated += len(data)
        return data

    monkeypatch.setattr(builtins, "open", counting_open)
    monkeypatch.setattr(io, "open", counting_open)
    monkeypatch.setattr(zipfile.ZipExtFile, "read", inflating_read)
    monkeypatch.setattr(zipfile.ZipExtFile, "read1", inflating_read1)
    return counted


@contextmanager
def call_budget(calls: int) -> Iterator[None]:
    """Stop the code inside after `calls` Python function calls (sys.setprofile): a bound on the work of a run
    that, unguarded, would not end in any reasonable time (an alias bomb)."""
    made = 0

    def count(frame: FrameType, event: str, arg: object) -> None:
        nonlocal made
        if event == "call":
            made += 1
            if made > calls:
                sys.setprofile(None)
                raise WorkBudgetExceeded(f"more than {calls} Python calls")

    previous = sys.getprofile()
    sys.setprofile(count)
    try:
        yield
    finally:
        sys.setprofile(previous)
