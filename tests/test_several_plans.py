"""Several plans side by side (docs/several-plans.md): a city's folder of plans (plans/<district>/) and its
districts' files (data/<district>/<year>.csv), each file judged against its own plan in one run; the plan a form
names, written by `planchk template` into the CSV and the .xlsx form and read back with its place; a plan that is
not there; a form of another version; the year before never taken from another plan's file."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import DATA, ROOT, as_json

# the bundled plan's version as its file gives it: the stamp is checked against what template wrote
BUNDLED_VERSION = next(
    line.split(":", 1)[1].strip().strip("'\"")
    for line in (ROOT / "plan" / "targets.yaml").read_text(encoding="utf-8").splitlines()
    if line.strip().startswith("version:")
)

RIVERSIDE = ROOT / "tests" / "fixtures" / "plans" / "riverside"


@pytest.fixture
def city(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """plans/riverside (the fixture plan, copied), plans/dadukou (the bundled plan: a link, so that the session's
    parsed plan serves it), and two years of each district's files; the working directory is the city's."""
    plans = tmp_path / "plans"
    plans.mkdir()
    shutil.copytree(RIVERSIDE, plans / "riverside", ignore=shutil.ignore_patterns("data"))
    (plans / "dadukou").symlink_to(ROOT / "plan", target_is_directory=True)
    for district, source, years in (("riverside", RIVERSIDE / "data", (2017, 2018)), ("dadukou", DATA, (2022, 2023))):
        (tmp_path / "data" / district).mkdir(parents=True)
        for year in years:
            shutil.copy(source / f"{year}.csv", tmp_path / "data" / district / f"{year}.csv")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def restamp(path: Path, old: str, new: str) -> None:
    """The form's plan columns (the plan it names, on every row) with `old` made `new`."""
    text = path.read_text("utf-8-sig")
    assert text.count(f",{old}\n") == text.count("\n") - 1, text[:200]
    path.write_text(text.replace(f",{old}\n", f",{new}\n"), "utf-8-sig")


def test_two_districts_in_one_run_each_judged_against_its_own_plan(cli, city: Path) -> None:
    files = ["data/riverside/2017.csv", "data/riverside/2018.csv", "data/dadukou/2022.csv", "data/dadukou/2023.csv"]
    run = as_json(cli("evaluate", *files, "--plans", "plans", "--fail-on", "warning", "-f", "json"))
    judged = {f["source"]["file"]: f for f in run["files"]}
    assert {f: judged[f]["plan"]["id"] for f in files} == {
        "data/riverside/2017.csv": "riverside-schools-13th",
        "data/riverside/2018.csv": "riverside-schools-13th",
        "data/dadukou/2022.csv": "dadukou-education-14th-fyp",
        "data/dadukou/2023.csv": "dadukou-education-14th-fyp",
    }
    assert {f["source"]["plan_from"] for f in run["files"]} == {"folder"}  # no file names its plan: by its folder
    assert run["plan"]["id"] == "riverside-schools-13th"  # the first file's; each file names its own
    # each year's year before is its own district's
    assert judged["data/riverside/2018.csv"]["year_before"]["file"] == "data/riverside/2017.csv"
    assert judged["data/dadukou/2023.csv"]["year_before"]["file"] == "data/dadukou/2022.csv"
    # the same verdicts as a run of the riverside plan alone
    alone = as_json(cli("evaluate", *files[:2], "--plan", "plans/riverside", "--fail-on", "warning", "-f", "json"))
    assert [f["summary"] for f in alone["files"]] == [judged[f]["summary"] for f in files[:2]]
    assert [f["indicators"] for f in alone["files"]] == [judged[f]["indicators"] for f in files[:2]]
    # the run's exit is the worst of its files' (a riverside file passes, the Dadukou ones warn)
    codes = [f["exit_code"] for f in run["files"]]
    assert 0 in codes and run["exit_code"] == max(codes) == 1
    table = cli("validate", *files, "--plans", "plans", "--lang", "zh")
    assert table.exit_code == 0, table.stderr
    assert "data/riverside/2017.csv — 年份 2017" in table.stdout
    assert "按所在目录名选用规划 riverside-schools-13th v1.0.0" in table.stdout
    # a unit belongs to one plan's map: grouping two plans' files by unit is refused, naming both plans
    grouped = cli("evaluate", *files, "--plans", "plans", "--by-unit", "--lang", "zh")
    assert grouped.exit_code == 2
    assert "--by-unit 按一个规划的责任单位分组，这些文件分属 2 个规划" in grouped.stderr
    assert "riverside-schools-13th、dadukou-education-14th-fyp" in grouped.stderr


def test_template_fill_evaluate_carries_the_plan_through_csv_and_xlsx(cli, city: Path) -> None:
    # files in folders named like no plan: their plan comes from the form alone
    (city / "data" / "elsewhere").mkdir()
    csv_form, xlsx_form = Path("data/elsewhere/2019.csv"), Path("data/elsewhere/2024.xlsx")
    assert cli("template", "2019", "--plan", "plans/riverside", "--example", "-o", csv_form).exit_code == 0
    header, first = csv_form.read_text("utf-8-sig").splitlines()[:2]
    assert header == "year,id,name,unit,value,note,plan,plan_version"
    assert first.endswith(",riverside-schools-13th,1.0.0")
    assert cli("template", "2024", "--plan", "plans/dadukou", "--example", "-o", xlsx_form).exit_code == 0
    result = cli("evaluate", csv_form, xlsx_form, "--plans", "plans", "-f", "json")
    assert result.exit_code == 0, result.stderr
    run = json.loads(result.stdout)
    sources = [f["source"] for f in run["files"]]
    assert [(f["plan"]["id"], f["summary"]["fail"]) for f in run["files"]] == [
        ("riverside-schools-13th", 0),
        ("dadukou-education-14th-fyp", 0),
    ]
    assert [s["plan_from"] for s in sources] == ["form", "form"]
    assert sources[0]["form_plan"] == {
        "id": "riverside-schools-13th",
        "version": "1.0.0",
        "line": 2,
        "sheet": None,
        "column": 7,
    }
    assert sources[1]["form_plan"] == {
        "id": "dadukou-education-14th-fyp",
        "version": BUNDLED_VERSION,
        "line": 2,
        "sheet": "填写说明",
        "column": 2,
    }
    # the plan's columns are known ones: nothing is said about them
    assert [n for f in run["files"] for n in f["notices"]] == []
    # a form naming a plan the folder does not hold is named at that cell, by the label the sheet gives it
    import openpyxl

    book = openpyxl.load_workbook(xlsx_form)
    book["填写说明"]["B2"] = "hillside-schools-14th"
    book.save(xlsx_form.with_name("2023.xlsx"))
    unknown = cli("evaluate", xlsx_form.with_name("2023.xlsx"), "--plans", "plans")
    assert unknown.exit_code == 2
    assert "data/elsewhere/2023.xlsx 填写说明!B2 [规划编号]: error: the form names plan hillside-schools-14th" in (
        unknown.stderr
    )
    table = cli("evaluate", csv_form, "--plans", "plans").stdout
    assert (
        "File: data/elsewhere/2019.csv (encoding utf-8-sig, year from year column) · "
        "plan riverside-schools-13th v1.0.0 named in the form (data/elsewhere/2019.csv:2)"
    ) in table


def test_a_plan_not_in_the_folder_and_a_file_naming_none_are_errors(cli, city: Path) -> None:
    form = Path("data/riverside/2019.csv")
    assert cli("template", "2019", "--plan", "plans/riverside", "-o", form).exit_code == 0
    restamp(form, "riverside-schools-13th,1.0.0", "hillside-schools-14th,1.0.0")
    loose = Path("2018.csv")  # in a folder named like no plan, naming none
    shutil.copy(RIVERSIDE / "data" / "2018.csv", loose)
    result = cli("evaluate", form, loose, "data/riverside/2017.csv", "--plans", "plans", "--lang", "zh", "-f", "json")
    assert result.exit_code == 2
    run = json.loads(result.stdout)
    assert [f["source"]["file"] for f in run["files"]] == ["data/riverside/2017.csv"]  # the others still judged
    unknown, unnamed = run["errors"]
    assert (unknown["code"], unknown["file"], unknown["line"], unknown["column_number"], unknown["value"]) == (
        "input.unknown_plan",
        "data/riverside/2019.csv",
        2,
        7,
        "hillside-schools-14th",
    )
    for words in ("hillside-schools-14th", "dadukou-education-14th-fyp", "riverside-schools-13th"):
        assert words in unknown["message"] and words in unknown["message_zh"]
    assert "is not in plans" in unknown["message"] and "不在 plans 中" in unknown["message_zh"]
    assert (unnamed["code"], unnamed["file"]) == ("input.no_plan_named", "2018.csv")
    assert "dadukou、riverside" in unnamed["message_zh"] and "dadukou, riverside" in unnamed["message"]
    assert "data/riverside/2019.csv:2 [plan]：错误：本表注明的规划 hillside-schools-14th 不在 plans 中" in result.stderr


def test_a_form_of_another_version_is_said_and_another_plan_never_pairs(cli, city: Path) -> None:
    form = Path("data/riverside/2019.csv")
    assert cli("template", "2019", "--plan", "plans/riverside", "--example", "-o", form).exit_code == 0
    restamp(form, "riverside-schools-13th,1.0.0", "riverside-schools-13th,0.9.0")
    ev = as_json(cli("evaluate", form, "--plans", "plans", "-f", "json"))["files"][0]
    (said,) = [n for n in ev["notices"] if n["code"] == "notice.plan_version_differs"]
    assert (said["line"], said["column_number"], said["value"]) == (2, 7, "0.9.0")
    assert "version 0.9.0" in said["message"] and "version 1.0.0" in said["message"]
    assert "0.9.0 版" in said["message_zh"] and "1.0.0 版" in said["message_zh"]
    # read against another plan (the bundled one, no --plan): its problems come with whose form it is
    other = as_json(cli("validate", form, "-f", "json"))
    assert other["errors"][-1]["code"] == "input.form_of_other_plan"
    assert (
        "made for plan riverside-schools-13th, not for plan dadukou-education-14th-fyp"
        in (other["errors"][-1]["message"])
    )
    # a row copied in from another plan's form: the file holds one plan's rows
    lines = form.read_text("utf-8-sig").splitlines()
    lines[-1] = lines[-1].replace("riverside-schools-13th", "hillside-schools-14th")
    Path("mixed-2019.csv").write_text("\n".join(lines) + "\n", "utf-8")
    mixed = as_json(cli("validate", "mixed-2019.csv", "--plan", "plans/riverside", "-f", "json"))
    assert [(e["code"], e["line"], e["value"]) for e in mixed["errors"]] == [
        ("input.mixed_plans", len(lines), "hillside-schools-14th")
    ]
    # --plan with --plans: one of them would be ignored, so neither is taken (exit 2, nothing judged)
    both = cli("evaluate", form, "--plan", "plans/riverside", "--plans", "plans")
    assert both.exit_code == 2 and both.stdout == ""
    assert "--plans: error: --plan plans/riverside and --plans plans name two ways of choosing the plan" in both.stderr
    # the year before (2018, in the same folder) was filled for another plan: not paired
    restamp(form, "riverside-schools-13th,0.9.0", "riverside-schools-13th-draft,1.0.0")
    twin = Path("data/riverside/2018.csv")
    twin.write_text("plan id,riverside-schools-13th\n" + twin.read_text("utf-8"), "utf-8")
    run = as_json(cli("evaluate", twin, form, "--plan", "plans/riverside", "-f", "json"))
    assert [f["plan"]["id"] for f in run["files"]] == ["riverside-schools-13th"] * 2
    later = run["files"][1]
    assert later["year_before"]["file"] is None
    assert (
        "was made for plan riverside-schools-13th, data/riverside/2019.csv for plan riverside-schools-13th-draft"
        in (later["year_before"]["reason"])
    )
    assert [n["code"] for n in later["notices"]] == ["notice.plan_other"]
    # a series is one plan's: trend over the files of two plans is refused, naming them
    mixed = cli("trend", "data/riverside/2017.csv", "data/dadukou/2022.csv", "--plans", "plans")
    assert mixed.exit_code == 2 and "these files are of 2 plans" in mixed.stderr


def test_a_form_of_another_plan_is_refused_unless_that_plan_was_chosen(cli, tmp_path: Path) -> None:
    """Without --plan the bundled plan is nobody's choice for another district's form: refused at the cell that
    names its plan, exit 2. With --plan (a plan of the user's) the form is judged as asked, with a notice."""
    form = cli("template", "2023", "--example")
    assert form.exit_code == 0
    lines = form.stdout.lstrip("\ufeff").splitlines()
    assert lines[0].endswith(",plan,plan_version")
    other = tmp_path / "other-2023.csv"
    other.write_text("\n".join(line.replace("dadukou-education-14th-fyp", "jiangbei-education-14th-fyp")
                               for line in lines) + "\n", encoding="utf-8")
    refused = cli("evaluate", str(other), "--lang", "en")
    assert refused.exit_code == 2
    assert "other-2023.csv:2 [plan]: error: the form was made for plan jiangbei-education-14th-fyp" in refused.output
    mine = tmp_path / "plans" / "mine"
    shutil.copytree(ROOT / "plan", mine)
    judged = cli("evaluate", str(other), "--plan", str(mine), "--lang", "en")
    assert judged.exit_code == 0, judged.output
    said = "the form was made for plan jiangbei-education-14th-fyp"
    assert said in judged.output and "as the run asks" in judged.output


def test_another_plans_form_is_refused_once_and_its_figures_are_not_slips(cli, tmp_path: Path) -> None:
    """Jiangbei's own 17.4 万人 is no slip against Dadukou's 1.47: the refused form's rows are not measured against
    this plan. Under --combine a part naming another plan is refused whichever file comes first."""
    f = tmp_path / "jiangbei-2023.csv"
    f.write_text("year,id,value,plan,plan_version\n2023,preschool.enrolment,17.4,jiangbei-education-14th-fyp,1.0\n",
                 encoding="utf-8")
    refused = cli("evaluate", f, "--lang", "en")
    assert refused.exit_code == 2 and "1 problem(s)" in refused.output and "已核实" not in refused.output
    ours = tmp_path / "a-2023.csv"
    ours.write_text("year,id,value,plan,plan_version\n2023,preschool.enrolment,1.74,dadukou-education-14th-fyp,1.1.2\n",
                    encoding="utf-8")
    theirs = tmp_path / "b-2023.csv"
    theirs.write_text("year,id,value,plan,plan_version\n"
                      "2023,text.finance.budget_education_spending,99999,jiangbei-education-14th-fyp,1.0\n",
                      encoding="utf-8")
    for order in ((ours, theirs), (theirs, ours)):
        combined = cli("evaluate", "--combine", *order, "--lang", "en")
        assert combined.exit_code == 2, combined.output
        assert f"{theirs}:2 [plan]: error: the form was made for plan jiangbei-education-14th-fyp" in combined.output
