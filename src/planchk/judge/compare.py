"""The small rules every verdict uses: does a number meet a target, and if not what is said; how serious a miss
is; how much time passed and how much of the way was made."""

from __future__ import annotations

from planchk.numbers import EPSILON, sign
from planchk.numbers import format_number as fmt
from planchk.results import Level, Status, Verdict, verdict


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


def missed(actual: float, expected: float, comparator: str, *, say_short: bool = False) -> Verdict:
    """ "48.3 does not meet ≤47.8", for indicators and items alike; with `say_short`, how much is missing when
    the target is a floor (items)."""
    short = expected - actual
    if say_short and comparator in (">=", "range", ">", "approx") and short > 0:
        return verdict(
            "verdict.not_met_short", actual=fmt(actual), sign=sign(comparator), expected=fmt(expected), short=fmt(short)
        )
    return verdict("verdict.not_met", actual=fmt(actual), sign=sign(comparator), expected=fmt(expected))


def level_for(status: Status, binding: bool, hedged: bool) -> Level:
    """A miss is an error for a binding (约束性) target, never for a hedged one (力争, 左右)."""
    if status in ("pass", "not_due", "cannot_judge"):
        return "ok"
    return "error" if binding and not hedged else "warning"


def time_share(year: int, due: int, baseline_year: int) -> float:
    """The share of the time from the baseline to the due year that has passed by `year` (0 to 1)."""
    return min(1.0, max(0.0, (year - baseline_year) / (due - baseline_year)))


def gap_closed(actual: float | None, base: float | None, target: float) -> float | None:
    """The share of the way from `base` to `target` that `actual` has come; None without a value, a start, or a
    way to go (a target equal to its base)."""
    if actual is None or base is None or target == base:
        return None
    return (actual - base) / (target - base)
