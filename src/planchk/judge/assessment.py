"""What an evaluation report (年度评估 / 中期评估 / 总结评估) says: its kind, headline, overview counts, the rows
that need attention and the precision of each row. The Markdown and HTML reports (render/assessment.py) only
draw this; the words are theirs, the decisions are made here."""

from __future__ import annotations

from planchk.judge.compare import compare
from planchk.numbers import decimals, target_rounding
from planchk.numbers import format_number as fmt
from planchk.plan.model import Plan
from planchk.results import (
    Attention,
    AttentionItems,
    AttentionRow,
    AttentionTrend,
    ChartPath,
    Evaluation,
    IndicatorResult,
    ReportContent,
    ReportKind,
    ReportTally,
    Trend,
)

NAMED_ITEMS = 6  # failing items named per programme in the attention list; the rest are counted


def report_kind(plan: Plan, year: int) -> ReportKind:
    """Final in the plan's last year; mid-term in its mid-term year (`Plan.midterm_year`); annual otherwise."""
    if year >= plan.meta.period_end:
        return "final"
    return "midterm" if year == plan.midterm_year() else "annual"


MAX_PLACES = 6  # the judge's own precision (expected values are kept to six decimals)


def row_places(plan: Plan, ev: Evaluation, trend: Trend) -> dict[str, int]:
    """The decimals a report shows for each row: one more than the plan writes for it (an indicator's baseline and
    its milestones as written; an item's target, bounds or baseline; 0 when it gives none); every decimal of a
    figure a file gave (`ev`'s rows, `trend`'s rules), so no submitted figure is shown rounded; and more, up to
    the judge's own precision, until the expected and actual values as shown compare as the verdict did."""
    places = {
        ind.id: 1 + max([decimals(ind.baseline.value), *(decimals(t.as_written) for t in ind.targets)])
        for ind in plan.indicators
    }
    for item in plan.item_by_id.values():
        written = [v for v in (item.target, item.min, item.max, item.baseline) if v is not None]
        places[item.id] = 1 + max((decimals(v) for v in written), default=0)
    for r in ev.indicators:
        places[r.id] = _indicator_places(r, places.get(r.id, 0), plan.rules.approx_tolerance)
    for rule in trend.rules:
        ruled = plan.item_by_id.get(rule.id)
        if ruled is not None and ruled.derived is None:  # a computed value (生均) is not a figure anyone gave
            given = [decimals(y.value) for y in rule.years if y.value is not None]
            places[rule.id] = max([places.get(rule.id, 0), *given])
    return places


def _indicator_places(r: IndicatorResult, places: int, tolerance: float) -> int:
    """A row's decimals: the submitted figure whole, and enough that the shown figures agree with the verdict
    (an expected 1.3433 beside an actual 1.3433 at three decimals would read ≥1.344 against 1.343)."""
    if r.actual is None:
        return places
    if r.line:
        places = max(places, decimals(r.actual))
    while places < MAX_PLACES and r.status in ("pass", "fail") and _shown_passes(r, places, tolerance) != (
        r.status == "pass"
    ):
        places += 1
    return places


def _shown_passes(r: IndicatorResult, places: int, tolerance: float) -> bool:
    """Would the row pass if judged on its figures as the report shows them at `places` decimals?"""
    if r.actual is None:
        return False
    actual = float(fmt(r.actual, places))
    expected = float(fmt(r.expected, places, target_rounding(r.comparator)))
    return compare(actual, expected, r.comparator, tolerance)


def _binding_first(ev: Evaluation) -> list[IndicatorResult]:
    return sorted(ev.indicators, key=lambda r: r.attribute != "binding")  # stable: plan order within each


def _tally(ev: Evaluation) -> ReportTally:
    # A mid-term report counts the rows that meet the plan's own mid-term values (the rows' verdicts), not a
    # straight share of the gap from the baseline to the final target: the plan may ask for less than half by
    # mid-term.
    judged = [i for p in ev.programmes for i in p.items if i.status not in ("not_due", "cannot_judge")]
    return ReportTally(
        met=sum(1 for r in ev.indicators if r.status == "pass"),
        total=len(ev.indicators),
        below=sum(1 for r in ev.indicators if r.status == "fail"),
        missing=sum(1 for r in ev.indicators if r.status == "missing"),
        items_met=sum(1 for i in judged if i.status == "pass"),
        items_total=len(judged),
        elapsed=ev.indicators[0].elapsed if ev.indicators else 0.0,
    )


def _attention(ev: Evaluation, trend: Trend, kind: ReportKind) -> list[Attention]:
    """The rows that do not pass (a missed binding target first), the outlooks that go wrong (not in a final
    report: there is no outlook left), and each programme's failing items."""
    out: list[Attention] = [
        AttentionRow(indicator=r, short=r.status == "fail" and r.actual is not None)
        for r in _binding_first(ev)
        if r.status != "pass"
    ]
    if kind != "final":
        out += [
            AttentionTrend(series=s)
            for s in trend.series
            if s.kind == "indicator" and s.assessment.classification in ("moving_away", "limited_progress")
        ]
    for p in ev.programmes:
        failing = [i for i in p.items if i.status == "fail"]
        if failing:
            out.append(AttentionItems(box=p.box, count=len(failing), named=failing[:NAMED_ITEMS]))
    return out


def report_content(plan: Plan, ev: Evaluation, trend: Trend) -> ReportContent:
    """The report on `ev` (judged against `plan`, the version in force) with the trend up to its year."""
    kind = report_kind(plan, ev.year)
    return ReportContent(
        kind=kind,
        title=plan.meta.title,
        places=row_places(plan, ev, trend),
        rows=_binding_first(ev),
        headline=[r for r in ev.indicators if r.attribute == "binding" and r.status in ("fail", "missing")],
        tally=_tally(ev),
        attention=_attention(ev, trend, kind),
        charts=[
            ChartPath(
                id=ind.id,
                kind=ind.kind,
                points=[(ind.baseline.year, ind.baseline.value), *((t.year, t.value) for t in ind.targets)],
            )
            for ind in plan.indicators
        ],
    )
