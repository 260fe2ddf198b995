#!/usr/bin/env python3
"""Whole-process benchmark for planchk: wall time and peak memory of each command, divided by a reference.

Run from anywhere (paths are resolved from this file), with the Python that has planchk installed:

    python bench/run.py               # default rows: median of 11 runs per command after 1 warm-up (~1-2 min)
    python bench/run.py -n 7          # fewer runs (7 is the least it accepts)
    python bench/run.py --markdown    # the table as Markdown
    python bench/run.py --scaling     # also a generated 10k and 100k plan, 100k ÷ 10k (slow: many minutes)
    python bench/run.py --peer        # also frictionless-py `validate` on the same CSVs (installs it once)
    python bench/run.py --batches     # also 300- and 1,000-file batches judged to JSON (time per file, peak RSS)
    python bench/run.py --self-check  # < 10 s: every input the bench makes is accepted by planchk

Every command runs once per round, in turn, so a slow spell of the machine hits every row and its reference
alike. Nothing is written into the repository except bench/.venv-peer (with --peer). Everything generated
(the 190-file batch, plans, reports, bytecode) goes to a TemporaryDirectory.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DATA = ROOT / "data"
PEER_VENV = HERE / ".venv-peer"
PLANCHK = [sys.executable, "-m", "planchk"]
OK0 = frozenset({0})
OK_VERDICT = frozenset({0, 1})  # evaluate's verdict: 1 = an error-level result, still a judged run
MIN_RUNS = 7
DEFAULT_RUNS = 11
SCALES = (10_000, 100_000)
MAX_PLAN_BYTES = 60 * 1024 * 1024

# The batch: a city's districts, each with a file per year of the plan period.
DISTRICTS = 38
BATCH_YEARS = (2021, 2022, 2023, 2024, 2025)
BATCH_GLOB = f"district{{01..{DISTRICTS}}}-{{{BATCH_YEARS[0]}..{BATCH_YEARS[-1]}}}.csv"  # as bash would expand it
ONE_FILE = "district01-2022.csv"
# Header names planchk reads as the year column (reading/CSV aliases); later-year copies drop that column.
YEAR_HEADERS = frozenset({"year", "年份", "年度"})

# The process devices (fast exit, no cyclic GC during a run) are on by default; this turns them off.
DEVICES_OFF = {"PLANCHK_FAST_EXIT": "0"}

# Row names. Tests and the README refer to these.
PASS = "python -c pass"
TYPER = "python -c 'import typer'"
STACK_FLOOR = "python bench/stack_floor.py"
VERSION = "planchk --version"
HELP = "planchk --help"
EVALUATE = "planchk evaluate data/2022.csv"
EVALUATE_NO_DEVICES = "PLANCHK_FAST_EXIT=0 planchk evaluate data/2022.csv"
VALIDATE_ONE = f"planchk validate {ONE_FILE}"
VALIDATE_BATCH = f"planchk validate {BATCH_GLOB} ({DISTRICTS * len(BATCH_YEARS)} files)"
EVALUATE_ONE_JSON = f"planchk evaluate {ONE_FILE} --format json -o out.json"
EVALUATE_BATCH_JSON = f"planchk evaluate {BATCH_GLOB} --format json -o out.json"
PEER_ONE = f"frictionless validate {ONE_FILE}"
VALIDATE_CSV = "planchk validate data/2023.csv"
RECORDS = 40_000
VALIDATE_BIG_BOOK = f"planchk validate big-2023.xlsx (data/2023.csv + {RECORDS:,} school records)"
# --batches: larger batches of the same districts' years (districts × 5 years), judged to one JSON report.
BIG_BATCHES = (300, 1000)
# A batch is judged a file at a time: its peak memory must not grow with its files (docs/architecture.md#batches).
GOAL_BATCH_RSS_MB = 150


def evaluate_batch_json(files: int) -> str:
    """The row of a --batches batch."""
    return (f"planchk evaluate district{{01..{files // len(BATCH_YEARS)}}}-{{2021..2025}}.csv --format json -o out.json "
            f"({files:,} files)")

# The goals: a row's median divided by its reference's median must be at most this.
GOAL_EVALUATE = 1.15  # evaluate ÷ stack floor
GOAL_VERSION = 1.2  # --version ÷ import typer
GOAL_BATCH = 4.0  # 190 files ÷ 1 file
GOAL_WORKBOOK = 2.0  # the big workbook ÷ the CSV of the same year


# ---------------------------------------------------------------------------------------------------------
# Inputs: the batch, and a generated plan for the scaling check

def make_batch(directory: Path, districts: int = DISTRICTS) -> list[Path]:
    """districtNN-YEAR.csv for every district and year of the plan period, in district then year order: each a
    byte-for-byte copy of data/YEAR.csv (2024 a GB18030 export with a title line, as offices send them)."""
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for district in range(1, districts + 1):
        for year in BATCH_YEARS:
            path = directory / f"district{district:02d}-{year}.csv"
            shutil.copyfile(DATA / f"{year}.csv", path)
            paths.append(path)
    return paths


def _cell(ref: str, value: str) -> str:
    """One cell of sheet XML: a number as a number cell, anything else as an inline string."""
    if re.fullmatch(r"-?\d+(\.\d+)?", value):
        return f'<c r="{ref}"><v>{value}</v></c>'
    text = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>'


def _sheet_xml(rows: list[list[str]]) -> str:
    body = []
    for r, row in enumerate(rows, 1):
        cells = "".join(_cell(f"{chr(65 + c)}{r}", v) for c, v in enumerate(row) if v != "")
        body.append(f'<row r="{r}">{cells}</row>')
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet '
            'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
            + "".join(body) + "</sheetData></worksheet>")


def make_big_workbook(path: Path, records: int = RECORDS) -> Path:
    """big-2023.xlsx: sheet "2023" holds data/2023.csv's rows; sheet "学校名录" holds `records` rows of school
    records (name, pupils, share, district, note), as a bureau's workbook keeps them beside the year's form.
    Written with the standard library (no Excel library needed to run the bench); deterministic."""
    import zipfile

    with (DATA / "2023.csv").open(encoding="utf-8", newline="") as f:
        year = list(csv.reader(f))
    schools = [["学校名称", "学生数", "达标率", "所属街道", "备注"]]
    streets = ["跃进村街道", "新山村街道", "春晖路街道", "九宫庙街道", "茄子溪街道", "八桥镇", "建胜镇", "跳磴镇"]
    for i in range(1, records + 1):
        schools.append([f"大渡口区第{i}学校", str(100 + (i * 7919) % 2000), f"{(i * 31) % 1000 / 10:g}",
                        streets[i % len(streets)], f"记录{i}：{'已核实' if i % 3 else '待复核'}"])
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    pkg = "http://schemas.openxmlformats.org/package/2006/relationships"
    sheets = {"2023": year, "学校名录": schools}
    parts = {
        "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8"?><Types '
        'xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        + "".join(f'<Override PartName="/xl/worksheets/sheet{i}.xml" '
                  'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                  for i in range(1, len(sheets) + 1)) + "</Types>",
        "_rels/.rels": f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{pkg}">'
        f'<Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": '<?xml version="1.0" encoding="UTF-8"?><workbook '
        f'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="{rel}"><sheets>'
        + "".join(f'<sheet name="{name}" sheetId="{i}" r:id="rId{i}"/>' for i, name in enumerate(sheets, 1))
        + "</sheets></workbook>",
        "xl/_rels/workbook.xml.rels": f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{pkg}">'
        + "".join(f'<Relationship Id="rId{i}" Type="{rel}/worksheet" Target="worksheets/sheet{i}.xml"/>'
                  for i in range(1, len(sheets) + 1)) + "</Relationships>",
    }
    for i, rows in enumerate(sheets.values(), 1):
        parts[f"xl/worksheets/sheet{i}.xml"] = _sheet_xml(rows)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as book:
        for name, text in parts.items():
            book.writestr(zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0)), text.encode("utf-8"), zipfile.ZIP_DEFLATED)
    return path


def fmt(v: float) -> str:
    """A number as the plan writes it: 52.0 → 52, 52.5 → 52.5."""
    return f"{v:g}"


def generate(directory: Path, n: int, year: int = 2022) -> tuple[Path, Path]:
    """A valid plan of n indicators (targets.yaml only, flow style) and a CSV `YEAR.csv` with one row each.

    Deterministic: the same n gives the same bytes. About a third of the figures miss their target, so
    evaluate has passes and failures to report (exit code 1 is expected).
    """
    plan_dir = directory / f"plan-{n}"
    plan_dir.mkdir(parents=True, exist_ok=True)
    ncat = 10
    head = [
        "# Generated by bench/run.py: synthetic indicators for benchmarking only.",
        "schema_version: 1",
        "plan:",
        "  id: bench-generated",
        '  version: "1.0.0"',
        "  version_date: 2021-12-17",
        "  title: {zh: 基准测试用生成规划, en: Generated benchmark plan}",
        "  issuer: {zh: 基准测试, en: Benchmark}",
        "  written: 2021-10-29",
        "  published: 2021-12-17",
        "  period_start: 2021",
        "  period_end: 2025",
        "  baseline_year: 2020",
        "categories:",
        *(f"  - {{id: cat{c}, name: {{zh: 类别{c}, en: Category {c}}}}}" for c in range(ncat)),
        "indicators:",
    ]
    lines = list(head)
    rows = ["id,value"]
    for i in range(1, n + 1):
        iid = f"gen.i{i:06d}"
        if i % 2:  # a rate in %, rising from the baseline
            unit, kind = '"%"', "rate"
            base = 50 + (i * 7919) % 400 / 10          # 50.0 .. 89.9
            t22, t25 = round(base + 2, 1), round(base + 5, 1)
            actual = round(base + (i * 31) % 60 / 10, 1)   # base .. base+5.9: ~1/3 below the 2022 target
        else:  # a count
            unit, kind = "所", "count"
            base = 10 + (i * 104729) % 90               # 10 .. 99
            t22, t25 = base + 2, base + 5
            actual = base + (i * 13) % 6                # base .. base+5
        lines.append(
            f"  - {{id: {iid}, name: {{zh: 指标{i}, en: Indicator {i}}}, category: cat{i % ncat}, unit: {unit}, "
            f"kind: {kind}, attribute: {'binding' if i % 5 == 0 else 'indicative'}, "
            f"baseline: {{year: 2020, value: {fmt(base)}}}, targets: ["
            f'{{year: 2022, value: {fmt(t22)}, comparator: ">=", as_written: "{fmt(t22)}"}}, '
            f'{{year: 2025, value: {fmt(t25)}, comparator: ">=", as_written: "{fmt(t25)}"}}], '
            f'source: {{box: 专栏1, quote: "指标{i} | {fmt(base)} | {fmt(t22)} | {fmt(t25)} | 预期性"}}}}')
        rows.append(f"{iid},{fmt(actual)}")
    targets = plan_dir / "targets.yaml"
    targets.write_text("\n".join(lines) + "\n", encoding="utf-8")
    size = targets.stat().st_size
    if size > MAX_PLAN_BYTES:
        raise SystemExit(f"generated plan is {size / 1e6:.1f} MB, over the 60 MB budget")
    csv_dir = directory / f"csv-{n}"
    csv_dir.mkdir(parents=True, exist_ok=True)
    csv_path = csv_dir / f"{year}.csv"
    csv_path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return plan_dir, csv_path


# ---------------------------------------------------------------------------------------------------------
# Measuring

@dataclass
class Result:
    """One command and what its runs gave."""

    name: str
    argv: list[str] = field(default_factory=list)
    env: dict[str, str] = field(default_factory=dict)
    ok: frozenset[int] = OK0  # exit codes of a run that did what the row claims
    cwd: Path = ROOT
    times: list[float] = field(default_factory=list)  # seconds
    rss_kb: int | None = None
    codes: set[int] = field(default_factory=set)
    bad_output: str = ""  # the end of the output of the first run whose exit code was not expected

    @property
    def median_ms(self) -> float:
        return statistics.median(self.times) * 1000

    @property
    def min_ms(self) -> float:
        return min(self.times) * 1000

    @property
    def unexpected(self) -> list[int]:
        """Exit codes outside `ok`: a figure from a crashing or refusing run is no figure."""
        return sorted(self.codes - self.ok)


@dataclass(frozen=True)
class Row:
    """A line of the table: a measured command, the command it is divided by, and the goal for that ratio."""

    name: str
    ref: str | None = None
    goal: float | None = None  # None: the ratio is for information


def run_once(result: Result, out: IO[bytes] | int = subprocess.DEVNULL) -> tuple[float, int]:
    if not isinstance(out, int):
        out.seek(0)
        out.truncate()
    start = time.perf_counter()
    proc = subprocess.run(result.argv, cwd=result.cwd, env=result.env, stdin=subprocess.DEVNULL, stdout=out,
                          stderr=out)
    return time.perf_counter() - start, proc.returncode


def peak_rss_kb(cmd: list[str], env: dict[str, str], cwd: Path = ROOT) -> int | None:
    """Max RSS of exactly this child: GNU time's %M if present, else the child's own rusage via wait4.

    (RUSAGE_CHILDREN's ru_maxrss is the max over *all* waited-for children, so a "delta" of it only
    shows growth over the largest earlier child; wait4 gives the rusage of the one child we started.)
    """
    gnu_time = shutil.which("time", path="/usr/bin:/bin")
    if gnu_time and sys.platform.startswith("linux"):
        with tempfile.NamedTemporaryFile("r", suffix=".time") as out:
            subprocess.run([gnu_time, "-f", "%M", "-o", out.name, *cmd], cwd=cwd, env=env,
                           stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            text = Path(out.name).read_text().strip().splitlines()
            if text and text[-1].isdigit():  # else not GNU time (e.g. BSD time): fall through to wait4
                return int(text[-1])
    try:
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        _, _, usage = os.wait4(proc.pid, 0)
        proc.returncode = 0  # reaped by wait4 already
        rss = usage.ru_maxrss
        return rss // 1024 if sys.platform == "darwin" else rss  # bytes on macOS, KiB on Linux
    except (AttributeError, OSError):
        return None


def measure_all(results: list[Result], reps: int, log: Callable[..., None] = print) -> None:
    """One warm-up round, then `reps` timed rounds; each round runs every command once, in turn.

    Interleaving (rather than all runs of one command, then the next) matters on a shared machine: a slow
    minute then slows a row and the reference it is divided by alike, so the ratios hold even when the
    absolute figures drift. The warm-up round fills the OS file cache and the bytecode folder. Output goes
    to a temp file (cheap, like a redirect) so that a run with an unexpected exit code can be shown. Peak
    RSS comes from one more run per command at the end, outside the timed rounds.
    """
    start = time.perf_counter()
    with tempfile.TemporaryFile("w+b") as out:
        for r in results:
            run_once(r)
        log(f"  warm-up round done ({time.perf_counter() - start:.0f} s)")
        for round_ in range(1, reps + 1):
            for r in results:
                t, code = run_once(r, out)
                r.times.append(t)
                r.codes.add(code)
                if code not in r.ok and not r.bad_output:
                    out.seek(0)
                    r.bad_output = f"exit {code}: " + out.read().decode("utf-8", "replace")[-1500:]
            log(f"  round {round_}/{reps} done ({time.perf_counter() - start:.0f} s)")
    for r in results:
        r.rss_kb = peak_rss_kb(r.argv, r.env, r.cwd)
        flag = f"  <-- unexpected exit code {r.unexpected}" if r.unexpected else ""
        log(f"  {r.name:<72} {r.median_ms:9.1f} ms{flag}")


# ---------------------------------------------------------------------------------------------------------
# The peer: frictionless-py in its own venv

def peer_executable(log: Callable[..., None] = print) -> Path | None:
    bindir = PEER_VENV / ("Scripts" if os.name == "nt" else "bin")
    exe = bindir / ("frictionless.exe" if os.name == "nt" else "frictionless")
    if exe.exists():
        return exe
    log(f"creating {PEER_VENV.relative_to(ROOT)} and installing frictionless (once) ...")
    try:
        subprocess.run([sys.executable, "-m", "venv", str(PEER_VENV)], check=True, stdout=subprocess.DEVNULL)
        py = bindir / ("python.exe" if os.name == "nt" else "python")
        subprocess.run([str(py), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "frictionless"],
                       check=True, timeout=900)
    except (subprocess.SubprocessError, OSError) as exc:
        log(f"NOTE: peer skipped: could not install frictionless into {PEER_VENV} ({exc})")
        return None
    return exe if exe.exists() else None


# ---------------------------------------------------------------------------------------------------------
# The table

HEADER = ["command", "median ms", "min ms", "max RSS MB", "divided by", "ratio", "goal", "met?"]


def build_rows(results: Sequence[Result], rows: Sequence[Row]) -> list[list[str]]:
    """Table cells for each row; a row whose command or reference exited unexpectedly gets no ratio."""
    by_name = {r.name: r for r in results}
    table = []
    for row in rows:
        r = by_name[row.name]
        ref = by_name.get(row.ref) if row.ref else None
        ratio = goal = met = ""
        if ref is not None:
            bad = [f"{x.name}: exit {','.join(map(str, x.unexpected))}" for x in (r, ref) if x.unexpected]
            if bad:
                ratio, met = "—", "no figure (" + "; ".join(bad) + ")"
            else:
                value = r.median_ms / ref.median_ms
                ratio = f"{value:.2f}×"
                if row.goal is not None:
                    met = "met" if value <= row.goal else "not met"
            goal = f"≤ {row.goal:g}×" if row.goal is not None else "—"
        table.append([
            row.name,
            f"{r.median_ms:.0f}",
            f"{r.min_ms:.0f}",
            f"{r.rss_kb / 1024:.0f}" if r.rss_kb else "?",
            row.ref or "",
            ratio,
            goal,
            met,
        ])
    return table


def render_text(rows: list[list[str]]) -> str:
    widths = [max(len(x) for x in col) for col in zip(HEADER, *rows)]

    def line(cells: list[str]) -> str:
        return "  ".join(c.ljust(w) if i in (0, 4, 7) else c.rjust(w)
                         for i, (c, w) in enumerate(zip(cells, widths)))
    return "\n".join([line(HEADER), "  ".join("-" * w for w in widths), *map(line, rows)])


def render_markdown(rows: list[list[str]]) -> str:
    def code(s: str) -> str:
        escaped = s.replace("|", "\\|")  # a | inside a cell would end it, even inside backticks
        return f"`{escaped}`" if s else ""
    align = ["---", "---:", "---:", "---:", "---", "---:", "---:", "---"]
    out = ["| " + " | ".join(HEADER) + " |", "| " + " | ".join(align) + " |"]
    for r in rows:
        cells = [code(r[0]), *r[1:4], code(r[4]), *r[5:7], "**not met**" if r[7] == "not met" else r[7]]
        out.append("| " + " | ".join(cells) + " |")
    return "\n".join(out)


# ---------------------------------------------------------------------------------------------------------
# What is measured

def base_env(tmp: Path) -> dict[str, str]:
    env = dict(os.environ)
    # Bytecode goes to the temp dir (the warm-up round fills it), never into the repository's __pycache__.
    # Writing it must be on: with PYTHONDONTWRITEBYTECODE=1 (set in some shells and CI images) and a fresh
    # prefix, every run would recompile every module it imports, stdlib and dependencies too (~5× slower
    # start-up), and the figures would measure the compiler instead of planchk. A folder the caller already
    # gives (the test suite shares one among its processes) is used as it is.
    env.setdefault("PYTHONPYCACHEPREFIX", str(tmp / "pycache"))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["NO_COLOR"] = "1"
    env["COLUMNS"] = "100"
    # The rows measure planchk's defaults: a PLANCHK_* setting from the caller's shell (language, the off
    # switch for the process devices) would change what is measured; GITHUB_ACTIONS changes the format.
    for var in list(env):
        if var.startswith("PLANCHK_") or var in ("GITHUB_ACTIONS", "PYTHONPROFILEIMPORTTIME"):
            del env[var]
    return env


def default_commands(tmp: Path, env: dict[str, str], batch: list[Path]) -> tuple[list[Result], list[Row]]:
    """The rows of every run: the references, the goal rows, the process-devices switch and the batch."""
    py = sys.executable
    batch_dir = batch[0].parent
    names = [p.name for p in batch]
    out_json = str(tmp / "out.json")
    big_book = make_big_workbook(tmp / "big-2023.xlsx")
    results = [
        Result(PASS, [py, "-c", "pass"], env),
        Result(TYPER, [py, "-c", "import typer"], env),
        Result(STACK_FLOOR, [py, str(HERE / "stack_floor.py")], env),
        Result(VERSION, [*PLANCHK, "--version"], env),
        Result(HELP, [*PLANCHK, "--help"], env),
        Result(EVALUATE, [*PLANCHK, "evaluate", "data/2022.csv"], env, OK_VERDICT),
        Result(EVALUATE_NO_DEVICES, [*PLANCHK, "evaluate", "data/2022.csv"], env | DEVICES_OFF, OK_VERDICT),
        # The batch commands run in the batch's folder on bare file names, as a user would type them.
        # validate must accept every file (exit 0): a refused file is no figure for a batch.
        Result(VALIDATE_ONE, [*PLANCHK, "validate", ONE_FILE], env, cwd=batch_dir),
        Result(VALIDATE_BATCH, [*PLANCHK, "validate", *names], env, cwd=batch_dir),
        Result(EVALUATE_ONE_JSON, [*PLANCHK, "evaluate", ONE_FILE, "--format", "json", "-o", out_json],
               env, OK_VERDICT, cwd=batch_dir),
        Result(EVALUATE_BATCH_JSON, [*PLANCHK, "evaluate", *names, "--format", "json", "-o", out_json],
               env, OK_VERDICT, cwd=batch_dir),
        Result(VALIDATE_CSV, [*PLANCHK, "validate", "data/2023.csv"], env),
        Result(VALIDATE_BIG_BOOK, [*PLANCHK, "validate", str(big_book)], env),
    ]
    rows = [
        Row(PASS),
        Row(TYPER),
        Row(STACK_FLOOR),
        Row(VERSION, TYPER, GOAL_VERSION),
        Row(HELP, TYPER),
        Row(EVALUATE, STACK_FLOOR, GOAL_EVALUATE),
        Row(EVALUATE_NO_DEVICES, EVALUATE),
        Row(VALIDATE_ONE),
        Row(VALIDATE_BATCH, VALIDATE_ONE, GOAL_BATCH),
        Row(EVALUATE_ONE_JSON),
        Row(EVALUATE_BATCH_JSON, EVALUATE_ONE_JSON),
        Row(VALIDATE_CSV),
        Row(VALIDATE_BIG_BOOK, VALIDATE_CSV, GOAL_WORKBOOK),
    ]
    return results, rows


def batch_commands(tmp: Path, env: dict[str, str]) -> tuple[list[Result], list[Row]]:
    """--batches: 300 and 1,000 files (60 and 200 districts × 5 years) judged to one JSON report each, divided
    by one file of the batch (information; their peak memory has a goal of its own, in the notes)."""
    results, rows = [], []
    for files in BIG_BATCHES:
        paths = make_batch(tmp / f"batch{files}", files // len(BATCH_YEARS))
        out_json = str(tmp / f"out{files}.json")
        name = evaluate_batch_json(files)
        results.append(Result(name, [*PLANCHK, "evaluate", *(p.name for p in paths), "--format", "json", "-o",
                                     out_json], env, OK_VERDICT, cwd=paths[0].parent))
        rows.append(Row(name, EVALUATE_ONE_JSON))
    return results, rows


def peer_commands(peer: Path, env: dict[str, str], batch: list[Path]) -> tuple[list[Result], list[Row]]:
    """frictionless validate on the batch's one file, and planchk validate divided by it (information)."""
    # frictionless refuses absolute paths outside the working directory ("not safe") unless --trusted:
    # it runs in the batch's folder on the bare file name, like the planchk row it is compared with.
    results = [Result(PEER_ONE, [str(peer), "validate", ONE_FILE], env, cwd=batch[0].parent)]
    return results, [Row(PEER_ONE), Row(VALIDATE_ONE, PEER_ONE)]


def scaling_commands(tmp: Path, env: dict[str, str], scales: tuple[int, int], peer: Path | None,
                 log: Callable[..., None] = print) -> tuple[list[Result], list[Row]]:
    """evaluate and validate on a generated plan of each size; the big one divided by the small one."""
    results: list[Result] = []
    rows: list[Row] = []
    small, big = scales
    goal = 1.2 * big / small  # linear in the input, with 20 % for the constant start-up and noise
    names: dict[tuple[str, int], str] = {}
    for n in scales:
        k = f"{n // 1000}k" if n % 1000 == 0 else str(n)
        log(f"generating a {n}-indicator plan and CSV ...")
        plan_dir, csv_path = generate(tmp, n)
        log(f"  targets.yaml {(plan_dir / 'targets.yaml').stat().st_size / 1e6:.1f} MB, "
            f"{csv_path.name} {csv_path.stat().st_size / 1e6:.2f} MB")
        commands = {
            "evaluate": (f"planchk evaluate {k}.csv --plan {k} --format json -o /dev/null",
                         [*PLANCHK, "evaluate", str(csv_path), "--plan", str(plan_dir), "--format", "json",
                          "-o", os.devnull], OK_VERDICT, ROOT),
            "validate": (f"planchk validate {k}.csv --plan {k}",
                         [*PLANCHK, "validate", str(csv_path), "--plan", str(plan_dir)], OK0, ROOT),
        }
        if peer:
            commands["peer"] = (f"frictionless validate {k}.csv", [str(peer), "validate", csv_path.name], OK0,
                                csv_path.parent)
        for label, (name, argv, ok, cwd) in commands.items():
            results.append(Result(name, argv, env, ok, cwd=cwd))
            names[(label, n)] = name
    for label in ("evaluate", "validate", "peer"):
        if (label, small) in names:
            rows.append(Row(names[(label, small)]))
            rows.append(Row(names[(label, big)], names[(label, small)], None if label == "peer" else goal))
    if peer:
        rows += [Row(names[("validate", n)], names[("peer", n)]) for n in scales]
    return results, rows


def notes(results: Sequence[Result]) -> list[str]:
    """Lines under the table: what the process devices save, and any run that exited unexpectedly."""
    by_name = {r.name: r for r in results}
    lines = []
    on, off, floor = by_name.get(EVALUATE), by_name.get(EVALUATE_NO_DEVICES), by_name.get(STACK_FLOOR)
    if on and off and floor and not (on.unexpected or off.unexpected or floor.unexpected):
        lines.append(f"Process devices (fast exit, no cyclic GC): `{EVALUATE}` is {off.median_ms - on.median_ms:+.0f} ms "
                     f"with them off ({EVALUATE_NO_DEVICES.split()[0]}); without them it is "
                     f"{off.median_ms / floor.median_ms:.2f}× the stack floor (goal ≤ {GOAL_EVALUATE:g}×).")
    one, many = by_name.get(VALIDATE_ONE), by_name.get(VALIDATE_BATCH)
    if one and many and not (one.unexpected or many.unexpected):
        extra = len(many.argv) - len(one.argv)
        lines.append(f"Batch: each file after the first adds {(many.median_ms - one.median_ms) / extra:.1f} ms "
                     f"to `validate`.")
    one_json = by_name.get(EVALUATE_ONE_JSON)
    for files in (DISTRICTS * len(BATCH_YEARS), *BIG_BATCHES):
        batch = by_name.get(EVALUATE_BATCH_JSON if files == DISTRICTS * len(BATCH_YEARS) else evaluate_batch_json(files))
        if one_json and batch and not (one_json.unexpected or batch.unexpected):
            per_file = (batch.median_ms - one_json.median_ms) / (files - 1)
            rss = f"{batch.rss_kb / 1024:.0f} MB" if batch.rss_kb else "?"
            met = "met" if batch.rss_kb and batch.rss_kb / 1024 <= GOAL_BATCH_RSS_MB else "not met"
            lines.append(f"Batch of {files:,} files to JSON: {per_file:.1f} ms per further file; peak RSS {rss} "
                         f"(goal ≤ {GOAL_BATCH_RSS_MB} MB whatever the number of files: {met}).")
    for r in results:
        if r.bad_output:
            lines.append(f"NOTE: `{r.name}` exited {r.unexpected} (planchk: 2 = input not judged, 3 = internal "
                         "error); its first such run said:\n    " + r.bad_output.strip().replace("\n", "\n    "))
    return lines


def provenance() -> str:
    """Where the figures come from: commit, versions, machine (read-only git, no change to the repo)."""
    def git(*args: str) -> str:
        try:
            return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, timeout=10).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            return ""
    commit = git("rev-parse", "--short", "HEAD") or "?"
    dirty = " + uncommitted changes" if git("status", "--porcelain", "--untracked-files=no") else ""
    probe = ("import importlib.metadata as m, platform, yaml\n"
             "v = lambda p: m.version(p)\n"
             "print(f'planchk {v(\"planchk\")}, typer {v(\"typer\")}, pydantic {v(\"pydantic\")}, '"
             "f'PyYAML {v(\"PyYAML\")} (libyaml {yaml.__with_libyaml__}), rich {v(\"rich\")}; '"
             "f'Python {platform.python_version()}, {platform.machine()}, {__import__(\"os\").cpu_count()} CPUs')")
    versions = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True).stdout.strip()
    return f"commit {commit}{dirty}; {versions or 'versions unknown'}"


# ---------------------------------------------------------------------------------------------------------

def _expect(problems: list[str], what: str, proc: subprocess.CompletedProcess[str], codes: frozenset[int]) -> bool:
    if proc.returncode in codes:
        return True
    problems.append(f"{what}: exit {proc.returncode} (expected {sorted(codes)})\n{proc.stderr[-1500:]}")
    return False


def self_check(districts: int = DISTRICTS) -> int:
    """Every input the bench makes is accepted, and judged the way its row claims; < 10 s. `districts`: the
    batch's districts (every district's files are copies of the same five, so the test suite checks two)."""
    start = time.perf_counter()
    problems: list[str] = []

    def run(argv: list[str], env: dict[str, str], cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
        return subprocess.run(argv, cwd=cwd, env=env, capture_output=True, text=True, encoding="utf-8",
                              timeout=60)

    with tempfile.TemporaryDirectory(prefix="planchk-bench-") as t:
        tmp = Path(t)
        env = base_env(tmp)

        # The stack floor parses the bundled plan (its title shows the plan id) and prints its tables.
        proc = run([sys.executable, str(HERE / "stack_floor.py")], env)
        if _expect(problems, "stack_floor.py", proc, OK0) and "dadukou-education-14th-fyp" not in proc.stdout:
            problems.append("stack_floor.py: the plan id from plan/targets.yaml is not in its output")

        # The batch: validate must accept all 190 files, each with the year its name gives.
        batch = make_batch(tmp / "batch", districts)
        report = tmp / "validate.json"
        proc = run([*PLANCHK, "validate", *(p.name for p in batch), "--format", "json", "-o", str(report)], env,
                   batch[0].parent)
        if _expect(problems, f"validate on the {len(batch)}-file batch", proc, OK0):
            try:
                validated = json.loads(report.read_text(encoding="utf-8"))["validated"]
                years = {Path(v["source"]["file"]).name: (v["year"], v["source"]["year_from"]) for v in validated}
            except (OSError, ValueError, KeyError, TypeError) as exc:
                problems.append(f"cannot read the validate report: {exc!r}")
                years = {}
            if len(years) != districts * len(BATCH_YEARS):
                problems.append(f"validate reported {len(years)} files, expected {districts * len(BATCH_YEARS)}")
            for name, (year, source) in sorted(years.items()):
                in_name = int(re.findall(r"\d{4}", name)[-1])
                copied = not (DATA / f"{in_name}.csv").exists()  # a later year made from an earlier file
                if year != in_name or (copied and source != "filename"):
                    problems.append(f"{name}: read as {year} (from the {source}), expected {in_name}")

        # The scaling check's generator: a valid plan, every indicator judged.
        plan_dir, csv_path = generate(tmp, 200)
        report = tmp / "report.json"
        proc = run([*PLANCHK, "evaluate", str(csv_path), "--plan", str(plan_dir), "--format", "json",
                    "-o", str(report)], env)
        if _expect(problems, "evaluate on a generated 200-indicator plan", proc, OK_VERDICT):
            try:
                data = json.loads(report.read_text(encoding="utf-8"))
                # Report schema 2 lists every file under "files"; schema 1 put a lone file at the top level.
                count = sum(len(f["indicators"]) for f in (data.get("files") or [data]))
            except (OSError, ValueError, KeyError, TypeError) as exc:
                problems.append(f"cannot read the evaluate report: {exc!r}")
                count = -1
            if count >= 0 and count != 200:  # -1: already reported as unreadable
                problems.append(f"the report has {count} indicators, expected 200")

        # The big workbook: validated like data/2023.csv, the year read from its sheet "2023".
        book = make_big_workbook(tmp / "big-2023.xlsx")
        report = tmp / "book.json"
        proc = run([*PLANCHK, "validate", str(book), "--format", "json", "-o", str(report)], env)
        if _expect(problems, "validate on the big workbook", proc, OK0):
            try:
                (one,) = json.loads(report.read_text(encoding="utf-8"))["validated"]
                if (one["year"], one["source"]["encoding"]) != (2023, "xlsx"):
                    problems.append(f"the big workbook was read as {one['year']}, {one['source']['encoding']}")
            except (OSError, ValueError, KeyError, TypeError) as exc:
                problems.append(f"cannot read the workbook's validate report: {exc!r}")

        # The process devices' off switch may change the time, never the verdict or the output.
        on = run([*PLANCHK, "evaluate", "data/2022.csv"], env)
        off = run([*PLANCHK, "evaluate", "data/2022.csv"], env | DEVICES_OFF)
        if _expect(problems, EVALUATE, on, OK_VERDICT) and _expect(problems, EVALUATE_NO_DEVICES, off, OK_VERDICT):
            if (on.returncode, on.stdout) != (off.returncode, off.stdout):
                problems.append(f"{EVALUATE_NO_DEVICES} differs from {EVALUATE} (exit {off.returncode} vs "
                                f"{on.returncode}, or its output)")
    took = time.perf_counter() - start
    if problems:
        print("self-check FAILED:\n" + "\n".join(problems), file=sys.stderr)
        return 1
    print(f"self-check ok: stack floor, {districts * len(BATCH_YEARS)}-file batch validated, 200 indicators "
          f"judged, big workbook validated, devices switch, {took:.1f} s")
    return 0


def log(*parts: object) -> None:
    """Progress goes to stderr, so that stdout holds the table alone."""
    print(*parts, file=sys.stderr, flush=True)


def _terminate(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)  # unwinds through the TemporaryDirectory, which removes itself


def _runs(text: str) -> int:
    n = int(text)
    if n < MIN_RUNS:
        raise argparse.ArgumentTypeError(f"at least {MIN_RUNS} runs: a median of fewer moves too much here")
    return n


def main(argv: list[str] | None = None) -> int:
    signal.signal(signal.SIGTERM, _terminate)
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-n", "--runs", type=_runs, default=DEFAULT_RUNS,
                    help=f"timed runs per command, at least {MIN_RUNS} (default {DEFAULT_RUNS}), after 1 warm-up")
    ap.add_argument("--markdown", action="store_true", help="print the table as Markdown")
    ap.add_argument("--scaling", action="store_true",
                    help="also time a generated 10k and 100k plan (slow: each 100k run parses 38 MB of YAML)")
    ap.add_argument("--scales", default=",".join(map(str, SCALES)),
                    help="with --scaling: the two plan sizes, comma-separated (default 10000,100000)")
    ap.add_argument("--peer", action="store_true", help="also time frictionless-py (installed once into "
                                                        "bench/.venv-peer)")
    ap.add_argument("--batches", action="store_true", help="also judge 300- and 1,000-file batches to JSON "
                                                           "(time per file, peak RSS; a few minutes)")
    ap.add_argument("--self-check", action="store_true", help="quick correctness check (< 10 s), then exit")
    ap.add_argument("--districts", type=int, default=DISTRICTS,
                    help=f"with --self-check: the batch's districts (default {DISTRICTS}: the bench's batch)")
    args = ap.parse_args(argv)
    if args.self_check:
        return self_check(args.districts)
    sizes = [int(x) for x in args.scales.split(",")]
    if len(sizes) != 2 or not 0 < sizes[0] < sizes[1]:
        ap.error("--scales takes two sizes, small then big, e.g. 10000,100000")
    scales = (sizes[0], sizes[1])
    wall = time.perf_counter()
    peer = peer_executable(log) if args.peer else None

    with tempfile.TemporaryDirectory(prefix="planchk-bench-") as t:
        tmp = Path(t)
        env = base_env(tmp)
        batch = make_batch(tmp / "batch")
        results, rows = default_commands(tmp, env, batch)
        if peer:
            more, more_rows = peer_commands(peer, env, batch)
            results += more
            rows += more_rows
        if args.batches:
            more, more_rows = batch_commands(tmp, env)
            results += more
            rows += more_rows
        if args.scaling:
            more, more_rows = scaling_commands(tmp, env, scales, peer, log)
            results += more
            rows += more_rows
        log(f"{len(results)} commands, {args.runs} timed rounds after 1 warm-up round:")
        measure_all(results, args.runs, log)

    table = build_rows(results, rows)
    print(render_markdown(table) if args.markdown else render_text(table))
    print()
    for line in notes(results):
        print(line)
    print(f"{args.runs} timed runs per command (median, min) after 1 warm-up, interleaved; "
          f"whole bench took {time.perf_counter() - wall:.0f} s.")
    print(provenance())
    return 0


if __name__ == "__main__":
    sys.exit(main())
