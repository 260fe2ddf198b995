"""The small rules every verdict uses: does a number meet a target, how serious is a miss, how much time passed."""

from __future__ import annotations

from planchk.numbers import EPSILON
from planchk.results import Level, Status


def compare(actual: float, expected: float, comparator: str, tolerance: float = 0.0) -> bool:
    """Does `actual` meet `expected` under the comparator? ('range' is judged on its lower bound.)"""
    if comparator in (">=", "range"):
        return actual >= expected - EPSILON
    if comparator == ">":
        return actual > expected + EPSILON
    if comparator == "<=":
        return actual <= expected + EPSILON
    if comparator == "==":
        return abs(actual - expected) <= EPSILON
    if comparator == "approx":
        return actual >= expected * (1 - tolerance) - EPSILON
    raise ValueError(f"comparator {comparator!r} does not compare two numbers")


def level_for(status: Status, binding: bool, hedged: bool) -> Level:
    """A miss is an error for a binding (约束性) target, never for a hedged one (力争, 左右)."""
    if status in ("pass", "not_due", "cannot_judge"):
        return "ok"
    return "error" if binding and not hedged else "warning"


def time_share(year: int, due: int, baseline_year: int) -> float:
    """The share of the time from the baseline to the due year that has passed by `year` (0 to 1)."""
    return min(1.0, max(0.0, (year - baseline_year) / (due - baseline_year)))
