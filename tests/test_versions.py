"""Versioned plans: revisions in force by year, --plan-version, plan check, plan diff, JSON Schemas."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import jsonschema
import pytest

from conftest import ROOT, as_json, one_file, read_yaml, write_csv

PLAN = ROOT / "plan"
REVISION = """
revisions:
  - version: "1.2.0"
    date: 2024-03-01
    effective_from: 2024
    reason: The mid-term evaluation raised the kindergarten enrolment target after new housing estates opened.
    source:
      document: 大渡口区教育事业发展"十四五"规划中期评估调整意见(示例)
      quote: 在园幼儿数2025年目标调整为2.07万人
    changes:
      - {target: preschool.enrolment, year: 2025, value: 2.07}
"""


@pytest.fixture(scope="module")
def revised(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled plan with the revision appended: written once for the module's tests, which only read it."""
    plan_dir = tmp_path_factory.mktemp("revised") / "plan"
    shutil.copytree(PLAN, plan_dir)
    with open(plan_dir / "targets.yaml", "a", encoding="utf-8") as handle:
        handle.write(REVISION)
    return plan_dir


def enrolment(report: dict) -> dict:
    return next(r for r in report["indicators"] if r["id"] == "preschool.enrolment")


def test_2023_uses_the_original_and_2025_the_revision(cli, tmp_path: Path, revised: Path) -> None:
    y2023 = write_csv(tmp_path / "2023.csv", {"preschool.enrolment": 1.8, "compulsory.retention_rate": 100})
    report = one_file(cli("evaluate", y2023, "--plan", revised, "--format", "json"))
    assert report["plan"]["version"] == "1.1.2" and report["plan"]["changes"] == []
    assert enrolment(report)["expected"] == pytest.approx(1.77)  # 1.67 + (1.97 - 1.67) / 3
    y2025 = write_csv(tmp_path / "2025.csv", {"preschool.enrolment": 2.0, "compulsory.retention_rate": 100})
    report = one_file(cli("evaluate", y2025, "--plan", revised, "--format", "json"))
    assert (report["plan"]["version"], report["plan"]["original_version"]) == ("1.2.0", "1.1.2")
    assert report["plan"]["changes"] == [{"revision": "1.2.0", "target": "preschool.enrolment", "year": 2025,
                                          "field": "value", "old": 1.97, "new": 2.07}]
    assert (enrolment(report)["expected"], enrolment(report)["status"]) == (2.07, "fail")
    # --plan-version judges 2025 against the original
    original = one_file(cli("evaluate", y2025, "--plan", revised, "--plan-version", "1.1.2", "--format", "json"))
    assert (enrolment(original)["expected"], enrolment(original)["status"]) == (1.97, "pass")


def test_the_table_and_report_name_both_versions(cli, tmp_path: Path, revised: Path) -> None:
    y2025 = write_csv(tmp_path / "2025.csv", {"preschool.enrolment": 2.0, "compulsory.retention_rate": 100})
    table = cli("evaluate", y2025, "--plan", revised).stdout
    assert "Plan version 1.2.0 (revised from 1.1.2): preschool.enrolment 2025 value 1.97 → 2.07" in table
    report = cli("report", y2025, "--plan", revised, "--lang", "en").stdout
    assert "v1.2.0" in report and "revised from 1.1.2" in report
    junit = cli("evaluate", y2025, "--plan", revised, "--format", "junit").stdout
    assert 'name="plan.version" value="1.2.0"' in junit and 'name="plan.original_version" value="1.1.2"' in junit


def test_plan_diff_lists_exactly_the_change(cli, revised: Path) -> None:
    result = cli("plan", "diff", f"{revised}@1.1.2", f"{revised}@1.2.0", "--format", "json")
    assert result.exit_code == 0
    changes = [d for d in json.loads(result.stdout) if d["target"] != "plan"]
    assert changes == [{"target": "preschool.enrolment", "field": "target 2025", "old": ">= 1.97", "new": ">= 2.07"}]
    same = json.loads(cli("plan", "diff", str(PLAN), str(PLAN), "--format", "json").stdout)
    assert same == []


def test_plan_diff_names_the_argument_whose_version_is_unknown(cli, monkeypatch: pytest.MonkeyPatch) -> None:
    """The user typed plan@1.0.0, not --plan-version: the error says where the version came from."""
    monkeypatch.chdir(ROOT)
    result = cli("plan", "diff", "plan@1.0.0", "plan")
    assert result.exit_code == 2
    assert result.stderr.startswith(
        "plan@1.0.0: error: plan dadukou-education-14th-fyp has no version '1.0.0' (it has 1.1.2)"), result.stderr
    assert "--plan-version" not in result.stderr


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_plan_diff_help_examples_work(cli, monkeypatch: pytest.MonkeyPatch, lang: str) -> None:
    """`plan diff --help` gives an example for OLD and NEW: run from the project, they are a diff that works."""
    monkeypatch.chdir(ROOT)
    shown = " ".join(cli("plan", "diff", "--help", "--lang", lang).stdout.split())
    examples = re.findall(r"(?:e\.g\.|如) (\S+?)[)）]", shown)
    assert len(examples) == 2, shown
    result = cli("plan", "diff", *examples)
    assert result.exit_code == 0, result.output


def test_plan_diff_example_of_the_docs_works(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """docs/plan-format.md#versions-and-revisions: its revision appended to the bundled plan, its `plan diff`
    command lists the new version and the three changes."""
    doc = (ROOT / "docs" / "plan-format.md").read_text(encoding="utf-8")
    section = doc[doc.index("## Versions and revisions"):doc.index("## Derived values")]
    block = re.search(r"```yaml\n(revisions:.*?)```", section, re.S)
    command = re.search(r"`(planchk plan diff plan\s+plan@\S+)`", section)
    assert block and command, section
    plan = edited_plan(tmp_path, lambda t: t + "\n" + block[1])
    monkeypatch.chdir(plan.parent)
    result = cli(*command[1].split()[1:], "--format", "json")
    assert result.exit_code == 0, result.output
    assert [(d["target"], d["field"]) for d in json.loads(result.stdout)] == [
        ("plan", "version"), ("preschool.enrolment", "target 2025"), ("box3.1.ideology_model_schools", "target"),
        ("box4.1.inclusive_preschool_zone", "due")]
    assert cli("plan", "check", "plan").exit_code == 0


def test_unknown_plan_version(cli, tmp_path: Path, revised: Path) -> None:
    f = write_csv(tmp_path / "2025.csv", {"compulsory.retention_rate": 100})
    result = cli("evaluate", f, "--plan", revised, "--plan-version", "9.9")
    assert result.exit_code == 2 and "has no version '9.9'" in result.stderr


def test_bundled_plan_passes_plan_check(cli) -> None:
    result = cli("plan", "check")
    assert result.exit_code == 0 and "0 error(s), 0 warning(s)" in " ".join(result.stdout.split()), result.stdout
    assert cli("plan", "check", ROOT / "tests" / "fixtures" / "plans" / "riverside").exit_code == 0


def edited_plan(tmp_path: Path, edit, file: str = "targets.yaml") -> Path:
    plan_dir = tmp_path / "plan"
    shutil.copytree(PLAN, plan_dir)
    path = plan_dir / file
    path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    return plan_dir


@pytest.mark.parametrize("case, edit, code, needle", [
    ("duplicate_id", lambda t: t.replace("id: preschool.gross_enrolment_rate", "id: preschool.enrolment", 1), 2,
     "is used twice"),
    ("parts_do_not_add_up", lambda t: t.replace("{year: 2025, value: 2.82,", "{year: 2025, value: 2.92,", 1), 1,
     "parts 2.92 + 1.47 = 4.39, but compulsory.enrolment is 4.29"),
    ("target_without_source",
     lambda t: t.replace('quote: "在园幼儿数(万人) | 1.47 | 1.67 | 1.97 | 预期性"', 'quote: ""', 1),
     1, "preschool.enrolment: no source quote"),
    ("quote_not_in_the_text", lambda t: t.replace('quote: "在园幼儿数(万人) | 1.47 | 1.67 | 1.97 | 预期性"',
                                                  'quote: "在园幼儿数(万人) | 1.47 | 1.67 | 2.97 | 预期性"', 1),
     1, "quote not found"),
    ("revision_unknown_target", lambda t: t + REVISION.replace("target: preschool.enrolment", "target: preschool.nope"),
     2, "changes unknown target 'preschool.nope'"),
    ("unknown_schema_version", lambda t: t.replace("schema_version: 1", "schema_version: 3", 1), 2,
     "schema_version 3 is not supported"),
    ("milestone_against_direction", lambda t: t.replace("{year: 2025, value: 55,", "{year: 2025, value: 52,", 1), 1,
     "2025 target 52 is below the earlier 53.2"),
    # a milestone its own quote contradicts (the quote says 1.97): value and as_written changed together
    ("milestone_not_in_its_quote",
     lambda t: t.replace('{year: 2025, value: 1.97, comparator: ">=", as_written: "1.97"}',
                         '{year: 2025, value: 2.07, comparator: ">=", as_written: "2.07"}', 1),
     1, "preschool.enrolment: 2025 target 2.07 is not among the numbers of its quote: "
        "在园幼儿数(万人) | 1.47 | 1.67 | 1.97 | 预期性"),
    ("as_written_not_in_its_quote", lambda t: t.replace('as_written: "1.97"}', 'as_written: "1.79"}', 1), 1,
     "preschool.enrolment: 2025 target as written 1.79 is not among the numbers of its quote"),
    ("baseline_not_in_its_quote", lambda t: t.replace("{year: 2020, value: 50.15}", "{year: 2020, value: 51.5}", 1),
     1, "preschool.public_share: baseline (2020) 51.5 is not among the numbers of its quote: "
        "公办园在园幼儿占比(%) | 50.15 | 53.2 | 55 | 预期性"),
])
def test_plan_check_catches(cli, tmp_path: Path, case: str, edit, code: int, needle: str) -> None:
    result = cli("plan", "check", edited_plan(tmp_path, edit))
    assert result.exit_code == code, result.output
    assert needle in result.output
    assert "Traceback" not in result.output


def _item_field(item_id: str, field: str, old: str, new: str):
    """An edit of projects.yaml: `field: old` → `field: new` in the item `item_id`."""
    pattern = re.compile(rf"(- id: {re.escape(item_id)}\n(?:(?!\s+- id: ).*\n)*?\s+{field}: ){re.escape(old)}\n")
    return lambda t: pattern.sub(rf"\g<1>{new}\n", t, count=1)


@pytest.mark.parametrize("edit, needle", [
    (_item_field("box3.1.ideology_model_schools", "target", "10", "12"),
     "box3.1.ideology_model_schools: target 12 is not among the numbers of its quote: 培育10所思想政治教育示范学校"),
    (_item_field("box3.2.moral_ed_workshops", "max", "5", "6"),
     "box3.2.moral_ed_workshops: upper bound (max) 6 is not among the numbers of its quote: "
     "建设3-5个中小幼一体化德育教研工作坊"),
    (_item_field("box4.1.grade2_plus_share", "target", "80", "85"),
     "box4.1.grade2_plus_share: target 85 is not among the numbers of its quote: 二级及以上幼儿园占比达80%以上"),
])
def test_plan_check_holds_an_items_number_against_its_quote(cli, tmp_path: Path, edit, needle: str) -> None:
    result = cli("plan", "check", edited_plan(tmp_path, edit, "projects.yaml"))
    assert result.exit_code == 1 and needle in result.stdout, result.output
    assert "1 error(s)" in " ".join(result.stdout.split())


def test_plan_check_says_in_chinese_which_number_its_quote_contradicts(cli, tmp_path: Path) -> None:
    plan = edited_plan(tmp_path, lambda t: t.replace('as_written: "1.97"}', 'as_written: "2.07"}', 1).replace(
        "{year: 2025, value: 1.97,", "{year: 2025, value: 2.07,", 1))
    result = cli("plan", "check", plan, "--lang", "zh")
    assert result.exit_code == 1
    assert ("：错误：preschool.enrolment：目标值（2025 年）2.07 不在出处原文给出的数字中："
            "在园幼儿数(万人) | 1.47 | 1.67 | 1.97 | 预期性") in result.stdout, result.stdout
    assert "已核对126个，未核对70个" in "".join(result.stdout.split())  # the summary wraps


def test_plan_check_compares_numbers_as_numbers(cli, tmp_path: Path) -> None:
    """1.97 is 1.970 and １．９７, 80% is 80％, and 两个 is 2: the bundled plan rewritten that way stays clean, with
    the same numbers checked (none of them dropped to "not checked")."""
    plan = edited_plan(tmp_path, lambda t: t.replace("| 1.47 | 1.67 | 1.97 |", "| 1.47 | 1.67 | １．９７ |", 1).replace(
        '{year: 2025, value: 1.97, comparator: ">=", as_written: "1.97"}',
        '{year: 2025, value: 1.970, comparator: ">=", as_written: "1.970"}', 1))
    source = plan / "source" / "dadukou-education-14th-fyp.zh.txt"
    text = source.read_text(encoding="utf-8")
    assert "\n1.97 |\n" in text and "2个左右示范性" in text
    text = text.replace("\n1.97 |\n", "\n１．９７ |\n", 1).replace("占比达80%以上", "占比达80％以上", 1)
    source.write_text(text.replace("2个左右示范性", "两个左右示范性", 1), encoding="utf-8")
    projects = plan / "projects.yaml"
    written = projects.read_text(encoding="utf-8").replace("占比达80%以上", "占比达80％以上", 1)
    projects.write_text(written.replace("2个左右示范性", "两个左右示范性"), encoding="utf-8")
    result = cli("plan", "check", plan)
    summary = " ".join(result.stdout.split())
    assert result.exit_code == 0 and "0 error(s), 0 warning(s)" in summary, result.stdout
    assert "numbers held against their quotes: 126 checked, 70 not checked" in summary


def test_plan_check_counts_a_number_worked_out_from_a_base_as_not_checked(cli, tmp_path: Path) -> None:
    """由5所翻一番 is 10 schools: not a number the words write, and not an error; the summary says it was not
    checked. The same quote without 翻一番 (5所, target 10) is an error."""
    def rewrite(plan: Path, words: str) -> Path:
        for path in (plan / "projects.yaml", plan / "source" / "dadukou-education-14th-fyp.zh.txt"):
            text = path.read_text(encoding="utf-8")
            assert text.count("创建10所艺术教育特色学校") == 1
            path.write_text(text.replace("创建10所艺术教育特色学校", words), encoding="utf-8")
        return plan

    doubled = rewrite(edited_plan(tmp_path / "doubled", lambda t: t), "艺术教育特色学校由5所翻一番")
    result = cli("plan", "check", doubled)
    summary = " ".join(result.stdout.split())
    assert result.exit_code == 0 and "0 error(s)" in summary, result.stdout
    assert "125 checked, 71 not checked" in summary
    five = rewrite(edited_plan(tmp_path / "five", lambda t: t), "创建5所艺术教育特色学校")
    result = cli("plan", "check", five)
    assert result.exit_code == 1
    assert "box3.3.art_feature_schools: target 10 is not among the numbers of its quote: 创建5所艺术教育特色学校" in (
        result.stdout)


SCHEMAS = ROOT / "schemas"


def yaml_as_json(path: Path) -> dict:
    return json.loads(json.dumps(read_yaml(path), default=str))


@pytest.mark.parametrize("which", ["targets", "projects"])
def test_plan_schemas_are_committed_and_in_sync(cli, which: str) -> None:
    committed = json.loads((SCHEMAS / f"{which}.schema.json").read_text(encoding="utf-8"))
    assert json.loads(cli("schema", which).stdout) == committed, (
        f"run: planchk schema {which} -o schemas/{which}.schema.json")
    first = (PLAN / f"{which}.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first == f"# yaml-language-server: $schema=../schemas/{which}.schema.json"


@pytest.mark.parametrize("which", ["targets", "projects"])
def test_schema_validates_the_bundled_plan_and_rejects_a_misspelt_field(which: str) -> None:
    schema = json.loads((SCHEMAS / f"{which}.schema.json").read_text(encoding="utf-8"))
    data = yaml_as_json(PLAN / f"{which}.yaml")
    jsonschema.validate(data, schema)  # the schema itself checked against its meta-schema, then the plan
    validator = jsonschema.validators.validator_for(schema)(schema)
    if which == "targets":
        data["indicators"][0]["unti"] = data["indicators"][0].pop("unit")
    else:
        data["programmes"][0]["subplans"][0]["items"][0]["qoute"] = "x"
    with pytest.raises(jsonschema.ValidationError):
        validator.validate(data)


def test_fixture_plan_trend_and_validate(cli) -> None:
    fixture = ROOT / "tests" / "fixtures" / "plans" / "riverside"
    files = sorted((fixture / "data").glob("*.csv"))
    trend = as_json(cli("trend", *files, "--plan", fixture, "--format", "json"))
    assert trend["plan_id"] == "riverside-schools-13th" and trend["years"] == [2017, 2018, 2020]
    assert cli("validate", *files, "--plan", fixture).exit_code == 0
    report = cli("report", *files, "--plan", fixture, "--year", "2020", "--lang", "en").stdout
    assert "final evaluation" in report


@pytest.mark.parametrize(("written", "said"), [
    # the row's 2025 cell typed as its 2022 value: in the quote, but not in its column
    ('{year: 2022, value: 1.97, comparator: ">=", as_written: "1.97"}',
     "2022 target 1.97 is not the number of its column in the quote, 1.67"),
    # the value and its as_written disagree
    ('{year: 2022, value: 1.97, comparator: ">=", as_written: "1.67"}',
     "2022 target 1.97 is not the number its as_written writes, 1.67"),
])
def test_plan_check_holds_a_table_rows_numbers_column_by_column(cli, tmp_path: Path, written: str, said: str) -> None:
    plan = tmp_path / "plan"
    shutil.copytree(ROOT / "plan", plan)
    targets = plan / "targets.yaml"
    text = targets.read_text(encoding="utf-8")
    original = '{year: 2022, value: 1.67, comparator: ">=", as_written: "1.67"}'
    assert text.count(original) == 1
    targets.write_text(text.replace(original, written), encoding="utf-8")
    result = cli("plan", "check", plan, "--lang", "en")
    assert result.exit_code == 1 and f"error: preschool.enrolment: {said}" in result.output, result.output
    assert cli("plan", "check", "--lang", "en").exit_code == 0  # the bundled plan: every row in its columns


def test_plan_check_faults_a_percent_above_100_the_reader_would_refuse(cli, tmp_path: Path) -> None:
    """A target of 101 % on a row that does not say may_exceed_100 could never be reported: every form would be
    refused at that row. The drafter's plans had such rows (a gross rate of 101 %)."""
    plan = tmp_path / "plan"
    shutil.copytree(ROOT / "plan", plan)
    targets = plan / "targets.yaml"
    text = targets.read_text(encoding="utf-8")
    text = text.replace("    may_exceed_100: true  # 毛入学率: pupils of any age over the school-age population\n", "")
    final = 'value: 99.5, comparator: ">=", as_written: "99.5"'
    text = text.replace(final, final.replace("99.5", "101"))
    targets.write_text(text, encoding="utf-8")
    result = cli("plan", "check", plan, "--lang", "en")
    assert result.exit_code == 1
    assert "error: upper_secondary.gross_enrolment_rate: 101 % is above 100, which the reader refuses" in result.output


def test_a_drafted_gross_rate_may_exceed_100(cli, tmp_path: Path) -> None:
    """plan draft marks 学前三年毛入园率 and 高中阶段毛入学率 may_exceed_100, as the bundled plan does."""
    out = tmp_path / "draft"
    source = ROOT / "tests" / "fixtures" / "draft" / "hetings-15th-fyp.zh.txt"
    assert cli("plan", "draft", source, "-o", out).exit_code == 0
    drafted = read_yaml(out / "targets.yaml")["indicators"]
    marked = {i["name"]["zh"] for i in drafted if i.get("may_exceed_100")}
    assert marked == {"学前三年毛入园率", "高中阶段毛入学率"}, marked
