"""Several years at once: series against the plan's path, progress against time, a projection to the
final year and a progress classification (judging answers "is this year on plan?"; this answers "will we
get there?"). docs/rules.md#trend-classification.

The outlook follows the plan's own path (baseline → named milestones → target, with the same expected
values as the year's verdict), so a report never calls a row both 达标 and behind:

- the latest value meets the final target: **achieved**;
- it meets the plan's value for its year (the verdict's expected value, comparator and tolerance):
  **on track**;
- otherwise R = (latest − base) / (path value − base), the share of the change the path asks for by that
  year: R ≥ 0.60 **acceleration needed**, 0 ≤ R < 0.60 **limited progress**, R < 0 **moving away**
  (the thresholds of the Eurostat / Open SDG growth-ratio method, applied to the plan's path). A path that
  asks for no change (巩固率 100 → 100) is achieved or on track when met and moving away when not.

A projection to the target year (a least-squares line through the baseline and the observed years) is
shown beside, and when it disagrees with an on-track verdict the row says so. It is no forecast once the target
year is reported (none is made), and it is held within the values the figure can take (plan.measures.value_bounds:
a rate never above 100 %, nothing below 0), the row saying so (`projection_note`). With no observed year after
the baseline (or, for an item without a baseline, fewer than two observed years), or with no path value
for the latest year, the answer is "cannot assess"; so too for a series not reported in the run's newest year
(`unreported`: nothing is said of that year from older figures).
"""

from __future__ import annotations

from dataclasses import dataclass

from planchk.judge.compare import compare, gap_closed, time_share
from planchk.judge.indicators import expected_value, judge_indicator
from planchk.judge.items import History, Prior, item_expected, judge_item, no_prior, unknown_start
from planchk.numbers import EPSILON
from planchk.numbers import format_number as fmt
from planchk.plan.measures import value_bounds
from planchk.plan.model import Plan
from planchk.plan.schema import Indicator, Item
from planchk.reading.rows import Actuals
from planchk.results import (
    Assessment,
    Classification,
    ItemResult,
    RuleSeries,
    RuleYear,
    Series,
    Status,
    Trend,
    Verdict,
    YearBefore,
    verdict,
)

ACCELERATE, LIMITED = 0.60, 0.0


def assess(
    base_year: int,
    base: float | None,
    observed: dict[int, float],
    target_year: int,
    target: float,
    comparator: str,
    tolerance: float = 0.0,
    path: dict[int, tuple[float | None, str]] | None = None,
    bounds: tuple[float, float | None] | None = None,
) -> Assessment:
    """Classify progress from the observed values: against `path` (year → the plan's value and comparator for
    that year), else against a straight line from the base to the target. The projection is held within `bounds`
    (the lowest and highest value the figure can take), and whether it meets the target is read from that."""
    points = sorted((y, v) for y, v in observed.items() if v is not None)
    if base is None:  # no baseline: the first observation is the start, so two are needed
        if len(points) < 2:
            return Assessment(classification="cannot_assess", method="none")
        (base_year, base), points = points[0], points[1:]
    points = [(y, v) for y, v in points if y > base_year]
    if not points:
        return Assessment(classification="cannot_assess", method="none")
    latest_year, latest = points[-1]
    # The target year reported, a line read at it is no forecast (docs/rules.md#trend-classification): none.
    fitted = _project([(base_year, base), *points], target_year) if latest_year < target_year else None
    projection, note = _within(fitted, bounds, target_year)
    meets = (
        compare(projection, target, comparator, tolerance)
        if projection is not None and comparator not in ("non_decreasing", "done")
        else None
    )
    if path is not None:
        due, due_comparator = path.get(latest_year, (None, comparator))
    else:
        due = base + (target - base) * time_share(latest_year, target_year, base_year)
        due_comparator = comparator
    if due is None:
        return Assessment(
            classification="cannot_assess",
            method="none",
            projection=projection,
            projection_meets=meets,
            projection_note=note,
        )
    flat = abs(due - base) < EPSILON
    if compare(latest, target, comparator, tolerance):
        return _assessment("achieved", flat, None, projection, meets, note)
    if compare(latest, due, due_comparator, tolerance):
        return _assessment("on_track", flat, 1.0 if flat else (latest - base) / (due - base), projection, meets, note)
    if flat:
        return _assessment("moving_away", flat, None, projection, meets, note)
    ratio = (latest - base) / (due - base)
    classification: Classification = (
        "acceleration_needed" if ratio >= ACCELERATE else "limited_progress" if ratio >= LIMITED else "moving_away"
    )
    return _assessment(classification, flat, ratio, projection, meets, note)


def _within(
    fitted: float | None, bounds: tuple[float, float | None] | None, year: int
) -> tuple[float | None, Verdict | None]:
    """The fitted value held within the values the figure can take, and, when it had to be, the note saying so: a
    rate's line that passes 100 % or a line below 0 is no value the figure could have (plan.measures.value_bounds,
    the same bounds the reader refuses a figure beyond)."""
    if fitted is None or bounds is None:
        return fitted, None
    low, high = bounds
    if high is not None and fitted > high + EPSILON:
        return high, verdict("verdict.projection_at_ceiling", year=year, bound=fmt(high))
    if fitted < low - EPSILON:
        return low, verdict("verdict.projection_at_floor", year=year, bound=fmt(low))
    return fitted, None


def _assessment(
    classification: Classification,
    flat: bool,
    ratio: float | None,
    projection: float | None,
    meets: bool | None,
    note: Verdict | None,
) -> Assessment:
    reason = None
    if classification == "on_track" and meets is False and projection is not None:
        reason = verdict("verdict.trend_falls_short", projection=fmt(projection))
    return Assessment(
        classification=classification,
        method="flat" if flat else "path",
        ratio=ratio,
        projection=projection,
        projection_meets=meets,
        reason=reason,
        projection_note=note,
    )


def _project(points: list[tuple[int, float]], year: int) -> float | None:
    """Least-squares line through the points, evaluated at `year` (the line through two points)."""
    if len(points) < 2:
        return None
    n = len(points)
    mean_x = sum(x for x, _ in points) / n
    mean_y = sum(y for _, y in points) / n
    sxx = sum((x - mean_x) ** 2 for x, _ in points)
    if sxx == 0:
        return None
    slope = sum((x - mean_x) * (y - mean_y) for x, y in points) / sxx
    return round(mean_y + slope * (year - mean_x), 6)


def _changes(
    base_year: int, base: float | None, actual: dict[int, float | None], paired: Years
) -> dict[int, float | None]:
    """Each year's change from the year before: from the baseline, or from the file paired as its year before
    (never from a file of another name, docs/rules.md#the-year-before)."""
    known = {base_year: base, **actual}
    out: dict[int, float | None] = {}
    for y, v in sorted(actual.items()):
        before = known.get(y - 1) if y - 1 == base_year or paired.prior(y) is not None else None
        out[y] = round(v - before, 6) if v is not None and before is not None else None
    return out


def indicator_series(ind: Indicator, paired: Years, tolerance: float = 0.0) -> Series:
    by_year, years = paired.by_year, paired.years
    actual = {y: (by_year[y].rows[ind.id].value if ind.id in by_year[y].rows else None) for y in years}
    # the year's verdict and the outlook read the same plan values (docs/rules.md#trend-classification)
    due: dict[int, tuple[float | None, str]] = {}
    for y in years:
        value, _, comparator = expected_value(ind, y)
        due[y] = (value, comparator)
    final = ind.final
    latest = actual[years[-1]]  # progress is the newest year's: none when that year is not reported
    return Series(
        id=ind.id,
        name=ind.name,
        kind="indicator",
        unit=ind.unit,
        attribute=ind.attribute,
        comparator=final.comparator,
        base_year=ind.baseline.year,
        base=ind.baseline.value,
        target_year=final.year,
        target=final.value,
        actual=actual,
        path={y: due[y][0] for y in years},
        change=_changes(ind.baseline.year, ind.baseline.value, actual, paired),
        progress=gap_closed(latest, ind.baseline.value, final.value),
        elapsed=time_share(max(years), final.year, ind.baseline.year),
        assessment=unreported(actual)
        or _indicator_as_judged(
            ind,
            paired,
            tolerance,
            assess(
                ind.baseline.year,
                ind.baseline.value,
                {y: v for y, v in actual.items() if v is not None},
                final.year,
                final.value,
                final.comparator,
                tolerance,
                path=due,
                bounds=value_bounds(ind.unit, ind.may_exceed_100),
            ),
        ),
    )


def _indicator_as_judged(ind: Indicator, paired: Years, tolerance: float, assessment: Assessment) -> Assessment:
    year = _latest({y: a.rows[ind.id].value if ind.id in a.rows else None for y, a in paired.by_year.items()})
    if year is None:
        return assessment
    judged = judge_indicator(ind, paired.by_year[year].rows.get(ind.id), year, tolerance)
    return as_judged(assessment, judged.status, judged.message)


def item_series(item: Item, plan: Plan, years: Years) -> Series:
    by_year, ordered = years.by_year, years.years
    base_year = plan.meta.baseline_year
    actual = {y: (by_year[y].rows[item.id].value if item.id in by_year[y].rows else None) for y in ordered}
    target = item.due_value or 0.0
    base = item.baseline if item.baseline is not None else item.spec.start_without_baseline
    comparator = ">=" if item.comparator == "range" else item.comparator
    latest = actual[ordered[-1]]  # progress is the newest year's: none when that year is not reported
    # Without a baseline value the path starts at the first year reported, as in the year's verdict.
    first = next(((y, v) for y in ordered if (v := actual[y]) is not None), None) if unknown_start(item) else None
    assessment = assess(
        base_year,
        base,
        {y: v for y, v in actual.items() if v is not None},
        item.due,
        target,
        comparator,
        plan.rules.approx_tolerance,
        path={
            y: (item_expected(item, y, base_year, first), ">=" if comparator == ">" and y < item.due else comparator)
            for y in ordered
        },
        bounds=value_bounds(item.unit or "", item.may_exceed_100),
    )
    return Series(
        id=item.id,
        name=item.name,
        kind="item",
        unit=item.unit or "",
        attribute="indicative",
        comparator=comparator,
        base_year=base_year,
        base=base,
        target_year=item.due,
        target=target,
        actual=actual,
        path={y: item_expected(item, y, base_year, first) for y in ordered},
        change=_changes(base_year, base, actual, years),
        progress=gap_closed(latest, base, target),
        elapsed=time_share(max(ordered), item.due, base_year),
        assessment=unreported(actual) or _item_as_judged(item, plan, years, _latest(actual), assessment),
    )


def _item_as_judged(item: Item, plan: Plan, years: Years, year: int | None, assessment: Assessment) -> Assessment:
    if year is None:
        return assessment
    judged = years.judge(item, plan, year)
    return as_judged(assessment, judged.status, judged.message)


def unreported(actual: dict[int, float | None]) -> Assessment | None:
    """A series not reported in the run's newest year, though reported before: no outlook is read from the older
    figures (the newest year's verdict is 缺报), "cannot assess", saying which year is missing and the last figure
    given (docs/rules.md#trend-classification). None when the newest year is reported, or no year is."""
    newest = max(actual)
    last = _latest(actual)
    if actual[newest] is not None or last is None:
        return None
    value = actual[last]
    assert value is not None  # _latest gives a year with a figure; narrowed for the type checker
    reason = verdict("verdict.trend_not_reported", year=newest, last=last, value=fmt(value))
    return Assessment(classification="cannot_assess", method="none", reason=reason)


ON_TRACK: tuple[Classification, ...] = ("achieved", "on_track")
BEHIND: tuple[Classification, ...] = ("acceleration_needed", "limited_progress", "moving_away")


def as_judged(assessment: Assessment, judged: Status | None, reason: Verdict | None) -> Assessment:
    """The outlook, made to agree with the verdict of the year it is based on (`judged`, as `evaluate` gives it):
    a year that fails is never on track (a running total that fell: moving away, with the verdict's reason), and
    a year that passes is never behind (docs/rules.md#trend-classification)."""
    classification = assessment.classification
    if judged == "fail" and classification in ON_TRACK:
        classification = "moving_away"
    elif judged == "pass" and classification in BEHIND:
        classification = "on_track"
    else:
        return assessment
    return Assessment(
        classification=classification,
        method=assessment.method,
        ratio=assessment.ratio,
        projection=assessment.projection,
        projection_meets=assessment.projection_meets,
        reason=reason,
        projection_note=assessment.projection_note,
    )


def _latest(actual: dict[int, float | None]) -> int | None:
    """The latest year with a figure: the year an outlook is based on."""
    return max((y for y, v in actual.items() if v is not None), default=None)


def rule_series(item: Item, plan: Plan, years: Years) -> RuleSeries:
    """逐年只增不减 across the years, each judged as `evaluate` judges it (judge_item): against the file of its
    year before, or cannot be judged, with why."""
    out = []
    for y in years.years:
        r = years.judge(item, plan, y)
        if r.status == "not_due":  # a year-over-year rule is never so; narrowed for the type checker
            raise AssertionError(r.status)
        value = r.actual if isinstance(r.actual, float | int) else None
        previous = r.expected if isinstance(r.expected, float | int) else None
        out.append(
            RuleYear(
                year=y,
                value=value,
                previous=previous,
                status=r.status,
                compared_with=r.compared_with,
                message=r.message,
            )
        )
    return RuleSeries(id=item.id, name=item.name, unit=item.unit or "", years=out)


@dataclass(frozen=True, slots=True)
class Years:
    """The run's files by year, and each year's year before (runs.year_before): the file or why none."""

    by_year: dict[int, Actuals]
    before: dict[int, YearBefore]
    earlier: dict[int, History]  # each year's earlier years of the same name (runs._histories)

    @property
    def years(self) -> list[int]:
        return sorted(self.by_year)

    def prior(self, year: int) -> Prior | None:
        ref = self.before.get(year)
        found = next((a for a in self.by_year.values() if ref is not None and a.file == ref.file), None)
        return Prior(found.rows, found.file) if found is not None and found.year == year - 1 else None

    def judge(self, item: Item, plan: Plan, year: int) -> ItemResult:
        """The item's verdict for `year`, as `evaluate` gives it."""
        why = no_prior(year, self.before.get(year))
        return judge_item(item, self.by_year[year].rows, year, plan, self.prior(year), why, self.earlier.get(year))


def went_back(item: Item, plan: Plan, years: Years) -> list[RuleSeries]:
    """The projects of a completion or named list that a year reports done and a later year not: each year's
    verdict exactly as `evaluate` gives it with the same files (judge_item with the earlier years)."""
    verdicts = {y: years.judge(item, plan, y) for y in years.years}
    rows = {y: (v.entries or [v]) for y, v in verdicts.items()}
    back = {
        r.id for y in years.years for r in rows[y] if r.message is not None and r.message.key == "verdict.went_back"
    }
    out = []
    for row_id in sorted(back):
        at = {y: next(r for r in rows[y] if r.id == row_id) for y in years.years}
        out.append(
            RuleSeries(
                id=row_id,
                name=at[years.years[0]].name,
                unit="",
                years=[
                    RuleYear(year=y, value=None, previous=None, status=r.status)
                    for y, r in at.items()
                    if r.status != "not_due"
                ],
            )
        )
    return out


def build_trend(
    plan: Plan, actuals: list[Actuals], year_before: list[YearBefore], earlier: list[History] | None = None
) -> Trend:
    """The series and rules of `actuals`; `year_before[i]` is the year before of `actuals[i]`, `earlier[i]` the
    rows of its earlier years (runs._histories)."""
    by_year = {a.year: a for a in actuals}
    histories = earlier if earlier is not None else [{} for _ in actuals]
    years = Years(
        by_year,
        {a.year: ref for a, ref in zip(actuals, year_before, strict=True)},
        {a.year: h for a, h in zip(actuals, histories, strict=True)},
    )
    ordered = years.years
    series = [indicator_series(ind, years, plan.rules.approx_tolerance) for ind in plan.indicators]
    rules = []
    for programme in plan.programmes:
        for item in programme.items():
            kind = item.spec.trend
            if kind == "series":
                series.append(item_series(item, plan, years))
            elif kind == "rule":
                rules.append(rule_series(item, plan, years))
            if item.spec.reads != "number":  # a project reported done, later not: flagged as `evaluate` does
                rules += went_back(item, plan, years)
    return Trend(
        plan_id=plan.meta.id,
        plan_version=plan.meta.version,
        years=ordered,
        files=[by_year[y].file for y in ordered],
        series=series,
        rules=rules,
        year_before=[years.before[y] for y in ordered],
        pending_review=len(plan.pending_review()),
    )
