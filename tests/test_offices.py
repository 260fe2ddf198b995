"""Offices fill their own copies of the form (docs/rules.md#one-year-from-several-files): each copy of
`planchk template YEAR -f xlsx` holds every id; a row whose value and note are empty is not reported by that
copy, so copies filled in different cells join under `--combine` (evaluate, validate, report, trend), and an
id filled in two copies is an error naming both cells. Notes keep the lines they were written on."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import openpyxl
import pytest

from conftest import DATA, as_json, by_id, one_file

YEAR = 2023
FIGURES = {r["id"]: r["value"] for r in csv.DictReader((DATA / f"{YEAR}.csv").open(encoding="utf-8-sig"))}


_BLANK: dict[int, bytes] = {}  # the form of each year as the command line first made it in this module


def form(cli, path: Path, year: int = YEAR) -> Path:
    """A blank copy of the form, made by the command line (once a year; then copied, as offices copy it)."""
    if year not in _BLANK:
        result = cli("template", str(year), "-o", path, "-f", "xlsx")
        assert result.exit_code == 0, result.output
        _BLANK[year] = path.read_bytes()
    else:
        path.write_bytes(_BLANK[year])
    return path


def cells(path: Path) -> dict[str, tuple[str, int, int, int]]:
    """Each id of a form → (sheet, row, its 数值 column, its 备注 column), read from the form's own headers."""
    return _opened(path)[1]


# Each form's bytes → the workbook openpyxl reads from them and its cells: loading the form is much of this
# module's CPU, and every copy of a year's form starts from the same bytes. `fill` puts back what it changes.
_OPENED: dict[bytes, tuple[openpyxl.Workbook, dict[str, tuple[str, int, int, int]]]] = {}


def _opened(path: Path) -> tuple[openpyxl.Workbook, dict[str, tuple[str, int, int, int]]]:
    data = path.read_bytes()
    if data not in _OPENED:
        book = openpyxl.load_workbook(path)
        _OPENED[data] = (book, _cells_of(book))
    return _OPENED[data]


def _cells_of(book: openpyxl.Workbook) -> dict[str, tuple[str, int, int, int]]:
    found: dict[str, tuple[str, int, int, int]] = {}
    for sheet in book.worksheets:
        header = [c.value for c in sheet[1]]
        if "编号" not in header:
            continue
        id_col, value_col, note_col = (header.index(h) + 1 for h in ("编号", "数值", "备注"))
        for row in range(2, sheet.max_row + 1):
            id_ = sheet.cell(row, id_col).value
            if id_:
                found[str(id_)] = (sheet.title, row, value_col, note_col)
    return found


def fill(path: Path, values: dict[str, object], notes: dict[str, str] | None = None) -> dict[str, str]:
    """Write figures (and notes) into a copy as Excel would hold them: numbers as numbers. Returns each
    filled id's value cell as planchk names it (专栏1!G2). The copy's workbook is read once for the same bytes
    (`_opened`); the cells written are set back after the save, so that it stays the workbook of those bytes."""
    book, where = _opened(path)
    named = {}
    before: list[tuple[openpyxl.cell.Cell, object]] = []
    # openpyxl's save notes the columns' outline level on the sheet (written from the second save on)
    outlines = [(sheet.column_dimensions, sheet.column_dimensions.max_outline) for sheet in book.worksheets]
    try:
        for id_, value in values.items():
            sheet, row, value_col, _ = where[id_]
            cell = book[sheet].cell(row, value_col)
            before.append((cell, cell.value))
            cell.value = _typed(value)
            named[id_] = f"{sheet}!{cell.coordinate}"
        for id_, note in (notes or {}).items():
            sheet, row, _, note_col = where[id_]
            cell = book[sheet].cell(row, note_col)
            before.append((cell, cell.value))
            cell.value = note
        book.save(path)
    finally:
        for cell, value in reversed(before):
            cell.value = value
        for columns, level in outlines:
            columns.max_outline = level
    return named


def _typed(value: object) -> object:
    try:
        return float(str(value))
    except ValueError:
        return value


def split_figures(ids: list[str], offices: int) -> list[dict[str, str]]:
    """The year's figures dealt out row by row, so that every office fills rows on every sheet."""
    shares: list[dict[str, str]] = [{} for _ in range(offices)]
    for n, id_ in enumerate(i for i in ids if i in FIGURES and FIGURES[i].strip()):
        shares[n % offices][id_] = FIGURES[id_]
    return shares


def verdicts(file: dict) -> dict[str, tuple[object, object]]:
    return {k: (r["status"], r["actual"]) for k, r in by_id(file).items()}


def test_copies_filled_in_different_cells_are_judged_as_the_whole_year(cli, tmp_path: Path) -> None:
    first, second = form(cli, tmp_path / "基教科.xlsx"), form(cli, tmp_path / "人事科.xlsx")
    ids = list(cells(first))
    left_blank = ids[0]  # reported by neither office
    a, b = split_figures(ids[1:], 2)
    fill(first, a)
    fill(second, b)
    whole = form(cli, tmp_path / "whole.xlsx")
    fill(whole, a | b)

    result = cli("evaluate", "--combine", first, second, "-f", "json")
    assert result.exit_code in (0, 1), result.stderr
    combined = one_file(result)
    assert verdicts(combined) == verdicts(one_file(cli("evaluate", whole, "-f", "json")))
    rows = by_id(combined)
    assert rows[left_blank]["status"] == "missing" and rows[left_blank]["source"] is None
    for share, path in ((a, first), (b, second)):
        for id_ in share:
            if id_ in rows:  # a derived row's inputs are read, the row itself is computed
                assert rows[id_]["source"]["file"] == str(path), id_
    assert combined["source"]["files"] == [str(first), str(second)]
    assert as_json(cli("validate", "--combine", first, second, "-f", "json"))["errors"] == []


def test_the_table_says_which_file_gave_each_figure(cli, tmp_path: Path) -> None:
    first, second = form(cli, tmp_path / "基教科.xlsx"), form(cli, tmp_path / "人事科.xlsx")
    names = {r["id"]: r["name"] for r in one_file(cli("evaluate", DATA / f"{YEAR}.csv", "-f", "json"))["indicators"]}
    one, other = [i for i in cells(first) if i in names][:2]
    fill(first, {one: FIGURES[one]}, notes={one: "区统计局年报"})
    fill(second, {other: FIGURES[other]})
    table = cli("evaluate", "--combine", first, second, "--only", "indicators").stdout
    lines = table.splitlines()
    assert f"Figures from: [1] {first}, [2] {second}" in table
    shown = {id_: next(line for line in lines if f"│ {names[id_]} " in line) for id_ in (one, other)}
    assert "[1]" in shown[one] and "[2]" not in shown[one]
    assert "[2]" in shown[other] and "[1]" not in shown[other]
    sheet, row, _, _ = cells(first)[one]
    assert f"  {first} {sheet} line {row} {one}: 区统计局年报" in lines
    alone = cli("evaluate", first, "--only", "indicators").stdout
    assert "[1]" not in alone and "Figures from" not in alone and f"  {sheet} line {row} {one}: 区统计局年报" in alone


def test_three_offices_one_id_filled_twice_is_one_error_naming_both_cells(cli, tmp_path: Path) -> None:
    paths = [form(cli, tmp_path / f"{name}.xlsx") for name in ("基教科", "财务科", "人事科")]
    shares = split_figures(list(cells(paths[0])), 3)
    twice = next(iter(shares[0]))
    shares[2][twice] = shares[0][twice]  # 人事科 also fills a row of 基教科's
    named = [fill(path, share) for path, share in zip(paths, shares, strict=True)]

    result = cli("evaluate", "--combine", *paths, "--lang", "zh")
    assert result.exit_code == 2
    errors = [line for line in result.stderr.splitlines() if "错误：" in line]
    assert errors == [
        f"{paths[2]} {named[2][twice]} [数值]：错误：编号「{twice}」在 {paths[0]} {named[0][twice]} 也已填写："
        f"每个数字只能在一处填报（一个工作表、一个文件），另一处的数值和备注请留空（值：'{_typed(FIGURES[twice])}'）"
    ]
    # Without the overlap the same three copies are one year.
    fill(paths[2], {twice: None})
    assert cli("evaluate", "--combine", *paths).exit_code in (0, 1)


def test_a_note_alone_reports_the_row(cli, tmp_path: Path) -> None:
    """A note written in a row that another office fills is that copy speaking about the row: an error."""
    first, second = form(cli, tmp_path / "基教科.xlsx"), form(cli, tmp_path / "人事科.xlsx")
    id_ = next(iter(cells(first)))
    fill(first, {id_: FIGURES[id_]})
    fill(second, {}, notes={id_: "由基教科报送"})
    result = cli("evaluate", "--combine", first, second)
    assert result.exit_code == 2 and f"id '{id_}' is filled in at {first}" in result.stderr


def test_csv_copies_of_the_template_combine(cli, tmp_path: Path) -> None:
    paths = [tmp_path / "教育科.csv", tmp_path / "计财科.csv"]
    for path in paths:
        assert cli("template", str(YEAR), "-o", path).exit_code == 0
    rows = list(csv.DictReader(paths[0].open(encoding="utf-8-sig")))
    shares = split_figures([r["id"] for r in rows], 2)
    for path, share in zip(paths, shares, strict=True):
        with path.open("w", encoding="utf-8-sig", newline="") as out:
            writer = csv.DictWriter(out, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows({**r, "value": share.get(r["id"], "")} for r in rows)
    combined = one_file(cli("evaluate", "--combine", *paths, "-f", "json"))
    whole = one_file(cli("evaluate", DATA / f"{YEAR}.csv", "-f", "json"))
    assert {k: v for k, v in verdicts(combined).items() if k in FIGURES} == {
        k: v for k, v in verdicts(whole).items() if k in FIGURES
    }


_NEXT_YEAR: list[tuple[Path, Path, Path]] = []


@pytest.fixture
def next_year(cli, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    """The next year's form as two offices fill it (every other row each) and as one whole copy: made once for
    the report and trend tests, which only read them."""
    if not _NEXT_YEAR:
        year, folder = YEAR + 1, tmp_path_factory.mktemp("offices")
        first, second = form(cli, folder / "基教科.xlsx", year), form(cli, folder / "人事科.xlsx", year)
        a, b = split_figures(list(cells(first)), 2)
        fill(first, a)
        fill(second, b)
        whole = form(cli, folder / f"{year}.xlsx", year)
        fill(whole, a | b)
        _NEXT_YEAR.append((first, second, whole))
    return _NEXT_YEAR[0]


@pytest.mark.parametrize("command", ["report", "trend"])
def test_report_and_trend_join_the_copies_of_a_year(cli, next_year: tuple[Path, Path, Path], command: str) -> None:
    year = YEAR + 1
    first, second, whole = next_year
    # the year before in the same folder as the next year's files: one district's years, named as such
    earlier = whole.parent / f"{YEAR}.csv"
    shutil.copyfile(DATA / f"{YEAR}.csv", earlier)

    refused = cli(command, earlier, first, second)
    assert refused.exit_code == 2 and "--combine" in refused.stderr
    fmt = "markdown" if command == "report" else "json"
    joined = cli(command, "--combine", earlier, first, second, "-f", fmt)
    assert joined.exit_code == 0, joined.stderr
    alone = cli(command, earlier, whole, "-f", fmt)
    if command == "trend":
        together, one = json.loads(joined.stdout), json.loads(alone.stdout)
        assert together["years"] == one["years"] == [YEAR, year]
        assert together["series"] == one["series"] and together["rules"] == one["rules"]
        assert together["files"][-1] == f"{first} + {second}"
    else:
        assert first.name in joined.stdout and second.name in joined.stdout
        body = [line for line in joined.stdout.splitlines() if line.startswith("|")]
        assert body and body == [line for line in alone.stdout.splitlines() if line.startswith("|")]


NOTE = "两所新建公办园延期开园\n（预计2024年9月）"


def test_a_note_over_two_lines_is_kept_and_shown_on_two_lines(cli, tmp_path: Path) -> None:
    written = tmp_path / f"{YEAR}.csv"
    with written.open("w", encoding="utf-8", newline="") as out:
        csv.writer(out, lineterminator="\r\n").writerows(
            [["id", "value", "note"], ["preschool.public_share", "53.8", NOTE.replace("\n", "\r\n")]]
        )
    copy = form(cli, tmp_path / f"form-{YEAR}.xlsx")
    fill(copy, {"preschool.public_share": "53.8"}, notes={"preschool.public_share": NOTE})
    for path in (written, copy):
        file = one_file(cli("evaluate", path, "-f", "json"))
        assert by_id(file)["preschool.public_share"]["note"] == NOTE
        table = cli("evaluate", path, "--lang", "zh").stdout
        assert "\\n" not in table and "\\x0d" not in table
        first, second = NOTE.split("\n")
        lines = table.splitlines()
        at = next(n for n, line in enumerate(lines) if line.endswith(first))
        assert lines[at + 1].strip() == second
        markdown = cli("evaluate", path, "-f", "markdown").stdout
        assert f"{first}\\\n  {second}" in markdown


def test_control_characters_in_a_note_stay_visible(cli, tmp_path: Path) -> None:
    path = tmp_path / f"{YEAR}.csv"
    path.write_text('id,value,note\npreschool.public_share,53.8,"a\x1b[31mb\nc"\n', encoding="utf-8")
    assert by_id(one_file(cli("evaluate", path, "-f", "json")))["preschool.public_share"]["note"] == "a\\x1b[31mb\nc"
    assert "\x1b" not in cli("evaluate", path).stdout


def test_report_combine_takes_the_run_as_one_districts_years(cli, tmp_path: Path) -> None:
    """README's workflow: `report --combine 2023.csv 基教科-2024.csv 计财科-2024.csv`. The office copies are named by
    office, so no name pairs them with 2023.csv; under --combine the run is one district's years, and 2024's
    逐年只增不减 budget is judged against 2023's (it was cannot-judge in every year)."""
    import shutil

    from conftest import DATA

    shutil.copyfile(DATA / "2023.csv", tmp_path / "2023.csv")
    ji, cai = tmp_path / "基教科-2024.csv", tmp_path / "计财科-2024.csv"
    ji.write_text("year,id,value\n2024,preschool.enrolment,1.87\n", encoding="utf-8")
    cai.write_text("year,id,value\n2024,text.finance.budget_education_spending,100000\n", encoding="utf-8")
    out = cli("trend", "--combine", tmp_path / "2023.csv", ji, cai, "-f", "json", "--lang", "zh")
    assert out.exit_code == 0, out.output
    trend = as_json(out)
    refs = {r["year"] + 1: r for r in trend["year_before"]}
    assert refs[2024]["paired_by"] == "combine" and refs[2024]["file"] == str(tmp_path / "2023.csv")
    budget = next(r for r in trend["rules"] if r["id"] == "text.finance.budget_education_spending")
    [y2024] = [y for y in budget["years"] if y["year"] == 2024]
    assert y2024["status"] == "fail" and "121900" in y2024["message"]
    report = cli("report", "--combine", tmp_path / "2023.csv", ji, cai).stdout
    assert "的上一年：" in report and "（--combine：所给文件为同一地区的各年）" in report


def test_combine_checks_slips_against_the_year_it_compares_with_and_keeps_districts_apart(cli, tmp_path: Path) -> None:
    """Under --combine the year before that the verdicts use is also the one plausibility checks against (800 人
    after 4310 is a slip, as without --combine); and two years that are each one file still pair by name only:
    江北区-2022.csv is not 渝中区-2023.csv's year before, --combine or not."""
    import shutil

    from conftest import DATA

    shutil.copyfile(DATA / "2023.csv", tmp_path / "2023.csv")
    ji, cai = tmp_path / "基教科-2024.csv", tmp_path / "计财科-2024.csv"
    ji.write_text("year,id,value\n2024,preschool.enrolment,1.87\n", encoding="utf-8")
    cai.write_text("year,id,value\n2024,text.teachers.teacher_total,800\n", encoding="utf-8")
    slip = cli("trend", "--combine", tmp_path / "2023.csv", ji, cai, "--lang", "en")
    assert slip.exit_code == 2 and "计财科-2024.csv:2 [value]: error: 800 人" in slip.output, slip.output
    two = tmp_path / "two"
    two.mkdir()
    shutil.copyfile(DATA / "2022.csv", two / "江北区-2022.csv")
    shutil.copyfile(DATA / "2023.csv", two / "渝中区-2023.csv")
    mixed = cli("trend", "--combine", two / "江北区-2022.csv", two / "渝中区-2023.csv", "--lang", "en")
    assert mixed.exit_code == 2 and f"{two / '江北区-2022.csv'}: error: trend shows the years of one district" in (
        mixed.output)
