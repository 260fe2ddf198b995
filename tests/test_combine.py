"""One year from several files (docs/rules.md#one-year-from-several-files): `--combine` joins partial files,
an id in two of them is an error naming both, and each result row says which file it came from."""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl

from conftest import DATA, as_json, by_id, one_file


def split(tmp_path: Path) -> tuple[Path, Path]:
    lines = (DATA / "2022.csv").read_text(encoding="utf-8").splitlines()
    head, body = lines[0], lines[1:]
    first = tmp_path / "教育科.csv"
    first.write_text("\n".join([head] + body[:20]) + "\n", encoding="utf-8")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "计财科"
    for cells in csv.reader([head] + body[20:]):  # a name may hold a quoted comma
        sheet.append(cells)
    second = tmp_path / "计财科.xlsx"
    book.save(second)
    return first, second


def test_partial_files_combined_are_judged_as_the_whole_file(cli, tmp_path: Path) -> None:
    first, second = split(tmp_path)
    whole = one_file(cli("evaluate", DATA / "2022.csv", "-f", "json"))
    result = cli("evaluate", "--combine", "--year", "2022", first, second, "-f", "json")
    combined = one_file(result)
    assert {k: (r["status"], r["level"], r["actual"]) for k, r in by_id(combined).items()} == {
        k: (r["status"], r["level"], r["actual"]) for k, r in by_id(whole).items()
    }
    assert combined["summary"] == whole["summary"] and combined["source"]["files"] == [str(first), str(second)]
    rows = by_id(combined)
    assert rows["preschool.enrolment"]["source"] == {"file": str(first), "sheet": None}
    late = next(r for r in rows.values() if r["source"] and r["source"]["file"] == str(second))
    assert late["source"]["sheet"] == "计财科"
    github = cli("evaluate", "--combine", "--year", "2022", first, second, "-f", "github").stdout
    assert f"file={second}" in github or all("计财科" not in line for line in github.splitlines()
                                             if "::warning" in line)


def test_an_id_in_two_files_is_an_error_naming_both(cli, tmp_path: Path) -> None:
    first, second = split(tmp_path)
    again = tmp_path / "人事科.csv"
    again.write_text("id,value\npreschool.enrolment,1.7\n", encoding="utf-8")
    result = cli("evaluate", "--combine", "--year", "2022", first, second, again)
    assert result.exit_code == 2
    assert f"{again}:2 [value]: error: id 'preschool.enrolment' is filled in at {first}:2 too" in result.stderr
    assert as_json(cli("validate", "--combine", "--year", "2022", first, again, "-f", "json"))["errors"]


def test_files_that_disagree_on_the_year_are_refused(cli, tmp_path: Path) -> None:
    a, b = tmp_path / "2022-教育科.csv", tmp_path / "2023-计财科.csv"
    a.write_text("id,value\npreschool.enrolment,1.7\n", encoding="utf-8")
    b.write_text("id,value\ncompulsory.retention_rate,100\n", encoding="utf-8")
    result = cli("evaluate", "--combine", a, b)
    assert result.exit_code == 2 and "contradicts" in result.stderr
