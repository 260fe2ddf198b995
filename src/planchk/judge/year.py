"""Judging one year's file: every indicator, every programme item, the parts, and the counts."""

from __future__ import annotations

from collections.abc import Sequence

from planchk.judge.consistency import check_parts
from planchk.judge.indicators import judge_indicator
from planchk.judge.items import judge_item
from planchk.judge.rollup import roll_up, summarise
from planchk.plan.model import Plan
from planchk.reading.rows import Actuals
from planchk.results import Evaluation, PlanRef, SourceRef


def judge_year(
    plan: Plan, actuals: Actuals, previous: Actuals | None = None, earlier: Sequence[Actuals] = ()
) -> Evaluation:
    """Judge the actuals' year against `plan` (the version in force); `previous` is the year before, if given, and
    `earlier` the run's other files, of which those before this year are its history (a baseline first reported
    there, a project reported done there)."""
    year = actuals.year
    rows = actuals.rows
    indicators = [judge_indicator(ind, rows.get(ind.id), year, plan.rules.approx_tolerance) for ind in plan.indicators]
    prev_rows = previous.rows if previous is not None and previous.year == year - 1 else None
    history = {a.year: a.rows for a in earlier if a.year < year}
    programmes = [
        roll_up(p, [judge_item(item, rows, year, plan, prev_rows, history) for item in p.items()])
        for p in plan.programmes
    ]
    consistency = check_parts(actuals.file, plan.parts_of, rows)
    return Evaluation(
        plan=plan_ref(plan),
        year=year,
        source=SourceRef(
            file=actuals.file, encoding=actuals.encoding, year_from=actuals.year_source, files=actuals.files
        ),
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
