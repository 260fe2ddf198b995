"""A 2026–2030 plan end to end through the real CLI: nothing may assume the bundled plan's 2020/2021–2025.

The fixture (tests/fixtures/plans/qinghe/) is the invented 清河县 15th plan, drafted by `planchk plan draft` from
its text and reviewed by hand (its README lists every change). Its period is 2026–2030, its baseline 2025, it
names 2028 as its mid-term, it is published in March 2026 (yearly duties from 2027), and its table has no
mid-period milestone. Its data files hold the mistakes real ones do (a title line, pupils in 人, a part that does
not add up, a figure not yet published, a binding miss).
"""

from __future__ import annotations

import csv
import io
import re
import shutil
from pathlib import Path

import openpyxl
import pytest

from conftest import as_json, by_id, one_file, read_yaml
from planchk.plan.load import load_plan
from test_plan_draft_tables import EXPECTED as TABLE_READ_BY_HAND

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "plans" / "qinghe"
DATA = FIXTURE / "data"
SOURCE = FIXTURE / "source" / "qinghe-15th.zh.txt"
RIVERSIDE = Path(__file__).resolve().parent / "fixtures" / "plans" / "riverside"

# What the reviewer renamed (README.md): the drafted id → the reviewed one. Every other drafted id is kept.
RENAMED = {
    "scale.primary": "scale.primary_students",
    "scale.junior": "scale.junior_students",
    "scale.high_school": "scale.high_school_students",
    "quality.primary": "quality.primary_pupil_teacher_ratio",
    "quality.junior": "quality.junior_pupil_teacher_ratio",
}


def indicator_facts(targets: dict) -> dict[str, tuple]:
    """Each indicator's baseline, final target, comparator, attribute and part-of, as the file holds them."""
    return {
        RENAMED.get(i["id"], i["id"]): (
            i["baseline"]["year"], i["baseline"]["value"], i["targets"][-1]["year"], i["targets"][-1]["value"],
            i["targets"][-1]["comparator"], i["attribute"], RENAMED.get(i.get("part_of"), i.get("part_of")),
        )
        for i in targets["indicators"]
    }


# ── draft → review → check ─────────────────────────────────────────────────────────────────────────
def test_the_reviewed_plan_holds_what_the_drafter_read_from_its_text(cli, tmp_path: Path) -> None:
    draft = tmp_path / "draft"
    result = cli("plan", "draft", SOURCE, "-o", draft)
    assert result.exit_code == 0, result.output
    assert "2026-2030" in result.output
    # the 表1 row with no 2025 value (—) is listed with its line, never drafted as an indicator
    assert "line 22" in result.output and "义务教育优质均衡达标学校比例" in result.output
    drafted = read_yaml(draft / "targets.yaml")
    assert (drafted["plan"]["period_start"], drafted["plan"]["period_end"], drafted["plan"]["baseline_year"]) == (
        2026, 2030, 2025)
    # the reviewer changed names and ids, not one base, target, comparator or 约束性/预期性 of the table
    assert indicator_facts(drafted) == indicator_facts(read_yaml(FIXTURE / "targets.yaml"))

    before = " ".join(cli("plan", "check", draft).output.split())
    assert re.search(r"[1-9]\d* uncovered; [1-9]\d* pending review", before)   # the draft: a person's work to do
    reviewed = cli("plan", "review", draft, "--all")
    assert reviewed.exit_code == 0, reviewed.output
    assert "pending review" not in " ".join(cli("plan", "check", draft).output.split())


def test_the_reviewed_indicators_are_the_table_every_shape_drafts() -> None:
    """test_plan_draft_tables.py holds every shape of the table (one cell per line, .docx, .html, …) to the table
    read by hand; the reviewed plan holds the same rows, so every shape drafts what this plan judges."""
    plan = load_plan(FIXTURE)
    names = {"小学在校生数": "小学", "初中在校生数": "初中", "高中在校生数": "高中"}
    by_name = {i.id: names.get(i.name.zh, i.name.zh) for i in plan.indicators}
    reviewed = {
        by_name[i.id]: (
            next(c.name.zh for c in plan.categories if c.id == i.category), i.unit, i.baseline.value, i.final.value,
            i.final.comparator, i.final.as_written, i.attribute, by_name.get(i.part_of or ""),
        )
        for i in plan.indicators
    }
    assert reviewed == TABLE_READ_BY_HAND
    assert all(i.baseline.year == 2025 and i.final.year == 2030 for i in plan.indicators)


def test_plan_check_accounts_for_every_sentence_of_the_reviewed_plan(cli) -> None:
    result = cli("plan", "check", FIXTURE)
    assert result.exit_code == 0, result.output
    summary = " ".join(result.output.split())
    assert "qinghe-education-15th v1.0.0: 11 indicators, 8 items, 0 revisions; 0 error(s), 0 warning(s)" in summary
    assert "0 uncovered" in summary and "pending" not in summary


def test_the_mid_term_comes_from_the_plan(cli) -> None:
    shown = cli("plan", "show", "--plan", FIXTURE, "--lang", "zh").stdout.splitlines()[1]
    assert shown == "规划期 2026–2030 年，基期 2025 年；中期评估看 2028 年、总结评估看 2030 年的数据"
    assert load_plan(FIXTURE).midterm_year() == 2028        # named: midterm_year
    assert load_plan().midterm_year() == 2022               # Dadukou: its 2022 milestone
    assert load_plan(RIVERSIDE).midterm_year() == 2018      # 2016–2020, no milestone: the middle


# ── template ──────────────────────────────────────────────────────────────────────────────────────
def test_the_2027_forms_follow_the_plans_own_years(cli, tmp_path: Path) -> None:
    out = tmp_path / "2027.csv"
    assert cli("template", "2027", "--plan", FIXTURE, "-o", out).exit_code == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    ids = [r["id"] for r in rows]
    assert {r["year"] for r in rows} == {"2027"}
    assert ids[0] == "access.preschool_gross_enrolment_rate" and "table1.balanced.quality_balanced_schools" in ids
    # 每年 starts in the first full year after publication (2026-03-20 → 2027); the 2028 event is not on it
    assert "text.implementation.annual_monitoring" in ids
    assert "text.implementation.mid_term_evaluation" not in ids

    first = cli("template", "2026", "--plan", FIXTURE)
    assert "text.implementation.annual_monitoring" not in first.stdout

    form = tmp_path / "form-2027.xlsx"
    assert cli("template", "2027", "--plan", FIXTURE, "-o", form).exit_code == 0
    book = openpyxl.load_workbook(form)
    guide = " ".join(str(c.value) for row in book["填写说明"].iter_rows() for c in row if c.value)
    assert "《清河县教育事业发展第十五个五年规划(2026—2030年)》2027 年度监测数据填报" in guide
    assert "含 2025 年已有的" in guide
    assert not any(word in guide for word in ("大渡口", "十四五", "2020"))
    # the indicators' sheet is named as the plan prints their table (表1, not the bundled plan's 专栏1); row 8 of
    # the table, encoded as an item of 表1, is on it
    assert book.sheetnames == ["填写说明", "表1", "专栏2", "正文"]
    assert [r[1] for r in book["表1"].iter_rows(min_row=2, values_only=True)][-1] == (
        "table1.balanced.quality_balanced_schools")

    # the form filled in with 2027.csv's figures is judged as the CSV is: the binding miss fails the run
    filled = {r["id"]: r["value"] for r in csv.DictReader((DATA / "2027.csv").open(encoding="utf-8"))}
    for sheet in book.worksheets[1:]:
        for cells in sheet.iter_rows(min_row=2):
            value = filled[cells[1].value]
            cells[6].value = float(value) if value[0].isdigit() else value
    book.save(form)
    judged = cli("evaluate", form, "--plan", FIXTURE, "--format", "json")
    assert judged.exit_code == 1, judged.output
    rows = by_id(one_file(judged))
    assert [k for k, r in rows.items() if r.get("level") == "error"] == ["quality.large_classes_share"]

    for outside in ("2025", "2031"):
        refused = cli("template", outside, "--plan", FIXTURE)
        assert refused.exit_code == 2 and "2026-2030" in refused.output


# ── evaluate ──────────────────────────────────────────────────────────────────────────────────────
def test_filled_forms_get_the_right_verdicts_and_a_binding_miss_fails_the_run(cli) -> None:
    result = cli("evaluate", DATA / "2026.csv", "--plan", FIXTURE, "--format", "json")
    assert result.exit_code == 0, result.output
    rows = by_id(one_file(result))
    assert rows["scale.students"]["actual"] == 3.26                       # 32600 人 → 3.26 万人
    assert rows["quality.large_classes_share"]["expected"] == 2.9        # 3.5 → 0.5 over 2025–2030: 1/5
    assert rows["quality.working_age_schooling_years"]["level"] == "warning"
    assert rows["text.implementation.annual_monitoring"]["status"] == "not_due"
    assert rows["table1.balanced.quality_balanced_schools"]["status"] == "not_due"  # its first report

    result = cli("evaluate", DATA / "2026.csv", DATA / "2027.csv", "--plan", FIXTURE, "--format", "json")
    assert result.exit_code == 1
    files = as_json(result)["files"]
    assert [f["exit_code"] for f in files] == [0, 1]
    rows = by_id(files[1])
    assert [k for k, r in rows.items() if r.get("level") == "error"] == ["quality.large_classes_share"]
    assert rows["quality.working_age_schooling_years"]["status"] == "missing"
    assert rows["table1.balanced.quality_balanced_schools"]["status"] == "pass"    # 62 → 75, on the way to 100
    assert rows["text.safeguards.education_spending"]["status"] == "pass"          # 5.8 → 6.1
    assert files[1]["consistency"]                                                 # 1.84 + 0.95 + 0.62 ≠ 3.31


# ── trend and reports ─────────────────────────────────────────────────────────────────────────────
def test_trend_runs_over_the_plans_years(cli) -> None:
    result = cli("trend", *sorted(DATA.glob("*.csv")), "--plan", FIXTURE, "--format", "json")
    assert result.exit_code == 0, result.output
    trend = as_json(result)
    assert trend["years"] == [2026, 2027, 2028, 2030]
    classes = {s["id"]: s for s in trend["series"]}["quality.large_classes_share"]
    assert (classes["base_year"], classes["base"], classes["target_year"], classes["target"]) == (2025, 3.5, 2030, 0.5)
    assert classes["path"] == {"2026": 2.9, "2027": 2.3, "2028": 1.7, "2030": 0.5}
    assert classes["actual"]["2030"] == 0.4          # a seventh of its base, on the plan's own way: no slip
    assert classes["assessment"]["classification"] == "achieved"


@pytest.mark.parametrize(
    ("year", "kind", "words"),
    [
        (2027, "2027年年度评估报告", ["2030年目标"]),
        (2028, "2028年中期评估报告", ["中期进度：规划期已过 60%", "2030年目标", "2025 年基期"]),
        (2030, "2030年总结评估报告", ["总结评估：以 2030 年目标为准",
                                      "约束性指标未达标：高中阶段教育毛入学率未达标（94.6，要求 ≥95）"]),
    ],
)
def test_the_report_of_each_year_is_the_kind_the_plan_makes_it(cli, year: int, kind: str, words: list[str]) -> None:
    files = [f for f in sorted(DATA.glob("*.csv")) if int(f.stem) <= year]
    result = cli("report", *files, "--plan", FIXTURE, "--year", str(year), "--lang", "zh")
    assert result.exit_code == 0, result.output
    title = result.stdout.splitlines()[0]
    assert title == f"# 《清河县教育事业发展第十五个五年规划（2026—2030年）》{kind}"
    for word in words:
        assert word in result.stdout
    assert not any(old in result.stdout for old in ("2020", "2025年目标", "十四五"))


def test_a_plan_names_its_own_mid_term_and_a_wrong_one_is_refused(cli, tmp_path: Path) -> None:
    plan = tmp_path / "qinghe"
    shutil.copytree(FIXTURE, plan, ignore=shutil.ignore_patterns("data"))
    targets = plan / "targets.yaml"
    text = targets.read_text(encoding="utf-8")
    targets.write_text(text.replace("midterm_year: 2028", "midterm_year: 2027"), encoding="utf-8")
    files = [DATA / "2026.csv", DATA / "2027.csv"]
    result = cli("report", *files, "--plan", plan, "--lang", "zh")
    assert "2027年中期评估报告" in result.stdout.splitlines()[0]

    targets.write_text(text.replace("midterm_year: 2028", "midterm_year: 2030"), encoding="utf-8")
    refused = cli("plan", "check", plan)
    assert refused.exit_code == 2
    assert "targets.yaml:5 [plan]" in refused.output and "period 2026-2030, mid-term 2030" in refused.output
