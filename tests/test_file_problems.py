"""Each file's problems stay with that file: a missing, unreadable, undecodable or directory path, or a FIFO
nobody writes to, among the files of an
`evaluate` or `validate` run is exit 2, and the good files are still judged in full, in every format; the bad
one gets its annotation (github) and its test case (junit). `trend` and `report` refuse the whole run."""

from __future__ import annotations

import json
import os
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import DATA, as_json

GOOD = DATA / "2022.csv"


def bad_paths(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    """name → (path, the reason planchk gives)."""
    folder = tmp_path / "2023.csv"
    folder.mkdir()
    dangling = tmp_path / "2024.csv"
    dangling.symlink_to(tmp_path / "gone.csv")
    undecodable = tmp_path / "2020.csv"
    undecodable.write_bytes(b"id,value\n\x81\xff,1\n")
    out = {
        "missing": (tmp_path / "2021.csv", "cannot read file: No such file"),
        "directory": (folder, "cannot read file: Is a directory"),
        "dangling symlink": (dangling, "cannot read file: No such file"),
        "undecodable": (undecodable, "neither UTF-8 nor GB18030"),
    }
    if hasattr(os, "mkfifo"):  # nobody writes to it: read as empty, never waited on
        fifo = tmp_path / "2019.csv"
        os.mkfifo(fifo)
        out["fifo"] = (fifo, "file is empty")
    if os.name == "posix" and os.geteuid() != 0:  # permissions do not bind root
        locked = tmp_path / "2025.csv"
        locked.write_text("id,value\n", encoding="utf-8")
        locked.chmod(0)
        out["unreadable"] = (locked, "cannot read file: Permission denied")
    elif os.path.exists("/proc/self/mem"):  # opens, then fails to read, even for root
        out["unreadable"] = (Path("/proc/self/mem"), "cannot read file: Input/output error")
    return out


@pytest.fixture
def solo(cli) -> dict:
    """The good file judged on its own."""
    return as_json(cli("evaluate", GOOD, "--format", "json"))["files"][0]


@pytest.mark.parametrize("kind", ["missing", "directory", "dangling symlink", "unreadable", "undecodable", "fifo"])
def test_evaluate_judges_the_good_file_in_full(cli, tmp_path: Path, solo: dict, kind: str) -> None:
    paths = bad_paths(tmp_path)
    if kind not in paths:
        pytest.skip("no unreadable file on this system")
    bad, reason = paths[kind]
    result = cli("evaluate", GOOD, bad, "--format", "json")
    assert result.exit_code == 2
    report = as_json(result)
    assert report["files"] == [solo]  # judged exactly as on its own
    assert [(e["file"], reason in e["message"]) for e in report["errors"]] == [(str(bad), True)]
    assert any(line.startswith(str(bad)) and ": error: " in line and reason in line
               for line in result.stderr.splitlines())


def test_github_annotates_the_bad_file_and_the_good_ones(cli, tmp_path: Path) -> None:
    paths = bad_paths(tmp_path)
    result = cli("evaluate", GOOD, *(p for p, _ in paths.values()), "--format", "github")
    assert result.exit_code == 2
    out = result.stdout.splitlines()
    assert f"::warning file={GOOD},line=5,col=4,title=planchk ✗ fail::preschool.public_share" in result.stdout
    for path, reason in paths.values():
        assert any(line.startswith(f"::error file={path},") and "title=planchk input::" in line and reason in line
                   for line in out)
    alone = cli("evaluate", GOOD, "--format", "github").stdout.splitlines()
    summary = next(line for line in alone if line.startswith(f"{GOOD}: Summary: "))
    assert summary in out  # the good file's verdict, as when it is judged alone


def test_junit_has_a_test_case_for_the_bad_file(cli, tmp_path: Path) -> None:
    paths = bad_paths(tmp_path)
    result = cli("evaluate", GOOD, *(p for p, _ in paths.values()), "--format", "junit")
    assert result.exit_code == 2
    root = ET.fromstring(result.stdout)
    suites = {suite.get("file"): suite for suite in root.iter("testsuite")}
    assert int(suites[str(GOOD)].get("tests")) > 200
    for path, reason in paths.values():
        cases = suites[str(path)].findall("testcase")
        assert len(cases) == 1 and reason in cases[0].find("error").get("message")


@pytest.mark.parametrize("fmt", ["table", "markdown"])
def test_text_formats_show_the_good_file(cli, tmp_path: Path, fmt: str) -> None:
    bad, _ = bad_paths(tmp_path)["directory"]
    result = cli("evaluate", GOOD, bad, "--format", fmt)
    assert result.exit_code == 2
    alone = cli("evaluate", GOOD, "--format", fmt).stdout
    summary = next(line for line in alone.splitlines() if " pass, " in line and " fail" in line)
    assert summary in result.stdout and str(bad) in result.stderr


def test_validate_keeps_the_good_file(cli, tmp_path: Path) -> None:
    paths = bad_paths(tmp_path)
    result = cli("validate", GOOD, *(p for p, _ in paths.values()), "--format", "json")
    assert result.exit_code == 2
    report = as_json(result)
    assert [v["source"]["file"] for v in report["validated"]] == [str(GOOD)]
    assert sorted(e["file"] for e in report["errors"]) == sorted(str(p) for p, _ in paths.values())


def test_a_bad_previous_file_is_an_error_and_the_year_still_judged(cli, tmp_path: Path, solo: dict) -> None:
    result = cli("evaluate", GOOD, "--previous", tmp_path / "2021.csv", "--format", "json")
    assert result.exit_code == 2
    [judged] = as_json(result)["files"]
    # judged as alone, and the year before says which file could not stand for it
    def verdicts(ev: dict) -> dict[str, str]:
        return {r["id"]: r["status"] for r in [*ev["indicators"], *(i for p in ev["programmes"] for i in p["items"])]}

    assert verdicts(judged) == verdicts(solo) and judged["summary"] == solo["summary"]
    before = judged["year_before"]
    assert before["file"] is None and str(tmp_path / "2021.csv") in before["reason"]


@pytest.mark.parametrize("command", ["trend", "report"])
def test_trend_and_report_refuse_the_whole_run(cli, tmp_path: Path, command: str) -> None:
    """Documented (docs/rules.md#4-several-years-trend-and-evaluation-reports): a series with a hole is no trend."""
    result = cli(command, DATA / "2021.csv", GOOD, tmp_path / "2023.csv")
    assert result.exit_code == 2 and result.stdout == ""
    assert "2023.csv: error: cannot read file: No such file" in result.stderr


def test_the_written_report_holds_the_good_file(cli, tmp_path: Path) -> None:
    out = tmp_path / "r.json"
    result = cli("evaluate", GOOD, tmp_path / "nope.csv", "--format", "json", "-o", out)
    assert result.exit_code == 2
    assert json.loads(out.read_text(encoding="utf-8"))["files"][0]["year"] == 2022
