"""Judging one year's file: every indicator, every programme item, the parts, and the counts."""

from __future__ import annotations

from collections.abc import Mapping

from planchk.judge.consistency import check_parts
from planchk.judge.indicators import judge_indicator
from planchk.judge.items import Prior, judge_item, no_prior
from planchk.judge.rollup import roll_up, summarise
from planchk.plan.model import Plan
from planchk.reading.rows import ActualRow, Actuals
from planchk.results import Evaluation, PlanRef, SourceRef, YearBefore


def judge_year(
    plan: Plan,
    actuals: Actuals,
    previous: Actuals | None = None,
    year_before: YearBefore | None = None,
    history: Mapping[int, Mapping[str, ActualRow]] | None = None,
) -> Evaluation:
    """Judge the actuals' year against `plan` (the version in force); `previous` is the file of the year before,
    if there is one, and `year_before` says which file that is or why there is none (runs.year_before);
    `history` holds the rows of the earlier years along that chain of years before (a baseline first reported
    there, a project reported done there)."""
    year = actuals.year
    rows = actuals.rows
    indicators = [judge_indicator(ind, rows.get(ind.id), year, plan.rules.approx_tolerance) for ind in plan.indicators]
    if previous is not None and previous.year != year - 1:
        raise ValueError(f"{previous.file} is not of {year - 1}")
    if year_before is None and previous is not None:
        year_before = YearBefore(year=year - 1, file=previous.file, paired_by="option")
    prior = Prior(previous.rows, previous.file) if previous is not None else None
    # each row says in short why it cannot be judged; the year-before line says in full (year_before.reason)
    why = no_prior(year, year_before)
    programmes = [
        roll_up(p, [judge_item(item, rows, year, plan, prior, why, history) for item in p.items()])
        for p in plan.programmes
    ]
    consistency = check_parts(actuals.file, plan.parts_of, rows)
    return Evaluation(
        plan=plan_ref(plan),
        year=year,
        source=SourceRef.of(actuals),
        indicators=indicators,
        programmes=programmes,
        consistency=consistency,
        notices=actuals.notices,
        summary=summarise(indicators, programmes, len(consistency) + len(actuals.notices)),
        value_column=actuals.value_column,
        baseline_year=plan.meta.baseline_year,
        period_end=plan.meta.period_end,
        milestone_years=plan.milestone_years(),
        rows=len(actuals.rows),
        blank_lines=actuals.blank_lines,
        year_before=year_before,
    )


def plan_ref(plan: Plan) -> PlanRef:
    """Which plan version a verdict was made against, and what its revisions changed."""
    return PlanRef(
        id=plan.meta.id,
        version=plan.meta.version,
        original_version=plan.original_version if plan.changes else None,
        changes=list(plan.changes),
        pending_review=len(plan.pending_review()),
    )
