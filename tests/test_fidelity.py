"""The encoding holds the text to what it says and no more, and a commitment gets one verdict in every command
(docs/rules.md: Vague amounts, A baseline first reported, Recurring duties start with the first full year,
Events of one year, A project reported done, later not; plan/CHANGELOG.md). Every test runs the real CLI."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from conftest import DATA, ROOT, as_json, by_id, read_yaml, write_csv
from planchk.plan.model import Plan

RETENTION = {"compulsory.retention_rate": 100}  # the binding row, so a file's exit code is about the items


def evaluate(cli, *files: Path) -> dict[int, dict[str, dict]]:
    """Every row's verdict by year, from one `evaluate` run over the files."""
    result = cli("evaluate", *files, "-f", "json")
    assert result.exit_code in (0, 1), result.stderr
    return {f["year"]: by_id(f) for f in json.loads(result.stdout)["files"]}


def form_ids(cli, year: int) -> set[str]:
    result = cli("template", str(year))
    assert result.exit_code == 0
    return {row["id"] for row in csv.DictReader(io.StringIO(result.stdout.lstrip("\ufeff")))}


# ── vague amounts: reported and shown, never failed against a number the text does not give ─────────────
@pytest.mark.parametrize(
    ("item", "word"),
    [("text.vocational_higher.skilled_talent", "大批"), ("text.vocational_higher.enterprise_cooperation", "鼓励")],
)
def test_a_vague_amount_is_shown_never_failed(cli, tmp_path: Path, item: str, word: str) -> None:
    for value in (0, 1, 5000):
        got = evaluate(cli, write_csv(tmp_path / "2025.csv", {item: value, **RETENTION}))[2025][item]
        assert got["status"] == "pass" and got["expected"] is None and got["actual"] == value
        assert word in got["message"] and "not judged" in got["message"]
    unreported = evaluate(cli, write_csv(tmp_path / "2025.csv", RETENTION))[2025][item]
    assert (unreported["status"], unreported["level"]) == ("missing", "warning")


def test_the_cooperating_firms_are_one_row_not_four_required_agreements(cli, plan: Plan) -> None:
    item = plan.item_by_id["text.vocational_higher.enterprise_cooperation"]
    assert item.entries == [] and item.target is None
    assert {i for i in form_ids(cli, 2025) if i.startswith(item.id)} == {item.id}


# ── denominators only as the plan defines them ────────────────────────────────────────────────────────────
def test_per_pupil_spending_is_reported_not_divided_by_pupils_the_plan_does_not_name(cli, tmp_path: Path) -> None:
    item = "text.finance.per_pupil_spending"
    inputs = {"text.finance.budget_education_spending": 124300, "preschool.enrolment": 1.69,
              "compulsory.enrolment": 3.96, "upper_secondary.enrolment": 0.86, **RETENTION}
    got = evaluate(cli, write_csv(tmp_path / "2022.csv", inputs))[2022][item]
    assert (got["status"], got["actual"]) == ("missing", None)  # nothing computed from 专栏1's pupils
    assert item in form_ids(cli, 2022)
    before = write_csv(tmp_path / "2022.csv", {item: 18600, **RETENTION})
    after = write_csv(tmp_path / "2023.csv", {item: 18300, **RETENTION})
    assert evaluate(cli, before, after)[2023][item]["status"] == "fail"


# ── per-pupil skills: a share of pupils on the path from its first report, not a minimum from 0 ─────────────
def test_every_pupil_skills_are_a_share_judged_from_the_first_report(cli, tmp_path: Path) -> None:
    item = "text.arts_sports.sports_skills_per_pupil"
    first = write_csv(tmp_path / "2021.csv", {item: 80, **RETENTION})
    for share, status in ((89.9, "fail"), (90, "pass")):  # 80 + (100 − 80) × 2/4 = 90 due in 2023
        got = evaluate(cli, first, write_csv(tmp_path / "2023.csv", {item: share, **RETENTION}))
        assert got[2021][item]["status"] == "not_due" and "first reported" in got[2021][item]["message"]
        assert (got[2023][item]["status"], got[2023][item]["expected"]) == (status, 90)
        assert "2021" in got[2023][item]["message"] and "80" in got[2023][item]["message"]


# ── a training of N people is held once, as its team is formed once ────────────────────────────────────
@pytest.mark.parametrize(
    ("year", "trained", "status"),
    [(2021, 0, "pass"), (2022, 0, "fail"), (2022, 20, "fail"), (2022, 50, "pass"), (2025, 49, "fail")],
)
def test_the_50_person_training_is_held_once(cli, tmp_path: Path, year: int, trained: int, status: str) -> None:
    item = "box6.2.visiting_study_training"
    got = evaluate(cli, write_csv(tmp_path / f"{year}.csv", {item: trained, **RETENTION}))[year][item]
    assert got["status"] == status


def test_three_majors_cultivated_are_three_new_ones(cli, tmp_path: Path) -> None:
    """培育3个: the 2020 major is not one of the three, so 2 in 2025 falls one short."""
    item = "box5.1.quality_majors"
    got = evaluate(cli, write_csv(tmp_path / "2025.csv", {item: 2, **RETENTION}))[2025][item]
    assert (got["status"], got["expected"]) == ("fail", 3)
    mid = evaluate(cli, write_csv(tmp_path / "2022.csv", {item: 1, **RETENTION}))[2022][item]
    assert (mid["status"], mid["expected"]) == ("pass", 1)  # 3 × 2/5 = 1.2: one due by 2022


# ── judgeable before 2025: the first report is the baseline ─────────────────────────────────────────────
def unknown_start(plan: Plan) -> set[str]:
    """The rates and 提高 with no 2020 value in the plan."""
    return {
        i.id
        for i in plan.item_by_id.values()
        if i.baseline is None and (i.clock == "cumulative" and i.spec.start_without_baseline is None
                                   or i.spec.clocks[i.clock] == "raise")
    }


def test_the_mid_term_years_judge_every_value_without_a_2020_figure(cli, plan: Plan) -> None:
    ids = unknown_start(plan)
    assert {"text.finance.education_budget_share", "text.lifelong.continuing_education_participation"} <= ids
    assert len(ids) >= 10  # the eight rates, the two 提高 and the pupils' skills
    got = evaluate(cli, DATA / "2021.csv", DATA / "2022.csv", DATA / "2023.csv")
    for item in ids:
        assert got[2021][item]["status"] == "not_due" and "first reported" in got[2021][item]["message"], item
        assert got[2023][item]["status"] in ("pass", "fail"), (item, got[2023][item])
        assert "2021" in got[2023][item]["message"], item  # says where its baseline comes from
        for year in (2021, 2022, 2023):
            assert item in form_ids(cli, year), (item, year)


def test_the_two_raises_are_judged_in_2023_from_the_shipped_data(cli) -> None:
    got = evaluate(cli, DATA / "2021.csv", DATA / "2022.csv", DATA / "2023.csv")[2023]
    for item in ("text.finance.education_budget_share", "text.lifelong.continuing_education_participation"):
        reported = [
            next(r for r in csv.reader(io.StringIO((DATA / f"{y}.csv").read_text("utf-8-sig"))) if item in r)
            for y in (2021, 2023)
        ]
        base, now = (float(next(c for c in row[row.index(item) + 1:] if c and c[0].isdigit())) for row in reported)
        assert got[item]["expected"] == base
        assert got[item]["status"] == ("pass" if now > base else "fail")


def test_the_trend_path_of_a_rate_starts_where_its_verdicts_do(cli) -> None:
    files = (DATA / "2021.csv", DATA / "2022.csv", DATA / "2023.csv")
    trend = as_json(cli("trend", *files, "-f", "json"))
    got = evaluate(cli, *files)
    for item in ("box4.1.grade2_plus_share", "box6.1.dual_qualified_share"):
        series = next(s for s in trend["series"] if s["id"] == item)
        assert series["path"]["2021"] is None
        assert [series["path"][str(y)] for y in (2022, 2023)] == [got[y][item]["expected"] for y in (2022, 2023)]


def test_nothing_is_cannot_judge_in_every_year_of_the_shipped_data(cli) -> None:
    got = evaluate(cli, DATA / "2021.csv", DATA / "2022.csv", DATA / "2023.csv")
    never = [i for i in got[2023] if all(got[y][i]["status"] == "cannot_judge" for y in got)]
    assert never == []


def test_no_form_asks_for_a_figure_that_can_never_be_judged(cli, tmp_path: Path) -> None:
    """Every row of every year's form, filled in with the plan's own values, is judged (pass or fail) in some year
    when the years are evaluated together."""
    files, asked = [], set()
    for year in range(2021, 2026):
        out = tmp_path / f"{year}.csv"
        assert cli("template", str(year), "--example", "-o", out).exit_code == 0
        files.append(out)
        asked |= {r["id"] for r in csv.DictReader(io.StringIO(out.read_text("utf-8-sig")))}
    got = evaluate(cli, *files)
    never = sorted(i for i in asked if not any(got[y].get(i, {}).get("status") in ("pass", "fail") for y in got))
    assert never == []


# ── one verdict per commitment: clocks ─────────────────────────────────────────────────────────────────
def test_yearly_duties_start_with_the_plans_first_full_year(cli, tmp_path: Path, plan: Plan) -> None:
    recurring = sorted(i.id for i in plan.item_by_id.values() if i.clock == "recurring")
    assert "text.implementation.annual_evaluation" in recurring
    zero = {i: 0 for i in recurring}
    early = evaluate(cli, write_csv(tmp_path / "2021.csv", {**zero, **RETENTION}))[2021]
    for item in recurring:
        assert early[item]["status"] == "not_due" and str(plan.meta.published) in early[item]["message"], item
    first = evaluate(cli, write_csv(tmp_path / "2022.csv", {**zero, **RETENTION}))[2022]
    assert {first[i]["status"] for i in recurring} == {"fail"}
    assert not set(recurring) & form_ids(cli, 2021) and set(recurring) <= form_ids(cli, 2022)


@pytest.mark.parametrize(("year", "word", "status"),
                         [(2021, "未启动", "not_due"), (2022, "未启动", "not_due"), (2022, "在建", "not_due"),
                          (2022, "完成", "pass"), (2023, "未启动", "fail"), (2023, "完成", "pass")])
def test_the_mid_term_evaluation_is_not_late_before_its_year(cli, tmp_path: Path, year: int, word: str,
                                                             status: str) -> None:
    item = "text.implementation.mid_term_evaluation"
    got = evaluate(cli, write_csv(tmp_path / f"{year}.csv", {item: word, **RETENTION}))[year][item]
    assert got["status"] == status
    assert (item in form_ids(cli, year)) == (year >= 2023)


# ── one verdict per commitment: a project that goes back from done, in evaluate, report and trend ─────────
PROJECT = "box4.1.new_kindergartens_named.jiazhaoye_binjiang"


def test_a_project_reported_done_then_not_started_is_flagged_everywhere(cli, tmp_path: Path) -> None:
    done = write_csv(tmp_path / "2022.csv", {PROJECT: "完成", **RETENTION})
    back = write_csv(tmp_path / "2023.csv", {PROJECT: "未开工", **RETENTION})
    got = evaluate(cli, done, back)
    assert got[2022][PROJECT]["status"] == "pass"
    assert got[2023][PROJECT]["status"] == "fail" and "2022" in got[2023][PROJECT]["message"]
    assert got[2023]["box4.1.new_kindergartens_named"]["status"] == "fail"
    # alone, 2023 is only a project not started late: no earlier report to hold it against
    alone = evaluate(cli, back)[2023][PROJECT]
    assert "reported done" not in (alone["message"] or "") and "2022" not in (alone["message"] or "")
    # --previous gives evaluate the same history
    previous = evaluate_previous(cli, back, done)
    assert previous["status"] == "fail"
    trend = as_json(cli("trend", done, back, "-f", "json"))
    rule = next(r for r in trend["rules"] if r["id"] == PROJECT)
    assert [(y["year"], y["status"]) for y in rule["years"]] == [(2022, "pass"), (2023, "fail")]
    report = cli("report", done, back, "--lang", "en")
    assert report.exit_code == 0
    row = next(line for line in report.stdout.splitlines() if "Jiazhaoye" in line)
    assert "fail" in row


def evaluate_previous(cli, file: Path, previous: Path) -> dict:
    result = cli("evaluate", file, "--previous", previous, "-f", "json")
    return by_id(json.loads(result.stdout)["files"][0])[PROJECT]


def test_a_project_that_stays_done_is_not_flagged(cli, tmp_path: Path) -> None:
    done = write_csv(tmp_path / "2022.csv", {PROJECT: "完成", **RETENTION})
    still = write_csv(tmp_path / "2023.csv", {PROJECT: "完成", **RETENTION})
    assert evaluate(cli, done, still)[2023][PROJECT]["status"] == "pass"
    assert not [r for r in as_json(cli("trend", done, still, "-f", "json"))["rules"] if r["id"] == PROJECT]


# ── the encoding's version moved, and says why ────────────────────────────────────────────────────────────
def test_the_encoding_version_is_reported_and_its_changes_are_written_down(cli) -> None:
    targets = read_yaml(ROOT / "plan" / "targets.yaml")
    projects = read_yaml(ROOT / "plan" / "projects.yaml")
    version = targets["plan"]["version"]
    assert projects["version"] == version and version != "1.0.0"
    report = as_json(cli("evaluate", DATA / "2022.csv", "-f", "json"))
    assert report["plan"]["version"] == version
    changelog = (ROOT / "plan" / "CHANGELOG.md").read_text(encoding="utf-8")
    assert f"## {version} (" in changelog
    # the re-reading of the text item by item was 1.1.0 (1.1.1 added the responsibility map, no verdict moved)
    section = changelog.split("## 1.1.0 (", 1)[1].split("\n## ", 1)[0]
    conflicts = {c["id"] for c in projects["conflicts"]}
    for moved in ("text.vocational_higher.skilled_talent", "text.finance.per_pupil_spending",
                  "box6.2.visiting_study_training", "box5.1.quality_majors",
                  "text.implementation.mid_term_evaluation", "text.finance.education_budget_share"):
        assert f"`{moved}`" in section, moved
    named = {c for c in conflicts if f"`{c}`" in section}
    assert len(named) >= 10 and named <= conflicts
