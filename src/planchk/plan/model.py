"""A loaded plan: both files' contents with the look-ups every command needs, built once."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from planchk.plan.schema import (
    Category,
    Conflict,
    Entry,
    Exclusion,
    Indicator,
    Item,
    PlanMeta,
    Programme,
    Revision,
    Rules,
)
from planchk.plan.units import UnitMap


@dataclass(frozen=True, slots=True)
class PlanChange:
    """What a revision changed, for reports: `target` (and milestone year) from `old` to `new`."""

    revision: str
    target: str
    year: int | None
    field: str
    old: float | None
    new: float | None


@dataclass(frozen=True)
class Plan:
    """Both files of one plan. The look-ups (by id, 其中 parts) are derived in __post_init__."""

    meta: PlanMeta
    categories: list[Category]
    indicators: list[Indicator]
    programmes: list[Programme]
    rules: Rules
    conflicts: list[Conflict]
    directory: Path
    revisions: list[Revision] = field(default_factory=list)
    original_version: str = ""
    changes: list[PlanChange] = field(default_factory=list)
    excluded: list[Exclusion] = field(default_factory=list)  # sentences of the text deliberately not encoded
    units: UnitMap | None = None  # who answers for what (units.yaml), when the plan has a map
    indicator_by_id: dict[str, Indicator] = field(init=False, repr=False, compare=False)
    item_by_id: dict[str, Item] = field(init=False, repr=False, compare=False)
    entry_by_id: dict[str, tuple[Item, Entry]] = field(init=False, repr=False, compare=False)
    parts_of: dict[str, list[str]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        parts: dict[str, list[str]] = {}
        for ind in self.indicators:
            if ind.part_of:
                parts.setdefault(ind.part_of, []).append(ind.id)
        items = {item.id: item for prog in self.programmes for item in prog.items()}
        # A frozen dataclass sets its derived fields through object.__setattr__.
        object.__setattr__(self, "indicator_by_id", {i.id: i for i in self.indicators})
        object.__setattr__(self, "item_by_id", items)
        object.__setattr__(self, "entry_by_id", {e.id: (item, e) for item in items.values() for e in item.entries})
        object.__setattr__(self, "parts_of", parts)
        if not self.original_version:
            object.__setattr__(self, "original_version", self.meta.version)

    def all_ids(self) -> list[str]:
        return [*self.indicator_by_id, *self.item_by_id, *self.entry_by_id]

    def pending_review(self) -> list[str]:
        """Ids of the targets still marked `review: pending` (drafted, not yet held against the text)."""
        return [i.id for i in self.indicators if i.review == "pending"] + [
            i.id for i in self.item_by_id.values() if i.review == "pending"
        ]

    def milestone_years(self) -> list[int]:
        return sorted({t.year for ind in self.indicators for t in ind.targets})

    def midterm_year(self) -> int:
        """The year a mid-term evaluation (中期评估) judges, all from the plan: the year it names
        (`plan.midterm_year`), else its indicators' first mid-period milestone (2022 for Dadukou), else the middle
        of the period (2028 for 2026–2030, 2018 for 2016–2020)."""
        start, end = self.meta.period_start, self.meta.period_end
        if self.meta.midterm_year is not None:
            return self.meta.midterm_year
        inside = [y for y in self.milestone_years() if start <= y < end]
        return inside[0] if inside else start + (end - start) // 2

    def for_unit(self, unit: str) -> Plan:
        """The plan cut to the indicators and items `unit` answers for (an item keeps its named entries): what
        that unit's form holds (`template --unit`)."""
        owner = self.units.owner if self.units is not None else {}
        mine = {id_ for id_, u in owner.items() if u == unit}
        programmes = []
        for prog in self.programmes:
            subplans = [
                sub.model_copy(update={"items": [i for i in sub.items if i.id in mine]}) for sub in prog.subplans
            ]
            if any(sub.items for sub in subplans):
                programmes.append(prog.model_copy(update={"subplans": [s for s in subplans if s.items]}))
        return replace(self, indicators=[i for i in self.indicators if i.id in mine], programmes=programmes)

