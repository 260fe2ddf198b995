"""Workbooks in (docs/rules.md#workbooks): a sheet laid out like the CSV contract reads like the CSV, every
problem is located by sheet and cell, and a hostile workbook is refused fast with bounded memory."""

from __future__ import annotations

import os
import re
import struct
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest

from conftest import DATA, ROOT, Work, as_json, by_id, one_file

SHEET_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">{doctype}<sheetData>{rows}'
    "</sheetData></worksheet>"
)


def csv_rows(path: Path) -> list[list[str]]:
    import csv

    return list(csv.reader(path.read_text(encoding="utf-8").splitlines()))


def workbook(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def as_numbers(rows: list[list[str]]) -> list[list[object]]:
    """CSV rows with every value that is a plain number stored as a number cell."""
    out: list[list[object]] = []
    for row in rows:
        out.append([float(c) if re.fullmatch(r"\d+(\.\d+)?", c) else (c or None) for c in row])
    return out


def verdicts(report: dict) -> dict[str, tuple]:
    return {k: (r["status"], r["level"], r["actual"], r["expected"], r["line"]) for k, r in by_id(report).items()}


def evaluate(cli, *paths: Path, extra: tuple[str, ...] = ()):
    return cli("evaluate", *paths, "--format", "json", *extra)


def test_a_workbook_with_the_csv_headers_evaluates_like_the_csv(cli, tmp_path: Path) -> None:
    rows = csv_rows(DATA / "2022.csv")
    book = workbook(tmp_path / "2022.xlsx", {"统计表": as_numbers(rows)})
    from_csv, from_book = one_file(evaluate(cli, DATA / "2022.csv")), one_file(evaluate(cli, book))
    assert verdicts(from_book) == verdicts(from_csv)
    assert from_book["summary"] == from_csv["summary"]
    assert from_book["source"]["encoding"] == "xlsx" and from_book["source"]["year_from"] == "filename"


def test_numbers_stored_as_text_read_too(cli, tmp_path: Path) -> None:
    rows = csv_rows(DATA / "2022.csv")
    book = workbook(tmp_path / "2022.xlsx", {"统计表": rows})  # every cell a text cell
    assert verdicts(one_file(evaluate(cli, book))) == verdicts(one_file(evaluate(cli, DATA / "2022.csv")))


def test_a_bad_cell_is_reported_by_sheet_and_cell(cli, tmp_path: Path) -> None:
    rows: list[list[object]] = [["id", "value"]] + [["preschool.enrolment", 1.67]] * 0
    rows += [["compulsory.retention_rate", 100]] + [[None, None]] * 4 + [["preschool.public_share", "#DIV/0!"]]
    book = workbook(tmp_path / "2022.xlsx", {"统计表": rows})
    result = cli("evaluate", book)
    assert result.exit_code == 2
    assert f"{book} 统计表!B7 [value]: error: expected a number" in result.stderr
    [error] = as_json(evaluate(cli, book))["errors"]
    assert (error["sheet"], error["line"], error["column_number"]) == ("统计表", 7, 2)
    github = cli("evaluate", book, "--format", "github").stdout
    assert f"::error file={book},title=planchk value::统计表!B7: expected a number" in github
    assert "<testcase classname=\"input\" name=\"统计表!B7 value\"" in cli("evaluate", book, "--format", "junit").stdout
    assert "| 统计表\\!B7 | value |" in cli("evaluate", book, "--format", "markdown").stdout


def test_stored_digits_are_read_as_stored(cli, tmp_path: Path) -> None:
    """2.9722 stays 2.9722 (not 2.9721999999); a computed value Excel wrote with 17 digits is read in the
    fewest digits that are the same number; a cell formatted as a percentage reads as it shows."""
    book = workbook(tmp_path / "2022.xlsx", {"S": [["id", "value", "note"],
                                                   ["compulsory.primary_enrolment", 2.9722, None],
                                                   ["compulsory.junior_secondary_enrolment", 1.25, None],
                                                   ["preschool.public_share", 0.532, None],
                                                   ["compulsory.retention_rate", 100, None]]})
    loaded = openpyxl.load_workbook(book)
    loaded["S"]["B4"].number_format = "0.0%"
    loaded.save(book)
    rewrite(book, "xl/worksheets/sheet1.xml", lambda xml: xml.replace(b"<v>1.25</v>", b"<v>1.2500000000000002</v>")
            .replace(b"<v>2.9722</v>", b"<v>2.9721999999999999</v>"))
    rows = by_id(one_file(evaluate(cli, book)))
    assert rows["compulsory.primary_enrolment"]["actual"] == 2.9722
    assert rows["compulsory.junior_secondary_enrolment"]["actual"] == 1.25
    assert rows["preschool.public_share"]["actual"] == 53.2


def test_formulas_read_by_their_cached_value_and_one_without_is_an_error(cli, tmp_path: Path) -> None:
    import xlsxwriter

    path = tmp_path / "2022.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("统计表")
    sheet.write_row(0, 0, ["id", "value"])
    sheet.write_row(1, 0, ["preschool.enrolment"])
    sheet.write_formula(1, 1, "=16700/10000", None, 1.67)
    sheet.write_row(2, 0, ["compulsory.retention_rate", 100])
    book.close()
    assert by_id(one_file(evaluate(cli, path)))["preschool.enrolment"]["actual"] == 1.67
    rewrite(path, "xl/worksheets/sheet1.xml", lambda xml: re.sub(rb"<v>1\.67</v>", b"", xml))
    result = cli("evaluate", path)
    assert result.exit_code == 2
    assert f"{path} 统计表!B2 [value]: error: a formula whose value was never computed" in result.stderr
    assert "(value: '=16700/10000')" in result.stderr


@pytest.mark.parametrize(
    ("cached", "kind"),
    [("<v />", ""), ("<v></v>", ""), ("<v>  </v>", ""), ("", ""), ("<v></v>", ' t="n"'), ("<v/>", ' t="e"'),
     ("<v></v>", ' t="b"')],
    ids=["openpyxl", "empty", "spaces", "no_v", "number", "error", "boolean"],
)
def test_a_formula_saved_by_openpyxl_with_an_empty_value_is_an_error_at_its_cell(
    cli, tmp_path: Path, cached: str, kind: str
) -> None:
    """openpyxl does not calculate: `ws["G2"] = "=1.7+0.04"` is saved as <f>1.7+0.04</f><v /> — no value, as
    much as a formula without <v>; it is an error at its cell, never a missing row."""
    path = tmp_path / "2022.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "专栏1"
    for row in [["年份", "编号", "名称", "单位", "计数方式", "本年规划值", "数值"],
                [2022, "preschool.enrolment", "在园幼儿数", "万人", "当年值", "1.67"],
                [2022, "compulsory.retention_rate", "巩固率", "%", "当年值", "100", 100]]:
        sheet.append(row)
    sheet["G2"] = "=1.7+0.04"
    book.save(path)
    with zipfile.ZipFile(path) as saved:
        assert b'<c r="G2"><f>1.7+0.04</f><v /></c>' in saved.read("xl/worksheets/sheet1.xml")
    shape = f'<c r="G2"{kind}><f>1.7+0.04</f>{cached}</c>'.encode()
    rewrite(path, "xl/worksheets/sheet1.xml", lambda xml: xml.replace(b'<c r="G2"><f>1.7+0.04</f><v /></c>', shape))
    result = cli("evaluate", path)
    assert result.exit_code == 2 and "missing" not in result.stdout
    assert f"{path} 专栏1!G2 [数值]: error: a formula whose value was never computed" in result.stderr
    [error] = as_json(evaluate(cli, path))["errors"]
    assert (error["code"], error["sheet"], error["line"], error["column"], error["column_number"], error["value"]) == (
        "input.formula_without_value", "专栏1", 2, "数值", 7, "=1.7+0.04")
    zh = cli("evaluate", path, "--lang", "zh")
    assert zh.exit_code == 2 and f"{path} 专栏1!G2 [数值]：错误：公式没有计算结果" in zh.stderr


def test_a_text_formula_that_computed_an_empty_text_is_an_empty_cell(cli, tmp_path: Path) -> None:
    """=IF(F2="","",F2/10000) where F2 is empty: Excel saves the empty text it computed, t="str" and an empty
    <v>. The cell is empty as it shows (the row is missing), not a formula left uncomputed."""
    path = workbook(tmp_path / "2022.xlsx", {"统计表": [["id", "value", "人数"], ["preschool.enrolment", 1.0, None],
                                                     ["compulsory.retention_rate", 100]]})
    rewrite(path, "xl/worksheets/sheet1.xml", lambda xml: re.sub(
        rb'<c r="B2"[^>]*><v>1</v></c>', b'<c r="B2" t="str"><f>IF(C2="","",C2/10000)</f><v></v></c>', xml))
    result = evaluate(cli, path)
    assert result.exit_code == 0, result.stderr
    report = one_file(result)
    assert by_id(report)["preschool.enrolment"]["status"] == "missing"
    assert by_id(report)["compulsory.retention_rate"]["actual"] == 100


def qa_book(path: Path, enrolment: str, hidden_id: str) -> Path:
    """A form as a tester builds it with openpyxl: a merged title, every figure stored as text (one in full-width
    digits), a 合计 row whose value is =SUM(...) saved uncomputed, a column read past (本年规划值) with an uncomputed
    formula, and a hidden sheet holding one more row."""
    rows = {row[0]: row for row in csv_rows(DATA / "2022.csv")}
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "2022年统计"
    sheet["A1"] = "大渡口区2022年教育事业统计表"
    sheet.merge_cells("A1:F1")
    sheet.append([*rows["id"], "本年规划值"])
    sheet.append([*rows["preschool.enrolment"][:3], enrolment, None, None, "=1.69"])
    sheet.append(rows["preschool.gross_enrolment_rate"])
    sheet.append([*rows["compulsory.retention_rate"][:3], "１００"])
    sheet.append(rows["text.teachers.teacher_total"])
    sheet.append([None, "合计", None, "=SUM(D3:D6)"])
    hidden = book.create_sheet("hidden")
    hidden.sheet_state = "hidden"
    hidden.append(rows["id"])
    hidden.append(rows[hidden_id])
    book.save(path)
    return path


@pytest.fixture(scope="module")
def qa_books(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Two such forms, built once: one with an uncomputed formula on a read row and the hidden sheet repeating
    a row of the other sheet; one without those, to be judged."""
    folder = tmp_path_factory.mktemp("qa")
    return {
        "broken": qa_book(folder / "broken-2022.xlsx", "=16700/10000", "text.teachers.teacher_total"),
        "clean": qa_book(folder / "clean-2022.xlsx", "1.69", "preschool.inclusive_rate"),
    }


def test_every_problem_of_a_workbook_is_listed_in_one_run_with_its_column_and_formula(cli, qa_books) -> None:
    """An uncomputed formula is one problem among the others (the repeated id on the hidden sheet is not held
    back until it is fixed), named like them by sheet, cell, column and value; the totals row's =SUM is not one."""
    path = qa_books["broken"]
    result = cli("evaluate", path)
    assert result.exit_code == 2
    errors = [line for line in result.stderr.splitlines() if ": error: " in line]
    assert len(errors) == 2, result.stderr
    assert errors[0].startswith(f"{path} 2022年统计!D3 [value]: error: a formula whose value was never computed")
    assert errors[0].endswith("(value: '=16700/10000')")
    assert errors[1].startswith(f"{path} hidden!D2 [value]: error: id 'text.teachers.teacher_total' is filled in at")
    assert "D7" not in result.stderr and "SUM" not in result.stderr and "G3" not in result.stderr
    zh = cli("evaluate", path, "--lang", "zh")
    assert f"{path} 2022年统计!D3 [value]：错误：公式没有计算结果" in zh.stderr
    assert "（值：'=16700/10000'）" in zh.stderr
    assert "2 problem(s)" in result.stderr


def test_a_totals_row_of_uncomputed_formulas_is_ignored_as_the_docs_say(cli, qa_books) -> None:
    """合计 … =SUM(D3:D6) saved uncomputed: the totals row is ignored with its notice, its formula with it, and the
    file is judged (the figures stored as text read as numbers)."""
    path = qa_books["clean"]
    result = evaluate(cli, path)
    assert result.exit_code != 2, result.stderr
    report = one_file(result)
    notices = {n["code"]: n for n in report["notices"]}
    assert (notices["notice.total_row"]["sheet"], notices["notice.total_row"]["line"]) == ("2022年统计", 7)
    rows = by_id(report)
    assert (rows["preschool.enrolment"]["actual"], rows["compulsory.retention_rate"]["actual"]) == (1.69, 100)


def test_a_hidden_sheet_is_named_as_a_hidden_sheet(cli, qa_books) -> None:
    path = qa_books["clean"]
    report = one_file(evaluate(cli, path))
    notices = {n["code"]: n for n in report["notices"]}
    assert (notices["notice.hidden_sheet"]["sheet"], notices["notice.hidden_sheet"]["line"]) == ("hidden", 2)
    assert "notice.hidden_rows" not in notices
    assert by_id(report)["preschool.inclusive_rate"]["actual"] == 93.4  # read from the hidden sheet
    en = cli("evaluate", path).stdout
    assert f"{path} hidden!2:2: sheet 'hidden' is hidden: its 1 row(s) are read all the same (line 2)" in en
    zh = cli("evaluate", path, "--lang", "zh").stdout
    assert f"{path} hidden!2:2：工作表「hidden」是隐藏的：其中 1 行照样读取（第 2 行）" in zh


def test_title_blank_and_hidden_rows(cli, tmp_path: Path) -> None:
    path = workbook(tmp_path / "2022.xlsx", {"统计表": [["大渡口区2022年教育事业统计表"], ["编号", "名称", "数值"],
                                                     ["preschool.enrolment", "在园幼儿数", 1.67], [],
                                                     ["compulsory.retention_rate", "巩固率", 100]]})
    loaded = openpyxl.load_workbook(path)
    loaded["统计表"].row_dimensions[5].hidden = True
    loaded.save(path)
    report = one_file(evaluate(cli, path))
    notices = {n["code"]: n for n in report["notices"]}
    assert notices["notice.above_header"]["message"].endswith("the header is line 2")
    assert notices["notice.blank_rows"]["line"] == 4 and notices["notice.blank_rows"]["sheet"] == "统计表"
    assert notices["notice.hidden_rows"]["line"] == 5
    assert by_id(report)["compulsory.retention_rate"]["actual"] == 100
    text = cli("evaluate", path).stdout
    assert f"{path} 统计表!4:4: 1 blank row(s) ignored" in text and f"{path} 统计表!5:5: 1 hidden row(s)" in text


def test_sheets_of_the_same_layout_are_read_together_and_others_left_out(cli, tmp_path: Path) -> None:
    rows = csv_rows(DATA / "2022.csv")
    head, body = rows[0], rows[1:]
    path = workbook(tmp_path / "2022.xlsx", {"填写说明": [["本表每年填报一次。"]], "专栏1": [head] + body[:13],
                                             "专栏2-8": [head] + body[13:]})
    assert verdicts(one_file(evaluate(cli, path))) | {} != {}
    whole = {k: v[:4] for k, v in verdicts(one_file(evaluate(cli, DATA / "2022.csv"))).items()}
    assert {k: v[:4] for k, v in verdicts(one_file(evaluate(cli, path))).items()} == whole


def test_an_id_on_two_sheets_names_both_places(cli, tmp_path: Path) -> None:
    path = workbook(tmp_path / "2022.xlsx", {"A": [["id", "value"], ["preschool.enrolment", 1.67]],
                                             "B": [["id", "value"], ["compulsory.retention_rate", 100],
                                                   ["preschool.enrolment", 1.7]]})
    result = cli("evaluate", path)
    assert result.exit_code == 2
    assert f"{path} B!B3 [value]: error: id 'preschool.enrolment' is filled in at {path} A!B2 too" in result.stderr


def test_the_year_from_the_sheet_name(cli, tmp_path: Path) -> None:
    path = workbook(tmp_path / "form.xlsx", {"2023年": [["id", "value"], ["compulsory.retention_rate", 100]]})
    report = one_file(evaluate(cli, path))
    assert report["year"] == 2023 and report["source"]["year_from"] == "sheet"
    clash = cli("evaluate", path, "--year", "2022")
    assert clash.exit_code == 2 and "contradicts the year from the sheet name (2023)" in clash.stderr


def test_a_sheet_with_plan_ids_but_no_header_is_an_error(cli, tmp_path: Path) -> None:
    path = workbook(tmp_path / "2022.xlsx", {"A": [["id", "value"], ["compulsory.retention_rate", 100]],
                                             "B": [["编码", "值"], ["preschool.enrolment", 1.67]]})
    result = cli("evaluate", path)
    assert result.exit_code == 2 and f"{path} B!A2: error: this sheet holds plan ids but no header" in result.stderr


# ── hostile and broken workbooks ───────────────────────────────────────────────────────────────────────
def rewrite(path: Path, member: str, change) -> None:
    with zipfile.ZipFile(path) as old:
        items = [(info, old.read(info)) for info in old.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as new:
        for info, data in items:
            new.writestr(info, change(data) if info.filename == member else data)


def with_sheet_xml(path: Path, xml: bytes, compress: int = zipfile.ZIP_DEFLATED) -> Path:
    workbook(path, {"统计表": [["id", "value"]]})
    with zipfile.ZipFile(path) as old:
        items = [(info, old.read(info)) for info in old.infolist()]
    with zipfile.ZipFile(path, "w", compress, compresslevel=9) as new:
        for info, data in items:
            new.writestr(info.filename, xml if info.filename == "xl/worksheets/sheet1.xml" else data)
    return path


def refused_fast(cli, work: Work, path: Path, needle: str, inflated: int = 1 << 20) -> str:
    """Refused with `needle`, the work bounded (not timed): the file read once, and at most `inflated` bytes
    taken out of its ZIP members (a bomb's are never inflated)."""
    with work.counting():
        result = cli("evaluate", path)
    assert result.exit_code == 2 and "Traceback" not in result.output, result.output
    assert needle in result.stderr, result.stderr
    assert work.last.read_from(path) <= path.stat().st_size
    assert work.last.inflated <= inflated, f"{work.last.inflated} bytes inflated"
    return result.stderr


@pytest.fixture(scope="module")
def bomb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 100 KB .xlsx whose sheet inflates to 100 MiB of XML (a comment of spaces): past the 64 MB a workbook
    may unpack to, and a thousand to one."""
    path = workbook(tmp_path_factory.mktemp("bomb") / "2022.xlsx", {"统计表": [["id", "value"]]})
    with zipfile.ZipFile(path) as old:
        items = [(info.filename, old.read(info)) for info in old.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as new:
        for name, data in items:
            if name != "xl/worksheets/sheet1.xml":
                new.writestr(name, data)
        with new.open("xl/worksheets/sheet1.xml", "w") as sheet:  # level 9 of new: ~1000 to 1
            sheet.write(b"<!--")
            chunk = b" " * (1 << 20)
            for _ in range(100):
                sheet.write(chunk)
            sheet.write(b"-->")
    return path


def test_a_zip_bomb_is_refused_unread(cli, work: Work, bomb: Path) -> None:
    assert bomb.stat().st_size < 200 << 10
    refused_fast(cli, work, bomb, "would unpack to more than 64 MB", inflated=0)


def test_a_zip_bomb_whose_directory_lies_is_read_no_further_than_it_says(cli, work: Work, bomb: Path,
                                                                         tmp_path: Path) -> None:
    """The sizes in the ZIP's headers lowered to 100 bytes: the reader stops there, and the CRC fails."""
    data = bytearray(bomb.read_bytes())
    member = b"xl/worksheets/sheet1.xml"
    for signature, offset, name_at in ((b"PK\x03\x04", 22, 30), (b"PK\x01\x02", 24, 46)):
        at = data.find(signature)
        while data[at + name_at:at + name_at + len(member)] != member:
            at = data.find(signature, at + 4)
        data[at + offset:at + offset + 4] = struct.pack("<I", 100)
    liar = tmp_path / "2022.xlsx"
    liar.write_bytes(bytes(data))
    refused_fast(cli, work, liar, "the workbook cannot be read")


def test_entity_expansion_is_refused_unparsed(cli, work: Work, tmp_path: Path) -> None:
    laughs = '<!DOCTYPE lolz [<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i > 1 else "&lol;" * 10}">' for i in range(1, 10)
    ) + "]>"
    xml = SHEET_XML.format(doctype="", rows='<row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row>')
    xml = xml.replace("<worksheet", laughs + "<worksheet", 1)
    path = with_sheet_xml(tmp_path / "2022.xlsx", xml.encode())
    refused_fast(cli, work, path, "declares a DOCTYPE or entities")


@pytest.mark.parametrize("where", ["far_row", "far_column", "many_rows"])
def test_a_sheet_past_the_row_or_column_bound_is_refused(cli, work: Work, tmp_path: Path, where: str) -> None:
    rows = {
        "far_row": '<row r="1000000"><c r="A1000000"><v>1</v></c></row>',
        "far_column": '<row r="2"><c r="XFD2"><v>1</v></c></row>',
        "many_rows": "".join(f'<row r="{i}"><c r="B{i}"><v>{i}</v></c></row>' for i in range(2, 100_004)),
    }[where]
    header = '<row r="1"><c r="A1" t="inlineStr"><is><t>id</t></is></c></row>'  # a data sheet: read to its end
    xml = SHEET_XML.format(doctype="", rows=header + rows).encode()
    path = with_sheet_xml(tmp_path / "2022.xlsx", xml)
    # The sheet is inflated once (the other members are a few KB); its rows are refused as they are read.
    refused_fast(cli, work, path, "the sheet goes past 100000 rows or 256 columns", inflated=len(xml) + (64 << 10))


@pytest.mark.parametrize(
    "name,content,needle",
    [
        ("2022.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 1000 + "EncryptedPackage".encode("utf-16-le")
         + b"\x00" * 100, "protected by a password"),
        ("2022.xlsx", b"PK\x03\x04\x14\x00\x06\x00" + b"\x00" * 40, "the workbook cannot be read"),
        ("2022.xls", b"id,value\npreschool.enrolment,1.67\n", "is text (a CSV?)"),
        ("2022.xls", b"<html><body><table><tr><td>id</td></tr></table></body></html>", "is a web page (HTML)"),
        ("2022.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + os.urandom(3000), "the workbook cannot be read"),
        ("2022.xlsx", b"", "file is empty"),
    ],
    ids=["encrypted", "corrupt_zip", "csv_named_xls", "html_named_xls", "corrupt_ole", "empty"],
)
def test_broken_or_disguised_workbooks_are_refused(cli, work: Work, tmp_path: Path, name: str, content: bytes,
                                                   needle: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    refused_fast(cli, work, path, needle)


def test_csv_runs_import_no_excel_library() -> None:
    code = ("import sys, runpy; sys.argv = ['planchk', 'evaluate', %r]\n"
            "try:\n    runpy.run_module('planchk', run_name='__main__')\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('python_calamine', 'xlsxwriter', 'openpyxl')"
            " or m in ('planchk.reading.workbook', 'planchk.reading.package')))") % str(DATA / "2022.csv")
    env = {**os.environ, "PLANCHK_FAST_EXIT": "0", "PLANCHK_LANG": "en"}
    # A process: only a fresh interpreter shows what a run imports (this one has imported everything).
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env=env)
    assert proc.stdout.strip().splitlines()[-1] == "[]", proc.stdout[-500:] + proc.stderr[-500:]


def test_a_workbook_given_to_the_zip_check_is_no_longer_called_a_zip(cli, tmp_path: Path) -> None:
    path = workbook(tmp_path / "2022.xlsx", {"S": [["id", "value"], ["compulsory.retention_rate", 100]]})
    result = cli("validate", path)
    assert result.exit_code == 0 and "ZIP" not in result.output


def test_the_workbook_rows_of_bad_input_md_name_tests_that_exist() -> None:
    doc = (ROOT / "docs" / "bad-input.md").read_text(encoding="utf-8")
    section = doc.split("### Workbooks", 1)[1].split("###", 1)[0]
    names = set(re.findall(r"`(test_[a-z_]+)", section))
    source = Path(__file__).read_text(encoding="utf-8")
    assert names and all(f"def {n}(" in source for n in names), names
