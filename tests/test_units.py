"""Who answers for what (docs/plan-format.md#who-answers-for-what): the plan's responsibility map (plan/units.yaml)
checked as it is loaded, a unit's own form (`template --unit`), results grouped by unit (`evaluate --by-unit`,
`report --by-unit`) and a unit's form that fills another unit's rows (a warning under --combine)."""

from __future__ import annotations

import csv
import io
import re
import shutil
from pathlib import Path

import openpyxl
import pytest

from conftest import DATA, ROOT, as_json, by_id, one_file
from planchk.cjk import cells
from planchk.plan.model import Plan

YEAR = 2023
UNITS = ROOT / "plan" / "units.yaml"
HEADER = UNITS.read_text(encoding="utf-8").split("\nunits:\n")[0]  # the file's comments and keys before its units


@pytest.fixture(scope="module")
def plan_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the bundled plan whose units.yaml each test writes."""
    directory = tmp_path_factory.mktemp("units") / "plan"
    shutil.copytree(ROOT / "plan", directory)
    return directory


def write_units(directory: Path, units: str, header: str = HEADER) -> Path:
    (directory / "units.yaml").write_text(header + "\nunits:\n" + units, encoding="utf-8")
    return directory


def mine(plan: Plan, unit: str) -> set[str]:
    assert plan.units is not None
    return {id_ for id_, owner in plan.units.owner.items() if owner == unit}


# ── the map, checked as the plan is loaded ──────────────────────────────────────────────────────────────
BROKEN = """\
  - id: personnel
    name: {zh: 人事科, en: Personnel Office}
    answers_for: [box6, text.teacher]
  - id: inspectorate
    name: {zh: 教育督导室, en: Education Inspectorate}
    answers_for: [text.evaluation, box6]
"""


def test_an_unknown_id_and_an_id_given_twice_are_errors_at_their_lines(cli, plan_copy: Path) -> None:
    write_units(plan_copy, BROKEN, HEADER.replace('version: "1.1.2"', 'version: "1.0.0"'))
    start = HEADER.count("\n") + 2  # the line of `units:`
    result = cli("plan", "check", plan_copy, "--lang", "zh")
    assert result.exit_code == 2
    shown = result.stderr
    assert f"units.yaml:{start + 3}" in shown and "「text.teacher」不是本规划的编号" in shown, shown
    assert f"units.yaml:{start + 6}" in shown and "「box6」同时分给了「教育督导室」和「人事科」" in shown, shown
    assert "对应规划版本 1.0.0，而规划为 1.1.2" in shown, shown
    english = cli("plan", "check", plan_copy, "--lang", "en").stderr
    assert "'text.teacher' is no id of the plan" in english and "'box6' is given to 教育督导室 and to 人事科" in english


def test_a_misspelt_key_and_a_unit_listed_twice_are_errors(cli, plan_copy: Path) -> None:
    write_units(plan_copy, BROKEN.replace("answers_for: [text.evaluation, box6]", "answer_for: [text.evaluation]"))
    assert "answer_for" in cli("plan", "check", plan_copy).stderr
    twice = BROKEN.replace("id: inspectorate", "id: personnel").replace(", box6]", "]")
    result = cli("plan", "check", write_units(plan_copy, twice))
    assert result.exit_code == 2 and "unit 'personnel' is listed twice" in result.stderr, result.stderr


def test_the_most_specific_id_wins_and_a_default_takes_the_rest(plan: Plan, plan_copy: Path) -> None:
    from planchk.plan.load import load_plan

    # the bundled map: box6 is the personnel office's, its sub-plan box6.2 the college's
    assert plan.units is not None and plan.units.illustrative
    items = {s.id: {i.id for i in s.items} for p in plan.programmes for s in p.subplans}
    assert items["box6.2"] <= mine(plan, "teachers_college") and items["box6.1"] <= mine(plan, "personnel")
    assert set(plan.units.unassigned) == items["text.governance"]  # left without a unit, and said so
    two = """\
  - id: personnel
    name: {zh: 人事科, en: Personnel Office}
    answers_for: [box6]
  - id: inspectorate
    name: {zh: 教育督导室, en: Education Inspectorate}
    answers_for: [text.evaluation]
"""
    with_default = load_plan(write_units(plan_copy, two, HEADER + "\ndefault: personnel"))
    assert with_default.units is not None and with_default.units.unassigned == []
    rows = len(plan.indicators) + len(plan.item_by_id)
    named = len(items["box6.1"] | items["box6.2"] | items["text.evaluation"])
    assert with_default.units.by_default == rows - named


def test_plan_check_and_plan_show_say_how_many_rows_have_no_unit(cli, plan: Plan) -> None:
    assert plan.units is not None
    n, rows = len(plan.units.unassigned), len(plan.indicators) + len(plan.item_by_id)
    assert n > 0
    checked = cli("plan", "check", "--lang", "zh")
    assert checked.exit_code == 0
    assert f"{rows} 个指标和事项中 {n} 个没有责任单位" in re.sub(r"\n\s*", "", checked.stdout), checked.stdout
    shown = cli("plan", "show", "--lang", "en").stdout
    assert f"responsibility map (illustrative): 9 units, {n} of {rows} indicators and items have no unit" in shown


# ── a unit's form ─────────────────────────────────────────────────────────────────────────────────────
def test_a_units_form_holds_its_rows_only_in_csv_and_xlsx(cli, plan: Plan, tmp_path: Path) -> None:
    everything = cli("template", str(YEAR))
    own = cli("template", str(YEAR), "--unit", "人事科")
    assert own.exit_code == 0
    ids = [row["id"] for row in csv.DictReader(io.StringIO(own.stdout.lstrip("\ufeff")))]
    all_ids = [row["id"] for row in csv.DictReader(io.StringIO(everything.stdout.lstrip("\ufeff")))]
    due = set(all_ids) & mine(plan, "personnel")
    assert ids and set(ids) == due, set(ids) ^ due
    assert [i for i in all_ids if i in set(ids)] == ids  # in the plan's order
    assert cli("template", str(YEAR), "--unit", "Personnel Office").stdout == own.stdout  # by English name, by id
    form = tmp_path / "2023-人事科.xlsx"
    assert cli("template", str(YEAR), "--unit", "personnel", "-o", form).exit_code == 0
    book = openpyxl.load_workbook(form)
    in_book = [row[1] for sheet in book.worksheets[1:] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert in_book == ids and "专栏1" not in book.sheetnames  # the office reports no indicator


def test_an_unknown_unit_names_the_units_there_are(cli) -> None:
    zh = cli("template", str(YEAR), "--unit", "人事处", "--lang", "zh")
    assert zh.exit_code == 2 and zh.stdout == ""
    assert "没有「人事处」；现有单位：党建工作科（party）、" in zh.stderr and "人事科（personnel）" in zh.stderr
    # a command line that cannot run is said so, not as an input named by the option that "was not judged"
    assert zh.stderr.rstrip().endswith("planchk：命令行有 1 个问题，未作评估（退出码 2）。"), zh.stderr
    en = cli("template", str(YEAR), "--unit", "HR", "--lang", "en")
    assert en.exit_code == 2 and "no unit 'HR'" in en.stderr and "Personnel Office (personnel)" in en.stderr
    assert "problem(s) with the command line; nothing was judged" in en.stderr


def test_a_plan_without_a_map_cannot_group_by_unit(cli) -> None:
    riverside = ROOT / "tests" / "fixtures" / "plans" / "riverside"
    result = cli("template", "2027", "--plan", riverside, "--unit", "x")
    assert result.exit_code == 2 and "has no responsibility map" in result.stderr, result.stderr


# ── results by unit ───────────────────────────────────────────────────────────────────────────────────
@pytest.fixture(scope="module")
def grouped() -> dict:
    """`evaluate data/2023.csv --by-unit --format json`, once for the module."""
    from typer.testing import CliRunner

    from planchk.cli.app import app

    result = CliRunner().invoke(app, ["evaluate", str(DATA / f"{YEAR}.csv"), "--by-unit", "-f", "json", "--lang", "en"])
    return one_file(result)


def test_each_unit_counts_its_own_rows_and_lags_first(grouped: dict, plan: Plan) -> None:
    rows = [*grouped["indicators"], *(i for p in grouped["programmes"] for i in p["items"])]
    assert all(r["responsible_unit"] == (plan.units.owner.get(r["id"]) if plan.units else None) for r in rows)
    units = grouped["units"]
    for unit in units:
        own = [r for r in rows if r["responsible_unit"] == unit["id"]]
        assert unit["rows"] == len(own)
        for status in ("pass", "fail", "missing", "not_due", "cannot_judge"):
            assert unit["summary"][status] == sum(r["status"] == status for r in own), (unit["id"], status)
        failing = [r["id"] for r in own if r["status"] == "fail"]
        assert unit["lagging"] == failing + [r["id"] for r in own if r["status"] == "missing"]
    for status in ("pass", "fail", "missing"):  # every row counted once
        assert sum(u["summary"][status] for u in units) == grouped["summary"][status]
    named = [u for u in units if u["id"] is not None]
    assert [(u["summary"]["fail"], u["summary"]["missing"]) for u in named] == sorted(
        ((u["summary"]["fail"], u["summary"]["missing"]) for u in named), reverse=True
    )
    assert units[-1]["id"] is None and units[-1]["name"] == "No unit" and named[0]["summary"]["fail"] > 0


def test_the_table_by_unit_fits_80_columns_in_both_languages(cli, grouped: dict, monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    lagging = [id_ for unit in grouped["units"] for id_ in unit["lagging"]]
    first = grouped["units"][0]
    fail, missing = first["summary"]["fail"], first["summary"]["missing"]
    for lang, heading, no_unit, lags in (
        ("zh", "按责任单位", "无责任单位", f"德育与体卫艺科：未达标 {fail}，缺报 {missing}"),
        ("en", "By unit", "No unit", f"{first['name']}: {fail} failing, {missing} missing"),
    ):
        result = cli("evaluate", DATA / f"{YEAR}.csv", "--by-unit", "--lang", lang)
        text = result.stdout
        assert result.exit_code == 0 and heading in text and no_unit in text and lags in text
        assert max(cells(line) for line in text.splitlines()) <= 80
        words = set(text.split())
        assert all(id_ in words for id_ in lagging), [i for i in lagging if i not in words]  # never cut


def test_the_report_groups_by_unit_in_markdown_and_html(cli, grouped: dict) -> None:
    report = cli("report", DATA / f"{YEAR}.csv", "--by-unit")
    assert report.exit_code == 0
    section = report.stdout.split("## 按责任单位")[1].split("\n## ")[0]
    first = grouped["units"][0]
    counts = first["summary"]
    row = f"| 德育与体卫艺科 | {first['rows']} | {counts['pass']} | {counts['fail']} | {counts['missing']} |"
    assert row in section, section
    assert f"**德育与体卫艺科：未达标 {counts['fail']}，缺报 {counts['missing']}**" in section
    assert all(f"`{id_}`" in section for id_ in first["lagging"])
    english = cli("report", DATA / f"{YEAR}.csv", "--by-unit", "--lang", "en", "-f", "html").stdout
    assert "<h2>By unit</h2>" in english and f"{first['name']}: {counts['fail']} failing" in english
    assert "按责任单位" not in cli("report", DATA / f"{YEAR}.csv").stdout  # only when asked


# ── forms of several units joined ─────────────────────────────────────────────────────────────────────
def test_a_row_filled_in_another_units_form_is_a_warning(cli, plan: Plan, tmp_path: Path) -> None:
    figures = {r["id"]: r["value"] for r in csv.DictReader((DATA / f"{YEAR}.csv").open(encoding="utf-8-sig"))}
    forms = []
    for unit in ("personnel", "inspectorate"):
        text = cli("template", str(YEAR), "--unit", unit).stdout.lstrip("\ufeff")
        forms.append(list(csv.DictReader(io.StringIO(text))))
    stray = next(r for r in forms[1] if figures.get(r["id"]))  # an inspectorate row, filled by personnel
    forms[1].remove(stray)
    forms[0].append(stray)
    paths = []
    for name, rows in zip(("2023-人事科.csv", "2023-inspectorate.csv"), forms, strict=True):
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=list(forms[0][0]))  # the form's own columns, its plan's too
        writer.writeheader()
        writer.writerows({**r, "value": figures.get(r["id"], "")} for r in rows)
        (tmp_path / name).write_text(out.getvalue(), encoding="utf-8")
        paths.append(tmp_path / name)
    result = cli("evaluate", "--combine", *paths, "-f", "json", "--lang", "zh")
    notices = [n for n in one_file(result)["notices"] if n["code"] == "notice.unit_row_not_its_own"]
    assert len(notices) == 1, notices
    assert notices[0]["file"].endswith("2023-人事科.csv") and notices[0]["line"] == len(forms[0]) + 1
    assert f"「{stray['id']}」由「人事科」填报" in notices[0]["message_zh"]
    assert "由「教育督导室」负责" in notices[0]["message_zh"]
    assert by_id(one_file(result))[stray["id"]]["actual"] is not None  # still read: a warning, not a refusal
    assert as_json(result)["errors"] == []


def test_the_units_schema_is_committed_and_named_by_the_bundled_map(cli) -> None:
    import json

    committed = json.loads((ROOT / "schemas" / "units.schema.json").read_text(encoding="utf-8"))
    regenerate = "run: planchk schema units -o schemas/units.schema.json"
    assert json.loads(cli("schema", "units").stdout) == committed, regenerate
    first = UNITS.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../schemas/units.schema.json"
    assert "ILLUSTRATIVE" in HEADER  # the bundled map says what it is
