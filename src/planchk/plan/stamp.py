"""The plan a form was made for, as `planchk template` writes it and every reader finds it: a row above the
header whose cells pair a label with its value, `规划编号,<plan id>,规划版本,<version>` (in English
`plan id,<plan id>,plan version,<version>`), or the same pairs on two rows (the .xlsx form's 填写说明 sheet).
A spreadsheet shows it as a row of cells; planchk reads past it without naming it a title line
(docs/several-plans.md)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

ID_LABELS = frozenset({"规划编号", "plan id"})
VERSION_LABELS = frozenset({"规划版本", "plan version"})
# What `planchk template` writes, by language.
WRITTEN = {"zh": ("规划编号", "规划版本"), "en": ("plan id", "plan version")}


@dataclass(frozen=True, slots=True)
class Stamp:
    """The plan id and version a form names, the id's row and column (1-based), and every row that says it."""

    id: str
    version: str | None
    line: int
    column: int
    lines: frozenset[int]


def _label(cell: str) -> str:
    return cell.strip().lstrip("\ufeff").rstrip(":：").strip().lower()


def find_stamp(rows: Iterable[tuple[int, list[str]]]) -> Stamp | None:
    """The stamp among `rows` (the rows above a header, or a sheet's first rows): the first plan id after its label,
    and the first version after its; None without a plan id."""
    found: dict[str, tuple[str, int, int]] = {}
    for line, cells in rows:
        for index, cell in enumerate(cells[:-1]):
            label = _label(cell)
            kind = "id" if label in ID_LABELS else "version" if label in VERSION_LABELS else None
            value = cells[index + 1].strip()
            if kind is not None and value and kind not in found:
                found[kind] = (value, line, index + 2)
    if "id" not in found:
        return None
    plan_id, line, column = found["id"]
    version = found.get("version")
    lines = frozenset({line, *((version[1],) if version else ())})
    return Stamp(plan_id, version[0] if version else None, line, column, lines)


def stamp_row(plan_id: str, version: str, lang: str) -> list[str]:
    """The row a CSV form opens with."""
    id_label, version_label = WRITTEN["zh" if lang == "zh" else "en"]
    return [id_label, plan_id, version_label, version]
