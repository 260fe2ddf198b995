"""Workbooks as spreadsheet programs save them (docs/bad-input.md#workbooks): Strict Open XML, parts found through
the relationships in any case and folder, a formatted empty cell far away, .ods and .xlsb through calamine
behind their bounds, a sheet of records beside the form, and files that are not workbooks named as what they are.
Each is built here and read with the same verdicts as the CSV of the same figures, or refused saying why."""

from __future__ import annotations

import re
import struct
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import openpyxl
import pytest

from conftest import DATA, Work, one_file
from planchk.diagnostics import column_letters
from test_workbooks import as_numbers, csv_rows, evaluate, verdicts, workbook

TRANSITIONAL = "http://schemas.openxmlformats.org/"


_CSV_VERDICTS: list[dict[str, tuple]] = []  # data/2022.csv's verdicts, evaluated once for the module


def same_as_csv(cli, path: Path) -> dict:
    """The workbook's evaluation, checked to give the verdicts of data/2022.csv."""
    from_book = one_file(evaluate(cli, path))
    if not _CSV_VERDICTS:
        _CSV_VERDICTS.append(verdicts(one_file(evaluate(cli, DATA / "2022.csv"))))
    assert verdicts(from_book) == _CSV_VERDICTS[0]
    return from_book


def rebuilt(path: Path, change) -> Path:
    """The package rewritten member by member: `change(name, data)` → [(name, data)], or [] to drop it."""
    with zipfile.ZipFile(path) as old:
        items = [(info.filename, old.read(info)) for info in old.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as new:
        for name, data in items:
            for out_name, out in change(name, data):
                new.writestr(out_name, out)
    return path


def form(tmp_path: Path, name: str = "2022.xlsx") -> Path:
    return workbook(tmp_path / name, {"统计表": as_numbers(csv_rows(DATA / "2022.csv"))})


def xlsxwriter_form(path: Path) -> Path:
    """The form as XlsxWriter writes it: shared strings, relative targets."""
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("统计表")
    for r, row in enumerate(as_numbers(csv_rows(DATA / "2022.csv"))):
        for c, value in enumerate(row):
            if value is not None:
                sheet.write(r, c, value)
    book.close()
    return path


def test_a_strict_open_xml_workbook_reads_like_the_csv(cli, tmp_path: Path) -> None:
    strict = {
        b"http://schemas.openxmlformats.org/spreadsheetml/2006/main": b"http://purl.oclc.org/ooxml/spreadsheetml/main",
        b"http://schemas.openxmlformats.org/officeDocument/2006/relationships":
            b"http://purl.oclc.org/ooxml/officeDocument/relationships",
    }

    def to_strict(name: str, data: bytes) -> list[tuple[str, bytes]]:
        for old, new in strict.items():
            data = data.replace(old, new)
        return [(name, data)]

    path = rebuilt(form(tmp_path), to_strict)
    with zipfile.ZipFile(path) as book:
        assert TRANSITIONAL.encode() + b"spreadsheetml" not in book.read("xl/workbook.xml")
    assert same_as_csv(cli, path)["source"]["encoding"] == "xlsx"


def test_parts_are_found_through_the_relationships_in_any_case_and_folder(cli, tmp_path: Path) -> None:
    """The workbook moved to book/main.xml (named by _rels/.rels), the sheet to `data\\year.xml` (a backslash in
    its target), shared strings stored as xl/SharedStrings.xml while the relationship says sharedStrings.xml."""
    moves = {"xl/workbook.xml": "book/main.xml", "xl/_rels/workbook.xml.rels": "book/_rels/main.xml.rels",
             "xl/worksheets/sheet1.xml": "book/data/year.xml", "xl/sharedStrings.xml": "book/SharedStrings.xml",
             "xl/styles.xml": "book/styles.xml"}

    def move(name: str, data: bytes) -> list[tuple[str, bytes]]:
        if name == "_rels/.rels":
            data = data.replace(b"xl/workbook.xml", b"book/main.xml")
        if name == "xl/_rels/workbook.xml.rels":
            data = re.sub(rb'Target="[^"]*sheet1.xml"', rb'Target="data\\year.xml"', data)
            data = data.replace(b"/xl/", b"/book/")  # absolute targets, if the writer used them
        if name == "[Content_Types].xml":
            for old, new in moves.items():
                data = data.replace(b"/" + old.encode(), b"/" + new.encode())
        return [(moves.get(name, name), data)]

    path = rebuilt(xlsxwriter_form(tmp_path / "2022.xlsx"), move)
    with zipfile.ZipFile(path) as book:
        assert "xl/workbook.xml" not in book.namelist() and "book/SharedStrings.xml" in book.namelist()
        assert b"sharedStrings.xml" in book.read("book/_rels/main.xml.rels")
    same_as_csv(cli, path)


def test_an_empty_formatted_cell_far_away_does_not_make_the_sheet_too_large(cli, tmp_path: Path) -> None:
    far = b'<row r="1048574"><c r="AMJ1048574" s="1"/></row></sheetData>'

    def format_far(name: str, data: bytes) -> list[tuple[str, bytes]]:
        if name == "xl/worksheets/sheet1.xml":
            data = re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:AMJ1048574"/>', data)
            data = data.replace(b"</sheetData>", far)
        return [(name, data)]

    path = rebuilt(form(tmp_path), format_far)
    with zipfile.ZipFile(path) as book:
        assert b"AMJ1048574" in book.read("xl/worksheets/sheet1.xml")
    same_as_csv(cli, path)


def school_rows(path: Path, schools: int) -> Path:
    """The workbook with `schools` records in its second sheet, written out as openpyxl writes the rows it was
    given (an inline string, a number, an inline string) and the sheet's dimension: the same bytes, without a
    second of openpyxl's cell objects for twenty thousand rows."""
    def row(n: int, cells: tuple[str, str, str]) -> str:
        a, b, c = cells
        return (f'<row r="{n}"><c r="A{n}" t="inlineStr"><is><t>{a}</t></is></c><c r="B{n}" {b}</c>'
                f'<c r="C{n}" t="inlineStr"><is><t>{c}</t></is></c></row>')

    body = row(1, ("学校", 't="inlineStr"><is><t>学生数</t></is>', "备注")) + "".join(
        row(i + 2, (f"第{i}小学", f't="n"><v>{i}</v>', "—")) for i in range(schools))

    def records(name: str, data: bytes) -> list[tuple[str, bytes]]:
        if name == "xl/worksheets/sheet2.xml":
            data = re.sub(rb'<dimension ref="[^"]*" />', f'<dimension ref="A1:C{schools + 1}" />'.encode(), data)
            data = re.sub(rb"<sheetData>.*</sheetData>", f"<sheetData>{body}</sheetData>".encode(), data, flags=re.S)
        return [(name, data)]

    return rebuilt(path, records)


def test_a_records_sheet_beside_the_form_is_read_no_further_than_its_first_rows(cli, work: Work,
                                                                                 tmp_path: Path) -> None:
    path = workbook(tmp_path / "2022.xlsx", {"统计表": as_numbers(csv_rows(DATA / "2022.csv")),
                                            "学校名录": [["学校", "学生数", "备注"], ["第0小学", 0, "—"]]})
    school_rows(path, 20_000)
    with zipfile.ZipFile(path) as book:
        records_xml = book.getinfo("xl/worksheets/sheet2.xml").file_size
    with work.counting():
        same_as_csv(cli, path)
    assert work.last.inflated < records_xml  # the records sheet was not inflated to its end


# ── .ods and .xlsb through calamine ─────────────────────────────────────────────────────────────────────
def ods(path: Path, sheets: dict[str, list[list[object] | None]], repeat: str = "") -> Path:
    """An OpenDocument spreadsheet written by hand: None is an empty row; `repeat` goes into every row."""
    body = []
    for title, rows in sheets.items():
        body.append(f'<table:table table:name="{escape(title)}">')
        for row in rows:
            cells = []
            for v in row or [None]:
                if v is None:
                    cells.append("<table:table-cell/>")
                elif isinstance(v, (int, float)):
                    cells.append(f'<table:table-cell office:value-type="float" office:value="{v}">'
                                 f"<text:p>{v}</text:p></table:table-cell>")
                else:
                    cells.append(f'<table:table-cell office:value-type="string"><text:p>{escape(str(v))}</text:p>'
                                 "</table:table-cell>")
            body.append(f"<table:table-row{repeat}>" + "".join(cells) + "</table:table-row>")
        body.append("</table:table>")
    ns = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"')
    content = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ns} office:version="1.2">'
               "<office:body><office:spreadsheet>" + "".join(body) + "</office:spreadsheet></office:body>"
               "</office:document-content>")
    manifest = ('<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
                'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
                '<manifest:file-entry manifest:full-path="/" '
                'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
                '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
                "</manifest:manifest>")
    with zipfile.ZipFile(path, "w") as book:
        book.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        book.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
        book.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
    return path


def test_an_ods_reads_like_the_csv(cli, tmp_path: Path) -> None:
    path = ods(tmp_path / "2022.ods", {"统计表": as_numbers(csv_rows(DATA / "2022.csv"))})
    assert same_as_csv(cli, path)["source"]["encoding"] == "ods"


def test_places_below_blank_rows_and_right_of_blank_columns_are_right(cli, tmp_path: Path) -> None:
    """Two blank rows and two blank columns before the table: a bad value at C5 of the sheet is named C5."""
    rows: list[list[object] | None] = [None, None, [None, None, "id", "value"],
                                       [None, None, "preschool.enrolment", 1.67],
                                       [None, None, "compulsory.retention_rate", "很多"]]
    path = ods(tmp_path / "2022.ods", {"统计表": rows})
    result = cli("validate", path)
    assert result.exit_code == 2 and "统计表!D5 [value]" in result.stderr, result.stderr


def test_an_ods_repeating_a_filled_row_past_the_bound_is_refused_before_it_is_read(cli, work: Work,
                                                                                   tmp_path: Path) -> None:
    path = ods(tmp_path / "2022.ods", {"统计表": [["id", "value"]]},
               repeat=' table:number-rows-repeated="5000000"')
    with work.counting():
        result = cli("validate", path)
    assert result.exit_code == 2 and "the sheet goes past 100000 rows or 256 columns" in result.stderr
    assert "统计表!A100001" in result.stderr, result.stderr


def xlsb_with_a_far_cell(path: Path) -> Path:
    """An .xlsb whose sheet holds a number in column 5000: the records planchk checks before calamine."""
    def record(kind: int, body: bytes) -> bytes:
        return bytes([kind, len(body)]) + body  # both under 128: one byte each

    sheet = record(0, struct.pack("<I", 0) + b"\x00" * 8) + record(5, struct.pack("<II", 4999, 0) + b"\x00" * 8)
    rels = ('<?xml version="1.0" encoding="UTF-8"?><Relationships '
            'xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="{t}" Target="{target}"/></Relationships>')
    base = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as book:
        book.writestr("_rels/.rels", rels.format(t=base + "officeDocument", target="xl/workbook.bin"))
        book.writestr("xl/workbook.bin", b"\x83\x01\x00")
        book.writestr("xl/_rels/workbook.bin.rels", rels.format(t=base + "worksheet", target="worksheets/sheet1.bin"))
        book.writestr("xl/worksheets/sheet1.bin", sheet)
    return path


def test_an_xlsb_with_a_value_past_the_bound_is_refused_before_calamine_reads_it(cli, tmp_path: Path) -> None:
    result = cli("validate", xlsb_with_a_far_cell(tmp_path / "2022.xlsb"))
    assert result.exit_code == 2 and "the sheet goes past 100000 rows or 256 columns" in result.stderr
    assert f"sheet1!{column_letters(5000)}1" in result.stderr, result.stderr


# ── what a file is when it is not a workbook planchk reads ─────────────────────────────────────────────────
def ole(*streams: str) -> bytes:
    """The start of an OLE compound file with directory entries of these names (enough to tell its kind)."""
    entries = b"".join(s.encode("utf-16-le") + b"\x00\x00" + b"\x00" * (64 - 2 * len(s) - 2) for s in streams)
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504 + entries + b"\x00" * 512


def docx(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as doc:
        doc.writestr("[Content_Types].xml", "<Types/>")
        doc.writestr("word/document.xml", "<document/>")
    return path


@pytest.mark.parametrize(
    "name,make,en,zh",
    [
        ("2022.xlsb", lambda p: p.write_bytes(ole("EncryptionInfo", "EncryptedPackage")),
         "protected by a password", "有密码保护：planchk 无法打开；请另存为无密码的 .xlsx"),
        ("2022.xlsx", lambda p: p.write_bytes(ole("EncryptionInfo", "EncryptedPackage")),
         "protected by a password", "有密码保护"),
        ("2022.xlsx", docx, "is a Word document (.docx)", "实际是Word 文档（.docx）"),
        ("2022.xls", lambda p: p.write_bytes(ole("WordDocument")), "is an old Word document (.doc)", "Word 旧格式文档"),
        ("2022.xlsx", lambda p: zipfile.ZipFile(p, "w").writestr("a.txt", "x"), "a ZIP archive holding no workbook",
         "不含工作簿的 ZIP 压缩包"),
    ],
    ids=["encrypted_xlsb", "encrypted_xlsx", "docx_named_xlsx", "doc_named_xls", "zip_named_xlsx"],
)
def test_a_file_that_is_no_readable_workbook_is_named_as_what_it_is(cli, tmp_path: Path, name, make, en, zh) -> None:
    path = tmp_path / name
    make(path)
    english, chinese = cli("validate", path, "--lang", "en"), cli("validate", path, "--lang", "zh")
    assert english.exit_code == chinese.exit_code == 2
    assert en in english.stderr and zh in chinese.stderr, english.stderr + chinese.stderr
    assert "damaged" not in english.stderr


# ── headers ─────────────────────────────────────────────────────────────────────────────────────────────
def test_a_merged_header_cell_is_not_an_unknown_column(cli, tmp_path: Path) -> None:
    rows = as_numbers(csv_rows(DATA / "2022.csv"))
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "统计表"
    for row in rows:
        sheet.append(row + [None])
    width = len(rows[0])
    sheet.cell(row=1, column=width + 1, value=None)
    sheet.merge_cells(start_row=1, start_column=width, end_row=1, end_column=width + 1)  # the last header, merged
    path = tmp_path / "2022.xlsx"
    book.save(path)
    result = cli("validate", path, "--lang", "en")
    assert "unknown column ''" not in result.output + result.stderr and "''" not in result.stderr
    same_as_csv(cli, path)


def test_a_ten_thousand_column_header_is_not_echoed_whole(cli, tmp_path: Path) -> None:
    path = tmp_path / "2022.csv"
    path.write_text(",".join(f"列{i}" for i in range(10_000)) + "\n" + ",".join("1" for _ in range(10_000)) + "\n",
                    encoding="utf-8")
    result = cli("validate", path, "--lang", "en")
    assert result.exit_code == 2 and "has no 'id' column" in result.stderr
    assert max(len(line) for line in result.stderr.splitlines()) < 1000, len(result.stderr)
