"""Programme items (专栏2–8 and the running text): each judged on its clock (standing, recurring, cumulative,
once, trend) by the function `_judge` chooses for its clock and measure (docs/rules.md#clocks).

Adding a measure: add it to `Measure` and `CLOCK_MEASURES` in plan/schema.py, write `_judge_<measure>(item,
ctx)` here and choose it in `_judge` (docs/architecture.md).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from planchk.i18n import Bilingual
from planchk.judge.compare import compare, level_for, time_share
from planchk.numbers import EPSILON, sign
from planchk.numbers import format_number as fmt
from planchk.plan.model import Plan
from planchk.plan.schema import Entry, Item
from planchk.reading.rows import ActualRow, CompletionStatus
from planchk.results import ItemResult, Status, row_source

# Schools, courses, people come in whole units: a count's path is rounded down to whole units.
WHOLE_UNITS = ("count", "range", "vague_batch")
# How far along a completion item is, for progress bars.
COMPLETION_SHARE: dict[str, float] = {"done": 1.0, "in_progress": 0.5, "not_started": 0.0}


@dataclass(frozen=True, slots=True)
class Context:
    """What every item judge may look at besides its own item."""

    rows: dict[str, ActualRow]
    year: int
    plan: Plan
    previous: dict[str, ActualRow] | None


def judge_item(
    item: Item, rows: dict[str, ActualRow], year: int, plan: Plan, previous: dict[str, ActualRow] | None
) -> ItemResult:
    """One item for one year; `previous` holds the year before's rows, for year-over-year rules."""
    return _judge(item, Context(rows, year, plan, previous))


def _result(
    item: Item,
    ctx: Context,
    *,
    expected: float | str | None,
    actual: float | str | None,
    status: Status,
    progress: float | None,
    message: Bilingual | None = None,
    entries: list[ItemResult] | None = None,
) -> ItemResult:
    row = ctx.rows.get(item.id)
    return ItemResult(
        id=item.id,
        name=item.name,
        measure=item.measure,
        unit=item.unit,
        comparator=item.comparator,
        due=item.due,
        expected=expected,
        actual=actual,
        status=status,
        level=level_for(status, False, item.hedge is not None),
        progress=progress,
        hedge=item.hedge,
        line=(row.line or None) if row else None,
        message=message,
        note=row.note if row else None,
        source=row_source(row.file, row.sheet) if row else None,
        entries=entries or [],
    )


def judge_completion(
    status_word: CompletionStatus | None, year: int, due: int, baseline_year: int, lagging_after: float
) -> tuple[Status, Bilingual | None]:
    """done passes; in_progress is on track before the due year; not_started lags once enough time passed."""
    if status_word is None:
        return "missing", None
    if status_word == "done":
        return "pass", None
    share = time_share(year, due, baseline_year)
    if status_word == "in_progress":
        if year < due:
            return "pass", Bilingual(zh=f"在建，{due}年到期", en=f"in progress, due {due}")
        return "fail", Bilingual(zh=f"{due}年到期仍未完成", en=f"due {due}, not done")
    if year >= due or share >= lagging_after - EPSILON:
        return "fail", Bilingual(
            zh=f"尚未开工，时间已过{share:.0%}", en=f"not started with {share:.0%} of the time gone"
        )
    return "pass", Bilingual(zh="尚未开工，尚在允许期内", en="not started, still within the start window")


def _judge_completion(item: Item, ctx: Context) -> ItemResult:
    row = ctx.rows.get(item.id)
    word = row.status if row else None
    status, message = judge_completion(
        word, ctx.year, item.due, ctx.plan.meta.baseline_year, ctx.plan.rules.not_started_lagging_after
    )
    return _result(
        item,
        ctx,
        expected="done" if ctx.year >= item.due else "in_progress",
        actual=word,
        status=status,
        progress=COMPLETION_SHARE.get(word) if word else None,
        message=message,
    )


def _judge_entry(item: Item, entry: Entry, ctx: Context) -> ItemResult:
    row = ctx.rows.get(entry.id)
    word = row.status if row else None
    status, message = judge_completion(
        word, ctx.year, item.due, ctx.plan.meta.baseline_year, ctx.plan.rules.not_started_lagging_after
    )
    return ItemResult(
        id=entry.id,
        name=entry.name,
        measure="completion",
        unit=None,
        comparator="done",
        due=item.due,
        expected="done" if ctx.year >= item.due else "in_progress",
        actual=word,
        status=status,
        level=level_for(status, False, item.hedge is not None),
        progress=COMPLETION_SHARE.get(word) if word else None,
        hedge=item.hedge,
        line=(row.line or None) if row else None,
        message=message,
        note=row.note if row else None,
        source=row_source(row.file, row.sheet) if row else None,
    )


def worst_status(statuses: set[Status]) -> Status:
    """A group fails if any member fails, else is missing if any is missing, else passes."""
    return "fail" if "fail" in statuses else "missing" if "missing" in statuses else "pass"


def _judge_named_list(item: Item, ctx: Context) -> ItemResult:
    entries = [_judge_entry(item, entry, ctx) for entry in item.entries]
    done = sum(1 for e in entries if e.actual == "done")
    return _result(
        item,
        ctx,
        expected=f"{len(entries)}",
        actual=f"{done}/{len(entries)}",
        status=worst_status({e.status for e in entries}),
        progress=done / len(entries),
        message=Bilingual(zh=f"已完成 {done}/{len(entries)}", en=f"{done} of {len(entries)} done"),
        entries=entries,
    )


def _previous_value(item: Item, ctx: Context) -> float | None:
    prev = ctx.previous.get(item.id) if ctx.previous is not None else None
    return prev.value if prev is not None else None


def _judge_year_over_year(item: Item, ctx: Context) -> ItemResult:
    """逐年只增不减 (non_decreasing) and 逐年提高 (rising): against the year before."""
    row = ctx.rows.get(item.id)
    actual = row.value if row else None
    previous = _previous_value(item, ctx)
    status, message = year_over_year(actual, previous, strict=item.measure == "rising")
    return _result(item, ctx, expected=previous, actual=actual, status=status, progress=None, message=message)


def year_over_year(
    actual: float | None, previous: float | None, strict: bool = False
) -> tuple[Status, Bilingual | None]:
    """Not below (逐年只增不减) or, when `strict`, above (逐年提高) the previous year's value; without that value
    the rule cannot be judged."""
    if actual is None:
        return "missing", None
    if previous is None:
        return "cannot_judge", Bilingual(
            zh="缺少上一年数据，无法判断逐年规则",
            en="no previous year's value: cannot judge the year-over-year rule",
        )
    if strict and actual > previous + EPSILON:
        return "pass", None
    if not strict and actual >= previous - EPSILON:
        return "pass", None
    if strict and actual >= previous - EPSILON:
        return "fail", Bilingual(
            zh=f"{fmt(actual)} 未高于上一年的 {fmt(previous)}（须逐年提高）",
            en=f"{fmt(actual)} is not above last year's {fmt(previous)} (must rise every year)",
        )
    return "fail", Bilingual(
        zh=f"{fmt(actual)} 低于上一年的 {fmt(previous)}", en=f"{fmt(actual)} fell from {fmt(previous)}"
    )


def _judge_raise(item: Item, ctx: Context) -> ItemResult:
    """提高: by the due year the value is above its 2020 baseline."""
    row = ctx.rows.get(item.id)
    actual = row.value if row else None
    if item.baseline is None:
        year = ctx.plan.meta.baseline_year
        return _result(
            item,
            ctx,
            expected=None,
            actual=actual,
            status="cannot_judge",
            progress=None,
            message=Bilingual(
                zh=f"规划未给出{year}年数值，无法判断是否提高",
                en=f"the plan gives no {year} value: cannot judge the rise",
            ),
        )
    base = item.baseline
    if ctx.year < item.due:
        return _result(
            item,
            ctx,
            expected=None,
            actual=actual,
            status="not_due",
            progress=None,
            message=Bilingual(zh=f"{item.due}年须高于{fmt(base)}", en=f"due {item.due}: above {fmt(base)}"),
        )
    status: Status = "missing" if actual is None else "pass" if actual > base + EPSILON else "fail"
    message = (
        None
        if status != "fail" or actual is None
        else Bilingual(
            zh=f"{fmt(actual)} 未高于{ctx.plan.meta.baseline_year}年的 {fmt(base)}",
            en=f"{fmt(actual)} is not above the {ctx.plan.meta.baseline_year} value {fmt(base)}",
        )
    )
    return _result(item, ctx, expected=base, actual=actual, status=status, progress=None, message=message)


def _judge_figure(item: Item, ctx: Context) -> ItemResult:
    """A figure the plan needs to judge another target (e.g. the number of teachers for a 30:1 ratio)."""
    row = ctx.rows.get(item.id)
    actual = row.value if row else None
    return _result(
        item, ctx, expected=None, actual=actual, status="missing" if actual is None else "pass", progress=None
    )


def item_expected(item: Item, year: int, baseline_year: int) -> float | None:
    """The number due in `year` for a count, range, vague batch or rate; None when nothing is due yet.

    standing and recurring: the target every year (a recurring value is that period's own count);
    cumulative: the time-proportional share of the way from the baseline (the 2020 stock) to the target,
    in whole units for things counted; once: the target at the due year, nothing before."""
    final = item.due_value
    if final is None:  # the model's validator guarantees one for these measures
        raise ValueError(f"item {item.id} ({item.measure}) has no target")
    if item.clock in ("standing", "recurring"):
        return final * (2 if item.per == "semester" and item.measure == "count" else 1)
    if item.clock == "once":
        return None if year < item.due else final
    if item.baseline is None and item.measure == "rate":
        # A rate with no known starting point cannot be put on a time path: it is judged at its due year.
        return None if year < item.due else final
    start = item.baseline or 0.0
    expected = start + (final - start) * time_share(year, item.due, baseline_year)
    if item.measure in WHOLE_UNITS and float(final).is_integer() and float(start).is_integer():
        # A unit is due once its full share of time has passed (10 by 2025 → 4 by 2022; 1 by 2025 → none
        # yet in 2021).
        expected = float(math.floor(expected + EPSILON))
    return expected


def _judge_formed(item: Item, ctx: Context) -> ItemResult:
    """once, counted (组建一支100-200人的队伍): 0 means not formed yet, judged like a project not started;
    once formed, its size must reach the target (a range's lower bound)."""
    row = ctx.rows.get(item.id)
    actual = row.value if row else None
    if actual is not None and actual <= EPSILON:
        status, message = judge_completion(
            "not_started", ctx.year, item.due, ctx.plan.meta.baseline_year, ctx.plan.rules.not_started_lagging_after
        )
        return _result(item, ctx, expected=item.due_value, actual=actual, status=status, progress=0.0, message=message)
    return _judge_number(item, ctx, expected=item.due_value)


def _judge_number(item: Item, ctx: Context, expected: float | None = None) -> ItemResult:
    """count, range, vague_batch and rate: against the value due this year."""
    row = ctx.rows.get(item.id)
    actual = row.value if row else None
    if expected is None:
        expected = item_expected(item, ctx.year, ctx.plan.meta.baseline_year)
    if expected is None:
        return _result(
            item,
            ctx,
            expected=None,
            actual=actual,
            status="not_due",
            progress=None,
            message=Bilingual(zh=f"{item.due}年到期", en=f"due {item.due}"),
        )
    # Before the due year a strict or range target is on its path when it reaches the path's value.
    comparator = ">=" if item.comparator in (">", "range") and ctx.year < item.due else item.comparator
    message = None
    status: Status
    if actual is None:
        status = "missing"
    elif compare(actual, expected, comparator, ctx.plan.rules.approx_tolerance):
        status = "pass"
    else:
        status = "fail"
        short = expected - actual
        zh = f"{fmt(actual)} 未达到 {sign(comparator)}{fmt(expected)}"
        en = f"{fmt(actual)} does not meet {sign(comparator)}{fmt(expected)}"
        if comparator in (">=", "range", ">", "approx") and short > 0:
            zh, en = f"{zh}，差 {fmt(short)}", f"{en}: {fmt(short)} missing"
        message = Bilingual(zh=zh, en=en)
    before = _previous_value(item, ctx)
    if (
        status == "pass"
        and actual is not None
        and before is not None
        and item.clock == "cumulative"
        and item.measure in WHOLE_UNITS
        and actual < before - EPSILON
    ):
        # A running total cannot fall: one of the two years' figures is wrong, and this year's "pass" would
        # hide it.
        status = "fail"
        message = Bilingual(
            zh=f"累计数 {fmt(actual)} 少于上一年的 {fmt(before)}（累计数不会减少）",
            en=f"the running total {fmt(actual)} is below last year's {fmt(before)} (a total cannot fall)",
        )
    final = item.due_value or 0.0
    progress = actual / final if actual is not None and final and item.comparator != "<=" else None
    return _result(
        item, ctx, expected=round(expected, 6), actual=actual, status=status, progress=progress, message=message
    )


def _judge(item: Item, ctx: Context) -> ItemResult:
    """The judge for an item's clock and measure (docs/rules.md#clocks)."""
    if item.measure == "figure":
        return _judge_figure(item, ctx)
    if item.measure == "completion":
        return _judge_completion(item, ctx)
    if item.measure == "named_list":
        return _judge_named_list(item, ctx)
    if item.measure in ("non_decreasing", "rising"):
        return _judge_year_over_year(item, ctx)
    if item.measure == "raise":
        return _judge_raise(item, ctx)
    if item.clock == "once":
        return _judge_formed(item, ctx)
    return _judge_number(item, ctx)
