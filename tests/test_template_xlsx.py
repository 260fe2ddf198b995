"""The .xlsx form of `planchk template` (docs/rules.md#the-xlsx-form): locked reference cells, editable value
and note cells with data validation, and a filled form judged exactly as the same values in a CSV."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from conftest import by_id, one_file


def form(cli, tmp_path: Path, *extra: str) -> Path:
    path = tmp_path / "form-2023.xlsx"
    result = cli("template", "2023", "-o", path, *extra)
    assert result.exit_code == 0, result.output
    return path


def test_the_form_locks_the_reference_cells_and_validates_the_values(cli, tmp_path: Path) -> None:
    book = openpyxl.load_workbook(form(cli, tmp_path))
    assert book.sheetnames[0] == "填写说明" and "专栏1" in book.sheetnames and "专栏2" in book.sheetnames
    sheet = book["专栏1"]
    assert [c.value for c in sheet[1]] == ["年份", "编号", "名称", "单位", "计数方式", "本年规划值", "数值", "备注"]
    assert sheet.protection.sheet and sheet.freeze_panes == "A2"
    assert sheet["B2"].value == "preschool.enrolment" and sheet["D2"].value == "万人"
    for ref in ("A2", "B2", "C2", "D2", "E2", "F2"):
        assert sheet[ref].protection.locked, ref
    assert not sheet["G2"].protection.locked and not sheet["H2"].protection.locked
    rules = {str(v.sqref): v for v in sheet.data_validations.dataValidation}
    enrolment = rules["G2"]
    assert enrolment.type == "decimal" and enrolment.errorStyle == "warning"
    assert float(enrolment.formula1) < 1.47 < float(enrolment.formula2)  # the 2020 value ÷/× 5
    by_id = {sheet[ref].offset(0, -5).value: v for ref, v in rules.items()}
    rate = by_id["preschool.inclusive_rate"]
    assert (rate.type, float(rate.formula1), float(rate.formula2), rate.errorStyle) == ("decimal", 0, 100, None)
    # a gross rate may pass 100: up to the plan's limit, with a warning an office may pass (已核实 in 备注)
    gross = by_id["upper_secondary.gross_enrolment_rate"]
    bounds = (gross.type, float(gross.formula1), float(gross.formula2), gross.errorStyle)
    assert bounds == ("decimal", 0, 120, "warning")
    assert "可以超过 100" in gross.error
    statuses = [v for s in book.worksheets for v in s.data_validations.dataValidation if v.type == "list"]
    assert statuses and statuses[0].formula1 == '"完成,在建,未开工"'
    wholes = [v for s in book.worksheets for v in s.data_validations.dataValidation if v.type == "whole"]
    assert wholes
    assert sheet.page_setup.paperSize == 9 and sheet.print_title_rows == "$1:$1"
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    guide = " ".join(str(c.value) for row in book["填写说明"].iter_rows() for c in row if c.value)
    for words in ("完成", "在建", "未开工", "累计", "当年数", "0 到 100", "已核实"):
        assert words in guide, words


def test_a_filled_form_is_judged_as_the_same_values_in_csv(cli, tmp_path: Path) -> None:
    example = tmp_path / "2023.csv"
    assert cli("template", "2023", "--example", "-o", example).exit_code == 0
    import csv

    values = {r["id"]: r["value"] for r in csv.DictReader(example.read_text("utf-8-sig").splitlines())}
    path = form(cli, tmp_path)
    book = openpyxl.load_workbook(path)
    words = {"done": "完成", "in_progress": "在建", "not_started": "未开工"}
    for sheet in book.worksheets[1:]:
        for row in sheet.iter_rows(min_row=2):
            given = values.get(row[1].value, "")
            row[6].value = words.get(given) or (float(given) if given else None)
    book.save(path)
    from_csv = one_file(cli("evaluate", example, "-f", "json"))
    from_form = one_file(cli("evaluate", path, "-f", "json"))

    def verdicts(report: dict) -> dict:
        return {k: (r["status"], r["level"], r["actual"], r["expected"]) for k, r in by_id(report).items()}

    assert verdicts(from_form) == verdicts(from_csv)
    assert from_form["summary"] == from_csv["summary"] and from_form["summary"]["warnings"] == 0
    assert from_form["year"] == 2023 and from_form["source"]["year_from"] == "column"


def test_format_option_and_the_empty_form(cli, tmp_path: Path) -> None:
    path = tmp_path / "out.bin"
    assert cli("template", "2023", "--format", "xlsx", "-o", path).exit_code == 0
    assert path.read_bytes().startswith(b"PK\x03\x04")
    misnamed = cli("evaluate", path, "--year", "2023")
    assert misnamed.exit_code == 2 and "name it .xlsx and planchk reads it" in misnamed.stderr
    book = path.rename(tmp_path / "empty.xlsx")
    report = cli("evaluate", book, "--year", "2023", "-f", "json")
    assert report.exit_code == 1, report.stderr  # read, and judged: every figure missing, binding ones an error
    judged = one_file(report)
    assert judged["summary"]["pass"] == judged["summary"]["fail"] == 0 and judged["summary"]["missing"] > 0
    # the 2023 form asks only for what 2023 can judge (docs/rules.md#a-baseline-first-reported): all missing
    assert {r["status"] for r in by_id(judged).values()} == {"missing"}


def test_a_form_named_xls_is_refused_not_written_as_csv(cli, tmp_path: Path) -> None:
    out = tmp_path / "form.xls"
    result = cli("template", "2023", "-o", out)
    assert result.exit_code == 2 and ".xlsx" in result.stderr and not out.exists()
