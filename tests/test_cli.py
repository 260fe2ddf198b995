"""The real CLI end to end: exit codes, tables, JSON, bad input."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import DATA, ROOT, as_json, milestone_values, one_file, write_csv
from planchk.cli.app import app
from planchk.plan.model import Plan


def test_plan_values_for_2022_all_pass(cli, tmp_path: Path, plan: Plan) -> None:
    f = write_csv(tmp_path / "2022.csv", milestone_values(plan, 2022))
    result = cli("evaluate", f, "--format", "json")
    assert result.exit_code == 0
    report = one_file(result)
    assert [r["status"] for r in report["indicators"]] == ["pass"] * 13
    assert report["exit_code"] == 0 and report["year"] == 2022


def test_2020_values_reported_for_2022_warn_and_strict_fails(cli, tmp_path: Path, plan: Plan) -> None:
    f = write_csv(tmp_path / "2022.csv", milestone_values(plan, 2020))
    result = cli("evaluate", f, "--format", "json")
    assert result.exit_code == 0
    rising = {i.id for i in plan.indicators if i.targets[0].value > i.baseline.value}
    failed = {r["id"] for r in one_file(result)["indicators"] if r["status"] == "fail"}
    assert failed == rising and len(rising) == 10
    assert all(r["level"] == "warning" for r in one_file(result)["indicators"] if r["status"] == "fail")
    assert cli("evaluate", f, "--strict").exit_code == 1


@pytest.mark.parametrize("year", [2021, 2023, 2025])
def test_retention_99_9_is_exit_1(cli, tmp_path: Path, year: int) -> None:
    f = write_csv(tmp_path / f"{year}.csv", {"compulsory.retention_rate": 99.9})
    result = cli("evaluate", f)
    assert result.exit_code == 1
    assert "error" in result.stdout


def test_2023_table_says_interpolated(cli) -> None:
    result = cli("evaluate", DATA / "2023.csv")
    line = next(ln for ln in result.stdout.splitlines() if "Pupils in compulsory education" in ln)
    assert "4.0633" in line and "interpolated" in line


def test_parts_warning_names_the_three_numbers(cli, tmp_path: Path) -> None:
    f = write_csv(tmp_path / "2022.csv", {"compulsory.enrolment": "4.30", "compulsory.primary_enrolment": 2.97,
                                          "compulsory.junior_secondary_enrolment": 1.21,
                                          "compulsory.retention_rate": 100})
    result = cli("evaluate", f)
    assert result.exit_code == 0
    line = next(ln for ln in result.stdout.splitlines() if "consistency" in ln)
    assert "2.97" in line and "1.21" in line and "4.3" in line


def test_json_has_the_stable_keys(cli) -> None:
    result = cli("evaluate", DATA / "2022.csv", "--format", "json")
    run = as_json(result)
    assert set(run) == {"schema_version", "plan", "files", "validated", "errors", "summary", "exit_code"}
    assert run["schema_version"] == 2 and run["validated"] == [] and run["errors"] == []
    report = one_file(result)
    assert {"plan", "year", "source", "indicators", "programmes", "consistency", "notices", "summary",
            "exit_code"} <= set(report)
    assert run["summary"] == report["summary"] and run["exit_code"] == report["exit_code"] == result.exit_code
    assert (report["plan"]["id"], report["plan"]["version"]) == ("dadukou-education-14th-fyp", "1.1.2")
    assert report["plan"]["changes"] == [] and report["plan"]["original_version"] is None  # no revision applies
    assert set(report["indicators"][0]) >= {"id", "name", "unit", "attribute", "expected", "comparator", "actual",
                                            "status", "level"}
    assert set(report["summary"]) >= {"pass", "fail", "missing", "errors", "warnings"}


def test_lang_zh_labels(cli) -> None:
    result = cli("evaluate", DATA / "2022.csv", "--lang", "zh")
    assert "在园幼儿数" in result.stdout and "达标" in result.stdout and "预期性" in result.stdout


def test_sample_2022_shows_pass_fail_and_missing(cli) -> None:
    report = one_file(cli("evaluate", DATA / "2022.csv", "--format", "json"))
    assert {r["status"] for r in report["indicators"]} == {"pass", "fail", "missing"}


BAD_FILES = {
    "unknown_id": ("2022.csv", "id,value\npreschool.enrolment,1.6\npreschool.enrollment_x,2\n", 3, "did you mean"),
    "duplicate_id": ("2022.csv", "id,value\npreschool.enrolment,1.6\npreschool.enrolment,1.7\n", 3, "duplicate id"),
    "abc_value": ("2022.csv", "id,value\npreschool.enrolment,abc\n", 2, "expected a number"),
    "empty_file": ("2022.csv", "", 1, "empty"),
    "no_value_column": ("2022.csv", "id,amount\npreschool.enrolment,1.6\n", 1, "no 'value' column"),
    "year_conflict": ("2022.csv", "year,id,value\n2023,preschool.enrolment,1.6\n", None, "contradicts"),
}


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_bad_csv_exit_2_one_message_per_problem(cli, tmp_path: Path, case: str) -> None:
    name, text, line, needle = BAD_FILES[case]
    f = tmp_path / name
    f.write_text(text, encoding="utf-8")
    result = cli("evaluate", f)
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    errors = [ln for ln in result.stderr.splitlines() if ": error: " in ln]
    assert len(errors) == 1 and needle in errors[0]
    if line is not None:
        assert errors[0].startswith(f"{f}:{line}")


def test_gb18030_and_bom_files_evaluate(cli, tmp_path: Path) -> None:
    text = "编号,名称,数值\npreschool.enrolment,在园幼儿数,1.67\ncompulsory.retention_rate,九年义务教育巩固率,100\n"
    (tmp_path / "gbk").mkdir()
    gb = tmp_path / "gbk" / "2022.csv"
    gb.write_bytes(text.encode("gb18030"))
    bom = tmp_path / "2022.csv"
    bom.write_bytes(text.encode("utf-8-sig"))
    for f, enc in ((gb, "gb18030"), (bom, "utf-8-sig")):
        result = cli("evaluate", f, "--format", "json")
        assert result.exit_code == 0, result.output
        report = one_file(result)
        assert report["source"]["encoding"] == enc
        assert report["indicators"][0]["actual"] == 1.67


def test_no_color_and_piped_output_has_no_escapes_and_whole_names(cli, tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    # In-process: the runner's standard output is no terminal, as a pipe is not; that the console command on a
    # real pipe prints what the runner prints is checked in test_the_process_flushes_everything_before_its_fast_exit.
    monkeypatch.chdir(tmp_path)
    result = cli("evaluate", DATA / "2022.csv")
    assert result.exit_code == 0, result.stderr
    assert "\x1b[" not in result.stdout
    assert "…" not in result.stdout
    for name in ("Average years of schooling of the working-age population", "Pupils in junior secondary schools"):
        assert name in result.stdout


def test_internal_error_is_exit_3_without_traceback(cli, monkeypatch: pytest.MonkeyPatch) -> None:
    import planchk.runs

    def boom(*a, **k):
        raise ZeroDivisionError("simulated bug")

    monkeypatch.setattr(planchk.runs, "judge_year", boom)
    result = cli("evaluate", DATA / "2022.csv")
    assert result.exit_code == 3
    assert "internal error" in result.stderr and "Traceback" not in result.output


def test_bad_option_is_exit_2(cli) -> None:
    assert cli("evaluate", DATA / "2022.csv", "--format", "xml").exit_code == 2


@pytest.mark.parametrize("env, lang", [({"PLANCHK_LANG": "zh"}, "zh"), ({"LANG": "zh_CN.UTF-8"}, "zh"),
                                       ({"LC_ALL": "en_US.UTF-8", "LANG": "zh_CN.UTF-8"}, "en"), ({}, "en")])
def test_default_language(monkeypatch: pytest.MonkeyPatch, env: dict, lang: str) -> None:
    from planchk.i18n import default_lang

    for var in ("PLANCHK_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(var, raising=False)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    assert default_lang() == lang


def test_version_imports_no_pydantic_yaml_or_rich() -> None:
    # The process ends in os._exit (planchk.cli.entry.main): look at what was imported at that moment.
    code = ("import os, sys, runpy; sys.argv = ['planchk', '--version']\nreal_exit = os._exit\n"
            "def exit_(code):\n"
            "    print(sorted(m for m in ('pydantic', 'yaml', 'rich', 'pydantic_core') if m in sys.modules))\n"
            "    sys.stdout.flush()\n    real_exit(code)\n"
            "os._exit = exit_\nrunpy.run_module('planchk', run_name='__main__')")
    # A process: only a fresh interpreter shows what a run imports (this one has imported everything).
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.stdout.strip().splitlines() == ["planchk 0.1.0", "[]"], proc.stderr


def test_the_cyclic_collector_is_on_again_after_a_run(cli) -> None:
    """Only the console entry point (planchk.cli.entry.main) switches the collector off for speed; callers that
    run the app in-process keep theirs."""
    import gc

    assert gc.isenabled()
    result = cli("evaluate", DATA / "2022.csv")
    assert result.exit_code == 0 and gc.isenabled()
    result = cli("validate", DATA / "missing.csv")
    assert result.exit_code == 2 and gc.isenabled()


@pytest.mark.parametrize("fast_exit, teardown", [(None, False), ("0", True)])
def test_the_entry_point_skips_teardown_unless_the_fast_exit_is_off(fast_exit: str | None, teardown: bool) -> None:
    """planchk.cli.entry.main ends in os._exit (atexit handlers do not run); PLANCHK_FAST_EXIT=0 ends normally."""
    code = ("import atexit, sys\natexit.register(lambda: print('teardown ran', flush=True))\n"
            "sys.argv = ['planchk', '--version']\nfrom planchk.cli.entry import main\nmain()")
    env = {k: v for k, v in os.environ.items() if k != "PLANCHK_FAST_EXIT"}
    if fast_exit is not None:
        env["PLANCHK_FAST_EXIT"] = fast_exit
    # A process: the fast exit (os._exit) ends the interpreter, whose teardown is what is looked at.
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60)
    assert proc.returncode == 0, proc.stderr
    expected = ["planchk 0.1.0", "teardown ran"] if teardown else ["planchk 0.1.0"]
    assert proc.stdout.strip().splitlines() == expected


def test_the_process_flushes_everything_before_its_fast_exit(tmp_path: Path) -> None:
    """`python -m planchk` ends with os._exit (planchk.cli.entry.main): all output must still arrive, codes intact."""
    env = dict(os.environ, NO_COLOR="1", PLANCHK_LANG="en", COLUMNS="100")

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        # Processes: the fast exit, and flushing a real pipe before it, are what is tested.
        return subprocess.run([sys.executable, "-m", "planchk", *args], capture_output=True, text=True,
                              encoding="utf-8", env=env, timeout=60, cwd=ROOT)

    table = run("evaluate", str(DATA / "2022.csv"))
    assert table.returncode == 0 and table.stdout.rstrip().endswith("exit code 0"), table.stderr
    # the console command on a pipe prints what the tests that run the app in-process read
    in_process = CliRunner().invoke(app, ["evaluate", str(DATA / "2022.csv")], catch_exceptions=False,
                                    env={"NO_COLOR": "1", "PLANCHK_LANG": "en", "COLUMNS": "100"})
    assert table.stdout == in_process.stdout
    report = tmp_path / "r.json"
    failing = write_csv(tmp_path / "2022.csv", {"compulsory.retention_rate": 90})  # binding: an error, exit 1
    written = run("evaluate", str(failing), "--format", "json", "-o", str(report))
    assert written.returncode == 1 and json.loads(report.read_text(encoding="utf-8"))["exit_code"] == 1
    big = run("evaluate", str(DATA / "2021.csv"), str(DATA / "2022.csv"), str(DATA / "2023.csv"), "--format", "json")
    assert json.loads(big.stdout)["exit_code"] == big.returncode  # ~0.5 MB on a pipe, all of it
    bad = run("validate", str(tmp_path / "missing.csv"))
    assert bad.returncode == 2 and "missing.csv: error: cannot read file" in bad.stderr
    version = run("--version")  # `python -m planchk` and --version
    assert version.returncode == 0 and version.stdout.startswith("planchk "), version.stderr


@pytest.mark.parametrize("args", [
    ["evaluate", "{data}/2021.csv", "{data}/2022.csv", "{data}/2023.csv", "--format", "json"],  # ~0.5 MB of text
    ["evaluate", "{failing}"],  # a verdict of 1 must survive the reader leaving
    ["template", "2025", "--encoding", "gb18030"],  # bytes, through stdout's buffer
])
def test_a_reader_that_leaves_early_is_no_error(tmp_path: Path, args: list[str]) -> None:
    """`planchk … | head`: the output stops, the exit code is still the verdict, no 'internal error'."""
    failing = write_csv(tmp_path / "2022.csv", {"compulsory.retention_rate": 90})
    argv = [a.format(data=DATA, failing=failing) for a in args]
    env = dict(os.environ, NO_COLOR="1", PLANCHK_LANG="en")
    expected = 1 if "{failing}" in args else 0  # the verdict, as a reader that stays gets it
    # A process: a reader that leaves (a closed pipe, SIGPIPE/EPIPE) exists only for a real process's stdout.
    proc = subprocess.Popen([sys.executable, "-m", "planchk", *argv], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env=env, cwd=ROOT)
    proc.stdout.close()  # type: ignore[union-attr]  # the reader is gone before the first write
    err = proc.stderr.read().decode("utf-8", "replace")  # type: ignore[union-attr]
    assert proc.wait(timeout=60) == expected and "internal error" not in err and "Traceback" not in err


def test_several_files_end_with_a_total_named_as_one(cli) -> None:
    """Each file's 合计 line, then one for them all that says so (it read 合计 too)."""
    out = cli("evaluate", DATA / "2022.csv", DATA / "2023.csv", "--lang", "zh").stdout.splitlines()
    totals = [line for line in out if "达标 " in line and "未达标 " in line and "错误 " in line]
    assert [t.split("：")[0] for t in totals] == ["合计", "合计", "2 个文件总计"], totals
    one = [int(t.split("达标 ")[1].split("，")[0]) for t in totals]
    assert one[2] == one[0] + one[1]


def test_validate_counts_the_rows_the_file_gives_not_the_values_planchk_computes(cli, tmp_path: Path) -> None:
    """data/2022.csv has 380 data rows; planchk computes two more values from them (the share's 逐年提高 rule and
    the 30:1 ratio), which are not rows of the file."""
    lines = (DATA / "2022.csv").read_text(encoding="utf-8").splitlines()
    data_rows = sum(1 for line in lines[1:] if line.strip())
    result = as_json(cli("validate", str(DATA / "2022.csv"), "--format", "json"))
    assert result["validated"][0]["rows"] == data_rows == 380
    one = tmp_path / "2022.csv"
    one.write_text("id,value\npreschool.public_share,52\n", encoding="utf-8")
    shown = cli("validate", str(one), "--lang", "en").stdout
    assert ", 1 row, " in shown and "2 rows" not in shown


def test_progress_short_of_the_whole_never_shows_100_percent(cli, monkeypatch: pytest.MonkeyPatch) -> None:
    """2025: 43 of 45 items of 专栏3 done (progress 0.996) is 99% with a bar not full, in the table and the report."""
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("COLUMNS", "200")
    judged = as_json(cli("evaluate", "data/2024.csv", "data/2025.csv", "--format", "json"))["files"][1]
    box3 = next(p for p in judged["programmes"] if p["box"] == "专栏3")
    assert 0.995 <= box3["progress"] < 1 and box3["status"] == "fail"
    table = cli("evaluate", "data/2024.csv", "data/2025.csv", "--only", "programmes", "--lang", "zh").stdout
    row = next(line for line in table.splitlines()[::-1] if "专栏3" in line)
    assert "99%" in row and "100%" not in row and "█████████░" in row, row
    report = cli("report", "data/2024.csv", "data/2025.csv").stdout
    line = next(line for line in report.splitlines() if "专栏3" in line and "/45" in line)
    assert "100%" not in line and "99%" in line, line
