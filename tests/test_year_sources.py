"""Years and dates as users write them: a year column that disagrees with the file name is named at its first year
cell (the sheet and cell of a form), with that cell's value, as 年份列 / year column; the year before is asked for
only where the command can take it, and never for the plan's first year; a date typed into a status cell is said
to be one."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import as_json


def test_a_form_whose_year_cells_contradict_its_name_is_named_at_the_first_year_cell(
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    form = tmp_path / "2022.xlsx"
    assert cli("template", "2022", "-o", form).exit_code == 0
    renamed = tmp_path / "2023.xlsx"  # last year's form, saved under this year's name
    form.rename(renamed)
    monkeypatch.setenv("PLANCHK_LANG", "zh")
    zh = cli("evaluate", renamed)
    assert zh.exit_code == 2
    said = "2023.xlsx 专栏1!A2 [年份]：错误：年份列给出的年份（2022）与文件名给出的年份（2023）矛盾（值：'2022'）"
    assert said in zh.stderr
    first = openpyxl.load_workbook(renamed, read_only=True)["专栏1"]
    assert (first["A1"].value, first["A2"].value) == ("年份", 2022)  # the cell the message names holds that
    en = cli("evaluate", renamed, "--lang", "en")
    assert "专栏1!A2 [年份]: error: the year from the year column (2022) contradicts the year from the filename " \
           "(2023) (value: '2022')" in en.stderr


def test_a_csv_year_column_against_name_and_option_is_named_at_its_line(cli, tmp_path: Path) -> None:
    data = tmp_path / "2024.csv"
    data.write_text("id,value,year\npreschool.enrolment,1.7,2022\n", encoding="utf-8")
    out = cli("evaluate", data, "--year", "2021")
    assert out.exit_code == 2
    lines = [line for line in out.stderr.splitlines() if "contradicts" in line]
    assert len(lines) == 2 and all(f"{data}:2 [year]: error: the year from the year column (2022)" in line
                                   and "(value: '2022')" in line for line in lines), out.stderr
    assert any("--year option (2021)" in line for line in lines) and any("filename (2024)" in line for line in lines)


def test_only_evaluate_points_to_previous_when_the_year_before_is_missing(
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """evaluate takes --previous FILE; trend and report do not, so their reason names only the file wanted."""
    from conftest import DATA

    (tmp_path / "2023.csv").write_bytes((DATA / "2023.csv").read_bytes())
    monkeypatch.chdir(tmp_path)  # a short name: the reason stays on one line
    data = "2023.csv"
    monkeypatch.setenv("PLANCHK_LANG", "zh")
    evaluate = cli("evaluate", data).stdout
    assert "（应为 2022.csv，或用 evaluate --previous 指定）" in evaluate
    for run in (cli("report", data, "--year", "2023").stdout, cli("trend", data).stdout):
        assert "所给文件中没有 2023.csv 的上一年（2022年）文件（应为 2022.csv），无法判断逐年规则" in run
        assert "--previous" not in run


def test_a_date_in_a_status_cell_asks_for_the_cell_to_be_typed_again_not_for_a_number(cli, tmp_path: Path) -> None:
    data = tmp_path / "2022.csv"
    data.write_text("id,value\ntext.teachers.e_portfolio,2022/3/5\n", encoding="utf-8")
    zh = cli("evaluate", data, "--lang", "zh").stderr
    assert "应为状态词（完成、在建、未开工），但这是日期 2022-03-05" in zh
    assert "请在电子表格中先把单元格格式设为“常规”（或“文本”），再重新输入" in zh and "请填写数字" not in zh
    en = cli("evaluate", data, "--lang", "en").stderr
    assert "but this is a date, 2022-03-05" in en and "plain number" not in en


def test_the_plans_first_year_asks_for_no_year_before(cli, monkeypatch: pytest.MonkeyPatch) -> None:
    """2021 is the plan's first year: no file of 2020 is looked for (one would be refused as outside the period).
    A year-over-year rule compares with the plan's own 2020 figure where it gives one (逐年提高公办园在园幼儿占比:
    专栏1's 50.15); the rules it gives none for (the budget's 逐年只增不减) begin with 2022."""
    from conftest import ROOT

    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("COLUMNS", "200")
    zh = cli("evaluate", "data/2021.csv", "--lang", "zh").stdout
    assert "上一年：无（2021年是规划期第一年：逐年规则与规划所列2020年数值比较，规划未列的从2022年起判断）" in zh
    assert "2020.csv" not in zh and "--previous" not in zh
    trend = cli("trend", "data/2021.csv", "data/2022.csv", "--lang", "en")
    assert trend.exit_code == 0
    line = "2021 is the plan's first year: the year-over-year rules compare with the plan's own 2020 figures"
    assert f"Year before data/2021.csv: none ({line}" in trend.stdout and "2020.csv" not in trend.stdout
    rules = as_json(cli("trend", "data/2021.csv", "data/2022.csv", "-f", "json", "--lang", "en"))["rules"]
    first = next(r for r in rules if r["id"] == "text.finance.budget_education_spending")["years"][0]
    said = "2021 is the plan's first year and the plan gives no 2020 figure: the rule applies from 2022"
    assert (first["year"], first["status"], first["message"]) == (2021, "cannot_judge", said)
    items = {
        i["id"]: i
        for p in as_json(cli("evaluate", "data/2021.csv", "-f", "json", "--lang", "zh"))["files"][0]["programmes"]
        for i in p["items"]
    }
    rising = items["text.preschool.public_share_rising"]
    assert (rising["status"], rising["expected"], rising["actual"]) == ("pass", 50.15, 51.6)
    assert rising["message"] == "高于规划所列2020年数值 50.15（专栏1）" and rising["compared_with"] is None
    assert items["text.finance.per_pupil_spending"]["status"] == "cannot_judge"


def test_the_first_years_rule_fails_below_the_plans_own_figure(cli, tmp_path: Path) -> None:
    """The same rule in 2021 with a share at or below 专栏1's 2020 figure fails, naming that figure."""
    from conftest import DATA

    lines = (DATA / "2021.csv").read_text(encoding="utf-8").splitlines()
    f = tmp_path / "2021.csv"
    share = "preschool.public_share,"
    mine = [line.replace(",%,51.6,", ",%,50.15,") if line.startswith(share) else line for line in lines]
    assert mine != lines
    f.write_text("\n".join(mine) + "\n", encoding="utf-8")
    out = as_json(cli("evaluate", str(f), "-f", "json", "--lang", "en"))
    rising = next(
        i for p in out["files"][0]["programmes"] for i in p["items"] if i["id"] == "text.preschool.public_share_rising"
    )
    assert rising["status"] == "fail"
    assert rising["message"] == "50.15 is not above the plan's 2020 figure, 50.15 (专栏1; must rise every year)"


def test_a_year_cell_written_the_chinese_way_is_a_year(cli, tmp_path: Path) -> None:
    """2022年 and 2022年度 in a 年份 column, as Chinese forms write them, give the year; 2022年3月 is a date:
    refused."""
    f = tmp_path / "form.csv"
    f.write_text("年份,编号,数值\n2022年,preschool.enrolment,1.69\n2022年度,compulsory.retention_rate,100\n",
                 encoding="utf-8")
    result = as_json(cli("validate", str(f), "-f", "json"))
    assert result["validated"][0]["year"] == 2022 and result["validated"][0]["source"]["year_from"] == "column"
    g = tmp_path / "form2.csv"
    g.write_text("年份,编号,数值\n2022年3月,preschool.enrolment,1.69\n", encoding="utf-8")
    refused = cli("validate", str(g), "--lang", "zh")
    said = "form2.csv:2 [年份]：错误：应为四位数的年份（如 2022 或 2022年）（值：'2022年3月'）"
    assert refused.exit_code == 2 and said in refused.output


def test_a_file_name_of_several_years_says_so(cli, tmp_path: Path) -> None:
    """十四五2021-2025_2022.csv holds three years: "put the year in the file name" read as if it held none."""
    from conftest import DATA

    f = tmp_path / "十四五2021-2025_2022.csv"
    f.write_bytes((DATA / "2022.csv").read_bytes())
    result = cli("validate", str(f), "--lang", "zh")
    assert result.exit_code == 2 and "文件名中有几个年份（2021、2022、2025）" in result.output
    assert cli("validate", str(f), "--year", "2022").exit_code == 0
