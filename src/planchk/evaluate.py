"""Judging a year: pure functions from (plan, actuals, year) to results (BRIEF §3).

Results are plain frozen dataclasses (results.py): their inputs are validated already.
"""

from __future__ import annotations

import math

from planchk.actuals import ActualRow, Actuals
from planchk.plan import Entry, Indicator, Item, Milestone, Plan, Programme, Text
from planchk.results import (
    LEVEL_ORDER, ConsistencyResult, Evaluation, IndicatorResult, ItemResult, Level, PlanChange, ProgrammeResult,
    Status,
    Summary,
)

# Float noise from interpolation must not turn an exact hit into a miss.
EPSILON = 1e-9
WHOLE_UNITS = ("count", "range", "vague_batch")


def fmt(value: float) -> str:
    """A number as people write it: no trailing zeros, at most 4 decimals."""
    return f"{value:.4f}".rstrip("0").rstrip(".") if value != int(value) else str(int(value))


def expected_value(indicator: Indicator, year: int) -> tuple[float, str, str]:
    """The value due in `year`: a named milestone, or linear interpolation from the baseline (时序进度).

    Returns (value, 'milestone' | 'interpolated', comparator).
    """
    milestone = _milestone(indicator, year)
    if milestone is not None:
        return milestone.value, "milestone", milestone.comparator
    points = [(indicator.baseline.year, indicator.baseline.value, indicator.targets[0].comparator)]
    points += [(t.year, t.value, t.comparator) for t in indicator.targets]
    for (y0, v0, _), (y1, v1, comparator) in zip(points, points[1:]):
        if y0 < year < y1:
            # Judged at the precision shown to people (4 decimals), so a department that reports the
            # displayed expected value meets it.
            return round(v0 + (v1 - v0) * (year - y0) / (y1 - y0), 4), "interpolated", comparator
    if year > points[-1][0]:  # after the last milestone the final target stands
        return points[-1][1], "milestone", points[-1][2]
    raise ValueError(f"year {year} is before the first target year of {indicator.id}")


def _milestone(indicator: Indicator, year: int) -> Milestone | None:
    for t in indicator.targets:
        if t.year == year:
            return t
    return None


def compare(actual: float, expected: float, comparator: str, tolerance: float = 0.0) -> bool:
    """Does `actual` meet `expected` under the comparator? ('range' is judged on its lower bound.)"""
    if comparator in (">=", "range"):
        return actual >= expected - EPSILON
    if comparator == ">":
        return actual > expected + EPSILON
    if comparator == "<=":
        return actual <= expected + EPSILON
    if comparator == "==":
        return abs(actual - expected) <= EPSILON
    if comparator == "approx":
        return actual >= expected * (1 - tolerance) - EPSILON
    raise ValueError(f"comparator {comparator!r} does not compare two numbers")


def level_for(status: Status, binding: bool, hedged: bool) -> Level:
    if status in ("pass", "not_due", "cannot_judge"):
        return "ok"
    return "error" if binding and not hedged else "warning"


def judge_indicator(indicator: Indicator, row: ActualRow | None, year: int, tolerance: float = 0.0) -> IndicatorResult:
    """One indicator for one year; `tolerance` is the plan's approx_tolerance for 左右 targets."""
    expected, kind, comparator = expected_value(indicator, year)
    final = indicator.final
    actual = row.value if row else None
    if actual is None:
        status: Status = "missing"
    else:
        status = "pass" if compare(actual, expected, comparator, tolerance) else "fail"
    gap = final.value - indicator.baseline.value
    progress = None if actual is None or gap == 0 else (actual - indicator.baseline.value) / gap
    elapsed = (year - indicator.baseline.year) / (final.year - indicator.baseline.year)
    message = None
    if status == "fail":
        message = Text(zh=f"{fmt(actual)} 未达到 {comparator} {fmt(expected)}",
                       en=f"{fmt(actual)} does not meet {comparator} {fmt(expected)}")
    return IndicatorResult(
        id=indicator.id, name=indicator.name, category=indicator.category, unit=indicator.unit,
        attribute=indicator.attribute, part_of=indicator.part_of, baseline=indicator.baseline.value,
        expected=round(expected, 6), expected_kind=kind, comparator=comparator,
        as_written=milestone.as_written if (milestone := _milestone(indicator, year)) else fmt(expected),
        final=final.value, actual=actual, status=status,
        level=level_for(status, indicator.attribute == "binding", indicator.hedge is not None),
        progress=progress, elapsed=elapsed, line=(row.line or None) if row else None, message=message,
        note=row.note if row else None)


def _time_share(year: int, due: int, baseline_year: int) -> float:
    return min(1.0, max(0.0, (year - baseline_year) / (due - baseline_year)))


def judge_completion(status_word: str | None, year: int, due: int, baseline_year: int,
                     lagging_after: float) -> tuple[Status, Text | None]:
    """done passes; in_progress is on track before the due year; not_started lags once enough time passed."""
    if status_word is None:
        return "missing", None
    if status_word == "done":
        return "pass", None
    share = _time_share(year, due, baseline_year)
    if status_word == "in_progress":
        if year < due:
            return "pass", Text(zh=f"在建,{due}年到期", en=f"in progress, due {due}")
        return "fail", Text(zh=f"{due}年到期仍未完成", en=f"due {due}, not done")
    if year >= due or share >= lagging_after - EPSILON:
        return "fail", Text(zh=f"尚未开工,时间已过{share:.0%}", en=f"not started with {share:.0%} of the time gone")
    return "pass", Text(zh="尚未开工,尚在允许期内", en="not started, still within the start window")


def judge_item(item: Item, rows: dict[str, ActualRow], year: int, plan: Plan,
               previous: dict[str, ActualRow] | None) -> ItemResult:
    row = rows.get(item.id)
    base_year = plan.meta.baseline_year
    hedged = item.hedge is not None
    common = dict(id=item.id, name=item.name, measure=item.measure, unit=item.unit, comparator=item.comparator,
                  due=item.due, hedge=item.hedge, line=(row.line or None) if row else None, note=row.note if row else None)
    if item.measure == "named_list":
        entries = [_judge_entry(item, entry, rows, year, plan) for entry in item.entries]
        done = sum(1 for e in entries if e.actual == "done")
        statuses = {e.status for e in entries}
        status: Status = "fail" if "fail" in statuses else "missing" if "missing" in statuses else "pass"
        return ItemResult(**common, expected=f"{len(entries)}", actual=f"{done}/{len(entries)}", status=status,
                          level=level_for(status, False, hedged), progress=done / len(entries),
                          message=Text(zh=f"已完成 {done}/{len(entries)}", en=f"{done} of {len(entries)} done"),
                          entries=entries)
    if item.measure == "completion":
        status, message = judge_completion(row.status if row else None, year, item.due, base_year,
                                           plan.rules.not_started_lagging_after)
        progress = {"done": 1.0, "in_progress": 0.5, "not_started": 0.0}.get(row.status) if row and row.status \
            else None
        return ItemResult(**common, expected="done" if year >= item.due else "in_progress", actual=row.status
                          if row else None, status=status, level=level_for(status, False, hedged),
                          progress=progress, message=message)
    actual = row.value if row else None
    if item.measure == "non_decreasing":
        prev = previous.get(item.id) if previous is not None else None
        if actual is None:
            status, message = "missing", None
        elif prev is None or prev.value is None:
            status = "cannot_judge"
            message = Text(zh="缺少上一年数据,无法判断逐年只增不减",
                           en="no previous year's value: cannot judge the year-over-year rule")
        else:
            status = "pass" if actual >= prev.value - EPSILON else "fail"
            message = None if status == "pass" else Text(
                zh=f"{fmt(actual)} 低于上一年的 {fmt(prev.value)}", en=f"{fmt(actual)} fell from {fmt(prev.value)}")
        return ItemResult(**common, expected=prev.value if prev and prev.value is not None else None,
                          actual=actual, status=status, level=level_for(status, False, hedged), progress=None,
                          message=message)
    expected = item_expected(item, year, base_year)
    if expected is None:
        return ItemResult(**common, expected=None, actual=actual, status="not_due", level="ok", progress=None,
                          message=Text(zh=f"{item.due}年到期", en=f"due {item.due}"))
    final = item.due_value or 0.0
    comparator = ">=" if item.comparator in (">", "range") and year < item.due else item.comparator
    if actual is None:
        status, message = "missing", None
    elif compare(actual, expected, comparator, plan.rules.approx_tolerance):
        status, message = "pass", None
    else:
        status = "fail"
        short = expected - actual
        message = Text(zh=f"{fmt(actual)} 未达到 {comparator} {fmt(expected)}", en=f"{fmt(actual)} does not meet "
                       f"{comparator} {fmt(expected)}")
        if comparator in (">=", "range", ">", "approx") and short > 0:
            message = Text(zh=f"{message.zh},差 {fmt(short)}", en=f"{message.en}: {fmt(short)} missing")
    progress = None
    if actual is not None and final:
        progress = actual / final if item.comparator != "<=" else None
    return ItemResult(**common, expected=round(expected, 6), actual=actual, status=status,
                      level=level_for(status, False, hedged), progress=progress, message=message)


def item_expected(item: Item, year: int, baseline_year: int) -> float | None:
    """The number due in `year` for a count, range, vague batch or rate; None when not yet due."""
    final = item.due_value
    assert final is not None  # guaranteed by the model's validator
    if item.baseline is None and item.measure == "rate":
        # A rate with no known starting point cannot be put on a time path: it is judged at its due year.
        return None if year < item.due else final
    start = item.baseline or 0.0
    expected = start + (final - start) * _time_share(year, item.due, baseline_year)
    if item.measure in WHOLE_UNITS and float(final).is_integer() and float(start).is_integer():
        # Schools, courses, people come in whole units: a unit is due once its full share of time
        # has passed (10 by 2025 → 4 by 2022; 1 by 2025 → none yet in 2021).
        expected = float(math.floor(expected + EPSILON))
    return expected


def _judge_entry(item: Item, entry: Entry, rows: dict[str, ActualRow], year: int, plan: Plan) -> ItemResult:
    row = rows.get(entry.id)
    status, message = judge_completion(row.status if row else None, year, item.due, plan.meta.baseline_year,
                                       plan.rules.not_started_lagging_after)
    return ItemResult(id=entry.id, name=entry.name, measure="completion", unit=None, comparator="done",
                      due=item.due, expected="done" if year >= item.due else "in_progress",
                      actual=row.status if row else None, status=status,
                      level=level_for(status, False, item.hedge is not None),
                      progress={"done": 1.0, "in_progress": 0.5, "not_started": 0.0}.get(row.status or "")
                      if row else None, hedge=item.hedge, line=(row.line or None) if row else None, message=message,
                      note=row.note if row else None)


def roll_up(programme: Programme, items: list[ItemResult]) -> ProgrammeResult:
    """Met / due per 专栏; status and level are the worst of the items that are due."""
    due = [r for r in items if r.status not in ("not_due", "cannot_judge")]
    met = sum(1 for r in due if r.status == "pass")
    statuses = {r.status for r in due}
    status: Status = "fail" if "fail" in statuses else "missing" if "missing" in statuses else "pass"
    level = max((r.level for r in items), key=LEVEL_ORDER.__getitem__, default="ok")
    # An item without a measurable share (a rate judged only at its due year, a year-over-year rule)
    # counts as fully done when it passes and as nothing otherwise.
    shares = [min(1.0, r.progress) if r.progress is not None else float(r.status == "pass") for r in due]
    return ProgrammeResult(id=programme.id, box=programme.box, title=programme.title,
                           title_inferred=programme.title_inferred, met=met, total=len(due),
                           progress=sum(shares) / len(shares) if shares else None, status=status, level=level,
                           items=items)


def check_parts(parts_of: dict[str, list[str]], rows: dict[str, ActualRow]) -> list[ConsistencyResult]:
    """"其中" rows must add up to their total within the rounding of the reported precision."""
    results = []
    for total_id, part_ids in parts_of.items():
        total = rows.get(total_id)
        parts = [rows.get(p) for p in part_ids]
        if total is None or total.value is None or any(p is None or p.value is None for p in parts):
            continue
        reported = [total, *parts]
        decimals = min(r.decimals or 0 for r in reported)
        # Each reported figure may be off by half a unit of its last digit.
        tolerance = 0.5 * 10 ** -decimals * len(reported)
        values = [p.value for p in parts]  # type: ignore[union-attr]
        difference = sum(values) - total.value
        if abs(difference) <= tolerance + EPSILON:
            continue
        expr = " + ".join(fmt(v) for v in values)
        results.append(ConsistencyResult(
            total_id=total_id, part_ids=part_ids, total=total.value, parts=values,
            difference=round(difference, 6), tolerance=tolerance, level="warning",
            message=Text(zh=f"{expr} = {fmt(sum(values))},与合计 {fmt(total.value)} 不符(行 {total.line})",
                         en=f"{expr} = {fmt(sum(values))}, but the total {total_id} is {fmt(total.value)} "
                            f"(line {total.line})")))
    return results


def evaluate(plan: Plan, actuals: Actuals, previous: Actuals | None = None) -> Evaluation:
    """Judge every indicator and every programme item of the plan for the actuals' year."""
    year = actuals.year
    rows = actuals.rows
    indicators = [judge_indicator(ind, rows.get(ind.id), year, plan.rules.approx_tolerance) for ind in plan.indicators]
    prev_rows = previous.rows if previous is not None and previous.year == year - 1 else None
    programmes = [roll_up(p, [judge_item(item, rows, year, plan, prev_rows) for item in p.items()])
                  for p in plan.programmes]
    consistency = check_parts(plan.parts_of, rows)
    changes = [PlanChange(revision=c.revision, target=c.target, year=c.year, field=c.field, old=c.old, new=c.new)
               for c in plan.changes]
    return Evaluation(plan_id=plan.meta.id, plan_version=plan.meta.version,
                      plan_original_version=plan.original_version, plan_changes=changes, year=year, file=actuals.file,
                      encoding=actuals.encoding, year_source=actuals.year_source, value_column=actuals.value_column,
                      baseline_year=plan.meta.baseline_year, period_end=plan.meta.period_end,
                      milestone_years=sorted({t.year for ind in plan.indicators for t in ind.targets}),
                      rows=len(actuals.rows), blank_lines=actuals.blank_lines, indicators=indicators,
                      programmes=programmes, consistency=consistency, notices=actuals.notices,
                      summary=summarise(indicators, programmes, consistency, len(actuals.notices)))


def summarise(indicators: list[IndicatorResult], programmes: list[ProgrammeResult],
              consistency: list[ConsistencyResult], notices: int = 0) -> Summary:
    """Counts by status and level; each notice about the file (unknown column, blank rows, a unit
    converted) is a warning too (BRIEF §2: "Unknown columns: a warning")."""
    judged: list[IndicatorResult | ItemResult] = [*indicators, *(i for p in programmes for i in p.items)]
    count = {s: 0 for s in ("pass", "fail", "missing", "not_due", "cannot_judge")}
    levels = {"ok": 0, "warning": 0, "error": 0}
    for r in judged:
        count[r.status] += 1
        levels[r.level] += 1
    for c in consistency:
        levels[c.level] += 1
    levels["warning"] += notices
    return Summary(pass_=count["pass"], fail=count["fail"], missing=count["missing"], not_due=count["not_due"],
                   cannot_judge=count["cannot_judge"], errors=levels["error"], warnings=levels["warning"])
