"""What an actual-year file must satisfy for one plan: the ids it may hold and how each one's value is read.

A typed view computed from a loaded plan: reading a file needs only this, not the plan's models.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from planchk.plan.load import bundled_plan_dir
from planchk.plan.measures import ReadAs
from planchk.plan.model import Plan
from planchk.plan.units import UnitMap

# How a value on an id's row is read: as its measure says (plan/measures.py: a number in the row's unit, a
# status word, or not at all: a named list is judged from its entries), or never (a derived value is computed
# by planchk).
Reads = Literal[ReadAs, "derived"]


@dataclass(frozen=True, slots=True)
class RowSpec:
    """One id's contract. `ids`: a named list's first entry ids, or the ids a derived value is computed from."""

    reads: Reads
    unit: str | None
    name_zh: str
    name_en: str
    ids: tuple[str, ...] = ()
    may_exceed_100: bool = False  # a % that can pass 100 (plan.schema.MAY_EXCEED_100)


@dataclass(frozen=True, slots=True)
class Derivation:
    """A value planchk computes: sum(numerator) / sum(denominator) * factor (Item.derived)."""

    item_id: str
    numerator: tuple[str, ...]
    denominator: tuple[str, ...]
    factor: float


@dataclass(frozen=True, slots=True)
class Contract:
    """The plan's ids with how each is read (`specs`), its 其中 parts, its derived values and its period."""

    plan_id: str
    plan_version: str
    period_start: int
    period_end: int
    specs: dict[str, RowSpec]
    parts_of: dict[str, list[str]]
    derivations: tuple[Derivation, ...] = ()
    units: UnitMap | None = None  # who answers for each id (units.yaml): a unit's form filling another's rows
    # The plan is planchk's bundled one, taken because no --plan was given: a form naming another plan is then
    # refused, not judged against targets nobody chose for it (reading.actuals, docs/several-plans.md).
    bundled: bool = False


def contract_of(plan: Plan) -> Contract:
    """Read off a loaded plan (the ids in the order indicators, items, entries)."""
    specs: dict[str, RowSpec] = {}
    for ind in plan.indicators:
        specs[ind.id] = RowSpec("number", ind.unit, ind.name.zh, ind.name.en, may_exceed_100=ind.may_exceed_100)
    derivations = []
    for item in plan.item_by_id.values():
        if item.derived is not None:
            inputs = (*item.derived.numerator, *item.derived.denominator)
            specs[item.id] = RowSpec("derived", item.unit, item.name.zh, item.name.en, inputs)
            derivations.append(
                Derivation(item.id, tuple(item.derived.numerator), tuple(item.derived.denominator), item.derived.factor)
            )
        else:
            reads = item.spec.reads
            first_entries = tuple(e.id for e in item.entries[:3]) if reads == "entries" else ()
            specs[item.id] = RowSpec(
                reads, item.unit, item.name.zh, item.name.en, first_entries, may_exceed_100=item.may_exceed_100
            )
    for entry_id, (_, entry) in plan.entry_by_id.items():
        specs[entry_id] = RowSpec("status", None, entry.name.zh, entry.name.en)
    return Contract(
        plan.meta.id,
        plan.meta.version,
        plan.meta.period_start,
        plan.meta.period_end,
        specs,
        {k: list(v) for k, v in plan.parts_of.items()},
        tuple(derivations),
        plan.units,
        bundled=plan.directory.resolve() == bundled_plan_dir().resolve(),
    )
