"""A second, invented plan through the real CLI: nothing about the bundled Dadukou plan may be hard-coded.

The fixture (tests/fixtures/plans/riverside/) is the FICTIONAL "Riverside County School Plan 2016–2020":
another period (2016–2020, baseline 2015), no mid-period milestone, falling targets ("<="), a binding
rate, a "其中" pair, and programmes with every measure. Every run passes `--plan` explicitly.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
from pathlib import Path

import pytest

from conftest import as_json, by_id, one_file, write_csv
from planchk.plan.load import load_plan
from planchk.plan.model import Plan

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "plans" / "riverside"
SAMPLES = FIXTURE / "data"
SOURCE = FIXTURE / "source.zh.txt"
PLAN_ID = "riverside-schools-13th"

INDICATOR_IDS = ["students.enrolment", "students.primary_enrolment", "students.junior_enrolment",
                 "schools.average_class_size", "schools.dropout_rate"]
# box2.1.certified_rate (持证上岗率 100 %) is a standing obligation: on every year's form, judged every year.
ITEM_ROWS = [
    "box1.1.new_schools", "box1.1.enlarged_schools", "box1.1.key_schools.hexi_primary",
    "box1.1.key_schools.binjiang_middle", "box1.1.key_schools.north_bank_school", "box1.2.activity_centre",
    "box1.2.smart_classrooms", "box2.1.key_teachers", "box2.1.subject_leaders", "box2.1.degree_rate",
    "box2.1.certified_rate", "box2.2.education_spending", "box2.2.model_schools",
]

# Dropout rate (binding, "<="): 1.2 in 2015 → 0.5 in 2020; the path, 4 decimals.
DROPOUT_PATH = {2016: 1.06, 2017: 0.92, 2018: 0.78, 2019: 0.64, 2020: 0.5}


@pytest.fixture(scope="module")
def rplan() -> Plan:
    return load_plan(FIXTURE)


def run_json(cli, *args: str | Path) -> tuple[int, dict]:
    """The exit code and the one file's evaluation of a single-file run."""
    result = cli("evaluate", *args, "--plan", FIXTURE, "--format", "json")
    assert as_json(result)["exit_code"] == result.exit_code
    return result.exit_code, one_file(result)


def failed(report: dict) -> set[str]:
    return {k for k, r in by_id(report).items() if r["status"] == "fail"}


def read_template(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))


# ── the plan itself ────────────────────────────────────────────────────────────────────────────
def test_fixture_plan_loads_with_its_own_period(rplan: Plan) -> None:
    meta = rplan.meta
    assert (meta.id, meta.version) == (PLAN_ID, "1.0.0")
    assert (meta.period_start, meta.period_end, meta.baseline_year) == (2016, 2020, 2015)
    assert [c.id for c in rplan.categories] == ["students", "schools"]
    assert [i.id for i in rplan.indicators] == INDICATOR_IDS
    # no mid-period milestone: one target each, in 2020, from a 2015 baseline
    assert all(len(i.targets) == 1 and i.final.year == 2020 and i.baseline.year == 2015 for i in rplan.indicators)
    assert {i.id for i in rplan.indicators if i.final.comparator == "<="} == {
        "schools.average_class_size", "schools.dropout_rate"}
    assert [i.id for i in rplan.indicators if i.attribute == "binding"] == ["schools.dropout_rate"]
    assert rplan.parts_of == {"students.enrolment": ["students.primary_enrolment", "students.junior_enrolment"]}
    assert [p.id for p in rplan.programmes] == ["box1", "box2"]
    assert {i.due for p in rplan.programmes for i in p.items()} == {2020}
    assert {i.measure for p in rplan.programmes for i in p.items()} == {
        "count", "range", "completion", "named_list", "vague_batch", "rate", "non_decreasing"}
    assert [c.id for c in rplan.conflicts] == ["new_schools_total"]


def test_the_parts_add_up_in_the_plan(rplan: Plan) -> None:
    ind = rplan.indicator_by_id
    parts = rplan.parts_of["students.enrolment"]
    assert sum(ind[p].baseline.value for p in parts) == pytest.approx(ind["students.enrolment"].baseline.value)
    assert sum(ind[p].final.value for p in parts) == pytest.approx(ind["students.enrolment"].final.value)


def test_the_fixture_says_it_is_fictional() -> None:
    for name in ("targets.yaml", "projects.yaml"):
        assert "FICTIONAL" in "".join((FIXTURE / name).read_text(encoding="utf-8").splitlines()[:3]), name
    assert "虚构" in SOURCE.read_text(encoding="utf-8")


def squash(text: str) -> str:
    return re.sub(r"[\s|]", "", text)


def test_every_indicator_quote_is_a_row_of_the_source_table(rplan: Plan) -> None:
    source = squash(SOURCE.read_text(encoding="utf-8"))
    for ind in rplan.indicators:
        assert ind.source.box == "表1", ind.id
        assert squash(ind.source.quote) in source, ind.id
        # the quoted cells are the encoded numbers: name | 2015 | 2020 as written | attribute
        _, base, final, attribute = (c.strip() for c in ind.source.quote.split("|"))
        assert float(base) == ind.baseline.value, ind.id
        assert final == ind.final.as_written, ind.id
        assert attribute == {"binding": "约束性", "indicative": "预期性"}[ind.attribute], ind.id


def test_every_programme_and_conflict_quote_is_in_the_source(rplan: Plan) -> None:
    source = SOURCE.read_text(encoding="utf-8")
    quotes = []
    for programme in rplan.programmes:
        for item in programme.items():
            quotes += [item.quote, *([item.baseline_quote] if item.baseline_quote else [])]
            quotes += [e.quote for e in item.entries if e.quote]
    quotes += [s.quote for c in rplan.conflicts for s in c.sources]
    assert len(quotes) == 17  # 11 items, 1 baseline quote, 3 entries, 2 conflict sources
    assert [q for q in quotes if q not in source] == []


def test_plan_show(cli) -> None:
    result = cli("plan", "show", "--plan", FIXTURE)
    assert result.exit_code == 0
    out = result.stdout
    assert f"Riverside County School Plan 2016–2020 (fictional) · {PLAN_ID} v1.0.0" in out
    assert "2015: 52; 2020: <= 45 (≤45)" in out
    assert "School construction programme" in out and "Education quality programme" in out
    assert "Number of new schools" in out and "新建学校5所以上" in out


def test_the_bundled_plan_does_not_read_the_fixture_data(cli) -> None:
    """Without --plan the Dadukou plan is used: a Riverside file is bad input there (proves --plan matters)."""
    result = cli("evaluate", SAMPLES / "2018.csv")
    assert result.exit_code == 2
    assert "outside the plan period 2021-2025" in result.stderr
    assert "unknown id 'schools.average_class_size'" in result.stderr


# ── template ───────────────────────────────────────────────────────────────────────────────────
@pytest.mark.parametrize(("year", "items"), [(2017, ITEM_ROWS), (2020, ITEM_ROWS)])
def test_template_rows(cli, tmp_path: Path, year: int, items: list[str]) -> None:
    out = tmp_path / f"{year}.csv"
    result = cli("template", str(year), "--plan", FIXTURE, "-o", out)
    assert result.exit_code == 0
    rows = read_template(out)
    assert [r["id"] for r in rows] == INDICATOR_IDS + items
    assert {r["year"] for r in rows} == {str(year)}
    assert {r["value"] for r in rows} == {""}
    names = {r["id"]: (r["name"], r["unit"]) for r in rows}
    assert names["schools.average_class_size"] == ("平均班额", "人/班")
    assert names["box1.1.key_schools.binjiang_middle"] == ("滨江中学", "")
    assert "box1.1.key_schools" not in names  # a named list is reported entry by entry


def test_sample_files_cover_exactly_the_template_rows(cli, tmp_path: Path) -> None:
    for year, items in ((2017, ITEM_ROWS), (2018, ITEM_ROWS), (2020, ITEM_ROWS)):
        rows = list(csv.DictReader(io.StringIO((SAMPLES / f"{year}.csv").read_text(encoding="utf-8"))))
        assert [r["id"] for r in rows] == INDICATOR_IDS + items, year


@pytest.mark.parametrize("year", [2021, 2015])
def test_template_outside_the_period_is_exit_2(cli, year: int) -> None:
    result = cli("template", str(year), "--plan", FIXTURE)
    assert result.exit_code == 2
    assert f"{year} is outside the plan period 2016-2020" in result.stderr


@pytest.mark.parametrize("year", [2016, 2017, 2018, 2019, 2020])
def test_template_example_then_evaluate_passes_everything(cli, tmp_path: Path, year: int) -> None:
    out = tmp_path / f"{year}.csv"
    assert cli("template", str(year), "--plan", FIXTURE, "--example", "-o", out).exit_code == 0
    code, report = run_json(cli, out, "--strict")
    assert code == 0 and report["exit_code"] == 0
    assert (report["plan"]["id"], report["plan"]["version"]) == (PLAN_ID, "1.0.0") and report["year"] == year
    s = report["summary"]
    assert (s["fail"], s["missing"], s["errors"], s["warnings"]) == (0, 0, 0, 0)
    # one file alone cannot judge the year-over-year rule; the standing 持证上岗率 is judged every year
    assert s["cannot_judge"] == 1
    assert s["not_due"] == 0
    assert s["pass"] == 15
    assert all(r["status"] == "pass" for r in report["indicators"])
    assert report["consistency"] == []


def test_template_example_2020_has_the_plan_values(cli, tmp_path: Path) -> None:
    out = tmp_path / "2020.csv"
    cli("template", "2020", "--plan", FIXTURE, "--example", "-o", out)
    values = {r["id"]: r["value"] for r in read_template(out)}
    assert values["schools.average_class_size"] == "45" and values["schools.dropout_rate"] == "0.5"
    assert values["box2.1.subject_leaders"] == "31"  # 30余名: the plan's own 30 would not pass ">"
    assert values["box1.1.enlarged_schools"] == "4" and values["box2.1.certified_rate"] == "100"
    assert values["box1.1.key_schools.hexi_primary"] == "done"


# ── the sample years ───────────────────────────────────────────────────────────────────────────
def test_sample_2017_is_on_track(cli) -> None:
    code, report = run_json(cli, SAMPLES / "2017.csv")
    assert code == 0
    assert report["plan"]["id"] == PLAN_ID and report["year"] == 2017
    r = by_id(report)
    expected = {"students.enrolment": 12.6, "students.primary_enrolment": 7.96, "students.junior_enrolment": 4.64,
                "schools.average_class_size": 49.2, "schools.dropout_rate": 0.92}
    assert {k: r[k]["expected"] for k in expected} == expected
    assert {r[k]["expected_kind"] for k in expected} == {"interpolated"}
    assert all(r[k]["status"] == "pass" for k in expected)
    # items on the 2015 → 2020 time path: 2/5 of the time gone, whole units rounded down
    assert {k: r[k]["expected"] for k in ("box1.1.new_schools", "box1.1.enlarged_schools", "box1.2.smart_classrooms",
                                          "box2.1.key_teachers", "box2.1.subject_leaders", "box2.1.degree_rate",
                                          "box2.2.model_schools")} == {
        "box1.1.new_schools": 2, "box1.1.enlarged_schools": 1, "box1.2.smart_classrooms": 80,
        "box2.1.key_teachers": 8, "box2.1.subject_leaders": 12, "box2.1.degree_rate": 82.8,
        "box2.2.model_schools": 0}
    # a standing obligation: judged in 2017 against the full 100 %, like every year
    assert (r["box2.1.certified_rate"]["status"], r["box2.1.certified_rate"]["expected"]) == ("pass", 100)
    assert r["box2.2.education_spending"]["status"] == "cannot_judge"
    assert r["box1.1.key_schools"]["actual"] == "1/3" and r["box1.1.key_schools"]["status"] == "pass"
    assert report["summary"] == {"pass": 15, "fail": 0, "missing": 0, "not_due": 0, "cannot_judge": 1,
                                 "errors": 0, "warnings": 0}


def test_sample_2018_has_indicative_shortfalls_only(cli) -> None:
    code, report = run_json(cli, SAMPLES / "2018.csv")
    assert code == 0
    r = by_id(report)
    assert failed(report) == {
        "students.enrolment", "students.junior_enrolment", "schools.average_class_size",
        "box1.1.enlarged_schools", "box1.1.key_schools", "box1.1.key_schools.binjiang_middle",
        "box2.1.degree_rate", "box2.2.model_schools"}
    assert {r[k]["level"] for k in failed(report)} == {"warning"}
    assert r["schools.average_class_size"]["expected"] == 47.8  # 52 + (45 − 52) × 3/5
    assert r["schools.average_class_size"]["message"] == "48.3 does not meet ≤47.8"
    assert r["schools.dropout_rate"]["status"] == "pass" and r["schools.dropout_rate"]["expected"] == 0.78
    assert r["students.primary_enrolment"]["status"] == "pass"  # 8.15 ≥ 8.14
    # 左右: 110 of an expected 120 passes at ≥ 90 % (108)
    assert r["box1.2.smart_classrooms"]["expected"] == 120 and r["box1.2.smart_classrooms"]["status"] == "pass"
    assert r["box1.1.key_schools.binjiang_middle"]["message"] == "not started with 60% of the time gone"
    assert r["box2.2.model_schools"]["hedge"] == "力争"
    assert r["box2.2.education_spending"]["status"] == "cannot_judge"
    assert report["summary"]["errors"] == 0 and report["summary"]["warnings"] == 7
    assert report["consistency"] == []  # 8.15 + 4.65 = 12.8
    assert cli("evaluate", SAMPLES / "2018.csv", "--plan", FIXTURE, "--strict").exit_code == 1


def test_2018_judged_with_2017_sees_the_spending_fall(cli) -> None:
    result = cli("evaluate", SAMPLES / "2017.csv", SAMPLES / "2018.csv", "--plan", FIXTURE, "--format", "json")
    assert result.exit_code == 0
    report = as_json(result)
    assert [f["year"] for f in report["files"]] == [2017, 2018]
    spending = by_id(report["files"][1])["box2.2.education_spending"]
    assert (spending["status"], spending["expected"], spending["actual"]) == ("fail", 8.6, 8.4)
    assert by_id(report["files"][0])["box2.2.education_spending"]["status"] == "cannot_judge"


def test_sample_2020_final_year(cli) -> None:
    code, report = run_json(cli, SAMPLES / "2020.csv")
    assert code == 0
    r = by_id(report)
    assert {k: (r[k]["expected"], r[k]["expected_kind"], r[k]["status"]) for k in INDICATOR_IDS} == {
        "students.enrolment": (13.5, "milestone", "pass"), "students.primary_enrolment": (8.5, "milestone", "pass"),
        "students.junior_enrolment": (5, "milestone", "pass"),
        "schools.average_class_size": (45, "milestone", "pass"), "schools.dropout_rate": (0.5, "milestone", "pass")}
    assert r["schools.average_class_size"]["actual"] == 44.6
    assert failed(report) == {"box1.1.key_schools", "box1.1.key_schools.binjiang_middle", "box2.2.model_schools"}
    assert r["box1.1.key_schools.binjiang_middle"]["message"] == "due 2020, not done"
    assert (r["box2.1.subject_leaders"]["comparator"], r["box2.1.subject_leaders"]["status"]) == (">", "pass")
    assert r["box2.1.certified_rate"]["status"] == "pass"
    assert r["box1.1.enlarged_schools"]["expected"] == 4 and r["box1.1.enlarged_schools"]["status"] == "pass"
    assert report["summary"] == {"pass": 13, "fail": 2, "missing": 0, "not_due": 0, "cannot_judge": 1,
                                 "errors": 0, "warnings": 2}


def test_validate_the_samples(cli) -> None:
    result = cli("validate", *sorted(SAMPLES.glob("*.csv")), "--plan", FIXTURE)
    assert result.exit_code == 0
    assert result.stdout.count("✓ data usable") == 3


def test_table_output_of_a_sample(cli) -> None:
    result = cli("evaluate", SAMPLES / "2018.csv", "--plan", FIXTURE)
    assert result.exit_code == 0
    line = next(ln for ln in result.stdout.splitlines() if "Average class size" in ln)
    assert "≤47.8 interpolated" in line and "48.3" in line and "fail (warning)" in line
    assert "Plan compliance 2018 · riverside-schools-13th v1.0.0" in result.stdout


# ── the falling indicator ──────────────────────────────────────────────────────────────────────
@pytest.mark.parametrize(("year", "value", "expected", "status"), [
    (2016, 50.6, 50.6, "pass"),   # 52 + (45 − 52) × 1/5
    (2018, 47.8, 47.8, "pass"),   # 52 + (45 − 52) × 3/5: exactly on the path
    (2018, 46, 47.8, "pass"),     # ahead of the path
    (2018, 47.9, 47.8, "fail"),   # behind the path
    (2018, 53, 47.8, "fail"),     # rose above the 2015 baseline
    (2019, 46.4, 46.4, "pass"),
    (2020, 45, 45, "pass"),       # the final target, ≤45
    (2020, 45.1, 45, "fail"),
])
def test_falling_class_size(cli, tmp_path: Path, year: int, value: float, expected: float, status: str) -> None:
    f = write_csv(tmp_path / f"{year}.csv", {"schools.average_class_size": value,
                                             "schools.dropout_rate": DROPOUT_PATH[year]})
    code, report = run_json(cli, f)
    r = by_id(report)["schools.average_class_size"]
    assert (r["expected"], r["comparator"], r["status"]) == (expected, "<=", status)
    assert r["level"] == ("ok" if status == "pass" else "warning")
    assert code == 0  # indicative: never exit 1 on its own


def test_falling_progress_counts_the_fall(cli, tmp_path: Path) -> None:
    f = write_csv(tmp_path / "2018.csv", {"schools.average_class_size": 48.5, "schools.dropout_rate": 0.78})
    r = by_id(run_json(cli, f)[1])["schools.average_class_size"]
    assert r["progress"] == pytest.approx(0.5)  # 3.5 of the 7 to lose
    assert r["elapsed"] == pytest.approx(0.6)


# ── the binding indicator ──────────────────────────────────────────────────────────────────────
@pytest.mark.parametrize(("year", "value", "code", "status"), [
    (2017, 0.92, 0, "pass"), (2017, 0.93, 1, "fail"), (2018, 0.79, 1, "fail"), (2020, 0.5, 0, "pass"),
    (2020, 0.6, 1, "fail"), (2020, "", 1, "missing"),
])
def test_binding_dropout_rate(cli, tmp_path: Path, year: int, value: object, code: int, status: str) -> None:
    f = write_csv(tmp_path / f"{year}.csv", {"schools.dropout_rate": value, "schools.average_class_size": 40})
    result = cli("evaluate", f, "--plan", FIXTURE, "--format", "json")
    assert result.exit_code == code
    r = by_id(one_file(result))["schools.dropout_rate"]
    assert r["status"] == status
    assert r["level"] == ("ok" if status == "pass" else "error")
    assert r["expected"] == DROPOUT_PATH[year]


def test_binding_failure_in_a_table_is_exit_1(cli, tmp_path: Path) -> None:
    rows = {r["id"]: r["value"] for r in csv.DictReader(io.StringIO((SAMPLES / "2018.csv").read_text("utf-8")))}
    rows["schools.dropout_rate"] = "0.9"
    result = cli("evaluate", write_csv(tmp_path / "2018.csv", rows), "--plan", FIXTURE)
    assert result.exit_code == 1
    line = next(ln for ln in result.stdout.splitlines() if "Junior secondary dropout rate" in ln)
    assert "fail (error)" in line and "≤0.78" in line
    assert cli("evaluate", tmp_path / "2018.csv", "--plan", FIXTURE, "--fail-on", "never").exit_code == 0


# ── 其中 consistency ───────────────────────────────────────────────────────────────────────────
def test_parts_that_do_not_add_up_warn(cli, tmp_path: Path) -> None:
    f = write_csv(tmp_path / "2017.csv", {"students.enrolment": 13.0, "students.primary_enrolment": 8.0,
                                          "students.junior_enrolment": 4.7, "schools.dropout_rate": 0.9})
    code, report = run_json(cli, f)
    assert code == 0
    [c] = report["consistency"]
    assert (c["value"], c["level"], c["code"]) == ("students.enrolment", "warning", "parts-sum")
    assert (c["file"], c["line"]) == (str(f), 2)  # the total's line
    assert c["message"] == "8 + 4.7 = 12.7, but the total students.enrolment is 13 (line 2)"
    assert "8 + 4.7 = 12.7" in c["message_zh"] and "13" in c["message_zh"]


# ── the period ─────────────────────────────────────────────────────────────────────────────────
@pytest.mark.parametrize("year", [2021, 2015])
def test_year_outside_2016_2020_is_exit_2(cli, tmp_path: Path, year: int) -> None:
    f = tmp_path / f"{year}.csv"
    shutil.copy(SAMPLES / "2018.csv", f)
    result = cli("evaluate", f, "--plan", FIXTURE)
    assert result.exit_code == 2
    assert f"year {year} (from the filename) is outside the plan period 2016-2020" in result.stderr


def test_year_option_inside_the_period(cli, tmp_path: Path) -> None:
    f = shutil.copy(SAMPLES / "2017.csv", tmp_path / "riverside.csv")
    code, report = run_json(cli, f, "--year", "2017")
    assert code == 0 and report["year"] == 2017 and report["summary"]["fail"] == 0


# ── nothing Dadukou-specific in the output (regression tests for fixed assumptions) ──────────
def test_table_header_names_the_plans_baseline_year(cli) -> None:
    result = cli("evaluate", SAMPLES / "2017.csv", "--plan", FIXTURE)
    assert "2015 base" in result.stdout and "2020 base" not in result.stdout
    zh = cli("evaluate", SAMPLES / "2017.csv", "--plan", FIXTURE, "--lang", "zh")
    assert "2015基期" in zh.stdout and "2020基期" not in zh.stdout


def test_table_legend_names_the_plans_years(cli) -> None:
    result = cli("evaluate", SAMPLES / "2017.csv", "--plan", FIXTURE)
    legend = next(ln for ln in result.stdout.splitlines() if ln.startswith("Progress = "))
    assert "2015→2020" in legend and "2025" not in legend and "2022" not in legend


def test_item_without_due_is_due_at_the_end_of_the_plan(cli, tmp_path: Path) -> None:
    plan_dir = tmp_path / "plan"
    shutil.copytree(FIXTURE, plan_dir)
    projects = plan_dir / "projects.yaml"
    text = projects.read_text(encoding="utf-8")
    marker = "            target: 6\n            comparator: \">=\"\n            due: 2020\n"
    assert marker in text
    projects.write_text(text.replace(marker, marker.replace("            due: 2020\n", "")), encoding="utf-8")
    f = write_csv(tmp_path / "2020.csv", {"box1.1.new_schools": 3, "schools.dropout_rate": 0.5})
    result = cli("evaluate", f, "--plan", plan_dir, "--format", "json")
    r = by_id(one_file(result))["box1.1.new_schools"]
    assert (r["due"], r["expected"], r["status"]) == (2020, 6, "fail")


# ── Dadukou assumptions that were in planchk (regression tests) ─────────────────────────────
def test_plan_show_does_not_call_the_indicator_table_box_1(cli) -> None:
    result = cli("plan", "show", "--plan", FIXTURE)
    assert "专栏1 key indicators" not in result.stdout


def test_junit_indicator_classes_do_not_collide_with_a_programme_box(cli) -> None:
    result = cli("evaluate", SAMPLES / "2018.csv", "--plan", FIXTURE, "--format", "junit")
    classes = re.findall(r'<testcase classname="([^"]+)" name="students\.enrolment ', result.stdout)
    assert classes and not classes[0].startswith("2018.专栏1")


def test_indicator_with_an_item_only_comparator_is_a_plan_error(cli, tmp_path: Path) -> None:
    plan_dir = tmp_path / "plan"
    shutil.copytree(FIXTURE, plan_dir)
    targets = plan_dir / "targets.yaml"
    text = targets.read_text(encoding="utf-8")
    assert 'value: 13.5, comparator: ">="' in text
    targets.write_text(text.replace('value: 13.5, comparator: ">="', 'value: 13.5, comparator: "done"'),
                       encoding="utf-8")
    result = cli("evaluate", shutil.copy(SAMPLES / "2020.csv", tmp_path / "2020.csv"), "--plan", plan_dir)
    assert result.exit_code == 2
