"""Values read as what they are (docs/rules.md#values, #plausibility): a date, a time of day or a yes/no value in
a value cell is refused as what it is, in a CSV and in a workbook (a date style, a t="d" or t="b" cell); a
fraction of a thing counted whole is refused; a figure that feeds a ratio planchk computes is held against the
ratio's scale; the plan's reference figure gives a row its scale when no previous year is in the run; and only a
note starting 已核实 or `verified:` confirms a figure that looks wrong."""

from __future__ import annotations

import csv
import datetime
import io
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest

from conftest import as_json, by_id, one_file

# 3月5日 (5 March) 2023 as Excel stores it (the 1900 system: days since 1899-12-30).
SERIAL = (datetime.date(2023, 3, 5) - datetime.date(1899, 12, 30)).days


_EXAMPLES: dict[int, list[list[str]]] = {}  # each year's example, as the command line first wrote it here


def example_rows(cli, year: int) -> list[list[str]]:
    """`planchk template YEAR --example`: the plan's own values, as rows of the CSV (run once a year; each
    caller gets rows of its own to change)."""
    if year not in _EXAMPLES:
        result = cli("template", str(year), "--example")
        assert result.exit_code == 0
        _EXAMPLES[year] = list(csv.reader(io.StringIO(result.stdout.lstrip("\ufeff"))))
    return [list(row) for row in _EXAMPLES[year]]


def filled(cli, path: Path, year: int, values: dict[str, str], notes: dict[str, str] | None = None) -> Path:
    """The example CSV with `values` (and `notes`) written into the rows of those ids."""
    rows = example_rows(cli, year)
    head = rows[0]
    at_value, at_note, at_id = head.index("value"), head.index("note"), head.index("id")
    for row in rows[1:]:
        if row[at_id] in values:
            row[at_value] = values[row[at_id]]
        if notes and row[at_id] in notes:
            row[at_note] = notes[row[at_id]]
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


def line_of(path: Path, id_: str) -> int:
    return next(n for n, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if f",{id_}," in text)


def errors(result) -> list[str]:
    return [line for line in result.stderr.splitlines() if ": error: " in line]


# ── a date, a time, a yes/no value in a CSV ──────────────────────────────────────────────────────────
# (written, what planchk says it is). The first of each kind are the spellings people type; the others are
# held-out variants of the same classes.
CSV_LOOKS = [
    ("2023/3/5", "a date, 2023-03-05"),
    ("2023-03-05", "a date, 2023-03-05"),
    ("3月5日", "a date, 3月5日"),
    ("10:30", "a time of day, 10:30"),
    ("TRUE", "a yes/no value, TRUE"),
    ("FALSE", "a yes/no value, FALSE"),
    ("是", "a yes/no value, 是"),
    ("否", "a yes/no value, 否"),
    ("2023.3.5", "a date, 2023-03-05"),
    ("2023年3月5日", "a date, 2023-03-05"),
    ("３月５日", "a date, 3月5日"),
    ("5/3/2023", "a date, 5/3/2023"),
    ("2023-03-05T10:30:00", "a date, 2023-03-05 10:30"),
    ("下午3:15", "a time of day, 15:15"),
    ("9:05 AM", "a time of day, 09:05"),
    ("true", "a yes/no value, true"),
]


@pytest.mark.parametrize(("written", "said"), CSV_LOOKS, ids=[w for w, _ in CSV_LOOKS])
def test_a_date_time_or_yes_no_in_a_csv_count_cell_is_refused_as_what_it_is(
    cli, tmp_path: Path, written: str, said: str
) -> None:
    path = filled(cli, tmp_path / "2023.csv", 2023, {"box3.1.ideology_model_schools": written})
    result = cli("validate", path)
    assert result.exit_code == 2
    line = line_of(path, "box3.1.ideology_model_schools")
    [error] = errors(result)
    assert error.startswith(f"{path}:{line} [value]: error: expected a number in 所, but this is {said}"), error


def test_what_a_cell_looks_like_is_said_in_chinese_and_in_json(cli, tmp_path: Path) -> None:
    values = {"preschool.enrolment": "2023/3/5", "preschool.public_share": "10:30",
              "box7.yidu_yangfan.evaluation_platform": "TRUE"}
    path = filled(cli, tmp_path / "2023.csv", 2023, values)
    zh = cli("validate", path, "--lang", "zh")
    assert zh.exit_code == 2
    assert f"{path}:2 [value]：错误：应为数字（单位：万人），但这是日期 2023-03-05" in zh.stderr
    assert "但这是时间 10:30" in zh.stderr
    assert "应为状态词（完成、在建、未开工），但这是逻辑值（是/否）「TRUE」" in zh.stderr
    codes = {(e["code"], e["line"], e["column"]) for e in as_json(cli("evaluate", path, "-f", "json"))["errors"]}
    assert codes == {("input.date_value", 2, "value"), ("input.time_value", line_of(path, "preschool.public_share"),
                                                         "value"),
                     ("input.boolean_value", line_of(path, "box7.yidu_yangfan.evaluation_platform"), "value")}


def test_numbers_and_not_reported_marks_are_not_taken_for_dates(cli, tmp_path: Path) -> None:
    """The recognition is asked only of a cell that is not a number: 2023, 1.5, 3-5 and — read as before."""
    path = filled(cli, tmp_path / "2023.csv", 2023, {"box3.1.ideology_model_schools": "2023",
                                                     "preschool.enrolment": "1.77万人", "preschool.public_share": "—"})
    report = one_file(cli("evaluate", path, "-f", "json"))
    got = by_id(report)
    assert (got["box3.1.ideology_model_schools"]["actual"], got["preschool.enrolment"]["actual"]) == (2023, 1.77)
    assert got["preschool.public_share"]["status"] == "missing"
    three_five = filled(cli, tmp_path / "2023.csv", 2023, {"box3.1.ideology_model_schools": "3-5"})
    [error] = errors(cli("validate", three_five))
    assert "expected a number in 所" in error and "date" not in error  # a range or a date: not guessed


# ── the same in workbooks ─────────────────────────────────────────────────────────────────────────────
_FORM: list[bytes] = []  # the 2023 example form as the command line first wrote it here


def form(cli, path: Path, cells: dict[str, tuple[object, str | None]], iso_dates: bool = False,
         epoch_1904: bool = False) -> Path:
    """`planchk template 2023 --example -o form.xlsx` (made once, then copied), with cells of 专栏3 set as Excel
    would: (value, format)."""
    if not _FORM:
        assert cli("template", "2023", "--example", "-o", path).exit_code == 0
        _FORM.append(path.read_bytes())
    path.write_bytes(_FORM[0])
    book = openpyxl.load_workbook(path)
    book.iso_dates = iso_dates
    if epoch_1904:
        from openpyxl.utils.datetime import CALENDAR_MAC_1904

        book.epoch = CALENDAR_MAC_1904
    sheet = book["专栏3"]
    for ref, (value, number_format) in cells.items():
        sheet[ref].value = value
        if number_format is not None:
            sheet[ref].number_format = number_format
    book.save(path)
    return path


MARCH_5 = datetime.datetime(2023, 3, 5)
XLSX_LOOKS = [
    # (the cell as Excel saves it, what planchk says it is): 3/5 typed, in the built-in short date (14) ...
    ((MARCH_5, "mm-dd-yy"), "a date, 2023-03-05"),
    # ... in Chinese Excel's m月d日, and the number itself under a date format (typed into a date cell)
    ((MARCH_5, "m月d日"), "a date, 2023-03-05"),
    ((SERIAL, "m/d/yyyy"), "a date, 2023-03-05"),
    ((datetime.time(10, 30), "h:mm"), "a time of day, 10:30"),
    ((True, None), "a yes/no value, TRUE"),
    # held out: other date formats and a date with a time
    ((MARCH_5, 'yyyy"年"m"月"d"日"'), "a date, 2023-03-05"),
    ((MARCH_5, "[$-804]yyyy/m/d;@"), "a date, 2023-03-05"),
    ((datetime.datetime(2023, 3, 5, 10, 30), "yyyy/m/d h:mm"), "a date, 2023-03-05 10:30"),
    ((datetime.time(15, 15), '上午/下午h"时"mm"分"'), "a time of day, 15:15"),
    ((False, None), "a yes/no value, FALSE"),
]


@pytest.mark.parametrize(("cell", "said"), XLSX_LOOKS, ids=[f"{c[1]}-{c[0]}" for c, _ in XLSX_LOOKS])
def test_a_date_time_or_yes_no_in_a_workbook_count_cell_is_refused_at_its_cell(
    cli, tmp_path: Path, cell: tuple[object, str | None], said: str
) -> None:
    path = form(cli, tmp_path / "form-2023.xlsx", {"G4": cell})  # 专栏3!G4: box3.1.ideology_model_schools
    result = cli("validate", path, "--strict")
    assert result.exit_code == 2
    [error] = errors(result)
    assert error.startswith(f"{path} 专栏3!G4 [数值]: error: expected a number in 所, but this is {said}"), error
    [found] = as_json(cli("evaluate", path, "-f", "json"))["errors"]
    assert (found["sheet"], found["line"], found["column_number"]) == ("专栏3", 4, 7)


@pytest.mark.parametrize("how", ["iso_cell", "epoch_1904", "xlsxwriter"])
def test_dates_written_other_ways_are_dates_too(cli, tmp_path: Path, how: str) -> None:
    """A date cell stored as ISO text (t="d"), a Mac workbook counting from 1904, a workbook from XlsxWriter."""
    path = tmp_path / "form-2023.xlsx"
    if how == "xlsxwriter":
        import xlsxwriter

        book = xlsxwriter.Workbook(path)
        sheet = book.add_worksheet("统计")
        sheet.write_row(0, 0, ["id", "value"])
        sheet.write_row(1, 0, ["compulsory.retention_rate", 100])
        sheet.write(2, 0, "box3.1.ideology_model_schools")
        sheet.write_datetime(2, 1, MARCH_5, book.add_format({"num_format": "yyyy-mm-dd"}))
        book.close()
        where = "统计!B3 [value]"
    else:
        form(cli, path, {"G4": (MARCH_5, "yyyy-mm-dd")}, iso_dates=how == "iso_cell", epoch_1904=how == "epoch_1904")
        where = "专栏3!G4 [数值]"
    if how == "iso_cell":
        assert b't="d"' in zipfile.ZipFile(path).read("xl/worksheets/sheet4.xml")
    if how == "epoch_1904":
        assert b'date1904="1"' in zipfile.ZipFile(path).read("xl/workbook.xml")
    result = cli("validate", path)
    assert result.exit_code == 2
    assert f"{path} {where}: error: expected a number in 所, but this is a date, 2023-03-05" in result.stderr


def test_percent_and_plain_number_formats_still_read_as_numbers(cli, tmp_path: Path) -> None:
    path = form(cli, tmp_path / "form-2023.xlsx", {"G4": (7, "0"), "G5": (12, "#,##0"), "G6": (30, "0.00E+00")})
    report = one_file(cli("evaluate", path, "-f", "json"))
    got = by_id(report)
    assert got["box3.1.ideology_model_schools"]["actual"] == 7


# ── a fraction of a thing counted whole ──────────────────────────────────────────────────────────────
@pytest.mark.parametrize(("id_", "written", "unit"), [
    ("box3.1.ideology_model_schools", "6.5", "所"),
    ("text.teachers.teacher_total", "2999.5", "人"),
    ("text.teachers.teacher_total", "0.36", "人"),
    ("box6.1.subject_leaders", "2.5", "名"),  # held out: another unit
])
def test_a_fraction_of_a_thing_counted_whole_is_refused(cli, tmp_path: Path, id_: str, written: str, unit: str) -> None:
    path = filled(cli, tmp_path / "2023.csv", 2023, {id_: written})
    result = cli("validate", path, "--strict")
    assert result.exit_code == 2
    [error] = errors(result)
    assert error.startswith(f"{path}:{line_of(path, id_)} [value]: error: {written} {unit} is not a whole number")


def test_a_fraction_in_a_workbook_count_cell_is_refused_at_its_cell(cli, tmp_path: Path) -> None:
    path = form(cli, tmp_path / "form-2023.xlsx", {"G5": (2.5, None)})
    [error] = errors(cli("validate", path))
    assert error.startswith(f"{path} 专栏3!G5 [数值]: error: 2.5 个 is not a whole number"), error


# ── the form refuses a date as it is typed ───────────────────────────────────────────────────────────
def test_the_forms_count_cells_refuse_a_date_serial_and_can_be_set_back_to_general(cli, tmp_path: Path) -> None:
    """Excel stores 3/5 typed into a cell as the whole number 44990: the count cells' whole-number validation has
    an upper bound below every date serial from 1982 on, so Excel refuses it; and the sheet lets a cell's format
    be changed, so that a cell Excel turned into a date can be set back to General."""
    path = tmp_path / "form-2023.xlsx"
    assert cli("template", "2023", "-o", path).exit_code == 0
    book = openpyxl.load_workbook(path)
    sheet = book["专栏3"]
    assert sheet["B4"].value == "box3.1.ideology_model_schools"
    [rule] = [v for v in sheet.data_validations.dataValidation if str(v.sqref) == "G4"]
    # between and stop are the defaults, left out of the XML
    assert (rule.type, rule.operator or "between", rule.errorStyle or "stop") == ("whole", "between", "stop")
    low, high = float(rule.formula1), float(rule.formula2)
    first_1982 = (datetime.date(1982, 3, 1) - datetime.date(1899, 12, 30)).days
    assert low == 0 and 200 <= high < first_1982 < SERIAL
    assert sheet["G4"].number_format == "General"
    assert sheet.protection.sheet and not sheet.protection.formatCells  # formatCells=0: allowed
    # 全区教师总数: a count of people with a plausible range (around the plan's reference figure): whole numbers,
    # a warning outside the range, which a date's serial is
    text = book["正文"]
    row = next(r[0].row for r in text.iter_rows(min_col=2, max_col=2) if r[0].value == "text.teachers.teacher_total")
    [rule] = [v for v in text.data_validations.dataValidation if str(v.sqref) == f"G{row}"]
    assert (rule.type, rule.errorStyle) == ("whole", "warning")
    assert float(rule.formula1) < 3000 < float(rule.formula2) < SERIAL
    guide = " ".join(str(c.value) for row in book["填写说明"].iter_rows() for c in row if c.value)
    assert "3/5" in guide and "已核实" in guide


# ── figures that feed a ratio planchk computes ───────────────────────────────────────────────────────
def test_the_teacher_total_cannot_turn_the_30_to_1_team_from_fail_to_pass(cli, tmp_path: Path) -> None:
    """全区教师总数 3 600 with a team of 100: 0.83 members per 30 teachers, a fail. Written as 360 or 0.36 it is
    refused, never a pass."""
    real = filled(cli, tmp_path / "2023.csv", 2023, {"text.teachers.teacher_total": "3600"})
    report = one_file(cli("evaluate", real, "-f", "json"))
    assert by_id(report)["text.teachers.guidance_team_ratio"]["status"] == "fail"
    for slip, said in (("360", "360 人 is 1/8 of the plan's reference figure 3000"),
                       ("0.36", "0.36 人 is not a whole number")):
        path = filled(cli, tmp_path / "2023.csv", 2023, {"text.teachers.teacher_total": slip})
        result = cli("validate", path, "--strict")
        assert result.exit_code == 2 and said in result.stderr, result.stderr


def test_a_team_out_of_proportion_to_the_staff_is_refused_at_the_teacher_total(cli, tmp_path: Path) -> None:
    """700 teachers (within 5× of the plan's reference figure) and a team of 200: 8.6 members per 30 teachers,
    nine times the plan's 1. Refused at the figure it is divided by, naming both figures and their cells."""
    values = {"text.teachers.teacher_total": "700", "box6.2.training_guidance_team": "200"}
    path = filled(cli, tmp_path / "2023.csv", 2023, values)
    result = cli("validate", path)
    assert result.exit_code == 2
    team, total = line_of(path, "box6.2.training_guidance_team"), line_of(path, "text.teachers.teacher_total")
    [error] = errors(result)
    assert error.startswith(
        f"{path}:{total} [value]: error: District teacher research-and-training team at 30:1, computed from "
        f"District teacher-training guidance team 200 人 ({path}:{team}), Teachers in the district 700 人 "
        f"({path}:{total}), is 8.5714 人/30名教师, 9× the size of the plan's 1"), error
    # a team bigger than the whole staff: the same
    bigger = filled(cli, tmp_path / "2023.csv", 2023, {"text.teachers.teacher_total": "150",
                                                       "box6.2.training_guidance_team": "200"})
    assert cli("validate", bigger).exit_code == 2
    # verified: judged as reported, the notice saying what verified it
    path = filled(cli, tmp_path / "2023.csv", 2023, values, {"text.teachers.teacher_total": "已核实：含退休返聘"})
    result = cli("evaluate", path, "-f", "json")
    report = one_file(result)
    [seen] = [n for n in report["notices"] if n["code"] == "notice.derived_confirmed"]
    assert seen["line"] == total and "starts with 已核实: “已核实：含退休返聘”" in seen["message"]
    assert by_id(report)["text.teachers.guidance_team_ratio"]["status"] == "pass"


def test_per_pupil_spending_is_held_against_the_year_before(cli, tmp_path: Path) -> None:
    """Held out: 生均教育支出 is reported (元) since plan 1.1.0, a measured quantity like any other: written in
    万元 or with three zeros too many it is 1/10 000 or 1 000× last year's figure, refused at its row."""
    item = "text.finance.per_pupil_spending"
    before = filled(cli, tmp_path / "2022.csv", 2022, {item: "18600"})
    for slip in ("1.83", "18300000"):
        now = filled(cli, tmp_path / "2023.csv", 2023, {item: slip})
        result = cli("evaluate", before, now)
        assert result.exit_code == 2, result.stdout
        [error] = errors(result)
        assert error.startswith(f"{now}:{line_of(now, item)} [value]: error:"), error
        assert f"{slip} 元" in error and "已核实" in error
    fine = filled(cli, tmp_path / "2023.csv", 2023, {item: "18300"})
    assert cli("evaluate", before, fine).exit_code == 0  # the plan's own values, judged


# ── the plan's own figures give the scale when no other year is in the run ───────────────────────────
def test_money_in_yuan_and_a_share_as_a_fraction_fail_validate_strict_in_a_single_year(cli, tmp_path: Path) -> None:
    path = filled(cli, tmp_path / "2023.csv", 2023, {"text.finance.budget_education_spending": "1227672000",
                                                     "text.finance.education_budget_share": "0.177"})
    result = cli("validate", path, "--strict")
    assert result.exit_code == 2
    assert "1227672000 万元 is 10,404× the size of the plan's reference figure 118000: the figure looks given in 元" \
        in result.stderr
    assert "0.177 % is far below the plan's reference figure 17 %: write the rate as a percentage (17.7" \
        in result.stderr
    # held out: a dropped digit (12 276.72 for 122 767.2)
    dropped = filled(cli, tmp_path / "2023.csv", 2023, {"text.finance.budget_education_spending": "12276.72"})
    assert "1/10 of the plan's reference figure" in cli("validate", dropped).stderr


def test_the_reference_figure_gives_way_to_the_year_before(cli, tmp_path: Path) -> None:
    """A district spending 6× the plan's reference figure, year after year: the later year is held against the
    year before (given with --previous), not the reference figure."""
    before = filled(cli, tmp_path / "2022.csv", 2022, {"text.finance.budget_education_spending": "700000"},
                    {"text.finance.budget_education_spending": "已核实：区级决算数"})
    now = filled(cli, tmp_path / "2023.csv", 2023, {"text.finance.budget_education_spending": "720000"})
    assert cli("validate", now).exit_code == 2  # alone: 6× the reference figure
    result = cli("evaluate", now, "--previous", before, "-f", "json")
    assert result.exit_code != 2, result.stderr
    assert by_id(one_file(result))["text.finance.budget_education_spending"]["status"] == "pass"


# ── confirmation is explicit ─────────────────────────────────────────────────────────────────────────
NOT_CONFIRMING = ["确认中，待统计局核实", "确认后补报", "确认不了", "to be confirmed", "确认", "confirmed", "已确认",
                  "待核实", "verified", "not verified: yet", "核实中",
                  # 已核实 going straight on says something else: checked and found wrong, a question
                  "已核实有误，待更正", "已核实？", "已核实（错误）"]
CONFIRMING = [("已核实：含外区借读生", "已核实"), ("已核实", "已核实"), ("  已核实，见附件", "已核实"),
              ("已核实。", "已核实"), ("verified: includes pupils from other districts", "verified"),
              ("Verified：见附件", "Verified")]


@pytest.mark.parametrize("note", NOT_CONFIRMING)
def test_a_note_that_does_not_start_with_the_words_confirms_nothing(cli, tmp_path: Path, note: str) -> None:
    path = filled(cli, tmp_path / "2023.csv", 2023, {"compulsory.primary_enrolment": "29.72"},
                  {"compulsory.primary_enrolment": note})
    result = cli("validate", path)
    assert result.exit_code == 2
    [error] = errors(result)
    assert "29.72 万人 is 12× the size of its 2020 value 2.52" in error and "start its note with 已核实" in error


@pytest.mark.parametrize(("note", "word"), CONFIRMING)
def test_a_note_starting_with_the_words_confirms_and_the_notice_says_so(cli, tmp_path: Path, note: str,
                                                                        word: str) -> None:
    path = filled(cli, tmp_path / "2023.csv", 2023, {"compulsory.primary_enrolment": "29.72"},
                  {"compulsory.primary_enrolment": note})
    result = cli("evaluate", path, "-f", "json")
    report = one_file(result)
    [seen] = [n for n in report["notices"] if n["code"] == "notice.implausible_confirmed"]
    assert seen["line"] == line_of(path, "compulsory.primary_enrolment")
    shown = note.strip() if len(note.strip()) <= 40 else note.strip()[:40] + "…"  # a long note is cut
    assert f"judged as reported, because its note starts with {word}: “{shown}”" in seen["message"]
    assert re.search(f"备注以“{re.escape(word)}”开头", seen["message_zh"])


def test_a_team_bigger_than_the_whole_staff_is_refused_even_when_confirmed(cli, tmp_path: Path) -> None:
    """The 30:1 team is drawn from the teachers: 400 members of a staff of 350 cannot be, whatever the notes say."""
    path = filled(cli, tmp_path / "2024.csv", 2024,
                  {"text.teachers.teacher_total": "350", "box6.2.training_guidance_team": "400"},
                  {"text.teachers.teacher_total": "已核实：仅统计在编教师", "box6.2.training_guidance_team": "已核实"})
    result = cli("evaluate", path)
    assert result.exit_code == 2, result.stdout
    [error] = errors(result)
    assert error.startswith(f"{path}:{line_of(path, 'text.teachers.teacher_total')} [value]: error:"), error
    assert "400" in error and "350" in error and f"{path}:{line_of(path, 'box6.2.training_guidance_team')}" in error
    within = filled(cli, tmp_path / "2024.csv", 2024, {"box6.2.training_guidance_team": "350"})
    assert cli("evaluate", within).exit_code == 0  # 350 of the plan's 3 000 teachers: a large team, not impossible


def test_a_figure_written_with_its_units_scale_is_read_in_that_unit(cli, tmp_path: Path) -> None:
    """1.69万 in a row of 万人 is 1.69 万人 (the 万 is the unit's own); 1.69万元 there is still the wrong unit."""
    right = tmp_path / "2022.csv"
    right.write_text("id,value\npreschool.enrolment,1.69万\n", encoding="utf-8")
    result = cli("evaluate", right, "--only", "indicators", "-f", "json")
    assert result.exit_code != 2 and result.stderr == "", result.stderr  # read (1: the rows left out, binding)
    [row] = [i for i in one_file(result)["indicators"] if i["id"] == "preschool.enrolment"]
    assert row["actual"] == 1.69 and row["status"] == "pass"
    wrong = tmp_path / "2023.csv"
    wrong.write_text("id,value\npreschool.enrolment,1.69万元\n", encoding="utf-8")
    refused = cli("evaluate", wrong, "--lang", "zh")
    assert refused.exit_code == 2 and "数字后面多了「万元」；这里的单位是「万人」" in refused.stderr


def test_a_gross_rate_may_pass_100_and_other_rates_may_not(cli, tmp_path: Path) -> None:
    """高中阶段毛入学率 counts pupils of any age over the school-age population (`may_exceed_100: true` in the plan):
    100.6 is read and judged; 九年义务教育巩固率 at 100.6 is still refused, at its line."""
    from conftest import DATA

    lines = (DATA / "2023.csv").read_text(encoding="utf-8").splitlines()
    gross = [_set(line, "upper_secondary.gross_enrolment_rate", "100.6") for line in lines]
    assert gross != lines
    f = tmp_path / "2023.csv"
    f.write_text("\n".join(gross) + "\n", encoding="utf-8")
    judged = cli("evaluate", str(f), "--format", "json", "--lang", "en")
    assert judged.exit_code in (0, 1), judged.output
    row = next(i for i in as_json(judged)["files"][0]["indicators"]
               if i["id"] == "upper_secondary.gross_enrolment_rate")
    assert (row["actual"], row["status"]) == (100.6, "pass")
    net = [_set(line, "compulsory.retention_rate", "100.6") for line in lines]
    g = tmp_path / "bad" / "2023.csv"
    g.parent.mkdir()
    g.write_text("\n".join(net) + "\n", encoding="utf-8")
    refused = cli("evaluate", str(g), "--lang", "en")
    line = next(n for n, text in enumerate(net, 1) if text.split(",")[1] == "compulsory.retention_rate")
    assert refused.exit_code == 2 and f"2023.csv:{line}" in refused.output and "cannot exceed 100%" in refused.output


@pytest.mark.parametrize(("value", "note", "code"), [("450", "", 2), ("450", "已核实：含外区借读生", 0)])
def test_a_figure_that_may_pass_100_is_held_below_the_plans_limit(cli, tmp_path: Path, value: str, note: str,
                                                                  code: int) -> None:
    """A gross rate of 450 % (109.3 typed 190.3, or worse) passed silently once the 100 % ceiling was lifted: above the
    plan's exceeding_100_up_to (120) it is refused as a slip, unless its note confirms it."""
    from conftest import DATA

    lines = (DATA / "2023.csv").read_text(encoding="utf-8").splitlines()
    mine = [_set(line, "upper_secondary.gross_enrolment_rate", value, note) for line in lines]
    f = tmp_path / "2023.csv"
    f.write_text("\n".join(mine) + "\n", encoding="utf-8")
    result = cli("validate", str(f), "--lang", "zh")
    assert result.exit_code == code, result.output
    said = "450% 超过 120%" + ("：此项可以超过 100%" if code else "；备注以“已核实”开头")
    assert said in result.output


def test_teachers_pay_above_civil_servants_is_read(cli, tmp_path: Path) -> None:
    """不低于或高于当地公务员平均工资: teachers' pay at 105 % of civil servants' is the good case, not a refused
    rate."""
    from conftest import DATA

    lines = (DATA / "2023.csv").read_text(encoding="utf-8").splitlines()
    mine = [_set(line, "text.teachers.pay_parity", "105") for line in lines]
    assert mine != lines
    f = tmp_path / "2023.csv"
    f.write_text("\n".join(mine) + "\n", encoding="utf-8")
    result = cli("evaluate", str(f), "--format", "json")
    rows = {i["id"]: i for p in as_json(result)["files"][0]["programmes"] for i in p["items"]}
    assert (rows["text.teachers.pay_parity"]["actual"], rows["text.teachers.pay_parity"]["status"]) == (105.0, "pass")


def _set(line: str, id_: str, value: str, note: str | None = None) -> str:
    """A sample file's row of `id_` with `value` in its value cell (year, id, name, unit, value, note), and `note`."""
    cells = line.split(",")
    if cells[1] != id_:
        return line
    cells[4] = value
    if note is not None:
        cells[5] = note
    return ",".join(cells)


def test_an_offices_short_form_of_a_name_matches_and_another_name_does_not(cli, tmp_path: Path) -> None:
    """公办园占比 is 公办园在园幼儿占比 shortened (its characters in order): no error. 普通初中 on the row of
    普通小学在校学生数 is a wrong id, and still refused at its cell."""
    f = tmp_path / "2022.csv"
    f.write_text("id,name,value\npreschool.public_share,公办园占比,52\npreschool.inclusive_rate,普惠率,93\n",
                 encoding="utf-8")
    assert cli("validate", f).exit_code == 0
    f.write_text("id,name,value\npreschool.public_share,公办园占比,52\ncompulsory.primary_enrolment,普通初中,2.6\n",
                 encoding="utf-8")
    refused = cli("validate", f, "--lang", "en")
    assert refused.exit_code == 2 and "2022.csv:3 [name]: error" in refused.output
    assert "2022.csv:2" not in refused.output
