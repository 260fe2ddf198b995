"""The year before is named and never borrowed (docs/rules.md#the-year-before); figures in a report are shown as
submitted (docs/reports.md); trend, evaluate and report give one verdict per id. All through the real CLI."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from conftest import DATA, EARLY_YEARS, ROOT, as_json
from planchk.i18n import label

NOT_FALLING = "text.finance.budget_education_spending"  # 逐年只增不减, reported every year
TOTAL = "box3.1.teacher_training_bases"  # a running total (cumulative count)


def _copy(tmp: Path, pairs: dict[str, Path]) -> list[Path]:
    out = []
    for name, source in pairs.items():
        target = tmp / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
        out.append(target)
    return out


def _rows(ev: dict) -> dict[str, dict]:
    rows = {r["id"]: r for r in ev["indicators"]}
    rows.update({i["id"]: i for p in ev["programmes"] for i in p["items"]})
    rows.update({e["id"]: e for p in ev["programmes"] for i in p["items"] for e in i.get("entries", [])})
    return rows


def _file(report: dict, path: Path) -> dict:
    return next(f for f in report["files"] if f["source"]["file"] == str(path))


def _year_over_year_ids(ev: dict) -> list[str]:
    return [i for i, r in _rows(ev).items() if r.get("measure") in ("non_decreasing", "rising")]


# ── which file is the year before ─────────────────────────────────────────────────────────────────────────
UNPAIRED = [
    ("江北区-2022.csv", "渝中区-2023.csv"),
    ("north/2022.csv", "south/2023.csv"),
    ("district07-2022.csv", "district08-2023.csv"),
    ("沙坪坝区2022年报.csv", "沙坪坝区2023年度报表.csv"),
]
PAIRED = [
    ("江北区-2022.csv", "江北区-2023.csv"),
    ("2022年/渝中区-2022.csv", "2023年/渝中区-2023.csv"),
    ("district07-2022.csv", "district07-2023.csv"),
    ("沙坪坝区2022年报.csv", "沙坪坝区2023年报.csv"),
]


@pytest.mark.parametrize("before, now", UNPAIRED)
def test_a_file_of_another_name_is_never_the_year_before(cli, tmp_path: Path, before: str, now: str) -> None:
    prev, cur = _copy(tmp_path, {before: DATA / "2022.csv", now: DATA / "2023.csv"})
    result = cli("evaluate", prev, cur, "--format", "json")
    ev = _file(as_json(result), cur)
    assert ev["year_before"]["file"] is None and ev["year_before"]["paired_by"] is None
    # why: the file it would need, and the file of that year it will not take
    reason = ev["year_before"]["reason"]
    assert cur.name.replace("2023", "2022") in reason and str(prev) in reason
    rows = _rows(ev)
    for id_ in _year_over_year_ids(ev):
        if rows[id_]["actual"] is not None:
            assert rows[id_]["status"] == "cannot_judge", id_
            assert rows[id_]["compared_with"] is None and "cannot judge" in rows[id_]["message"]
    assert rows[TOTAL]["compared_with"] is None
    # judged exactly as the file alone
    alone = as_json(cli("evaluate", cur, "--format", "json"))["files"][0]
    assert {i: r["status"] for i, r in _rows(ev).items()} == {i: r["status"] for i, r in _rows(alone).items()}


@pytest.mark.parametrize("before, now", PAIRED)
def test_a_file_named_but_for_the_year_is_the_year_before(cli, tmp_path: Path, before: str, now: str) -> None:
    prev, cur = _copy(tmp_path, {before: DATA / "2022.csv", now: DATA / "2023.csv"})
    ev = _file(as_json(cli("evaluate", cur, prev, "--format", "json")), cur)
    assert ev["year_before"] == {"year": 2022, "file": str(prev), "paired_by": "name", "reason": None}
    rows = _rows(ev)
    judged = [i for i in _year_over_year_ids(ev) if rows[i]["status"] in ("pass", "fail")]
    assert NOT_FALLING in judged
    for id_ in judged:  # every year-over-year verdict names the file it compared with
        assert rows[id_]["compared_with"] == str(prev) and prev.name in rows[id_]["message"], id_
    # the running total that fell (2 → 1 in the sample data) names it too
    assert rows[TOTAL]["status"] == "fail" and rows[TOTAL]["compared_with"] == str(prev)
    assert prev.name in rows[TOTAL]["message"]


def test_plausibility_is_not_measured_against_another_district(cli, tmp_path: Path) -> None:
    """A larger district's 2022 figure is no scale for 渝中区's 2023 one; its own 2022 file is."""
    big = (DATA / "2022.csv").read_text(encoding="utf-8").replace(
        "preschool.enrolment,在园幼儿数,万人,1.69,,", "preschool.enrolment,在园幼儿数,万人,10.5,已核实：大区,"
    )
    assert "10.5" in big
    (tmp_path / "沙坪坝区-2022.csv").write_text(big, encoding="utf-8")
    cur = _copy(tmp_path, {"渝中区-2023.csv": DATA / "2023.csv"})[0]
    assert cli("evaluate", tmp_path / "沙坪坝区-2022.csv", cur).exit_code == 0
    (tmp_path / "渝中区-2022.csv").write_text(big, encoding="utf-8")
    refused = cli("evaluate", tmp_path / "渝中区-2022.csv", cur)
    assert refused.exit_code == 2 and "渝中区-2022.csv:2" in refused.stderr


@pytest.mark.parametrize("years", [(2021, 2022, 2023), (2022, 2023)])
def test_a_city_batch_pairs_each_district_with_its_own_year_before(cli, tmp_path: Path, years: tuple) -> None:
    files = {f"district{d:02}-{y}.csv": DATA / f"{y}.csv" for d in (1, 2, 3) for y in years}
    del files[f"district03-{years[-2]}.csv"]  # one district's year before is missing
    paths = _copy(tmp_path, files)
    report = as_json(cli("evaluate", *reversed(paths), "--format", "json"))
    for ev in report["files"]:
        name = Path(ev["source"]["file"]).name
        own = tmp_path / name.replace(str(ev["year"]), str(ev["year"] - 1))
        before = ev["year_before"]
        if own.exists():
            assert before["file"] == str(own) and before["paired_by"] == "name", name
        elif ev["year"] == 2021:  # the plan's first year: no file is looked for
            assert before["file"] is None and "first year" in before["reason"], name
        else:
            assert before["file"] is None and own.name in before["reason"], name
    last = _file(report, tmp_path / f"district03-{years[-1]}.csv")
    assert f"2 files of {years[-2]}" in last["year_before"]["reason"]
    assert _rows(last)[NOT_FALLING]["status"] == "cannot_judge"


def test_previous_pairs_any_file_explicitly_and_the_table_says_so(cli, tmp_path: Path) -> None:
    prev, cur = _copy(tmp_path, {"江北区-2022.csv": DATA / "2022.csv", "渝中区-2023.csv": DATA / "2023.csv"})
    ev = as_json(cli("evaluate", cur, "--previous", prev, "--format", "json"))["files"][0]
    assert ev["year_before"] == {"year": 2022, "file": str(prev), "paired_by": "option", "reason": None}
    assert _rows(ev)[NOT_FALLING]["compared_with"] == str(prev)
    table = cli("evaluate", cur, "--previous", prev, "--lang", "zh").stdout
    assert f"上一年：{prev}（--previous 指定）" in table
    alone = cli("evaluate", cur, prev, "--lang", "zh").stdout
    assert "上一年：无（" in alone and "渝中区-2022.csv" in alone


def test_a_name_without_its_year_pairs_with_nothing(cli, tmp_path: Path) -> None:
    prev, cur = _copy(tmp_path, {"2022.csv": DATA / "2022.csv", "form.csv": DATA / "2023.csv"})
    ev = _file(as_json(cli("evaluate", prev, cur, "--format", "json")), cur)
    assert ev["year"] == 2023 and ev["year_before"]["file"] is None
    assert "holds no year" in ev["year_before"]["reason"]


def test_report_and_trend_name_the_year_before(cli, tmp_path: Path) -> None:
    paths = _copy(tmp_path, {f"江北区-{y}.csv": DATA / f"{y}.csv" for y in (2021, 2022, 2024)})
    trend = as_json(cli("trend", *paths, "--format", "json"))
    assert [b["file"] for b in trend["year_before"]] == [None, str(paths[0]), None]
    rule = next(r for r in trend["rules"] if r["id"] == NOT_FALLING)
    assert [y["status"] for y in rule["years"]][2] == "cannot_judge"
    assert rule["years"][1]["compared_with"] == str(paths[0])
    report = cli("report", *paths, "--lang", "zh").stdout.replace("\\", "")  # Markdown escapes
    assert f"{paths[2]} 的上一年：无（所给文件中没有 {paths[2]} 的上一年（2023年）文件" in report
    report = cli("report", *paths, "--year", "2022", "--lang", "zh").stdout.replace("\\", "")
    assert f"{paths[1]} 的上一年：{paths[0]}（文件名只差年份）" in report


# ── trend and report show one district's years ───────────────────────────────────────────────────────────
@pytest.mark.parametrize("command", ["trend", "report"])
def test_files_of_two_districts_are_refused_naming_each_file_that_does_not_pair(
    cli, tmp_path: Path, command: str
) -> None:
    text = (DATA / "2022.csv").read_text("utf-8")
    assert text.count(",万元,124300,") == 1
    (tmp_path / "江北区-2022.csv").write_text(text.replace(",万元,124300,", ",万元,150000,"), "utf-8")
    (tmp_path / "江北区-2021.csv").write_bytes((DATA / "2021.csv").read_bytes())
    (ours,) = _copy(tmp_path, {"渝中区-2023.csv": DATA / "2023.csv"})
    theirs = [tmp_path / "江北区-2021.csv", tmp_path / "江北区-2022.csv"]
    zh = cli(command, *theirs, ours, "--lang", "zh")
    assert zh.exit_code == 2 and zh.stdout == ""  # nothing drawn from 江北区's figures
    for other, year in zip(theirs, (2021, 2022), strict=True):
        assert (
            f"{other}：错误：{command} 只展示一个地区的各年数据，本文件不是 {ours} 的往年文件："
            f"文件名与 {ours} 不只是年份不同（该地区{year}年的文件应为 {tmp_path / f'渝中区-{year}.csv'}）"
        ) in zh.stderr
    en = cli(command, *theirs, ours, "--lang", "en")
    assert en.exit_code == 2 and en.stdout == ""
    assert f"{theirs[1]}: error: {command} shows the years of one district, and this file is not one of {ours}'s" in (
        en.stderr
    )
    assert en.stderr.count(": error: ") == 2 and str(ours) + ": error" not in en.stderr
    # one district's files, given in any order, are a series
    assert cli(command, theirs[1], theirs[0], "--lang", "zh").exit_code == 0


def test_a_year_of_another_plan_is_refused_by_trend(cli, tmp_path: Path) -> None:
    ours, theirs = _forms(cli, tmp_path)
    district = tmp_path / "district"
    district.mkdir()
    shutil.copyfile(ours, district / "2023.csv")
    shutil.copyfile(theirs, district / "2022.csv")  # named alike, filled for another plan
    files = [district / "2022.csv", district / "2023.csv"]
    # against the bundled plan, which nobody chose for it, the other plan's form is refused as it is read
    unchosen = cli("trend", *files, "--lang", "en")
    assert unchosen.exit_code == 2 and f"{files[0]}:2 [plan]: error: the form was made for plan {OTHER_PLAN}" in (
        unchosen.stderr)
    # against a plan the user chose (--plan), it is read, and the series still takes no year of another plan
    plan = _chosen_plan(tmp_path)
    result = cli("trend", *files, "--plan", plan, "--lang", "zh")
    assert result.exit_code == 2 and result.stdout == ""
    assert (
        f"{files[0]}：错误：trend 只展示一个地区的各年数据，本文件不是 {files[1]} 的往年文件："
        f"本文件是为规划 {OTHER_PLAN} 制作的，{files[1]} 是为规划 dadukou-education-14th-fyp 制作的"
    ) in result.stderr.replace("\n", "")
    # under --combine the names are offices', not districts': the plan is still asked
    combined = cli("trend", "--combine", *files, "--plan", plan, "--lang", "en")
    assert combined.exit_code == 2 and f"it was made for plan {OTHER_PLAN}" in combined.stderr
    # the name of the other plan's file differs from ours by more than the year as well: its plan is the reason
    result = cli("report", theirs, ours, "--plan", plan, "--lang", "en")
    assert result.exit_code == 2 and f"it was made for plan {OTHER_PLAN}" in result.stderr


def test_a_name_without_its_year_is_refused_by_trend(cli, tmp_path: Path) -> None:
    prev, cur = _copy(tmp_path, {"2022.csv": DATA / "2022.csv", "form.csv": DATA / "2023.csv"})
    result = cli("trend", prev, cur, "--lang", "en")
    assert result.exit_code == 2
    assert f"{prev}: error: trend shows the years of one district" in result.stderr
    assert f"the name of {cur}, the newest file, does not hold its year 2023" in result.stderr
    unnamed, named = _copy(tmp_path, {"form-a.csv": DATA / "2023.csv", "2024.csv": DATA / "2024.csv"})
    result = cli("trend", unnamed, named, "--lang", "en")
    assert result.exit_code == 2 and "the name of this file does not hold its year 2023" in result.stderr


# ── one verdict: evaluate, trend and report agree on every id ──────────────────────────────────────────────
ON_TRACK, BEHIND = ("achieved", "on_track"), ("acceleration_needed", "limited_progress", "moving_away")


def _agree(cli, files: list[Path]) -> None:
    evaluated = {ev["year"]: _rows(ev) for ev in as_json(cli("evaluate", *files, "--format", "json"))["files"]}
    trend = as_json(cli("trend", *files, "--format", "json"))
    for rule in trend["rules"]:
        for y in rule["years"]:
            judged = evaluated[y["year"]][rule["id"]]
            assert (y["status"], y.get("compared_with")) == (judged["status"], judged.get("compared_with")), rule["id"]
    outlooks = {}
    for s in trend["series"]:
        seen = [int(y) for y, v in s["actual"].items() if v is not None]
        if not seen:
            continue
        status, outlook = evaluated[max(seen)][s["id"]]["status"], s["assessment"]["classification"]
        assert not (status == "pass" and outlook in BEHIND), (s["id"], status, outlook)
        assert not (status == "fail" and outlook in ON_TRACK), (s["id"], status, outlook)
        outlooks[s["id"]] = outlook
    latest = max(evaluated)
    report = cli("report", *files, "--format", "markdown", "--lang", "en").stdout
    table = next(t for t in _md_tables(report) if t[0][0] == label("en", "indicator"))
    names = {r["name"]: i for i, r in evaluated[latest].items()}
    for row in table[1:]:
        id_ = names[row[0]]
        assert row[6] == label("en", evaluated[latest][id_]["status"]), id_
        if latest == 2025:  # the final evaluation says whether the target was met, not an outlook
            met = evaluated[latest][id_]["status"] == "pass"
            assert row[8] == label("en", "report.achieved_final" if met else "report.missed_final"), id_
        else:
            assert row[8] == label("en", outlooks[id_]), id_
    failing = [r["name"] for r in evaluated[latest].values() if r.get("measure") and r["status"] == "fail"]
    attention = report.split(f"## {label('en', 'report.attention')}")[1]
    assert failing and any(name in attention for name in failing)


def test_evaluate_trend_and_report_agree_on_the_shipped_data(cli) -> None:
    _agree(cli, sorted(DATA.glob("*.csv")))  # every sample year, 2024's GB18030 export and the final year too
    files = list(EARLY_YEARS)
    # the running total that fell (2 → 1) is neither on track in the trend nor a pass in evaluate
    trend = as_json(cli("trend", *files, "--format", "json"))
    fallen = next(s for s in trend["series"] if s["id"] == TOTAL)
    assert fallen["assessment"]["classification"] not in ON_TRACK and "2022.csv" in fallen["assessment"]["reason"]


def test_evaluate_trend_and_report_agree_on_other_names_and_a_fall_in_the_middle(cli, tmp_path: Path) -> None:
    text = {y: (DATA / f"{y}.csv").read_text(encoding="utf-8") for y in (2021, 2022, 2023)}
    # another running total falls from 2021 to 2022 (held out: not the sample data's own falls)
    id_ = "box3.1.ideology_model_schools"
    line = next(x for x in text[2022].splitlines() if x.startswith(id_ + ","))
    text[2021] = "\n".join(
        line.rsplit(",", 3)[0] + ",9,," if x.startswith(id_ + ",") and x.count(",") == line.count(",") else x
        for x in text[2021].splitlines()
    )
    paths = []
    for y, body in text.items():
        (tmp_path / f"巴南区_{y}_报表.csv").write_text(body, encoding="utf-8")
        paths.append(tmp_path / f"巴南区_{y}_报表.csv")
    _agree(cli, paths)
    ev = as_json(cli("evaluate", *paths, "--format", "json"))
    row = _rows(_file(ev, paths[1]))[id_]
    assert row["compared_with"] == str(paths[0])


def _md_tables(markdown: str) -> list[list[list[str]]]:
    tables: list[list[list[str]]] = []
    previous = ""
    for line in markdown.splitlines():
        if line.startswith("|"):
            if not previous.startswith("|"):
                tables.append([])
            if not re.fullmatch(r"\|(-+:?\|)+", line.replace(" ", "")):
                cells = re.split(r"(?<!\\)\|", line.strip()[1:-1])
                tables[-1].append([re.sub(r"\\(.)", r"\1", re.sub(r"`[^`]*`", "", c)).strip() for c in cells])
        previous = line
    return tables


# ── figures shown as submitted ────────────────────────────────────────────────────────────────────────────
def _report_rows(cli, path: Path, fmt: str = "markdown") -> list[list[str]]:
    report = cli("report", path, "--format", fmt, "--lang", "en").stdout
    if fmt == "html":
        cells = re.findall(r"<tr>(.*?)</tr>", report.split('class="indicators"')[1].split("</table>")[0])
        return [found for row in cells if (found := re.findall(r"<td[^>]*>(.*?)</td>", row))]
    return next(t for t in _md_tables(report) if t[0][0] == label("en", "indicator"))[1:]


SHOWN = {">=": lambda a, e: a >= e, ">": lambda a, e: a > e, "<=": lambda a, e: a <= e, "==": lambda a, e: a == e}


@pytest.mark.parametrize("fmt", ["markdown", "html"])
@pytest.mark.parametrize(
    "id_, value",
    [
        ("compulsory.junior_secondary_enrolment", None),  # the plan's own value: exactly on plan
        ("compulsory.junior_secondary_enrolment", "1.3435"),
        ("compulsory.junior_secondary_enrolment", "1.3434"),
        ("compulsory.junior_secondary_enrolment", "1.3432"),
        ("compulsory.primary_enrolment", "2.72001"),
        ("upper_secondary.general_enrolment", "0.4599"),
    ],
)
def test_a_report_shows_figures_as_submitted_and_never_a_pass_below_its_target(
    cli, tmp_path: Path, fmt: str, id_: str, value: str | None
) -> None:
    form = tmp_path / "2023.csv"
    assert cli("template", "2023", "--example", "-o", form).exit_code == 0
    lines = form.read_text(encoding="utf-8-sig").splitlines()
    header = lines[0].split(",")
    col = header.index("value")
    if value is not None:
        row = next(i for i, x in enumerate(lines) if x.split(",")[1:2] == [id_])
        cells = lines[row].split(",")
        cells[col] = value
        lines[row] = ",".join(cells)
        form.write_text("\n".join(lines) + "\n", encoding="utf-8")
    submitted = {x.split(",")[1]: x.split(",")[col] for x in lines[1:]}
    ev = as_json(cli("evaluate", form, "--format", "json"))["files"][0]
    names = {r["name"]: r for r in ev["indicators"]}
    shown_rows = _report_rows(cli, form, fmt)
    assert len(shown_rows) == len(ev["indicators"])
    for cells in shown_rows:
        r = names[cells[0].split(" <")[0].strip()]
        expected, actual, status = cells[3], cells[4], cells[6]
        assert float(actual) == float(submitted[r["id"]]), (r["id"], actual)  # every digit as given
        assert len(actual.split(".")[-1]) >= len(submitted[r["id"]].rstrip("0").split(".")[-1]) or "." not in actual
        assert status == label("en", r["status"])
        if r["comparator"] in SHOWN and r["status"] in ("pass", "fail"):
            # the shown figures compare as the verdict did: no 期望 1.344 beside 实际 1.343 达标
            assert SHOWN[r["comparator"]](float(actual), float(expected)) == (r["status"] == "pass"), cells
        if r["status"] == "fail" and r["deviation"]:
            assert re.fullmatch(r"[-+]0\.0+%", cells[5]) is None, cells  # a miss never reads ±0.0 %
    if value is not None:
        mine = next(c for c in shown_rows if names[c[0].split(" <")[0].strip()]["id"] == id_)
        assert mine[4] == value


def test_json_report_schema_lists_the_year_before(cli) -> None:
    schema = json.loads(cli("schema", "report").stdout)
    text = json.dumps(schema)
    assert "year_before" in text and "compared_with" in text and "paired_by" in text


# ── never a year before of another plan, even one given with --previous ───────────────────────────────────
OTHER_PLAN = "jiangbei-education-14th-fyp"


def _forms(cli, tmp: Path) -> tuple[Path, Path]:
    """Dadukou's 2023 form (planchk template, the plan's own figures) and a 2022 form naming another plan, its
    budget 200000: compared with it, 2023's 逐年只增不减 budget would fail."""
    ours, theirs = tmp / "dadukou-2023.csv", tmp / "jiangbei-2022.csv"
    assert cli("template", "2023", "--example", "-o", ours).exit_code == 0
    assert cli("template", "2022", "--example", "-o", tmp / "dadukou-2022.csv").exit_code == 0
    text = (tmp / "dadukou-2022.csv").read_text("utf-8-sig")
    assert text.count(",万元,120360,") == 1
    text = text.replace("dadukou-education-14th-fyp", OTHER_PLAN).replace(",万元,120360,", ",万元,200000,")
    theirs.write_text(text, "utf-8-sig")
    return ours, theirs


def _chosen_plan(tmp: Path) -> Path:
    """A copy of the bundled plan, given with --plan: a plan the user chose, against which a form naming another
    plan is read (with a notice), where the bundled plan refuses it."""
    plan = tmp / "plans" / "ours"
    shutil.copytree(ROOT / "plan", plan)
    return plan


def test_previous_naming_another_plan_is_not_the_year_before(cli, tmp_path: Path) -> None:
    ours, theirs = _forms(cli, tmp_path)
    assert cli("evaluate", ours, "--previous", theirs).exit_code == 2  # the bundled plan refuses it as it is read
    plan = _chosen_plan(tmp_path)
    result = cli("evaluate", ours, "--previous", theirs, "--plan", plan, "--format", "json")
    assert result.exit_code == 0, result.stderr  # naming another plan is no input error: a notice at most
    ev = as_json(result)["files"][0]
    assert ev["year_before"]["file"] is None and ev["year_before"]["paired_by"] is None
    reason = ev["year_before"]["reason"]
    assert f"{theirs}, given with --previous, was made for plan {OTHER_PLAN}" in reason
    rows = _rows(ev)
    assert rows[NOT_FALLING]["status"] == "cannot_judge" and rows[NOT_FALLING]["compared_with"] is None
    for id_ in _year_over_year_ids(ev):
        assert rows[id_]["compared_with"] is None, id_
    # judged as the file alone would be, and plausibility did not measure it against the other plan's figures
    alone = as_json(cli("evaluate", ours, "--plan", plan, "--format", "json"))["files"][0]
    assert {i: r["status"] for i, r in rows.items()} == {i: r["status"] for i, r in _rows(alone).items()}
    assert ev["notices"] == alone["notices"]
    table = cli("evaluate", ours, "--previous", theirs, "--plan", plan, "--lang", "zh").stdout.replace("\n", "")
    assert f"上一年：无（--previous 指定的 {theirs} 是为规划 {OTHER_PLAN} 制作的" in table
    assert "200000" not in table
    # the same form naming this plan pairs as before
    own = cli("evaluate", ours, "--previous", tmp_path / "dadukou-2022.csv", "--plan", plan, "--format", "json")
    assert as_json(own)["files"][0]["year_before"]["paired_by"] == "option"


def test_previous_of_another_plan_that_cannot_be_read_is_an_input_error(cli, tmp_path: Path) -> None:
    ours, theirs = _forms(cli, tmp_path)
    theirs.write_text(theirs.read_text("utf-8-sig").replace(",万元,200000,", ",万元,很多,"), "utf-8-sig")
    result = cli("evaluate", ours, "--previous", theirs, "--format", "json")
    assert result.exit_code == 2
    report = as_json(result)
    assert {e["file"] for e in report["errors"]} == {str(theirs)}
    assert "input.form_of_other_plan" in [e["code"] for e in report["errors"]]
    ev = report["files"][0]
    assert ev["year_before"]["file"] is None and "could not be judged" in ev["year_before"]["reason"]
    assert _rows(ev)[NOT_FALLING]["status"] == "cannot_judge"


def test_a_folder_named_for_a_year_it_holds_pairs_by_the_file_names(cli, tmp_path: Path) -> None:
    # a folder named for the report (2023年度评估) holds that year's file and the year before it
    folder = "2023年度评估"
    before, now = _copy(tmp_path, {f"{folder}/2022.csv": DATA / "2022.csv", f"{folder}/2023.csv": DATA / "2023.csv"})
    ev = _file(as_json(cli("evaluate", before, now, "--format", "json")), now)
    assert ev["year_before"] == {"year": 2022, "file": str(before), "paired_by": "name", "reason": None}
    assert _rows(ev)[NOT_FALLING]["compared_with"] == str(before)
    trend = as_json(cli("trend", before, now, "--format", "json"))
    assert [b["file"] for b in trend["year_before"]] == [None, str(before)]
    assert cli("report", before, now).exit_code == 0
    # the folder of each year, as documented, still pairs first
    older, newer = _copy(tmp_path, {f"{y}年/渝中区-{y}.csv": DATA / f"{y}.csv" for y in (2022, 2023)})
    paired = _file(as_json(cli("evaluate", older, newer, "--format", "json")), newer)["year_before"]
    assert paired["file"] == str(older)


def test_trend_takes_a_chain_of_years_across_year_named_folders(cli, tmp_path: Path) -> None:
    """2023年度评估/2022.csv ← 2023年度评估/2023.csv ← 2024年度评估/2024.csv: evaluate pairs each with its year before;
    trend refused the first as another district's, since its name shares nothing with the newest's. A file linked
    to the newest one pair after another is one district's; 江北区-2022.csv beside 渝中区-2023.csv still is not."""
    import shutil

    for folder, year in (("2023年度评估", 2022), ("2023年度评估", 2023), ("2024年度评估", 2024)):
        (tmp_path / folder).mkdir(exist_ok=True)
        shutil.copyfile(DATA / f"{year}.csv", tmp_path / folder / f"{year}.csv")
    files = [tmp_path / "2023年度评估" / "2022.csv", tmp_path / "2023年度评估" / "2023.csv",
             tmp_path / "2024年度评估" / "2024.csv"]
    result = cli("trend", *files, "-f", "json")
    assert result.exit_code == 0, result.output
    assert [r["paired_by"] for r in as_json(result)["year_before"]] == [None, "name", "name"]
    shutil.copyfile(DATA / "2022.csv", tmp_path / "江北区-2022.csv")
    shutil.copyfile(DATA / "2023.csv", tmp_path / "渝中区-2023.csv")
    assert cli("trend", tmp_path / "江北区-2022.csv", tmp_path / "渝中区-2023.csv").exit_code == 2
