"""Multi-year monitoring: classification against the plan's path (hand-computed), trend and report outputs."""

from __future__ import annotations

import csv
import io
import re
import shutil
from pathlib import Path

import pytest

from conftest import DATA, EARLY_YEARS, as_json, write_csv
from planchk.i18n import label
from planchk.judge.trend import assess


def test_near_ceiling_rate_is_judged_on_the_plan_path() -> None:
    # 高中阶段毛入学率: 99.2 (2020) → 99.5 (2025); 99.3 observed in 2022
    straight = assess(2020, 99.2, {2022: 99.3}, 2025, 99.5, ">=")
    # a straight line asks for 99.2 + 0.3 × 2/5 = 99.32 by 2022: 0.1 of the 0.12 rise → R = 0.8333
    assert (straight.method, straight.classification) == ("path", "acceleration_needed")
    assert round(straight.ratio, 4) == 0.8333
    # the plan names 99.3 for 2022: the same value is on its path
    planned = assess(2020, 99.2, {2022: 99.3}, 2025, 99.5, ">=", path={2022: (99.3, ">=")})
    assert (planned.classification, planned.ratio) == ("on_track", pytest.approx(1.0))


def test_flat_target_at_a_ceiling() -> None:
    # 九年义务教育巩固率 100 → 100: no growth is needed; met is achieved, below is moving away
    assert assess(2020, 100, {2022: 100}, 2025, 100, ">=").classification == "achieved"
    below = assess(2020, 100, {2022: 99.9}, 2025, 100, ">=")
    assert (below.classification, below.method, below.ratio) == ("moving_away", "flat", None)


def test_zero_base() -> None:
    # 10 new model schools by 2025 from none: 3 by 2022 against 4 on the straight path → R = 3/4
    a = assess(2020, 0, {2022: 3}, 2025, 10, ">=")
    assert a.ratio == pytest.approx(3 / 4) and a.classification == "acceleration_needed"
    assert a.projection == pytest.approx(7.5)  # the line through (2020, 0) and (2022, 3)


@pytest.mark.parametrize("latest, expected, ratio", [(1.97, "achieved", None), (1.77, "on_track", 1.0),
                                                     (1.68, "acceleration_needed", 0.7),
                                                     (1.50, "limited_progress", 0.1),
                                                     (1.40, "moving_away", -0.2333)])
def test_thresholds(latest: float, expected: str, ratio: float | None) -> None:
    # 在园幼儿数 1.47 → 1.97 (2025), observed 2023; the straight path asks for 1.47 + 0.5 × 3/5 = 1.77:
    # R = (latest − 1.47) / 0.30 (1.68 → 0.7, 1.50 → 0.1, 1.40 → −0.2333)
    a = assess(2020, 1.47, {2023: latest}, 2025, 1.97, ">=")
    assert a.classification == expected
    assert a.ratio == (None if ratio is None else pytest.approx(ratio, abs=1e-4))


def test_a_series_of_one_year() -> None:
    # one observed year after the plan's own 2020 baseline is enough for indicators: 1.57 in 2021 is the path
    a = assess(2020, 1.47, {2021: 1.57}, 2025, 1.97, ">=")
    assert (a.classification, a.ratio) == ("on_track", pytest.approx(1.0))
    # an item without a baseline needs two observed years: from 80 (2022) the path to 100 (2025) asks for
    # 86.67 in 2023; 85 closes 5 of its 6.67 → R = 0.75
    assert assess(2020, None, {2023: 80}, 2025, 100, ">=").classification == "cannot_assess"
    two = assess(2020, None, {2022: 80, 2023: 85}, 2025, 100, ">=")
    assert (two.classification, two.ratio) == ("acceleration_needed", pytest.approx(0.75))
    assert assess(2020, 1.47, {}, 2025, 1.97, ">=").classification == "cannot_assess"


def test_decreasing_target() -> None:
    # a share of classes over 56 pupils: 8 % → 0 by 2025; the path asks for 3.2 in 2023, 4.8 in 2022
    a = assess(2020, 8, {2023: 4}, 2025, 0, "<=")
    assert a.ratio == pytest.approx(4 / 4.8) and a.classification == "acceleration_needed"  # 0.833
    assert assess(2020, 8, {2022: 4}, 2025, 0, "<=").classification == "on_track"
    assert assess(2020, 8, {2023: 9}, 2025, 0, "<=").classification == "moving_away"


def test_on_track_but_the_trend_falls_short_says_why() -> None:
    # on the path in 2023 (1.77) after a flat 2022. The least-squares line through (2020, 1.47), (2021, 1.57),
    # (2022, 1.57), (2023, 1.77): mean (2021.5, 1.595), slope 0.45 / 5 = 0.09, so 1.595 + 0.09 × 3.5 = 1.91
    # by 2025, short of 1.97
    a = assess(2020, 1.47, {2021: 1.57, 2022: 1.57, 2023: 1.77}, 2025, 1.97, ">=")
    assert a.classification == "on_track" and a.projection == pytest.approx(1.91) and a.projection_meets is False
    assert a.reason is not None and "1.91" in a.reason.en and "1.91" in a.reason.zh
    # neutral of direction: "only 0.87" would read wrong for a ceiling (≤0.5), so the sentence says it falls short
    assert "期末预计为 1.91，达不到目标" in a.reason.zh and "projects 1.91 for the final year" in a.reason.en


def test_trend_of_the_sample_years(cli) -> None:
    report = as_json(cli("trend", *list(EARLY_YEARS), "--format", "json"))
    assert report["years"] == [2021, 2022, 2023]
    by_id = {s["id"]: s for s in report["series"]}
    assert len([s for s in report["series"] if s["kind"] == "indicator"]) == 13
    # By hand from plan/targets.yaml and data/2023.csv (every indicator is reported in 2023, the latest year).
    # The plan's value for 2023 lies a third of the way from its 2022 milestone to its 2025 target:
    #   due = v2022 + (v2025 − v2022) / 3, judged at 4 decimals; R = (latest − base) / (due − base)
    #   preschool.enrolment            1.47 → 1.74, due 1.77:      0.27 / 0.30 = 0.9      acceleration needed
    #   preschool.gross_enrolment_rate 99.8 → 99.6, due 99.8:      flat path, not met     moving away
    #   preschool.inclusive_rate       93 → 93.5 (target 93):      target met             achieved
    #   preschool.public_share         50.15 → 53.9, due 53.8:     3.75 / 3.65 = 1.0274   on track
    #   compulsory.enrolment           3.69 → 4.02, due 4.0633:    0.33 / 0.3733 = 0.8840 acceleration needed
    #   compulsory.primary_enrolment   2.52 → 2.72, due 2.72:      0.20 / 0.20 = 1.0      on track
    #   compulsory.junior_secondary    1.17 → 1.30, due 1.3433:    0.13 / 0.1733 = 0.7501 acceleration needed
    #   compulsory.retention_rate      100 → 100 (target 100):     target met             achieved
    #   upper_secondary.enrolment      0.84 → 0.91, due 0.9067:    0.07 / 0.0667 = 1.0495 on track
    #   upper_secondary.general        0.43 → 0.49, due 0.4833:    0.06 / 0.0533 = 1.1257 on track
    #   upper_secondary.vocational     0.41 → 0.42, due 0.4233:    0.01 / 0.0133 = 0.7519 acceleration needed
    #   upper_secondary.gross_rate     99.2 → 99.4, due 99.3667:   0.2 / 0.1667 = 1.1998  on track
    #   avg_schooling_years            11.3 → 11.7, due 11.6667:   0.4 / 0.3667 = 1.0908 on track
    expected = {
        "preschool.enrolment": ("acceleration_needed", "path", 0.9),
        "preschool.gross_enrolment_rate": ("moving_away", "flat", None),
        "preschool.inclusive_rate": ("achieved", "flat", None),
        "preschool.public_share": ("on_track", "path", 1.0274),
        "compulsory.enrolment": ("acceleration_needed", "path", 0.8840),
        "compulsory.primary_enrolment": ("on_track", "path", 1.0),
        "compulsory.junior_secondary_enrolment": ("acceleration_needed", "path", 0.7501),
        "compulsory.retention_rate": ("achieved", "flat", None),
        "upper_secondary.enrolment": ("on_track", "path", 1.0495),
        "upper_secondary.general_enrolment": ("on_track", "path", 1.1257),
        "upper_secondary.vocational_enrolment": ("acceleration_needed", "path", 0.7519),
        "upper_secondary.gross_enrolment_rate": ("on_track", "path", 1.1998),
        "human_resources.avg_schooling_years": ("on_track", "path", 1.0908),
    }
    indicators = [s for s in report["series"] if s["kind"] == "indicator"]
    assert [s["id"] for s in indicators] == list(expected)
    for s in indicators:
        a = s["assessment"]
        classification, method, ratio = expected[s["id"]]
        assert (a["classification"], a["method"]) == (classification, method), s["id"]
        if ratio is None:
            assert a["ratio"] is None, s["id"]
        else:
            assert a["ratio"] == pytest.approx(ratio, abs=1e-4), s["id"]
    assert by_id["compulsory.enrolment"]["change"]["2023"] == pytest.approx(0.06)


def test_spending_falling_fails_the_rule_and_one_year_cannot_judge(cli) -> None:
    report = as_json(cli("trend", DATA / "2022.csv", DATA / "2023.csv", "--format", "json"))
    rule = next(r for r in report["rules"] if r["id"] == "text.finance.budget_education_spending")
    assert [(y["year"], y["status"]) for y in rule["years"]] == [(2022, "cannot_judge"), (2023, "fail")]
    one = as_json(cli("trend", DATA / "2023.csv", "--format", "json"))
    rule = next(r for r in one["rules"] if r["id"] == "text.finance.budget_education_spending")
    assert [y["status"] for y in rule["years"]] == ["cannot_judge"]


def test_per_pupil_spending_is_the_districts_own_figure(cli) -> None:
    """按在校学生人均…: the plan defines no denominator, so the figure is reported as the district states it, not
    divided by pupils planchk chooses; the rule holds it to the year before in trend as in evaluate."""
    item = "text.finance.per_pupil_spending"
    reported = {}
    for year in (2022, 2023):
        rows = csv.DictReader(io.StringIO((DATA / f"{year}.csv").read_text(encoding="utf-8-sig")))
        reported[year] = float(next(r for r in rows if r["id"] == item)["value"])
    report = as_json(cli("trend", DATA / "2022.csv", DATA / "2023.csv", "--format", "json"))
    rule = next(r for r in report["rules"] if r["id"] == item)
    assert [y["value"] for y in rule["years"]] == [reported[2022], reported[2023]]
    fell = reported[2023] < reported[2022]
    assert rule["years"][1]["status"] == ("fail" if fell else "pass")
    evaluated = as_json(cli("evaluate", DATA / "2022.csv", DATA / "2023.csv", "--format", "json"))
    got = next(i for f in evaluated["files"] if f["year"] == 2023 for p in f["programmes"] for i in p["items"]
               if i["id"] == item)
    assert got["status"] == rule["years"][1]["status"]


def test_derived_rows_must_not_be_reported(cli, tmp_path: Path) -> None:
    f = write_csv(tmp_path / "2022.csv", {"text.teachers.guidance_team_ratio": 1})
    result = cli("evaluate", f)
    assert result.exit_code == 2 and "computed by planchk" in result.stderr


def test_trend_table_in_the_terminal(cli) -> None:
    out = cli("trend", *list(EARLY_YEARS), "--only", "indicators").stdout
    assert "moving away" in out and "Growth ratio" in out and "▁" in out


def test_the_table_marks_an_outlook_with_a_reason_and_says_it(cli, monkeypatch: pytest.MonkeyPatch) -> None:
    """进度正常 while the trend falls short of the target: the table marks it *, and the notes say why, as the
    JSON's reason does (it said only 进度正常); so too a projection held at a bound (its projection_note)."""
    monkeypatch.setenv("COLUMNS", "200")
    series = as_json(cli("trend", *EARLY_YEARS, "-f", "json", "--lang", "zh"))["series"]
    reasons = {s["name"]: "；".join(n for n in (s["assessment"]["reason"], s["assessment"]["projection_note"]) if n)
               for s in series}
    marked = {name: why for name, why in reasons.items() if why}
    assert marked and len(marked) < len(reasons)
    out = cli("trend", *EARLY_YEARS, "--lang", "zh").stdout
    rows = {re.sub(r"[ ▁▂▃▄▅▆▇█]+$", "", line.split("│")[1]).strip(): line  # the name, its sparkline taken off
            for line in out.splitlines() if line.count("│") > 5}
    for name in reasons:
        assert rows[name].rstrip(" │").endswith(" *") == (name in marked), rows[name]
    notes = out[out.index("备注："):]
    for name, why in marked.items():
        assert f"  * {name}：{why}" in notes


def test_a_series_not_reported_in_the_newest_year_is_not_assessed_from_older_ones(
    cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    """专业教学资源 is blank in 2023.csv: its outlook was 进度正常 *, "今年达到规划值…" from 2021–2022's figures. The
    newest year not reported, nothing is said of it: 无法评估, no projection, and the note names the last figure."""
    series = as_json(cli("trend", *EARLY_YEARS, "-f", "json", "--lang", "zh"))["series"]
    unreported = {s["id"]: s for s in series if s["actual"]["2023"] is None}
    assert {"box5.1.teaching_resources", "box6.1.teaching_innovation_teams", "text.teachers.training_hours"} <= set(
        unreported
    )
    for s in unreported.values():
        last = max((y for y, v in s["actual"].items() if v is not None), default=None)
        a = s["assessment"]
        assert (a["classification"], a["projection"], a["ratio"], s["progress"]) == ("cannot_assess", None, None, None)
        if last is not None:
            value = f"{s['actual'][last]:g}"
            assert a["reason"] == f"2023年未填报，无法评估（最近一次填报为{last}年的 {value}）", s["id"]
    monkeypatch.setenv("COLUMNS", "80")
    out = cli("trend", *EARLY_YEARS, "--only", "programmes", "--lang", "en").stdout
    row = next(line for line in out.splitlines() if line.startswith(" Vocational teaching "))  # its name folds
    assert row.rstrip().endswith("cannot assess *"), row
    notes = " ".join(out[out.index("Notes:"):].split())
    assert "* Vocational teaching resources: not reported for 2023: cannot assess (the last figure given, for 2022, " \
           "is 0)" in notes
    assert "this year" not in notes.split("Vocational teaching resources:")[1].split("*")[0]


def test_a_report_row_not_reported_this_year_says_so_and_is_not_assessed(cli, tmp_path: Path) -> None:
    """A key indicator left blank in the report's year: 缺报, and the outlook no longer 需加快 with a projection read
    from the years before (its Why said only 本年缺报，趋势据 2022 年数据)."""
    files = [tmp_path / f"{y}.csv" for y in (2021, 2022, 2023)]
    for f in files:
        f.write_bytes((DATA / f.name).read_bytes())
    text = files[2].read_text(encoding="utf-8")
    assert "2023,preschool.public_share,公办园在园幼儿占比,%,53.9," in text
    files[2].write_text(text.replace(",%,53.9,", ",%,,"), encoding="utf-8")
    report = cli("report", *files, "--lang", "zh")
    assert report.exit_code == 0, report.output
    row = next(r for r in _report_rows(report.stdout) if r[0].startswith("公办园在园幼儿占比"))
    why = "2023年未填报，无法评估（最近一次填报为2022年的 52.1）"
    assert row[4:] == ["—", "—", "缺报", "55", "无法评估", "—", why], row


@pytest.fixture
def district(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder for one district's years (the sample years; the 2025 example is written beside them): the files of a
    report are one district's, named alike but for the year (docs/rules.md#the-year-before)."""
    monkeypatch.chdir(tmp_path)
    folder = Path("district")
    folder.mkdir()
    for f in EARLY_YEARS:
        shutil.copyfile(f, folder / f.name)
    return folder


def _report(cli, district: Path, year: int, fmt: str = "markdown", lang: str = "zh") -> str:
    files = [district / f.name for f in EARLY_YEARS]
    if year == 2025:
        result = cli("template", "2025", "--example", "-o", district / "2025.csv", "--force")
        assert result.exit_code == 0
        files.append(district / "2025.csv")
    result = cli("report", *files, "--year", str(year), "--format", fmt, "--lang", lang)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_report_2022_reads_as_a_midterm_evaluation(cli, district: Path) -> None:
    text = _report(cli, district, 2022)
    assert "中期评估报告" in text and "中期进度：规划期已过 40%" in text
    assert "时间过半" not in text  # 40 % of the period is not half of it
    assert "2025年预测" in text and "趋势评估" in text
    assert "2023.csv" not in text  # later years are not used for an earlier report
    en = _report(cli, district, 2022, lang="en")
    assert "mid-term evaluation" in en and "Progress at mid-term: 40% of the period has passed" in en


def test_report_2025_reads_as_a_final_evaluation(cli, district: Path) -> None:
    text = _report(cli, district, 2025)
    assert "总结评估报告" in text and "总结评估：以 2025 年目标为准，主要指标 13/13 项实现" in text
    assert "预测" not in text and "中期进度" not in text  # no projection once the period has ended


def test_report_2023_is_annual(cli, district: Path) -> None:
    assert "年度评估报告" in _report(cli, district, 2023)


def test_html_report_is_self_contained_with_charts(cli, district: Path) -> None:
    page = _report(cli, district, 2023, fmt="html")
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert page.count("<svg") == 13 and page.count('class="plan-path"') == 13 and page.count('class="actual"') == 13
    for needle in ("<script", "<link", "src=", "url(", "@import", "<img", "<iframe"):
        assert needle not in page
    # one link, relative, to the method in the repository's docs (it works when the report is read from there)
    assert re.findall(r"href=\"([^\"]*)\"", page) == ["docs/rules.md#trend-classification"]
    # the only URL is the SVG namespace, which is never fetched
    assert set(re.findall(r"https?://[^\"' )]+", page)) == {"http://www.w3.org/2000/svg"}


def test_report_year_must_be_among_the_files(cli) -> None:
    result = cli("report", DATA / "2022.csv", "--year", "2024")
    assert result.exit_code == 2 and "no file holds 2024" in result.stderr


def test_two_files_of_one_year_are_refused(cli, tmp_path: Path) -> None:
    other = tmp_path / "copy-2022.csv"
    other.write_bytes((DATA / "2022.csv").read_bytes())
    result = cli("trend", DATA / "2022.csv", other)
    assert result.exit_code == 2 and "one file per year" in result.stderr


def test_html_report_renders_in_headless_chromium(cli, tmp_path: Path, district: Path) -> None:
    """The documented check of docs/reports.md, run when Chromium is installed (Debian: apt install chromium)."""
    import shutil
    import subprocess

    browser = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if browser is None:
        pytest.skip("Chromium is not installed; see docs/reports.md for the manual check")
    page = tmp_path / "report.html"
    page.write_text(_report(cli, district, 2023, fmt="html"), encoding="utf-8")
    shot = tmp_path / "report.png"
    # A process: the page as a real browser draws it.
    proc = subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                           "--disable-background-networking", "--disable-component-update", "--disable-sync",
                           f"--user-data-dir={tmp_path / 'profile'}", "--window-size=1200,1800",
                           f"--screenshot={shot}", page.as_uri()], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-1000:]
    data = shot.read_bytes()
    assert data.startswith(b"\x89PNG") and len(data) > 50_000  # a rendered page with charts, not a blank one


def _report_rows(markdown: str) -> list[list[str]]:
    """The key-indicator table of a Markdown report, cell by cell."""
    section = markdown.split("## 主要指标", 1)[1].split("\n## ", 1)[0]
    lines = [line for line in section.splitlines() if line.startswith("|")]
    return [[c.strip() for c in line.strip("|").split("|")] for line in lines[2:]]


def test_midterm_report_on_the_plan_path_never_reads_both_met_and_behind(cli, tmp_path: Path) -> None:
    files = []
    for year in (2021, 2022):
        out = tmp_path / f"{year}.csv"
        assert cli("template", str(year), "--example", "-o", out).exit_code == 0
        files.append(out)
    report = cli("report", *files, "--lang", "zh")
    assert report.exit_code == 0 and "中期评估报告" in report.stdout
    rows = _report_rows(report.stdout)
    assert len(rows) == 13
    for row in rows:
        status, outlook = row[6], row[8]
        assert status == "达标", row
        assert outlook in ("已实现", "进度正常"), row  # never 达标 and 需加快 / 进展有限 / 偏离目标
    assert "主要指标 13/13 项达到规划 2022 年的进度要求" in report.stdout


def test_final_report_names_the_binding_miss_first(cli, tmp_path: Path) -> None:
    out = tmp_path / "2025.csv"
    assert cli("template", "2025", "--example", "-o", out).exit_code == 0
    text = out.read_text(encoding="utf-8-sig").replace("compulsory.retention_rate,九年义务教育巩固率,%,100,",
                                                       "compulsory.retention_rate,九年义务教育巩固率,%,99.9,")
    assert "99.9" in text
    out.write_text(text, encoding="utf-8")
    report = cli("report", out, "--lang", "zh")
    assert "总结评估报告" in report.stdout
    overview = report.stdout.split("## 总体情况", 1)[1].split("\n## ", 1)[0]
    first = next(line for line in overview.splitlines() if line.strip())
    assert "约束性指标未达标" in first and "九年义务教育巩固率" in first and "99.9" in first
    rows = _report_rows(report.stdout)
    assert rows[0][0].startswith("九年义务教育巩固率") and rows[0][1] == "约束性" and rows[0][6] == "未达标"
    assert [r[1] for r in rows[1:]] == ["预期性"] * 12  # binding first, then the indicative rows
    attention = report.stdout.split("## 需要关注", 1)[1]
    assert attention.strip().splitlines()[0].startswith("- 九年义务教育巩固率（约束性）：未达标，99.9 未达到 ≥100")
    english = cli("report", out, "--lang", "en").stdout.replace("\\", "")  # Markdown escapes (…)
    assert "Binding (约束性) target missed: Nine-year compulsory education retention rate" in english


def test_every_format_shows_the_attribute(cli, tmp_path: Path) -> None:
    f = write_csv(tmp_path / "2022.csv", {"compulsory.retention_rate": 99.9})
    assert "(binding): 99.9 does not meet ≥100" in cli("evaluate", f, "-f", "junit").stdout
    assert "Nine-year compulsory education retention rate (binding)" in cli("evaluate", f, "-f", "github").stdout
    assert "| binding |" in cli("evaluate", f, "-f", "markdown").stdout
    assert " binding " in cli("evaluate", f).stdout
    indicator = next(r for r in as_json(cli("evaluate", f, "-f", "json"))["files"][0]["indicators"]
                     if r["id"] == "compulsory.retention_rate")
    assert indicator["attribute"] == "binding" and indicator["deviation"] == pytest.approx(-0.001)


ALL_YEARS = sorted(DATA.glob("20*.csv"))  # 2021–2025: the newest year is the plan's final year, its targets' due year


def _header(out: str) -> str:
    """The header rows of the tables of a `trend` table output, put together."""
    return " ".join(line for line in out.splitlines() if "┃" in line)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_trend_makes_no_projection_to_a_year_already_reported(cli, monkeypatch: pytest.MonkeyPatch, lang: str) -> None:
    """With 2025.csv in the run the targets' due year is reported: a line read at 2025 (在园幼儿数 1.97 reported,
    "2025年预测 1.9648") is no forecast. None is made (JSON null), and the column goes; with 2021–2024 it stays."""
    header = label(lang, "projection", year=2025)
    for columns in ("100", "250"):  # at 250 columns nothing is folded away for want of room
        monkeypatch.setenv("COLUMNS", columns)
        out = cli("trend", *ALL_YEARS, "--lang", lang)
        assert out.exit_code == 0, out.output
        assert header not in _header(out.stdout)
    series = as_json(cli("trend", *ALL_YEARS, "-f", "json", "--lang", lang))["series"]
    assert series and all("projection" in s["assessment"] for s in series)  # the key stays, null
    assert [s["id"] for s in series if s["assessment"]["projection"] is not None] == []
    assert [s["id"] for s in series if s["assessment"]["projection_meets"] is not None] == []
    before = cli("trend", *ALL_YEARS[:-1], "--lang", lang, "--only", "indicators").stdout
    assert header in _header(before)


def test_a_projection_is_held_within_the_values_a_figure_can_take(cli, monkeypatch: pytest.MonkeyPatch) -> None:
    """2021–2024: the straight line of “一校一品、一支部一特色”学校占比 (60, 72, 81, 100 %) reads 110.5 % in 2025,
    that of 消除大班额 −0.7 %. A rate is never above 100 % nor below 0 (the reader refuses both): the projection is
    held at the bound, judged there, and its note (under the table's *, in JSON projection_note) says so."""
    files = ALL_YEARS[:-1]
    for lang, ceiling, floor in (
        ("zh", "2025年预测按上限 100% 计（按已有年份的直线趋势会超过 100%，而比率不能超过 100%）",
         "2025年预测按下限 0 计（按已有年份的直线趋势会低于 0，而该数值不能为负）"),
        ("en", "projected 2025 held at 100% (the straight line through the years passes it; a rate cannot exceed "
         "100%)", "projected 2025 held at 0 (the straight line through the years falls below it; the figure cannot "
         "be negative)"),
    ):
        series = {s["id"]: s for s in as_json(cli("trend", *files, "-f", "json", "--lang", lang))["series"]}
        for s in series.values():
            projection = s["assessment"]["projection"]
            if projection is not None:
                assert projection >= 0 and (s["unit"] != "%" or projection <= 100), (s["id"], projection)
        brand, classes = series["box2.3.one_school_one_brand"], series["text.compulsory.no_large_classes"]
        assert brand["actual"]["2024"] == 100 and brand["target"] == 100
        assert (brand["assessment"]["projection"], brand["assessment"]["projection_meets"]) == (100, True)
        assert brand["assessment"]["projection_note"] == ceiling
        assert (classes["assessment"]["projection"], classes["assessment"]["projection_meets"]) == (0, True)
        assert classes["assessment"]["projection_note"] == floor
        monkeypatch.setenv("COLUMNS", "250")
        out = cli("trend", *files, "--lang", lang, "--only", "programmes").stdout
        name = brand["name"]
        row = next(line for line in out.splitlines() if line.startswith(f"│ {name}"))
        cells = [cell.strip() for cell in row.split("│")]
        assert row.rstrip(" │").endswith(" *") and "110.5" not in row and "100" in cells, row
        assert f"  * {name}{'：' if lang == 'zh' else ': '}{ceiling}" in out
        assert f"{floor}" in out and "-0.7" not in out


def test_a_report_says_why_its_projection_is_held_at_100(cli, tmp_path: Path) -> None:
    """在园幼儿普惠率 93 % in 2020, 97 % in 2021, 99.5 % in 2022: the line reads 109 % in 2025. The mid-term report
    shows 100, and its 说明 says why; the outlook is read from 100 (it meets ≥93)."""
    files = [write_csv(tmp_path / f"{year}.csv", {"preschool.inclusive_rate": value})
             for year, value in ((2021, 97), (2022, 99.5))]
    report = cli("report", *files, "--lang", "zh")
    assert report.exit_code == 0, report.output
    row = next(r for r in _report_rows(report.stdout) if r[0].startswith("在园幼儿普惠率"))
    assert row[-2:] == ["100", "2025年预测按上限 100% 计（按已有年份的直线趋势会超过 100%，而比率不能超过 100%）"], row
    page = cli("report", *files, "--lang", "en", "--format", "html").stdout
    assert "projected 2025 held at 100% (the straight line through the years passes it; a rate cannot exceed " \
           "100%)</td>" in page
    assert "109" not in report.stdout and ">109" not in page


def test_the_attention_list_separates_names_that_hold_a_comma_of_their_own(cli) -> None:
    """专栏4's failing items in 2025 are 新建普惠性幼儿园（具名） and 茄子溪中学、三十七中建设项目: joined with 、
    they read as three. Names are separated with ；(; in English), which no name holds."""
    zh = cli("report", *ALL_YEARS, "--lang", "zh").stdout
    attention = zh.split("## 需要关注", 1)[1]
    assert "- 专栏4：2 项未达标（新建普惠性幼儿园（具名）；茄子溪中学、三十七中建设项目）" in attention
    assert "- 专栏3：2 项未达标（课程思政教育案例；体育精品课程）" in attention
    page = cli("report", *ALL_YEARS, "--lang", "zh", "--format", "html").stdout
    assert "<li>专栏4：2 项未达标（新建普惠性幼儿园（具名）；茄子溪中学、三十七中建设项目）</li>" in page
    en = cli("report", *ALL_YEARS, "--lang", "en").stdout.replace("\\", "")  # Markdown escapes (…)
    assert "- 专栏3: 2 × fail (Cases of ideology in subject courses; High-quality PE courses)" in en


def test_the_headline_separates_binding_misses_with_a_semicolon(cli, tmp_path: Path) -> None:
    """Several binding targets missed (the qinghe plan has five): each miss is a clause of its own, so they are
    joined with ；, not 、, which a name may hold."""
    plan = Path(__file__).parent / "fixtures" / "plans" / "qinghe"
    f = write_csv(tmp_path / "2030.csv", {"access.compulsory_retention_rate": 96,
                                          "access.upper_secondary_gross_enrolment_rate": 94})
    report = cli("report", f, "--plan", plan, "--lang", "zh")
    assert report.exit_code == 0, report.output
    overview = report.stdout.split("## 总体情况", 1)[1].split("\n## ", 1)[0]
    misses = "约束性指标未达标：九年义务教育巩固率未达标（96，要求 ≥97）；高中阶段教育毛入学率未达标（94，要求 ≥95）；"
    assert misses in overview
    assert "）、" not in overview


def test_a_report_with_no_projection_leaves_the_column_and_its_footnote_out(cli, tmp_path: Path) -> None:
    """A 2021 form left blank: no row has a figure, so none has a projection. The annual report's 2025年预测 column
    was a column of — and its footnote explained projections; both go, in Markdown and HTML alike."""
    blank = tmp_path / "2021.csv"
    assert cli("template", "2021", "-o", blank).exit_code == 0
    for lang in ("zh", "en"):
        header, note = label(lang, "projection", year=2025), label(lang, "report.projection_note", base=2020)
        markdown = cli("report", blank, "--lang", lang).stdout
        assert header not in markdown and note not in markdown.replace("\\", "")
        assert label(lang, "report.assessment") in markdown  # the outlook column stays (无法评估)
        page = cli("report", blank, "--lang", lang, "--format", "html").stdout
        assert header not in page and note not in page
        rows = _report_rows(markdown) if lang == "zh" else []
        assert all(len(r) == 10 for r in rows), rows  # each row as many cells as the header
