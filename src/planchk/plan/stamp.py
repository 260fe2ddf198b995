"""The plan a form was made for, as `planchk template` writes it and every reader finds it (docs/several-plans.md):

- a CSV: two columns after the others, `plan` and `plan_version` (规划编号, 规划版本), the same on every row; the
  header stays the first line, so a spreadsheet and a script read the file as before;
- the .xlsx form: the 填写说明 sheet, under its title, a label beside its value (规划编号 | <id>, 规划版本 |
  <version>); the data sheets are unchanged.

The same label-and-value pairs above a CSV's or a sheet's header (on one row or two) are read alike."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

# The columns `planchk template` adds to a CSV, and the headers read as them (reading/grid.py).
STAMP_COLUMNS = ("plan", "plan_version")
COLUMN_ALIASES = {
    "plan": "plan",
    "plan_id": "plan",
    "规划编号": "plan",
    "plan_version": "plan_version",
    "规划版本": "plan_version",
}
# A label beside its value (the .xlsx form's 填写说明, or a row above a header).
ID_LABELS = frozenset({"规划编号", "plan id", "plan_id"})
VERSION_LABELS = frozenset({"规划版本", "plan version", "plan_version"})
# What the .xlsx form writes.
WRITTEN = ("规划编号", "规划版本")


@dataclass(frozen=True, slots=True)
class Stamp:
    """The plan id and version a form names, the id's row and column (1-based), the name it goes by there (its
    label, 规划编号, or its column's header, plan), and the rows above a header that say it (none when it is said
    in columns)."""

    id: str
    version: str | None
    line: int
    column: int
    lines: frozenset[int] = frozenset()
    named: str | None = None


def _label(cell: str) -> str:
    return cell.strip().lstrip("\ufeff").rstrip(":：").strip().lower()


def find_stamp(rows: Iterable[tuple[int, list[str]]]) -> Stamp | None:
    """The stamp among `rows` (the rows above a header, or a sheet's first rows): the first plan id after its label,
    and the first version after its; None without a plan id."""
    found: dict[str, tuple[str, int, int, str]] = {}
    for line, cells in rows:
        for index, cell in enumerate(cells[:-1]):
            label = _label(cell)
            kind = "id" if label in ID_LABELS else "version" if label in VERSION_LABELS else None
            value = cells[index + 1].strip()
            if kind is not None and value and kind not in found:
                found[kind] = (value, line, index + 2, cell.strip().lstrip("\ufeff").rstrip(":：").strip())
    if "id" not in found:
        return None
    plan_id, line, column, named = found["id"]
    version = found.get("version")
    lines = frozenset({line, *((version[1],) if version else ())})
    return Stamp(plan_id, version[0] if version else None, line, column, lines, named)
