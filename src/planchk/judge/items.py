"""Programme items (专栏2–8 and the running text): each judged on its clock (standing, recurring, cumulative,
once, trend) by the judge its measure's entry names for that clock (plan/measures.py, docs/rules.md#clocks).

Adding a measure judged like an existing one needs nothing here; a new way of judging is a `JudgeName` in
plan/measures.py and its function in `JUDGES` (docs/architecture.md).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import PurePath

from planchk.judge.compare import compare, level_for, missed, time_share
from planchk.numbers import EPSILON, sign
from planchk.numbers import format_number as fmt
from planchk.plan.measures import JudgeName
from planchk.plan.model import Plan
from planchk.plan.schema import Entry, Item
from planchk.reading.rows import ActualRow, CompletionStatus
from planchk.results import ItemResult, Status, Verdict, YearBefore, row_source, verdict

# How far along a completion item is, for progress bars.
COMPLETION_SHARE: dict[str, float] = {"done": 1.0, "in_progress": 0.5, "not_started": 0.0}


History = Mapping[int, Mapping[str, ActualRow]]


@dataclass(frozen=True, slots=True)
class Prior:
    """The year before: its rows and the file they were read from (named by every verdict that uses it)."""

    rows: dict[str, ActualRow]
    file: str

    @property
    def name(self) -> str:
        """The file's name without its folder, as a row's message names it (the file line and JSON give the path)."""
        return PurePath(self.file).name


def no_prior(year: int, ref: YearBefore | None) -> Verdict | None:
    """Why a row of `year` has no year before to compare with, in short (the year-before line `ref` says it in
    full): the plan's first year says so itself; otherwise the row points to that line."""
    if ref is None:
        return None
    if ref.reason is not None and ref.reason.key == "verdict.first_year":
        return verdict("verdict.first_year_no_base", year=year, base=year - 1, next=year + 1)
    return verdict("verdict.no_year_before", year=year - 1)


@dataclass(frozen=True, slots=True)
class Context:
    """What every item judge may look at besides its own item: this year's rows, the year before's (`previous`,
    for the year-over-year rules) and every earlier year of the run (`history`, by year: a baseline first reported
    there, a project reported done there)."""

    rows: dict[str, ActualRow]
    year: int
    plan: Plan
    previous: Prior | None
    no_previous: Verdict | None  # why there is no year before (docs/rules.md#the-year-before)
    history: History = field(default_factory=dict)  # every earlier year's rows in the run, by year


def judge_item(
    item: Item,
    rows: dict[str, ActualRow],
    year: int,
    plan: Plan,
    previous: Prior | None,
    no_previous: Verdict | None = None,
    history: History | None = None,
) -> ItemResult:
    """One item for one year; `previous` is the year before, for year-over-year rules and running totals,
    `no_previous` says why there is none, and `history` holds the rows of every earlier year of the run
    (`previous` is added to it)."""
    earlier = {y: r for y, r in (history or {}).items() if y < year}
    if previous is not None:
        earlier.setdefault(year - 1, previous.rows)
    return _judge(item, Context(rows, year, plan, previous, no_previous, earlier))


def first_reported(row_id: str, history: History) -> tuple[int, float] | None:
    """The earliest year of `history` with a number on the row, and that number: the baseline of a value the plan
    gives no baseline-year figure for (docs/rules.md#a-baseline-first-reported)."""
    for y in sorted(history):
        row = history[y].get(row_id)
        if row is not None and row.value is not None:
            return y, row.value
    return None


def last_done(row_id: str, history: History) -> int | None:
    """The latest year of `history` in which the row was reported done."""
    done = [y for y, rows in history.items() if (row := rows.get(row_id)) is not None and row.status == "done"]
    return max(done, default=None)


def first_full_year(plan: Plan) -> int:
    """The first calendar year the plan is in force from its first day: recurring duties start then (a plan
    published on 2021-12-17 asks for no 2021 event)."""
    published = plan.meta.published
    year = published.year if (published.month, published.day) == (1, 1) else published.year + 1
    return max(year, plan.meta.period_start)


def judged_in(item: Item, year: int, plan: Plan) -> bool:
    """Whether `year` can give the item a verdict, so its form asks for it: not a recurring duty before the plan's
    first full year, nor an event before the one year it can take place in."""
    if item.clock == "recurring" and year < first_full_year(plan):
        return False
    return not (item.spec.clocks[item.clock] == "event" and year < item.due)


def _result(
    item: Item,
    ctx: Context,
    *,
    expected: float | str | None,
    actual: float | str | None,
    status: Status,
    progress: float | None,
    message: Verdict | None = None,
    entries: list[ItemResult] | None = None,
    entry: Entry | None = None,
    compared_with: str | None = None,
) -> ItemResult:
    """The item's result, or with `entry` that of one project of a named list (a completion with the item's due
    year and hedge)."""
    row = ctx.rows.get(entry.id if entry else item.id)
    return ItemResult(
        id=entry.id if entry else item.id,
        name=entry.name if entry else item.name,
        measure="completion" if entry else item.measure,
        unit=None if entry else item.unit,
        comparator="done" if entry else item.comparator,
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
        compared_with=compared_with,
    )


def judge_completion(
    status_word: CompletionStatus | None, year: int, due: int, baseline_year: int, lagging_after: float
) -> tuple[Status, Verdict | None]:
    """done passes; in_progress is on track before the due year; not_started lags once enough time passed."""
    if status_word is None:
        return "missing", None
    if status_word == "done":
        return "pass", None
    share = time_share(year, due, baseline_year)
    if status_word == "in_progress":
        if year < due:
            return "pass", verdict("verdict.in_progress", due=due)
        return "fail", verdict("verdict.not_done", due=due)
    if year >= due or share >= lagging_after - EPSILON:
        return "fail", verdict("verdict.not_started_late", share=share)
    return "pass", verdict("verdict.not_started_in_time")


def _judge_completion(item: Item, ctx: Context, entry: Entry | None = None) -> ItemResult:
    """A status word against the due year: the item's own, or with `entry` one project of a named list. A thing
    reported done in an earlier year of the run that is not done now fails: one of the two reports is wrong."""
    row_id = entry.id if entry else item.id
    row = ctx.rows.get(row_id)
    word = row.status if row else None
    status, message = judge_completion(
        word, ctx.year, item.due, ctx.plan.meta.baseline_year, ctx.plan.rules.not_started_lagging_after
    )
    done_in = last_done(row_id, ctx.history) if word is not None and word != "done" else None
    if done_in is not None:
        status, message = "fail", verdict("verdict.went_back", year=done_in)
    return _result(
        item,
        ctx,
        expected="done" if ctx.year >= item.due else "in_progress",
        actual=word,
        status=status,
        progress=COMPLETION_SHARE.get(word) if word else None,
        message=message,
        entry=entry,
    )


def _judge_event(item: Item, ctx: Context) -> ItemResult:
    """An event that can only take place in its due year (the mid-term evaluation): not due before it, unless it is
    reported done early; from the due year, a completion."""
    row = ctx.rows.get(item.id)
    word = row.status if row else None
    if ctx.year >= item.due or word == "done":
        return _judge_completion(item, ctx)
    due = verdict("verdict.event_due", due=item.due)
    return _result(item, ctx, expected=None, actual=word, status="not_due", progress=None, message=due)


def worst_status(statuses: set[Status]) -> Status:
    """A group fails if any member fails, else is missing if any is missing, else passes."""
    return "fail" if "fail" in statuses else "missing" if "missing" in statuses else "pass"


def _judge_named_list(item: Item, ctx: Context) -> ItemResult:
    entries = [_judge_completion(item, ctx, entry) for entry in item.entries]
    done = sum(1 for e in entries if e.actual == "done")
    return _result(
        item,
        ctx,
        expected=f"{len(entries)}",
        actual=f"{done}/{len(entries)}",
        status=worst_status({e.status for e in entries}),
        progress=done / len(entries),
        message=verdict("verdict.entries_done", done=done, total=len(entries)),
        entries=entries,
    )


def _previous(item: Item, ctx: Context) -> tuple[float | None, Verdict | None]:
    """The item's value in the year before, or None and why there is none."""
    if ctx.previous is None:
        return None, ctx.no_previous or verdict("verdict.no_previous_year")
    row = ctx.previous.rows.get(item.id)
    if row is None or row.value is None:
        return None, verdict("verdict.previous_not_reported", file=ctx.previous.name)
    return row.value, None


def _judge_year_over_year(item: Item, ctx: Context, strict: bool = False) -> ItemResult:
    """逐年只增不减 (not below the year before) or, when `strict`, 逐年提高 (above it). In the plan's first year
    there is no file of the year before; where the plan itself gives the value for that year (its base year, e.g.
    专栏1's 2020 column), the rule compares with it and says so."""
    row = ctx.rows.get(item.id)
    actual = row.value if row else None
    previous, why = _previous(item, ctx)
    base = plan_figure_before(item, ctx) if previous is None else None
    if base is not None and actual is not None:
        status, said = from_base(actual, base, ctx.plan.meta.baseline_year, strict)
        return _result(item, ctx, expected=base.value, actual=actual, status=status, progress=None, message=said)
    known = ctx.previous if ctx.previous is not None and previous is not None else None
    status, message = year_over_year(actual, previous, known.name if known else "", strict=strict, why=why)
    file = known.file if known else None
    return _result(
        item, ctx, expected=previous, actual=actual, status=status, progress=None, message=message, compared_with=file
    )


def _judge_rising(item: Item, ctx: Context) -> ItemResult:
    return _judge_year_over_year(item, ctx, strict=True)


@dataclass(frozen=True, slots=True)
class PlanFigure:
    """The value the plan itself gives for the year before the first year (its base year): what the first year's
    year-over-year rules compare with, as no file of that year is read (docs/rules.md#the-year-before)."""

    value: float
    source: str  # where the plan gives it: the box of the indicators it comes from (专栏1), or the item's section


def plan_figure_before(item: Item, ctx: Context) -> PlanFigure | None:
    """The plan's own value of `item` for the year before `ctx.year`, when that is the plan's first year and the
    year before is its base year: the item's baseline, or a value computed (Item.derived) from indicators whose
    baselines are all of that year. None otherwise: the rule then waits for the next year."""
    meta = ctx.plan.meta
    if ctx.previous is not None or ctx.year != meta.period_start or meta.baseline_year != ctx.year - 1:
        return None
    if item.baseline is not None:
        return PlanFigure(item.baseline, item.section or item.name.zh)
    if item.derived is None:
        return None
    indicators = [ctx.plan.indicator_by_id.get(i) for i in (*item.derived.numerator, *item.derived.denominator)]
    known = [i for i in indicators if i is not None and i.baseline.year == meta.baseline_year]
    if len(known) != len(indicators):
        return None
    numerator = sum(i.baseline.value for i in known[: len(item.derived.numerator)])
    denominator = sum(i.baseline.value for i in known[len(item.derived.numerator) :]) if item.derived.denominator else 1
    if denominator == 0:
        return None
    boxes = sorted({i.source.box for i in known})
    return PlanFigure(round(numerator / denominator * item.derived.factor, 6), "、".join(boxes))


def from_base(actual: float, base: PlanFigure, year: int, strict: bool) -> tuple[Status, Verdict]:
    """`year_over_year` against the plan's own figure for its base `year` instead of a file of that year."""
    b, a, s = fmt(base.value), fmt(actual), base.source
    if strict and actual > base.value + EPSILON:
        return "pass", verdict("verdict.rose_from_base", base=b, year=year, source=s)
    if not strict and actual >= base.value - EPSILON:
        return "pass", verdict("verdict.kept_up_from_base", base=b, year=year, source=s)
    if strict and actual >= base.value - EPSILON:
        return "fail", verdict("verdict.not_risen_from_base", actual=a, base=b, year=year, source=s)
    return "fail", verdict("verdict.fell_from_base", actual=a, base=b, year=year, source=s)


def year_over_year(
    actual: float | None, previous: float | None, file: str, strict: bool = False, why: Verdict | None = None
) -> tuple[Status, Verdict | None]:
    """Not below (逐年只增不减) or, when `strict`, above (逐年提高) the previous year's value, read from `file`;
    without that value the rule cannot be judged, for the reason `why`."""
    if actual is None:
        return "missing", None
    if previous is None:
        return "cannot_judge", why or verdict("verdict.no_previous_year")
    before = fmt(previous)
    if strict and actual > previous + EPSILON:
        return "pass", verdict("verdict.rose", previous=before, file=file)
    if not strict and actual >= previous - EPSILON:
        return "pass", verdict("verdict.kept_up", previous=before, file=file)
    if strict and actual >= previous - EPSILON:
        return "fail", verdict("verdict.not_risen", actual=fmt(actual), previous=before, file=file)
    return "fail", verdict("verdict.fell", actual=fmt(actual), previous=before, file=file)


def _judge_raise(item: Item, ctx: Context) -> ItemResult:
    """提高: above the baseline in every year after the baseline's year: its value, or where the plan gives
    none the first year the value is reported in the run (named in the verdict)."""
    row = ctx.rows.get(item.id)
    actual = row.value if row else None
    base_year = ctx.plan.meta.baseline_year
    start = (base_year, item.baseline) if item.baseline is not None else first_reported(item.id, ctx.history)
    if start is None:
        # Nothing earlier in the run: this year's value is the baseline the later years are held to; from the due
        # year on there is no later year, so without the earlier years' files the rise cannot be told.
        status: Status = "missing" if actual is None else "not_due" if ctx.year < item.due else "cannot_judge"
        first = (
            None
            if actual is None
            else verdict("verdict.first_report_baseline", base_year=base_year)
            if ctx.year < item.due
            else verdict("verdict.first_report_too_late", base_year=base_year, due=item.due)
        )
        return _result(item, ctx, expected=None, actual=actual, status=status, progress=None, message=first)
    year, base = start
    status = "missing" if actual is None else "pass" if actual > base + EPSILON else "fail"
    message: Verdict | None = None
    if item.baseline is None and actual is not None:
        a, b = fmt(actual), fmt(base)
        message = (
            verdict("verdict.raised_from_first", actual=a, year=year, base=b, base_year=base_year)
            if status == "pass"
            else verdict("verdict.not_raised_from_first", actual=a, year=year, base=b, base_year=base_year)
        )
    elif status == "fail" and actual is not None:
        message = verdict("verdict.not_raised", actual=fmt(actual), year=year, base=fmt(base))
    return _result(item, ctx, expected=base, actual=actual, status=status, progress=None, message=message)


def _judge_reported(item: Item, ctx: Context) -> ItemResult:
    """A vague amount (大批, 鼓励…): reported and shown beside the text's word, never held to a number the text does
    not give."""
    row = ctx.rows.get(item.id)
    actual = row.value if row else None
    word = item.vague.word if item.vague else ""
    shown = verdict("verdict.vague_shown", word=word) if actual is not None else None
    status: Status = "missing" if actual is None else "pass"
    return _result(item, ctx, expected=None, actual=actual, status=status, progress=None, message=shown)


def _judge_figure(item: Item, ctx: Context) -> ItemResult:
    """A figure the plan needs to judge another target (e.g. the number of teachers for a 30:1 ratio)."""
    row = ctx.rows.get(item.id)
    actual = row.value if row else None
    return _result(
        item, ctx, expected=None, actual=actual, status="missing" if actual is None else "pass", progress=None
    )


def unknown_start(item: Item) -> bool:
    """A cumulative value the plan gives no baseline-year figure for (a rate): its path starts at its first report."""
    return item.clock == "cumulative" and item.baseline is None and item.spec.start_without_baseline is None


def item_expected(item: Item, year: int, baseline_year: int, first: tuple[int, float] | None = None) -> float | None:
    """The number due in `year` for a measure on a path (count, range, vague batch, rate); None when nothing is
    due yet.

    standing and recurring: the target every year (a recurring value is that period's own count);
    cumulative: the time-proportional share of the way from the baseline (its stock in the base year) to the target,
    in whole units for things counted; without a baseline value, from `first` (the year and value first reported),
    nothing due in that year or before; once: the target at the due year, nothing before."""
    spec = item.spec
    final = item.due_value
    if final is None:  # the model's validator guarantees one for these measures
        raise ValueError(f"item {item.id} ({item.measure}) has no target")
    if item.clock in ("standing", "recurring"):
        return final * (2 if item.per == "semester" and spec.counted else 1)
    if item.clock == "once" or year >= item.due:
        return None if year < item.due else final
    start = item.baseline if item.baseline is not None else spec.start_without_baseline
    if start is None:
        # No baseline value: the path starts at the first report; before one, and in its year, nothing is due.
        if first is None or year <= first[0]:
            return None
        baseline_year, start = first
    expected = start + (final - start) * time_share(year, item.due, baseline_year)
    if spec.counted and float(final).is_integer() and float(start).is_integer():
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
    """A measure on a path (count, range, vague_batch, rate): against the value due this year."""
    row = ctx.rows.get(item.id)
    actual = row.value if row else None
    first = first_reported(item.id, ctx.history) if unknown_start(item) else None
    if expected is None:
        expected = item_expected(item, ctx.year, ctx.plan.meta.baseline_year, first)
    if expected is None and unknown_start(item) and first is None:
        # No baseline value and nothing earlier in the run: this year's report is the path's start.
        base_year = ctx.plan.meta.baseline_year
        said = verdict("verdict.first_report_baseline", base_year=base_year) if actual is not None else None
        status_now: Status = "not_due" if actual is not None else "missing"
        return _result(item, ctx, expected=None, actual=actual, status=status_now, progress=None, message=said)
    if expected is None:
        due = verdict("verdict.due", due=item.due)
        return _result(item, ctx, expected=None, actual=actual, status="not_due", progress=None, message=due)
    # Before the due year a strict or range target is on its path when it reaches the path's value.
    comparator = ">=" if item.comparator in (">", "range") and ctx.year < item.due else item.comparator
    message: Verdict | None = None
    status: Status
    if actual is None:
        status = "missing"
    elif compare(actual, expected, comparator, ctx.plan.rules.approx_tolerance):
        status = "pass"
    else:
        status = "fail"
        message = missed(actual, expected, comparator, say_short=True)
    if first is not None and ctx.year < item.due and actual is not None:
        # The path starts at a first report, not at the baseline year: the verdict says from where.
        a, s, e, y, b = fmt(actual), sign(comparator), fmt(round(expected, 4)), first[0], fmt(first[1])
        base_year = ctx.plan.meta.baseline_year
        message = (
            verdict("verdict.on_path_from_first", actual=a, sign=s, expected=e, year=y, base=b, base_year=base_year)
            if status == "pass"
            else verdict(
                "verdict.off_path_from_first", actual=a, sign=s, expected=e, year=y, base=b, base_year=base_year
            )
        )
    compared_with = None
    if item.clock == "cumulative" and item.spec.counted and actual is not None and ctx.previous is not None:
        before, _ = _previous(item, ctx)
        compared_with = ctx.previous.file if before is not None else None
        if status == "pass" and before is not None and total_fell(actual, before):
            # A running total cannot fall: one of the two years' figures is wrong, and this year's "pass" would
            # hide it.
            status = "fail"
            message = verdict("verdict.total_fell", actual=fmt(actual), previous=fmt(before), file=ctx.previous.name)
    final = item.due_value or 0.0
    progress = actual / final if actual is not None and final and item.comparator != "<=" else None
    return _result(
        item,
        ctx,
        expected=round(expected, 6),
        actual=actual,
        status=status,
        progress=progress,
        message=message,
        compared_with=compared_with,
    )


def total_fell(actual: float, before: float) -> bool:
    """A running total below the year before's: one of the two figures is wrong (docs/rules.md#clocks)."""
    return actual < before - EPSILON


Judge = Callable[[Item, Context], ItemResult]
# Each judge a measure's entry can name for a clock (plan/measures.py, JudgeName).
JUDGES: dict[JudgeName, Judge] = {
    "number": _judge_number,
    "formed": _judge_formed,
    "completion": _judge_completion,
    "event": _judge_event,
    "named_list": _judge_named_list,
    "not_falling": _judge_year_over_year,
    "rising": _judge_rising,
    "raise": _judge_raise,
    "figure": _judge_figure,
    "reported": _judge_reported,
}


def _judge(item: Item, ctx: Context) -> ItemResult:
    """The judge the item's measure names for its clock (docs/rules.md#clocks); the schema guarantees one. A
    recurring duty is not due before the plan's first full year."""
    first_year = first_full_year(ctx.plan)
    if item.clock == "recurring" and ctx.year < first_year:
        row = ctx.rows.get(item.id)
        said = verdict("verdict.before_first_full_year", published=str(ctx.plan.meta.published), first=first_year)
        actual = row.value if row else None
        return _result(item, ctx, expected=None, actual=actual, status="not_due", progress=None, message=said)
    return JUDGES[item.spec.clocks[item.clock]](item, ctx)
