"""Property-based tests: random rows, random bytes and random plan fragments through the real CLI.

Whatever the input: the exit code is 0, 1 or 2; stderr never holds a traceback; every non-blank input
row is judged (its line appears in the report), named in a notice (a totals row) or reported (its line
appears in an error); and the
input file's bytes and mtime are unchanged.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from conftest import FUZZ_EXAMPLES, ROOT
from planchk.cli.app import app
from planchk.plan.load import load_plan

PLAN = load_plan()
IDS = PLAN.all_ids()
runner = CliRunner()
EXAMPLES = FUZZ_EXAMPLES  # PLANCHK_FUZZ_EXAMPLES, else 20 (conftest.py)
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

cell_text = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["", "-", "—", "N/A", "无", "done", "在建", "未开工", "99.8%", "９９．８", "1,234", "1.67万人",
                     "nan", "inf", "-1", "1e400", "16700", "[red]x[/]", "\x1b[2J", "\u202e", "=1+1"]),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.integers(-10**6, 10**6).map(str),
)
row = st.tuples(st.one_of(st.sampled_from(IDS), st.text(max_size=20)), cell_text, cell_text)


def invoke(path: Path, *extra: str):
    return runner.invoke(app, ["evaluate", str(path), "--format", "json", *extra], catch_exceptions=False,
                         env={"PLANCHK_LANG": "en", "NO_COLOR": "1"})


def check_common(result, path: Path, before: tuple[bytes, int]) -> None:
    assert result.exit_code in (0, 1, 2), result.output
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before


def judged_lines(report: dict) -> set[int]:
    docs = [report] if "indicators" in report else report["files"]
    lines = set()
    for doc in docs:
        lines |= {r["line"] for r in doc["indicators"] if r["line"]}
        for p in doc["programmes"]:
            for item in p["items"]:
                lines |= {item["line"]} if item["line"] else set()
                lines |= {e["line"] for e in item.get("entries", []) if e["line"]}
    return lines


@FUZZ
@given(rows=st.lists(row, max_size=25), year=st.sampled_from(["2021", "2022", "2025", "2019"]))
def test_random_rows(tmp_path_factory: pytest.TempPathFactory, rows, year) -> None:
    path = tmp_path_factory.mktemp("rows") / f"{year}.csv"
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["id", "value", "note"])
    writer.writerows(rows)
    path.write_bytes(buffer.getvalue().encode("utf-8"))
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    result = invoke(path)
    check_common(result, path, before)
    report = json.loads(result.stdout)
    reader = csv.reader(io.StringIO(buffer.getvalue(), newline=""))
    next(reader)
    non_blank, line = [], 1
    for cells in reader:
        start, line = line + 1, reader.line_num
        if any(c.strip() for c in cells):
            non_blank.append(start)
    if report.get("errors"):
        # The file was refused: nothing in it was judged, and each problem names its line.
        assert result.exit_code == 2
        assert all(e["line"] is None or 1 <= e["line"] <= line for e in report["errors"])
    else:
        # Judged: every non-blank row is in the report, on its own line (none dropped, none doubled), or
        # named in a notice as a totals row (合计, total) that planchk ignores.
        judged = judged_lines(report) | {n["line"] for f in report["files"] for n in f["notices"]
                                         if n["code"] == "notice.total_row"}
        assert set(non_blank) <= judged, sorted(set(non_blank) - judged)
        assert len(non_blank) == len(judged & set(non_blank))


@FUZZ
@given(data=st.binary(max_size=400))
def test_random_bytes(tmp_path_factory: pytest.TempPathFactory, data: bytes) -> None:
    path = tmp_path_factory.mktemp("bytes") / "2022.csv"
    path.write_bytes(data)
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    check_common(invoke(path), path, before)


@FUZZ
@given(prefix=st.binary(max_size=60), data=st.text(max_size=200))
def test_random_text_after_a_valid_header(tmp_path_factory: pytest.TempPathFactory, prefix: bytes,
                                          data: str) -> None:
    path = tmp_path_factory.mktemp("text") / "2023.csv"
    path.write_bytes(b"id,value\n" + prefix + data.encode("utf-8", "surrogatepass"))
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    check_common(invoke(path), path, before)


TARGETS = (ROOT / "plan" / "targets.yaml").read_text(encoding="utf-8").splitlines(keepends=True)
yaml_noise = st.sampled_from(["", " ", "  - ", ": ", "&a ", "*a", "!!python/object:os.system ", "{", "]", "\t",
                              "schema_version: 2\n", "id: x\n", "value: abc\n", "<<: *a\n", "---\n", "\x00"])


@FUZZ
@given(cut=st.integers(0, len(TARGETS)), at=st.integers(0, len(TARGETS)), noise=yaml_noise,
       drop=st.integers(0, len(TARGETS)))
def test_random_plan_fragments(tmp_path_factory: pytest.TempPathFactory, cut: int, at: int, noise: str,
                               drop: int) -> None:
    folder = tmp_path_factory.mktemp("plan")
    lines = TARGETS[:cut] if cut % 3 == 0 else list(TARGETS)
    lines.insert(min(at, len(lines)), noise)
    if drop < len(lines):
        del lines[drop]
    (folder / "targets.yaml").write_text("".join(lines), encoding="utf-8")
    data = folder / "2022.csv"
    data.write_text("id,value\ncompulsory.retention_rate,100\n", encoding="utf-8")
    before = (data.read_bytes(), data.stat().st_mtime_ns)
    check_common(invoke(data, "--plan", str(folder)), data, before)


@settings(max_examples=max(10, EXAMPLES // 4), deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(row, max_size=15), title=st.booleans(), cut=st.integers(0, 400))
def test_random_workbooks(tmp_path_factory: pytest.TempPathFactory, rows, title: bool, cut: int) -> None:
    """Random rows in a sheet (cells as text or numbers), and the same workbook cut short: judged or refused."""
    import openpyxl

    folder = tmp_path_factory.mktemp("book")
    path = folder / "2022.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    if title:
        sheet.append(["大渡口区2022年统计表"])
    sheet.append(["id", "value", "note"])
    for id_, value, note in rows:
        clean = [ILLEGAL.sub("", c) for c in (id_, value, note)]
        digits = clean[1].replace(".", "", 1)
        number = digits.isascii() and digits.isdigit() and len(clean[1]) < 15
        sheet.append([clean[0], float(clean[1]) if number else clean[1], clean[2]])
    book.save(path)
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    result = invoke(path)
    check_common(result, path, before)
    assert "Traceback" not in result.output
    cut_short = folder / "2022-cut.xlsx"
    cut_short.write_bytes(path.read_bytes()[: len(before[0]) * cut // 400])
    before = (cut_short.read_bytes(), cut_short.stat().st_mtime_ns)
    check_common(invoke(cut_short), cut_short, before)


ILLEGAL = __import__("re").compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
