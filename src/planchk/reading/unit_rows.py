"""A unit's form that fills another unit's rows (docs/rules.md#one-year-from-several-files): each office fills
its own copy, named after it (2023-人事科.xlsx, `template --unit`); a figure given in a copy named for a unit
that does not answer for its id (the plan's units.yaml) is a warning naming the unit and the id. The figure is
still read: the warning asks for it to be checked, it does not refuse it."""

from __future__ import annotations

from pathlib import PurePath

from planchk.diagnostics import Diagnostic, notice
from planchk.plan.units import NO_UNIT, UnitMap
from planchk.reading.grid import Part


def others_rows(parts: list[Part], units: UnitMap | None) -> list[Diagnostic]:
    """A warning at each row filled in a part whose file is named for a unit that does not answer for its id."""
    if units is None:
        return []
    found: list[Diagnostic] = []
    for part in parts:
        named = units.in_file_name(PurePath(part.file).stem)
        if named is None:
            continue
        for id_, line in part.seen.items():
            owner = units.owner.get(id_)
            if id_ in part.unfilled or owner == named.id:
                continue
            answers = units.by_id[owner].name if owner is not None else NO_UNIT
            found.append(
                part.locate(
                    notice(
                        part.file,
                        "notice.unit_row_not_its_own",
                        line=line,
                        value=id_,
                        id=id_,
                        unit=named.name,
                        owner=answers,
                    )
                )
            )
    return found
