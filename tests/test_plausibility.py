"""Plausibility before judging (docs/bad-input.md#plausibility): unit slips are refused, real figures pass."""

from __future__ import annotations

from pathlib import Path

from conftest import as_json, one_file, write_csv


def test_dadukou_2023_enrolment_figures_are_judged_normally(cli, tmp_path: Path) -> None:
    f = write_csv(tmp_path / "2023.csv", {"compulsory.primary_enrolment": "2.9722",
                                          "compulsory.junior_secondary_enrolment": "1.2074",
                                          "compulsory.enrolment": "4.1796"})
    result = cli("evaluate", f, "-f", "json")
    report = one_file(result)
    got = {r["id"]: r["actual"] for r in report["indicators"]}
    assert (got["compulsory.primary_enrolment"], got["compulsory.enrolment"]) == (2.9722, 4.1796)
    assert report["consistency"] == []  # 2.9722 + 1.2074 = 4.1796


def test_a_figure_divided_by_1000_not_10000_is_refused(cli, tmp_path: Path) -> None:
    f = write_csv(tmp_path / "2023.csv", {"compulsory.primary_enrolment": "29.722"})
    result = cli("evaluate", f)
    assert result.exit_code == 2
    assert "29.722 万人" in result.stderr and "2.52" in result.stderr and "10 000" in result.stderr
    assert "Summary" not in result.stdout  # the file was not judged


def test_a_fraction_for_a_percentage_is_refused(cli, tmp_path: Path) -> None:
    result = cli("validate", write_csv(tmp_path / "2023.csv", {"preschool.gross_enrolment_rate": "0.998"}))
    assert result.exit_code == 2 and "(99.8, not 0.998)" in result.stderr


def test_yuan_after_wan_yuan_the_year_before_is_refused(cli, tmp_path: Path) -> None:
    a = write_csv(tmp_path / "2022.csv", {"text.finance.budget_education_spending": "124300"})
    b = write_csv(tmp_path / "2023.csv", {"text.finance.budget_education_spending": "1243000000"})
    result = cli("evaluate", a, b, "-f", "json")
    assert result.exit_code == 2
    assert "previous year's 124300" in result.stderr and "not 万元" in result.stderr
    import json

    report = json.loads(result.stdout)
    assert [f["year"] for f in report["files"]] == [2022]  # the good year is still judged
    assert report["errors"][0]["code"] == "input.implausible" and report["errors"][0]["message_zh"]
    # the same with --previous
    assert cli("evaluate", b, "--previous", a).exit_code == 2
    # an ordinary rise passes
    c = write_csv(tmp_path / "2023.csv", {"text.finance.budget_education_spending": "129900"})
    ok = cli("evaluate", a, c)
    assert ok.exit_code != 2 and "plausib" not in ok.stderr


def test_a_confirmed_extreme_value_is_judged_with_a_notice(cli, tmp_path: Path) -> None:
    f = tmp_path / "2023.csv"
    f.write_text("id,value,note\ncompulsory.primary_enrolment,29.722,已核实:含外区借读生\n", encoding="utf-8")
    report = one_file(cli("evaluate", f, "-f", "json"))
    assert any(n["code"] == "notice.implausible_confirmed" for n in report["notices"])


def test_small_counts_of_things_built_may_jump(cli, tmp_path: Path) -> None:
    """10 思政示范学校 by 2025: 9 in 2022 (more than twice the path's 4) is a result, not a slip."""
    f = write_csv(tmp_path / "2022.csv", {"box3.1.ideology_model_schools": "9", "compulsory.retention_rate": 100})
    result = cli("evaluate", f, "-f", "json")
    assert result.exit_code == 0 and "plausib" not in result.stderr
    assert one_file(result)["year"] == 2022


# ── where a plausibility finding is: the row's value cell, as every other problem of the row ──────────
_EXAMPLE_FORMS: dict[int, bytes] = {}  # each year's example form as the command line first wrote it here


def form(cli, path: Path, year: int, values: dict[str, object], notes: dict[str, str] | None = None) -> Path:
    """`planchk template` filled in: the plan's own values, with `values` typed into 专栏1's 数值 (column G). The
    form is made once a year, then copied afresh for each case."""
    import openpyxl

    if year not in _EXAMPLE_FORMS:
        assert cli("template", str(year), "-o", path, "--example", "--force").exit_code == 0
        _EXAMPLE_FORMS[year] = path.read_bytes()
    path.write_bytes(_EXAMPLE_FORMS[year])
    book = openpyxl.load_workbook(path)
    sheet = book["专栏1"]
    for row in sheet.iter_rows(min_row=2):
        if row[1].value in values:
            row[6].value = values[row[1].value]
        if notes and row[1].value in notes:
            row[7].value = notes[row[1].value]
    book.save(path)
    return path


def test_an_implausible_value_in_a_workbook_is_at_its_sheet_and_cell(cli, tmp_path: Path) -> None:
    """29.722 万人 in the form's 数值 cell G7: located like every other problem of the file, in every format."""
    path = form(cli, tmp_path / "form.xlsx", 2022, {"compulsory.primary_enrolment": 29.722})
    result = cli("evaluate", path)
    assert result.exit_code == 2
    assert f"{path} 专栏1!G7 [数值]: error: 29.722 万人 is 12× the size of its 2020 value 2.52" in result.stderr
    zh = cli("evaluate", path, "--lang", "zh")
    assert f"{path} 专栏1!G7 [数值]：错误：29.722 万人" in zh.stderr and f"{path}:7" not in zh.stderr
    [error] = as_json(cli("evaluate", path, "-f", "json"))["errors"]
    assert (error["code"], error["file"], error["sheet"], error["line"], error["column"], error["column_number"]) == (
        "input.implausible", str(path), "专栏1", 7, "数值", 7)
    github = cli("evaluate", path, "-f", "github").stdout
    assert f"::error file={path},title=planchk 数值::专栏1!G7: 29.722 万人" in github and "line=7" not in github
    assert '<testcase classname="input" name="专栏1!G7 数值"' in cli("evaluate", path, "-f", "junit").stdout
    assert "| 专栏1\\!G7 | 数值 |" in cli("evaluate", path, "-f", "markdown").stdout
    # a rate given as a fraction, and a confirmed extreme value (a notice), are at their cells too
    path = form(cli, tmp_path / "form.xlsx", 2022, {"preschool.gross_enrolment_rate": 0.998,
                                                    "compulsory.primary_enrolment": 29.722},
                {"compulsory.primary_enrolment": "已核实：含借读生"})
    [error] = as_json(cli("evaluate", path, "-f", "json"))["errors"]
    assert (error["code"], error["sheet"], error["line"], error["column_number"]) == (
        "input.rate_as_fraction", "专栏1", 3, 7)
    path = form(cli, tmp_path / "form.xlsx", 2022, {"compulsory.primary_enrolment": 29.722},
                {"compulsory.primary_enrolment": "已核实：含借读生"})
    report = one_file(cli("evaluate", path, "-f", "json"))
    [confirmed] = [n for n in report["notices"] if n["code"] == "notice.implausible_confirmed"]
    assert (confirmed["sheet"], confirmed["line"], confirmed["column"], confirmed["column_number"]) == (
        "专栏1", 7, "数值", 7)
    assert f"{path} 专栏1!G7: 29.722 万人" in cli("evaluate", path).stdout


def test_an_implausible_value_in_a_csv_is_at_its_line_and_column(cli, tmp_path: Path) -> None:
    f = tmp_path / "2023.csv"
    f.write_text("id,名称,数值\ncompulsory.retention_rate,巩固率,100\ncompulsory.primary_enrolment,小学,29.722\n",
                 encoding="utf-8")
    result = cli("evaluate", f)
    assert result.exit_code == 2 and f"{f}:3 [数值]: error: 29.722 万人" in result.stderr
    [error] = as_json(cli("evaluate", f, "-f", "json"))["errors"]
    assert (error["sheet"], error["line"], error["column"], error["column_number"]) == (None, 3, "数值", 3)
    assert f"::error file={f},line=3,col=3,title=planchk 数值::29.722 万人" in cli("evaluate", f, "-f", "github").stdout


def test_combine_and_previous_name_the_file_and_sheet_of_the_implausible_value(cli, tmp_path: Path) -> None:
    import openpyxl

    first = tmp_path / "教育科.csv"
    first.write_text("id,value\ncompulsory.retention_rate,100\npreschool.gross_enrolment_rate,0.998\n",
                     encoding="utf-8")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "计财科"
    for row in [["说明"], ["编号", "名称", "数值"], ["compulsory.primary_enrolment", "普通小学在校学生数", 29.722]]:
        sheet.append(row)
    second = tmp_path / "计财科.xlsx"
    book.save(second)
    result = cli("evaluate", "--combine", "--year", "2023", first, second)
    assert result.exit_code == 2
    assert f"{first}:3 [value]: error: 0.998 % is far below" in result.stderr
    assert f"{second} 计财科!C3 [数值]: error: 29.722 万人" in result.stderr
    assert " + " not in "".join(line.split(":")[0] for line in result.stderr.splitlines() if "error:" in line)
    errors = as_json(cli("evaluate", "--combine", "--year", "2023", first, second, "-f", "json"))["errors"]
    assert {(e["file"], e["sheet"], e["line"], e["column_number"]) for e in errors} == {
        (str(first), None, 3, 2), (str(second), "计财科", 3, 3)}
    # --previous: the error is at this year's cell; the previous value is named by its file, sheet and cell
    before = tmp_path / "2022.xlsx"
    book = openpyxl.Workbook()
    book.active.title = "2022年"
    for row in [["id", "value"], ["compulsory.retention_rate", 100],
                ["text.finance.budget_education_spending", 124300]]:
        book.active.append(row)
    book.save(before)
    now = tmp_path / "2023.xlsx"
    book = openpyxl.Workbook()
    book.active.title = "2023年"
    for row in [["id", "value"], ["text.finance.budget_education_spending", 1243000000]]:
        book.active.append(row)
    book.save(now)
    for args in (("--previous", before), (before,)):
        result = cli("evaluate", now, *args)
        assert result.exit_code == 2
        assert (f"{now} 2023年!B2 [value]: error: 1243000000 万元 is 10,000× the size of the previous year's "
                f"124300 ({before} 2022年!B3)") in result.stderr


def test_parts_that_do_not_add_up_are_at_the_totals_cell(cli, tmp_path: Path) -> None:
    """The other finding about a row after it is read (docs/rules.md#3-judging-a-year) is located the same way."""
    path = form(cli, tmp_path / "form.xlsx", 2022, {"compulsory.enrolment": 4.3, "compulsory.primary_enrolment": 2.97,
                                                    "compulsory.junior_secondary_enrolment": 1.21})
    [finding] = one_file(cli("evaluate", path, "-f", "json"))["consistency"]
    assert (finding["code"], finding["file"], finding["sheet"], finding["line"], finding["column"]) == (
        "parts-sum", str(path), "专栏1", 6, "数值")
    assert finding["column_number"] == 7


def test_a_slip_is_said_in_the_same_run_as_the_files_other_problems(cli, tmp_path: Path) -> None:
    """0.998 for 99.8 % beside a date in a count cell: both in one run, in the file's order, whatever the command
    (the slip used to appear only once the date was fixed)."""
    data = tmp_path / "2022.csv"
    data.write_text("id,value\npreschool.gross_enrolment_rate,0.998\npreschool.enrolment,2022/3/5\n", "utf-8")
    for command in (["validate"], ["evaluate"], ["trend"], ["report", "--year", "2022"], ["trend", "--combine"]):
        result = cli(*command, data, "--lang", "zh")
        lines = result.stderr.splitlines()
        assert result.exit_code == 2 and result.stdout.count("达标 ") == 0, command
        assert lines[0].startswith(f"{data}:2 [value]：错误：0.998% 远低于 2020 年数值 99.8%"), lines
        assert lines[1].startswith(f"{data}:3 [value]：错误：应为数字（单位：万人），但这是日期 2022-03-05"), lines
        assert f"{data} 中有 2 个问题" in lines[2]


def test_a_forms_slip_and_its_other_problem_come_in_the_order_of_its_sheets(cli, tmp_path: Path) -> None:
    import datetime

    import openpyxl

    form = tmp_path / "2022.xlsx"
    assert cli("template", "2022", "--example", "-o", form).exit_code == 0
    book = openpyxl.load_workbook(form)
    first = book["专栏1"]
    row = next(r for r in range(2, 20) if first.cell(r, 2).value == "preschool.gross_enrolment_rate")
    first.cell(row, 7).value = 0.998
    book["专栏3"]["G2"] = datetime.datetime(2022, 3, 5)
    book.save(form)
    lines = cli("validate", form, "--lang", "zh").stderr.splitlines()
    assert lines[0].startswith(f"{form} 专栏1!G{row} [数值]：错误：0.998% 远低于"), lines
    assert lines[1].startswith(f"{form} 专栏3!G2 [数值]：错误：应为状态词"), lines


def test_the_chinese_message_spaces_the_scale_as_chinese_is_set(cli, tmp_path: Path) -> None:
    """是 2020 年数值 2.52 的 12 倍 (a space where a digit meets Chinese), 是上一年数值 1.2（2022.csv:2）的 (none
    beside a Chinese word or a full-width bracket): it said 是 上一年数值 and ） 的."""
    f = write_csv(tmp_path / "2023.csv", {"compulsory.primary_enrolment": "29.72"})
    base = cli("validate", f, "--lang", "zh").output
    assert "29.72 万人，是 2020 年数值 2.52 的 12 倍：" in base
    (tmp_path / "d").mkdir()
    a = write_csv(tmp_path / "d" / "2022.csv", {"text.finance.budget_education_spending": "120000"})
    b = write_csv(tmp_path / "d" / "2023.csv", {"text.finance.budget_education_spending": "12"})
    prev = cli("validate", a, b, "--lang", "zh").output
    assert f"12 万元，是上一年数值 120000（{a}:2）的 1/10,000：" in prev and "） 的" not in prev, prev


def test_a_share_brought_down_to_zero_may_fall_by_any_factor(cli, tmp_path: Path) -> None:
    """消除大班额 (≤ 0 %): 2.1 % in 2022 and 0.4 % in 2023 is progress, not a slip (it was refused as 1/5 of the
    year before); a rise to 5 times the year before is still one."""
    import shutil

    from conftest import DATA

    def year_2023(value: str) -> Path:
        folder = tmp_path / value
        folder.mkdir()
        shutil.copyfile(DATA / "2022.csv", folder / "2022.csv")
        lines = (DATA / "2023.csv").read_text(encoding="utf-8").splitlines()
        row = "text.compulsory.no_large_classes"
        mine = [",".join([*c[:4], value, *c[5:]]) if (c := line.split(","))[1] == row else line for line in lines]
        assert mine != lines
        (folder / "2023.csv").write_text("\n".join(mine) + "\n", encoding="utf-8")
        return folder

    fell = year_2023("0.4")
    assert cli("validate", fell / "2022.csv", fell / "2023.csv").exit_code == 0
    rose = year_2023("11")
    result = cli("validate", rose / "2022.csv", rose / "2023.csv", "--lang", "en")
    assert result.exit_code == 2 and "11 % is 5× the size of the previous year's 2.1" in result.output
