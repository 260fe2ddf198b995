"""Machine-readable reports: JSON against its committed schema, JUnit XML, GitHub annotations, Markdown."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

from conftest import DATA, EARLY_YEARS, ROOT, as_json, one_file, write_csv
from planchk.render.json import report_schema

SCHEMA_FILE = ROOT / "schemas" / "report.schema.json"


def test_committed_schema_matches_the_models(cli) -> None:
    """`planchk schema report` is generated from the models that write the JSON; the file must not drift."""
    committed = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    assert committed == report_schema(), "run: planchk schema report -o schemas/report.schema.json"
    result = cli("schema", "report")
    assert json.loads(result.stdout) == committed


@pytest.mark.parametrize("args, judged, validated", [
    (["evaluate", DATA / "2022.csv"], [2022], []),
    (["evaluate", DATA / "2021.csv", DATA / "2022.csv", DATA / "2023.csv"], [2021, 2022, 2023], []),
    (["validate", DATA / "2022.csv", DATA / "2023.csv"], [], [2022, 2023]),
])
def test_json_validates_against_the_schema(cli, args, judged: list[int], validated: list[int]) -> None:
    """One shape for every run: one file or three, evaluate or validate."""
    result = cli(*args, "--format", "json")
    report = as_json(result)
    jsonschema.validate(report, json.loads(SCHEMA_FILE.read_text(encoding="utf-8")))
    assert list(report) == ["schema_version", "plan", "files", "validated", "errors", "summary", "exit_code"]
    assert report["schema_version"] == 2 and report["errors"] == []
    assert [f["year"] for f in report["files"]] == judged
    assert [v["year"] for v in report["validated"]] == validated
    assert report["exit_code"] == result.exit_code


def test_json_with_input_errors_validates_and_lists_them(cli, tmp_path: Path) -> None:
    bad = tmp_path / "2022.csv"
    bad.write_text("id,value\npreschool.enrolment,abc\nnope,1\n", encoding="utf-8")
    result = cli("evaluate", bad, DATA / "2023.csv", "--format", "json")
    assert result.exit_code == 2
    report = as_json(result)
    jsonschema.validate(report, json.loads(SCHEMA_FILE.read_text(encoding="utf-8")))
    assert [(e["line"], e["column"], e["column_number"], e["value"]) for e in report["errors"]] == [
        (2, "value", 2, "abc"), (3, "id", 1, "nope")]
    assert {(e["file"], e["level"]) for e in report["errors"]} == {(str(bad), "error")}
    assert [f["year"] for f in report["files"]] == [2023]  # the good file is still judged


def test_many_files_one_document_worst_exit_code(cli, tmp_path: Path) -> None:
    failing = write_csv(tmp_path / "2024.csv", {"compulsory.retention_rate": 99.5})
    result = cli("evaluate", DATA / "2021.csv", DATA / "2022.csv", failing, "--format", "json")
    report = as_json(result)
    assert [f["exit_code"] for f in report["files"]] == [0, 0, 1]
    assert report["exit_code"] == result.exit_code == 1
    assert report["summary"]["pass"] == sum(f["summary"]["pass"] for f in report["files"])


def test_glob_of_sample_data_in_one_document(cli) -> None:
    files = list(EARLY_YEARS)
    report = as_json(cli("evaluate", *files, "--format", "json"))
    assert [f["year"] for f in report["files"]] == [2021, 2022, 2023]
    assert report["exit_code"] == max(f["exit_code"] for f in report["files"])


def test_junit_has_one_testcase_per_judged_row_and_the_tables_counts(cli, plan) -> None:
    result = cli("evaluate", DATA / "2022.csv", "--format", "junit")
    root = ET.fromstring(result.stdout)
    assert root.tag == "testsuites"
    [suite] = root.findall("testsuite")
    cases = suite.findall("testcase")
    assert len(cases) == 13 + len(plan.item_by_id)  # named projects are lines of their item's message
    report = one_file(cli("evaluate", DATA / "2022.csv", "--format", "json"))
    judged = report["indicators"] + [i for p in report["programmes"] for i in p["items"]]
    warnings = sum(1 for r in judged if r["level"] == "warning")
    errors = sum(1 for r in judged if r["level"] == "error")
    skipped = sum(1 for r in judged if r["status"] in ("not_due", "cannot_judge"))
    assert int(suite.get("failures")) == warnings == sum(1 for c in cases if c.find("failure") is not None)
    # the same counts as the table's closing line (findings about the file are warnings there)
    assert warnings + len(report["consistency"]) + len(report["notices"]) == report["summary"]["warnings"]
    assert int(suite.get("errors")) == errors == report["summary"]["errors"]
    assert int(suite.get("skipped")) == skipped == report["summary"]["not_due"] + report["summary"]["cannot_judge"]
    assert int(suite.get("tests")) == len(cases) and int(root.get("tests")) == len(cases)
    for case in cases:
        assert case.get("classname") and case.get("name")


def test_junit_names_an_items_unmet_projects_in_its_failure(cli, tmp_path: Path) -> None:
    report = one_file(cli("evaluate", DATA / "2023.csv", "--format", "json"))
    items = [i for p in report["programmes"] for i in p["items"]]
    unmet = {i["id"]: [e["id"] for e in i["entries"] if e["status"] == "fail"]
             for i in items if i["measure"] == "named_list" and i["status"] == "fail"}
    assert unmet
    root = ET.fromstring(cli("evaluate", DATA / "2023.csv", "--format", "junit").stdout)
    cases = {(c.get("name") or "").split()[0]: c for c in root.iter("testcase")}
    for item_id, entries in unmet.items():
        failure = cases[item_id].find("failure")
        assert failure is not None and failure.text is not None
        named = [line.split(": ", 1)[-1] for line in failure.text.splitlines()[1:]]
        assert all(any(line.startswith(entry) for line in named) for entry in entries), (item_id, failure.text)


def test_junit_speaks_the_language_of_lang(cli) -> None:
    root = ET.fromstring(cli("evaluate", DATA / "2022.csv", "--format", "junit", "--lang", "zh").stdout)
    messages = [n.get("message") or "" for n in root.iter() if n.tag in ("failure", "skipped", "error")]
    assert messages and all(re.search("[\u4e00-\u9fff]", m) for m in messages)
    assert not any(re.search(r"does not meet|not reported|due \d", m) for m in messages)


def test_junit_binding_failure_is_an_error(cli, tmp_path: Path) -> None:
    f = write_csv(tmp_path / "2022.csv", {"compulsory.retention_rate": 99})
    root = ET.fromstring(cli("evaluate", f, "--format", "junit").stdout)
    case = next(c for c in root.iter("testcase") if c.get("name").startswith("compulsory.retention_rate"))
    assert case.find("error") is not None and case.find("error").get("message").startswith(f"{f}:2: ")


# What Jenkins' JUnit schema (xunit-plugin junit-10.xsd) admits: attributes per element, required ones,
# and children. Checked here element by element.
JUNIT_ATTRS = {
    "testsuites": ({"name", "time", "tests", "failures", "errors"}, set()),
    "testsuite": ({"name", "tests", "failures", "errors", "group", "time", "skipped", "timestamp", "hostname", "id",
                   "package", "file", "log", "url"}, {"name", "tests", "failures", "errors"}),
    "testcase": ({"name", "time", "classname", "group"}, {"name"}),
    "failure": ({"type", "message"}, set()), "error": ({"type", "message"}, set()),
    "skipped": ({"type", "message"}, set()), "properties": (set(), set()),
    "property": ({"name", "value"}, {"name", "value"}),
}
JUNIT_CHILDREN = {"testsuites": {"testsuite"}, "testsuite": {"testsuite", "properties", "testcase", "system-out",
                                                             "system-err"},
                  "testcase": {"skipped", "error", "failure", "system-out", "system-err"},
                  "failure": set(), "error": set(), "skipped": set(), "properties": {"property"}, "property": set()}


def assert_junit_schema(element: ET.Element) -> None:
    allowed, required = JUNIT_ATTRS[element.tag]
    assert set(element.attrib) <= allowed, (element.tag, set(element.attrib) - allowed)
    assert required <= set(element.attrib), (element.tag, required - set(element.attrib))
    for child in element:
        assert child.tag in JUNIT_CHILDREN[element.tag], (element.tag, child.tag)
        assert_junit_schema(child)
    if element.tag == "testsuite":
        assert int(element.get("time") or 0) >= 0


@pytest.mark.parametrize("args", [["evaluate", *list(EARLY_YEARS)], ["validate", DATA / "2022.csv"]])
def test_junit_fits_the_jenkins_schema(cli, args) -> None:
    root = ET.fromstring(cli(*args, "--format", "junit").stdout)
    assert root.tag == "testsuites"
    assert_junit_schema(root)


def test_junit_for_bad_input_fits_the_schema(cli, tmp_path: Path) -> None:
    bad = tmp_path / "2022.csv"
    bad.write_text("id,value\npreschool.enrolment,abc\n", encoding="utf-8")
    result = cli("evaluate", bad, "--format", "junit")
    root = ET.fromstring(result.stdout)
    assert_junit_schema(root)
    assert result.exit_code == 2 and root.get("errors") == "1"


def test_github_annotation_points_at_line_7(cli, tmp_path: Path) -> None:
    rows = ["id,value", "preschool.enrolment,1.7", "preschool.gross_enrolment_rate,99.8",
            "preschool.inclusive_rate,93", "preschool.public_share,54", "compulsory.enrolment,3.96",
            "compulsory.primary_enrolment,abc"]
    f = tmp_path / "2022.csv"
    f.write_text("\n".join(rows) + "\n", encoding="utf-8")
    result = cli("evaluate", f, "--format", "github")
    assert result.exit_code == 2
    [line] = [ln for ln in result.stdout.splitlines() if ln.startswith("::error ")]
    assert line.startswith(f"::error file={f},line=7,col=2,")
    assert "::group::" in result.stdout and "::endgroup::" in result.stdout


def test_github_failed_target_points_at_its_value_and_missing_at_the_file(cli, tmp_path: Path) -> None:
    f = write_csv(tmp_path / "2022.csv", {"preschool.enrolment": 1.7, "compulsory.retention_rate": 99})
    out = cli("evaluate", f, "--format", "github").stdout.splitlines()
    retention = next(ln for ln in out if "compulsory.retention_rate" in ln)
    assert retention.startswith(f"::error file={f},line=3,col=2,")
    missing = next(ln for ln in out if "preschool.public_share" in ln)
    assert missing.startswith(f"::warning file={f},title=")  # no line: the row is missing
    assert any(ln.endswith("exit code 1") for ln in out)  # the summary is printed too


def test_github_annotations_mark_the_status_as_every_format_does(cli, tmp_path: Path) -> None:
    """The status word carries its mark (✓ ✗ ? ·) in the annotation's title and text, as in the table."""
    f = write_csv(tmp_path / "2022.csv", {"preschool.enrolment": 1.7, "compulsory.retention_rate": 99})
    out = cli("evaluate", f, "--format", "github").stdout.splitlines()
    assert next(line for line in out if "compulsory.retention_rate" in line) == (
        f"::error file={f},line=3,col=2,title=planchk ✗ fail::compulsory.retention_rate Nine-year compulsory "
        "education retention rate (binding): ✗ fail — 99 does not meet ≥100")
    assert next(line for line in out if "preschool.public_share" in line) == (
        f"::warning file={f},title=planchk ? missing::preschool.public_share Share of children in public "
        "kindergartens (indicative): ? missing")  # no verdict to add: the word once, not "? missing — ? missing"


def test_github_output_in_chinese_is_chinese_to_the_last_line(cli, tmp_path: Path) -> None:
    """The group titles, the input-problem group and the exit line follow --lang zh, with full-width colons."""
    good = write_csv(tmp_path / "2022.csv", {"preschool.enrolment": 1.7})
    out = cli("evaluate", good, "--format", "github", "--lang", "zh").stdout.splitlines()
    assert out[0] == f"::group::planchk {good}（2022年，规划 dadukou-education-14th-fyp v1.1.2）"
    assert re.fullmatch(r"planchk：退出码 [01]", out[-1])
    bad = tmp_path / "bad" / "2022.csv"
    bad.parent.mkdir()
    bad.write_text("id,value\npreschool.enrolmnt,1.6\n", encoding="utf-8")
    refused = cli("evaluate", bad, "--format", "github", "--lang", "zh").stdout.splitlines()
    assert refused[0] == "::group::planchk 输入问题" and refused[-2:] == ["planchk：1 个输入问题", "planchk：退出码 2"]
    assert not [line for line in out + refused if re.search(r"\b(plan|exit code|input errors)\b", line.split("::")[-1])]


def test_github_is_the_default_in_github_actions(cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    assert cli("evaluate", DATA / "2022.csv").stdout.startswith("::group::")
    assert "┃" in cli("evaluate", DATA / "2022.csv", "--format", "table").stdout


HOSTILE_NOTE = "[bold red]x[/] \x1b[2J"


@pytest.mark.parametrize("fmt", ["table", "markdown"])
def test_markup_and_escapes_in_data_print_literally(cli, tmp_path: Path, fmt: str,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    f = tmp_path / "2022.csv"
    f.write_text(f"id,value,note\npreschool.enrolment,1.7,\"{HOSTILE_NOTE}\"\ncompulsory.retention_rate,100,\n",
                 encoding="utf-8")
    monkeypatch.setenv("FORCE_COLOR", "1")  # colour on, as on a terminal: Rich's own escapes are written
    monkeypatch.delenv("NO_COLOR")
    proc = cli("evaluate", f, "--format", fmt)
    assert proc.exit_code == 0, proc.stderr
    assert "\x1b[2J" not in proc.stdout
    if fmt == "table":
        assert "\x1b[" in proc.stdout  # coloured, so a markup the data smuggled in would have shown
        assert "[bold red]x[/] \\x1b[2J" in proc.stdout
    else:
        assert "\\[bold red\\]x\\[/\\] \\\\x1b\\[2J" in proc.stdout


def test_piped_table_shows_every_name_and_number_whole(cli, plan) -> None:
    # In-process: the runner's output is no terminal, as a pipe is not, and COLUMNS is unset (tests/test_cli.py
    # checks that the console command on a real pipe prints what the runner prints).
    out = cli("evaluate", DATA / "2022.csv").stdout
    assert "…" not in out
    for ind in plan.indicators:
        assert ind.name.en in out
        lines = [ln for ln in out.splitlines() if ind.name.en in ln]
        assert lines and any(f"{t.value:g}" in lines[0] for t in ind.targets if t.year == 2022)
    [report] = as_json(cli("evaluate", DATA / "2022.csv", "-f", "json"))["files"]
    for r in report["indicators"]:
        if r["actual"] is not None:
            line = next(ln for ln in out.splitlines() if r["name"] in ln)
            assert f"{r['actual']:g}" in line


def test_output_file_is_written_and_stdout_empty(cli, tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    result = cli("evaluate", DATA / "2022.csv", "--format", "json", "-o", target)
    [written] = json.loads(target.read_text(encoding="utf-8"))["files"]
    assert result.stdout == "" and written["year"] == 2022
    md = tmp_path / "summary.md"
    cli("evaluate", DATA / "2022.csv", "--format", "markdown", "-o", md)
    assert md.read_text(encoding="utf-8").startswith("# planchk")
    table = tmp_path / "table.txt"
    cli("evaluate", DATA / "2022.csv", "-o", table)
    assert "\x1b[" not in table.read_text(encoding="utf-8") and "Pupils" in table.read_text(encoding="utf-8")


@pytest.mark.parametrize("flags, code", [([], 0), (["--strict"], 1), (["--fail-on", "warning"], 1),
                                         (["--fail-on", "never"], 0), (["--fail-on", "error"], 0)])
def test_fail_on_with_warnings_only(cli, flags, code) -> None:
    assert cli("evaluate", DATA / "2022.csv", *flags).exit_code == code


def test_fail_on_never_still_fails_bad_input(cli, tmp_path: Path) -> None:
    bad = tmp_path / "2022.csv"
    bad.write_text("id,value\nx,1\n", encoding="utf-8")
    assert cli("evaluate", bad, "--fail-on", "never").exit_code == 2


def test_validate_checks_data_only(cli, tmp_path: Path) -> None:
    assert cli("validate", *list(EARLY_YEARS)).exit_code == 0
    # a shortfall is not a data problem
    f = write_csv(tmp_path / "2022.csv", {"compulsory.retention_rate": 90})
    assert cli("validate", f).exit_code == 0
    big = write_csv(tmp_path / "2023.csv", {"preschool.enrolment": 16700})
    result = cli("validate", big)
    assert result.exit_code == 2 and "write 1.67" in result.stderr
    parts = write_csv(tmp_path / "2024.csv", {"compulsory.enrolment": "4.30", "compulsory.primary_enrolment": 2.97,
                                              "compulsory.junior_secondary_enrolment": 1.21})
    result = cli("validate", parts)
    assert result.exit_code == 0 and "2.97 + 1.21" in result.stdout
    assert cli("validate", parts, "--strict").exit_code == 1


def test_help_documents_exit_codes(cli) -> None:
    out = cli("--help").stdout
    assert "Exit codes" in out and "internal error" in out


def test_unknown_column_is_a_warning_that_strict_fails(cli, tmp_path: Path) -> None:
    f = tmp_path / "2022.csv"
    f.write_text("id,value,remark\ncompulsory.retention_rate,100,x\n", encoding="utf-8")
    report = one_file(cli("evaluate", f, "--only", "indicators", "--format", "json"))
    assert report["notices"][0]["column"] == "remark"
    # the columns it lists are every column a file may have, the plan's stamp (plan, plan_version) among them
    known = report["notices"][0]["message"].split("(known: ")[1].rstrip(")").split(", ")
    assert {"id", "value", "name", "unit", "note", "source", "year", "plan", "plan_version"} <= set(known)
    g = tmp_path / "t" / "2025.csv"
    g.parent.mkdir()
    assert cli("template", "2025", "--example", "-o", g).exit_code == 0
    clean = g.read_text("utf-8-sig")
    assert cli("evaluate", g, "--strict").exit_code == 0
    g.write_text(clean.replace("year,id,name,unit,value,note", "year,id,name,unit,value,remark"), encoding="utf-8")
    assert cli("evaluate", g).exit_code == 0
    assert cli("evaluate", g, "--strict").exit_code == 1
