"""Roll-ups: met / due per 专栏, and the counts of a whole file."""

from __future__ import annotations

from planchk.judge.items import worst_status
from planchk.plan.schema import Programme
from planchk.results import STATUSES, IndicatorResult, ItemResult, ProgrammeResult, Summary, worst


def roll_up(programme: Programme, items: list[ItemResult]) -> ProgrammeResult:
    """Met / due per 专栏; status and level are the worst of the items that are due."""
    due = [r for r in items if r.status not in ("not_due", "cannot_judge")]
    met = sum(1 for r in due if r.status == "pass")
    # An item without a measurable share (a rate judged only at its due year, a year-over-year rule)
    # counts as fully done when it passes and as nothing otherwise.
    shares = [min(1.0, r.progress) if r.progress is not None else float(r.status == "pass") for r in due]
    return ProgrammeResult(
        id=programme.id,
        box=programme.box,
        title=programme.title,
        title_inferred=programme.title_inferred,
        met=met,
        total=len(due),
        progress=sum(shares) / len(shares) if shares else None,
        status=worst_status({r.status for r in due}),
        level=worst([r.level for r in items]),
        items=items,
    )


def summarise(indicators: list[IndicatorResult], programmes: list[ProgrammeResult], findings: int = 0) -> Summary:
    """Counts by status and level; each finding about the file (parts that do not add up, an unknown column,
    blank rows, a unit converted) counts as a warning (docs/rules.md#2-actual-year-files)."""
    judged: list[IndicatorResult | ItemResult] = [*indicators, *(i for p in programmes for i in p.items)]
    count = dict.fromkeys(STATUSES, 0)
    errors = warnings = 0
    for r in judged:
        count[r.status] += 1
        errors += r.level == "error"
        warnings += r.level == "warning"
    return Summary.of(count, errors=errors, warnings=warnings + findings)
