"""其中 rows must add up to their total (docs/rules.md#3-judging-a-year)."""

from __future__ import annotations

from planchk.diagnostics import Diagnostic, diagnostic
from planchk.numbers import EPSILON
from planchk.numbers import format_number as fmt
from planchk.reading.rows import ActualRow


def check_parts(file: str, parts_of: dict[str, list[str]], rows: dict[str, ActualRow]) -> list[Diagnostic]:
    """A warning for every total whose reported parts do not add up within the rounding of the figures."""
    found = []
    for total_id, part_ids in parts_of.items():
        total = rows.get(total_id)
        parts = [rows.get(p) for p in part_ids]
        if total is None or total.value is None:
            continue
        values = [p.value for p in parts if p is not None and p.value is not None]
        if len(values) != len(part_ids):
            continue
        reported = [total, *(p for p in parts if p is not None)]
        # Each reported figure may be off by half a unit of its own last digit: 4.3 = 2.97 + 1.21 may be off
        # by 0.05 + 0.005 + 0.005 in all, not by the coarsest half-unit three times over.
        tolerance = sum(0.5 * 10 ** -(r.decimals or 0) for r in reported)
        difference = sum(values) - total.value
        if abs(difference) <= tolerance + EPSILON:
            continue
        expr = " + ".join(fmt(v) for v in values)
        warning = diagnostic(
            file,
            "parts-sum",
            level="warning",
            line=total.line,
            value=total_id,
            expr=expr,
            total_sum=fmt(sum(values)),
            total_id=total_id,
            total=fmt(total.value),
            total_line=total.line,
        )
        found.append(total.locate(warning))  # at the total's value cell, in the file and sheet it came from
    return found
