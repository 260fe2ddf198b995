"""Column programmes end to end through the CLI: template, evaluate, roll-up, item view, plan show."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import DATA, as_json, one_file
from planchk.cli.app import app
from planchk.plan.model import Plan
from test_projects_encoding import EXPECTED_BOX_TOTALS, EXPECTED_ENTRIES


def test_loaded_plan_has_every_encoded_item(plan: Plan) -> None:
    # The YAML test counts the file; this counts what the loader hands to the judge.
    assert {p.id: len(p.items()) for p in plan.programmes} == EXPECTED_BOX_TOTALS
    assert {i.id: len(i.entries) for i in plan.item_by_id.values() if i.entries} == EXPECTED_ENTRIES
    assert [p.box for p in plan.programmes] == [f"专栏{n}" for n in range(2, 9)] + ["正文"]


def template(cli, tmp_path: Path, year: int, *extra: str) -> Path:
    out = tmp_path / f"{year}.csv"
    result = cli("template", str(year), "-o", out, *extra)
    assert result.exit_code == 0, result.output
    return out


def test_template_2025_filled_with_plan_values_passes_everything(cli, tmp_path: Path) -> None:
    f = template(cli, tmp_path, 2025, "--example")
    result = cli("evaluate", f, "--format", "json")
    assert result.exit_code == 0
    report = one_file(result)
    assert {r["status"] for r in report["indicators"]} == {"pass"}
    assert [p["status"] for p in report["programmes"]] == ["pass"] * 8
    assert all(p["met"] == p["total"] > 0 for p in report["programmes"])
    # only what needs an earlier year cannot be judged from a single year: the year-over-year rules, and 提高
    # (增加, 加大) without a 2020 value (its first report is its baseline)
    statuses = {i["id"]: i["status"] for p in report["programmes"] for i in p["items"]}
    assert {k for k, v in statuses.items() if v != "pass"} == {
        "text.finance.budget_education_spending", "text.finance.per_pupil_spending",
        "text.finance.education_budget_share", "text.preschool.public_share_rising",
        "text.lifelong.continuing_education_participation", "text.teachers.kindergarten_teachers_increase",
        "text.governance.safety_funding"}
    assert {v for v in statuses.values() if v != "pass"} == {"cannot_judge"}


def test_empty_template_is_all_missing_and_exit_1(cli, tmp_path: Path, plan: Plan) -> None:
    f = template(cli, tmp_path, 2025)
    text = f.read_bytes()
    assert text.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM so Excel shows the Chinese
    rows = list(csv.DictReader(io.StringIO(text.decode("utf-8-sig"))))
    assert {r["value"] for r in rows} == {""}
    entries = sum(len(i.entries) for i in plan.item_by_id.values())
    derived = sum(1 for i in plan.item_by_id.values() if i.derived)
    assert derived == 2  # computed, not reported: the 30:1 team ratio, the rising share
    assert len(rows) == 13 + len(plan.item_by_id) - len(EXPECTED_ENTRIES) - derived + entries
    result = cli("evaluate", f, "--format", "json")
    report = one_file(result)
    assert {r["status"] for r in report["indicators"]} == {"missing"}
    assert {p["status"] for p in report["programmes"]} == {"missing"}
    # the binding 巩固率 is missing: an error, so exit 1 (docs/rules.md, section 4)
    assert result.exit_code == 1 and report["summary"]["errors"] == 1


def test_template_gb18030(cli, tmp_path: Path) -> None:
    f = template(cli, tmp_path, 2022, "--encoding", "gb18030")
    assert "在园幼儿数" in f.read_bytes().decode("gb18030")
    # read back as GB18030; an empty template leaves the binding 巩固率 missing: an error, so exit 1
    result = cli("evaluate", f, "--format", "json")
    report = one_file(result)
    assert report["source"]["encoding"] == "gb18030" and report["year"] == 2022
    assert {r["status"] for r in report["indicators"]} == {"missing"}
    assert result.exit_code == 1 and report["summary"]["errors"] == 1
    assert cli("evaluate", f).exit_code == 1


def test_each_form_asks_for_what_its_year_can_judge(cli, tmp_path: Path, plan: Plan) -> None:
    """A rate without its 2020 value is on every form (the first report is its baseline); a yearly duty is not on
    the forms of years before the plan's first full year (published 2021-12-17: 2022); the mid-term evaluation,
    an event of 2023, is on no earlier form."""
    def ids(year: int) -> set[str]:
        out = tmp_path / f"{year}.csv"
        assert cli("template", str(year), "-o", out).exit_code == 0
        return {r["id"] for r in csv.DictReader(io.StringIO(out.read_text("utf-8-sig")))}

    recurring = {i.id for i in plan.item_by_id.values() if i.clock == "recurring"}
    assert recurring and "text.implementation.annual_evaluation" in recurring
    mid_term = "text.implementation.mid_term_evaluation"
    forms = {year: ids(year) for year in (2021, 2022, 2023)}
    for year, form in forms.items():
        assert "box4.1.grade2_plus_share" in form and "box3.1.ideology_model_schools" in form, year
        assert (recurring <= form) == (year >= 2022), year
        assert (mid_term in form) == (year >= 2023), year


def test_twelve_of_sixteen_kindergartens_fails_and_says_four_missing(cli, tmp_path: Path) -> None:
    f = tmp_path / "2025.csv"
    f.write_text("id,value\ncompulsory.retention_rate,100\nbox4.1.new_inclusive_kindergartens,12\n"
                 "box4.1.new_kindergartens_named.hengda_lushanhu,在建\n", encoding="utf-8")
    report = one_file(cli("evaluate", f, "--format", "json"))
    box4 = next(p for p in report["programmes"] if p["id"] == "box4")
    items = {i["id"]: i for i in box4["items"]}
    count = items["box4.1.new_inclusive_kindergartens"]
    assert count["status"] == "fail" and "4 missing" in count["message"]
    named = items["box4.1.new_kindergartens_named"]
    entry = next(e for e in named["entries"] if e["id"].endswith("hengda_lushanhu"))
    assert (entry["status"], entry["actual"]) == ("fail", "in_progress")
    assert named["status"] == "fail"


@pytest.mark.parametrize("value, status, level", [(3, "fail", "warning"), (4, "pass", "ok")])
def test_ten_model_schools_in_2022(cli, tmp_path: Path, value: int, status: str, level: str) -> None:
    f = tmp_path / "2022.csv"
    f.write_text(f"id,value\ncompulsory.retention_rate,100\nbox3.1.ideology_model_schools,{value}\n", encoding="utf-8")
    report = one_file(cli("evaluate", f, "--format", "json"))
    item = next(i for p in report["programmes"] for i in p["items"] if i["id"] == "box3.1.ideology_model_schools")
    assert (item["expected"], item["status"], item["level"]) == (4, status, level)


def test_year_over_year_rule_uses_the_other_file(cli) -> None:
    report = as_json(cli("evaluate", DATA / "2022.csv", DATA / "2023.csv", "--format", "json"))
    spending = {f["year"]: next(i for p in f["programmes"] for i in p["items"]
                                if i["id"] == "text.finance.budget_education_spending") for f in report["files"]}
    assert spending[2022]["status"] == "cannot_judge"  # 2021 not given
    assert spending[2023]["status"] == "fail"            # falls from 124300 to 121900
    again = one_file(cli("evaluate", DATA / "2023.csv", "--previous", DATA / "2022.csv", "--format", "json"))
    assert next(i for p in again["programmes"] for i in p["items"]
                if i["id"] == "text.finance.budget_education_spending")["status"] == "fail"


def test_previous_must_be_the_year_before(cli) -> None:
    result = cli("evaluate", DATA / "2023.csv", "--previous", DATA / "2021.csv")
    assert result.exit_code == 2 and "previous year is 2022" in result.stderr


def test_programme_view_lists_items_and_entries(cli) -> None:
    result = cli("evaluate", DATA / "2022.csv", "--programme", "4", "--only", "programmes")
    assert "Li Xuerui Sports School" in result.stdout
    assert "Pupils in compulsory education" not in result.stdout  # --only programmes


def test_only_indicators_hides_programmes(cli) -> None:
    result = cli("evaluate", DATA / "2022.csv", "--only", "indicators")
    assert "专栏4" not in result.stdout and "Pupils in compulsory education" in result.stdout


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("columns", ["100", None])
def test_programme_table_readable_at_100_columns_and_piped(lang: str, columns: str | None, plan: Plan) -> None:
    # In-process: the runner's output is no terminal, as a pipe is not (tests/test_cli.py checks that the
    # console command on a real pipe prints what the runner prints); the width comes from COLUMNS or is unset.
    result = CliRunner().invoke(app, ["evaluate", str(DATA / "2022.csv"), "--only", "programmes"],
                                env={"NO_COLOR": "1", "PLANCHK_LANG": lang, "COLUMNS": columns},
                                catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    from rich.cells import cell_len

    lines = out.splitlines()
    if columns:
        assert max(cell_len(ln) for ln in lines) <= 100
    assert "…" not in out and "\x1b[" not in out
    # The programme cell of each box, its wrapped lines joined: a row starts where the box column is filled.
    cells: dict[str, str] = {}
    box = ""
    for line in lines:
        if "│" in line:  # a row, with the table's outer border or (narrow terminals) without
            row = line.split("│")[1:] if line.startswith("│") else line.split("│")
            box = row[0].strip() or box
            cells[box] = cells.get(box, "") + row[1].replace(" ", "")
    assert list(cells) == [p.box for p in plan.programmes]
    for p in plan.programmes:
        # whole, if wrapped within its cell at 100 columns
        assert p.title.get(lang).replace(" ", "") in cells[p.box], (p.box, cells[p.box])
    if not columns:
        for p in plan.programmes:
            assert p.title.get(lang) in out


def test_plan_show_lists_targets_items_and_contradictions(cli) -> None:
    result = cli("plan", "show", "--lang", "zh")
    assert result.exit_code == 0
    out = result.stdout
    for needle in ("compulsory.retention_rate", "box4.2.new_schools_named.li_xuerui_sports_school",
                   "高中阶段教育毛入学率达99%", "学前三年毛入园率达到99%", "音乐附中", "新建李雪芮运动学校等15所"):
        assert needle in out, needle
