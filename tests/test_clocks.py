"""Every commitment on its own clock (docs/rules.md#clocks), through the CLI on the bundled plan's real items:
standing obligations every year, recurring events each year on their own, paths from the 2020 stock,
things formed once, and the year-over-year rules."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from conftest import one_file, write_csv
from planchk.plan.model import Plan

STANDING = {
    "text.teachers.pay_parity",
    "text.finance.student_aid_coverage",
    "text.preschool.staff_social_insurance",
    "text.preschool.teacher_certification_rate",
    "text.preschool.teacher_training_coverage",
    "text.governance.kindergarten_cctv_link",
    "text.governance.safety_training_coverage",
}


def items(report: dict) -> dict[str, dict]:
    return {i["id"]: i for p in report["programmes"] for i in p["items"]}


def template_ids(cli, year: int) -> list[str]:
    result = cli("template", str(year))
    assert result.exit_code == 0
    return [row["id"] for row in csv.DictReader(io.StringIO(result.stdout.lstrip("\ufeff")))]


def test_every_standing_obligation_is_on_the_2023_form(cli, plan: Plan) -> None:
    standing = {i.id for i in plan.item_by_id.values() if i.clock == "standing" and i.derived is None}
    assert STANDING <= standing
    assert standing <= set(template_ids(cli, 2023))
    assert standing <= set(template_ids(cli, 2021))


@pytest.mark.parametrize("item_id", ["text.teachers.pay_parity", "text.finance.student_aid_coverage"])
def test_a_standing_obligation_at_80_percent_fails_in_2023(cli, tmp_path: Path, item_id: str) -> None:
    result = cli("evaluate", write_csv(tmp_path / "2023.csv", {item_id: 80}), "-f", "json")
    got = items(one_file(result))[item_id]
    assert (got["status"], got["expected"], got["level"]) == ("fail", 100, "warning")
    ok = items(one_file(cli("evaluate", write_csv(tmp_path / "2023.csv", {item_id: 100}), "-f", "json")))[item_id]
    assert ok["status"] == "pass"


@pytest.mark.parametrize(("held", "status"), [(1, "pass"), (0, "fail"), (2, "pass")])
def test_the_yearly_review_meeting_counts_each_year_on_its_own(cli, tmp_path: Path, held: int, status: str) -> None:
    meeting = "text.implementation.annual_review_meeting"
    # 2023 held three (more than one year's share): they do not carry over into 2024
    write_csv(tmp_path / "2023.csv", {meeting: 3})
    f = write_csv(tmp_path / "2024.csv", {meeting: held})
    got = items(next(r for r in cli_json(cli, tmp_path / "2023.csv", f)["files"] if r["year"] == 2024))[meeting]
    assert (got["status"], got["expected"]) == (status, 1)


def cli_json(cli, *files: Path) -> dict:
    import json

    return json.loads(cli("evaluate", *files, "-f", "json").stdout)


@pytest.mark.parametrize(("share_2023", "status"), [(54.0, "fail"), (54.5, "fail"), (54.6, "pass")])
def test_public_kindergarten_share_must_rise_every_year(cli, tmp_path: Path, share_2023: float, status: str) -> None:
    """逐年提高: 54.5 in 2022 then 54.0 fails although both meet their path values (53.2 and 53.8)."""
    a = write_csv(tmp_path / "2022.csv", {"preschool.public_share": 54.5})
    b = write_csv(tmp_path / "2023.csv", {"preschool.public_share": share_2023})
    report = cli_json(cli, a, b)
    y2023 = next(r for r in report["files"] if r["year"] == 2023)
    indicator = next(r for r in y2023["indicators"] if r["id"] == "preschool.public_share")
    assert indicator["status"] == "pass"  # the path alone would let the dip through
    rule = items(y2023)["text.preschool.public_share_rising"]
    assert (rule["status"], rule["expected"]) == (status, 54.5)


def test_the_rising_rule_cannot_be_judged_without_the_year_before(cli, tmp_path: Path) -> None:
    report = one_file(cli("evaluate", write_csv(tmp_path / "2023.csv", {"preschool.public_share": 54}), "-f", "json"))
    assert items(report)["text.preschool.public_share_rising"]["status"] == "cannot_judge"


@pytest.mark.parametrize(
    ("year", "reported", "expected", "status"),
    [(2022, 1, 1, "pass"), (2022, 0, 1, "fail"), (2025, 1, 2, "fail"), (2025, 2, 2, "pass")],
)
def test_a_path_starts_from_the_2020_stock(
    cli, tmp_path: Path, year: int, reported: int, expected: int, status: str
) -> None:
    """做强做精2所国家级中职示范学校: one already existed in 2020, so 2022 expects 1, not 0."""
    item = "box5.1.national_model_schools"
    got = items(one_file(cli("evaluate", write_csv(tmp_path / f"{year}.csv", {item: reported}), "-f", "json")))[item]
    assert (got["expected"], got["status"]) == (expected, status)


@pytest.mark.parametrize(
    ("year", "size", "status"),
    [(2021, 0, "pass"), (2023, 0, "fail"), (2022, 150, "pass"), (2022, 80, "fail"), (2025, 120, "pass")],
)
def test_a_team_formed_once_is_not_hired_one_by_one(cli, tmp_path: Path, year: int, size: int, status: str) -> None:
    """组建100-200人…团队: not formed yet is judged like a project not started; formed, it has at least 100."""
    item = "box6.2.training_guidance_team"
    got = items(one_file(cli("evaluate", write_csv(tmp_path / f"{year}.csv", {item: size}), "-f", "json")))[item]
    assert got["status"] == status


@pytest.mark.parametrize(("teachers", "team", "status"), [(4500, 150, "pass"), (4500, 120, "fail")])
def test_the_30_to_1_team_is_a_ratio_to_the_reported_teachers(
    cli, tmp_path: Path, teachers: int, team: int, status: str
) -> None:
    f = write_csv(
        tmp_path / "2025.csv", {"text.teachers.teacher_total": teachers, "box6.2.training_guidance_team": team}
    )
    got = items(one_file(cli("evaluate", f, "-f", "json")))["text.teachers.guidance_team_ratio"]
    assert got["status"] == status
    assert got["actual"] == pytest.approx(team * 30 / teachers, abs=1e-6)


def test_home_visits_are_a_share_of_each_years_new_entrants(cli, tmp_path: Path) -> None:
    item = "text.evaluation.kindergarten_home_visit"
    got = items(one_file(cli("evaluate", write_csv(tmp_path / "2022.csv", {item: 96}), "-f", "json")))[item]
    assert (got["unit"], got["expected"], got["status"]) == ("%", 100, "fail")


def test_raise_without_a_2020_value_is_judged_from_its_first_report(cli, tmp_path: Path) -> None:
    """提高财政性教育经费占比: the text gives no 2020 share, so the first year reported is the baseline (not due,
    and said), and every later year must be above it: a flat share fails, never passes silently."""
    item = "text.finance.education_budget_share"
    alone = items(one_file(cli("evaluate", write_csv(tmp_path / "2025.csv", {item: 17.2}), "-f", "json")))[item]
    # one file of the due year, nothing earlier: no baseline to hold it to, said, never a pass
    assert alone["status"] == "cannot_judge" and "2020" in alone["message"] and "first reported" in alone["message"]
    first = write_csv(tmp_path / "2022.csv", {item: 17.2})
    flat = write_csv(tmp_path / "2023.csv", {item: 17.2})
    got = {f["year"]: items(f)[item] for f in cli_json(cli, first, flat)["files"]}
    assert (got[2022]["status"], got[2023]["status"]) == ("not_due", "fail")
    assert "17.2" in got[2023]["message"] and "2022" in got[2023]["message"]
    risen = write_csv(tmp_path / "2023.csv", {item: 17.3})
    got = {f["year"]: items(f)[item] for f in cli_json(cli, first, risen)["files"]}
    assert got[2023]["status"] == "pass" and got[2023]["expected"] == 17.2


def test_parts_that_miss_by_more_than_their_rounding_warn(cli, tmp_path: Path) -> None:
    """4.3 vs 2.97 + 1.21 = 4.18: off by 0.12, more than 0.05 + 0.005 + 0.005."""
    f = write_csv(
        tmp_path / "2022.csv",
        {
            "compulsory.enrolment": "4.3",
            "compulsory.primary_enrolment": "2.97",
            "compulsory.junior_secondary_enrolment": "1.21",
        },
    )
    [finding] = one_file(cli("evaluate", f, "-f", "json"))["consistency"]
    assert finding["value"] == "compulsory.enrolment" and "4.18" in finding["message"]
    close = write_csv(
        tmp_path / "2022.csv",
        {
            "compulsory.enrolment": "4.2",
            "compulsory.primary_enrolment": "2.97",
            "compulsory.junior_secondary_enrolment": "1.21",
        },
    )
    assert one_file(cli("evaluate", close, "-f", "json"))["consistency"] == []  # 0.02 ≤ 0.06


def test_template_example_gives_plausible_finance_figures(cli, tmp_path: Path) -> None:
    out = tmp_path / "2023.csv"
    assert cli("template", "2023", "--example", "-o", out).exit_code == 0
    rows = {r["id"]: r["value"] for r in csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig")))}
    assert float(rows["text.finance.budget_education_spending"]) > 100_000  # 万元, not 1
    report = one_file(cli("evaluate", out, "-f", "json"))
    per_pupil = items(report)["text.finance.per_pupil_spending"]["actual"]
    assert 10_000 < per_pupil < 30_000  # 元 per pupil, not 0.15


def test_a_running_total_that_falls_fails(cli, tmp_path: Path) -> None:
    """A cumulative count cannot fall: 1 in 2021 then 0 in 2022 is a finding, though 0 meets 2022's path."""
    item = "box3.5.sports_education_bases"
    a = write_csv(tmp_path / "2021.csv", {item: 1})
    b = write_csv(tmp_path / "2022.csv", {item: 0})
    report = cli_json(cli, a, b)
    got = items(next(f for f in report["files"] if f["year"] == 2022))[item]
    assert got["status"] == "fail" and "cannot fall" in got["message"]
    alone = items(one_file(cli("evaluate", b, "-f", "json")))[item]
    assert alone["status"] == "pass"  # without the year before, 0 is on the path (1 due by 2025)


def test_a_batch_of_districts_pairs_each_year_with_its_own_district(cli, tmp_path: Path) -> None:
    """A city's batch holds several files of a year: each is judged, and its year-over-year rules read the
    file whose name differs only by the year, never another district's. A file named twice is judged once."""
    item = "box3.5.sports_education_bases"
    a21 = write_csv(tmp_path / "district01-2021.csv", {item: 1})
    a22 = write_csv(tmp_path / "district01-2022.csv", {item: 0})  # falls: a finding
    b21 = write_csv(tmp_path / "district02-2021.csv", {item: 0})
    b22 = write_csv(tmp_path / "district02-2022.csv", {item: 0})  # stays 0: fine
    report = cli_json(cli, a21, b21, a22, b22, b22)
    judged = {f["source"]["file"]: items(f)[item]["status"] for f in report["files"]}
    assert judged == {str(a21): "pass", str(b21): "pass", str(a22): "fail", str(b22): "pass"}


def test_the_year_in_a_title_line_is_read_and_checked(cli, tmp_path: Path) -> None:
    title = "大渡口区2023年教育事业统计表,,\nid,value\ncompulsory.retention_rate,100\n"
    named_wrong = tmp_path / "dadukou-2022.csv"
    named_wrong.write_text(title, encoding="utf-8")
    result = cli("evaluate", named_wrong)
    assert result.exit_code == 2 and "2022" in result.stderr and "2023" in result.stderr
    unnamed = tmp_path / "统计表.csv"
    unnamed.write_text(title, encoding="utf-8")
    report = one_file(cli("evaluate", unnamed, "-f", "json"))
    assert (report["year"], report["source"]["year_from"]) == (2023, "title_line")
