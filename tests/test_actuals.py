"""Reading actual-year CSVs: messy values read right, bad files refused with line and column."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import FUZZ_EXAMPLES, write_csv
from planchk.diagnostics import InputError
from planchk.plan.contract import contract_of
from planchk.plan.model import Plan
from planchk.reading.actuals import read_actuals
from planchk.reading.values import parse_number


@pytest.mark.parametrize("text, value", [
    ("99.8", 99.8), ("９９．８", 99.8), ("99.8%", 99.8), ("９９％", 99.0), (" 1,234.5 ", 1234.5),
    ("1.2e3", 1200.0), ("+3", 3.0),
])
def test_numbers_people_type(text: str, value: float) -> None:
    parsed = parse_number(text)
    assert parsed is not None and parsed[0] == value


@pytest.mark.parametrize("text", ["abc", "1,2,3", "1..2", "", "十"])
def test_not_numbers(text: str) -> None:
    assert parse_number(text) is None


def problems_of(path: Path, plan: Plan, **kw) -> list:
    with pytest.raises(InputError) as exc:
        read_actuals(path, contract_of(plan), **kw)
    return exc.value.problems


def test_unknown_id_suggests_the_nearest(tmp_path: Path, plan: Plan) -> None:
    f = write_csv(tmp_path / "2022.csv", {"preschool.enrolmnet": 1.6})
    [p] = problems_of(f, plan)
    assert (p.line, p.column, p.value) == (2, "id", "preschool.enrolmnet")
    assert "did you mean 'preschool.enrolment'" in p.message


def test_duplicate_id_names_both_lines(tmp_path: Path, plan: Plan) -> None:
    f = tmp_path / "2022.csv"
    f.write_text("id,value\npreschool.enrolment,1.6\ncompulsory.enrolment,3.9\npreschool.enrolment,1.7\n")
    [p] = problems_of(f, plan)
    assert p.line == 4 and "first at line 2" in p.message


def test_non_number_names_line_column_value(tmp_path: Path, plan: Plan) -> None:
    f = write_csv(tmp_path / "2022.csv", {"preschool.enrolment": 1.6, "compulsory.enrolment": "abc"})
    [p] = problems_of(f, plan)
    assert (p.line, p.column, p.value) == (3, "value", "abc")
    assert "expected a number" in p.message


def test_all_problems_of_a_file_in_one_run(tmp_path: Path, plan: Plan) -> None:
    f = write_csv(tmp_path / "2022.csv", {"x.y": 1, "compulsory.enrolment": "abc", "preschool.public_share": 120})
    assert [p.line for p in problems_of(f, plan)] == [2, 3, 4]


def test_empty_file(tmp_path: Path, plan: Plan) -> None:
    f = tmp_path / "2022.csv"
    f.write_bytes(b"")
    [p] = problems_of(f, plan)
    assert "empty" in p.message


def test_header_without_value(tmp_path: Path, plan: Plan) -> None:
    f = tmp_path / "2022.csv"
    f.write_text("id,amount\npreschool.enrolment,1.6\n")
    problems = problems_of(f, plan)
    assert any(p.line == 1 and p.column == "value" and "no 'value' column" in p.message for p in problems)


def test_year_column_contradicting_file_name(tmp_path: Path, plan: Plan) -> None:
    f = tmp_path / "2022.csv"
    f.write_text("year,id,value\n2023,preschool.enrolment,1.6\n")
    [p] = problems_of(f, plan)
    assert "2023" in p.message and "2022" in p.message and "contradicts" in p.message


def test_year_option_contradicting_file_name(tmp_path: Path, plan: Plan) -> None:
    f = write_csv(tmp_path / "dadukou-2022.csv", {"preschool.enrolment": 1.6})
    [p] = problems_of(f, plan, year=2023)
    assert "contradicts" in p.message


def test_year_outside_the_plan_period(tmp_path: Path, plan: Plan) -> None:
    f = write_csv(tmp_path / "2026.csv", {"preschool.enrolment": 1.6})
    [p] = problems_of(f, plan)
    assert "outside the plan period 2021-2025" in p.message


def test_gb18030_file_loads_and_says_so(tmp_path: Path, plan: Plan) -> None:
    f = write_csv(tmp_path / "2022.csv", {"preschool.enrolment": "1.67"}, header="编号,数值", encoding="gb18030")
    f.write_bytes("编号,名称,数值\npreschool.enrolment,在园幼儿数,1.67\n".encode("gb18030"))
    actuals = read_actuals(f, contract_of(plan))
    assert actuals.encoding == "gb18030"
    assert actuals.rows["preschool.enrolment"].value == 1.67
    assert actuals.rows["preschool.enrolment"].name == "在园幼儿数"


def test_utf8_bom_file_loads(tmp_path: Path, plan: Plan) -> None:
    f = tmp_path / "2022.csv"
    f.write_bytes("\ufeffid,name,value\npreschool.enrolment,在园幼儿数,1.67\n".encode("utf-8"))
    actuals = read_actuals(f, contract_of(plan))
    assert actuals.encoding == "utf-8-sig" and actuals.rows["preschool.enrolment"].value == 1.67


def test_name_contradicting_the_id(tmp_path: Path, plan: Plan) -> None:
    f = tmp_path / "2022.csv"
    f.write_text("id,name,value\npreschool.enrolment,普通初中,1.6\n", encoding="utf-8")
    [p] = problems_of(f, plan)
    assert p.column == "name" and p.value == "普通初中"


def test_names_as_the_plan_writes_them_match(tmp_path: Path, plan: Plan) -> None:
    f = tmp_path / "2022.csv"
    f.write_text("id,name,unit,value\npreschool.enrolment,在园幼儿数(万人),万人,1.6\n"
                 "compulsory.primary_enrolment,其中:普通小学,万人,2.6\n", encoding="utf-8")
    assert len(read_actuals(f, contract_of(plan)).rows) == 2


def test_unit_contradicting_the_plan(tmp_path: Path, plan: Plan) -> None:
    f = tmp_path / "2022.csv"
    f.write_text("id,unit,value\npreschool.public_share,万人,52\n", encoding="utf-8")
    [p] = problems_of(f, plan)
    assert p.column == "unit" and "'%'" in p.message


def test_people_converted_to_ten_thousands_when_the_unit_says_so(tmp_path: Path, plan: Plan) -> None:
    f = tmp_path / "2022.csv"
    f.write_text("id,unit,value\npreschool.enrolment,人,16700\n", encoding="utf-8")
    actuals = read_actuals(f, contract_of(plan))
    assert actuals.rows["preschool.enrolment"].value == pytest.approx(1.67)
    assert "converted" in actuals.notices[0].message


def test_people_without_unit_flagged_with_the_fix(tmp_path: Path, plan: Plan) -> None:
    f = write_csv(tmp_path / "2022.csv", {"preschool.enrolment": 16700})
    [p] = problems_of(f, plan)
    assert "write 1.67" in p.message


def test_not_reported_markers_are_missing_not_errors(tmp_path: Path, plan: Plan) -> None:
    f = tmp_path / "2022.csv"
    f.write_text("id,value\npreschool.enrolment,-\npreschool.public_share,N/A\ncompulsory.enrolment,—\n"
                 "compulsory.retention_rate,\n", encoding="utf-8")
    rows = read_actuals(f, contract_of(plan)).rows
    assert len(rows) == 4 and not any(r.reported for r in rows.values())


def test_unknown_column_is_a_notice_not_an_error(tmp_path: Path, plan: Plan) -> None:
    f = tmp_path / "2022.csv"
    f.write_text("id,value,remark\npreschool.enrolment,1.6,x\n", encoding="utf-8")
    actuals = read_actuals(f, contract_of(plan))
    assert actuals.notices[0].column == "remark"


def test_blank_lines_are_recorded(tmp_path: Path, plan: Plan) -> None:
    f = tmp_path / "2022.csv"
    f.write_text("id,value\npreschool.enrolment,1.6\n,\n\n", encoding="utf-8")
    assert read_actuals(f, contract_of(plan)).blank_lines == [3, 4]


def test_reading_never_changes_the_file(tmp_path: Path, plan: Plan) -> None:
    f = write_csv(tmp_path / "2022.csv", {"preschool.enrolment": 1.6})
    before = (f.read_bytes(), f.stat().st_mtime_ns)
    read_actuals(f, contract_of(plan))
    assert (f.read_bytes(), f.stat().st_mtime_ns) == before


def test_plain_numbers_read_by_the_fast_path_as_by_the_full_parser(tmp_path: Path, plan: Plan) -> None:
    """"96.5" skips normalising; it must give the same value and precision as the full parser would."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from planchk.reading.values import CellAt
    from planchk.reading.values import parse_value as _parse_value

    spec = contract_of(plan).specs["compulsory.retention_rate"]

    @settings(max_examples=2 * FUZZ_EXAMPLES, deadline=None)  # a pure function, but from_regex is slow to draw
    @given(st.from_regex(r"[0-9]{1,3}(\.[0-9]{1,6})?", fullmatch=True))
    def check(raw: str) -> None:
        fast = _parse_value("compulsory.retention_rate", spec, raw, None, CellAt("f.csv", 2, "value"))
        full = parse_number(raw)
        assert full is not None
        if full[0] > 100:
            assert fast.fields == {} and fast.problem is not None and "cannot exceed 100%" in fast.problem.message
        else:
            assert fast.fields == {"value": full[0], "decimals": full[1]} and fast.problem is None

    check()


def test_rows_are_validated_by_the_pydantic_models(tmp_path: Path, plan: Plan) -> None:
    from planchk.reading.rows import ActualRow

    f = tmp_path / "2022.csv"
    f.write_text("id,value,note\ncompulsory.retention_rate,99.80,checked\npreschool.enrolment,1.7,\n", encoding="utf-8")
    actuals = read_actuals(f, contract_of(plan))
    row = actuals.rows["compulsory.retention_rate"]
    assert isinstance(row, ActualRow) and (row.value, row.decimals, row.note, row.line) == (99.8, 2, "checked", 2)
    assert actuals.rows["preschool.enrolment"].note is None
    with pytest.raises(Exception, match="frozen"):
        row.value = 1.0  # type: ignore[misc]


def test_plain_rows_read_alike_with_and_without_extra_columns(tmp_path: Path, plan: Plan) -> None:
    """Extra (empty) columns change nothing about how values are read."""
    values = {"preschool.enrolment": "1.69", "compulsory.retention_rate": "99.80",
              "preschool.gross_enrolment_rate": "100", "compulsory.enrolment": "4", "preschool.public_share": "52.125"}
    bare = tmp_path / "a" / "2022.csv"
    bare.parent.mkdir()
    bare.write_text("id,value\n" + "".join(f"{k},{v}\n" for k, v in values.items()), encoding="utf-8")
    noted = tmp_path / "b" / "2022.csv"
    noted.parent.mkdir()
    noted.write_text("id,value,note\n" + "".join(f"{k},{v},\n" for k, v in values.items()), encoding="utf-8")
    a, b = read_actuals(bare, contract_of(plan)), read_actuals(noted, contract_of(plan))
    assert {k: (r.value, r.decimals, r.line) for k, r in a.rows.items()} == \
        {k: (r.value, r.decimals, r.line) for k, r in b.rows.items()}
    assert a.rows["compulsory.retention_rate"].decimals == 2


@pytest.mark.parametrize(("row", "message"), [("compulsory.retention_rate,100.5", "cannot exceed 100%"),
                                              ("preschool.enrolment,1690", "implausible")])
def test_plain_rows_out_of_range_still_refused(tmp_path: Path, plan: Plan, row: str, message: str) -> None:
    f = tmp_path / "2022.csv"
    f.write_text(f"id,value\n{row}\n", encoding="utf-8")
    with pytest.raises(InputError) as exc:
        read_actuals(f, contract_of(plan))
    assert message in exc.value.problems[0].message and exc.value.problems[0].line == 2


@pytest.mark.parametrize("first", ["99999", "1e300", "2023"])
def test_a_wrong_year_in_the_first_row_is_blamed_on_that_row(cli, tmp_path: Path, first: str) -> None:
    """The year most rows give is the file's; the odd one out is named at its own line, even when it comes first."""
    rows = ["year,id,value", f"{first},preschool.enrolment,1.8", "2024,preschool.gross_enrolment_rate,99.8",
            "2024,compulsory.retention_rate,100"]
    path = tmp_path / "2024.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    result = cli("validate", path)
    assert result.exit_code == 2
    located = [line for line in result.stderr.splitlines() if ": error: " in line]
    assert located and all(line.startswith(f"{path}:2 [year]") for line in located), result.stderr
