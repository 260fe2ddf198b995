"""Every class of messy or hostile input ends in a judgement or a clear error (exit 2), never a traceback.

Each case is one row of docs/bad-input.md; `test_docs_table_lists_every_case` keeps the two in step.
"""

from __future__ import annotations

import io
import re
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from conftest import DATA, ROOT, Work, call_budget, one_file

HEAD = "id,value\n"
# The documented limit on an actual-year file (docs/bad-input.md), and what a refusal may read: one byte
# past it, and the rest of one buffer.
MAX_READ = 10 * 1024 * 1024 + 1 + io.DEFAULT_BUFFER_SIZE
RETENTION = "compulsory.retention_rate,100\n"


@dataclass(frozen=True)
class Case:
    id: str
    what: str
    content: bytes | None
    exit: int
    needle: str  # in stderr for errors; for readable cases "id=value" expected in the JSON report
    name: str = "2022.csv"
    args: tuple[str, ...] = ()
    answer: str = ""
    extra: dict = field(default_factory=dict)


def u(text: str) -> bytes:
    return text.encode("utf-8")


CASES = [
    # --- messy but meaningful: read correctly -------------------------------------------------
    Case("fullwidth_digits", "full-width digits and point ９９．８",
         u(HEAD + "preschool.gross_enrolment_rate,９９．８\n" + RETENTION),
         0, "preschool.gross_enrolment_rate=99.8", answer="read as 99.8"),
    Case("fullwidth_percent", "full-width percent sign ９９．８％",
         u(HEAD + "preschool.gross_enrolment_rate,９９．８％\n" + RETENTION),
         0, "preschool.gross_enrolment_rate=99.8", answer="read as 99.8"),
    Case("thousands_separator", "thousands separators \"124,300\"",
         u(HEAD + 'text.finance.budget_education_spending,"124,300"\n' + RETENTION), 0,
         "text.finance.budget_education_spending=124300", answer="read as 124300"),
    Case("surrounding_spaces", "spaces around the value", u(HEAD + "preschool.enrolment,  1.67  \n" + RETENTION), 0,
         "preschool.enrolment=1.67", answer="read as 1.67"),
    Case("trailing_percent", "trailing % on a % indicator", u(HEAD + "preschool.public_share,53.2%\n" + RETENTION), 0,
         "preschool.public_share=53.2", answer="read as 53.2"),
    Case("value_with_unit", "the unit after the number (1.67万人)",
         u(HEAD + "preschool.enrolment,1.67万人\n" + RETENTION),
         0, "preschool.enrolment=1.67", answer="read as 1.67"),
    Case("scientific_notation", "scientific notation (1.67e0)", u(HEAD + "preschool.enrolment,1.67e0\n" + RETENTION), 0,
         "preschool.enrolment=1.67", answer="read as 1.67"),
    Case("not_reported_markers", "empty, -, —, N/A, 无 as values",
         u(HEAD + "preschool.enrolment,\npreschool.public_share,-\ncompulsory.enrolment,—\n"
                  "upper_secondary.enrolment,N/A\nhuman_resources.avg_schooling_years,无\n" + RETENTION), 0,
         "preschool.enrolment=None", answer="status missing, not an error"),
    Case("people_with_unit_column", "16700 with unit 人 for a 万人 indicator",
         u("id,unit,value\npreschool.enrolment,人,16700\ncompulsory.retention_rate,%,100\n"), 0,
         "preschool.enrolment=1.67", answer="converted to 1.67 万人, with a notice"),
    Case("crlf_line_endings", "Windows line endings",
         u((HEAD + "preschool.enrolment,1.67\n" + RETENTION).replace("\n", "\r\n")),
         0, "preschool.enrolment=1.67", answer="read"),
    Case("cr_only_line_endings", "old Mac line endings (CR only)",
         u((HEAD + "preschool.enrolment,1.67\n" + RETENTION).replace("\n", "\r")),
         0, "preschool.enrolment=1.67", answer="read"),
    Case("gb18030_file", "GB18030 / GBK file from Excel",
         "编号,名称,数值\npreschool.enrolment,在园幼儿数,1.67\ncompulsory.retention_rate,九年义务教育巩固率,100\n".encode("gb18030"),
         0, "preschool.enrolment=1.67", answer="read; the report says gb18030"),
    Case("utf8_bom", "UTF-8 with BOM", b"\xef\xbb\xbf" + u(HEAD + "preschool.enrolment,1.67\n" + RETENTION), 0,
         "preschool.enrolment=1.67", answer="read; the report says utf-8-sig"),
    Case("utf16_bom", "UTF-16 with BOM (Excel \"Unicode text\")",
         (HEAD + "preschool.enrolment,1.67\n" + RETENTION).encode("utf-16"),
         0, "preschool.enrolment=1.67", answer="read as the BOM says; the report says utf-16-le"),
    Case("utf16_bom_tabs", "UTF-16 with BOM, tab-separated (Excel \"Unicode text\" as it saves it, often a .txt)",
         (HEAD + "preschool.enrolment,1.67\n" + RETENTION).replace(",", "\t").encode("utf-16"), 0,
         "preschool.enrolment=1.67", name="2022.txt",
         answer="read tab-separated; the report says utf-16-le, tab-separated"),
    Case("utf32_bom", "UTF-32 with BOM", (HEAD + "preschool.enrolment,1.67\n" + RETENTION).encode("utf-32"), 0,
         "preschool.enrolment=1.67", answer="read as the BOM says; the report says utf-32-le"),
    Case("chinese_headers", "Chinese column headers",
         u("编号,指标,实际值,单位,备注\npreschool.enrolment,在园幼儿数,1.67,万人,\n"
                                                        "compulsory.retention_rate,九年义务教育巩固率,100,%,\n"), 0,
         "preschool.enrolment=1.67", answer="read"),
    Case("blank_rows", "blank rows in the middle and at the end",
         u(HEAD + "preschool.enrolment,1.67\n,\n" + RETENTION + "\n\n"),
         0, "preschool.enrolment=1.67", answer="ignored, and listed in a notice with their lines"),
    Case("unknown_column", "an extra column planchk does not know",
         u("id,value,checked_by\npreschool.enrolment,1.67,王\n" + RETENTION.replace("\n", ",\n")),
         0, "preschool.enrolment=1.67", answer="a notice names the column"),
    Case("quoted_comma_note", "a quoted note holding commas and quotes",
         u('id,value,note\npreschool.enrolment,1.67,"a, ""b"", c"\n' + RETENTION.replace("\n", ",\n")),
         0, "preschool.enrolment=1.67", answer="read"),
    Case("markup_in_note", "Rich markup and an ANSI escape in a note",
         u('id,value,note\npreschool.enrolment,1.67,"[bold red]x[/] \x1b[2J"\n' + RETENTION.replace("\n", ",\n")),
         0, "preschool.enrolment=1.67", answer="printed literally, the escape as \\x1b"),
    Case("implausible_value_confirmed", "29.722 万人 with a note starting 已核实 (the figure is really meant)",
         u("id,value,note\ncompulsory.primary_enrolment,29.722,已核实:含外区借读生\n" + RETENTION.replace("\n", ",\n")),
         0, "compulsory.primary_enrolment=29.722", answer="judged as reported, with a notice that it was confirmed"),
    # --- spreadsheet exports: lines around the data skipped, each named in a notice ---------------
    Case("title_line", "a title line above the header (大渡口区2022年教育事业统计表,,)",
         u("大渡口区2022年教育事业统计表,,\nid,name,value\npreschool.enrolment,在园幼儿数,1.67\n"
           "compulsory.retention_rate,巩固率,100\n"), 0, "preschool.enrolment=1.67",
         answer="the header is found on line 2; line 1 skipped with a notice naming the header's line"),
    Case("sep_line", "Excel's sep=, first line", u("sep=,\r\n" + (HEAD + "preschool.enrolment,1.67\n" + RETENTION)
                                                  .replace("\n", "\r\n")), 0, "preschool.enrolment=1.67",
         answer="line 1 skipped with a notice"),
    Case("leading_empty_rows", "empty rows above the header",
         u("\n,\n" + HEAD + "preschool.enrolment,1.67\n" + RETENTION),
         0, "preschool.enrolment=1.67", answer="lines 1-2 skipped with a notice"),
    Case("gb18030_title_line", "GB18030 export with a title line above the header",
         "大渡口区2022年教育事业统计表,,\n编号,名称,数值\npreschool.enrolment,在园幼儿数,1.67\n"
         "compulsory.retention_rate,九年义务教育巩固率,100\n".encode("gb18030"), 0, "preschool.enrolment=1.67",
         answer="read as gb18030; the title skipped with a notice"),
    Case("gb18030_sep_line", "GB18030 export starting with sep=,",
         "sep=,\r\n编号,名称,数值\r\npreschool.enrolment,在园幼儿数,1.67\r\n"
         "compulsory.retention_rate,九年义务教育巩固率,100\r\n".encode("gb18030"), 0, "preschool.enrolment=1.67",
         answer="read as gb18030; the sep=, line skipped with a notice"),
    Case("total_row", "a 合计 (totals) row", u("id,name,value\npreschool.enrolment,在园幼儿数,1.67\n"
                                             "compulsory.retention_rate,巩固率,100\n,合计,101.67\n"), 0,
         "preschool.enrolment=1.67", answer="ignored with a notice naming its line"),
    Case("total_row_after_its_year", "a 合计 row added to a form whose 年份 column is filled on every row",
         u("year,id,name,value\n2022,preschool.enrolment,在园幼儿数,1.67\n2022,compulsory.retention_rate,巩固率,100\n"
           "2022,合计,,101.67\n"), 0, "preschool.enrolment=1.67", answer="ignored with a notice naming its line"),
    Case("total_row_in_id_column", "a total row written in the id column (总计,…)",
         u(HEAD + "preschool.enrolment,1.67\n" + RETENTION + "总计,101.67\n"), 0, "preschool.enrolment=1.67",
         answer="ignored with a notice naming its line"),
    Case("year_dragged_down", "rows where only the year is filled (dragged down in Excel: 2022, 2023, …)",
         u("year,id,value\n2022,preschool.enrolment,1.67\n2022,compulsory.retention_rate,100\n2023,,\n2024,,\n"),
         0, "preschool.enrolment=1.67", answer="ignored with a notice listing their lines; not read as a second year"),
    Case("blank_row_with_year_column", "a blank row ,, in a file with a year column",
         u("year,id,value\n2022,preschool.enrolment,1.67\n,,\n2022,compulsory.retention_rate,100\n"), 0,
         "preschool.enrolment=1.67", answer="ignored as blank, listed in the blank-rows notice"),
    # --- refused with a clear message (exit 2) ------------------------------------------------
    Case("people_divided_by_1000", "29.722 where 2.9722 万人 is meant (29 722 人 divided by 1 000, not 10 000)",
         u(HEAD + "compulsory.primary_enrolment,29.722\n" + RETENTION), 2, "divided by 1 000, not 10 000",
         answer="refused: 12× its 2020 value 2.52, the likely slip named"),
    Case("rate_as_fraction", "0.998 for the 99.8 % gross enrolment rate",
         u(HEAD + "preschool.gross_enrolment_rate,0.998\n" + RETENTION), 2, "(99.8, not 0.998)",
         answer="refused: write the rate as a percentage"),
    Case("unit_column_people_value_wan", "unit column 人 with the value still in 万人 (1.67 → 0.000167 万人)",
         u("id,unit,value\npreschool.enrolment,人,1.67\ncompulsory.retention_rate,%,100\n"), 2,
         "of its 2020 value 1.47", answer="refused: 1/8 802 of its 2020 value (was converted with only a notice)"),
    Case("note_being_confirmed", "29.722 万人 with a note 确认中 (\"still being confirmed\")",
         u("id,value,note\ncompulsory.primary_enrolment,29.722,确认中\n" + RETENTION.replace("\n", ",\n")), 2,
         "start its note with 已核实", answer="refused: only a note starting 已核实 or verified: confirms"),
    Case("money_in_yuan_one_year", "1227672000 (元) where 万元 is asked, with no previous year in the run",
         u(HEAD + "text.finance.budget_education_spending,1227672000\n" + RETENTION), 2,
         "the figure looks given in 元, not 万元", answer="refused against the plan's reference figure 118000"),
    Case("share_as_fraction_one_year", "0.177 for a 17.7 % share the plan gives no 2020 value for",
         u(HEAD + "text.finance.education_budget_share,0.177\n" + RETENTION), 2, "(17.7, not 0.177)",
         answer="refused against the plan's reference figure 17 %: write the rate as a percentage"),
    Case("teacher_total_dropped_zero", "360 teachers where about 3 600 are meant",
         u(HEAD + "text.teachers.teacher_total,360\n" + RETENTION), 2, "1/8 of the plan's reference figure 3000",
         answer="refused: the 30:1 team ratio it feeds would otherwise pass"),
    Case("ratio_out_of_proportion", "a team of 200 for 700 teachers (8.6 per 30 where the plan asks 1)",
         u(HEAD + "box6.2.training_guidance_team,200\ntext.teachers.teacher_total,700\n" + RETENTION), 2,
         "computed from", answer="refused at the teacher total, naming both figures and their cells"),
    Case("date_in_count", "a date (2023/3/5) in a count cell",
         u(HEAD + "box3.1.ideology_model_schools,2023/3/5\n" + RETENTION), 2, "but this is a date, 2023-03-05",
         answer="refused as the date it is"),
    Case("time_in_count", "a time of day (10:30) in a count cell",
         u(HEAD + "box3.1.ideology_model_schools,10:30\n" + RETENTION), 2, "but this is a time of day, 10:30",
         answer="refused as the time it is"),
    Case("yes_no_in_count", "TRUE or 是 where a number is due",
         u(HEAD + "box3.1.ideology_model_schools,是\n" + RETENTION), 2, "but this is a yes/no value, 是",
         answer="refused as a yes/no value"),
    Case("fractional_count", "6.5 schools (所) or 2999.5 teachers (人)",
         u(HEAD + "box3.1.ideology_model_schools,6.5\n" + RETENTION), 2, "6.5 所 is not a whole number",
         answer="refused: a thing counted whole"),
    Case("people_without_unit", "16700 (people) where 1.67 万人 is expected",
         u(HEAD + "preschool.enrolment,16700\n"), 2,
         "write 1.67", answer="error with the likely fix"),
    Case("binary_file", "a binary file (NUL bytes)", b"\x00\x01\x02id,value\n\x00", 2, "NUL bytes",
         answer="not a text CSV"),
    Case("pdf_renamed", "a PDF renamed to .csv", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", 2, "a PDF document",
         answer="says it is a PDF"),
    Case("xlsx_renamed", "an Excel workbook renamed to .csv", b"PK\x03\x04\x14\x00\x06\x00", 2, "ZIP archive",
         answer="says it is a workbook; export as CSV"),
    Case("empty_file", "an empty file", b"", 2, "file is empty", answer="error"),
    Case("whitespace_file", "only spaces and newlines", b"  \n\n \n", 2, "file is empty", answer="error"),
    Case("header_only", "a header and no rows", u(HEAD), 2, "no data rows", answer="error"),
    Case("ragged_extra_cell", "a row with a stray separator", u(HEAD + "preschool.enrolment,1,67\n"), 2,
         "row has 3 cells but the header has 2", answer="error with the line"),
    Case("ragged_missing_cell", "a row with a cell missing", u("id,name,value\npreschool.enrolment,1.67\n"), 2,
         "row has 2 cells but the header has 3", answer="error with the line"),
    Case("unclosed_quote", "an unclosed quote", u(HEAD + 'preschool.enrolment,"1.67\ncompulsory.enrolment,3.9\n'), 2,
         "cannot parse the CSV", answer="error with the line"),
    Case("semicolon_separated", "semicolon-separated (European Excel)", u("id;value\npreschool.enrolment;1,67\n"), 2,
         "separated by semicolons", answer="names the delimiter problem"),
    Case("tab_separated", "tab-separated", u("id\tvalue\npreschool.enrolment\t1.67\n"), 2, "separated by tabs",
         answer="names the delimiter problem"),
    Case("nan_value", "NaN as a value", u(HEAD + "preschool.enrolment,NaN\n"), 2, "expected a number", answer="error"),
    Case("inf_value", "inf as a value", u(HEAD + "preschool.enrolment,inf\n"), 2, "expected a number", answer="error"),
    Case("negative_count", "a negative count",
         u(HEAD + "compulsory.enrolment,-3.9\n"), 2, "negative value is impossible",
         answer="error"),
    Case("rate_above_100", "a rate above 100 %", u(HEAD + "preschool.public_share,153.2\n"), 2, "cannot exceed 100%",
         answer="error"),
    Case("excel_error_value", "an Excel error value (#DIV/0!)", u(HEAD + "preschool.public_share,#DIV/0!\n"), 2,
         "expected a number", answer="error"),
    Case("formula_value", "a formula instead of a value (=1+1)", u(HEAD + "preschool.public_share,=1+1\n"), 2,
         "expected a number", answer="error"),
    Case("unknown_id", "a misspelt id", u(HEAD + "preschool.enrolmnet,1.67\n"), 2, "did you mean 'preschool.enrolment'",
         answer="error with a suggestion"),
    Case("duplicate_id", "the same id twice", u(HEAD + "preschool.enrolment,1.67\npreschool.enrolment,1.7\n"), 2,
         "first at line 2", answer="error naming both lines"),
    Case("missing_id", "a value with no id", u(HEAD + ",1.67\n"), 2, "no id", answer="error"),
    Case("name_contradicts_id", "a name that belongs to another row",
         u("id,name,value\npreschool.enrolment,普通初中,1.28\n"),
         2, "does not match this id", answer="error: wrong id on this row?"),
    Case("unit_contradicts_plan", "a unit that contradicts the plan",
         u("id,unit,value\npreschool.public_share,万人,53\n"),
         2, "contradicts the plan's unit", answer="error"),
    Case("status_word_for_number", "a status word where a number is due", u(HEAD + "preschool.public_share,done\n"), 2,
         "expected a number", answer="error"),
    Case("number_for_status", "a number where a status word is due",
         u(HEAD + "box7.yidu_yangfan.evaluation_platform,1\n"),
         2, "expected a status word", answer="error listing the words"),
    Case("duplicate_header", "value and 数值 both present", u("id,value,数值\npreschool.enrolment,1.67,1.67\n"), 2,
         "repeats column", answer="error"),
    Case("no_value_column", "a header without value",
         u("id,amount\npreschool.enrolment,1.67\n"), 2, "no 'value' column",
         answer="error listing the accepted headers"),
    Case("year_conflict", "a year column contradicting the file name",
         u("year,id,value\n2023,preschool.enrolment,1.67\n"),
         2, "contradicts", answer="error naming both years"),
    Case("year_column_mixed", "two years in one file",
         u("year,id,value\n2022,preschool.enrolment,1.67\n2023,compulsory.enrolment,3.9\n"),
         2, "one file holds one year", answer="error"),
    Case("year_outside_period", "a year outside 2021-2025", u(HEAD + "preschool.enrolment,1.67\n"), 2,
         "outside the plan period", name="2030.csv", answer="error"),
    Case("no_year", "no year anywhere", u(HEAD + "preschool.enrolment,1.67\n"), 2, "no year", name="data.csv",
         answer="error saying where a year can come from"),
    Case("neither_utf8_nor_gb18030", "bytes that are neither UTF-8 nor GB18030", b"id,value\n\x81\x30\x81\xff,1\n", 2,
         "neither UTF-8 nor GB18030: read as GB18030, it fails at line 2, column 1 (byte 0x81 at offset 9); read as "
         "UTF-8, at the same byte", answer="error naming the line and column where both stop; --encoding overrides"),
    # One stray byte in a file of either encoding: the place named is the stray byte, not the first Chinese
    # character, where the other encoding stops.
    Case("gb18030_title_then_bad_byte", "a GB18030 export (title line) with one stray byte further down",
         "大渡口区2022年教育事业统计表\nid,value\npreschool.enrolment,1.67\n".encode("gb18030")
         + b"compulsory.retention_rate,100\xff\n", 2,
         "read as GB18030, it fails at line 4, column 30 (byte 0xff at offset 92); read as UTF-8, already at line 1, "
         "column 1", answer="error at the stray byte (GB18030 stops there), saying the file is not UTF-8 either"),
    Case("utf8_chinese_then_bad_byte", "a UTF-8 file with Chinese text and one stray byte further down",
         u("编号,名称,数值\npreschool.enrolment,在园幼儿数,1.67\n") + b"compulsory.retention_rate,,100\xff\n", 2,
         "read as UTF-8, it fails at line 3, column 31 (byte 0xff",
         answer="error at the stray byte (UTF-8 stops there), saying where GB18030 stops"),
    Case("invalid_utf8_mid_file", "a byte that is not UTF-8 (nor GB18030) in the middle of a line",
         b"id,value,note\npreschool.enrolment,1.67,\ncompulsory.retention_rate,100,ok \x81\x30\x81\xff\n", 2,
         "line 3, column 34 (byte 0x81 at offset 73)", answer="error with the line and column of the first bad byte"),
    Case("sep_semicolon_line", "a sep=; first line (semicolon-separated export)",
         u("sep=;\nid;value\npreschool.enrolment;1,67\n"),
         2, "separated by semicolons (sep=;)", answer="names the separator the file declares"),
    Case("title_then_semicolons", "a title line, then a header separated by semicolons",
         u("统计表\nid;value\npreschool.enrolment;1,67\n"), 2, "separated by semicolons",
         answer="names the delimiter problem on the header's line"),
    Case("oversized_field", "a 5 MB note in one cell",
         u("id,value,note\npreschool.enrolment,1.67,\"" + "x" * 5_000_000 + "\"\n"),
         2, "holds more than 131072 characters", answer="error in plain words, with the line"),
    Case("unknown_encoding_option", "--encoding with an unknown name", u(HEAD + "preschool.enrolment,1.67\n"), 2,
         "unknown encoding", args=("--encoding", "klingon"), answer="error"),
    Case("undefined_encoding_option", "--encoding undefined (a codec Python knows that fails on any text)",
         u(HEAD + "preschool.enrolment,1.67\n"), 2, "unknown encoding 'undefined'", args=("--encoding", "undefined"),
         answer="error: not an encoding a text file is kept in"),
    Case("non_text_encoding_option", "--encoding rot13 (a codec that is no text encoding; base64, zlib alike)",
         u(HEAD + "preschool.enrolment,1.67\n"), 2, "unknown encoding 'rot13'", args=("--encoding", "rot13"),
         answer="error: not an encoding a text file is kept in"),
    Case("year_cell_overflow", "a year cell of 1e400 (infinite as a number)",
         u("year,id,value\n1e400,preschool.enrolment,1.67\n"), 2, "expected a four-digit year", answer="error"),
    Case("year_cell_400_digits", "a year cell of 400 digits",
         u("year,id,value\n" + "9" * 400 + ",preschool.enrolment,1.67\n"), 2, "expected a four-digit year",
         answer="error"),
    Case("missing_file", "a file that does not exist", None, 2, "No such file", answer="error"),
    Case("too_large", "a file over the 10 MB limit", b"id,value\n" + b"preschool.enrolment,1.67\n" * 480_000, 2,
         "larger than 10 MB", answer="refused before it is read in full"),
]


def run_case(cli, tmp_path: Path, case: Case, work: Work | None = None):
    path = tmp_path / case.name
    if case.content is not None:
        path.write_bytes(case.content)
        before = (path.read_bytes(), path.stat().st_mtime_ns)
    with work.counting() if work else nullcontext():
        result = cli("evaluate", path, "--format", "json", *case.args)
    if case.content is not None:
        assert (path.read_bytes(), path.stat().st_mtime_ns) == before, "planchk changed its input file"
    return result


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_bad_input_case(cli, work: Work, tmp_path: Path, case: Case) -> None:
    result = run_case(cli, tmp_path, case, work)
    # Bounded work, whatever the input: the file is read at most once, and never much past the 10 MB limit
    # (the byte that shows it is over, and what is left of one buffer).
    size, read = len(case.content or b""), work.last.read_from(tmp_path / case.name)
    assert read <= min(size, MAX_READ), (read, size)
    assert result.exit_code == case.exit, (result.stdout[-500:], result.stderr[-500:])
    assert "Traceback" not in result.output
    if case.exit == 2:
        errors = [ln for ln in result.stderr.splitlines() if ": error: " in ln]
        assert errors and any(case.needle in ln for ln in errors), result.stderr
        assert "\x1b" not in result.stderr
    else:
        report = one_file(result)
        id_, expected = case.needle.split("=")
        actual = next(r["actual"] for r in report["indicators"] + [i for p in report["programmes"]
                                                                   for i in p["items"]] if r["id"] == id_)
        assert str(actual if actual is None else round(actual, 6)) == expected or actual == float(expected)


def test_converted_people_and_blank_rows_are_reported_as_notices(cli, tmp_path: Path) -> None:
    for case_id, needle in (("people_with_unit_column", "converted"), ("blank_rows", "blank row"),
                            ("unknown_column", "checked_by")):
        case = next(c for c in CASES if c.id == case_id)
        report = one_file(run_case(cli, tmp_path, case))
        assert any(needle in n["message"] for n in report["notices"]), case_id


# Every line a spreadsheet export adds around the data is skipped with a notice that names it.
SKIPPED = {
    "title_line": ("notice.above_header", 1,
                   "1 line(s) above the header skipped (line 1: a title); the header is line 2"),
    "sep_line": ("notice.above_header", 1, "(line 1: Excel's 'sep=,' line); the header is line 2"),
    "leading_empty_rows": ("notice.above_header", 1, "2 line(s) above the header skipped (line 1, 2: empty)"),
    "gb18030_title_line": ("notice.above_header", 1, "the header is line 2"),
    "gb18030_sep_line": ("notice.above_header", 1, "the header is line 2"),
    "total_row": ("notice.total_row", 4, "a totals row ('合计') ignored"),
    "total_row_in_id_column": ("notice.total_row", 4, "a totals row ('总计') ignored"),
    "year_dragged_down": ("notice.year_only_rows", 4, "2 row(s) with nothing but the year ignored (line 4, 5;"),
    "blank_row_with_year_column": ("notice.blank_rows", 3, "1 blank row(s) ignored (line 3)"),
}


@pytest.mark.parametrize("case_id", sorted(SKIPPED))
def test_spreadsheet_exports_are_read_and_every_skipped_line_named(cli, tmp_path: Path, case_id: str) -> None:
    code, line, message = SKIPPED[case_id]
    case = next(c for c in CASES if c.id == case_id)
    report = one_file(run_case(cli, tmp_path, case))
    assert report["summary"]["errors"] == 0 and report["year"] == 2022
    [found] = [n for n in report["notices"] if n["code"] == code]
    assert found["line"] == line and message in found["message"], found
    judged = {r["line"] for r in report["indicators"] if r["line"]}
    assert len(judged) == 2 and found["line"] not in judged  # the two data rows, each on its own line


def test_title_line_is_shown_in_the_notice_and_gb18030_named(cli, tmp_path: Path) -> None:
    case = next(c for c in CASES if c.id == "gb18030_title_line")
    report = one_file(run_case(cli, tmp_path, case))
    assert report["source"]["encoding"] == "gb18030"
    [above] = [n for n in report["notices"] if n["code"] == "notice.above_header"]
    assert above["value"] == "大渡口区2022年教育事业统计表"
    assert above["message_zh"] == "已跳过表头上方的 1 行（第 1 行：标题）；表头在第 2 行"


def test_a_stray_byte_in_the_gb18030_sample_is_named_where_it_is(cli, tmp_path: Path) -> None:
    """data/2024.csv is GB18030 with a title line: a byte 0xff at the end of its line 7 is the place to fix, not
    the title's first character, where the file stops being UTF-8."""
    lines = (DATA / "2024.csv").read_bytes().split(b"\n")
    lines[6] = lines[6].replace(b"\r", b"") + b"\xff" + (b"\r" if lines[6].endswith(b"\r") else b"")
    path = tmp_path / "broken-2024.csv"
    path.write_bytes(b"\n".join(lines))
    result = cli("validate", path, "--lang", "zh")
    width = len(lines[6].decode("gb18030", "replace").rstrip("\r\ufffd"))
    assert result.exit_code == 2
    assert result.stderr.startswith(
        f"{path}:7：错误：文件既不是 UTF-8 也不是 GB18030：按 GB18030 读取，在第 7 行第 {width + 1} 列（偏移 "
    ), result.stderr
    assert "；按 UTF-8 读取，在第 1 行第 1 列（偏移 0 处的字节 0xb4）就已出错；" in result.stderr
    # what --encoding gb18030 says of the same file: the same place
    named = cli("validate", path, "--encoding", "gb18030").stderr
    assert f"{path}:7: error: file is not valid gb18030: line 7, column {width + 1} " in named


def test_oversized_field_names_its_line(cli, tmp_path: Path) -> None:
    path = tmp_path / "2022.csv"
    path.write_text("id,value,note\npreschool.enrolment,1.67,\ncompulsory.retention_rate,100,\""
                    + "长" * 200_000 + "\"\n", encoding="utf-8")
    result = cli("validate", path)
    assert result.exit_code == 2
    [error] = [ln for ln in result.stderr.splitlines() if ": error: " in ln]
    assert error.startswith(f"{path}:3: error: a cell starting on this line holds more than 131072 characters")


def test_a_header_more_than_twenty_lines_down_is_not_searched_for(cli, tmp_path: Path) -> None:
    path = tmp_path / "2022.csv"
    path.write_text("说明\n" * 25 + HEAD + RETENTION, encoding="utf-8")
    result = cli("validate", path)
    assert result.exit_code == 2 and f"{path}:1 [id]: error: the header has no 'id' column" in result.stderr


def test_encodings_are_reported(cli, tmp_path: Path) -> None:
    for case_id, encoding in (("gb18030_file", "gb18030"), ("utf8_bom", "utf-8-sig"), ("utf16_bom", "utf-16-le"),
                              ("utf32_bom", "utf-32-le"), ("gb18030_title_line", "gb18030"),
                              ("gb18030_sep_line", "gb18030")):
        case = next(c for c in CASES if c.id == case_id)
        assert one_file(run_case(cli, tmp_path, case))["source"]["encoding"] == encoding


def test_markup_note_in_table_is_literal(cli, tmp_path: Path) -> None:
    case = next(c for c in CASES if c.id == "markup_in_note")
    path = tmp_path / case.name
    path.write_bytes(case.content)
    out = cli("evaluate", path).stdout
    assert "[bold red]x[/] \\x1b[2J" in out and "\x1b" not in out


def test_docs_table_lists_every_case() -> None:
    doc = (ROOT / "docs" / "bad-input.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"`test_bad_input_case\[([a-z0-9_]+)\]`", doc))
    assert documented == {c.id for c in CASES}
    assert len(CASES) >= 30


# --- plan YAML from a user (--plan) ----------------------------------------------------------

PLAN_CASES = {
    "duplicate_key": ("schema_version: 1\nschema_version: 1\n", "duplicate key 'schema_version'"),
    "unknown_field": (None, "Extra inputs are not permitted"),
    "wrong_type": (None, "valid number"),
    "unknown_schema_version": ("schema_version: 99\n", "schema_version 99 is not supported"),
    "duplicate_id": (None, "is used twice"),
    "not_yaml": ("\x00\x01binary", "not valid YAML"),
    "not_a_mapping": ("- a\n- b\n", "must be a mapping"),
    "empty_plan": ("", "plan file is empty"),
    "nan_value": (None, "finite number"),
    "infinite_value": (None, "finite number"),
    "overflowing_value": (None, "finite number"),
    "huge_integer": (None, "larger than any figure"),
    "huge_year": (None, "larger than any figure"),
    "beyond_limit": (None, "larger than any figure"),
    "beyond_limit_unsigned_exponent": (None, "larger than any figure"),  # 1.5e308: YAML 1.1 reads it as text
}


def bundled_targets() -> str:
    return (ROOT / "plan" / "targets.yaml").read_text(encoding="utf-8")


def plan_text(case: str) -> str:
    text, _ = PLAN_CASES[case]
    if text is not None:
        return text
    base = bundled_targets()
    if case == "unknown_field":
        return base.replace("    kind: count\n", "    kind: count\n    colour: red\n", 1)
    if case == "wrong_type":
        return base.replace("baseline: {year: 2020, value: 1.47}", "baseline: {year: 2020, value: lots}", 1)
    if case in ("nan_value", "infinite_value", "overflowing_value", "huge_integer", "beyond_limit",
                "beyond_limit_unsigned_exponent"):
        value = {"nan_value": ".nan", "infinite_value": "-.inf", "overflowing_value": "1.0e+400",
                 "huge_integer": "9" * 5000, "beyond_limit": "1.0e+16",
                 "beyond_limit_unsigned_exponent": "1.5e308"}[case]
        return base.replace("baseline: {year: 2020, value: 1.47}", f"baseline: {{year: 2020, value: {value}}}", 1)
    if case == "huge_year":
        return base.replace("baseline: {year: 2020, value: 1.47}", f"baseline: {{year: {'9' * 400}, value: 1.47}}", 1)
    if case == "duplicate_id":
        return base.replace("id: preschool.gross_enrolment_rate", "id: preschool.enrolment", 1)
    raise AssertionError(case)


@pytest.mark.parametrize("case", sorted(PLAN_CASES))
def test_bad_plan_yaml(cli, tmp_path: Path, case: str) -> None:
    (tmp_path / "targets.yaml").write_text(plan_text(case), encoding="utf-8")
    data = tmp_path / "2022.csv"
    data.write_text(HEAD + RETENTION, encoding="utf-8")
    result = cli("evaluate", data, "--plan", tmp_path)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert PLAN_CASES[case][1] in result.stderr
    assert re.search(r"targets\.yaml(:\d+)?", result.stderr)


def test_alias_bomb_refused_fast(cli, tmp_path: Path) -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i, name in enumerate("bcdefghi"):
        prev = "abcdefghi"[i]
        lines.append(f"{name}: &{name} [{','.join(['*' + prev] * 9)}]")
    bomb = "\n".join(lines) + "\n"
    assert len(bomb) < 1024
    (tmp_path / "targets.yaml").write_text(bomb, encoding="utf-8")
    data = tmp_path / "2022.csv"
    data.write_text(HEAD + RETENTION, encoding="utf-8")
    # A bound on the work, not the time: unguarded, building the document makes 9**9 calls; the whole refused
    # run (the command line included) about 20 000, and loading and judging the bundled plan about 200 000.
    with call_budget(200_000):
        result = cli("evaluate", data, "--plan", tmp_path)
    assert result.exit_code == 2 and "aliases" in result.stderr


def test_missing_plan_directory(cli, tmp_path: Path) -> None:
    data = tmp_path / "2022.csv"
    data.write_text(HEAD + RETENTION, encoding="utf-8")
    result = cli("evaluate", data, "--plan", tmp_path / "nowhere")
    assert result.exit_code == 2 and "plan directory not found" in result.stderr


def test_template_neutralises_formula_cells(cli, tmp_path: Path) -> None:
    text = bundled_targets().replace("{zh: 在园幼儿数, en: Children enrolled in kindergartens}",
                                     '{zh: "=HYPERLINK(1)", en: "+cmd"}', 1)
    (tmp_path / "targets.yaml").write_text(text, encoding="utf-8")
    result = cli("template", "2022", "--plan", tmp_path, "-o", tmp_path / "t.csv")
    assert result.exit_code == 0, result.output
    line = next(ln for ln in (tmp_path / "t.csv").read_text("utf-8-sig").splitlines() if "preschool.enrolment" in ln)
    assert ",'=HYPERLINK(1)," in line


@pytest.mark.parametrize("case", ["nan_value", "infinite_value", "overflowing_value", "huge_integer", "beyond_limit"])
def test_plan_check_names_a_number_that_is_no_figure(cli, tmp_path: Path, case: str) -> None:
    """`plan check` refuses what `evaluate` would refuse, at its file, line and key (before, it passed .nan)."""
    import shutil

    shutil.copytree(ROOT / "plan", tmp_path / "plan")
    (tmp_path / "plan" / "targets.yaml").write_text(plan_text(case), encoding="utf-8")
    result = cli("plan", "check", tmp_path / "plan")
    assert result.exit_code == 2, result.output
    line = next(ln for ln in result.stderr.splitlines() if PLAN_CASES[case][1] in ln)
    assert re.search(r"targets\.yaml:41 \[value\]: error: ", line), line
