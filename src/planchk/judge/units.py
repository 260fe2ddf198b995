"""Results grouped by the unit that answers for them (`evaluate --by-unit`, `report --by-unit`): which office's
commitments lag. The map is the plan's (plan/units.py); the judging is not changed, only gathered."""

from __future__ import annotations

from dataclasses import replace

from planchk.diagnostics import UsageError, problem
from planchk.i18n import Bilingual
from planchk.messages import listing
from planchk.plan.model import Plan
from planchk.plan.units import NO_UNIT, UnitMap
from planchk.results import STATUSES, Evaluation, IndicatorResult, ItemResult, RunStream, Summary, UnitGroup

# The order of a unit's lagging rows: those that fail, then those not reported.
LAGGING = ("fail", "missing")


def unit_map(plan: Plan) -> UnitMap:
    """The plan's map, or a usage error saying the plan has none (so --by-unit and --unit cannot be used)."""
    if plan.units is None:
        raise UsageError([problem(str(plan.directory / "units.yaml"), "usage.no_unit_map", plan=plan.meta.id)])
    return plan.units


def chosen_unit(plan: Plan, text: str) -> str:
    """The id of the unit `text` names (its id, Chinese or English name); an unknown one names those there are."""
    units = unit_map(plan)
    found = units.find(text)
    if found is None:
        names = listing(Bilingual(zh=f"{u.name.zh}（{u.id}）", en=f"{u.name.en} ({u.id})") for u in units.units)
        raise UsageError([problem("--unit", "usage.unknown_unit", value=text, unit=text, units=names)])
    return found.id


def by_unit(plan: Plan, evaluation: Evaluation) -> Evaluation:
    """The evaluation with each indicator and item marked with its unit, and its groups: the units whose rows
    fail most first (then those with most missing), the rows of no unit last."""
    units = unit_map(plan)
    owner = units.owner
    indicators = [replace(r, responsible_unit=owner.get(r.id)) for r in evaluation.indicators]
    programmes = [replace(p, items=[_marked(i, owner) for i in p.items]) for p in evaluation.programmes]
    rows: list[IndicatorResult | ItemResult] = [*indicators, *(i for p in programmes for i in p.items)]
    order = [u.id for u in units.units]
    groups: list[UnitGroup] = []
    for unit_id in [*order, None]:
        mine = [r for r in rows if r.responsible_unit == unit_id]
        if not mine:
            continue
        shown = units.by_id[unit_id].name if unit_id is not None else NO_UNIT
        lagging = [r.id for status in LAGGING for r in mine if r.status == status]
        groups.append(UnitGroup(id=unit_id, name=shown, rows=len(mine), summary=_counts(mine), lagging=lagging))
    groups.sort(key=lambda g: (g.id is None, -g.summary.fail, -g.summary.missing))
    return replace(evaluation, indicators=indicators, programmes=programmes, units=groups)


def _marked(item: ItemResult, owner: dict[str, str]) -> ItemResult:
    entries = [replace(e, responsible_unit=owner.get(e.id)) for e in item.entries]
    return replace(item, responsible_unit=owner.get(item.id), entries=entries)


def _counts(rows: list[IndicatorResult | ItemResult]) -> Summary:
    """A unit's rows by status and level, counted as a file's are (judge/rollup.summarise)."""
    count = dict.fromkeys(STATUSES, 0)
    for r in rows:
        count[r.status] += 1
    errors = sum(r.level == "error" for r in rows)
    return Summary.of(count, errors=errors, warnings=sum(r.level == "warning" for r in rows))


def run_by_unit(plan: Plan, run: RunStream) -> RunStream:
    """Every file of the run grouped by unit, each as it is judged (the run stays a stream: nothing is held). A plan
    without a map is refused here, before any file is judged or written."""
    unit_map(plan)
    return RunStream(run.plan, run.errors, (by_unit(plan, ev) for ev in run.files()), run.validated())
