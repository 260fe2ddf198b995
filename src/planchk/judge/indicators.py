"""Key indicators (专栏1): the value due in a year, and one indicator's verdict."""

from __future__ import annotations

from planchk.judge.compare import compare, gap_closed, level_for, missed, time_share
from planchk.numbers import format_number as fmt
from planchk.plan.schema import Indicator, Milestone
from planchk.reading.rows import ActualRow
from planchk.results import ExpectedKind, IndicatorResult, Status, row_source


def expected_value(indicator: Indicator, year: int) -> tuple[float, ExpectedKind, str]:
    """The value due in `year`: a named milestone, or linear interpolation from the baseline (时序进度).

    Returns (value, 'milestone' | 'interpolated', comparator).
    """
    milestone = milestone_in(indicator, year)
    if milestone is not None:
        return milestone.value, "milestone", milestone.comparator
    points = [(indicator.baseline.year, indicator.baseline.value, indicator.targets[0].comparator)]
    points += [(t.year, t.value, t.comparator) for t in indicator.targets]
    for (y0, v0, _), (y1, v1, comparator) in zip(points, points[1:], strict=False):
        if y0 < year < y1:
            # Judged at the precision shown to people (4 decimals), so a department that reports the
            # displayed expected value meets it.
            return round(v0 + (v1 - v0) * (year - y0) / (y1 - y0), 4), "interpolated", comparator
    if year > points[-1][0]:  # after the last milestone the final target stands
        return points[-1][1], "milestone", points[-1][2]
    raise ValueError(f"year {year} is before the first target year of {indicator.id}")


def milestone_in(indicator: Indicator, year: int) -> Milestone | None:
    for t in indicator.targets:
        if t.year == year:
            return t
    return None


def judge_indicator(indicator: Indicator, row: ActualRow | None, year: int, tolerance: float = 0.0) -> IndicatorResult:
    """One indicator for one year; `tolerance` is the plan's approx_tolerance for 左右 targets."""
    expected, kind, comparator = expected_value(indicator, year)
    final = indicator.final
    actual = row.value if row else None
    message = None
    status: Status
    if actual is None:
        status = "missing"
    elif compare(actual, expected, comparator, tolerance):
        status = "pass"
    else:
        status = "fail"
        message = missed(actual, expected, comparator)
    milestone = milestone_in(indicator, year)
    deviation = None if actual is None or expected == 0 else round((actual - expected) / expected, 6)
    return IndicatorResult(
        id=indicator.id,
        name=indicator.name,
        category=indicator.category,
        unit=indicator.unit,
        attribute=indicator.attribute,
        part_of=indicator.part_of,
        baseline=indicator.baseline.value,
        expected=round(expected, 6),
        expected_kind=kind,
        comparator=comparator,
        as_written=milestone.as_written if milestone else fmt(expected),
        final=final.value,
        actual=actual,
        status=status,
        level=level_for(status, indicator.attribute == "binding", indicator.hedge is not None),
        progress=gap_closed(actual, indicator.baseline.value, final.value),
        elapsed=time_share(year, final.year, indicator.baseline.year),
        line=(row.line or None) if row else None,
        message=message,
        note=row.note if row else None,
        deviation=deviation,
        source=row_source(row.file, row.sheet) if row else None,
    )
