"""Plan revisions: checking them, and the plan as in force for a year (docs/plan-format.md, revisions)."""

from __future__ import annotations

from planchk.diagnostics import Diagnostic, UsageError, problem
from planchk.messages import listing
from planchk.plan.model import Plan, PlanChange
from planchk.plan.schema import Indicator, Item, Revision


def revision_problems(
    file: str, revisions: list[Revision], indicators: dict[str, Indicator], items: dict[str, Item]
) -> list[Diagnostic]:
    """Revisions must name real targets, existing milestone years, and versions in order."""
    problems: list[Diagnostic] = []
    versions: set[str] = set()
    for rev in revisions:
        if rev.version in versions:
            problems.append(problem(file, "plan.revision_twice", value=rev.version, version=rev.version))
        versions.add(rev.version)
        for change in rev.changes:
            ind, item = indicators.get(change.target), items.get(change.target)
            if ind is None and item is None:
                problems.append(
                    problem(
                        file,
                        "plan.revision_unknown_target",
                        value=change.target,
                        version=rev.version,
                        target=change.target,
                    )
                )
            elif ind is not None and change.year not in [t.year for t in ind.targets]:
                problems.append(
                    problem(
                        file,
                        "plan.revision_no_milestone",
                        value=str(change.year),
                        version=rev.version,
                        target=change.target,
                        year=change.year,
                        years=listing(t.year for t in ind.targets),
                    )
                )
            elif item is not None and change.value is None and change.due is None:
                problems.append(
                    problem(
                        file,
                        "plan.revision_item_needs",
                        value=change.target,
                        version=rev.version,
                        target=change.target,
                    )
                )
    return problems


def with_revisions(plan: Plan, upto: list[Revision]) -> Plan:
    """The plan with the given revisions applied in order (the versions named in `upto`)."""
    if not upto:
        return plan
    indicators = {i.id: i for i in plan.indicators}
    items = dict(plan.item_by_id)
    applied: list[PlanChange] = []
    for rev in upto:
        for ch in rev.changes:
            if ch.target in indicators:
                ind = indicators[ch.target]
                targets = []
                for t in ind.targets:
                    if t.year == ch.year and ch.value is not None:
                        applied.append(PlanChange(rev.version, ch.target, t.year, "value", t.value, ch.value))
                        t = t.model_copy(
                            update={
                                "value": ch.value,
                                "comparator": ch.comparator or t.comparator,
                                "as_written": ch.as_written or f"{ch.value:g}",
                            }
                        )
                    targets.append(t)
                indicators[ch.target] = ind.model_copy(update={"targets": targets})
            else:
                item = items[ch.target]
                update: dict[str, object] = {}
                if ch.value is not None:
                    key = item.spec.due_field  # the number due: a range's lower bound
                    applied.append(PlanChange(rev.version, ch.target, None, key, getattr(item, key), ch.value))
                    update[key] = ch.value
                if ch.due is not None:
                    applied.append(PlanChange(rev.version, ch.target, None, "due", item.due, ch.due))
                    update["due"] = ch.due
                items[ch.target] = item.model_copy(update=update)
    programmes = [
        prog.model_copy(
            update={
                "subplans": [
                    sub.model_copy(update={"items": [items[i.id] for i in sub.items]}) for sub in prog.subplans
                ]
            }
        )
        for prog in plan.programmes
    ]
    meta = plan.meta.model_copy(update={"version": upto[-1].version, "version_date": upto[-1].date})
    return Plan(
        meta,
        plan.categories,
        [indicators[i.id] for i in plan.indicators],
        programmes,
        plan.rules,
        plan.conflicts,
        plan.directory,
        plan.revisions,
        plan.original_version,
        applied,
        plan.excluded,
        plan.units,
    )


def plan_in_force(plan: Plan, year: int, version: str | None = None, where: str = "--plan-version") -> Plan:
    """The version that applies to `year` (every revision effective by then), or the one named by `version`;
    an unknown one is a usage error at `where`, what the user typed it in (`plan diff`: its DIR@VERSION)."""
    if version is not None:
        if version == plan.original_version:
            return plan
        names = [r.version for r in plan.revisions]
        if version not in names:
            raise UsageError(
                [
                    problem(
                        where,
                        "usage.unknown_plan_version",
                        value=version,
                        plan=plan.meta.id,
                        version=version,
                        versions=listing([plan.original_version, *names]),
                    )
                ]
            )
        return with_revisions(plan, plan.revisions[: names.index(version) + 1])
    return with_revisions(plan, [r for r in plan.revisions if r.effective_from <= year])
