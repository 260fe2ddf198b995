"""What an actual-year CSV must satisfy for one plan: the ids it may hold and how each one's value is read.

This is all that reading a CSV and `validate` need of a plan. It is plain data (tuples, strings, numbers)
so the plan cache can keep it in marshal's format, which loads in tens of milliseconds even for a plan of
100 000 targets, where unpickling the full plan's Pydantic models takes about a second; `validate`
needs none of them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from planchk.plan import Plan

Reads = Literal["number", "status", "entries", "derived"]
# One id's contract: (reads, unit, name zh, name en, detail). `reads` says how a value on its row is read:
# a number in `unit`, a status word, not at all (a named list is judged from its entries; `detail` lists
# the first entry ids) or never (a derived value is computed; `detail` names the ids it comes from).
# A plain tuple, not a NamedTuple: marshal stores plain tuples only, and turning them back into NamedTuples
# would be one more pass over every id on every load.
RowSpec = tuple[Reads, "str | None", str, str, str]

# Bump when the data layout below changes, so an older cached contract is never read.
DATA_FORMAT = 1


@dataclass(frozen=True)
class Derivation:
    """A value planchk computes: sum(numerator) / sum(denominator) * factor (Item.derived)."""

    item_id: str
    numerator: tuple[str, ...]
    denominator: tuple[str, ...]
    factor: float


@dataclass(frozen=True)
class Contract:
    """The plan's ids with how each is read (`specs`), its 其中 parts, its derived values and its period."""

    plan_id: str
    plan_version: str
    period_start: int
    period_end: int
    specs: dict[str, RowSpec]
    parts_of: dict[str, list[str]]
    derivations: tuple[Derivation, ...] = ()

    def to_data(self) -> tuple:
        """Plain data for `marshal` (the plan cache)."""
        derivations = tuple((d.item_id, d.numerator, d.denominator, d.factor) for d in self.derivations)
        return (DATA_FORMAT, self.plan_id, self.plan_version, self.period_start, self.period_end, self.specs,
                self.parts_of, derivations)

    @classmethod
    def from_data(cls, data: object) -> Contract | None:
        """The contract from `to_data`'s output, or None when it is of another layout."""
        if not isinstance(data, tuple) or len(data) != 8 or data[0] != DATA_FORMAT:
            return None
        _, plan_id, version, start, end, specs, parts_of, derivations = data
        return cls(plan_id, version, start, end, specs, parts_of, tuple(Derivation(*d) for d in derivations))


def contract_of(plan: Plan) -> Contract:
    """Read off a loaded plan (the ids in the order indicators, items, entries)."""
    specs: dict[str, RowSpec] = {}
    for ind in plan.indicators:
        specs[ind.id] = ("number", ind.unit, ind.name.zh, ind.name.en, "")
    derivations = []
    for item in plan.item_by_id.values():
        if item.derived is not None:
            inputs = (*item.derived.numerator, *item.derived.denominator)
            specs[item.id] = ("derived", item.unit, item.name.zh, item.name.en, ", ".join(inputs))
            derivations.append(Derivation(item.id, tuple(item.derived.numerator), tuple(item.derived.denominator),
                                          item.derived.factor))
        elif item.measure == "named_list":
            specs[item.id] = ("entries", item.unit, item.name.zh, item.name.en,
                              ", ".join(e.id for e in item.entries[:3]))
        else:
            reads: Reads = "status" if item.measure == "completion" else "number"
            specs[item.id] = (reads, item.unit, item.name.zh, item.name.en, "")
    for entry_id, (_, entry) in plan.entry_by_id.items():
        specs[entry_id] = ("status", None, entry.name.zh, entry.name.en, "")
    return Contract(plan.meta.id, plan.meta.version, plan.meta.period_start, plan.meta.period_end, specs,
                    {k: list(v) for k, v in plan.parts_of.items()}, tuple(derivations))
