"""Pure judging functions: expected values, comparators, levels, parts."""

from __future__ import annotations

import pytest

from planchk.judge.compare import compare, level_for
from planchk.judge.consistency import check_parts
from planchk.judge.indicators import expected_value, judge_indicator
from planchk.judge.items import judge_completion
from planchk.plan.model import Plan
from planchk.reading.rows import ActualRow


def row(id_: str, value: float | None, decimals: int = 2, line: int = 2) -> ActualRow:
    return ActualRow(line=line, id=id_, raw=str(value), value=value, decimals=decimals)


def test_named_years_are_milestones(plan: Plan) -> None:
    ind = plan.indicator_by_id["compulsory.enrolment"]
    assert expected_value(ind, 2022) == (3.95, "milestone", ">=")
    assert expected_value(ind, 2025) == (4.29, "milestone", ">=")


def test_2023_is_interpolated_between_2022_and_2025(plan: Plan) -> None:
    value, kind, _ = expected_value(plan.indicator_by_id["compulsory.enrolment"], 2023)
    assert kind == "interpolated"
    assert value == round(3.95 + (4.29 - 3.95) / 3, 4) == 4.0633


def test_2021_is_interpolated_from_the_baseline(plan: Plan) -> None:
    value, kind, _ = expected_value(plan.indicator_by_id["preschool.enrolment"], 2021)
    assert (round(value, 4), kind) == (1.57, "interpolated")


@pytest.mark.parametrize("actual, expected, comparator, ok", [
    (4, 4, ">=", True), (3.99, 4, ">=", False), (4, 4, ">", False), (4.01, 4, ">", True),
    (0, 0, "<=", True), (0.1, 0, "<=", False), (5, 5, "==", True), (5.1, 5, "==", False),
    (1, 1, "range", True), (0.9, 1, "range", False), (9, 10, "approx", True), (8.9, 10, "approx", False),
])
def test_comparators(actual: float, expected: float, comparator: str, ok: bool) -> None:
    assert compare(actual, expected, comparator, tolerance=0.1) is ok


def test_binding_failure_is_an_error_and_indicative_a_warning() -> None:
    assert level_for("fail", binding=True, hedged=False) == "error"
    assert level_for("missing", binding=True, hedged=False) == "error"
    assert level_for("fail", binding=False, hedged=False) == "warning"
    assert level_for("fail", binding=True, hedged=True) == "warning"  # 力争 / 左右 are never errors
    assert level_for("pass", binding=True, hedged=False) == "ok"


@pytest.mark.parametrize("year", [2021, 2022, 2023, 2024, 2025])
def test_retention_below_100_is_an_error_in_any_year(plan: Plan, year: int) -> None:
    ind = plan.indicator_by_id["compulsory.retention_rate"]
    result = judge_indicator(ind, row(ind.id, 99.9, 1), year)
    assert (result.status, result.level) == ("fail", "error")


def test_progress_is_share_of_gap_closed_beside_time(plan: Plan) -> None:
    ind = plan.indicator_by_id["preschool.public_share"]
    result = judge_indicator(ind, row(ind.id, 52.575), 2022)
    assert result.progress == pytest.approx(0.5)
    assert result.elapsed == pytest.approx(0.4)


def test_missing_indicator(plan: Plan) -> None:
    ind = plan.indicator_by_id["preschool.enrolment"]
    result = judge_indicator(ind, None, 2022)
    assert (result.status, result.level, result.actual) == ("missing", "warning", None)


@pytest.mark.parametrize("word, year, status", [
    ("done", 2022, "pass"), ("in_progress", 2022, "pass"), ("in_progress", 2025, "fail"),
    ("not_started", 2021, "pass"), ("not_started", 2022, "fail"), ("not_started", 2025, "fail"),
    (None, 2022, "missing"),
])
def test_completion(word: str | None, year: int, status: str) -> None:
    assert judge_completion(word, year, 2025, 2020, 0.4)[0] == status


def test_parts_that_do_not_add_up_name_the_numbers(plan: Plan) -> None:
    rows = {"compulsory.enrolment": row("compulsory.enrolment", 4.30, line=2),
            "compulsory.primary_enrolment": row("compulsory.primary_enrolment", 2.97, line=3),
            "compulsory.junior_secondary_enrolment": row("compulsory.junior_secondary_enrolment", 1.21, line=4)}
    [result] = check_parts("2022.csv", plan.parts_of, rows)
    assert (result.file, result.line, result.value) == ("2022.csv", 2, "compulsory.enrolment")
    assert (result.level, result.code) == ("warning", "parts-sum")
    for number in ("2.97", "1.21", "4.3"):
        assert number in result.message and number in result.message_zh


def test_parts_within_rounding_pass(plan: Plan) -> None:
    rows = {"compulsory.enrolment": row("compulsory.enrolment", 3.96),
            "compulsory.primary_enrolment": row("compulsory.primary_enrolment", 2.68),
            "compulsory.junior_secondary_enrolment": row("compulsory.junior_secondary_enrolment", 1.29)}
    # 2.68 + 1.29 = 3.97 vs 3.96: within three half-units of the last digit (0.015)
    assert check_parts("2022.csv", plan.parts_of, rows) == []
